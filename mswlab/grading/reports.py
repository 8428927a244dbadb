"""Reports from the nbgrader gradebook: CSWE competency attainment and item analysis.

``mswlab course report competencies`` answers the accreditation question "what share of
students reach the expected level on each competency?". Which competencies a graded cell
assesses is written in that cell's metadata in the source notebook,
``source/<assignment>/<notebook>.ipynb``, as ``metadata.mswlab.competencies`` (a list of
CSWE 2022 EPAS numbers, 1-9). The mapping sits beside the cell it describes, so it is
reviewed and moved with the cell, and ``mswlab check`` holds it to the module's list in
the curriculum; the gradebook cannot hold it, as nbgrader stores no cell metadata. A
graded cell without the key counts towards no competency.

For each competency, a student's share is points earned / points possible over the graded
cells mapped to it, summed over every assignment with mapped cells, but only over the
assignments the student submitted: a missing submission is a gap in the evidence, not
evidence of low attainment (Canvas shows who is missing). Grades still waiting for manual
grading are left out of both sums, and the report says how many. A student is counted
for a competency when some of its points were graded; the report gives the percentage of
counted students whose share is at least the expected level (default 0.8). Late
penalties are not subtracted here: they say when work came in, not what it shows.

JSON keys: ``expected``; ``assignments`` (ids covered, gradebook order); ``students``
(students with a submission to any of them); ``left_out_needing_manual_grade`` (grades
left out); ``competencies``, one object per CSWE competency with ``number``, ``name``,
``cells`` (mapped graded cells), ``measures`` (what each of those cells measures, named by assignment),
``students`` (counted), ``at_or_above``, ``percent``
(null when no student is counted), ``left_out_needing_manual_grade`` and ``shares``
(student id -> share); ``notes``. The CSV has one row per competency, for a spreadsheet;
per-student shares are only in the JSON.

``mswlab course report items ASSIGNMENT`` gives each graded cell's mean, difficulty and
discrimination; see ``item_report``. Pure functions take plain data; reading the gradebook
and writing files happen at the edges.
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
    """(assignment, notebook, grade_id) -> competency numbers, from the source notebooks; notes; and
    (assignment, notebook, grade_id) -> what that cell measures, in words: a graded task's ``measures``
    (datasets/assignments/), or for any other graded cell the heading of its part."""
    import nbformat

    mapping: dict[tuple[str, str, str], list[int]] = {}
    measures: dict[tuple[str, str, str], str] = {}
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
            parts = _task_measures(assignment)
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
                kind = "written, marked by rubric" if cell.cell_type == "markdown" else "autograded"
                measures[key] = (
                    parts.get(meta.get("grade_id", "").removeprefix("test_")) or f"{heading or key[2]} ({kind})"
                )
    return mapping, notes, measures


def _task_measures(assignment: str) -> dict[str, str]:
    """Part id -> what it measures and how, for an assignment's graded tasks (none without a task file)."""
    from mswlab import tasks

    if not tasks.task_path(assignment).is_file():
        return {}
    how = {
        "choice": "recognition items",
        "compute": "computed",
        "sort": "sorting a case",
        "write": "written, rule-checked",
    }
    return {p.id: f"{p.measures} ({how[p.kind]})" for p in tasks.load(assignment).parts}  # type: ignore[attr-defined]


# ---------------------------------------------------------------- competency report (pure)


