"""A class without a hub, end to end: an LMS download in, feedback pages out, as an ordinary user.

The whole cycle runs as a throwaway instructor account that is not root (tests/accounts.py):
generate and release the assignment (the exchange is the course's own folder, not a system one),
import a Canvas-style zip of two students' submissions through a roster, autograde in the sandbox,
``nbgrader generate_feedback``, export the pages. The smaller tests pin the import's rules: hostile
zip entries and links are refused and named, names map through the roster, timestamps are nbgrader's.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.utils import parse_utc

from mswlab.cli import main as mswlab_main
from mswlab.grading import safe_zip, submissions_import
from mswlab.grading.files import Limits
from tests.accounts import account, as_account
from tests.conftest import BIN, ROOT, fill_answers, tool_env
from tests.grading.classroom import ASSIGNMENT, FIXTURE_SOURCE, PARTIAL, POINTS, RIGHT, Classroom

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ROSTER = (
    "nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section\n"
    '"alice","Nguyen, Thi",12345,S001,tnguyen,01\n'
    '"bob","Okafor, Chidi",23456,S002,cokafor,01\n'
)
DEADLINE = "2025-03-01T23:59:00-05:00"
DEADLINE_UTC = dt.datetime(2025, 3, 2, 4, 59)


# The reflection marked as the Formgrader marks it (nbgrader's GradeHandler.put, through its gradebook).
MARK_REFLECTIONS = f"""
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gb:
    for student, points in (("alice", 4), ("bob", 3)):
        grade = gb.find_grade("reflection_levels", "{ASSIGNMENT}", "{ASSIGNMENT}", student)
        grade.manual_score, grade.needs_manual_grade = points, False
    gb.db.commit()
"""


def canvas_zip(path: Path, entries: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    """A zip as Canvas's "Download Submissions" gives it, plus any ``links`` (entry -> target) to refuse."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 22, 15, 0))
            zf.writestr(info, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 22, 15, 0))
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def notebook_bytes(room_or_release: nbformat.NotebookNode) -> bytes:
    return nbformat.writes(room_or_release).encode()


# ---------------------------------------------------------------- the whole cycle, not as root


