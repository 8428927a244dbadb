"""The one choice-practice engine: judging, feedback words, scoring and summaries."""

import pytest

from mswlab.content import practice_set
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, PracticeSession, judge


@pytest.fixture
def levels():
    return practice_set("levels-of-practice")


def test_judge_right_and_wrong_in_words(levels):
    item = levels.items[0]
    right = judge(item, levels.options, item.answer)
    assert right.correct and right.message.startswith("Correct:")
    assert item.explanation in right.message
    wrong_key = next(o.key for o in levels.options if o.key != item.answer)
    wrong = judge(item, levels.options, wrong_key)
    assert not wrong.correct and wrong.message.startswith("Not quite. You chose")
    extra = (item.option_feedback or {}).get(wrong_key)
    if extra:
        assert extra in wrong.message


def test_judge_accepts_case_and_spaces_but_rejects_unknown(levels):
    item = levels.items[0]
    assert judge(item, levels.options, f"  {item.answer.upper()} ").correct
    with pytest.raises(ValidationError) as err:
        judge(item, levels.options, "mega")
    assert "'mega' is not one of the choices" in str(err.value)
    assert "'micro', 'mezzo', 'macro', 'spans'" in str(err.value)


def test_first_answer_counts_and_summary_groups_by_best_answer(levels):
    session = PracticeSession(levels)
    first = session.current
    wrong = next(o.key for o in levels.options if o.key != first.answer)
    session.answer(wrong)
    session.answer(first.answer)  # a second try does not change the score
    assert session.score == (0, 1)
    session.advance()
    session.answer(session.current.answer)
    assert session.score == (1, 2)
    summary = session.summary().set_index("group")
    assert list(summary.index) == ["Micro", "Mezzo", "Macro", "Spans levels"]
    assert summary["correct"].sum() == 1 and summary["incorrect"].sum() == 1


def test_advance_stops_at_the_end_and_shuffle_is_repeatable(levels):
    session = PracticeSession(levels)
    while session.advance():
        pass
    assert session.position == len(levels.items) - 1
    a = [i.id for i in PracticeSession(levels, shuffle_seed=7).items]
    b = [i.id for i in PracticeSession(levels, shuffle_seed=7).items]
    assert a == b and a != [i.id for i in levels.items]


def test_every_level_is_an_answer_somewhere(levels):
    answers = {i.answer for i in levels.items}
    assert answers == {o.key for o in levels.options}


def test_a_form_answers_any_item_and_keeps_the_latest_answer_when_asked(levels):
    items = levels.items[:3]
    first_only = ChoiceRun(items, options_for=levels.options_for)
    latest = ChoiceRun(items, options_for=levels.options_for, keep_latest=True)
    wrong = next(o.key for o in levels.options if o.key != items[2].answer)
    for run in (first_only, latest):
        run.answer(wrong, item_id=items[2].id)  # the third item, while the first is current
        run.answer(items[2].answer, item_id=items[2].id)
        assert run.position == 0 and list(run.answers) == [items[2].id]
    assert first_only.score == (0, 1) and latest.score == (1, 1)
    with pytest.raises(ValidationError, match="there is no item 'nope'"):
        latest.answer(wrong, item_id="nope")
