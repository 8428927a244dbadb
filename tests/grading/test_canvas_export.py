"""The Canvas exporter, run as instructors run it: `nbgrader export --exporter ...` in a course folder.

A real SQLite gradebook is seeded through nbgrader's Gradebook API; the CSV is read back with
the csv module and compared cell by cell with what Canvas's importer expects.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from mswlab.errors import ValidationError
from mswlab.grading.canvas import CanvasExporter, read_roster
from tests.conftest import BIN, tool_env

# nbgrader's add_submission trips a harmless SQLAlchemy 2 autoflush warning while seeding.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

A1, A2 = "01_levels_of_practice", "02_careers_and_settings"
ROSTER_HEADER = "nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section\n"
ROSTER = ROSTER_HEADER + (
    'ana,"Lopez, Ana",1001,S1001,alopez,MSW 501 A\n'
    'ben,"Okafor, Ben",1002,S1002,bokafor,MSW 501 A\n'
    'cai,"Chen, Cai",1003,,,MSW 501 B\n'
    'dee,"Diaz, Dee",1004,S1004,ddiaz,MSW 501 B\n'  # on the roster, never in the gradebook
    'pat,"Park, Pat",,S1005,ppark,MSW 501 B\n'
)

# (auto score of the 4-point test cell, manual score of the 5-point reflection or None if
# still to be graded, late penalty) for assignment 1; score of the 10-point quiz for assignment 2.
A1_GRADES = {"ana": (4, 4.5, 0), "ben": (3, 4, 1.5), "cai": (2, 3, 0), "pat": (4, None, 0), "zed": (1, 2, 0)}
A2_GRADES = {"ana": 9, "ben": 10, "pat": 22 / 3, "zed": 6}


def open_new_gradebook(course: Path) -> Gradebook:
    """Create ``gradebook.db`` in the course folder (nbgrader runs `alembic`, so it must be on PATH)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", tool_env()["PATH"])
        return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def seed(course: Path) -> None:
    with open_new_gradebook(course) as gb:
        gb.add_assignment(A1, duedate="2026-09-10 23:59:00")
        gb.add_notebook(A1, A1)
        gb.add_grade_cell("test_levels_answers", A1, A1, max_score=4, cell_type="code")
        gb.add_grade_cell("reflection_levels", A1, A1, max_score=5, cell_type="markdown")
        gb.add_assignment(A2, duedate="2026-09-24 23:59:00")
        gb.add_notebook(A2, A2)
        gb.add_grade_cell("test_quiz", A2, A2, max_score=10, cell_type="code")
        for sid in ("ana", "ben", "cai", "pat", "zed"):
            gb.add_student(sid, first_name=sid.capitalize(), last_name="Student")
        for sid, (auto, manual, penalty) in A1_GRADES.items():
            gb.add_submission(A1, sid)
            grade = gb.find_grade("test_levels_answers", A1, A1, sid)
            grade.auto_score, grade.needs_manual_grade = auto, False
            if manual is not None:
                grade = gb.find_grade("reflection_levels", A1, A1, sid)
                grade.manual_score, grade.needs_manual_grade = manual, False
            gb.find_submission_notebook(A1, A1, sid).late_submission_penalty = penalty
            gb.db.commit()
        for sid, score in A2_GRADES.items():  # cai did not submit assignment 2
            gb.add_submission(A2, sid)
            grade = gb.find_grade("test_quiz", A2, A2, sid)
            grade.auto_score, grade.needs_manual_grade = score, False
            gb.db.commit()


def export(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "nbgrader"), "export", "--exporter", "mswlab.grading.CanvasExporter", *args],
        cwd=course,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("course")
    # The Canvas title for assignment 1 comes from the course config, as an instructor would set it.
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CanvasExporter.column_names = {{'{A1}': 'Levels of practice (12345)'}}\n"
    )
    seed(course)
    (course / "class_roster.csv").write_text(ROSTER)
    return course


