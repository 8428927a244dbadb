"""Pure parts of the parallel autograder: the sandbox's mount plan, the environment
handed to kernels, the progress line and the summary table."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from mswlab.grading import sandbox
from mswlab.grading.autograde import Outcome, Progress, _visible, summary_table


def _pairs(args: list[str], flag: str) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args) if a == flag]


def test_mount_plan_hides_secrets_after_putting_the_environment_back(tmp_path):
    course, work, socks = tmp_path / "home/prof/course", tmp_path / "home/prof/course/autograded/s/a", tmp_path / "s"
    for folder in (course, work, socks):
        folder.mkdir(parents=True)
    (tmp_path / "gradebook.db").write_text("")
    env = str(tmp_path / "home/prof/venv")
    Path(env).mkdir(parents=True)
    policy = sandbox.Policy(secrets=(str(course), str(tmp_path / "gradebook.db")), environment=(env,),
                            hidden=(str(tmp_path / "home"),))
    args = sandbox.bwrap_command(policy, workdir=str(work), sockdir=str(socks))
    order = [args.index(x) for x in (str(tmp_path / "home"), env, str(course), str(work))]
    assert order == sorted(order), "home hidden, venv back, course hidden, then the student's copy"
    assert _pairs(args, "--tmpfs")[:2] == [str(tmp_path / "home"), str(course)]
    assert env in _pairs(args, "--ro-bind")
    assert "/dev/null" in _pairs(args, "--ro-bind"), "a gradebook outside the course reads as empty"
    assert str(work) in _pairs(args, "--bind") and str(socks) in _pairs(args, "--bind")
    assert {"--unshare-all", "--die-with-parent", "--new-session"} <= set(args)


def test_course_policy_hides_the_git_history_above_the_course(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "course").mkdir()
    policy = sandbox.course_policy(str(tmp_path / "course"), exchange="/srv/nbgrader/exchange")
    assert str(tmp_path / ".git") in policy.secrets and str(tmp_path / "course") in policy.secrets
    assert any(Path(p).name == "mswlab" for p in policy.environment)


def test_kernels_get_no_credentials():
    env = sandbox.clean_environment({"PATH": "/usr/bin", "JUPYTERHUB_API_TOKEN": "t", "AWS_SECRET_ACCESS_KEY": "k",
                                     "PGPASSWORD": "p", "LANG": "C.UTF-8", "JPY_PARENT_PID": "1"})
    assert env == {"PATH": "/usr/bin", "LANG": "C.UTF-8"}


def test_memory_ceiling_is_applied_to_the_kernel_command():
    prefix = sandbox.limits_command(64)
    done = subprocess.run(prefix + ["python3", "-c", "bytearray(256 * 1024 * 1024)"], capture_output=True, text=True)
    assert done.returncode != 0 and "MemoryError" in done.stderr


def test_kernel_command_runs_only_while_its_parent_lives(tmp_path):
    ran = tmp_path / "ran"
    orphan = subprocess.run(sandbox.limits_command(None, parent=1) + ["touch", str(ran)])
    assert orphan.returncode != 0 and not ran.exists()  # its parent died before it started
    assert subprocess.run(sandbox.limits_command(None) + ["touch", str(ran)]).returncode == 0 and ran.exists()


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
    table = summary_table([Outcome("ana", "graded", 11, 16), Outcome("bo", "error", message="kernel died\nmore"),
                           Outcome("cy", "graded", 7, 16, earlier=True)])
    lines = table.splitlines()
    assert lines[0].split() == ["student", "score", "max", "status", "details"]
    assert lines[2].split()[:4] == ["ana", "11", "16", "graded"]
    assert "kernel died" in lines[3] and "more" not in lines[3]
    assert "graded (earlier run)" in lines[4]
