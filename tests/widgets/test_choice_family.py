"""Every choice view is one of the family: the base's question card, buttons, message line and feedback box."""

from __future__ import annotations

import sys
from pathlib import Path

import ipywidgets as W
import pytest

from mswlab.content import vignette, vignettes
from tests.conftest import ROOT
from widgets.choice import ChoiceCard, ChoiceView, which_level
from widgets.ethics import DilemmaPracticeView
from widgets.exam import ExamPracticeView, MockExamView, ReviewView
from widgets.feedback import LABEL, FeedbackBox
from widgets.keyboard import KeyboardScope
from widgets.relationship import DisclosurePracticeView
from widgets.vignettes import DecisionPracticeView

FAMILY = [
    ("choice", which_level),
    ("exam-practice", ExamPracticeView),
    ("exam-review", ReviewView),
    ("decisions", lambda: DecisionPracticeView(vignette(vignettes()[0].id))),
    ("dilemmas", DilemmaPracticeView),
    ("disclosure", DisclosurePracticeView),
]


def descendants(widget: W.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


@pytest.fixture(params=FAMILY, ids=[name for name, _ in FAMILY])
def view(request, tmp_path, monkeypatch) -> ChoiceView:
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path))  # the exam views open a progress store
    return request.param[1]()


def test_every_choice_view_is_built_on_the_base_and_shows_its_parts(view):
    assert isinstance(view, ChoiceView) and type(view) is not ChoiceView
    shown = list(descendants(view))
    for part in (view.card, view._check, view._next, view._message, view._feedback):
        assert any(w is part for w in shown), part
    assert type(view._feedback) is FeedbackBox
    assert isinstance(view.card, ChoiceCard) and view._choices is view.card.choices
    assert view._choices.style.description_width == LABEL["description_width"]


def test_check_comes_before_next_and_the_keyboard_knows_the_view(view):
    buttons = view._buttons.children
    assert buttons[0] is view._check and buttons[-1] is view._next  # one Tab from the options reaches Check
    assert view.CSS_CLASS in view._dom_classes and view.CSS_CLASS != ChoiceView.CSS_CLASS
    scopes = [w for w in view.children if isinstance(w, KeyboardScope)]
    assert [s.host_class for s in scopes] == [view.CSS_CLASS]
    assert "mswlab-stem" in view._stem._dom_classes and "mswlab-advance" in view._next._dom_classes


def test_an_unknown_key_is_said_in_words_by_every_view(view):
    assert view.choose("zz") is False
    assert view.message_text  # a word for the student, never an exception


def test_the_feedback_box_says_right_and_wrong_in_words():
    box = FeedbackBox()
    box.show("Correct: because.", True)
    assert 'role="status"' in box.value and "Correct: because." in box.value
    box.clear()
    assert box.value == ""


def test_the_mock_exam_shows_its_questions_on_the_same_card(tmp_path, monkeypatch):
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path))
    assert isinstance(MockExamView(watchdog=False).card, ChoiceCard)


def test_an_exam_answer_goes_from_the_click_to_the_store_through_five_modules(tmp_path, monkeypatch):
    """The base view hands the choice straight to the run: no view module sits between the click and the store."""
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path))
    view = ExamPracticeView()
    assert view.start(level="masters", count=2)
    item = view.run.current
    view.choose(next(o.key for o in item.options if o.key != item.answer))  # a miss goes into review
    path: list[str] = []
    helpers = {"mswlab/wording.py", "mswlab/clock.py", "mswlab/errors.py"}  # the core every layer may use

    def follow(frame, event, arg):
        name = Path(frame.f_code.co_filename)
        if event != "call" or not name.is_relative_to(ROOT) or name.is_relative_to(ROOT / ".venv"):
            return
        module = name.relative_to(ROOT).as_posix()
        if module.startswith(("widgets/", "mswlab/")) and module not in helpers and module not in path:
            path.append(module)
            if module == "mswlab/exam/review.py":
                sys.setprofile(None)

    sys.setprofile(follow)
    try:
        view._check.click()
    finally:
        sys.setprofile(None)
    assert path == [
        "widgets/choice.py",
        "mswlab/practice.py",
        "mswlab/exam/session.py",
        "mswlab/store.py",
        "mswlab/exam/review.py",
    ]
