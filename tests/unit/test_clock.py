"""One clock: only mswlab/clock.py reads the wall clock, and setting the date moves everything that uses it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from mswlab import clock, hours
from mswlab.errors import ValidationError
from mswlab.store import Answer
from tests.conftest import ROOT, at

CLOCK_MODULE = ROOT / "mswlab" / "clock.py"
DATE_READS = {"today", "now", "utcnow", "fromtimestamp"}  # on date, datetime or pandas' Timestamp
TIME_READS = {
    "time",
    "time_ns",
    "monotonic",
    "monotonic_ns",
    "perf_counter",
    "perf_counter_ns",
    "localtime",
    "gmtime",
    "ctime",
    "asctime",
    "strftime",
}
SQL_READS = ("current_timestamp", "current_date", "current_time", "('now'")  # SQLite's own clock


def _name(node: ast.AST) -> str:
    """The dotted name of an expression such as ``dt.datetime`` ('' if it is not a plain name)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _name(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def clock_reads(source: str) -> list[str]:
    """Each place in ``source`` that reads the wall clock, as 'line N: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner = _name(node.value).rsplit(".", 1)[-1]
            if (owner in {"date", "datetime", "Timestamp"} and node.attr in DATE_READS) or (
                owner == "time" and node.attr in TIME_READS
            ):
                found.append(f"line {node.lineno}: {_name(node) or node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [f"line {node.lineno}: from time import {a.name}" for a in node.names if a.name in TIME_READS]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            found += [f"line {node.lineno}: SQL {word}" for word in SQL_READS if word in text]
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        "import datetime as dt\nx = dt.date.today()",
        "import datetime\nx = datetime.datetime.now()",
        "from datetime import datetime\nx = datetime.utcnow()",
        "import time\nx = time.time()",
        "import time\nclock = time.monotonic",  # passed on without a call is still a read
        "from time import perf_counter",
        "import pandas as pd\nx = pd.Timestamp.now()",
        'q = "INSERT INTO t VALUES (CURRENT_TIMESTAMP)"',
        "q = \"SELECT * FROM t WHERE due <= date('now')\"",
    ],
)
def test_the_scan_finds_every_way_of_reading_the_wall_clock(snippet):
    assert clock_reads(snippet), snippet


def test_the_scan_leaves_ordinary_dates_and_time_words_alone():
    assert (
        clock_reads(
            "import datetime as dt\nimport time\nd = dt.date(2026, 1, 2)\ntime.sleep(1)\n"
            "s = 'today or this week'\nx = d.isoformat()"
        )
        == []
    )


def test_only_the_clock_module_reads_the_wall_clock():
    offenders = {
        str(path.relative_to(ROOT)): reads
        for folder in ("mswlab", "widgets")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != CLOCK_MODULE and (reads := clock_reads(path.read_text()))
    }
    assert offenders == {}, "read the time through mswlab.clock, which tests can set"


@pytest.mark.time_machine(at(dt.date(2031, 2, 28), 23))
def test_setting_the_date_moves_the_engine_clock_and_what_reads_it(store):
    assert clock.today() == dt.date(2031, 2, 28)
    assert clock.now().isoformat().startswith("2031-02-28T23:00")
    store.record_answer(Answer("x", "b", False, 1, "practice"))
    assert store.boxes().iloc[0]["due"] == "2031-03-01"  # box 1: tomorrow
    assert hours.entry_from("2031-02-28", 2, "direct-clinical").day == clock.today()
    with pytest.raises(ValidationError, match="1 March 2031 is in the future"):
        hours.entry_from("2031-03-01", 2, "direct-clinical")


def test_a_run_moved_with_clock_date_reads_that_date(clock_date):
    """make test's second pass moves every test's clock with --clock-date; without it, the clock is the real one."""
    assert clock.today() == (clock_date or dt.date.today())


def test_durations_use_a_clock_that_only_moves_forward(time_machine):
    before = clock.monotonic()
    time_machine.move_to(at(dt.date(2020, 1, 1)))  # the calendar going back does not make time negative
    assert clock.monotonic() >= before
    assert Path(clock.__file__) == CLOCK_MODULE
