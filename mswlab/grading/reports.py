"""Reports from the nbgrader gradebook: CSWE competency attainment by measure, and item analysis.

``mswlab course report competencies`` answers the accreditation question "what share of
students reach the benchmark on each measure of each competency?", in the shape a CSWE
self-study asks for. Which competencies a graded cell assesses is written in that cell's
metadata in the source notebook, ``source/<assignment>/<notebook>.ipynb``, as
``metadata.mswlab.competencies`` (a list of CSWE 2022 EPAS numbers, 1-9). The mapping sits
beside the cell it describes, so it is reviewed and moved with the cell, and ``mswlab check``
holds it to the module's list in the curriculum; the gradebook cannot hold it, as nbgrader
stores no cell metadata. A graded cell without the key counts towards no competency.

A measure is one mapped graded cell: one part of one assignment. Its kind says what evidence
it gives. A graded task's part (``datasets/assignments/``) of kind ``choice`` is a knowledge
measure (recognition items); ``compute``, ``sort`` and ``write`` parts are practice-based (the
student acts on a simulated case), and so is a reflection marked by rubric (a practice-based
product). Any other autograded cell, such as the licensing-exam items, is a knowledge measure.

The benchmark is the share of a measure's points a student must reach (``--expected``,
default 0.8). For each measure the report gives the students counted, those at or above the
benchmark and their percentage; a student is counted only when they submitted the
assignment and the cell's marking is complete. A missing submission is a gap in the
evidence, not evidence of low attainment; a grade awaiting manual marking is left out and
counted. Each competency's overall line pools a student's points over its measures (over the
assignments they submitted), and counts the student only when none of those is pending, so
a partly marked student never passes for a complete one. Competencies with fewer than two
measures, or with none practice-based, are flagged (the 2022 EPAS asks for both). Late
penalties are not subtracted: they say when work came in, not what it shows.

Figures are given for all students and, with ``--by section`` or ``--by cohort``, for each
group on the roster (the Canvas roster of ``mswlab.grading.canvas``; a cohort column is read
when it has one). ``--term`` labels the report.

JSON keys: ``term``; ``benchmark``; ``by``; ``groups`` (labels, "all students" first);
``assignments`` (ids covered, gradebook order); ``students`` (with a submission to any of
them); ``left_out_pending`` (``grades`` and ``students`` awaiting manual marking);
``competencies``, one object per CSWE competency with ``number``, ``name``, ``flags``,
``measures`` (each with ``assignment``, ``notebook``, ``cell``, ``part``, ``describes``,
``kind``, ``how``, ``points`` and ``results``), ``overall`` (``results`` and ``shares``,
student id -> pooled share); ``notes``. A ``results`` object maps each group to ``students``
(counted), ``at_or_above``, ``percent`` (null when no student is counted) and
``left_out_pending``. The CSV has one row per measure and one overall row per competency,
for each group.

``mswlab course report items ASSIGNMENT`` gives each graded cell's mean, difficulty and
discrimination; see ``item_report``. Pure functions take plain data; reading the gradebook,
the roster and writing files happen at the edges.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mswlab.content import competencies
from mswlab.content.base import COMPETENCIES, competency_field_problem
from mswlab.errors import ValidationError
from mswlab.templates import render

MIN_STUDENTS = 10
GROUP_SHARE = 0.27
VERY_EASY, VERY_HARD = 0.95, 0.2
KNOWLEDGE, PRACTICE = "knowledge", "practice-based"
ALL = "all students"
OFF_ROSTER = "not on the roster"
HOW = {"choice": "recognition items", "compute": "computed", "sort": "sorting a case", "write": "written, rule-checked"}
RUBRIC, AUTOGRADED = "written, marked by rubric", "autograded"


@dataclass(frozen=True)
class CellGrade:
    """One student's grade on one graded cell of a submission."""

    assignment: str
    notebook: str
    cell: str
    student: str
    score: float
    max_score: float
    needs_manual_grade: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.assignment, self.notebook, self.cell)


