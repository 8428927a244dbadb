"""The one choice-practice engine: present items, judge a choice, give feedback, keep score.

Module practice ("which level?"), vignette decision points and exam items are all
choice items with a single best answer and feedback per option. Views ask this engine
whether a choice is right; they never decide it themselves. The exam adds timing,
blueprints and stored progress on top of the same ``PracticeSession``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

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


Item = TypeVar("Item", bound=ChoiceItem)


class ChoiceRun(Generic[Item]):
    """The one practice loop every kind of choice practice runs on: items in order, the current one,
    the first answer to each scored (a later answer is feedback only), flags, and skips that come
    back after the last item. Kinds of practice add to it (timing and a store for the exam, a
    practice set's shared options, a case's branches) rather than keeping loops of their own.

    ``keep_latest`` is for a form a student corrects and checks again (a progress note, a referral
    plan): there a later answer replaces the earlier one, because the form as it stands is the answer."""

    def __init__(
        self,
        items: Iterable[Item],
        *,
        options_for: Callable[[ChoiceItem], tuple[Option, ...]] | None = None,
        keep_latest: bool = False,
    ) -> None:
        self.items: list[Item] = list(items)
        self._options_for = options_for or (lambda item: item.options)
        self.keep_latest = keep_latest
        self.position = 0
        self.answers: dict[str, Feedback] = {}
        self.flagged: set[str] = set()
        self.skipped: set[str] = set()

    @property
    def current(self) -> Item:
        return self.items[self.position]

    def options(self, item: ChoiceItem | None = None) -> tuple[Option, ...]:
        return self._options_for(item or self.current)

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise ValidationError(f"there is no item '{item_id}' in this practice", field="item")

    def answer(self, choice: str, *, item_id: str | None = None) -> Feedback:
        """Judge a choice for the current item, or for ``item_id`` where every item is on show at once
        (a form). The first answer to an item is the one scored, unless the run keeps the latest."""
        item = self.current if item_id is None else self.item(item_id)
        feedback = judge(item, self.options(item), choice)
        if self.keep_latest or item.id not in self.answers:
            self.answers[item.id] = feedback
            self.skipped.discard(item.id)
            self._scored(item, feedback)
        return feedback

    def _scored(self, item: Item, feedback: Feedback) -> None:
        """Called with each answer that is kept: the first per item, or every one with ``keep_latest``
        (the exam stores it)."""

    def flag(self) -> None:
        self.flagged.add(self.current.id)

    @property
    def score(self) -> tuple[int, int]:
        """(correct, answered)."""
        return sum(f.correct for f in self.answers.values()), len(self.answers)

    def advance(self) -> bool:
        """Move to the next item; return False (and stay) when already on the last one."""
        if self.position + 1 >= len(self.items):
            return False
        self.position += 1
        return True

    def skip(self) -> bool:
        """Leave the current item unanswered for now and go to the next unanswered one, coming back
        round to skipped items after the last. Returns False (and stays) when every item has an answer."""
        if self.current.id not in self.answers:
            self.skipped.add(self.current.id)
        n = len(self.items)
        for step in range(1, n):
            position = (self.position + step) % n
            if self.items[position].id not in self.answers:
                self.position = position
                return True
        return False


class PracticeSession(ChoiceRun[ChoiceItem]):
    """A run through a practice set (its items share the set's options unless they have their own),
    in order or shuffled, with a summary by the best answer's label."""

    def __init__(self, practice: PracticeSet, *, shuffle_seed: int | None = None) -> None:
        items = list(practice.items)
        if shuffle_seed is not None:
            random.Random(shuffle_seed).shuffle(items)
        super().__init__(items, options_for=practice.options_for)
        self.practice = practice

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
