"""Goal Attainment Scaling builder: write 1-5 goals on five levels, rate them, see the T-score.

A thin view over ``mswlab.outcomes`` (GoalScale, gas_follow_up, gas_reading). Python twins:
``add_goal``, ``remove_goal``, ``set_goal``, ``rate`` and ``score``.
"""

from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import outcome_figures, outcomes
from mswlab.content import gas_samples
from mswlab.content.outcomes import GasSample
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, say, text_of, wide
from widgets.view import View, shown_text

MAX_GOALS = 5
LEVEL_LABELS = {
    -2: "-2 Much less than expected:",
    -1: "-1 Somewhat less than expected:",
    0: "0 Expected level:",
    1: "+1 Somewhat more than expected:",
    2: "+2 Much more than expected:",
}
NOT_RATED = "Not rated yet"


class _GoalRow(W.VBox):
    """One goal: its name, weight, five level descriptions, the rating at follow-up and a message."""

    def __init__(self, number: int) -> None:
        self.goal = W.Text(description=f"Goal {number}:", style=LABEL, layout=wide(width="100%"))
        self.weight = W.Text(value="1", description="Weight:", style=LABEL, layout=W.Layout(width="140px"))
        self.levels = {
            level: W.Text(description=label, style=LABEL, layout=wide(width="100%"))
            for level, label in LEVEL_LABELS.items()
        }
        self.follow_up = W.Dropdown(
            options=[(NOT_RATED, NOT_RATED)] + [(label.rstrip(":"), level) for level, label in LEVEL_LABELS.items()],
            value=NOT_RATED,
            description="At follow-up:",
            style=LABEL,
        )
        self.message = W.HTML()
        for box in (self.goal, self.weight, *self.levels.values(), self.follow_up):
            box.observe(lambda _: say(self.message, ""), names="value")
        super().__init__(
            children=[self.goal, self.weight, *self.levels.values(), self.follow_up, self.message],
            layout=W.Layout(border="1px solid #cbd2d9", padding="6px", margin="4px 0"),
        )

    def scale(self) -> outcomes.GoalScale:
        return outcomes.GoalScale(
            self.goal.value, {lv: box.value for lv, box in self.levels.items()}, outcomes.weight_from(self.weight.value)
        )

    def rating(self) -> int:
        if self.follow_up.value == NOT_RATED:
            raise ValidationError("Rate this goal at follow-up: choose the level that was reached.", field="level")
        return self.follow_up.value


class GasBuilderView(View):
    """Build a Goal Attainment Scale of 1-5 goals, rate it at follow-up and read the T-score."""

    CSS_CLASS = "mswlab-gas-builder"

    def __init__(self, sample: GasSample | None = None) -> None:
        self._rows: list[_GoalRow] = []
        self._goals = W.VBox()
        self._add = W.Button(description="Add a goal", tooltip=f"Up to {MAX_GOALS} goals")
        self._remove = W.Button(description="Remove last goal")
        self._score = W.Button(
            description="Score",
            button_style="primary",
            tooltip="Compute the T-score from the levels reached at follow-up",
        )
        self._message = W.HTML()
        self._result = W.HTML(layout=WIDE)
        self._chart = Chart()
        self.figure: go.Figure | None = None
        self.t_score: float | None = None
        self._add.on_click(lambda _: self.add_goal())
        self._remove.on_click(lambda _: self.remove_goal())
        self._score.on_click(lambda _: self.score())
        intro = (
            "<h3>Goal Attainment Scaling</h3><p>Write each goal with five levels, the expected level (0) "
            "first. Give each goal a weight (1 unless some goals matter more), rate each goal at follow-up, "
            "then select <b>Score</b>.</p>"
        )
        if sample is not None:
            intro += (
                f"<p><b>{html.escape(sample.title)}</b> (case: {html.escape(sample.vignette)}). "
                f"{html.escape(sample.story)}</p>"
            )
        super().__init__(
            [
                W.HTML(intro),
                self._goals,
                W.HBox([self._add, self._remove, self._score]),
                self._message,
                self._result,
                self._chart,
            ]
        )
        for i, goal in enumerate(sample.goals if sample else [None]):
            self.add_goal()
            if goal is not None:
                self.set_goal(i, goal.goal, goal.levels, goal.weight)
                self.rate(i, goal.follow_up)

    # --- programmatic twins of the controls -----------------------------------------

    def add_goal(self) -> bool:
        if len(self._rows) >= MAX_GOALS:
            say(self._message, f"A scale has at most {MAX_GOALS} goals; choose the ones that matter most.")
            return False
        self._rows.append(_GoalRow(len(self._rows) + 1))
        self._goals.children = tuple(self._rows)
        say(self._message, "")
        return True

    def remove_goal(self) -> bool:
        if len(self._rows) <= 1:
            say(self._message, "A scale needs at least one goal.")
            return False
        self._rows.pop()
        self._goals.children = tuple(self._rows)
        say(self._message, "")
        return True

    def set_goal(
        self, index: int, goal: str | None = None, levels: dict[int, str] | None = None, weight: object = None
    ) -> None:
        row = self._rows[index]
        if goal is not None:
            row.goal.value = goal
        for level, text in (levels or {}).items():
            row.levels[level].value = text
        if weight is not None:
            row.weight.value = f"{weight:g}" if isinstance(weight, (int, float)) else str(weight)

    def rate(self, index: int, level: int) -> bool:
        """Choose goal ``index``'s level at follow-up; an impossible level gets a message beside the goal."""
        row = self._rows[index]
        try:
            row.follow_up.value = outcomes.check_level(level)
        except ValidationError as err:
            say(row.message, err.message)
            return False
        return True

    def score(self) -> float | None:
        """The T-score, or None with a message beside every goal that is not ready."""
        scales, levels, ready = [], [], True
        for row in self._rows:
            try:
                scales.append(row.scale())
                levels.append(row.rating())
            except ValidationError as err:
                say(row.message, err.message)
                ready = False
        if not ready:
            say(self._message, "Some goals are not ready yet; see the message under each.")
            self._result.value, self.t_score = "", None
            return None
        try:
            self.t_score = outcomes.gas_follow_up(scales, levels)
        except ValidationError as err:  # e.g. every weight is 0
            say(self._message, err.message)
            return None
        say(self._message, "")
        self._result.value = (
            f'<div role="status"><p><b>T-score</b> {html.escape(outcomes.gas_reading(self.t_score))}</p></div>'
        )
        self.figure = self._chart.draw(outcome_figures.gas_levels([s.goal for s in scales], levels))
        return self.t_score

    # --- what a student sees, as text (for tests and screen readers) ---------------

    result_text = shown_text("_result")

    message_text = shown_text("_message")

    def goal_message(self, index: int) -> str:
        return text_of(self._rows[index].message)


def gas_builder(sample: str | None = None) -> GasBuilderView:
    """Module 11's GAS builder: blank, or filled in with a sample from ``datasets/outcomes/gas_samples.yaml``."""
    return GasBuilderView(gas_samples()[sample] if sample else None)
