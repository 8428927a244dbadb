"""Competency and item-analysis reports on a seeded gradebook, with the expected numbers worked by hand.

One real SQLite gradebook (nbgrader's Gradebook API) holds a hand-built class of eight students in two
sections and four assignments: two whose source notebooks map cells to CSWE competencies (one of them
01_levels_of_practice, so that its graded tasks' kinds come from datasets/assignments/), with reflections
and memos still awaiting marking; one for item analysis (12 fully graded students) and one with only 9
submissions. The JSON competency report comes from the real `mswlab` command; the other formats go through
the same CLI entry point in process, because starting nbgrader's imports takes seconds.
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

from mswlab import cli, tasks
from mswlab.grading.reports import CellGrade, competency_figure, competency_report, read_competency_map
from tests.conftest import BIN, ROOT, tool_env

# nbgrader's add_submission trips a harmless SQLAlchemy 2 autoflush warning while seeding.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

A1, A2, ITEMS, FEW = "01_levels_of_practice", "02_followup", "03_items", "04_few"
TERM = "Fall 2026"

# Graded cells: (assignment, heading of its part, grade_id, points, cell type, competencies or None).
# In A1 the two code cells are graded tasks of datasets/assignments/01_levels_of_practice.yaml:
# practice_answers is a choice part (knowledge), perlman_answers a sort part (practice-based).
# A2 has no task file: its code cell is an autograded knowledge measure; a markdown cell marked by
# rubric is a practice-based product.
CELLS = [
    (A1, "Part A: Choose the practice that fits", "test_practice_answers", 3, "code", [8]),
    (A1, "Part B: Perlman's four Ps in one case", "test_perlman_answers", 3, "code", [7]),
    (A1, "Part D: Reflection", "reflection_levels", 5, "markdown", [1, 6, 7]),
    (A2, "Part A: Ethics check", "test_ethics", 4, "code", [1, 2]),
    (A2, "Part B: Plan memo", "plan_memo", 4, "markdown", [8]),
    (A2, "Part C: Not mapped", "test_unmapped", 2, "code", None),
]
P = None  # a grade still waiting for manual marking

# Scores: A1 (practice /3, perlman /3, reflection /5) and A2 (ethics /4, memo /4, unmapped /2), or None.
SCORES = {
    "s01": ((3, 3, 5), (4, 4, 2)),
    "s02": ((3, 2, 4), (3, P, 0)),
    "s03": ((2, 3, P), (4, 3, 1)),
    "s04": ((1, 1, 2), None),  # did not submit A2
    "s05": ((3, 3, 4), (4, 4, 2)),
    "s06": ((2, 2, 4), (2, 3, 0)),
    "s07": ((3, 1, P), (1, P, 1)),
    "s08": ((3, 3, 5), (4, 4, 2)),
}
SECTION = {"s01": "001", "s02": "001", "s03": "001", "s04": "001", "s05": "002", "s06": "002", "s07": "002"}
SECTION["s08"] = "002"
# The cohort roster leaves s08 out, so s08 is reported as "not on the roster".
COHORT = {"s01": "2025 full-time", "s02": "2025 full-time", "s05": "2025 full-time"}
COHORT |= {"s03": "2026 advanced standing", "s04": "2026 advanced standing", "s06": "2026 advanced standing"}
COHORT["s07"] = "2026 advanced standing"

# Hand computation, benchmark 0.8 of a measure's points. Sections: 001 = s01-s04, 002 = s05-s08.
# A student is counted on a measure when they submitted it and it is marked; (at, counted, %, left out).
#
# practice_answers (3 points; 0.8 * 3 = 2.4, so only 3 reaches it):
#   3: s01 s02 s05 s07 s08; below: s03 (2) s04 (1) s06 (2)
#   all 5 of 8 = 62.5; 001 s01 s02 = 2 of 4 = 50.0; 002 s05 s07 s08 = 3 of 4 = 75.0
# perlman_answers (3 points, needs 3): s01 s03 s05 s08
#   all 4 of 8 = 50.0; 001 s01 s03 = 2 of 4 = 50.0; 002 s05 s08 = 2 of 4 = 50.0
# reflection_levels (5 points, needs 4): pending s03 (001) and s07 (002)
#   001: s01 5 yes, s02 4 yes, s04 2 no -> 2 of 3 = 66.7, 1 left out
#   002: s05 4 yes, s06 4 yes, s08 5 yes -> 3 of 3 = 100.0, 1 left out
#   all 5 of 6 = 83.3, 2 left out
# test_ethics (4 points, needs 4): s04 did not submit A2, so not counted
#   001: s01 4 yes, s02 3 no, s03 4 yes -> 2 of 3 = 66.7
#   002: s05 4 yes, s06 2 no, s07 1 no, s08 4 yes -> 2 of 4 = 50.0
#   all 4 of 7 = 57.142... -> 57.1
# plan_memo (4 points, needs 4): pending s02 (001) and s07 (002); s04 did not submit
#   001: s01 4 yes, s03 3 no -> 1 of 2 = 50.0, 1 left out
#   002: s05 4 yes, s06 3 no, s08 4 yes -> 2 of 3 = 66.7, 1 left out
#   all 3 of 5 = 60.0, 2 left out
MEASURES = {  # cell: {group: (at, counted, percent, left out)}
    "test_practice_answers": {"all students": (5, 8, 62.5, 0), "001": (2, 4, 50.0, 0), "002": (3, 4, 75.0, 0)},
    "test_perlman_answers": {"all students": (4, 8, 50.0, 0), "001": (2, 4, 50.0, 0), "002": (2, 4, 50.0, 0)},
    "reflection_levels": {"all students": (5, 6, 83.3, 2), "001": (2, 3, 66.7, 1), "002": (3, 3, 100.0, 1)},
    "test_ethics": {"all students": (4, 7, 57.1, 0), "001": (2, 3, 66.7, 0), "002": (2, 4, 50.0, 0)},
    "plan_memo": {"all students": (3, 5, 60.0, 2), "001": (1, 2, 50.0, 1), "002": (2, 3, 66.7, 1)},
}
# Overall lines pool a student's points over the competency's measures they submitted; a student with any
# of them still pending is left out (the old report counted s02 on C8 from Part A alone: 3/3, "at the level").
#
# C1 = reflection (5) + ethics (4) = 9: s01 9/9 yes; s02 7/9 = .778 no; s03 pending; s04 2/5 = .4 (no A2) no;
#   s05 8/9 = .889 yes; s06 6/9 = .667 no; s07 pending; s08 9/9 yes
#   all 3 of 6 = 50.0, 2 left out; 001 s01 of s01 s02 s04 = 1 of 3 = 33.3, 1; 002 s05 s08 of 3 = 66.7, 1
# C2 = ethics alone: the same as test_ethics
# C6 = reflection alone: the same as reflection_levels
# C7 = perlman (3) + reflection (5) = 8: s01 8/8 yes; s02 6/8 = .75 no; s03 pending; s04 3/8 no;
#   s05 7/8 = .875 yes; s06 6/8 no; s07 pending; s08 8/8 yes
#   all 3 of 6 = 50.0, 2 left out; 001 1 of 3 = 33.3, 1; 002 2 of 3 = 66.7, 1
# C8 = practice (3) + memo (4) = 7: s01 7/7 yes; s02 pending; s03 5/7 = .714 no; s04 1/3 (no A2) no;
#   s05 7/7 yes; s06 5/7 no; s07 pending; s08 7/7 yes
#   all 3 of 6 = 50.0, 2 left out; 001 s01 of s01 s03 s04 = 1 of 3 = 33.3, 1; 002 2 of 3 = 66.7, 1
OVERALL = {
    1: {"all students": (3, 6, 50.0, 2), "001": (1, 3, 33.3, 1), "002": (2, 3, 66.7, 1)},
    2: MEASURES["test_ethics"],
    6: MEASURES["reflection_levels"],
    7: {"all students": (3, 6, 50.0, 2), "001": (1, 3, 33.3, 1), "002": (2, 3, 66.7, 1)},
    8: {"all students": (3, 6, 50.0, 2), "001": (1, 3, 33.3, 1), "002": (2, 3, 66.7, 1)},
}
# Measures per competency, in notebook order, and the flags they earn (two measures, one practice-based):
# C1 reflection (practice) + ethics (knowledge): no flag. C2 ethics alone: both flags. C6 reflection alone:
# too few. C7 perlman (sort: practice) + reflection: no flag. C8 practice (choice: knowledge) + memo
# (practice): no flag. C3, C4, C5, C9 have no measure: both flags.
MAPPED = {
    1: ["reflection_levels", "test_ethics"],
    2: ["test_ethics"],
    6: ["reflection_levels"],
    7: ["test_perlman_answers", "reflection_levels"],
    8: ["test_practice_answers", "plan_memo"],
}
ONE, NONE = "only one measure; at least two are expected", "no measure; at least two are expected"
NO_PRACTICE = "no measure in real or simulated practice"
FLAGS = {1: [], 2: [ONE, NO_PRACTICE], 6: [ONE], 7: [], 8: []}
FLAGS |= {n: [NONE, NO_PRACTICE] for n in (3, 4, 5, 9)}
# Left out in all: reflection s03 s07, memo s02 s07 = 4 grades of 3 students (s02, s03, s07).

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
    for a, heading, grade_id, points, kind, mapped in CELLS:
        if a != assignment:
            continue
        cells.append(nbformat.v4.new_markdown_cell(f"## {heading} ({points} points)\n\nWhat to do."))
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


def write_roster(path: Path, groups: dict[str, str], column: str) -> None:
    lines = [f"nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section{',cohort' if column == 'cohort' else ''}"]
    for number, (student, label) in enumerate(sorted(groups.items()), start=1):
        section, cohort = (label, "") if column == "section" else (SECTION[student], f",{label}")
        lines.append(f"{student},Student {number},{1000 + number},,,{section}{cohort}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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
        for assignment, _, grade_id, points, kind, _ in CELLS:
            gb.add_grade_cell(grade_id, assignment, assignment, max_score=points, cell_type=kind)
        for name, points in ITEM_POINTS.items():
            gb.add_grade_cell(name, ITEMS, ITEMS, max_score=points, cell_type="code")
        gb.add_grade_cell("q_only", FEW, FEW, max_score=1, cell_type="code")
        for student in [f"s{i:02d}" for i in range(1, 14)]:
            gb.add_student(student)
        for student, (first, second) in SCORES.items():
            for assignment, cells, scores in ((A1, CELLS[:3], first), (A2, CELLS[3:], second)):
                if scores is None:
                    continue
                gb.add_submission(assignment, student)
                for (_, _, grade_id, _, kind, _), score in zip(cells, scores):
                    set_grade(gb, grade_id, assignment, student, score, kind == "markdown")
            gb.db.commit()
        for student, scores in ITEM_SCORES.items():
            gb.add_submission(ITEMS, student)
            for name, score in zip(ITEM_POINTS, scores):
                set_grade(gb, name, ITEMS, student, score, False)
        gb.add_submission(ITEMS, "s13")  # every grade still waits for manual grading
        for number in range(1, 10):
            gb.add_submission(FEW, f"s{number:02d}")
            set_grade(gb, "q_only", FEW, f"s{number:02d}", 1, False)
        gb.db.commit()


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    write_source(course, A1)
    write_source(course, A2)
    write_roster(course / "roster.csv", SECTION, "section")
    write_roster(course / "cohorts.csv", COHORT, "cohort")
    seed(course)
    return course


def report_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["course", "report", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def figures(result: dict) -> tuple:
    return (result["at_or_above"], result["students"], result["percent"], result["left_out_pending"])


def test_measures_by_section_from_the_real_command(course: Path):
    command = [str(BIN / "mswlab"), "course", "report", "competencies", "--format", "json"]
    command += ["--by", "section", "--term", TERM, "--course-dir", str(course)]
    result = subprocess.run(command, env=tool_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["term"], report["benchmark"], report["by"]) == (TERM, 0.8, "section")
    assert report["groups"] == ["all students", "001", "002"]
    assert report["assignments"] == [A1, A2]  # 03 and 04 have no mapped cells
    assert report["students"] == 8
    assert report["left_out_pending"] == {"grades": 4, "students": 3}
    by_number = {c["number"]: c for c in report["competencies"]}
    assert sorted(by_number) == list(range(1, 10))
    assert by_number[7]["name"] == "Assess Individuals, Families, Groups, Organizations, and Communities"
    for number, c in by_number.items():
        assert c["flags"] == FLAGS[number], number
        assert [m["cell"] for m in c["measures"]] == MAPPED.get(number, []), number
        for m in c["measures"]:
            assert {g: figures(r) for g, r in m["results"].items()} == MEASURES[m["cell"]], (number, m["cell"])
        if number in OVERALL:
            assert {g: figures(r) for g, r in c["overall"]["results"].items()} == OVERALL[number], number
        else:
            assert figures(c["overall"]["results"]["all students"]) == (0, 0, None, 0), number
    c8 = by_number[8]
    assert "s02" not in c8["overall"]["shares"] and c8["overall"]["shares"]["s04"] == 0.3333  # 1/3, A1 only
    assert c8["overall"]["shares"]["s03"] == 0.7143  # 5/7
    assert any("source/03_items/" in note for note in report["notes"])


def test_each_measure_has_its_part_kind_and_points(course: Path, capsys):
    code, out, _ = report_cli(capsys, "competencies", "--format", "json", "--course-dir", str(course))
    assert code == 0
    report = json.loads(out)
    assert report["by"] is None and report["groups"] == ["all students"] and report["term"] is None
    measures = {m["cell"]: m for c in report["competencies"] for m in c["measures"]}
    practice, perlman = tasks.part_of(A1, "practice_answers"), tasks.part_of(A1, "perlman_answers")
    described = {cell: (m["part"], m["describes"], m["kind"], m["how"], m["points"]) for cell, m in measures.items()}
    assert described == {
        "test_practice_answers": (
            "Part A: Choose the practice that fits",
            practice.measures,
            "knowledge",
            "recognition items",
            3,
        ),
        "test_perlman_answers": (
            "Part B: Perlman's four Ps in one case",
            perlman.measures,
            "practice-based",
            "sorting a case",
            3,
        ),
        "reflection_levels": ("Part D: Reflection", "", "practice-based", "written, marked by rubric", 5),
        "test_ethics": ("Part A: Ethics check", "", "knowledge", "autograded", 4),
        "plan_memo": ("Part B: Plan memo", "", "practice-based", "written, marked by rubric", 4),
    }


def test_by_cohort_with_a_student_off_the_roster(course: Path, capsys):
    code, out, _ = report_cli(
        capsys, "competencies", "--format", "json", "--by", "cohort", "--roster", str(course / "cohorts.csv"),
        "--course-dir", str(course),
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["groups"] == ["all students", "2025 full-time", "2026 advanced standing", "not on the roster"]
    assert "1 student(s) in the gradebook are not on the roster: s08." in report["notes"]
    ethics = next(m for m in report["competencies"][0]["measures"] if m["cell"] == "test_ethics")
    # test_ethics (needs 4 of 4): full-time s01 4 yes, s02 3 no, s05 4 yes -> 2 of 3 = 66.7;
    # advanced standing s03 4 yes, s06 2 no, s07 1 no (s04 did not submit A2) -> 1 of 3 = 33.3; s08 4 -> 1 of 1
    assert {g: figures(r) for g, r in ethics["results"].items()} == {
        "all students": (4, 7, 57.1, 0),
        "2025 full-time": (2, 3, 66.7, 0),
        "2026 advanced standing": (1, 3, 33.3, 0),
        "not on the roster": (1, 1, 100.0, 0),
    }


def test_grouping_needs_a_roster_and_a_cohort_column(course: Path, tmp_path: Path, capsys):
    missing = tmp_path / "nope.csv"
    code, _, err = report_cli(
        capsys, "competencies", "--by", "section", "--roster", str(missing), "--course-dir", str(course)
    )
    assert code == 1 and f"error: {missing}: roster not found, so the report cannot be split by section" in err
    code, _, err = report_cli(capsys, "competencies", "--by", "cohort", "--course-dir", str(course))
    assert code == 1 and f"error: {course / 'roster.csv'}: line 1: the header has no 'cohort' column" in err


def test_csv_has_a_row_per_measure_and_an_overall_row_per_competency(course: Path, capsys):
    code, out, err = report_cli(capsys, "competencies", "--by", "section", "--term", TERM, "--course-dir", str(course))
    assert code == 0
    assert "note: 4 grade(s) of 3 student(s) still need manual grading and are left out" in err  # not in the CSV
    rows = list(csv.DictReader(io.StringIO(out)))
    # Per group: 8 measure rows (C1 2, C2 1, C6 1, C7 2, C8 2) and 9 overall rows; three groups.
    assert len(rows) == 3 * (8 + 9)
    assert {(r["term"], r["by"]) for r in rows} == {(TERM, "section")}
    memo = next(
        r
        for r in rows
        if r["group"] == "002" and r["competency"] == "8" and r["row"] == "measure" and r["part"] == "Part B: Plan memo"
    )
    assert (memo["kind"], memo["how"], memo["points"], memo["benchmark"]) == (
        "practice-based",
        "written, marked by rubric",
        "4.0",
        "0.8",
    )
    assert (memo["students_counted"], memo["at_or_above"], memo["percent_at_or_above"], memo["left_out_pending"]) == (
        "3",
        "2",
        "66.7",
        "1",
    )
    c1 = next(r for r in rows if r["group"] == "001" and r["competency"] == "1" and r["row"] == "overall")
    assert (c1["students_counted"], c1["at_or_above"], c1["percent_at_or_above"], c1["left_out_pending"]) == (
        "3",
        "1",
        "33.3",
        "1",
    )
    c5 = next(r for r in rows if r["group"] == "all students" and r["competency"] == "5")
    assert (c5["row"], c5["percent_at_or_above"], c5["flags"]) == ("overall", "", f"{NONE}; {NO_PRACTICE}")


def test_html_states_the_method_and_flags(course: Path, tmp_path: Path, capsys):
    out = tmp_path / "competencies.html"
    args = ["competencies", "--format", "html", "-o", str(out), "--by", "section", "--term", TERM]
    code, _, _ = report_cli(capsys, *args, "--course-dir", str(course))
    assert code == 0
    page = out.read_text()
    assert "<title>Competency report: Fall 2026</title>" in page
    assert "The benchmark for every measure is 80% of its points." in page
    assert "4 grade(s) of 3 student(s) were still awaiting marking and are left out where they apply" in page
    assert "Results cover 8 student(s) in Fall 2026, and for each section (001, 002)." in page
    assert "competencies 2, 3, 4, 5, 6, 9 fall short and are flagged." in page
    assert "at least two measures, at least one of them in real or simulated practice" in page
    assert "<th>At or above the benchmark: 002</th>" in page
    assert "<td>100% (3 of 3); 1 left out, marking pending</td>" in page  # reflection, section 002
    assert f"Flag: {ONE}" in page
    assert page.count("<td>not assessed</td>") == 4 * 3  # C3, C4, C5, C9 overall, in each of three groups
    assert "Plotly.newPlot" in page and '<script src="http' not in page  # plotly.js embedded, nothing fetched


def test_chart_axis_is_percent_of_students_with_no_benchmark_line(course: Path, capsys):
    code, out, _ = report_cli(
        capsys, "competencies", "--format", "json", "--by", "section", "--course-dir", str(course)
    )
    assert code == 0
    fig = competency_figure(json.loads(out))
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert fig.layout.yaxis.title.text == "Percent of students at or above the benchmark"
    assert not fig.layout.shapes and not fig.layout.annotations  # 80% of points is not a share of students
    bars = {bar.name: dict(zip(bar.x, bar.y)) for bar in fig.data}
    assert bars["all students"] == {"C1": 50.0, "C2": 57.1, "C6": 83.3, "C7": 50.0, "C8": 50.0}
    assert bars["002"]["C6"] == 100.0


def test_competency_report_names_the_measures_of_graded_tasks(tmp_path: Path):
    """The real assignment 01: choice parts are knowledge, sort and write parts and the reflection practice."""
    shutil.copytree(ROOT / "course/source" / A1, tmp_path / "source" / A1)
    mapping, _, measures = read_competency_map(tmp_path, [A1])
    part = tasks.part_of(A1, "levels_plan_answers")
    key = (A1, A1, "test_levels_plan_answers")
    assert mapping[key] == list(part.competencies)
    assert measures[key].describes == part.measures
    assert (measures[key].kind, measures[key].how) == ("practice-based", "written, rule-checked")
    assert measures[(A1, A1, "test_practice_answers")].kind == "knowledge"
    reflection = measures[(A1, A1, "reflection_levels")]
    assert (reflection.part, reflection.kind, reflection.how) == (
        "Part D: Reflection",
        "practice-based",
        "written, marked by rubric",
    )


def test_benchmark_is_a_parameter():
    grades = [CellGrade("a", "a", "r", s, score, 5, False) for s, score in (("x", 4), ("y", 5), ("z", 3))]
    report = competency_report(["a"], grades, {("a", "a", "r"): [6]}, {6: "Engage"}, expected=0.9)
    # shares .8, 1.0, .6 -> only y reaches .9: 1 of 3 = 33.3%; at the default .8, x and y: 2 of 3 = 66.7%
    (c,) = report["competencies"]
    assert figures(c["measures"][0]["results"]["all students"]) == (1, 3, 33.3, 0)
    assert figures(c["overall"]["results"]["all students"]) == (1, 3, 33.3, 0)
    assert c["flags"] == [ONE, NO_PRACTICE]  # one autograded cell: knowledge
    default = competency_report(["a"], grades, {("a", "a", "r"): [6]}, {6: "Engage"})
    assert figures(default["competencies"][0]["overall"]["results"]["all students"]) == (2, 3, 66.7, 0)


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