@dataclass(frozen=True)
class Measure:
    """What one graded cell measures, and whether it is evidence of knowledge or of (simulated) practice."""

    part: str  # the part's heading in the notebook ("Part A: ..."), or the grade id
    describes: str  # the graded task's own words for what it measures; "" when it has none
    kind: str  # KNOWLEDGE or PRACTICE
    how: str  # recognition items, computed, sorting a case, written (rule-checked or by rubric), autograded


# ---------------------------------------------------------------- reading (I/O edge)


def course_folder(arg: str | None) -> Path:
    return Path(arg) if arg else Path.cwd()


def read_gradebook(course: Path) -> tuple[list[str], list[CellGrade]]:
    """Assignment ids in gradebook order, and every grade of every submission."""
    db = course / "gradebook.db"
    if not db.is_file():
        # Checked first: opening a missing gradebook would quietly create an empty one.
        raise ValidationError(
            "no gradebook here; run the report from the nbgrader course folder "
            "(or pass --course-dir) after autograding",
            file=str(db),
        )
    from nbgrader.api import Gradebook  # imported here: nbgrader takes seconds to import

    # course_id "" (nbgrader's own default) so that opening the gradebook adds no course row.
    with Gradebook(f"sqlite:///{db}", course_id="") as gb:
        assignments = [a.name for a in gb.assignments]
        grades = [
            CellGrade(
                name, nb.name, g.name, sub.student_id, float(g.score), float(g.max_score), bool(g.needs_manual_grade)
            )
            for name in assignments
            for sub in gb.assignment_submissions(name)
            for nb in sub.notebooks
            for g in nb.grades
        ]
    return assignments, grades


def read_competency_map(course: Path, assignments: list[str]) -> tuple[dict, list[str], dict]:
    """(assignment, notebook, grade_id) -> competency numbers, from the source notebooks, in notebook
    order; notes; and (assignment, notebook, grade_id) -> its ``Measure``."""
    import nbformat

    mapping: dict[tuple[str, str, str], list[int]] = {}
    measures: dict[tuple[str, str, str], Measure] = {}
    notes: list[str] = []
    for assignment in assignments:
        folder = course / "source" / assignment
        paths = sorted(folder.glob("*.ipynb"))
        if not paths:
            notes.append(f"No source notebook in source/{assignment}/, so its cells count towards no competency.")
        for path in paths:
            shown = path.relative_to(course).as_posix()
            try:
                nb = nbformat.read(str(path), as_version=4)
            except Exception as err:
                raise ValidationError(f"cannot be read as a notebook ({err})", file=shown) from None
            parts = _task_parts(assignment)
            heading = ""
            for cell in nb.cells:
                if cell.cell_type == "markdown" and cell.source.startswith("## "):
                    heading = cell.source.splitlines()[0].removeprefix("## ").split(" (")[0]
                meta = cell.metadata.get("nbgrader", {})
                ours = cell.metadata.get("mswlab", {})
                value = ours.get("competencies") if isinstance(ours, dict) else None
                if not meta.get("grade") or value is None:
                    continue
                problem = competency_field_problem(value, list(COMPETENCIES))
                if problem:
                    raise ValidationError(problem, file=shown, entry=meta.get("grade_id"))
                key = (assignment, path.stem, meta.get("grade_id"))
                mapping[key] = sorted(set(value))
                measures[key] = _measure(cell.cell_type, heading or key[2], parts.get(key[2].removeprefix("test_")))
    return mapping, notes, measures


def _task_parts(assignment: str) -> dict:
    """Part id -> part, for an assignment's graded tasks (none without a task file)."""
    from mswlab import tasks

    if not tasks.task_path(assignment).is_file():
        return {}
    return {p.id: p for p in tasks.load(assignment).parts}


def _measure(cell_type: str, part_name: str, part: Any) -> Measure:
    if part is not None:
        return Measure(part_name, part.measures, PRACTICE if part.performance else KNOWLEDGE, HOW[part.kind])
    if cell_type == "markdown":
        return Measure(part_name, "", PRACTICE, RUBRIC)
    return Measure(part_name, "", KNOWLEDGE, AUTOGRADED)


