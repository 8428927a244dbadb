"""Shared fixtures: the project root, the venv's tools, a scratch copy of the project, and the date.

Tests that need a date set it with time-machine (``at`` below); every other test must pass on any
day. ``--clock-date YYYY-MM-DD`` moves the clock for the whole run, to prove it (``make test``
runs the unit, widget and content layers a second time that way).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Exam progress written by tests, notebooks run by nbval and servers the tests start goes to a
# scratch folder, never to the tester's own ~/.local/share/mswlab.
os.environ["MSWLAB_HOME"] = tempfile.mkdtemp(prefix="mswlab-home-")
# Kernels started by the tests (nbgrader's in subprocesses, nbval's here) use IPC sockets
# in folders of their own: two workers starting TCP kernels at once can pick the same port.
KERNEL_ENV = Path(__file__).parent / "jupyter_env"
for _name in ("JUPYTER_CONFIG_PATH", "PYTHONPATH"):
    os.environ[_name] = os.pathsep.join(filter(None, [str(KERNEL_ENV), os.environ.get(_name)]))
sys.path.insert(0, str(KERNEL_ENV))
import nbval.kernel  # noqa: E402
from private_sockets import PrivateSocketKernelManager  # noqa: E402

nbval.kernel.KernelManager = PrivateSocketKernelManager


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    """A moment on ``day`` to travel to. It is in UTC, which time-machine also makes the local zone for
    the trip, so the engine's ``clock.today()`` is ``day`` wherever the tests run."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("UTC"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-date",
        metavar="YYYY-MM-DD",
        type=dt.date.fromisoformat,
        help="run every test with the system clock moved to this date (and ticking)",
    )


@pytest.fixture(scope="session", autouse=True)
def clock_date(request: pytest.FixtureRequest):
    """The whole run on ``--clock-date``, when given; tests that set their own date still can."""
    day = request.config.getoption("--clock-date")
    if day is None:
        yield None
        return
    with time_machine.travel(at(day, 9), tick=True):
        yield day


def pytest_report_header(config: pytest.Config) -> str | None:
    day = config.getoption("--clock-date")
    return f"clock moved to {day} for the whole run (--clock-date)" if day else None


def tool_env() -> dict[str, str]:
    """Environment for running the venv's commands (nbgrader needs alembic on PATH)."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def fill_answers(notebook, answers: dict[str, str]):
    """Type answers into a release notebook (a dict or nbformat node): each answer cell's
    stub line is replaced by the text given for its grade_id."""
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = cell["source"].replace("# YOUR ANSWER HERE", answers[grade_id])
    return notebook


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the content a check reads: datasets, course, modules, the editors' schema mapping."""
    for name in ("datasets", "modules", ".vscode"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(
        ROOT / "course",
        tmp_path / "course",
        ignore=shutil.ignore_patterns("release", "submitted", "autograded", "feedback", "gradebook.db"),
    )
    return tmp_path


@pytest.fixture
def clock():
    """A monotonic clock that moves only when the test calls ``advance``."""
    from tests.exam_helpers import FakeClock

    return FakeClock()


@pytest.fixture
def store(tmp_path: Path):
    """A fresh exam progress store in the test's own folder."""
    from mswlab.store import ProgressStore

    with ProgressStore(tmp_path / "progress.sqlite") as s:
        yield s
