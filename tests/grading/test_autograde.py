"""``mswlab course autograde`` against stock ``nbgrader autograde``, and through crashes.

Every test grades real submissions of assignment 01 with real kernels and a real
SQLite gradebook; crashes are real signals sent to real processes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BIN, tool_env
from tests.grading.classroom import POINTS, RIGHT, Classroom, with_cell

SLOW = "import time\ntime.sleep(2)\nlevels_answers = {" + RIGHT["levels_answers"] + "}"


def deleted_test_cell(room: Classroom):
    nb = room.answered("right")
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_methods_answers"]
    return nb


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Classroom:
    room = Classroom(tmp_path_factory.mktemp("autograde") / "course")
    for student, kind in [("ana", "right"), ("bo", "partial"), ("cy", "blank"), ("dee", "partial")]:
        room.submit(student, room.answered(kind))
    room.submit("eli", deleted_test_cell(room))
    return room


def summary(room: Classroom) -> dict:
    data = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    return {s["student"]: s for s in data["students"]}


def test_parallel_results_equal_stock_nbgrader(base, tmp_path):
    stock, ours = base.copy(tmp_path / "stock"), base.copy(tmp_path / "ours")
    assert stock.stock_autograde().returncode == 0
    done = ours.mswlab_autograde("--workers", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert ours.rows() == stock.rows()
    assert ours.table_counts() == stock.table_counts()
    assert [ours.auto_score(s) for s in ("ana", "bo", "cy", "eli")] == [11, 7, 0, 11]
    # progress while it runs, then one summary line per student
    assert "5/5 graded" in done.stderr and "elapsed" in done.stderr and "left" in done.stderr
    assert done.stdout.splitlines()[0].split("  ")[:5] == ["student", "autograded", "marked", "pending", "total so far"]
    assert summary(ours)["eli"]["status"] == "cells restored"
    assert "test_methods_answers (deleted)" in done.stdout


def test_rerun_leaves_graded_students_alone_and_force_regrades(base, tmp_path):
    room = base.copy(tmp_path / "course")
    assert room.mswlab_autograde("--student", "ana", "--student", "bo").returncode == 0
    first = room.rows()
    assert set(first) == {"ana", "bo"}
    again = room.mswlab_autograde()
    assert again.returncode == 0
    assert "3 graded now, 2 left as graded earlier" in again.stdout
    assert room.rows(["ana", "bo"]) == first
    forced = room.mswlab_autograde("--force", "--student", "ana")
    assert "1 graded now, 0 left" in forced.stdout and room.auto_score("ana") == 11


def test_sandbox_bwrap_refuses_and_auto_warns_when_bubblewrap_is_missing(base, tmp_path):
    room = base.copy(tmp_path / "course")
    env = {**tool_env(), "MSWLAB_BWRAP": "/nonexistent/bwrap"}
    cmd = [
        str(BIN / "mswlab"),
        "course",
        "autograde",
        room.assignment,
        "--course-dir",
        str(room.root),
        "--student",
        "ana",
    ]
    refused = subprocess.run(cmd + ["--sandbox", "bwrap"], env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and "bubblewrap is not installed" in refused.stderr
    assert not (room.root / "autograded").exists()
    fallback = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert fallback.returncode == 0
    assert "WARNING: student code ran WITHOUT a sandbox" in fallback.stdout
    assert "Sandbox: none" in fallback.stdout and room.auto_score("ana") == 11


# ------------------------------------------------------------------ the table and marking

REFLECTION = "reflection_levels"  # the assignment's one hand-marked cell (5 points); the rest are tests
WRITTEN = "Micro work with one family can show up, years later, in the county's budget."


def mark(room: Classroom, student: str, points: float) -> None:
    """Give the reflection a hand grade as the Formgrader does (its grade API: nbgrader's
    ``formgrader/apihandlers.py``, GradeHandler.put), through nbgrader's gradebook."""
    with room.gradebook() as gb:
        grade = gb.find_grade(REFLECTION, room.notebook_name[: -len(".ipynb")], room.assignment, student)
        grade.manual_score, grade.extra_credit = points, None
        grade.needs_manual_grade = grade.manual_score is None and grade.auto_score is None
        gb.db.commit()


