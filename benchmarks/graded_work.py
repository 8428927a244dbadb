"""What the graded work measures, now against before graded tasks, in one run.

Before (commit ``BEFORE_TASKS``, assignments 01-13 as they were): every autograded part was typed
answers scored by ``points_for`` against one key for everyone; a part whose answers are words from
a short list (``expect_choices(..., allowed=[...])``) is recognition, where a blind guess earns one
point in ``len(allowed)``; a part whose answers are numbers or dates is worked out. Now: the parts in
``datasets/assignments/`` (``mswlab check``'s counts, computed by ``mswlab.tasks.checks``).

Prints one JSON line:
  {"before": {"recognition_share": ..., "random_guess_share": ..., "variants_per_part": 1},
   "now": {"recognition_share": ..., "sort_share": ..., "random_guess_share": ...,
           "variants_min": ..., "variants_mean": ...}, "recognition_ratio": now / before}

Usage: .venv/bin/python benchmarks/graded_work.py
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mswlab import tasks  # noqa: E402
from mswlab.check import run as check  # noqa: E402

BEFORE_TASKS = "094917e"  # the graded-tasks engine, before any assignment used it
RULED = re.compile(r"^(0[1-9]|1[0-3])_")


def _old_notebooks() -> dict[str, dict]:
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", BEFORE_TASKS, "course/source"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = {}
    for path in listing:
        name = Path(path).parent.name
        if path.endswith(".ipynb") and RULED.match(name):
            text = subprocess.run(
                ["git", "show", f"{BEFORE_TASKS}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            found[name] = json.loads(text)
    return found


def before() -> dict:
    points = recognition = guess = 0.0
    for nb in _old_notebooks().values():
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            source = "".join(cell["source"])
            points += meta["points"]
            allowed = re.search(r"allowed=(\[[^\]]*\])", source)
            if allowed:
                recognition += meta["points"]
                guess += meta["points"] / len(ast.literal_eval(allowed.group(1)))
    return {
        "autograded_points": points,
        "recognition_share": round(recognition / points, 3),
        "random_guess_share": round(guess / points, 3),
        "variants_per_part": 1,
    }


def now() -> dict:
    counts = check().counts
    parts = [
        p
        for a in sorted((ROOT / "datasets/assignments").glob("*.yaml"))
        if RULED.match(a.stem)
        for p in tasks.load(a.stem).parts
    ]
    total = sum(p.points for p in parts)
    return {
        "autograded_points": total,
        "recognition_share": counts["recognition_share"],
        "sort_share": round(sum(p.points for p in parts if p.kind == "sort") / total, 3),
        "random_guess_share": counts["random_guess_share"],
        "variants_min": counts["variants_min"],
        "variants_mean": round(sum(len(p.variants) for p in parts) / len(parts), 2),
    }


def main() -> None:
    old, new = before(), now()
    print(
        json.dumps(
            {
                "before": old,
                "now": new,
                "recognition_ratio": round(new["recognition_share"] / old["recognition_share"], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
