"""Helpers used by assignment test cells: plain messages for form, points for correctness."""

import pytest

from mswlab.assignments import expect_choices, points_for

LEVELS = ["micro", "mezzo", "macro", "spans"]


def test_good_form_passes_and_says_so(capsys):
    expect_choices({"A": "Micro ", "B": "macro"}, keys=["A", "B"], allowed=LEVELS)
    assert "Format looks right: 2 answers" in capsys.readouterr().out


@pytest.mark.parametrize("answers, words", [
    ({}, "Add an answer for 'A', 'B'"),
    ({"A": "micro"}, "Add an answer for 'B'"),
    ({"A": "micro", "B": "macro", "C": "mezzo"}, "'C' is not one of the questions"),
    ({"A": "micro", "B": "big"}, "The answer for 'B' is 'big'"),
    ("micro", "should be written like"),
])
def test_bad_form_explains_what_to_fix(answers, words):
    with pytest.raises(AssertionError) as err:
        expect_choices(answers, keys=["A", "B"], allowed=LEVELS)
    assert words in str(err.value)


def test_points_count_matches_ignoring_case():
    key = {"A": "micro", "B": "macro", "C": "mezzo"}
    assert points_for({"A": "MICRO", "B": "macro", "C": "spans"}, key) == 2
    assert points_for({}, key) == 0
    assert points_for(key, key, each=0.5) == 1.5