def gradebook_columns(room: Classroom, student: str) -> list[str]:
    """The table's four point columns, worked out here from the gradebook's rows."""
    grades = room.rows([student])[student]["grades"]  # (notebook, cell, auto, manual, extra, needs, max)
    tests = [g for g in grades if g[1] != REFLECTION]
    hand = [g for g in grades if g[1] == REFLECTION]
    auto = sum(g[3] if g[3] is not None else g[2] or 0 for g in tests)
    marked = sum(g[3] if g[3] is not None else g[2] or 0 for g in hand if g[3] is not None or not g[5])
    with room.gradebook() as gb:
        total = gb.find_submission(room.assignment, student).score
    assert total == auto + marked
    return [
        f"{auto:g} of {sum(g[6] for g in tests):g}",
        f"{marked:g} of {sum(g[6] for g in hand):g}",
        str(sum(1 for g in grades if g[5])),
        f"{total:g} of 16",
    ]


def table(done: subprocess.CompletedProcess) -> dict[str, list[str]]:
    """The printed table: student -> its cells (columns are two or more spaces apart)."""
    import re

    lines = done.stdout.split("\n\n")[0].splitlines()
    header = ["student", "autograded", "marked", "pending", "total so far", "status", "details"]
    assert re.split(r"\s{2,}", lines[0]) == header
    return {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line) for line in lines[2:])}


def test_the_table_tells_the_gradebook_and_force_keeps_an_instructors_mark(tmp_path):
    room = Classroom(tmp_path / "course")
    room.submit("fay", with_cell(room.answered("right"), REFLECTION, WRITTEN))
    room.submit("gus", with_cell(room.answered("partial"), REFLECTION, WRITTEN))
    room.submit("cy", room.answered("blank"))  # a reflection left blank scores 0 with no marking to do
    first = room.mswlab_autograde("--workers", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    rows = table(first)
    assert rows["fay"][:4] == ["11 of 11", "0 of 5", "1", "11 of 16"]
    assert rows["gus"][:4] == ["7 of 11", "0 of 5", "1", "7 of 16"]
    assert rows["cy"][:4] == ["0 of 11", "0 of 5", "0", "0 of 16"]
    assert "Marking: 2 part(s) of 2 student(s) await a hand grade" in first.stdout

    mark(room, "fay", 4)  # in the Formgrader, after the run
    again = room.mswlab_autograde()  # nothing to grade: the table alone, read from the gradebook now
    assert "0 graded now, 3 left as graded earlier" in again.stdout
    rows = table(again)
    assert rows["fay"][:4] == ["11 of 11", "4 of 5", "0", "15 of 16"]
    assert {s: rows[s][:4] for s in rows} == {s: gradebook_columns(room, s) for s in ("fay", "gus", "cy")}
    assert "Marking: 1 part(s) of 1 student(s)" in again.stdout

    forced = room.mswlab_autograde("--force", "--student", "fay")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    reflection = next(g for g in room.rows(["fay"])["fay"]["grades"] if g[1] == REFLECTION)
    assert (reflection[3], reflection[5]) == (4.0, False), "the regrade un-marked the reflection"
    assert table(forced) == {"fay": ["11 of 11", "4 of 5", "0", "15 of 16", "graded"]}
    assert "Marking" not in forced.stdout

    # summary.json: every run kept, in order; the latest state of the whole class, points as marked
    data = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    runs = data["runs"]
    assert [sorted(o["student"] for o in r["outcomes"]) for r in runs] == [["cy", "fay", "gus"], [], ["fay"]]
    assert [r["options"]["force"] for r in runs] == [False, False, True] and runs[2]["options"]["students"] == ["fay"]
    assert runs[1]["left_as_graded_earlier"] == ["cy", "fay", "gus"]
    times = [dt.datetime.fromisoformat(r["at"]) for r in runs]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)
    latest = {s["student"]: s for s in data["students"]}
    assert set(latest) == {"cy", "fay", "gus"}, "a run for one student dropped the others"
    assert (latest["fay"]["score"], latest["fay"]["marked"], latest["fay"]["pending"]) == (15, 4, 0)
    assert (latest["gus"]["score"], latest["gus"]["pending"], latest["gus"]["graded_at"]) == (7, 1, runs[0]["at"])

    # a resubmission is new work: nbgrader's rule flags the mark for another look, and keeps it
    room.submit("fay", with_cell(room.answered("right"), REFLECTION, WRITTEN + " Revised."))
    resubmitted = room.mswlab_autograde("--student", "fay")
    reflection = next(g for g in room.rows(["fay"])["fay"]["grades"] if g[1] == REFLECTION)
    assert (reflection[3], reflection[5]) == (4.0, True)
    assert table(resubmitted)["fay"][:4] == gradebook_columns(room, "fay") == ["11 of 11", "4 of 5", "1", "15 of 16"]


