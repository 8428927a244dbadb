"""Autograding speed: stock ``nbgrader autograde`` (serial) against
``mswlab course autograde --workers N``, on the same machine, in one run.

Builds a temporary course from assignment 01 with a mix of right, partly right and
blank submissions, grades one copy with each tool, checks that every gradebook row is
identical, and prints one JSON line:

  {"submissions": 40, "serial_s": ..., "parallel_s": ..., "speedup": ..., "identical": true,
   "sandbox": "bwrap|none", "sandbox_overhead": ...}

``sandbox_overhead`` compares the median time to execute one notebook inside bubblewrap
with the median without it (a third run with ``--sandbox none``): 0.05 means 5% slower.

Usage: .venv/bin/python benchmarks/autograde.py [--submissions 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.grading.classroom import Classroom  # noqa: E402

KINDS = ("right", "partial", "blank")


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def execution_seconds(room: Classroom) -> list[float]:
    summary = json.loads((room.root / ".mswlab/autograde" / room.assignment / "summary.json").read_text())
    return [s["seconds"] for s in summary["students"] if s["seconds"] is not None]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mswlab-bench-") as tmp:
        base = Classroom(Path(tmp) / "base")
        for index in range(args.submissions):
            kind = KINDS[index % len(KINDS)]
            base.submit(f"student{index:03d}", base.answered(kind))
        stock, ours, bare = (base.copy(Path(tmp) / name) for name in ("stock", "ours", "bare"))

        done, serial = timed(stock.stock_autograde)
        assert done.returncode == 0, done.stderr[-2000:]
        workers = ("--workers", str(args.workers))
        done, parallel = timed(lambda: ours.mswlab_autograde(*workers))
        assert done.returncode == 0, done.stdout + done.stderr[-2000:]
        sandbox = "bwrap" if "Sandbox: bwrap" in done.stdout else "none"
        done = bare.mswlab_autograde(*workers, "--sandbox", "none")
        assert done.returncode == 0, done.stderr[-2000:]
        overhead = (statistics.median(execution_seconds(ours))
                    / statistics.median(execution_seconds(bare)) - 1)
        identical = ours.rows() == stock.rows() == bare.rows() and len(ours.rows()) == args.submissions
    print(json.dumps({"submissions": args.submissions, "serial_s": round(serial, 2),
                      "parallel_s": round(parallel, 2), "speedup": round(serial / parallel, 2),
                      "identical": identical, "sandbox": sandbox,
                      "sandbox_overhead": round(overhead, 3), "workers": args.workers}))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