def test_a_class_without_a_hub_from_lms_download_to_feedback_pages_as_an_ordinary_user():
    with account("mswlab-nh") as (user, base):
        course = base / "course"
        course.mkdir()
        shutil.copy(ROOT / "course/nbgrader_config.py", course / "nbgrader_config.py")
        (course / "nbgrader_config.py").write_text(
            (course / "nbgrader_config.py").read_text() + "\nc.Execute.timeout = 20\n"
        )
        shutil.copytree(FIXTURE_SOURCE / ASSIGNMENT, course / "source" / ASSIGNMENT)
        (base / "roster.csv").write_text(ROSTER)
        subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", str(base)], check=True)
        prefix, env = as_account(user, tool_env())

        def step(*cmd: str) -> subprocess.CompletedProcess:
            done = subprocess.run([*prefix, *cmd], cwd=course, env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, f"{cmd} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
            return done

        step(str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT)
        step(str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT)
        assert (course / "exchange/msw-practice-lab/outbound" / ASSIGNMENT / NOTEBOOK).is_file()

        release = nbformat.read(str(course / "release" / ASSIGNMENT / NOTEBOOK), as_version=4)
        download = canvas_zip(
            base / "submissions.zip",
            {
                f"nguyenthi_12345_987001_{NOTEBOOK}": notebook_bytes(fill_answers(copy.deepcopy(release), RIGHT)),
                f"okaforchidi_LATE_23456_987002_{ASSIGNMENT}-1.ipynb": notebook_bytes(
                    fill_answers(copy.deepcopy(release), PARTIAL)
                ),
                "../escape.ipynb": b"{}",
                "/tmp/absolute.ipynb": b"{}",
            },
        )
        os.chown(download, user.pw_uid, user.pw_gid)

        imported = step(
            str(BIN / "mswlab"), "course", "import-submissions", ASSIGNMENT, str(download),
            "--roster", str(base / "roster.csv"), "--deadline", DEADLINE,
        ).stdout  # fmt: skip
        assert "2 imported, 2 skipped." in imported, imported
        assert "'..' in its path" in imported and "an absolute path" in imported, imported
        assert not (base / "escape.ipynb").exists() and not Path("/tmp/absolute.ipynb").exists()
        for student in ("alice", "bob"):
            stamp = (course / "submitted" / student / ASSIGNMENT / "timestamp.txt").read_text()
            assert parse_utc(stamp) == DEADLINE_UTC

        graded = step(str(BIN / "mswlab"), "course", "autograde", ASSIGNMENT, "--sandbox", "bwrap", "--workers", "2")
        assert "2 graded now" in graded.stdout, graded.stdout
        step(str(BIN / "python"), "-c", MARK_REFLECTIONS)  # as in the Formgrader: feedback waits for marking
        step(str(BIN / "mswlab"), "course", "feedback", ASSIGNMENT)  # nbgrader generate_feedback, refusing pending
        exported = step(
            str(BIN / "mswlab"), "course", "export-feedback", ASSIGNMENT, "--to", str(base / "to-canvas")
        ).stdout

        pages = sorted(p.relative_to(base / "to-canvas").as_posix() for p in (base / "to-canvas").rglob("*.html"))
        assert pages == [f"alice/{ASSIGNMENT}.html", f"bob/{ASSIGNMENT}.html"], exported
        assert "No feedback for" not in exported
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            scores = {s.student_id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}
            stamps = {s.student_id: s.timestamp for s in gb.assignment_submissions(ASSIGNMENT)}
        assert scores == {"alice": POINTS["right"] + 4, "bob": POINTS["partial"] + 3}
        assert stamps == {"alice": DEADLINE_UTC, "bob": DEADLINE_UTC}
        for student in ("alice", "bob"):
            page = (base / "to-canvas" / student / f"{ASSIGNMENT}.html").read_bytes()
            assert page == (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_bytes()
            assert b"Score" in page
        assert all(p.stat().st_uid == user.pw_uid for p in course.rglob("*"))
        assert not Path("/usr/local/share/nbgrader/exchange/msw-practice-lab").exists()


# ---------------------------------------------------------------- the import's rules


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Classroom:
    return Classroom(tmp_path_factory.mktemp("released") / "course")


@pytest.fixture
def room(released: Classroom, tmp_path: Path) -> Classroom:
    return released.copy(tmp_path / "course")


def run_import(room: Classroom, source: Path, *extra: str, capsys=None) -> tuple[int, str]:
    code = mswlab_main(
        ["course", "import-submissions", ASSIGNMENT, str(source), "--course-dir", str(room.root), *extra]
    )
    out = capsys.readouterr() if capsys else None
    return code, (out.out + out.err) if out else ""


def test_a_folder_per_student_keeps_the_forms_file_and_the_file_time(room, tmp_path, capsys):
    download = tmp_path / "download"
    (download / "carol").mkdir(parents=True)
    (download / "Dana Diaz_4711_assignsubmission_file_").mkdir()
    nb = notebook_bytes(room.answered("right"))
    (download / "carol" / "my work.ipynb").write_bytes(nb)
    (download / "carol" / "form_answers.json").write_text(json.dumps({"student": "carol", "answers": {}}))
    os.utime(download / "carol" / "my work.ipynb", (1_740_000_000, 1_740_000_000))
    (download / "Dana Diaz_4711_assignsubmission_file_" / NOTEBOOK).write_bytes(nb)
    (download / "__MACOSX").mkdir()
    (download / "__MACOSX" / "._carol").write_bytes(b"junk")

    code, out = run_import(room, download, capsys=capsys)
    assert code == 0, out
    carol = room.root / "submitted/carol" / ASSIGNMENT
    assert sorted(p.name for p in carol.iterdir()) == [NOTEBOOK, "form_answers.json", "timestamp.txt"]
    assert (carol / NOTEBOOK).read_bytes() == nb
    assert parse_utc((carol / "timestamp.txt").read_text()) == dt.datetime(2025, 2, 19, 21, 20)
    assert (room.root / "submitted/danadiaz" / ASSIGNMENT / NOTEBOOK).is_file()  # Moodle's folder, no roster
    assert "__MACOSX" not in out and "2 imported" in out

    code, out = run_import(room, download, capsys=capsys)
    assert "2 unchanged" in out
    (download / "carol" / "my work.ipynb").write_bytes(notebook_bytes(room.answered("partial")))
    code, out = run_import(room, download, capsys=capsys)
    assert "--force replaces it" in out and (carol / NOTEBOOK).read_bytes() == nb
    code, out = run_import(room, download, "--force", capsys=capsys)
    assert "1 replaced" in out and (carol / NOTEBOOK).read_bytes() != nb


def test_links_are_refused_and_never_followed(room, tmp_path, capsys):
    secret = tmp_path / "secret.ipynb"
    secret.write_text("the answer key")
    download = tmp_path / "download"
    (download / "erin").mkdir(parents=True)
    (download / "erin" / NOTEBOOK).symlink_to(secret)
    (download / "frank").symlink_to(tmp_path)
    os.mkfifo(download / "gina.ipynb")
    code, out = run_import(room, download, capsys=capsys)
    assert code == 0
    assert "erin/" + NOTEBOOK in out and "frank" in out and "a link" in out, out
    assert "gina.ipynb" in out and "FIFO" in out
    assert not (room.root / "submitted").exists() or not any((room.root / "submitted").rglob("*.ipynb"))


def test_the_roster_maps_canvas_ids_and_names_and_says_who_it_cannot(room, tmp_path, capsys):
    nb = notebook_bytes(room.answered("right"))
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    download = canvas_zip(
        tmp_path / "submissions.zip",
        {
            f"nguyenthi_12345_1_{NOTEBOOK}": nb,  # by Canvas user id
            f"okaforchidi_99999_2_{NOTEBOOK}": nb,  # unknown id, known name
            f"strangerpat_55555_3_{NOTEBOOK}": nb,  # on no roster
            "strangerpat_55555_3_notes.txt": b"hi",
            "readme.txt": b"not a student's file",
            f"alsoalice_12345_4_{NOTEBOOK}": nb,  # the same Canvas id twice: two files
        },
        links={f"linky_66666_5_{NOTEBOOK}": "/etc/passwd"},
    )
    code, out = run_import(room, download, "--roster", str(roster), capsys=capsys)
    assert code == 0, out
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}
    assert "alice" not in os.listdir(room.root / "submitted")  # two notebooks for one Canvas id: which?
    assert "cannot tell which notebook" in rows["alsoalice"] and f"nguyenthi_12345_1_{NOTEBOOK}" in rows["alsoalice"]
    assert (room.root / "submitted/bob" / ASSIGNMENT / NOTEBOOK).read_bytes() == nb
    assert "not on the roster" in rows["strangerpat"]
    assert "cannot tell whose file" in rows["readme.txt"]
    assert "a link" in rows[f"linky_66666_5_{NOTEBOOK}"]


def test_canvas_own_gradebook_export_as_the_roster_gives_logins_as_ids(room, tmp_path, capsys):
    """Canvas's export has no nbgrader ids; the Canvas exporter finds students by SIS Login ID, so that is their id."""
    roster = tmp_path / "canvas_export.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Levels of practice (101)\n"
        "    Points Possible,,,,,16.00\n"
        '"Nguyen, Thi",12345,S001,tnguyen,Section 01,\n'
        '"Okafor, Chidi",23456,S002,cokafor,Section 01,\n'
        '"Student, Test",99999,,,Section 01,\n'
    )
    nb = notebook_bytes(room.answered("right"))
    download = canvas_zip(
        tmp_path / "submissions.zip", {f"nguyenthi_12345_1_{NOTEBOOK}": nb, f"okaforchidi_23456_2_{NOTEBOOK}": nb}
    )
    code, out = run_import(room, download, "--roster", str(roster), capsys=capsys)
    assert code == 0 and "2 imported" in out, out
    assert sorted(os.listdir(room.root / "submitted")) == ["cokafor", "tnguyen"]