def read_groups(roster: Path, by: str, students: list[str]) -> dict[str, str]:
    """nbgrader student id -> section (or cohort) label, from the roster (ours, or Canvas's own export,
    matched as the Canvas exporter matches it); a problem names the file."""
    from mswlab.grading.roster import read_roster

    if not roster.is_file():
        raise ValidationError(
            f"roster not found, so the report cannot be split by {by}; give it with --roster FILE "
            "(the roster the Canvas export uses)",
            file=str(roster),
        )
    entries = [e for e in read_roster(roster).matched(students)[0] if e.nbgrader_id]
    if by == "section":
        return {e.nbgrader_id: e.section or "no section" for e in entries}
    with open(roster, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        column = next((c for c in reader.fieldnames or [] if c.strip().lower() == "cohort"), None)
        if column is None:
            raise ValidationError(
                "line 1: the header has no 'cohort' column; add one (a label per student, such as "
                "'2025 full-time') or report --by section",
                file=str(roster),
            )
        cohorts: dict[int, str] = {}
        for row in reader:  # by line, as the roster's entries are numbered
            cohorts[reader.line_num] = (row[column] or "").strip()
    return {e.nbgrader_id: cohorts.get(e.line) or "no cohort" for e in entries}


# ---------------------------------------------------------------- competency report (pure)


def competency_report(
    assignments: list[str],
    grades: list[CellGrade],
    mapping: dict,
    names: dict[int, str],
    expected: float = 0.8,
    notes: list[str] | None = None,
    measures: dict | None = None,
    groups: dict[str, str] | None = None,
    by: str | None = None,
    term: str | None = None,
) -> dict:
    """Each competency's measures and overall line, with the share of students at or above the benchmark
    ``expected``, for all students and for each group in ``groups`` (student -> label); see the module
    docstring."""
    covered = [a for a in assignments if any(key[0] == a for key in mapping)]
    relevant = [g for g in grades if g.assignment in covered and g.key in mapping]
    students = sorted({g.student for g in grades if g.assignment in covered})
    members = _group_members(students, groups)
    notes = list(notes or [])
    off = members.get(OFF_ROSTER, [])
    if off:
        notes.append(f"{len(off)} student(s) in the gradebook are not on the roster: {', '.join(off)}.")
    pending = [g for g in relevant if g.needs_manual_grade]
    rows = []
    for number in sorted(names):
        cells = [key for key, numbers in mapping.items() if number in numbers]
        found = [_measure_row(key, (measures or {}).get(key), relevant, members, expected) for key in cells]
        overall, shares = _overall(cells, relevant, members, expected)
        rows.append(
            {
                "number": number,
                "name": names[number],
                "flags": _flags(found),
                "measures": found,
                "overall": {"results": overall, "shares": shares},
            }
        )
    return {
        "term": term or None,
        "benchmark": expected,
        "by": by if groups is not None else None,
        "groups": list(members),
        "assignments": covered,
        "students": len(students),
        "left_out_pending": {"grades": len(pending), "students": len({g.student for g in pending})},
        "competencies": rows,
        "notes": notes,
    }


def _group_members(students: list[str], groups: dict[str, str] | None) -> dict[str, list[str]]:
    """Group label -> its students: all students first, then the groups by label, then anyone off the roster."""
    members = {ALL: students}
    if groups is None:
        return members
    for label in sorted({groups[s] for s in students if s in groups}):
        members[label] = [s for s in students if groups.get(s) == label]
    off = [s for s in students if s not in groups]
    if off:
        members[OFF_ROSTER] = off
    return members


def _measure_row(key: tuple, measure: Measure | None, relevant: list[CellGrade], members: dict, expected: float):
    m = measure or Measure(key[2], "", KNOWLEDGE, AUTOGRADED)
    mine = [g for g in relevant if g.key == key]
    shares = {g.student: g.score / g.max_score for g in mine if not g.needs_manual_grade and g.max_score > 0}
    pending = {g.student for g in mine if g.needs_manual_grade}
    return {
        "assignment": key[0],
        "notebook": key[1],
        "cell": key[2],
        "part": m.part,
        "describes": m.describes,
        "kind": m.kind,
        "how": m.how,
        "points": max((g.max_score for g in mine), default=None),
        "results": {label: _tally(shares, pending, who, expected) for label, who in members.items()},
    }


def _overall(cells: list, relevant: list[CellGrade], members: dict, expected: float) -> tuple[dict, dict]:
    """Points pooled over a competency's measures; a student with any of them pending is left out."""
    wanted = set(cells)
    earned: dict[str, float] = defaultdict(float)
    possible: dict[str, float] = defaultdict(float)
    pending: set[str] = set()
    for g in relevant:
        if g.key not in wanted:
            continue
        if g.needs_manual_grade:
            pending.add(g.student)
        earned[g.student] += g.score
        possible[g.student] += g.max_score
    shares = {s: earned[s] / possible[s] for s in sorted(possible) if possible[s] > 0 and s not in pending}
    results = {label: _tally(shares, pending, who, expected) for label, who in members.items()}
    return results, {s: round(v, 4) for s, v in shares.items()}


def _tally(shares: dict[str, float], pending: set[str], who: list[str], expected: float) -> dict:
    counted = [shares[s] for s in who if s in shares]
    at = sum(1 for share in counted if share >= expected - 1e-9)  # 4/5 reaches 0.8, whatever the float error
    return {
        "students": len(counted),
        "at_or_above": at,
        "percent": round(100 * at / len(counted), 1) if counted else None,
        "left_out_pending": sum(1 for s in who if s in pending),
    }


def _flags(found: list[dict]) -> list[str]:
    flags = []
    if len(found) < 2:
        flags.append(f"{'only one measure' if found else 'no measure'}; at least two are expected")
    if not any(m["kind"] == PRACTICE for m in found):
        flags.append("no measure in real or simulated practice")
    return flags


def method_paragraph(report: dict) -> str:
    """The method in one paragraph, in words a program director can paste into the self-study."""
    listed = ", ".join(report["assignments"]) or "none"
    level = f"{report['benchmark']:.0%}"
    term = f" in {report['term']}" if report["term"] else ""
    split = [g for g in report["groups"] if g != ALL]
    groups = f", and for each {report['by']} ({', '.join(split)})" if split else ""
    left = report["left_out_pending"]
    pending = (
        f"{left['grades']} grade(s) of {left['students']} student(s) were still awaiting marking and are left out "
        "where they apply"
        if left["grades"]
        else "no marking was pending"
    )
    flagged = ", ".join(str(c["number"]) for c in report["competencies"] if c["flags"])
    flag_text = f"competencies {flagged} fall short and are flagged" if flagged else "every competency meets it"
    return (
        "Each of the nine CSWE 2022 EPAS competencies is assessed with the graded parts of course assignments "
        f"mapped to it ({len(report['assignments'])} assignment(s): {listed}); each part is one measure. "
        "Knowledge measures are recognition items scored automatically. Practice-based measures ask the student "
        "to act on a simulated case, by computing a result, sorting the case's facts or writing a product checked "
        "by rules, or by writing a reflection the instructor marks against a rubric. The benchmark for every "
        f"measure is {level} of its points. Each measure's figure is the percentage of students who submitted it "
        "and reached the benchmark; each competency's overall figure is the percentage whose points, pooled "
        "across its measures, reach the same benchmark. A student is counted on a measure only once its marking "
        "is complete, and on a competency's overall line only once all of its measures they submitted are "
        f"marked; {pending}. Students who did not submit an assignment are not counted on its measures. "
        f"Results cover {report['students']} student(s){term}{groups}. The 2022 EPAS expects each competency "
        "to be assessed with at least two measures, at least one of them in real or simulated practice; "
        f"{flag_text}."
    )


CSV_COLUMNS = [
    "term",
    "by",
    "group",
    "competency",
    "competency_name",
    "row",
    "assignment",
    "part",
    "measures",
    "kind",
    "how",
    "points",
    "benchmark",
    "students_counted",
    "at_or_above",
    "percent_at_or_above",
    "left_out_pending",
    "flags",
]


def competencies_csv(report: dict) -> str:
    """One row per measure and one overall row per competency, for each group."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    by = report["by"] or "all"
    for group in report["groups"]:
        for c in report["competencies"]:
            head = [report["term"] or "", by, group, c["number"], c["name"]]
            flags = "; ".join(c["flags"])
            for m in c["measures"]:
                describe = [m["assignment"], m["part"], m["describes"], m["kind"], m["how"], m["points"]]
                writer.writerow(head + ["measure", *describe, *_figures(report, m["results"][group]), flags])
            overall = ["overall", "", "all measures", "", "", "", ""]
            writer.writerow(head + overall + _figures(report, c["overall"]["results"][group]) + [flags])
    return out.getvalue()


def _figures(report: dict, result: dict) -> list:
    percent = "" if result["percent"] is None else result["percent"]
    return [report["benchmark"], result["students"], result["at_or_above"], percent, result["left_out_pending"]]


def competency_figure(report: dict):
    """Bars: percent of students at or above the benchmark on each competency's overall line, per group.

    The axis is a share of students (0-100), so the benchmark, a share of points, is not drawn on it."""
    import plotly.graph_objects as go

    shown = [c for c in report["competencies"] if c["overall"]["results"][ALL]["percent"] is not None]
    fig = go.Figure()
    for group in report["groups"]:
        results = [c["overall"]["results"][group] for c in shown]
        fig.add_trace(
            go.Bar(
                name=group,
                x=[f"C{c['number']}" for c in shown],
                y=[r["percent"] for r in results],
                text=["" if r["percent"] is None else f"{r['percent']:g}%" for r in results],
                textposition="outside",
                cliponaxis=False,
                customdata=[[c["name"], r["at_or_above"], r["students"]] for c, r in zip(shown, results)],
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]} of %{customdata[2]} students"
                f"<extra>{group}</extra>",
            )
        )
    fig.update_layout(
        title=f"Students at or above the benchmark ({report['benchmark']:.0%} of the points), by CSWE competency",
        xaxis_title="CSWE 2022 EPAS competency (overall line)",
        yaxis_title="Percent of students at or above the benchmark",
        barmode="group",
        showlegend=len(report["groups"]) > 1,
        height=440,
        margin=dict(l=70, r=20, t=80, b=50),
    )
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    return fig


def competencies_html(report: dict) -> str:
    groups = report["groups"]
    rows = []
    for c in report["competencies"]:
        rows.append({"head": f"Competency {c['number']}: {c['name']}", "flags": c["flags"]})
        for m in c["measures"]:
            part = f"{m['part']}: {m['describes']}" if m["describes"] else m["part"]
            cells = [m["assignment"], part, f"{m['kind']} ({m['how']})", f"{report['benchmark']:.0%}"]
            rows.append({"cells": cells + [_result_text(m["results"][g]) for g in groups]})
        overall = ["", "Overall: all measures pooled", "", f"{report['benchmark']:.0%}"]
        figures = [_result_text(c["overall"]["results"][g]) if c["measures"] else "not assessed" for g in groups]
        rows.append({"cells": overall + figures, "overall": True})
    title = f"Competency report: {report['term']}" if report["term"] else "Competency report"
    return render(
        "competencies.html.j2",
        title=title,
        method=method_paragraph(report),
        pending=pending_sentence(report),
        chart=Markup(competency_figure(report).to_html(full_html=False, include_plotlyjs=True)),
        groups=groups,
        rows=rows,
        notes=report["notes"],
    )


def _result_text(result: dict) -> str:
    if result["percent"] is None:
        text = "no student counted"
    else:
        text = f"{result['percent']:g}% ({result['at_or_above']} of {result['students']})"
    return text + (f"; {result['left_out_pending']} left out, marking pending" if result["left_out_pending"] else "")


def pending_sentence(report: dict) -> str:
    left = report["left_out_pending"]
    if not left["grades"]:
        return ""
    return (
        f"{left['grades']} grade(s) of {left['students']} student(s) still need manual grading and are left out; "
        "finish grading in Formgrader and run the report again."
    )


# ---------------------------------------------------------------- item analysis (pure)


def item_report(assignment: str, grades: list[CellGrade], minimum: int = MIN_STUDENTS) -> dict:
    """Mean, difficulty and discrimination of each graded cell of ``assignment``.

    Students counted: those with a submission that is fully graded (a grade still waiting
    for manual grading would count as zero and distort every index; they are left out and
    counted). Difficulty p = mean score / max points. Discrimination: (a) the
    point-biserial, i.e. the Pearson correlation of the cell score with the rest score (the
    student's assignment total minus that cell); (b) the upper-lower index, p in the top
    27% by total minus p in the bottom 27%. The group size is 27% of the students rounded
    half up (at least 1); a student tied on total with the last one in a group joins the
    group, so groups can be larger, and if the two groups would then share a student the
    index is not given. When every student has the same score on the cell, neither index
    is given, and ``note`` says why. Flags: p > 0.95 "very easy", p < 0.2 "very hard",
    either index below zero "negative discrimination". Cells are listed by notebook, then
    grade id.
    """
    mine = [g for g in grades if g.assignment == assignment]
    pending = sorted({g.student for g in mine if g.needs_manual_grade})
    graded = [g for g in mine if g.student not in pending]
    students = sorted({g.student for g in graded})
    n = len(students)
    base = {"assignment": assignment, "students": n, "left_out_needing_manual_grade": len(pending)}
    if n < minimum:
        message = (
            f"Item analysis needs at least {minimum} students with a fully graded submission "
            f"of '{assignment}'; there {'is' if n == 1 else 'are'} {n}."
        )
        if pending:
            message += f" {len(pending)} more submitted but still need manual grading."
        return {**base, "enough_students": False, "message": message}

    cells = sorted({(g.notebook, g.cell) for g in graded})
    score = {(g.student, g.notebook, g.cell): g.score for g in graded}
    max_points = {(g.notebook, g.cell): g.max_score for g in graded}
    total = {s: sum(score.get((s, *c), 0.0) for c in cells) for s in students}
    upper, lower = _extreme_groups(students, total)
    items = []
    for cell in cells:
        x = [score.get((s, *cell), 0.0) for s in students]
        top = max_points[cell] or 1.0
        mean = sum(x) / n
        item: dict[str, Any] = {
            "notebook": cell[0],
            "cell": cell[1],
            "max_points": max_points[cell],
            "mean": round(mean, 4),
            "difficulty": round(mean / top, 4),
            "point_biserial": None,
            "upper_lower": None,
            "note": "",
            "flags": [],
        }
        if len(set(x)) == 1:
            item["note"] = (
                "every student counted has the same score on this cell, so it cannot "
                "tell students apart (discrimination n/a)"
            )
        else:
            r = _pearson(x, [total[s] - xi for s, xi in zip(students, x)])
            if r is None:
                item["note"] = (
                    "every student has the same score on the rest of the assignment, so the point-biserial is n/a"
                )
            else:
                item["point_biserial"] = round(r, 4)
            if set(upper) & set(lower):
                item["note"] = (item["note"] + "; " if item["note"] else "") + (
                    "totals are too tied to form separate upper and lower groups, so the upper-lower index is n/a"
                )
            else:
                p_upper = sum(score.get((s, *cell), 0.0) for s in upper) / len(upper) / top
                p_lower = sum(score.get((s, *cell), 0.0) for s in lower) / len(lower) / top
                item["upper_lower"] = round(p_upper - p_lower, 4)
        p = mean / top
        if p > VERY_EASY:
            item["flags"].append("very easy")
        if p < VERY_HARD:
            item["flags"].append("very hard")
        if any(v is not None and v < 0 for v in (item["point_biserial"], item["upper_lower"])):
            item["flags"].append("negative discrimination")
        items.append(item)
    return {
        **base,
        "enough_students": True,
        "group_size": _group_size(n),
        "upper_group": len(upper),
        "lower_group": len(lower),
        "items": items,
    }


def _group_size(n: int) -> int:
    return max(1, math.floor(GROUP_SHARE * n + 0.5))


def _extreme_groups(students: list[str], total: dict[str, float]) -> tuple[list[str], list[str]]:
    """Top and bottom 27% by total; ties with the last one in a group join it."""
    ranked = sorted(students, key=lambda s: total[s], reverse=True)
    g = _group_size(len(students))
    upper_cut, lower_cut = total[ranked[g - 1]], total[ranked[-g]]
    return ([s for s in ranked if total[s] >= upper_cut], [s for s in ranked if total[s] <= lower_cut])


def _pearson(x: list[float], y: list[float]) -> float | None:
    """Pearson's r, or None where it is undefined (a list that does not vary, or fewer than two)."""
    try:
        return statistics.correlation(x, y)
    except statistics.StatisticsError:
        return None


ITEM_COLUMNS = [
    "notebook",
    "cell",
    "max_points",
    "mean",
    "difficulty",
    "point_biserial",
    "upper_lower",
    "flags",
    "note",
]


def items_csv(report: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ITEM_COLUMNS)
    for item in report["items"]:
        writer.writerow(
            ["n/a" if item[k] is None else "; ".join(item[k]) if k == "flags" else item[k] for k in ITEM_COLUMNS]
        )
    return out.getvalue()


def _left_out_sentence(report: dict) -> str:
    n = report["left_out_needing_manual_grade"]
    return f"{n} more student(s) submitted but still need manual grading and are left out." if n else ""


def items_html(report: dict) -> str:
    return render(
        "items.html.j2",
        title=f"Item analysis: {report['assignment']}",
        students=report["students"],
        upper=report["upper_group"],
        lower=report["lower_group"],
        left_out=_left_out_sentence(report),
        columns=ITEM_COLUMNS,
        rows=[["; ".join(i[k]) if k == "flags" else i[k] for k in ITEM_COLUMNS] for i in report["items"]],
    )


# ---------------------------------------------------------------- output and commands


def _emit(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            raise ValidationError(f"cannot be written ({err.strerror})", file=output) from None
        print(f"wrote {output}")
    else:
        sys.stdout.write(text)


def main_competencies(args: argparse.Namespace) -> int:
    if not 0 < args.expected <= 1:
        raise ValidationError(
            f"is {args.expected}; give a share of points between 0 and 1, like 0.8", field="--expected"
        )
    course = course_folder(args.course_dir)
    assignments, grades = read_gradebook(course)
    mapping, notes, measures = read_competency_map(course, assignments)
    groups = None
    if args.by:
        roster = Path(args.roster) if args.roster else course / "roster.csv"
        groups = read_groups(roster, args.by, sorted({g.student for g in grades}))
    names = {c.number: c.name for c in competencies().competencies}
    term = (args.term or "").strip() or None
    report = competency_report(
        assignments, grades, mapping, names, args.expected, notes, measures, groups, args.by, term
    )
    if args.format == "json":
        text = json.dumps(report, indent=2) + "\n"
    elif args.format == "html":
        text = competencies_html(report)
    else:
        text = competencies_csv(report)
        for note in [pending_sentence(report), *report["notes"]]:  # the CSV has no room for them
            if note:
                print(f"note: {note}", file=sys.stderr)
    _emit(text, args.output)
    return 0


def main_items(args: argparse.Namespace) -> int:
    assignments, grades = read_gradebook(course_folder(args.course_dir))
    if args.assignment not in assignments:
        raise ValidationError(
            f"is not in the gradebook (it has: {', '.join(assignments) or 'none'})", entry=args.assignment
        )
    report = item_report(args.assignment, grades)
    if args.format == "json":
        _emit(json.dumps(report, indent=2) + "\n", args.output)
    elif not report["enough_students"]:
        if args.output:  # asked for a file that cannot be made: say so and fail, never exit 0 with no file
            raise ValidationError(f"was not written: {report['message']}", file=args.output)
        print(report["message"])  # nothing to tabulate; say so instead of printing an empty table
    elif args.format == "html":
        _emit(items_html(report), args.output)
    else:
        _emit(items_csv(report), args.output)
        if report["left_out_needing_manual_grade"]:
            print(f"note: {_left_out_sentence(report)}", file=sys.stderr)
    return 0
