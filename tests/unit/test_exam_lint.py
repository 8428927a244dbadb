"""Each item-writing rule catches the flaw it names (on items built in code)."""

from __future__ import annotations

import hashlib

import pytest

from mswlab.exam import lint
from mswlab.exam.bank import Bank
from tests.exam_helpers import make_item


def errors_for(item) -> list[str]:
    return [p.message for p in lint.item_problems(item, "exam/items/x.yaml")[0]]


def warnings_for(item) -> list[str]:
    return [p.message for p in lint.item_problems(item, "exam/items/x.yaml")[1]]


def test_a_well_written_item_passes():
    assert errors_for(make_item()) == [] and warnings_for(make_item()) == []


@pytest.mark.parametrize(
    "stem, expected",
    [
        ("A client arrives late. The social worker greets them.", "should be a question"),
        ("A client arrives late. What should the social worker do first?", "capitalize it (FIRST)"),
        ("A client arrives late. Which response is best?", "capitalize it (BEST)"),
        ("A client arrives late. Which action would not help?", "capitalize NOT or EXCEPT"),
    ],
)
def test_stem_rules(stem, expected):
    assert any(expected in m for m in errors_for(make_item(stem=stem)))


def test_incomplete_statement_stems_are_allowed():
    assert errors_for(make_item(stem="The social worker's FIRST step should be to:")) == []


def test_capitalised_negative_stem_is_allowed_one_item_at_a_time():
    assert errors_for(make_item(stem="Which action is NOT part of a safety plan?")) == []


@pytest.mark.parametrize("text", ["All of the above", "None of the above"])
def test_all_or_none_of_the_above_is_an_error(text):
    assert any("all/none of the above" in m for m in errors_for(make_item(options=["Ask", "Refer", text])))


def test_duplicate_options_are_an_error():
    assert any("same text" in m for m in errors_for(make_item(options=["Refer", "refer ", "Ask"])))


def test_absolute_words_and_long_stems_are_warnings_not_errors():
    item = make_item(options=["Always ask about safety", "Refer", "Close"], stem="word " * 121 + "FIRST?")
    assert errors_for(item) == []
    messages = warnings_for(item)
    assert any("absolute word 'Always'" in m for m in messages) and any("has 122 words" in m for m in messages)


def bank_of(items) -> Bank:
    return Bank(tuple(items), {i.id: "exam/items/x.yaml" for i in items})


def numbered(n: int, **kwargs):
    """``n`` items with unrelated stems (hash digits) and keys rotating a, b, c."""
    return [
        make_item(
            f"item-{i:03d}",
            stem=f"{hashlib.sha256(str(i).encode()).hexdigest()} FIRST?",
            key="abc"[i % 3],
            options=[f"Option one {i}", f"Option two {i}", f"Option three {i}"],
            **kwargs,
        )
        for i in range(n)
    ]


def bank_messages(items) -> list[str]:
    return [p.message for p in lint.bank_problems(bank_of(items))]


def test_a_balanced_bank_has_no_bank_level_problems():
    assert bank_messages(numbered(30)) == []


def test_too_many_negative_stems_is_an_error():
    items = numbered(20)
    items[0] = make_item("item-000", stem="Which is NOT a step?", key="a")
    items[1] = make_item("item-001", stem="Which is NOT an option here?", key="b")
    assert any("are negative" in m for m in bank_messages(items))


def test_key_that_is_usually_the_longest_option_is_an_error():
    items = [
        make_item(
            f"item-{i:03d}",
            stem=f"Question {i} about topic {i * 91}, case {i * 7}?",
            options=["A much longer and more detailed option text", "Short", "Brief"],
        )
        for i in range(10)
    ]
    assert any("longest option in 10 of 10" in m for m in bank_messages(items))


def test_unbalanced_key_positions_are_an_error_per_option_count():
    items = [
        make_item(
            f"item-{i:03d}",
            stem=f"Question {i} on subject {i * 13}, variant {i * 101}?",
            key="a",
            options=[f"Opt one {i}", f"Opt two here {i}", f"Opt three here {i}"],
        )
        for i in range(12)
    ]
    assert any("among 3-option items the key is 'a' in 100.0%" in m for m in bank_messages(items))


def test_near_duplicate_stems_are_an_error_naming_both_items():
    a = make_item(
        "item-a", stem="A client who is 45 asks for help finding housing. What should the social worker do FIRST?"
    )
    b = make_item(
        "item-b",
        stem="A client who is 46 asks for help finding housing. What should the social worker do FIRST?",
        key="b",
    )
    problems = lint.bank_problems(bank_of([a, b, make_item("item-c", stem="Entirely different? ", key="c")]))
    dup = [p for p in problems if "nearly the same" in p.message]
    assert len(dup) == 1 and dup[0].entry == "item-b" and "'item-a'" in dup[0].message


def test_coverage_counts_items_per_level_and_names_the_shortfall():
    problems = [p.message for p in lint.coverage(bank_of(numbered(30, levels=("masters",))))]
    assert any("has 30 items; the bank needs at least 400" in m for m in problems)
    assert any("only 0 items suit the bachelors level" in m for m in problems)
    assert any("masters, 2026 format: 'Values and Ethics' is 0.0%" in m for m in problems)


def test_rationales_must_say_which_option_is_best():
    item = make_item()
    wrong = type(item)(**{**item.__dict__, "answer": "b"})  # the key moved, the rationales did not
    messages = errors_for(wrong)
    assert any("belongs to the key, so it should begin 'Best:'" in m for m in messages)
    assert any("begins 'Best' but this option is not the key" in m for m in messages)
