"""Score a finished form overall and by content area, and say honestly what the score means.

A practice score is not a prediction: ASWB sets the pass point per form by equating, and we
state the published range only where ASWB published one, with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mswlab.exam.blueprint import FormSpec
from mswlab.exam.forms import Form

SCORE_NOTE = "Practice scores do not predict a pass on the ASWB exam."  # one line under every score shown
NOT_A_PREDICTION = (
    "This practice score does not predict whether you would pass: our items are not ASWB's, "
    "and ASWB sets each form's pass point by equating."
)


def pass_statement(spec: FormSpec) -> str:
    """How ASWB describes passing for this format, with the source, or that nothing is published."""
    pr = spec.pass_range
    if pr is None:
        return (
            "ASWB reports results as pass or fail against a pass point that varies by form. We found no "
            f"published pass-point range for the {spec.format_name}; confirm with ASWB. " + NOT_A_PREDICTION
        )
    pct = f"{pr.low / pr.out_of:.0%} to {pr.high / pr.out_of:.0%}"
    who = "ASWB" if pr.confirmed else "A secondary source"
    return (
        f"{who} describes pass points of {pr.low} to {pr.high} correct out of {pr.out_of} scored questions "
        f"({pct}), varying by category and form (source: {pr.source}, retrieved {pr.retrieved}). " + NOT_A_PREDICTION
    )


@dataclass(frozen=True)
class ScoreReport:
    spec: FormSpec
    correct: int
    total: int
    unanswered: int
    pretest_correct: int
    pretest_total: int
    by_area: pd.DataFrame  # area, name, correct, total, percent (scored questions only)
    review: pd.DataFrame  # one row per question, in form order
    notes: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.total if self.total else 0.0


def _grouped(rows: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    table = pd.DataFrame({column: order})
    table["correct"] = [int(rows.loc[rows[column] == k, "correct"].sum()) for k in order]
    table["total"] = [int((rows[column] == k).sum()) for k in order]
    table["percent"] = [round(100 * c / t, 1) if t else 0.0 for c, t in zip(table["correct"], table["total"])]
    return table


def score(form: Form, answers: dict[str, str | None]) -> ScoreReport:
    """Score ``answers`` (item id -> option key, missing or None if unanswered) against ``form``."""
    rows = []
    for q in form.questions:
        chosen = answers.get(q.item.id)
        rows.append(
            {
                "number": q.number,
                "item": q.item.id,
                "section": q.section + 1,
                "area": q.area,
                "area_name": form.spec.area_name(q.area),
                "scored": q.scored,
                "cognitive": q.item.cognitive,
                "chosen": chosen,
                "key": q.item.answer,
                "correct": chosen == q.item.answer,
            }
        )
    review = pd.DataFrame(rows)
    scored = review[review["scored"]]
    by_area = _grouped(scored, "area", [a.id for a in form.spec.areas])
    by_area.insert(1, "name", [form.spec.area_name(a) for a in by_area["area"]])
    pretest = review[~review["scored"]]
    return ScoreReport(
        spec=form.spec,
        correct=int(scored["correct"].sum()),
        total=len(scored),
        unanswered=int(review["chosen"].isna().sum()),
        pretest_correct=int(pretest["correct"].sum()),
        pretest_total=len(pretest),
        by_area=by_area,
        review=review,
        notes=(pass_statement(form.spec),) + form.spec.notes,
    )
