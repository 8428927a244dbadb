"""Pure parts of the parallel autograder: the sandbox's mount plan, the environment
handed to kernels, the progress line and the summary table."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

from mswlab.grading import sandbox
from mswlab.grading.autograde import Outcome, Progress, _visible, summary_table
from mswlab.grading.autograde_summary import NO_SUBMISSION, counts_line, missing_message, pending_line, write_summary
from mswlab.grading.standing import Standing
from tests.conftest import at


def _pairs(args: list[str], flag: str) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args) if a == flag]


def test_mount_plan_hides_secrets_after_putting_the_environment_back(tmp_path):
    course, socks = tmp_path / "home/prof/course", tmp_path / "s"
    for folder in (course, socks):
        folder.mkdir(parents=True)
    (tmp_path / "gradebook.db").write_text("")
    env = str(tmp_path / "home/prof/venv")
    Path(env).mkdir(parents=True)
    policy = sandbox.Policy(
        secrets=(str(course), str(tmp_path / "gradebook.db")), environment=(env,), hidden=(str(tmp_path / "home"),)
    )
    args = sandbox.bwrap_command(policy, sockdir=str(socks), work=(["notes"], [("a.ipynb", 7)]))
    order = [args.index(x) for x in (str(tmp_path / "home"), env, str(course), "/tmp/work/a.ipynb")]
    assert order == sorted(order), "home hidden, venv back, course hidden, then the student's copy"
    assert _pairs(args, "--tmpfs")[:3] == ["/dev/shm", str(tmp_path / "home"), str(course)]
    assert env in _pairs(args, "--ro-bind")
    assert "/dev/null" in _pairs(args, "--ro-bind"), "a gradebook outside the course reads as empty"
    assert _pairs(args, "--file") == ["7"] and "/tmp/work/notes" in _pairs(args, "--dir")
    assert {str(course), str(tmp_path / "home"), "/dev"} <= set(_pairs(args, "--remount-ro"))
    with_tmp = sandbox.bwrap_command(
        sandbox.Policy(secrets=(), hidden=("/tmp",)), sockdir=str(socks), limits=sandbox.Limits(tmp_mb=300)
    )
    assert with_tmp[with_tmp.index("/tmp") - 3 : with_tmp.index("/tmp")] == [
        "--size",
        str(300 * 1024 * 1024),
        "--tmpfs",
    ]
    assert "/tmp" not in _pairs(with_tmp, "--remount-ro"), "the sandbox's /tmp is its only writable place"
    assert str(socks) in _pairs(args, "--bind") and _pairs(args, "--chdir") == ["/tmp/work"]
    assert {"--unshare-all", "--die-with-parent", "--new-session"} <= set(args)


def test_a_secret_folder_inside_another_is_hidden_with_it(tmp_path):
    """A course run without a hub keeps its exchange in the course folder (course/nbgrader_config.py);
    bwrap could not mount over it inside the course's read-only tmpfs, so it is hidden with the course."""
    course = tmp_path / "course"
    (course / "exchange").mkdir(parents=True)
    policy = sandbox.course_policy(str(course), exchange=str(course / "exchange"))
    (tmp_path / "socks").mkdir()
    args = sandbox.bwrap_command(policy, sockdir=str(tmp_path / "socks"))
    assert str(course) in _pairs(args, "--tmpfs") and str(course / "exchange") not in _pairs(args, "--tmpfs")
    (course / "exchange" / "inbound").mkdir()
    started = subprocess.run(args + ["ls", "-A", str(course)], capture_output=True, text=True)
    assert (started.returncode, started.stdout) == (0, ""), started.stderr  # runs, and sees an empty course


def test_course_policy_hides_the_git_history_above_the_course(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "course").mkdir()
    policy = sandbox.course_policy(str(tmp_path / "course"), exchange="/srv/nbgrader/exchange")
    assert str(tmp_path / ".git") in policy.secrets and str(tmp_path / "course") in policy.secrets
    assert any(Path(p).name == "mswlab" for p in policy.environment)


def test_kernels_get_only_an_allowlisted_environment():
    env = sandbox.kernel_environment(
        {
            "PATH": "/home/prof/bin:/usr/bin",
            "JUPYTERHUB_API_TOKEN": "t",
            "DATABASE_URL": "postgresql://u:pw@db/x",
            "MY_SERVICE": "secret",
            "LANG": "C.UTF-8",
            "NBGRADER_EXECUTION": "autograde",
            "PYTHONPATH": "/evil",
        }
    )
    assert set(env) == {"PATH", "LANG", "NBGRADER_EXECUTION"}
    assert env["PATH"].split(":")[0] == str(Path(sys.executable).parent) and "/home/prof/bin" not in env["PATH"]


def test_the_rlimit_fallback_caps_memory_and_processes_of_the_kernel_command():
    ceiling = sandbox.Ceiling(sandbox.Limits(memory_mb=64, processes=8))
    ceiling.cgroups = None
    prefix = ceiling.prefix([])
    done = subprocess.run(prefix + ["python3", "-c", "bytearray(256 * 1024 * 1024)"], capture_output=True, text=True)
    assert done.returncode != 0 and "MemoryError" in done.stderr
    assert "--nproc=8" in prefix and ceiling.name.startswith("rlimits")