def competency_report(
    assignments: list[str],
    grades: list[CellGrade],
    mapping: dict,
    names: dict[int, str],
    expected: float = 0.8,
    notes: list[str] | None = None,
    measures: dict | None = None,
) -> dict:
    """Share of students at or above ``expected`` on each competency (see the module docstring); each
    competency also names the measures behind its figure."""
    covered = [a for a in assignments if any(key[0] == a for key in mapping)]
    relevant = [g for g in grades if g.assignment in covered]
    pending = {(g.student, g.key) for g in relevant if g.needs_manual_grade and g.key in mapping}
    rows = []
    for number in sorted(names):
        cells = {key for key, numbers in mapping.items() if number in numbers}
        earned: dict[str, float] = defaultdict(float)
        possible: dict[str, float] = defaultdict(float)
        left_out = 0
        for g in relevant:
            if g.key not in cells:
                continue
            if g.needs_manual_grade:
                left_out += 1
                continue
            earned[g.student] += g.score
            possible[g.student] += g.max_score
        shares = {s: earned[s] / possible[s] for s in sorted(possible) if possible[s] > 0}
        at = sum(1 for share in shares.values() if share >= expected)
        rows.append(
            {
                "number": number,
                "name": names[number],
                "cells": len(cells),
                "measures": sorted(f"{key[0]}: {(measures or {}).get(key, key[2])}" for key in cells),
                "students": len(shares),
                "at_or_above": at,
                "percent": round(100 * at / len(shares), 1) if shares else None,
                "left_out_needing_manual_grade": left_out,
                "shares": {s: round(v, 4) for s, v in shares.items()},
            }
        )
    return {
        "expected": expected,
        "assignments": covered,
        "students": len({g.student for g in relevant}),
        "left_out_needing_manual_grade": len(pending),
        "competencies": rows,
        "notes": list(notes or []),
    }


def coverage_sentence(report: dict) -> str:
    listed = ", ".join(report["assignments"]) or "none"
    return (
        f"This report covers {len(report['assignments'])} assignment(s) ({listed}) and "
        f"{report['students']} student(s); the expected level is {report['expected']:.0%} of "
        "the points on each competency's graded cells."
    )


def competencies_csv(report: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "competency",
            "name",
            "graded_cells",
            "students_counted",
            "at_or_above",
            "percent_at_or_above",
            "left_out_needing_manual_grade",
            "expected_level",
            "assignments",
            "measures",
        ]
    )
    for c in report["competencies"]:
        writer.writerow(
            [
                c["number"],
                c["name"],
                c["cells"],
                c["students"],
                c["at_or_above"],
                "" if c["percent"] is None else c["percent"],
                c["left_out_needing_manual_grade"],
                report["expected"],
                " ".join(report["assignments"]),
                "; ".join(c["measures"]),
            ]
        )
    return out.getvalue()


def competency_figure(report: dict):
    """Bars: percent of counted students at or above the expected level, per assessed competency."""
    import plotly.graph_objects as go

    shown = [c for c in report["competencies"] if c["percent"] is not None]
    fig = go.Figure(
        go.Bar(
            x=[f"C{c['number']}" for c in shown],
            y=[c["percent"] for c in shown],
            marker_color="#1b5e8a",
            text=[f"{c['percent']}%" for c in shown],
            textposition="outside",
            customdata=[[c["name"], c["at_or_above"], c["students"]] for c in shown],
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]} of %{customdata[2]} students<extra></extra>",
        )
    )
    fig.add_hline(
        y=100 * report["expected"],
        line_dash="dash",
        line_color="#c2410c",
        annotation_text=f"expected level ({report['expected']:.0%})",
        annotation_position="top left",
    )
    fig.update_layout(
        title="Students at or above the expected level, by CSWE competency",
        xaxis_title="CSWE 2022 EPAS competency",
        yaxis_title="Percent of students",
        height=420,
        margin=dict(l=60, r=20, t=60, b=50),
    )
    fig.update_yaxes(range=[0, 110])
    return fig


def competencies_html(report: dict) -> str:
    return render(
        "competencies.html.j2",
        title="Competency report",
        coverage=coverage_sentence(report),
        pending=pending_sentence(report),
        chart=Markup(competency_figure(report).to_html(full_html=False, include_plotlyjs=True)),
        competencies=report["competencies"],
        notes=report["notes"],
    )


def pending_sentence(report: dict) -> str:
    n = report["left_out_needing_manual_grade"]
    if not n:
        return ""
    return (
        f"{n} grade(s) still need manual grading and are left out; finish grading in "
        "Formgrader and run the report again."
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
    names = {c.number: c.name for c in competencies().competencies}
    report = competency_report(assignments, grades, mapping, names, args.expected, notes, measures)
    if args.format == "json":
        text = json.dumps(report, indent=2) + "\n"
    elif args.format == "html":
        text = competencies_html(report)
    else:
        text = competencies_csv(report)
        for note in [pending_sentence(report), *notes]:  # the CSV has no room for them
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
