"""Helpers used by assignment test cells: plain messages for form, points for correctness."""

import pytest

from mswlab.assignments import expect_choices, plain_message, points_for, reading

LEVELS = ["micro", "mezzo", "macro", "spans"]


def test_good_form_passes_and_says_so(capsys):
    expect_choices({"A": "Micro ", "B": "macro"}, keys=["A", "B"], allowed=LEVELS)
    assert "Format looks right: 2 answers" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answers, words",
    [
        ({}, "Add an answer for 'A' and 'B'"),
        ({"A": "micro"}, "Add an answer for 'B'"),
        ({"A": "micro", "B": "macro", "C": "mezzo"}, "'C' is not among the questions"),
        ({"A": "micro", "B": "big"}, "The answer for 'B' is 'big'"),
        ("micro", "should be written like"),
    ],
)
def test_bad_form_explains_what_to_fix(answers, words):
    with pytest.raises(AssertionError) as err:
        expect_choices(answers, keys=["A", "B"], allowed=LEVELS)
    assert words in str(err.value)


def test_points_count_matches_ignoring_case():
    key = {"A": "micro", "B": "macro", "C": "mezzo"}
    assert points_for({"A": "MICRO", "B": "macro", "C": "spans"}, key) == 2
    assert points_for({}, key) == 0
    assert points_for(key, key, each=0.5) == 1.5


def test_every_problem_in_a_part_is_named_at_once():
    with pytest.raises(AssertionError) as err:
        expect_choices({"A": "mico", "B": "big"}, keys=["A", "B", "C"], allowed=LEVELS)
    said = str(err.value)
    assert "Add an answer for 'C'" in said and "'A' is 'mico'" in said and "'B' is 'big'" in said


@pytest.mark.parametrize(
    "typed, word",
    [
        ("Counselling", "counseling"),
        ("labelling", "labeling"),
        ("catastrophising", "catastrophizing"),
        ("behavioural-activation", "behavioral-activation"),
        (True, "yes"),
        (False, "false"),
        (" MICRO ", "micro"),
        (15, 15),
        (15.0, 15),
    ],
)
def test_an_answer_is_read_the_forgiving_way(typed, word):
    assert reading(typed, word)
    assert points_for({"A": typed}, {"A": word}) == 1


@pytest.mark.parametrize(
    "typed, word",
    [("macro", "micro"), (True, "no"), ("counsel", "counseling"), (1, "yes"), (14, 15), (True, 1), ("15", 15)],
)
def test_a_different_answer_is_not_read_as_right(typed, word):
    assert not reading(typed, word)


def test_a_british_spelling_passes_the_form_check_and_says_how_it_was_read(capsys):
    expect_choices({"1": "counselling", "2": True}, keys=["1", "2"], allowed=["coaching", "counseling", "yes"])
    said = capsys.readouterr().out
    assert "'counselling' for '1' is read as \"counseling\"" in said and "True for '2' is read as \"yes\"" in said


@pytest.mark.parametrize(
    "error, line, before, words",
    [
        (
            NameError("name 'micro' is not defined", name="micro"),
            '    "A": micro,',
            "",
            'Put each answer in quotes, like "micro"',
        ),
        (
            NameError("name 'levels_answers' is not defined", name="levels_answers"),
            "points_for(levels_answers)",
            "",
            "levels_answers has no answer yet: run its answer cell above first",
        ),
        (
            SyntaxError("invalid syntax", ("<cell>", 3, 5, '    "2": "b",\n')),
            '    "2": "b",',
            '    "1": "a"',
            "Line 2: a comma is missing at its end",
        ),
        (
            SyntaxError("unterminated string literal (detected at line 1)", ("<cell>", 1, 8, 'x = {"a: 1}')),
            'x = {"a: 1}',
            "",
            "Line 1: a quote is missing",
        ),
        (KeyError("A"), "", "", "KeyError: 'A'"),
    ],
)
def test_a_mistake_reads_as_one_plain_sentence(error, line, before, words):
    assert words in plain_message(error, line, before)