@pytest.fixture(scope="module")
def exported(course: Path) -> subprocess.CompletedProcess:
    result = export(course, "--CanvasExporter.roster=class_roster.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_csv_has_canvas_layout_and_one_row_per_rostered_student(course: Path, exported):
    rows = read_csv(course / "canvas_grades.csv")  # the default name when --to is not given
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Levels of practice (12345)", A2]
    assert rows[1] == ["Points Possible", "", "", "", "", "9", "10"]  # 4 + 5, and 10
    assert rows[2:] == [
        ["Lopez, Ana", "1001", "S1001", "alopez", "MSW 501 A", "8.5", "9"],  # 4 + 4.5
        ["Okafor, Ben", "1002", "S1002", "bokafor", "MSW 501 A", "5.5", "10"],  # 3 + 4 - 1.5 late
        ["Chen, Cai", "1003", "", "", "MSW 501 B", "5", ""],  # no submission: empty, not 0
        ["Diaz, Dee", "1004", "S1004", "ddiaz", "MSW 501 B", "", ""],  # not in the gradebook
        ["Park, Pat", "", "S1005", "ppark", "MSW 501 B", "4", "7.33"],  # reflection ungraded; 22/3
    ]


def test_unrostered_student_is_reported_and_kept_in_a_sidecar(course: Path, exported):
    log = exported.stdout + exported.stderr
    assert "Student 'zed' is in the gradebook but not in the roster" in log
    assert "Add a line for them to the roster" in log and "canvas_grades.unmatched.csv" in log
    assert read_csv(course / "canvas_grades.unmatched.csv") == [
        ["nbgrader_id", "first_name", "last_name", "email", "Levels of practice (12345)", A2],
        ["zed", "Zed", "Student", "", "3", "6"],
    ]
    assert "zed" not in (course / "canvas_grades.csv").read_text()


def test_pending_manual_grading_is_warned(exported):
    log = exported.stdout + exported.stderr
    assert (f"1 submission(s) of '{A1}' still need manual grading, so their scores may be incomplete: pat") in log
    assert "Traceback" not in log


def test_only_the_assignments_asked_for(course: Path, tmp_path: Path):
    # In process (nbgrader takes seconds to start): the same plugin the command builds.
    dest = tmp_path / "a2_only.csv"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        CanvasExporter(roster=str(course / "class_roster.csv"), assignment=[A2], to=str(dest)).export(gb)
    rows = read_csv(dest)
    assert rows[0][5:] == [A2] and rows[1][5:] == ["10"]
    assert [r[5] for r in rows[2:]] == ["9", "10", "", "", "7.33"]


def test_roster_problem_is_one_plain_line_from_the_command(course: Path, tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER_HEADER + "ana,Ana,1001,,,A\n,Ben,1002,,,A\n")
    result = export(course, f"--CanvasExporter.roster={path}", "--to", str(tmp_path / "out.csv"))
    assert result.returncode == 1
    assert f"[ExportApp | ERROR] {path}: line 3: field 'nbgrader_id' is empty" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    "roster, expected",
    [
        (
            None,
            "roster not found. Write it with the header nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section",
        ),
        (
            "nbgrader_id,name,canvas_id,section\nana,Ana,1001,A\n",
            "line 1: the header lacks column(s) sis_user_id, sis_login_id",
        ),
        (ROSTER_HEADER + "ana,Ana,,,,A\n", "line 2: give at least one of canvas_id, sis_user_id, sis_login_id"),
        (
            ROSTER_HEADER + "ana,Ana,ana@example.edu,,,A\n",
            "line 2: field 'canvas_id' is 'ana@example.edu'; Canvas user IDs are whole numbers",
        ),
        (
            ROSTER_HEADER + "ana,Ana,1001,,,A\n\nana,Ana B,1002,,,A\n",
            "line 4: field 'nbgrader_id': 'ana' is already on line 2",
        ),
    ],
    ids=["missing", "header", "no-canvas-identity", "bad-canvas-id", "duplicate"],
)
def test_roster_problems_name_file_line_and_field(tmp_path: Path, roster, expected):
    path = tmp_path / "roster.csv"
    if roster is not None:
        path.write_text(roster)
    with pytest.raises(ValidationError) as err:
        read_roster(path)
    assert str(err.value).startswith(f"{path}: {expected}")


def test_roster_with_excel_byte_order_mark_and_blank_lines_reads(tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_text("\ufeff" + ROSTER + "\n,,,,,\n", encoding="utf-8")
    assert [e.nbgrader_id for e in read_roster(path)] == ["ana", "ben", "cai", "dee", "pat"]
