"""Hostile submissions and honest ones, graded together by ``mswlab course autograde``
in the bubblewrap sandbox. Each hostile student gets exactly the outcome its case
names; the honest students come out exactly as stock nbgrader grades them alone; and
nothing outside the submissions is read or changed."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import threading

import pytest

from tests.grading.classroom import POINTS, Classroom
from tests.grading.hostile.cases import CASES, HONEST, KEY_TEXT, SECRET, notebook_text, outputs_of, tmp_megabytes

# A short cell time limit, so the infinite loop costs seconds, not a minute, with room for the
# memory cases (children that hold memory for 4 s) on a busy machine.
CONFIG = "c.Execute.timeout = 15\n"
# Instructor files that student code tries to change, read or link to.
GUARDED = ("source/01_levels_of_practice/01_levels_of_practice.ipynb", "gradebook.db", "nbgrader_config.py")


class Listener:
    """A TCP server on loopback that counts the connections it receives."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.server.close()


def build(room: Classroom, port: int, students=None) -> None:
    for case in CASES:
        if students is None or case.student in students:
            case.build(room, {"student": case.student, "port": port, "course": room.root})
    for student, kind in HONEST.items():
        room.submit(student, room.answered(kind))


def state(room: Classroom) -> dict[str, tuple[str, int]]:
    """Content hash and mode of each guarded instructor file."""
    found = {}
    for name in GUARDED:
        path = room.root / name
        found[name] = (
            hashlib.sha256(path.read_bytes()).hexdigest() if name != "gradebook.db" else "",
            stat.S_IMODE(path.lstat().st_mode),
        )
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    listener = Listener()
    base = Classroom(tmp_path_factory.mktemp("hostile") / "course", config_extra=CONFIG)
    alone = base.copy(base.root.parent / "alone")
    for student, kind in HONEST.items():
        alone.submit(student, alone.answered(kind))
    assert alone.stock_autograde().returncode == 0
    build(base, listener.port)
    before = state(base)
    done = base.mswlab_autograde(
        "--workers",
        "2",
        "--sandbox",
        "bwrap",
        timeout=900,
        env={"DATABASE_URL": f"postgresql://grader:{SECRET}@db.example/course"},
    )
    summary = json.loads((base.root / ".mswlab/autograde" / base.assignment / "summary.json").read_text())
    yield base, alone, done, {s["student"]: s for s in summary["students"]}, listener, before, summary
    listener.close()


def test_the_run_succeeds_although_students_misbehave(graded):
    room, _, done, summary, *_ = graded
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(summary) == {c.student for c in CASES} | set(HONEST)
    assert "Sandbox: bwrap" in done.stdout and "WARNING" not in done.stdout


def test_the_summary_names_how_the_memory_ceiling_was_enforced(graded):
    done, run = graded[2], graded[6]
    assert run["limits"].startswith("cgroup v"), run["limits"]  # root on this machine can make cgroups
    assert f"Limits: {run['limits']}" in done.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.student for c in CASES])
def test_each_hostile_student_gets_the_outcome_of_its_case(graded, case):
    room, _, done, summary, *_ = graded
    outcome = summary[case.student]
    assert outcome["status"] == case.status, outcome
    assert case.message in outcome["message"], outcome
    assert f"{case.student} " in done.stdout  # a line in the summary table
    if case.points is None:
        assert not (room.root / "autograded" / case.student).exists() or not outputs_of(room, case.student)
    else:
        assert room.auto_score(case.student) == case.points, outcome
    if case.output:
        assert case.output in outputs_of(room, case.student)
    if case.not_output:
        assert case.not_output not in outputs_of(room, case.student)


def test_honest_students_are_graded_exactly_as_when_graded_alone(graded):
    room, alone, _, summary, *_ = graded
    assert room.rows(list(HONEST)) == alone.rows(list(HONEST))
    for student, kind in HONEST.items():
        assert room.auto_score(student) == POINTS[kind]
        assert summary[student]["status"] == "graded"


def test_no_sandboxed_student_read_hidden_tests_changed_the_gradebook_or_reached_the_network(graded):
    room, *_, listener, _, _ = graded
    rows = room.rows()
    assert all(g[3] is None for row in rows.values() for g in row["grades"]), "manual scores were written"
    assert room.table_counts()["comment"] > 0
    assert listener.connections == 0
    assert "hidden tests not found" in outputs_of(room, "read_source")


def test_no_instructor_file_was_changed_linked_or_made_read_only(graded):
    room, before = graded[0], graded[5]
    assert state(room) == before
    planted = [p for p in room.root.rglob("planted.txt")]
    assert planted == [], planted
    links = [str(p) for p in (room.root / "autograded").rglob("*") if p.is_symlink()]
    assert links == [], f"links in the grader's folders: {links}"


def test_the_answer_key_never_reaches_a_students_notebook(graded):
    room = graded[0]
    for student in (c.student for c in CASES):
        text = notebook_text(room, student)
        assert "HIDDEN TESTS" not in text and KEY_TEXT not in text.replace("\\n", ""), student


def test_memory_files_and_outputs_stay_within_their_limits(graded):
    room = graded[0]
    assert tmp_megabytes(room, "fill_tmp") <= 512
    for student in ("huge_output", "many_outputs"):
        path = room.root / "autograded" / student / room.assignment / room.notebook_name
        assert path.stat().st_size < 6_000_000, student


def test_no_process_or_cgroup_is_left_behind(graded):
    room = graded[0]
    leftover = subprocess.run(["pgrep", "-f", str(room.root)], capture_output=True, text=True).stdout.split()
    assert leftover == [], "sandboxes still running"
    groups = [g for root in ("/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup") for g in _cgroups(root)]
    assert groups == [], groups


def _cgroups(root: str) -> list[str]:
    if not os.path.isdir(root):
        return []
    return [
        os.path.join(d, n)
        for d, names, _ in os.walk(root)
        for n in names
        if n.startswith("mswlab-") and n.split("-")[1].isdigit() and not os.path.exists(f"/proc/{n.split('-')[1]}")
    ]


def test_without_the_sandbox_the_same_code_does_cheat_but_cannot_forge_a_score(tmp_path):
    """Proves the sandbox cases are real attacks: with --sandbox none they write and reach where
    they should not. Scores are computed outside the kernel either way, so the forgers still get 0."""
    listener = Listener()
    try:
        room = Classroom(tmp_path / "course", config_extra=CONFIG)
        build(room, listener.port, students={"write_outside", "network", "rebind_points_for", "patched_import"})
        done = room.mswlab_autograde("--workers", "2", "--sandbox", "none")
        assert done.returncode == 0, done.stderr
        assert "WARNING: student code ran WITHOUT a sandbox" in done.stdout
        assert (room.root / "planted.txt").read_text() == "planted"
        assert listener.connections == 1
        assert room.auto_score("rebind_points_for") == 0 and room.auto_score("patched_import") == 0
    finally:
        listener.close()
