"""Helping-relationship views: a scaling-question tracker and self-disclosure practice.

Thin views over ``mswlab.relationship``. Python twins: ``add``, ``undo`` on the tracker;
``answer``, ``submit``, ``next`` on the disclosure practice.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import relationship, relationship_figures
from mswlab.content import disclosure_scenarios
from mswlab.content.models import Option
from mswlab.content.planning import DisclosureScenario
from mswlab.errors import ValidationError
from mswlab.practice import Feedback
from widgets.charts import Chart
from widgets.choice import ChoiceView, choice_group
from widgets.feedback import LABEL, WIDE, FeedbackBox, say, text_of, wide
from widgets.view import View, shown_text


class ScalingTrackerView(View):
    """Record a client's 1-10 scaling ratings session by session, with the exceptions they named."""

    CSS_CLASS = "mswlab-scaling-tracker"

    def __init__(self) -> None:
        self.scaling = relationship.ScalingLog()
        self._rating = W.Text(description="Rating (1-10):", style=LABEL, layout=W.Layout(width="200px"))
        self._exceptions = W.Text(
            description="Exceptions the client named:",
            style=LABEL,
            placeholder="e.g. slept well after the walk on Tuesday",
            layout=wide(width="100%"),
        )
        self._add = W.Button(description="Add session", button_style="primary")
        self._undo = W.Button(description="Remove last session")
        self._rating_message = W.HTML()
        self._status = W.HTML()
        self._add.on_click(lambda _: self.add(self._rating.value, self._exceptions.value))
        self._undo.on_click(lambda _: self.undo())
        self._rating.observe(lambda _: say(self._rating_message, ""), names="value")
        self._chart = Chart()
        self.figure = self._chart.draw(self._figure())
        super().__init__(
            [
                W.HTML("<h3>Scaling-question tracker</h3><p><i>" + html.escape(self.scaling.question) + "</i></p>"),
                self._rating,
                self._rating_message,
                self._exceptions,
                W.HBox([self._add, self._undo]),
                self._status,
                self._chart,
            ]
        )
        self._show_status()

    def add(self, rating: object, exceptions: str = "") -> bool:
        """Add the next session's rating; an impossible rating gets a message beside the field."""
        try:
            self.scaling.add(rating, exceptions)
        except ValidationError as err:
            say(self._rating_message, err.message)
            return False
        self._rating.value, self._exceptions.value = "", ""
        self._redraw()
        return True

    def undo(self) -> bool:
        removed = self.scaling.remove_last()
        self._redraw()
        return removed is not None

    rating_message = shown_text("_rating_message")

    status_text = shown_text("_status")

    def _figure(self) -> go.Figure:
        r = self.scaling.ratings
        return relationship_figures.scaling_progress(
            [x.session for x in r], [x.rating for x in r], [x.exceptions for x in r]
        )

    def _redraw(self) -> None:
        self.figure = self._chart.draw(self._figure())
        self._show_status()

    def _show_status(self) -> None:
        change = self.scaling.change()
        sessions = len(self.scaling.ratings)
        text = f"Session {self.scaling.next_session} is next. "
        if change is not None:
            text += (
                f"From session {self.scaling.ratings[0].session} to {self.scaling.ratings[-1].session} the rating "
                f"moved {change:+d} point(s). Ask what made the difference, and what would move it one point higher."
            )
        elif sessions == 1:
            text += "Add another session to see the change."
        self._status.value = f"<p>{html.escape(text)}</p>"


class DisclosurePracticeView(ChoiceView):
    """Work a self-disclosure scenario through the four questions and a verdict, with feedback on each.

    A view of ``relationship.DisclosureSession``: the verdict is the view's choice, and the four
    questions come before it, each with its own feedback."""

    CSS_CLASS = "mswlab-disclosure-practice"
    CHOICE_LABEL = relationship.QUESTIONS["verdict"][0]
    CHECK_LABEL = "Check"

    def __init__(self) -> None:
        self.session = relationship.DisclosureSession(disclosure_scenarios())
        self.scenarios = self.session.scenarios
        self.results = self.session.results  # scenario id -> questions answered as the key does (first try)
        self._questions = {
            key: choice_group(question, [(o.text, o.key) for o in options])
            for key, (question, options) in relationship.QUESTIONS.items()
            if key != "verdict"
        }
        self._answer_feedback = {key: FeedbackBox() for key in self._questions}
        rows = [W.VBox([self._questions[k], self._answer_feedback[k]]) for k in self._questions]
        super().__init__(next_label="Next scenario", between=rows)
        self._choices.options = [(o.text, o.key) for o in self._options()]
        self._questions["verdict"], self._answer_feedback["verdict"] = self._choices, self._feedback
        self._instead = W.HTML(layout=WIDE)
        intro = W.HTML(
            "<h3>Self-disclosure: four questions first</h3><p>Answer each question for the scenario, then "
            "decide, then select <b>Check</b>.</p>"
        )
        self._lay_out(above=[intro], below=[self._instead], feedback_first=True)
        self._show()

    @property
    def scenario(self) -> DisclosureScenario:
        return self.session.scenario

    def answer(self, **answers: str) -> bool:
        """Choose answers by question: ``answer(why="for-me", verdict="do-not-share")``."""
        for key, value in answers.items():
            keys = [k for _, k in self._questions[key].options]
            if value not in keys:
                say(
                    self._message,
                    f"'{value}' is not an answer to '{relationship.QUESTIONS[key][0]}'; choose "
                    + " or ".join(keys)
                    + ".",
                )
                return False
            self._questions[key].value = value
        return True

    def feedback_for(self, question: str) -> str:
        return text_of(self._answer_feedback[question])

    def _options(self) -> tuple[Option, ...]:
        return relationship.QUESTIONS["verdict"][1]

    def _not_ready(self) -> str | None:
        return None  # the engine names the first question without an answer

    def _judge(self) -> dict[str, Feedback]:
        return self.session.check({k: c.value for k, c in self._questions.items()})

    def _show_result(self, results: dict[str, Feedback]) -> int:
        """Show each question's feedback; return how many match the key."""
        for key, result in results.items():
            self._answer_feedback[key].show(result.message, result.correct)
        right = sum(r.correct for r in results.values())
        say(self._message, f"{right} of {len(results)} answered as the key does.", ok=right == len(results))
        self._instead.value = f"<p><b>What the worker might do:</b> {html.escape(self.scenario.instead)}</p>"
        return right

    def _not_done(self) -> str | None:
        return None if self.session.checked else "Check this scenario first."

    def _advance(self) -> bool:
        return self.session.advance()

    def _end_text(self) -> str:
        return "That was the last scenario."

    def _show(self) -> None:
        s = self.scenario
        for key, choices in self._questions.items():
            choices.value = None
            self._answer_feedback[key].clear()
        self._instead.value = ""
        self._present(
            f"<h4>Scenario {self.session.run.position + 1} of {len(self.scenarios)}: {html.escape(s.title)}"
            f"</h4><p><i>Setting: {s.setting.replace('-', ' ')}</i></p><p>"
            f"{html.escape(s.situation)}</p><p>You are tempted to say: "
            f"<b>{html.escape(s.disclosure)}</b></p>"
        )


def scaling_tracker() -> ScalingTrackerView:
    return ScalingTrackerView()


def disclosure_practice() -> DisclosurePracticeView:
    return DisclosurePracticeView()
