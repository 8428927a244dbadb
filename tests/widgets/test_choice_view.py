"""The choice-practice view, driven through its Python twins (no browser)."""

import ipywidgets as W
import pytest

from widgets import practice, which_level


@pytest.fixture
def view():
    return which_level()


def test_right_answer_gives_feedback_and_score(view):
    item = view.session.current
    assert view.choose(item.answer)
    result = view.submit()
    assert result.correct
    assert view.feedback_text.startswith("Correct:") and item.explanation in view.feedback_text
    assert view.score_text.startswith("Score: 1 correct out of 1 answered")
    assert "Correct:" in view._feedback.value  # the words are on screen, not only a colour


def test_wrong_answer_explains_and_chart_counts_it(view):
    item = view.session.current
    wrong = next(k for _, k in view._choices.options if k != item.answer)
    view.choose(wrong)
    view.submit()
    assert view.feedback_text.startswith("Not quite. You chose")
    assert view.score_text.startswith("Score: 0 correct out of 1 answered")
    assert sum(view.figure.data[1].y) == 1 and sum(view.figure.data[0].y) == 0


def test_invalid_choice_shows_inline_message_without_raising(view):
    assert view.choose("mega") is False
    assert "'mega' is not one of the choices" in view.message_text
    assert 'role="alert"' in view._message.value
    assert view.submit() is None  # nothing selected yet
    assert view.message_text == "Choose an answer first, then select Check answer."
    assert view.session.score == (0, 0)
    view.choose(view.session.current.answer)
    assert view.message_text == ""  # a valid choice clears the message


def test_next_moves_on_and_stops_at_the_end():
    view = practice("start-here", summary=False, noun="Question")
    assert view.figure is None
    seen = [view.session.current.id]
    while view.next():
        seen.append(view.session.current.id)
        assert view.feedback_text == ""  # a new question starts clean
    assert len(seen) == len(view.session.items)
    assert view.message_text.startswith("That was the last question.")


def test_every_control_has_a_visible_label(view):
    assert isinstance(view, W.VBox)
    assert view._choices.description == "Your answer:"
    assert view._check.description == "Check answer" and view._next.description == "Next scenario"
    assert [label for label, _ in view._choices.options] == ["Micro", "Mezzo", "Macro", "Spans levels"]
