"""Spaced review with five Leitner boxes: missed and flagged items come back until they stick.

An item enters box 1 when it is missed or flagged. A right answer moves it up one box, a
wrong one sends it back to box 1; each box is reviewed after a longer interval. Pure
functions only: the progress store keeps the boxes.
"""

from __future__ import annotations

import datetime as dt

BOXES = 5
INTERVAL_DAYS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}


def next_box(box: int | None, correct: bool) -> int:
    """The box after an answer (``box`` None: the item is not in review yet)."""
    if not correct or box is None:
        return 1
    return min(box + 1, BOXES)


def due_date(box: int, today: dt.date) -> dt.date:
    return today + dt.timedelta(days=INTERVAL_DAYS[box])
