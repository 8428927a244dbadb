"""Competency and item-analysis reports on a seeded gradebook, with the expected numbers worked by hand.

One real SQLite gradebook (nbgrader's Gradebook API) holds a class of 30 and four assignments:
two whose source notebooks map cells to CSWE competencies, one for item analysis (12 fully
graded students) and one with only 9 submissions. The JSON competency report comes from the
real `mswlab` command; the other formats go through the same CLI entry point in process,
because starting nbgrader's imports takes seconds.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from mswlab import cli
from mswlab.grading.reports import CellGrade, competency_report
from tests.conftest import BIN, ROOT, tool_env

# nbgrader's add_submission trips a harmless SQLAlchemy 2 autoflush warning while seeding.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

STUDENTS = [f"s{i:02d}" for i in range(1, 31)]
A1, A2, ITEMS, FEW = "01_levels", "02_planning", "03_items", "04_few"

# Graded cells: (assignment, grade_id, points, cell type, competencies or None for no mapping).
CELLS = [
    (A1, "test_levels", 4, "code", [7, 8]),
    (A1, "test_methods", 3, "code", [8]),
    (A1, "reflection", 5, "markdown", [1, 6]),
    (A1, "test_unmapped", 2, "code", None),
    (A2, "test_plan", 10, "code", [7]),
    (A2, "test_ethics", 4, "code", [1]),
]
PENDING = None  # a reflection still waiting for manual grading

# Scores per student: A1 (levels, methods, reflection, unmapped) and A2 (plan, ethics) or None.
STRONG = ((4, 3, 4, 2), (9, 4))  # s01-s18
MIDDLE = ((3, 3, 3, 0), (8, 3))  # s19-s24
LOW = ((1, 1, 2, 0), (4, 1))  # s25-s27
SCORES = {s: STRONG for s in STUDENTS[:18]} | {s: MIDDLE for s in STUDENTS[18:24]} | {s: LOW for s in STUDENTS[24:27]}
SCORES["s28"] = ((4, 2, 5, 1), None)  # did not submit assignment 2
SCORES["s29"] = ((2, 3, PENDING, 0), (10, 3))
SCORES["s30"] = ((4, 3, PENDING, 2), (9, 4))

# Hand computation, expected level 0.8. A student's share = earned / possible over the mapped
# cells of the assignments they submitted, leaving out grades that need manual grading.
#
# C1 = reflection (5) + ethics (4) = 9 points:
#   strong (4+4)/9 = .889 yes x18; middle (3+3)/9 = .667 no; low (2+1)/9 = .333 no;
#   s28 reflection only 5/5 = 1 yes; s29 ethics only 3/4 = .75 no; s30 ethics only 4/4 yes
#   -> 18+1+1 = 20 of 30 = 66.7%; 2 grades left out (s29, s30 reflections)
# C6 = reflection (5):
#   strong 4/5 = .8 yes (exactly at the level) x18; middle .6 no; low .4 no; s28 1 yes;
#   s29, s30 have nothing graded -> not counted
#   -> 19 of 28 = 67.857 -> 67.9%; 2 grades left out
# C7 = levels (4) + plan (10) = 14 points:
#   strong 13/14 = .929 yes x18; middle 11/14 = .786 no; low 5/14 no; s28 levels only 4/4 yes;
#   s29 12/14 = .857 yes; s30 13/14 yes -> 21 of 30 = 70.0%
# C8 = levels (4) + methods (3) = 7 points:
#   strong 7/7 yes x18; middle 6/7 = .857 yes x6; low 2/7 no; s28 6/7 yes; s29 5/7 = .714 no;
#   s30 7/7 yes -> 18+6+1+1 = 26 of 30 = 86.7%
# C2-C5, C9: no mapped cell -> not assessed. test_unmapped counts towards nothing.
EXPECTED = {1: (30, 20, 66.7, 2), 6: (28, 19, 67.9, 2), 7: (30, 21, 70.0, 0), 8: (30, 26, 86.7, 0)}

# Item analysis of 03_items, 12 fully graded students (s13 is left out: a grade awaits manual
# grading). Cells: q1_main (10 points), q2_easy (1), q3_hard (2), q4_reversed (1).
ITEM_SCORES = {  # student: (q1, q2, q3, q4); total in the comment
    "s01": (10, 1, 2, 0),  # 13
    "s02": (9, 1, 2, 0),  # 12
    "s03": (8, 1, 0, 0),  # 9
    "s04": (7, 1, 0, 1),  # 9
    "s05": (6, 1, 0, 0),  # 7
    "s06": (5, 1, 0, 1),  # 7
    "s07": (4, 1, 0, 0),  # 5
    "s08": (3, 1, 0, 1),  # 5
    "s09": (2, 1, 0, 1),  # 4
    "s10": (1, 1, 0, 1),  # 3
    "s11": (0, 1, 0, 1),  # 2
    "s12": (0, 1, 0, 1),  # 2
}
ITEM_POINTS = {"q1_main": 10, "q2_easy": 1, "q3_hard": 2, "q4_reversed": 1}
# Groups: 27% of 12 = 3.24 -> 3. Top three totals 13, 12, 9; s04 also has 9, so the upper group is
# s01-s04 (4 students). Bottom three totals 2, 2, 3 (s11, s12, s10); next is 4, so lower = 3 students.
#
# Point-biserial r = Sxy / sqrt(Sxx * Syy), x = cell score, y = total - x, S.. = sums of
# products of deviations, e.g. Sxy = sum(xy) - sum(x) sum(y) / 12.
# q1_main: sum x 55, sum y 23, sum xy 111, sum x^2 385, sum y^2 49
#   Sxy = 111 - 55*23/12 = 5.5833; Sxx = 385 - 55^2/12 = 132.9167; Syy = 49 - 23^2/12 = 4.9167
#   r = 5.5833 / sqrt(653.51) = 0.2184.  mean 55/12 = 4.5833, p = .4583
#   upper (10+9+8+7)/4/10 = .85, lower (1+0+0)/3/10 = .0333 -> D = .8167
# q2_easy: everyone 1 -> mean 1, p = 1.0 (> .95: very easy), no variance: both indices n/a
# q3_hard: sum x 4, sum y 74, sum xy 42, sum x^2 8, sum y^2 564
#   Sxy = 42 - 4*74/12 = 17.3333; Sxx = 8 - 16/12 = 6.6667; Syy = 564 - 74^2/12 = 107.6667
#   r = 17.3333 / sqrt(717.78) = 0.6470.  mean 4/12 = .3333, p = .1667 (< .2: very hard)
#   upper (2+2+0+0)/4/2 = .5, lower 0 -> D = .5
# q4_reversed: sum x 7, sum y 71, sum xy 25, sum x^2 7, sum y^2 599
#   Sxy = 25 - 7*71/12 = -16.4167; Sxx = 7 - 49/12 = 2.9167; Syy = 599 - 71^2/12 = 178.9167
#   r = -16.4167 / sqrt(521.84) = -0.7186 (negative discrimination).  mean 7/12 = p = .5833
#   upper (0+0+0+1)/4 = .25, lower (1+1+1)/3 = 1 -> D = -.75
ITEMS_EXPECTED = {  # cell: (mean, difficulty, point_biserial, upper_lower, flags)
    "q1_main": (4.5833, 0.4583, 0.2184, 0.8167, []),
    "q2_easy": (1.0, 1.0, None, None, ["very easy"]),
    "q3_hard": (0.3333, 0.1667, 0.6470, 0.5, ["very hard"]),
    "q4_reversed": (0.5833, 0.5833, -0.7186, -0.75, ["negative discrimination"]),
}


def write_source(course: Path, assignment: str) -> None:
    cells = [nbformat.v4.new_markdown_cell(f"# {assignment}")]
    for a, grade_id, points, kind, mapped in CELLS:
        if a != assignment:
            continue
        meta = {
            "nbgrader": {
                "grade": True,
                "grade_id": grade_id,
                "points": points,
                "locked": kind == "code",
                "solution": kind == "markdown",
                "schema_version": 3,
                "task": False,
            }
        }
        if mapped is not None:
            meta["mswlab"] = {"competencies": mapped}
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cells.append(new("...", metadata=meta))
    folder = course / "source" / assignment
    folder.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(folder / f"{assignment}.ipynb"))


def set_grade(gb: Gradebook, cell: str, assignment: str, student: str, score, manual: bool) -> None:
    grade = gb.find_grade(cell, assignment, assignment, student)
    if score is None:
        return  # stays "needs manual grade", as after autograding
    if manual:
        grade.manual_score = score
    else:
        grade.auto_score = score
    grade.needs_manual_grade = False


def seed(course: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", tool_env()["PATH"])  # creating a gradebook runs `alembic`
        gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}")
    with gb:
        for number, assignment in enumerate((A1, A2, ITEMS, FEW)):
            gb.add_assignment(assignment, duedate=f"2026-10-{10 + 5 * number} 23:59:00")
            gb.add_notebook(assignment, assignment)
        for assignment, grade_id, points, kind, _ in CELLS:
            gb.add_grade_cell(grade_id, assignment, assignment, max_score=points, cell_type=kind)
        for name, points in ITEM_POINTS.items():
            gb.add_grade_cell(name, ITEMS, ITEMS, max_score=points, cell_type="code")
        gb.add_grade_cell("q_only", FEW, FEW, max_score=1, cell_type="code")
        for student in STUDENTS:
            gb.add_student(student)
        for student, (first, second) in SCORES.items():
            gb.add_submission(A1, student)
            for (_, grade_id, _, kind, _), score in zip(CELLS[:4], first):
                set_grade(gb, grade_id, A1, student, score, kind == "markdown")
            if second is not None:
                gb.add_submission(A2, student)
                for (_, grade_id, _, _, _), score in zip(CELLS[4:], second):
                    set_grade(gb, grade_id, A2, student, score, False)
            gb.db.commit()
        for student, scores in ITEM_SCORES.items():
            gb.add_submission(ITEMS, student)
            for name, score in zip(ITEM_POINTS, scores):
                set_grade(gb, name, ITEMS, student, score, False)
        gb.add_submission(ITEMS, "s13")  # every grade still waits for manual grading
        for student in STUDENTS[:9]:
            gb.add_submission(FEW, student)
            set_grade(gb, "q_only", FEW, student, 1, False)
        gb.db.commit()


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    write_source(course, A1)
    write_source(course, A2)
    seed(course)
    return course


def report_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["course", "report", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_competency_percentages_from_the_real_command(course: Path):
    result = subprocess.run(
        [str(BIN / "mswlab"), "course", "report", "competencies", "--format", "json", "--course-dir", str(course)],
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["expected"] == 0.8
    assert report["assignments"] == [A1, A2]  # 03 and 04 have no mapped cells
    assert report["students"] == 30
    assert report["left_out_needing_manual_grade"] == 2
    by_number = {c["number"]: c for c in report["competencies"]}
    assert sorted(by_number) == list(range(1, 10))
    assert by_number[7]["name"] == "Assess Individuals, Families, Groups, Organizations, and Communities"
    for number, (students, at, percent, left_out) in EXPECTED.items():
        c = by_number[number]
        assert (c["students"], c["at_or_above"], c["percent"], c["left_out_needing_manual_grade"]) == (
            students,
            at,
            percent,
            left_out,
        ), number
    for number in (2, 3, 4, 5, 9):
        assert (by_number[number]["cells"], by_number[number]["students"], by_number[number]["percent"]) == (0, 0, None)
    assert by_number[6]["shares"]["s01"] == 0.8 and "s29" not in by_number[6]["shares"]
    assert by_number[7]["shares"]["s28"] == 1.0  # only the assignment s28 submitted
    assert any("source/03_items/" in note for note in report["notes"])
    assert by_number[8]["measures"] == [f"{A1}: test_levels (autograded)", f"{A1}: test_methods (autograded)"]
    assert by_number[6]["measures"] == [f"{A1}: reflection (written, marked by rubric)"]
    assert by_number[5]["measures"] == []


def test_competency_report_names_the_measures_of_graded_tasks(tmp_path: Path):
    """A graded task's figure is named by what the task measures and how; a reflection by its part."""
    from mswlab import tasks
    from mswlab.grading.reports import read_competency_map

    assignment = "01_levels_of_practice"
    shutil.copytree(ROOT / "course/source" / assignment, tmp_path / "source" / assignment)
    mapping, _, measures = read_competency_map(tmp_path, [assignment])
    part = tasks.part_of(assignment, "levels_plan_answers")
    key = (assignment, assignment, "test_levels_plan_answers")
    assert mapping[key] == list(part.competencies)
    assert measures[key] == f"{part.measures} (written, rule-checked)"
    assert measures[(assignment, assignment, "reflection_levels")] == "Part D: Reflection (written, marked by rubric)"


