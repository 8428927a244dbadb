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
from mswlab.grading.canvas import IDENTITY_HEADER, CanvasExporter
from mswlab.grading.roster import read_roster
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
            "roster not found. Save Canvas's gradebook export (Grades > Export > Export Entire Gradebook) "
            "there, or write it with the header nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section",
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
    assert [e.nbgrader_id for e in read_roster(path).entries] == ["ana", "ben", "cai", "dee", "pat"]


# Canvas's own gradebook export, as Canvas writes it (lib/gradebook_exporter.rb): the header, the
# "    Points Possible" row (leading spaces and all), the Test Student, names quoted as "Last, First",
# Canvas's scores and total columns. The instructor saves it and points the exporter at it, unedited.
CANVAS_EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Levels of practice (12345),Careers and settings (12346),"
    "Current Points,Final Points,Current Score,Unposted Current Score,Final Score,Unposted Final Score\n"
    "    Points Possible,,,,,9.00,10.00,(read only),(read only),(read only),(read only),(read only),(read only)\n"
    '"Student, Test",9990,,9d8c7b6a5f4e3d2c1b0a,MSW 501 A,,,0.00,0.00,,,0.00,0.00\n'
    '"Chen, Cai",1003,S1003,cai,MSW 501 B,,,0.00,0.00,,,0.00,0.00\n'  # login, same case
    '"Lopez, Ana",1001,S1001,ANA,MSW 501 A,,,0.00,0.00,,,0.00,0.00\n'  # login, other case
    '"Nguyen, Thi",1006,S1006,tnguyen,MSW 501 B,,,0.00,0.00,,,0.00,0.00\n'  # in Canvas, not in nbgrader
    '"Okafor, Ben",1002,Ben,bokafor@example.edu,MSW 501 A,,,0.00,0.00,,,0.00,0.00\n'  # SIS User ID
    '"Park, Pat",1005,PAT,ppark,"MSW 501 A and MSW 501 B",,,0.00,0.00,,,0.00,0.00\n'  # SIS User ID, two sections
)  # zed, in the gradebook, has no row: reported, never dropped


@pytest.fixture(scope="module")
def canvas_course(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("canvas_course")
    # Assignment 1's title is copied from the export's header; assignment 2's has a slip (wrong id).
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CanvasExporter.column_names = {{'{A1}': 'Levels of practice (12345)', "
        f"'{A2}': 'Careers and settings (12399)'}}\n"
    )
    seed(course)
    (course / "roster.csv").write_text(CANVAS_EXPORT)  # the default roster path
    return course


@pytest.fixture(scope="module")
def canvas_exported(canvas_course: Path) -> subprocess.CompletedProcess:
    result = export(canvas_course)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_canvas_export_as_roster_matches_by_login_or_sis_id(canvas_course: Path, canvas_exported):
    rows = read_csv(canvas_course / "canvas_grades.csv")
    assert rows[0] == IDENTITY_HEADER + ["Levels of practice (12345)", "Careers and settings (12399)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "9", "10"]
    assert rows[2:] == [  # Canvas's order; no Points Possible or Test Student row carried over
        ["Chen, Cai", "1003", "S1003", "cai", "MSW 501 B", "5", ""],
        ["Lopez, Ana", "1001", "S1001", "ANA", "MSW 501 A", "8.5", "9"],
        ["Nguyen, Thi", "1006", "S1006", "tnguyen", "MSW 501 B", "", ""],
        ["Okafor, Ben", "1002", "Ben", "bokafor@example.edu", "MSW 501 A", "5.5", "10"],
        ["Park, Pat", "1005", "PAT", "ppark", "MSW 501 A and MSW 501 B", "4", "7.33"],
    ]
    assert "Traceback" not in canvas_exported.stdout + canvas_exported.stderr


def test_student_matching_no_row_of_the_canvas_export_is_reported(canvas_course: Path, canvas_exported):
    log = canvas_exported.stdout + canvas_exported.stderr
    assert (
        f"Student 'zed' is in the gradebook but matches no row of the Canvas export {canvas_course / 'roster.csv'} "
        "(by SIS Login ID or SIS User ID, ignoring case)"
    ) in log
    assert read_csv(canvas_course / "canvas_grades.unmatched.csv")[1] == ["zed", "Zed", "Student", "", "3", "6"]
    assert not [line for line in log.splitlines() if "Student '" in line and "'zed'" not in line]


def test_a_title_that_is_not_in_the_canvas_export_is_warned(canvas_exported):
    log = canvas_exported.stdout + canvas_exported.stderr
    assert (
        f"CanvasExporter.column_names titles '{A2}' 'Careers and settings (12399)', which is not a column "
        "of the Canvas export"
    ) in log
    assert "Canvas will create a new assignment for it" in log
    assert f"titles '{A1}'" not in log


def test_canvas_export_variants_read(tmp_path: Path):
    # Semicolons and a byte-order mark (Canvas user settings), split names, an Integration ID, no SIS
    # User ID (an instructor without SIS rights), and the "Manual Posting" row above Points Possible.
    path = tmp_path / "export.csv"
    path.write_text(
        "\ufeffLastName;FirstName;ID;SIS Login ID;Integration ID;Section;Notes;Reflection (7)\n"
        ";;;;;;;Manual Posting\n"
        "    Points Possible;;;;;;;5,00\n"
        'Nguyen;Thi;1006;tnguyen;;MSW 501 B;"line one\nline two";4,50\n'
        "Student;Test;9990;x1y2;;MSW 501 B;;\n",
        encoding="utf-8",
    )
    roster = read_roster(path)
    assert roster.from_canvas and "Reflection (7)" in roster.columns
    assert [e.identity() for e in roster.entries] == [["Nguyen, Thi", "1006", "", "tnguyen", "MSW 501 B"]]
    entries, unmatched = roster.matched(["TNguyen", "zed"])
    assert [e.nbgrader_id for e in entries] == ["TNguyen"] and unmatched == ["zed"]


@pytest.mark.parametrize(
    "rows, students, expected",
    [
        (
            '"Lopez, Ana",1001,S1001,ana,A,\n"Diaz, Ana",1007,ana,adiaz,A,\n',
            ["ana"],
            "student 'ana' matches lines 3 and 4 (by SIS Login ID or SIS User ID)",
        ),
        (
            '"Lopez, Ana",1001,S1001,ana,A,\n',
            ["ana", "S1001"],
            "line 3: matches two students in the gradebook, 'S1001' and 'ana'",
        ),
        ('"Lopez, Ana",abc,S1001,ana,A,\n', [], "line 3: field 'ID' is 'abc'; Canvas user IDs are whole numbers"),
        (",1001,S1001,ana,A,\n", [], "line 3: field 'Student' is empty"),
    ],
    ids=["one-student-two-rows", "two-students-one-row", "bad-id", "no-name"],
)
def test_canvas_export_problems_name_file_line_and_field(tmp_path: Path, rows, students, expected):
    path = tmp_path / "export.csv"
    path.write_text(",".join(IDENTITY_HEADER) + ",Quiz (1)\n    Points Possible,,,,,10.00\n" + rows)
    with pytest.raises(ValidationError) as err:
        read_roster(path).matched(students)
    assert str(err.value).startswith(f"{path}: {expected}")
