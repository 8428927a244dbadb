"""Choice-practice view: one scenario at a time, immediate feedback, a running score.

A thin view over ``mswlab.practice.PracticeSession``: the engine judges answers, this
module only shows them. Every control has a Python twin (``choose``, ``submit``,
``next``) so tests and notebooks can drive it without a browser.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import figures
from mswlab.assessment import ROPES_PRACTICE_SET
from mswlab.content import practice_set
from mswlab.errors import ValidationError
from mswlab.practice import Feedback, PracticeSession, choice_key
from widgets.charts import Chart
from widgets.feedback import feedback_box, say, text_of
from widgets.keyboard import KeyboardScope, mark_navigation


class ChoicePracticeView(W.VBox):
    """Practice a set of choice items. ``summary=True`` adds a plotly chart of answers by group."""

    CSS_CLASS = "mswlab-choice-practice"

    def __init__(self, session: PracticeSession, *, summary: bool = True, noun: str = "Scenario") -> None:
        self.session = session
        self.noun = noun
        self.feedback_text = ""
        practice = session.practice

        self._title = W.HTML(f"<h3>{html.escape(practice.title)}</h3><p>{html.escape(practice.instructions)}</p>")
        self._progress = W.HTML()
        self._stem = W.HTML(layout=W.Layout(max_width="760px"))
        self._choices = W.RadioButtons(
            options=[],
            value=None,
            description="Your answer:",
            style={"description_width": "initial"},
            layout=W.Layout(width="auto"),
        )
        self._check = W.Button(
            description="Check answer",
            button_style="primary",
            tooltip="See whether your answer is the best one, and why",
        )
        self._next = W.Button(description=f"Next {noun.lower()}", tooltip=f"Go to the next {noun.lower()}")
        self._message = W.HTML()
        self._feedback = W.HTML(layout=W.Layout(max_width="760px"))
        self._score = W.HTML()
        self._check.on_click(lambda _: self.submit())
        self._next.on_click(lambda _: self.next())
        self._choices.observe(lambda _: say(self._message, ""), names="value")

        mark_navigation(stem=self._stem, advance=[self._next], progress=self._progress)
        self._chart: Chart | None = None
        self.figure: go.Figure | None = None
        children = [
            self._title,
            self._progress,
            self._stem,
            self._choices,
            W.HBox([self._check, self._next]),
            self._message,
            self._feedback,
            self._score,
            KeyboardScope(host_class=self.CSS_CLASS),
        ]
        if summary:
            self._chart = Chart()
            children.append(self._chart)
        super().__init__(children=children)
        self.add_class(self.CSS_CLASS)
        self._show_item()

    # --- programmatic twins of the controls -----------------------------------------

    def choose(self, key: str) -> bool:
        """Select an option by key; an unknown key shows a message instead of raising."""
        try:
            self._choices.value = choice_key(self.session.options(), key)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        return True

    def submit(self) -> Feedback | None:
        """Check the selected answer; without a selection, ask for one."""
        if self._choices.value is None:
            say(self._message, "Choose an answer first, then select Check answer.")
            return None
        already = self.session.current.id in self.session.answers
        result = self.session.answer(self._choices.value)  # the value is always a valid key
        say(self._message, "")
        self._show_feedback(result, note_first_counts=already)
        self._update_score()
        return result

    def next(self) -> bool:
        """Go to the next item; at the end, say so and keep the last item on screen."""
        if not self.session.advance():
            correct, answered = self.session.score
            say(
                self._message,
                f"That was the last {self.noun.lower()}. You answered {answered} of "
                f"{len(self.session.items)} and got {correct} right.",
            )
            return False
        self._show_item()
        return True

    @property
    def score_text(self) -> str:
        correct, answered = self.session.score
        return f"Score: {correct} correct out of {answered} answered ({len(self.session.items)} in all)"

    # --- rendering --------------------------------------------------------------------

    def _show_item(self) -> None:
        item = self.session.current
        self._stem.value = f"<p>{html.escape(item.stem)}</p>"
        self._choices.options = [(o.text, o.key) for o in self.session.options(item)]
        self._choices.value = None
        self.feedback_text = ""
        self._feedback.value = ""
        say(self._message, "")
        self._update_score()
        # last, so "N of M" never shows beside the previous item's options
        self._progress.value = f"<b>{self.noun} {self.session.position + 1} of {len(self.session.items)}</b>"

    def _show_feedback(self, result: Feedback, *, note_first_counts: bool) -> None:
        text = result.message
        if note_first_counts:
            text += " (Only your first answer to each scenario counts toward the score.)"
        self.feedback_text = text
        self._feedback.value = feedback_box(text, result.correct)

    def _update_score(self) -> None:
        self._score.value = f"<p>{html.escape(self.score_text)}</p>"
        if self._chart is not None:
            self.figure = self._chart.draw(
                figures.practice_summary(self.session.summary(), self.session.practice.group_label, self.noun)
            )

    @property
    def message_text(self) -> str:
        return text_of(self._message)


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
