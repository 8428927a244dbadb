"""Autograding speed: stock ``nbgrader autograde`` (serial) against ``mswlab course autograde
--workers N``, and the hardened grader against the grader before the hardening, on the same
machine, in one run.

Builds a temporary course from assignment 01 with a mix of right, partly right, wrong and blank
submissions (honest students only), grades one copy with each tool, checks that every gradebook
row is identical, and prints one JSON line:

  {"submissions": 40, "serial_s": ..., "parallel_s": ..., "speedup": ..., "identical": true,
   "sandbox": "bwrap|none", "limits": "...", "sandbox_overhead": ...,
   "before_hardening_s": ..., "hardening_cost": ...}

- ``speedup``: stock serial time over the hardened parallel time (the goal: at least 2.5).
- ``hardening_cost``: the hardened grader's time over the grader as it was before scores moved out
  of the kernel and submissions out of the grader's folders (commit ``BEFORE_HARDENING``, run from
  a copy of its engine), minus one: 0.05 means 5% slower (the goal: at most 0.10). Both run
  ``--rounds`` times in alternating order, and their medians are compared, so that a busy moment
  on the machine does not decide it.
- ``sandbox_overhead``: the median time to execute one notebook inside bubblewrap over the median
  without it (a run with ``--sandbox none``), minus one.

Usage: .venv/bin/python benchmarks/autograde.py [--submissions 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import BIN  # noqa: E402
from tests.grading.classroom import Classroom, run  # noqa: E402

KINDS = ("right", "partial", "wrong", "blank")
BEFORE_HARDENING = "883b26d"  # the last commit before the grading-integrity work


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def execution_seconds(room: Classroom) -> list[float]:
    summary = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    return [s["seconds"] for s in summary["students"] if s["seconds"] is not None]


def engine_before_hardening(dest: Path) -> Path:
    """The engine and course config of ``BEFORE_HARDENING``, unpacked into ``dest`` (inside the project,
    where the sandbox lets kernels read it)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BEFORE_HARDENING, "mswlab", "course/nbgrader_config.py"],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        sys.exit(f"git cannot find commit {BEFORE_HARDENING} (a shallow clone?): {archive.stderr.decode()}")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def grade_before_hardening(room: Classroom, engine: Path, workers: str) -> subprocess.CompletedProcess:
    shutil.copy(engine / "course/nbgrader_config.py", room.root / "nbgrader_config.py")
    return run(
        [
            str(BIN / "python"),
            "-m",
            "mswlab.cli",
            "course",
            "autograde",
            room.assignment,
            "--course-dir",
            str(room.root),
            "--workers",
            workers,
        ],
        room.root,
        check=False,
        env={"PYTHONPATH": os.pathsep.join([str(engine), os.environ.get("PYTHONPATH", "")])},
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of each grader, in alternating order; their medians are compared"
    )
    args = parser.parse_args(argv)
    engine = engine_before_hardening(ROOT / "artifacts" / "benchmark-engine-before-hardening")
    workers = ("--workers", str(args.workers))
    with tempfile.TemporaryDirectory(prefix="mswlab-bench-") as tmp:
        base = Classroom(Path(tmp) / "base")
        for index in range(args.submissions):
            kind = KINDS[index % len(KINDS)]
            base.submit(f"student{index:03d}", base.answered(kind))
        stock, bare = base.copy(Path(tmp) / "stock"), base.copy(Path(tmp) / "bare")
        done, serial = timed(stock.stock_autograde)
        assert done.returncode == 0, done.stderr[-2000:]
        graders = {
            "ours": lambda room: room.mswlab_autograde(*workers),
            "before": lambda room: grade_before_hardening(room, engine, str(args.workers)),
        }
        times, rooms = {name: [] for name in graders}, []
        for index in range(args.rounds):
            for name in sorted(graders, reverse=bool(index % 2)):
                room = base.copy(Path(tmp) / f"{name}{index}")
                done, seconds = timed(lambda name=name, room=room: graders[name](room))
                assert done.returncode == 0, done.stdout + done.stderr[-2000:]
                times[name].append(seconds)
                rooms.append(room)
        done = bare.mswlab_autograde(*workers, "--sandbox", "none")
        assert done.returncode == 0, done.stderr[-2000:]
        ours = next(room for room in rooms if room.root.name.startswith("ours"))
        summary = json.loads((ours.root / ".mswlab/autograde" / base.assignment / "summary.json").read_text())
        overhead = statistics.median(execution_seconds(ours)) / statistics.median(execution_seconds(bare)) - 1
        rows = stock.rows()
        identical = len(rows) == args.submissions and all(room.rows() == rows for room in [*rooms, bare])
    parallel, earlier = statistics.median(times["ours"]), statistics.median(times["before"])
    print(
        json.dumps(
            {
                "submissions": args.submissions,
                "serial_s": round(serial, 2),
                "parallel_s": round(parallel, 2),
                "speedup": round(serial / parallel, 2),
                "identical": identical,
                "sandbox": summary["sandbox"],
                "limits": summary["limits"],
                "sandbox_overhead": round(overhead, 3),
                "before_hardening_s": round(earlier, 2),
                "hardening_cost": round(parallel / earlier - 1, 3),
                "rounds": args.rounds,
                "workers": args.workers,
            }
        )
    )
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
