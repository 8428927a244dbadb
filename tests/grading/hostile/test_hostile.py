"""Hostile submissions and honest ones, graded together by ``mswlab course autograde``
in the bubblewrap sandbox. Each hostile student gets exactly the outcome its case
names; the honest students come out exactly as stock nbgrader grades them alone."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from tests.grading.classroom import POINTS, Classroom
from tests.grading.hostile.cases import CASES, HONEST, outputs_of

# Short cell time limit so the infinite loop costs seconds, not a minute.
CONFIG = "c.Execute.timeout = 8\n"


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
            case.build(room, {"student": case.student, "port": port})
    for student, kind in HONEST.items():
        room.submit(student, room.answered(kind))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    listener = Listener()
    base = Classroom(tmp_path_factory.mktemp("hostile") / "course", config_extra=CONFIG)
    alone = base.copy(base.root.parent / "alone")
    for student, kind in HONEST.items():
        alone.submit(student, alone.answered(kind))
    assert alone.stock_autograde().returncode == 0
    build(base, listener.port)
    done = base.mswlab_autograde("--workers", "2", "--sandbox", "bwrap", timeout=900)
    summary = json.loads((base.root / ".mswlab/autograde" / base.assignment / "summary.json").read_text())
    yield base, alone, done, {s["student"]: s for s in summary["students"]}, listener
    listener.close()


def test_the_run_succeeds_although_students_misbehave(graded):
    room, _, done, summary, _ = graded
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(summary) == {c.student for c in CASES} | set(HONEST)
    assert "Sandbox: bwrap" in done.stdout and "WARNING" not in done.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.student for c in CASES])
def test_each_hostile_student_gets_the_outcome_of_its_case(graded, case):
    room, _, done, summary, _ = graded
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


def test_honest_students_are_graded_exactly_as_when_graded_alone(graded):
    room, alone, _, summary, _ = graded
    assert room.rows(list(HONEST)) == alone.rows(list(HONEST))
    for student, kind in HONEST.items():
        assert room.auto_score(student) == POINTS[kind]
        assert summary[student]["status"] == "graded"


def test_no_sandboxed_student_read_hidden_tests_changed_the_gradebook_or_reached_the_network(graded):
    room, _, _, _, listener = graded
    rows = room.rows()
    assert all(g[3] is None for row in rows.values() for g in row["grades"]), "manual scores were written"
    assert room.table_counts()["comment"] > 0
    assert listener.connections == 0
    assert "hidden tests not found" in outputs_of(room, "read_source")


def test_huge_output_is_cut_before_it_reaches_the_gradebook_folder(graded):
    room = graded[0]
    path = room.root / "autograded/huge_output" / room.assignment / room.notebook_name
    assert path.stat().st_size < 1_000_000


def test_without_the_sandbox_the_same_code_does_cheat(tmp_path):
    """Proves the cases above are real attacks: with --sandbox none they succeed."""
    listener = Listener()
    try:
        room = Classroom(tmp_path / "course", config_extra=CONFIG)
        build(room, listener.port, students={"read_source", "read_other", "network"})
        done = room.mswlab_autograde("--workers", "2", "--sandbox", "none")
        assert done.returncode == 0, done.stderr
        assert "WARNING: student code ran WITHOUT a sandbox" in done.stdout
        assert room.auto_score("read_source") == 11
        assert room.auto_score("read_other") == 11
        assert listener.connections == 1
    finally:
        listener.close()
