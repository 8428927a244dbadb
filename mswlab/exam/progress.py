"""What a candidate's record says: accuracy over time, by area and cognitive level, items due,
mock-exam history, and a study plan that starts from the weakest areas."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from mswlab.exam.bank import Bank
from mswlab.exam.blueprint import current_areas
from mswlab.store import ProgressStore

MIN_ANSWERS = 5  # fewer answers than this in an area say too little to rank it


def answers(store: ProgressStore, bank: Bank) -> pd.DataFrame:
    """Every stored answer joined with its item's tags (answers to items no longer in the bank drop out)."""
    table = store.attempts()
    table = table[table["item"].isin(list(bank.files))].copy()
    table["area"] = table["item"].map(lambda i: bank.item(i).area)
    table["cognitive"] = table["item"].map(lambda i: bank.item(i).cognitive)
    table["module"] = table["item"].map(lambda i: bank.item(i).module)
    table["day"] = pd.to_datetime(table["answered_at"], utc=True).dt.date
    table["correct"] = table["correct"].astype(bool)
    return table


def accuracy(table: pd.DataFrame, by: str, order: list | None = None) -> pd.DataFrame:
    """answered, correct and percent per value of ``by``."""
    keys = order if order is not None else sorted(table[by].unique())
    rows = []
    for key in keys:
        part = table[table[by] == key]
        n = len(part)
        rows.append(
            {
                by: key,
                "answered": n,
                "correct": int(part["correct"].sum()),
                "percent": round(100 * part["correct"].mean(), 1) if n else None,
            }
        )
    return pd.DataFrame(rows, columns=[by, "answered", "correct", "percent"])


@dataclass(frozen=True)
class Dashboard:
    over_time: pd.DataFrame  # day, answered, correct, percent
    by_area: pd.DataFrame  # area, name, answered, correct, percent
    by_cognitive: pd.DataFrame
    due_today: int
    in_review: int
    mocks: pd.DataFrame  # finished_at, category, format, correct, total, percent


def dashboard(store: ProgressStore, bank: Bank) -> Dashboard:
    table = answers(store, bank)
    names = current_areas()
    by_area = accuracy(table, "area", list(names))
    by_area.insert(1, "name", [names[a] for a in by_area["area"]])
    mocks = store.mocks()
    mocks["percent"] = (100 * mocks["correct"] / mocks["total"]).round(1)
    return Dashboard(
        over_time=accuracy(table, "day"),
        by_area=by_area,
        by_cognitive=accuracy(table, "cognitive", ["recall", "application", "reasoning"]),
        due_today=len(store.due()),
        in_review=len(store.boxes()),
        mocks=mocks[["finished_at", "category", "format", "correct", "total", "percent", "by_area"]],
    )


@dataclass(frozen=True)
class PlanStep:
    area: str
    name: str
    percent: float | None
    answered: int
    modules: tuple[str, ...]  # modules whose items were missed most in this area
    items_per_week: int
    reason: str


def study_plan(store: ProgressStore, bank: Bank, *, items_per_week: int = 60) -> list[PlanStep]:
    """Areas from weakest to strongest, with the modules to revisit and how much to practice.

    Weak areas get more of the weekly practice. An area with fewer than ``MIN_ANSWERS``
    answers comes first, because the record cannot yet say how strong it is.
    """
    table = answers(store, bank)
    names = current_areas()
    summary = accuracy(table, "area", list(names))

    def rank(row) -> tuple:
        return (row.answered >= MIN_ANSWERS, row.percent if row.percent is not None else 0.0, row.area)

    ordered = sorted(summary.itertuples(index=False), key=rank)
    shares = [3, 2, 1][: len(ordered)]
    steps = []
    for row, share in zip(ordered, shares):
        missed = table[(table["area"] == row.area) & ~table["correct"]]
        modules = tuple(m for m, _ in Counter(missed["module"]).most_common(2))
        if row.answered < MIN_ANSWERS:
            answered = "1 answer" if row.answered == 1 else f"{row.answered} answers"
            reason = f"Only {answered} so far: practice this area to find out where you stand."
        else:
            reason = f"{row.percent:.0f}% correct over {row.answered} answers."
        steps.append(
            PlanStep(
                row.area,
                names[row.area],
                row.percent,
                int(row.answered),
                modules,
                round(items_per_week * share / sum(shares)),
                reason,
            )
        )
    return steps
