"""The engine's one clock: every "today" and "now" the engine and the widgets use comes from here.

Review due dates, progress, the hours log, license-planning defaults and record dates all read
``today()`` or ``now()``, so a test that sets the date (with time-machine) sets it for all of them
at once. Durations (mock-exam timing, grading budgets) read ``monotonic()``, which a change of
date never moves; views and sessions take it as an argument so a test can step it.
``tests/unit/test_clock.py`` fails if any other module reads the wall clock.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

Monotonic = Callable[[], float]  # seconds, only differences mean anything


def today() -> dt.date:
    """The learner's calendar day (local time)."""
    return dt.date.today()


def now() -> dt.datetime:
    """This moment, timezone-aware in UTC: what the progress store writes beside answers."""
    return dt.datetime.now(dt.UTC)


def monotonic() -> float:
    """Seconds on a clock that only moves forward, for measuring durations."""
    return time.monotonic()
