"""Answer-to-feedback latency of exam practice, in the widget's Python path.

Times ``ExamPracticeView.choose`` + ``submit`` (the engine judges the answer, the answer is
stored in SQLite in its own fully synced transaction, the feedback and the area chart are
redrawn) against the stock way to show feedback with ipywidgets alone (set a RadioButtons
value and write the rationale into an HTML widget, no engine, no store), on the same machine
in one run. The goal is under 50 ms per answer. Prints one JSON line:

  {"answers": 60, "median_ms": ..., "p95_ms": ..., "stock_median_ms": ..., "ratio": ..., "under_50ms": true}

Usage: .venv/bin/python benchmarks/exam_feedback.py [--answers 60]
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

import ipywidgets as W  # noqa: E402

from mswlab.store import ProgressStore  # noqa: E402
from widgets.exam import ExamPracticeView  # noqa: E402


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def ours(answers: int, folder: Path) -> list[float]:
    view = ExamPracticeView(store=ProgressStore(folder / "progress.sqlite"))
    view.start(level="clinical", count=50)
    times = []
    for n in range(answers):
        if n and n % 50 == 0:
            view.start(count=50)
        item = view.run.current
        start = time.perf_counter()
        view.choose(item.options[n % len(item.options)].key)
        view.submit()
        times.append((time.perf_counter() - start) * 1000)
        view.next()
    return times


def stock(answers: int, view: ExamPracticeView) -> list[float]:
    items = view.run.items
    radios = W.RadioButtons(options=[], value=None)
    feedback = W.HTML()
    times = []
    for n in range(answers):
        item = items[n % len(items)]
        radios.options = [(o.text, o.key) for o in item.options]
        start = time.perf_counter()
        radios.value = item.options[n % len(item.options)].key
        feedback.value = f"<p>{item.option(radios.value).rationale}</p>"
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours(3, folder)  # warm-up: first plotly figure, bank load
        ours_ms = ours(args.answers, folder)
        reference = ExamPracticeView(store=ProgressStore(folder / "stock.sqlite"))
        reference.start(count=50)
        stock_ms = stock(args.answers, reference)
    result = {
        "answers": args.answers,
        "median_ms": round(statistics.median(ours_ms), 2),
        "p95_ms": round(p95(ours_ms), 2),
        "stock_median_ms": round(statistics.median(stock_ms), 3),
        "ratio": round(statistics.median(ours_ms) / max(statistics.median(stock_ms), 1e-6), 1),
        "under_50ms": p95(ours_ms) < 50,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