def test_competency_html_has_chart_and_coverage(course: Path, tmp_path: Path, capsys):
    out = tmp_path / "competencies.html"
    code, _, _ = report_cli(capsys, "competencies", "--format", "html", "-o", str(out), "--course-dir", str(course))
    assert code == 0
    page = out.read_text()
    assert (
        "This report covers 2 assignment(s) (01_levels, 02_planning) and 30 student(s); the "
        "expected level is 80% of the points on each competency's graded cells."
    ) in page
    assert "Plotly.newPlot" in page and "plotly.js" in page  # the chart, with plotly.js embedded
    assert "expected level (80%)" in page
    assert "2 grade(s) still need manual grading" in page
    assert '<script src="http' not in page  # nothing loaded from the network


def test_competency_csv_parses_one_row_per_competency(course: Path, capsys):
    code, out, err = report_cli(capsys, "competencies", "--course-dir", str(course))
    assert code == 0
    assert "note: 2 grade(s) still need manual grading and are left out" in err  # not in the CSV
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["competency"]) for r in rows] == list(range(1, 10))
    assert rows[7]["percent_at_or_above"] == "86.7" and rows[7]["students_counted"] == "30"
    assert rows[1]["percent_at_or_above"] == ""  # competency 2: not assessed


def test_expected_level_is_a_parameter():
    grades = [CellGrade("a", "a", "r", s, score, 5, False) for s, score in (("x", 4), ("y", 5), ("z", 3))]
    names = {6: "Engage"}
    report = competency_report(["a"], grades, {("a", "a", "r"): [6]}, names, expected=0.9)
    # shares .8, 1.0, .6 -> only y reaches .9: 1 of 3 = 33.3%
    assert report["competencies"][0] | {"shares": None} == {
        "number": 6,
        "name": "Engage",
        "cells": 1,
        "measures": ["a: r"],
        "students": 3,
        "at_or_above": 1,
        "percent": 33.3,
        "left_out_needing_manual_grade": 0,
        "shares": None,
    }