def test_kernel_command_runs_only_while_its_parent_lives(tmp_path):
    ran = tmp_path / "ran"
    ceiling = sandbox.Ceiling(sandbox.Limits())
    orphan = subprocess.run(ceiling.prefix([], parent=1) + ["touch", str(ran)])
    assert orphan.returncode != 0 and not ran.exists()  # its parent died before it started
    assert subprocess.run(ceiling.prefix([]) + ["touch", str(ran)]).returncode == 0 and ran.exists()


def test_a_cgroup_holds_the_whole_process_tree_and_is_removed_after():
    ceiling = sandbox.Ceiling(sandbox.Limits(memory_mb=200, processes=20))
    assert ceiling.cgroups, "make test runs as root, which can create cgroups on these machines"
    group = ceiling.new_cgroup()
    try:
        children = (
            "import subprocess, sys; code = 'b = bytearray(120 * 1024 * 1024); b[::4096] = "
            "bytes(len(b[::4096])); import time; time.sleep(2); print(1)'; "
            "ps = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE) for _ in range(2)]; "
            "print(sum(p.communicate()[0].strip() == b'1' for p in ps))"
        )
        done = subprocess.run(
            ceiling.prefix(group) + ["python3", "-c", children], capture_output=True, text=True, timeout=60
        )
        assert done.stdout.strip() in ("0", "1"), "two children held 240 MB under a 200 MB ceiling"
    finally:
        sandbox.Ceiling.remove(group)
    assert not any(folder.exists() for folder in group)


def test_visible_source_ignores_hidden_tests_and_blank_lines():
    source = "check(x)\n\n### BEGIN HIDDEN TESTS\nassert x == 3\n### END HIDDEN TESTS\n"
    assert _visible(source) == _visible("check(x)") == ["check(x)"]


def test_progress_line_shows_count_elapsed_and_time_left():
    stream = io.StringIO()
    progress = Progress(stream, 4)
    progress.step("ana: graded")
    line = stream.getvalue()
    assert "1/4 graded" in line and "elapsed" in line and "left" in line and "ana: graded" in line


def test_summary_table_has_one_line_per_student_and_marks_earlier_runs():
    standing = {"ana": Standing("ana", 11, 11, 3, 5, 0, 0), "cy": Standing("cy", 7, 11, 0, 5, 1, 0)}
    table = summary_table(
        [
            Outcome("ana", "graded", 11, 16),
            Outcome("bo", "error", message="kernel died\nmore"),
            Outcome("cy", "graded", 7, 16, earlier=True),
        ],
        standing,
    )
    lines = table.splitlines()
    assert [c.strip() for c in lines[0].split("  ") if c.strip()][:5] == [
        "student",
        "autograded",
        "marked",
        "pending",
        "total so far",
    ]
    assert [c.strip() for c in lines[2].split("  ") if c.strip()] == [
        "ana",
        "11 of 11",
        "3 of 5",
        "0",
        "14 of 16",
        "graded",
    ]
    assert lines[3].split()[:5] == ["bo", "-", "-", "-", "-"]
    assert "kernel died" in lines[3] and "more" not in lines[3]
    assert "graded (earlier run)" in lines[4] and "7 of 16" in lines[4]


def test_the_closing_lines_count_each_student_once():
    graded, error = Outcome("ana", "graded"), Outcome("bo", "error", message="kernel died")
    earlier, missing = Outcome("cy", "review", earlier=True), Outcome("dave", NO_SUBMISSION)
    assert counts_line([graded, error, earlier, missing]) == (
        "1 graded now, 1 left as graded earlier (use --force to regrade them), "
        "1 could not be graded (see their details)."
    )
    assert counts_line([missing]) == "0 graded now, 0 left as graded earlier."
    assert counts_line([Outcome("eve", "no notebook", earlier=True)]).endswith(
        ", 1 not graded earlier and unchanged since (see their details)."
    )
    assert pending_line([graded], {"ana": Standing("ana", 11, 11, 0, 5, 0, 0)}) == ""
    assert pending_line([graded, earlier], {"cy": Standing("cy", 7, 11, 0, 5, 2, 0)}).startswith(
        "Marking: 2 part(s) of 1 student(s) await a hand grade"
    )
    message = missing_message([graded, missing], lambda s: f"submitted/{s}/a1")
    assert message.startswith("no submission for dave: nothing at submitted/dave/a1.")


def test_summary_history_appends_runs_and_keeps_an_unreadable_file_aside(tmp_path, time_machine):
    path = tmp_path / "summary.json"
    path.write_text('{"students": [{"student": "ana", "status": "graded", "seconds": 1.0}]}')  # before history
    time_machine.move_to(at(dt.date(2025, 9, 1)), tick=False)
    write_summary(path, "a1", {"options": {"force": False}}, [Outcome("bo", "graded")], {})
    data = json.loads(path.read_text())
    assert [r["at"] for r in data["runs"]] == [None, "2025-09-01T12:00:00+00:00"]
    assert [s["student"] for s in data["students"]] == ["ana", "bo"]
    path.write_text("{not json")
    time_machine.move_to(at(dt.date(2025, 9, 2)), tick=False)
    warning = write_summary(path, "a1", {}, [Outcome("cy", "graded")], {"cy": Standing("cy", 7, 11, 5, 5, 0, 0)})
    assert "kept as summary.unreadable-20250902T120000.json" in warning
    assert (tmp_path / "summary.unreadable-20250902T120000.json").read_text() == "{not json"
    data = json.loads(path.read_text())
    assert len(data["runs"]) == 1 and data["students"][0]["score"] == 12 and data["students"][0]["max_score"] == 16
