"""Assemble a mock-exam form from the bank to the blueprint, reproducibly from a seed.

Scored questions follow the area weights (each area within one question of weight x scored);
the pretest slots are filled with further items, also spread over the areas, marked unscored
and revealed only in the final report, as on the real exam. No item appears twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mswlab.content.exam import ExamItem
from mswlab.errors import ValidationError
from mswlab.exam.bank import Bank
from mswlab.exam.blueprint import FormSpec


@dataclass(frozen=True)
class Question:
    number: int  # 1-based position on the form
    item: ExamItem
    area: str
    scored: bool
    section: int  # 0-based


@dataclass(frozen=True)
class Form:
    spec: FormSpec
    seed: int
    questions: tuple[Question, ...]

    def section(self, index: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == index)

    def area_counts(self, *, scored: bool = True) -> dict[str, int]:
        counts = {a.id: 0 for a in self.spec.areas}
        for q in self.questions:
            if q.scored == scored:
                counts[q.area] += 1
        return counts


def assemble(spec: FormSpec, bank: Bank, seed: int) -> Form:
    """A full form for ``spec``; a ValidationError names the area if the bank is too small."""
    rng = random.Random(f"{spec.category}/{spec.format}/{seed}")
    pools: dict[str, list[ExamItem]] = {a.id: [] for a in spec.areas}
    for item in bank.eligible(spec.item_level):
        area = spec.area_of(item)
        if area in pools:
            pools[area].append(item)
    scored, pretest = spec.counts(spec.scored), spec.counts(spec.pretest)
    chosen: list[tuple[ExamItem, str, bool]] = []
    for area in pools:
        need = scored[area] + pretest[area]
        if len(pools[area]) < need:
            raise ValidationError(
                f"the bank has {len(pools[area])} {spec.category_name} items in '{spec.area_name(area)}'; "
                f"a {spec.format_name} form needs {need}",
                field="area",
            )
        picked = rng.sample(pools[area], need)
        chosen += [(item, area, True) for item in picked[: scored[area]]]
        chosen += [(item, area, False) for item in picked[scored[area] :]]
    rng.shuffle(chosen)
    bounds, start = [], 0
    for size in spec.sections:
        bounds.append(range(start, start + size))
        start += size
    questions = tuple(
        Question(
            number=i + 1,
            item=item,
            area=area,
            scored=is_scored,
            section=next(s for s, r in enumerate(bounds) if i in r),
        )
        for i, (item, area, is_scored) in enumerate(chosen)
    )
    return Form(spec, seed, questions)
