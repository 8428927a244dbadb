"""Reading answers as data and scoring them in the grader (mswlab.grading.answers), without a kernel."""

from __future__ import annotations

import ast

import pytest

from mswlab.grading.answers import NotLiteral, answer_name, free_names, literal, read_answer, run_test


def value(text: str):
    return literal(ast.parse(text, mode="eval").body)


def test_literals_and_arithmetic_on_numbers_are_values():
    assert value('{"A": "mezzo", "n": [1, -2.5, (3,)], "s": {True}, "x": None}') == {
        "A": "mezzo",
        "n": [1, -2.5, (3,)],
        "s": {True},
        "x": None,
    }
    assert value("2 + 1 + 3 * 2 - 4 / 2") == 7.0  # a PHQ-9 total added up by hand


@pytest.mark.parametrize(
    "text",
    [
        "micro",
        "len('abc')",
        "__import__('os')",
        "2 ** 100",
        "'ab' * 10",
        "{**other}",
        "[x for x in 'ab']",
        "1 / 0",
        "10 ** 6 * 10 ** 12",
        "b'x'",
        "f'{1}'",
        "lambda: 1",
    ],
)
def test_code_is_never_a_value(text):
    with pytest.raises(NotLiteral):
        value(text)


def test_an_answer_is_read_from_the_cell_without_running_it():
    read = read_answer('levels_answers = {\n    "A": "mezzo",  # my note\n    "B": "spans",\n}\n', "levels_answers")
    assert read.found and read.value == {"A": "mezzo", "B": "spans"} and read.problems == ()


def test_the_last_assignment_wins_and_a_note_in_quotes_is_fine():
    read = read_answer('"""First try, then a better one."""\nx = 1\nx = 2\n', "x")
    assert read.value == 2 and read.problems == ()


def test_code_beside_the_answer_is_named_and_the_literal_entries_still_count():
    read = read_answer('import os\nlevels_answers = {"A": "mezzo", "B": spans, "C": os.getcwd()}\n', "levels_answers")
    assert read.value == {"A": "mezzo"}
    assert read.problems == (
        "line 1: import os",
        "line 2: 'B': spans is not a value (left out)",
        "line 2: 'C': os.getcwd() is not a value (left out)",
    )


@pytest.mark.parametrize(
    "source, problem",
    [
        ("levels_answers = Answers(A='micro')", "Answers(A='micro') is not a value"),
        ("levels_answers = {", "not valid Python"),
        ("levels_answers = " + "[" * 300 + "]" * 300, "not valid Python"),
        ("# " + "x" * 100_001 + "\nlevels_answers = {}", "it was not read"),
    ],
)
def test_an_answer_that_cannot_be_read_is_missing_and_says_why(source, problem):
    read = read_answer(source, "levels_answers")
    assert not read.found and read.value is None and problem in " ".join(read.problems)


def test_an_untouched_stub_is_simply_unanswered():
    assert read_answer("# YOUR ANSWER HERE", "x") == read_answer("", "x")
    assert not read_answer("# YOUR ANSWER HERE", "x").found and read_answer("# YOUR ANSWER HERE", "x").problems == ()


def test_the_answer_name_comes_from_the_instructors_cell():
    assert (
        answer_name('levels_answers = {\n    ### BEGIN SOLUTION\n    "A": "mezzo",\n    ### END SOLUTION\n}')
        == "levels_answers"
    )
    assert answer_name("def f():\n    return 1") is None and answer_name("a = b = 1") is None


def test_a_test_cell_needs_only_the_names_it_does_not_define():
    source = (
        '"""Part A."""\nfrom mswlab.assignments import expect_choices, points_for\nimport re\n'
        'expect_choices(levels_answers, keys=["A"], allowed=["micro"])\n'
        'key = {k: v for k, v in {"A": "micro"}.items()}\npoints_for(levels_answers, key)'
    )
    assert free_names(source) == {"levels_answers"}


CELL = (
    "from mswlab.assignments import expect_choices, points_for\n"
    'expect_choices(answers, keys=["A", "B"], allowed=["micro", "mezzo"])\n'
    '### BEGIN HIDDEN TESTS\npoints_for(answers, {"A": "micro", "B": "mezzo"})\n### END HIDDEN TESTS'
)


@pytest.mark.parametrize(
    "answers, points",
    [
        ({"A": "micro", "B": "mezzo"}, 2.0),
        ({"A": " Micro ", "B": "micro"}, 1.0),  # points_for ignores case and spaces
        ({"A": "micro", "B": "spans"}, 1.0),  # a slip in B costs B only: the format check stands aside
        ({"A": "micro", "B": "Counselling"}, 1.0),  # (a word outside the list is just a wrong answer)
        ({"A": "micro"}, 1.0),  # a missing answer costs that answer
        ({}, 0.0),
    ],
)
def test_a_test_cell_scores_like_nbgrader_would(answers, points):
    assert run_test(CELL, {"answers": answers}, 2)[0] == points


def test_nbgraders_rule_for_a_cells_result():
    assert run_test("x = 1", {}, 3) == (3.0, "")  # no result: full points
    assert run_test("1.5", {}, 3) == (1.5, "")  # a number: partial credit
    assert run_test("True", {}, 3) == (3.0, "")  # not a number: full points
    assert run_test("assert False, 'no'", {}, 3) == (0.0, "AssertionError: no")
    points, problem = run_test("7", {}, 3)
    assert points == 3.0 and "more than the cell's 3 points" in problem


def test_a_test_cannot_change_the_answers_another_test_sees():
    answers = {"a": {"A": "micro"}}
    run_test("a['A'] = 'macro'", answers, 1)
    assert answers == {"a": {"A": "micro"}}


def test_a_dict_spread_in_an_answer_is_left_out_in_words_not_a_crash():
    read = read_answer('a = {**b, "x": 1}', "a")
    assert read.found and read.value == {"x": 1} and read.problems == ("line 1: b is not a value (left out)",)
