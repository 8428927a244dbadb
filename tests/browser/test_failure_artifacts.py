"""A browser test that times out leaves a screenshot and its last console lines, named in the failure."""

from __future__ import annotations

import subprocess
import sys

from tests.browser.conftest import ARTIFACTS, CONSOLE_LINES
from tests.conftest import ROOT, tool_env


def test_a_timed_out_browser_test_saves_a_screenshot_and_console_lines():
    stem = ARTIFACTS / "test_waits_for_what_never_comes"
    for suffix in (".failure.png", ".console.txt"):
        stem.with_name(stem.name + suffix).unlink(missing_ok=True)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/browser/failing_example.py", "-p", "no:xdist"],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout[-3000:]
    assert "TimeoutError" in run.stdout and "browser artifacts" in run.stdout, run.stdout[-3000:]
    screenshot, console = (stem.with_name(stem.name + s) for s in (".failure.png", ".console.txt"))
    assert str(screenshot) in run.stdout and str(console) in run.stdout
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    lines = console.read_text().splitlines()
    assert len(lines) == CONSOLE_LINES and lines[-1] == "[log] line 59" and lines[0] == "[log] line 10"