def test_unsafe_zip_entries_are_refused_and_nothing_lands_outside(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    payload = b"x" * 2000
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in ("/abs.txt", "../up.txt", "a/../../up2.txt", "..\\win.txt", "C:\\drive.txt", "ok/fine.txt"):
            zf.writestr(name, b"data")
        zf.writestr("big.txt", payload)
        with pytest.warns(UserWarning, match="Duplicate name"):  # zipfile allows it, and so may an LMS
            zf.writestr("ok/fine.txt", b"again")
    refused = safe_zip.unpack(archive, dest, Limits(file_bytes=1000))
    assert [r.split(" (")[0] for r in refused] == [
        "/abs.txt",
        "../up.txt",
        "a/../../up2.txt",
        "..\\win.txt",
        "C:\\drive.txt",
        "big.txt",
        "ok/fine.txt",
    ]
    assert "appears twice" in refused[-1]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "a.zip",
        "out/ok/fine.txt",
    ]
    assert (dest / "ok/fine.txt").read_bytes() == b"data"


def test_plain_errors_for_a_bad_source_deadline_or_assignment(room, tmp_path, capsys):
    code, out = run_import(room, tmp_path / "nowhere.zip", capsys=capsys)
    assert code == 1 and "nowhere.zip: not found" in out
    (tmp_path / "not.zip").write_bytes(b"PK\x03\x04 broken")
    code, out = run_import(room, tmp_path / "not.zip", capsys=capsys)
    assert code == 1 and "neither a folder nor a zip file" in out
    (tmp_path / "dl").mkdir()
    code, out = run_import(room, tmp_path / "dl", "--deadline", "next friday", capsys=capsys)
    assert code == 1 and "--deadline" in out and "next friday" in out
    code = mswlab_main(
        ["course", "import-submissions", "99_nope", str(tmp_path / "dl"), "--course-dir", str(room.root)]
    )
    out = capsys.readouterr().err
    assert code == 1 and "99_nope" in out and ASSIGNMENT in out