def test_item_analysis_matches_the_hand_computation(course: Path, capsys):
    code, out, _ = report_cli(capsys, "items", ITEMS, "--format", "json", "--course-dir", str(course))
    assert code == 0
    report = json.loads(out)
    assert report["enough_students"] is True
    assert (report["students"], report["left_out_needing_manual_grade"]) == (12, 1)
    assert (report["group_size"], report["upper_group"], report["lower_group"]) == (3, 4, 3)
    assert [i["cell"] for i in report["items"]] == list(ITEMS_EXPECTED)
    for item in report["items"]:
        mean, p, r, d, flags = ITEMS_EXPECTED[item["cell"]]
        assert item["mean"] == pytest.approx(mean, abs=1e-4), item["cell"]
        assert item["difficulty"] == pytest.approx(p, abs=1e-4), item["cell"]
        assert item["point_biserial"] == (None if r is None else pytest.approx(r, abs=1e-4)), item["cell"]
        assert item["upper_lower"] == (None if d is None else pytest.approx(d, abs=1e-4)), item["cell"]
        assert item["flags"] == flags, item["cell"]
    easy = report["items"][1]
    assert "same score on this cell" in easy["note"] and "n/a" in easy["note"]


def test_item_csv_marks_missing_discrimination_as_na(course: Path, capsys):
    code, out, _ = report_cli(capsys, "items", ITEMS, "--course-dir", str(course))
    assert code == 0
    rows = {r["cell"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["q2_easy"]["point_biserial"] == "n/a" and rows["q2_easy"]["flags"] == "very easy"
    assert rows["q4_reversed"]["flags"] == "negative discrimination"


def test_item_analysis_needs_ten_students(course: Path, capsys):
    code, out, _ = report_cli(capsys, "items", FEW, "--course-dir", str(course))
    assert code == 0
    assert out.strip() == (
        "Item analysis needs at least 10 students with a fully graded submission of '04_few'; there are 9."
    )
    code, out, _ = report_cli(capsys, "items", FEW, "--format", "json", "--course-dir", str(course))
    assert code == 0
    report = json.loads(out)
    assert (report["enough_students"], report["students"]) == (False, 9)
    assert "there are 9" in report["message"]


def test_item_report_to_a_file_fails_loudly_when_it_cannot_be_made(course: Path, tmp_path: Path, capsys):
    target = tmp_path / "items.csv"
    code, _, err = report_cli(capsys, "items", FEW, "-o", str(target), "--course-dir", str(course))
    assert code == 1 and not target.exists()
    assert f"{target}: was not written: Item analysis needs at least 10 students" in err
    code, _, err = report_cli(
        capsys, "items", ITEMS, "-o", str(tmp_path / "missing" / "items.csv"), "--course-dir", str(course)
    )
    assert code == 1 and "cannot be written" in err
    code, out, _ = report_cli(capsys, "items", ITEMS, "-o", str(target), "--course-dir", str(course))
    assert code == 0 and target.read_text().startswith("notebook,cell,") and f"wrote {target}" in out


def test_plain_errors_for_a_missing_gradebook_or_assignment(course: Path, tmp_path: Path, capsys):
    code, _, err = report_cli(capsys, "competencies", "--course-dir", str(tmp_path))
    assert code == 1
    assert err.startswith(f"error: {tmp_path / 'gradebook.db'}: no gradebook here")
    assert not (tmp_path / "gradebook.db").exists()  # not created by looking
    code, _, err = report_cli(capsys, "items", "99_nope", "--course-dir", str(course))
    assert code == 1 and "entry '99_nope': is not in the gradebook (it has: 01_levels" in err
    code, _, err = report_cli(capsys, "competencies", "--expected", "80", "--course-dir", str(course))
    assert code == 1 and "field '--expected': is 80.0; give a share of points between 0 and 1" in err
