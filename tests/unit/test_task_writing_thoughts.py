"""The balanced_thought writing rules: what a balanced thought is checked for, and what it is forgiven."""

from __future__ import annotations

from mswlab.content.tasks import WriteVariant
from mswlab.tasks.writing import WRITING, absolute_words

VARIANT = WriteVariant(
    id="one-star-review",
    must_mention=(("review", "customer", "bad"), ("40", "regular", "sales", "most")),
    example={"thought": "One customer left a bad review, and that hurts. Most of my 40 reviews are good."},
)


def _verdicts(thought: str) -> dict[str, bool]:
    return {r.label: r.passed for r in WRITING["balanced_thought"].judge(VARIANT, {"thought": thought})}


def test_a_balanced_thought_passes_every_rule():
    verdicts = _verdicts(
        "One customer left a bad review, and that hurts. Most of my 40 reviews are good, and my regulars still come."
    )
    assert all(verdicts.values()), verdicts


def test_all_or_nothing_words_fail_but_a_denied_one_is_forgiven():
    assert absolute_words("Everyone hates my food and nothing will change.") == ["everyone", "nothing"]
    assert absolute_words("Not everyone liked it, and one review doesn't mean I always fail.") == []
    hard = "Everyone hates my food, even though most of my 40 reviews are good and I got one bad review."
    assert not _verdicts(hard)["No all-or-nothing words"]


def test_the_evidence_and_the_true_part_must_both_be_named():
    verdicts = _verdicts("I feel awful today, and I will try to think about things more calmly tomorrow, I hope.")
    missed = [label for label, passed in verdicts.items() if not passed]
    assert missed == ["Names review / customer", "Names 40 / regular"]


def test_voice_and_length():
    assert not _verdicts("A customer review was bad, but most reviews are good and sales are up this month.")[
        "In the person's own voice"
    ]
    assert not _verdicts("My review was bad.")["A believable length"]
    assert not any(_verdicts("").values())
