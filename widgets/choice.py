"""The one family of choice views, and choice practice on a practice set.

``ChoiceView`` is what every choice view shares: a question (its stem and its options as one
labeled radio group), Check and Next, a line for what the student must do first, and the feedback
box, with the keyboard support and the course's styles. Each feature (practice sets here, exam
items, case decisions, ethics dilemmas, self-disclosure) is a thin subclass that says which engine
object answers and what else it shows. The engine judges; these views only show what it said.
Every control has a Python twin (``choose``, ``submit``, ``next``) so tests and notebooks can
drive a view without a browser.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import figures
from mswlab.assessment import ROPES_PRACTICE_SET
from mswlab.content import practice_set
from mswlab.content.models import Option
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, Feedback, PracticeSession, choice_key
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, FeedbackBox, say
from widgets.keyboard import KeyboardScope, mark_navigation
from widgets.view import shown_text


def choice_group(label: str, options: Iterable[tuple[str, str]] = ()) -> W.RadioButtons:
    """A radio group named by its visible label, wrapping long options (see widgets.keyboard)."""
    return W.RadioButtons(
        options=list(options), value=None, description=label, style=LABEL, layout=W.Layout(width="auto")
    )


class ChoiceCard(W.VBox):
    """A question: its stem, then its options as one radio group. ``between`` holds what a student
    answers before choosing (a dilemma's ranking, the first questions about a disclosure)."""

    def __init__(self, label: str = "Your answer:", between: Sequence[W.Widget] = ()) -> None:
        self.stem = W.HTML(layout=WIDE)
        self.choices = choice_group(label)
        super().__init__(children=[self.stem, *between, self.choices])

    def show(self, stem_html: str, options: Iterable[tuple[str, str]] | None = None, chosen: str | None = None) -> None:
        """Show a question (``options`` None keeps the ones shown), with ``chosen`` selected."""
        self.stem.value = stem_html
        if options is not None:
            self.choices.options = list(options)
        self.choices.value = chosen

    def select(self, key: str, options: tuple[Option, ...]) -> None:
        """Select an option by key; a ValidationError names the keys there are."""
        self.choices.value = choice_key(options, key)


class ChoiceView(W.VBox):
    """The base of every choice view: shows a question, takes a choice by click, key or ``choose``,
    checks it with the engine (``submit``), moves on (``next``) and says what happened.

    A subclass gives its engine's answers through the hooks (``_options``, ``_judge``, ``_advance``,
    ``_show``), calls ``_lay_out`` once with what it shows above and below the question, and keeps
    its own texts in the class attributes."""

    CSS_CLASS = "mswlab-choice"  # each view names its own: the keyboard support and the pages find it by it
    CHOICE_LABEL = "Your answer:"
    CHECK_LABEL = "Check answer"
    CHOOSE_FIRST = "Choose an answer first, then select Check answer."
    NO_QUESTION = "There is no question to answer."  # said by choose() when _options() has none
    END_OK: bool | None = None  # how "that was the last" is said: None as an alert, True as a status
    run: ChoiceRun | None = None  # the engine's loop, where the view shows one choice at a time from it
    noun = "Item"  # what the run's items are called in "That was the last item"

    def __init__(
        self,
        *,
        next_label: str,
        next_tooltip: str | None = None,
        check_tooltip: str | None = None,
        between: Sequence[W.Widget] = (),
        buttons: Sequence[W.Button] = (),
        advance: Sequence[W.Widget] = (),
        progress: W.Widget | None = None,
    ) -> None:
        """``buttons`` go between Check and Next; ``advance`` are other controls that move on (Skip);
        ``progress`` is a line saying where the student is, when it is not in the stem."""
        self.feedback_text = ""
        self.card = ChoiceCard(self.CHOICE_LABEL, between)
        self._stem, self._choices = self.card.stem, self.card.choices
        self._check = W.Button(description=self.CHECK_LABEL, button_style="primary", tooltip=check_tooltip)
        self._next = W.Button(description=next_label, tooltip=next_tooltip)
        self._buttons = W.HBox([self._check, *buttons, self._next])
        self._message = W.HTML()
        self._feedback = FeedbackBox()
        self._body = W.VBox()
        self._check.on_click(lambda _: self.submit())
        self._next.on_click(lambda _: self.next())
        self._choices.observe(lambda _: say(self._message, ""), names="value")
        mark_navigation(stem=self._stem, advance=[self._next, *advance], progress=progress)
        super().__init__()
        self.add_class(self.CSS_CLASS)

    def _lay_out(
        self, *, above: Sequence[W.Widget] = (), below: Sequence[W.Widget] = (), feedback_first: bool = False
    ) -> None:
        """Place the view: ``above`` the question, then the practice itself (``_body``, which a view
        may hide until there is something to practice), then ``below``. The feedback box follows the
        message, or with ``feedback_first`` sits right under the question (beside its other answers)."""
        middle = [self._buttons, self._message, self._feedback]
        if feedback_first:
            middle = [self._feedback, self._buttons, self._message]
        self._body.children = [self.card, *middle, *below]
        self.children = [*above, self._body, KeyboardScope(host_class=self.CSS_CLASS)]

    # --- programmatic twins of the controls -----------------------------------------

    def choose(self, key: str) -> bool:
        """Select an option by key; an unknown key shows a message instead of raising."""
        options = self._options()
        if options is None:
            say(self._message, self.NO_QUESTION)
            return False
        try:
            self.card.select(key, options)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        return True

    def submit(self):
        """Check the answer with the engine and show what it said; first say what is missing, if anything."""
        problem = self._not_ready()
        if problem:
            say(self._message, problem)
            return None
        try:
            result = self._judge()
        except ValidationError as err:
            say(self._message, err.message)
            return None
        return self._show_result(result)

    def next(self) -> bool:
        """Go to the next question; before this one is answered, or after the last, say why not."""
        problem = self._not_done()
        if problem:
            say(self._message, problem)
            return False
        if not self._advance():
            say(self._message, self._end_text(), ok=self.END_OK)
            return False
        self._show()
        return True

    message_text = shown_text("_message")

    # --- hooks -------------------------------------------------------------------------

    def _options(self) -> tuple[Option, ...] | None:
        """The current question's options (None when there is no question to answer)."""
        return None if self.run is None else self.run.options()

    def _not_ready(self) -> str | None:
        """Why the answer cannot be checked yet (None when it can)."""
        return self.CHOOSE_FIRST if self._choices.value is None else None

    def _judge(self):
        """Ask the engine about the answer on screen; a ValidationError is shown as a message. The run
        judges, and stores an exam answer, straight from here: a click passes through no other view."""
        return self.run.answer(self._choices.value)  # the value is always one of the options' keys

    def _show_result(self, result):
        """Show the engine's judgment; return what ``submit`` returns."""
        self._show_feedback(self._words(result), result.correct)
        say(self._message, "")
        self._update_score()
        return result

    def _words(self, result: Feedback) -> str:
        """The feedback to show for the engine's judgment: its own words, unless a view adds to them."""
        return result.message

    def _not_done(self) -> str | None:
        """Why the student cannot move on yet (None when they can)."""
        return None

    def _advance(self) -> bool:
        """Move the engine to the next question; False when there is none."""
        return self.run.advance()

    def _end_text(self) -> str:
        correct, answered = self.run.score
        return (
            f"That was the last {self.noun.lower()}. You answered {answered} of {len(self.run.items)} "
            f"and got {correct} right."
        )

    @property
    def score_text(self) -> str:
        correct, answered = self.run.score
        skipped = len(self.run.skipped)
        return (
            f"Score: {correct} correct out of {answered} answered ({len(self.run.items)} in all"
            + (f", {skipped} skipped" if skipped else "")
            + ")"
        )

    def _show(self) -> None:
        """Show the current question."""
        raise NotImplementedError

    def _update_score(self) -> None:
        """Refresh a running score, for views that show one."""

    # --- helpers for subclasses ----------------------------------------------------------

    def _present(self, stem_html: str, options: Iterable[tuple[str, str]] | None = None) -> None:
        """Show a new question with nothing chosen and no feedback or message left from the last."""
        self.card.show(stem_html, options)
        self.feedback_text = ""
        self._feedback.clear()
        say(self._message, "")

    def _show_feedback(self, text: str, correct: bool) -> None:
        self.feedback_text = text
        self._feedback.show(text, correct)


class ChoicePracticeView(ChoiceView):
    """Practice a set of choice items. ``summary=True`` adds a plotly chart of answers by group."""

    CSS_CLASS = "mswlab-choice-practice"

    def __init__(self, session: PracticeSession, *, summary: bool = True, noun: str = "Scenario") -> None:
        self.session = self.run = session
        self.noun = noun
        practice = session.practice
        self._title = W.HTML(f"<h3>{html.escape(practice.title)}</h3><p>{html.escape(practice.instructions)}</p>")
        self._progress = W.HTML()
        self._score = W.HTML()
        self._chart: Chart | None = Chart() if summary else None
        self.figure: go.Figure | None = None
        super().__init__(
            next_label=f"Next {noun.lower()}",
            next_tooltip=f"Go to the next {noun.lower()}",
            check_tooltip="See whether your answer is the best one, and why",
            progress=self._progress,
        )
        self._lay_out(above=[self._title, self._progress], below=[self._score, *([self._chart] if self._chart else [])])
        self._show()

    def _words(self, result: Feedback) -> str:
        if self.session.answers[result.item_id] is result:
            return result.message
        return result.message + " (Only your first answer to each scenario counts toward the score.)"  # a repeat

    def _show(self) -> None:
        item = self.session.current
        self._present(f"<p>{html.escape(item.stem)}</p>", [(o.text, o.key) for o in self.session.options(item)])
        self._update_score()
        # last, so "N of M" never shows beside the previous item's options
        self._progress.value = f"<b>{self.noun} {self.session.position + 1} of {len(self.session.items)}</b>"

    def _update_score(self) -> None:
        self._score.value = f"<p>{html.escape(self.score_text)}</p>"
        if self._chart is not None:
            self.figure = self._chart.draw(
                figures.practice_summary(self.session.summary(), self.session.practice.group_label, self.noun)
            )


def practice(
    set_id: str, *, summary: bool = True, shuffle_seed: int | None = None, noun: str = "Scenario"
) -> ChoicePracticeView:
    """Open the practice set ``datasets/practice/<set_id>.yaml`` in a view."""
    return ChoicePracticeView(
        PracticeSession(practice_set(set_id), shuffle_seed=shuffle_seed), summary=summary, noun=noun
    )


def which_level(*, shuffle_seed: int | None = None) -> ChoicePracticeView:
    """Module 01's "Which level?" practice: micro, mezzo, macro or spans levels."""
    return practice("levels-of-practice", shuffle_seed=shuffle_seed)


def ropes_sorter(*, shuffle_seed: int | None = None) -> ChoicePracticeView:
    """Module 06's ROPES sorter: which part of ROPES does each strengths statement show?"""
    return practice(ROPES_PRACTICE_SET, shuffle_seed=shuffle_seed, noun="Statement")


def distortion_practice(*, shuffle_seed: int | None = None) -> ChoicePracticeView:
    """Module 09: name the cognitive distortion in each automatic thought, then read a balanced thought."""
    return practice("cognitive-distortions", shuffle_seed=shuffle_seed, noun="Thought")


def trauma_informed_matcher(*, shuffle_seed: int | None = None) -> ChoicePracticeView:
    """Module 09: which of SAMHSA's six principles does each scenario honor or violate?"""
    return practice("trauma-informed", shuffle_seed=shuffle_seed)


def change_talk_practice(*, shuffle_seed: int | None = None) -> ChoicePracticeView:
    """Module 10: sustain talk, or which kind of change talk (DARN-CAT)?"""
    return practice("change-talk", shuffle_seed=shuffle_seed, noun="Statement")