def test_a_student_without_a_submission_gets_one_message(base, tmp_path):
    room = base.copy(tmp_path / "course")
    alone = room.mswlab_autograde("--student", "dave")
    assert alone.returncode == 1
    assert alone.stdout == "", "a table or a count line beside the error"
    assert alone.stderr.count("no submission for dave") == 1 and "graded" not in alone.stderr
    assert "submitted/dave/01_levels_of_practice" in alone.stderr
    assert not (room.root / "autograded").exists()

    both = room.mswlab_autograde("--student", "ana", "--student", "dave")
    assert both.returncode == 1
    assert set(table(both)) == {"ana"} and "1 graded now, 0 left as graded earlier." in both.stdout
    assert "dave" not in both.stdout and both.stderr.count("no submission for dave") == 1
    data = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    assert [s["student"] for s in data["students"]] == ["ana"]
    assert [[o["status"] for o in r["outcomes"]] for r in data["runs"]] == [
        ["no submission"],
        ["graded", "no submission"],
    ]


# ------------------------------------------------------------------ crashes


def slow_class(root: Path) -> Classroom:
    room = Classroom(root)
    for index in range(4):
        room.submit(f"slow{index}", with_cell(room.answered("right"), "levels_answers", SLOW))
    room.submit("part", room.answered("partial"))
    room.submit("none", room.answered("blank"))
    return room


EXPECTED = {**{f"slow{i}": 11.0 for i in range(4)}, "part": POINTS["partial"], "none": POINTS["blank"]}


ROOM_MARK = "MSWLAB_TEST_ROOM"  # inherited by the grader's workers and kernels, so they can be told apart


def start(room: Classroom) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "mswlab"), "course", "autograde", room.assignment, "--course-dir", str(room.root), "--workers", "2"],
        env={**tool_env(), ROOM_MARK: str(room.root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_markers(room: Classroom, count: int, timeout: float = 120) -> None:
    done = room.root / ".mswlab/autograde" / room.assignment / "done"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done.exists() and len(list(done.glob("*.json"))) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} students graded in {timeout} s")


def processes_of(room: Classroom) -> list[str]:
    """Graders and kernels still running for this course (not another test's, running alongside)."""
    mark = f"{ROOM_MARK}={room.root}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            ours = str(room.root) in cmd or mark in (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if ours:
            found.append(cmd)
    return found


def wait_until_gone(room: Classroom, timeout: float = 15) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := processes_of(room)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def assert_graded_exactly_once(room: Classroom) -> None:
    rows = room.rows()
    assert set(rows) == set(EXPECTED)
    assert {s: room.auto_score(s) for s in EXPECTED} == EXPECTED
    counts = room.table_counts()
    assert counts["submitted_assignment"] == len(EXPECTED)
    assert counts["submitted_notebook"] == len(EXPECTED)
    assert counts["grade"] == len(EXPECTED) * 4  # three tests and one reflection per student
    for row in rows.values():  # every autograded cell has its score
        assert all(g[2] is not None for g in row["grades"] if g[1].startswith("test_"))


def markers(room: Classroom) -> int:
    return len(list((room.root / ".mswlab/autograde" / room.assignment / "done").glob("*.json")))


def test_sigterm_then_kill_9_mid_run_then_rerun_grades_everyone_exactly_once(tmp_path):
    room = slow_class(tmp_path / "course")
    run = start(room)
    wait_for_markers(room, 1)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 128 + signal.SIGTERM
    assert "run the same command again" in err
    assert wait_until_gone(room) == [], "workers or kernels outlived the grader"

    run = start(room)  # carries on from where SIGTERM stopped it, and is killed outright
    wait_for_markers(room, markers(room) + 1)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=10)  # (reads and closes its pipes)
    assert wait_until_gone(room) == [], "workers or kernels outlived the grader"
    assert markers(room) < len(EXPECTED), "the kill came too late to test anything"

    again = room.mswlab_autograde("--workers", "2")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "left as graded earlier" in again.stdout
    assert_graded_exactly_once(room)


def test_a_crashed_worker_costs_no_student_a_grade(tmp_path):
    room = slow_class(tmp_path / "course")
    run = start(room)
    busy = []
    deadline = time.monotonic() + 60
    while not busy and time.monotonic() < deadline:  # a worker with a kernel running under it
        workers = [int(p.name) for p in _children(run.pid) if b"autograde" in _cmdline(p)]
        busy = [w for w in workers if any(_children(w))]
        time.sleep(0.1)
    assert busy, "no busy worker found"
    os.kill(busy[0], signal.SIGKILL)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, out + err
    assert_graded_exactly_once(room)
    log = (room.root / ".mswlab/autograde" / room.assignment / "autograde.log").read_text()
    assert "a worker died while grading" in log


def _children(pid: int) -> list[Path]:
    return [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == pid]


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:  # the process ended between listing /proc and reading it
        return b""


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1
