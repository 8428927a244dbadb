"""The sandbox and the limits hold when the grader cannot use cgroups: an instructor who is not
root (a real account, made for the test and removed after), and root on a machine without
cgroups (simulated with MSWLAB_CGROUPS=0), where kernels run as ``nobody``.

Both grade honest students and a handful of hostile ones with ``--sandbox bwrap``: the scores
are right, the summary says the rlimit fallback was used, and no instructor file changes.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.accounts import Passage, account, as_account, require_root
from tests.conftest import BIN, tool_env
from tests.grading.classroom import POINTS, Classroom
from tests.grading.hostile.cases import CASES, outputs_of

HOSTILE = (
    "planted_links",
    "linked_gradebook",
    "write_outside",
    "rebind_points_for",
    "memory_bomb",
    "fork_bomb",
    "show_environment",
)
HONEST = {"honest_right": "right", "honest_partial": "partial"}


def make_class(root: Path) -> Classroom:
    room = Classroom(root / "course", config_extra="c.Execute.timeout = 8\n")
    for case in CASES:
        if case.student in HOSTILE:
            case.build(room, {"student": case.student, "port": 9, "course": room.root})
    for student, kind in HONEST.items():
        room.submit(student, room.answered(kind))
    return room


@pytest.fixture
def instructor():
    """A throwaway instructor account with a home of its own; removed with its files afterwards."""
    with account("mswlab-t") as made:
        yield made


def check_graded(room: Classroom, done: subprocess.CompletedProcess, limits: str) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    assert summary["sandbox"] == "bwrap" and summary["limits"].startswith(limits), summary["limits"]
    outcomes = {s["student"]: s for s in summary["students"]}
    for student, kind in HONEST.items():
        assert (outcomes[student]["status"], room.auto_score(student)) == ("graded", POINTS[kind]), outcomes[student][
            "message"
        ]
    for case in (c for c in CASES if c.student in HOSTILE):
        assert (outcomes[case.student]["status"], room.auto_score(case.student)) == (case.status, case.points), (
            outcomes[case.student]
        )
        assert case.output in outputs_of(room, case.student)


def test_an_instructor_who_is_not_root_grades_in_the_sandbox(instructor):
    user, base = instructor
    room = make_class(base)
    subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", str(base / "course")], check=True)
    source = (room.root / "source" / room.assignment / room.notebook_name).read_bytes()
    prefix, env = as_account(user, tool_env())
    done = subprocess.run(
        [
            *prefix,
            str(BIN / "mswlab"),
            "course",
            "autograde",
            room.assignment,
            "--course-dir",
            str(room.root),
            "--sandbox",
            "bwrap",
            "--workers",
            "1",
        ],
        cwd=room.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    check_graded(room, done, "rlimits:")
    assert "fork refused after" in outputs_of(room, "fork_bomb")  # RLIMIT_NPROC binds this account
    assert (room.root / "source" / room.assignment / room.notebook_name).read_bytes() == source
    assert all(p.stat().st_uid == user.pw_uid for p in (room.root / "autograded").rglob("*"))


def test_root_without_cgroups_runs_kernels_as_nobody(tmp_path):
    require_root("this test grades as root")
    room = make_class(tmp_path)
    with Passage("nobody"):
        done = room.mswlab_autograde("--sandbox", "bwrap", "--workers", "1", env={"MSWLAB_CGROUPS": "0"})
    check_graded(room, done, "rlimits (kernels run as nobody)")
    assert "fork refused after" in outputs_of(room, "fork_bomb")


def test_passages_that_overlap_on_a_folder_keep_each_other_open():
    """Two test workers let different accounts through the same closed folder at once (the hub test
    and a student's JupyterLab, say): the first to finish must not shut the other out, and the last
    one out puts the folder back as it was."""
    require_root("this test sets ACLs for other accounts")
    closed = Path(tempfile.mkdtemp())  # in /tmp, which every account may enter
    closed.chmod(0o700)

    def can_enter(user: str) -> bool:
        return subprocess.run(["runuser", "-u", user, "--", "test", "-x", str(closed)]).returncode == 0

    before = subprocess.run(["getfacl", "-c", str(closed)], capture_output=True, text=True).stdout
    first = Passage("nobody", folders=[closed]).__enter__()
    with Passage("daemon", folders=[closed]):
        assert can_enter("nobody") and can_enter("daemon")
        first.__exit__(None, None, None)
        assert can_enter("daemon") and not can_enter("nobody")
    assert not can_enter("daemon")
    assert subprocess.run(["getfacl", "-c", str(closed)], capture_output=True, text=True).stdout == before
    closed.rmdir()
