"""The one choice-practice engine: present items, judge a choice, give feedback, keep score.

Module practice ("which level?"), vignette decision points and exam items are all
choice items with a single best answer and feedback per option. Views ask this engine
whether a choice is right; they never decide it themselves. The exam adds timing,
blueprints and stored progress on top of the same ``PracticeSession``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pandas as pd

from mswlab.content.models import ChoiceItem, Option, PracticeSet
from mswlab.errors import ValidationError
from mswlab.wording import phrase, sentence


@dataclass(frozen=True)
class Feedback:
    item_id: str
    chosen: str
    answer: str
    correct: bool
    message: str  # says right or wrong in words, then why


def choice_key(options: tuple[Option, ...], choice: object) -> str:
    """The option key a student meant (case and spaces ignored), or a ValidationError naming the keys."""
    key = choice.strip().lower() if isinstance(choice, str) else choice
    keys = [o.key for o in options]
    if key not in keys:  # lettered options are shown as A, B, C; named ones by their names
        lettered = all(len(k) == 1 for k in keys)
        valid = ", ".join(k.upper() if lettered else f"'{k}'" for k in keys)
        raise ValidationError(f"'{choice}' is not one of the choices. Choose one of {valid}.", field="choice")
    return key


_BEST_LABEL = re.compile(r"^Best[:.]\s*")  # how a best option's rationale begins; the heading says it already


def judge(item: ChoiceItem, options: tuple[Option, ...], choice: str) -> Feedback:
    """Judge one choice; raise ValidationError with the valid keys if it is not an option.

    The one place feedback is worded: right or wrong in words, the chosen option's rationale, any
    extra words for that choice, then why the best answer is best (the item's explanation, or for an
    item without one, such as an exam item, the best option's own rationale)."""
    key = choice_key(options, choice)
    by_key = {o.key: o for o in options}
    chosen, best = by_key[key], by_key[item.answer]
    correct = key == item.answer
    parts = [
        f"Correct: {sentence(best.text)}"
        if correct
        else f"Not quite. You chose {phrase(chosen.text)}; the best answer is {sentence(best.text)}"
    ]
    extra = (item.option_feedback or {}).get(key) if not correct else None
    why = item.explanation
    if not why and not correct and best.rationale:
        why = f"Why {item.answer.upper()} is best: {_BEST_LABEL.sub('', best.rationale.strip())}"
    for text in (chosen.rationale, extra, why):
        if text and text not in parts:
            parts.append(text)
    return Feedback(item.id, key, item.answer, correct, " ".join(parts))


class PracticeSession:
    """A run through a practice set: one current item, one answer per item, a running score."""

    def __init__(self, practice: PracticeSet, *, shuffle_seed: int | None = None) -> None:
        self.practice = practice
        self.items: list[ChoiceItem] = list(practice.items)
        if shuffle_seed is not None:
            random.Random(shuffle_seed).shuffle(self.items)
        self.position = 0
        self.answers: dict[str, Feedback] = {}

    @property
    def current(self) -> ChoiceItem:
        return self.items[self.position]

    def options(self, item: ChoiceItem | None = None) -> tuple[Option, ...]:
        return self.practice.options_for(item or self.current)

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.items)

    def answer(self, choice: str) -> Feedback:
        """Judge a choice for the current item. The first answer to an item is the one scored."""
        item = self.current
        feedback = judge(item, self.options(item), choice)
        self.answers.setdefault(item.id, feedback)
        return feedback

    def advance(self) -> bool:
        """Move to the next item; return False (and stay) when already on the last one."""
        if self.position + 1 >= len(self.items):
            return False
        self.position += 1
        return True

    @property
    def score(self) -> tuple[int, int]:
        """(correct, answered)."""
        return sum(f.correct for f in self.answers.values()), len(self.answers)

    def results(self) -> pd.DataFrame:
        """One row per answered item: id, chosen, answer, correct, group (the best answer's label)."""
        labels = {o.key: o.text for o in self.practice.options}
        rows = [
            {
                "item": f.item_id,
                "chosen": f.chosen,
                "answer": f.answer,
                "correct": f.correct,
                "group": labels.get(f.answer, f.answer),
            }
            for f in self.answers.values()
        ]
        return pd.DataFrame(rows, columns=["item", "chosen", "answer", "correct", "group"])

    def summary(self) -> pd.DataFrame:
        """Correct and incorrect counts per group, in the practice set's option order."""
        order = [o.text for o in self.practice.options] or sorted(self.results()["group"].unique())
        res = self.results()
        table = pd.DataFrame({"group": order})
        table["correct"] = [int(((res["group"] == g) & res["correct"]).sum()) for g in order]
        table["incorrect"] = [int(((res["group"] == g) & ~res["correct"]).sum()) for g in order]
        return table
