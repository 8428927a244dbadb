"""The autograde benchmark runs end to end on a small class, the grader before the hardening
included (the 40-submission run is measured by hand: see benchmarks/autograde.py)."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import BIN, ROOT, tool_env


def test_benchmark_prints_its_json_line_with_identical_scores():
    done = subprocess.run(
        [str(BIN / "python"), "benchmarks/autograde.py", "--submissions", "6", "--workers", "2", "--rounds", "1"],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    line = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(line) >= {
        "submissions",
        "serial_s",
        "parallel_s",
        "speedup",
        "identical",
        "sandbox",
        "limits",
        "sandbox_overhead",
        "before_hardening_s",
        "hardening_cost",
    }
    assert line["submissions"] == 6 and line["identical"] is True and line["sandbox"] == "bwrap"
    assert line["serial_s"] > 0 and line["parallel_s"] > 0 and line["before_hardening_s"] > 0
    assert abs(line["speedup"] - line["serial_s"] / line["parallel_s"]) < 0.05
    assert abs(line["hardening_cost"] - (line["parallel_s"] / line["before_hardening_s"] - 1)) < 0.01
