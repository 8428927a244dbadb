"""Helping-relationship views: a scaling-question tracker and self-disclosure practice.

Thin views over ``mswlab.relationship``. Python twins: ``add``, ``undo`` on the tracker;
``answer``, ``submit``, ``next`` on the disclosure practice.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import figures, relationship
from mswlab.content import disclosure_scenarios
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.feedback import feedback_box, say, text_of
from widgets.keyboard import KeyboardScope, mark_navigation

WIDE = W.Layout(max_width="760px")
LABEL = {"description_width": "initial"}


class ScalingTrackerView(W.VBox):
    """Record a client's 1-10 scaling ratings session by session, with the exceptions they named."""

    CSS_CLASS = "mswlab-scaling-tracker"

    def __init__(self) -> None:
        self.scaling = relationship.ScalingLog()
        self._rating = W.Text(description="Rating (1-10):", style=LABEL, layout=W.Layout(width="200px"))
        self._exceptions = W.Text(
            description="Exceptions the client named:",
            style=LABEL,
            placeholder="e.g. slept well after the walk on Tuesday",
            layout=W.Layout(width="100%", max_width="760px"),
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
            children=[
                W.HTML("<h3>Scaling-question tracker</h3><p><i>" + html.escape(self.scaling.question) + "</i></p>"),
                self._rating,
                self._rating_message,
                self._exceptions,
                W.HBox([self._add, self._undo]),
                self._status,
                self._chart,
                KeyboardScope(host_class=self.CSS_CLASS),
            ]
        )
        self.add_class(self.CSS_CLASS)
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

    @property
    def rating_message(self) -> str:
        return text_of(self._rating_message)

    @property
    def status_text(self) -> str:
        return text_of(self._status)

    def _figure(self) -> go.Figure:
        r = self.scaling.ratings
        return figures.scaling_progress([x.session for x in r], [x.rating for x in r], [x.exceptions for x in r])

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


class DisclosurePracticeView(W.VBox):
    """Work a self-disclosure scenario through the four questions and a verdict, with feedback on each."""

    CSS_CLASS = "mswlab-disclosure-practice"

    def __init__(self) -> None:
        self.scenarios = list(disclosure_scenarios())
        self.position = 0
        self.results: dict[str, int] = {}  # scenario id -> questions answered as the key does (first try)
        self._scenario = W.HTML(layout=WIDE)
        self._choices = {
            key: W.RadioButtons(
                options=[(o.text, o.key) for o in options],
                value=None,
                description=question,
                style=LABEL,
                layout=W.Layout(width="auto"),
            )
            for key, (question, options) in relationship.QUESTIONS.items()
        }
        self._feedback = {key: W.HTML(layout=WIDE) for key in relationship.QUESTIONS}
        self._check = W.Button(description="Check", button_style="primary")
        self._next = W.Button(description="Next scenario")
        self._message = W.HTML()
        self._instead = W.HTML(layout=WIDE)
        self._check.on_click(lambda _: self.submit())
        self._next.on_click(lambda _: self.next())
        mark_navigation(stem=self._scenario, advance=[self._next])
        rows = [W.VBox([self._choices[k], self._feedback[k]]) for k in relationship.QUESTIONS]
        super().__init__(
            children=[
                W.HTML(
                    "<h3>Self-disclosure: four questions first</h3><p>Answer each question for the scenario, then "
                    "decide, then select <b>Check</b>.</p>"
                ),
                self._scenario,
                *rows,
                W.HBox([self._check, self._next]),
                self._message,
                self._instead,
                KeyboardScope(host_class=self.CSS_CLASS),
            ]
        )
        self.add_class(self.CSS_CLASS)
        self._show()

    @property
    def scenario(self):
        return self.scenarios[self.position]

    def answer(self, **answers: str) -> bool:
        """Choose answers by question: ``answer(why="for-me", verdict="do-not-share")``."""
        for key, value in answers.items():
            keys = [k for _, k in self._choices[key].options]
            if value not in keys:
                say(
                    self._message,
                    f"'{value}' is not an answer to '{relationship.QUESTIONS[key][0]}'; choose "
                    + " or ".join(keys)
                    + ".",
                )
                return False
            self._choices[key].value = value
        return True

    def submit(self) -> int | None:
        """Judge every answer; return how many match the key (None if something is unanswered)."""
        try:
            results = relationship.judge_disclosure(self.scenario, {k: c.value for k, c in self._choices.items()})
        except ValidationError as err:
            say(self._message, err.message)
            return None
        for key, result in results.items():
            self._feedback[key].value = feedback_box(result.message, result.correct)
        right = sum(r.correct for r in results.values())
        self.results.setdefault(self.scenario.id, right)
        say(self._message, f"{right} of {len(results)} answered as the key does.", ok=right == len(results))
        self._instead.value = f"<p><b>What the worker might do:</b> {html.escape(self.scenario.instead)}</p>"
        return right

    def next(self) -> bool:
        if self.scenario.id not in self.results:
            say(self._message, "Check this scenario first.")
            return False
        if self.position + 1 >= len(self.scenarios):
            say(self._message, "That was the last scenario.")
            return False
        self.position += 1
        self._show()
        return True

    def feedback_for(self, question: str) -> str:
        return text_of(self._feedback[question])

    @property
    def message_text(self) -> str:
        return text_of(self._message)

    def _show(self) -> None:
        s = self.scenario
        self._scenario.value = (
            f"<h4>Scenario {self.position + 1} of {len(self.scenarios)}: {html.escape(s.title)}"
            f"</h4><p><i>Setting: {s.setting.replace('-', ' ')}</i></p><p>"
            f"{html.escape(s.situation)}</p><p>You are tempted to say: "
            f"<b>{html.escape(s.disclosure)}</b></p>"
        )
        for key in relationship.QUESTIONS:
            self._choices[key].value = None
            self._feedback[key].value = ""
        self._instead.value = ""
        say(self._message, "")


def scaling_tracker() -> ScalingTrackerView:
    return ScalingTrackerView()


def disclosure_practice() -> DisclosurePracticeView:
    return DisclosurePracticeView()