def test_the_timestamp_is_nbgraders_own_format():
    when = dt.datetime(2025, 3, 1, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    text = submissions_import.timestamp(when)
    assert text == "2025-03-02 04:59:00.000000 UTC"
    assert parse_utc(text) == dt.datetime(2025, 3, 2, 4, 59)


# nbgrader's add_submission trips a harmless SQLAlchemy 2 autoflush warning while seeding.
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_export_names_who_has_no_feedback(room, tmp_path, capsys):
    room.submit("hana", room.answered("right"))
    (room.root / "feedback/ivan" / ASSIGNMENT).mkdir(parents=True)
    (room.root / "feedback/ivan" / ASSIGNMENT / f"{ASSIGNMENT}.html").write_text("<p>ivan</p>")
    with room.gradebook() as gb:  # in the gradebook with every grade still to mark
        for student in ("jon", "kim"):
            gb.add_student(student)
            gb.add_submission(ASSIGNMENT, student)
    (room.root / "feedback/jon" / ASSIGNMENT).mkdir(parents=True)  # sent with --allow-pending
    (room.root / "feedback/jon" / ASSIGNMENT / f"{ASSIGNMENT}.html").write_text("<p>jon</p>")
    code = mswlab_main(["course", "export-feedback", ASSIGNMENT, "--course-dir", str(room.root)])
    out = capsys.readouterr().out
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "sent with marking pending" in lines["jon"] and "marking pending; mark in the Formgrader" in lines["kim"]
    assert (room.root / "lms-feedback/ivan" / f"{ASSIGNMENT}.html").read_text() == "<p>ivan</p>"
    assert "No feedback for 2: hana, kim." in out and "not graded yet" in out and "mswlab course autograde" in out
    shutil.rmtree(room.root / "feedback")
    assert mswlab_main(["course", "export-feedback", ASSIGNMENT, "--course-dir", str(room.root)]) == 1
    assert "mswlab course feedback" in capsys.readouterr().err


def test_the_course_exchange_is_the_course_folder_unless_the_hub_sets_one():
    """nbgrader's own reading of the settings, from the course folder: without a hub, exchange/ there;
    with the hub's settings on JUPYTER_CONFIG_PATH (as the hub's spawner gives them), the hub's exchange."""
    script = (
        "from nbgrader.apps.baseapp import NbGrader\n"
        "app = NbGrader()\n"
        "app.load_config_file()\n"
        "print(app.config.Exchange.root)\n"
    )
    course = str(ROOT / "course")
    plain = subprocess.run(
        [str(BIN / "python"), "-c", script], cwd=course, env=tool_env(), capture_output=True, text=True
    )
    assert plain.stdout.strip() == str(ROOT / "course/exchange"), plain.stderr
    hub = tool_env() | {
        "JUPYTER_CONFIG_PATH": str(ROOT / "deploy/jupyterhub/jupyter"),
        "NBGRADER_EXCHANGE": "/srv/test-exchange",
    }
    on_hub = subprocess.run([str(BIN / "python"), "-c", script], cwd=course, env=hub, capture_output=True, text=True)
    assert on_hub.stdout.strip() == "/srv/test-exchange", on_hub.stderr
