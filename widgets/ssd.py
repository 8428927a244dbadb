"""Single-system design plotter: type data or load a sample case, see the graph, the numbers and
what they mean.

A thin view over ``mswlab.single_system`` (parsing, analysis, interpretation) and
``mswlab.outcome_figures`` (the graph). Python twins: ``load``, ``enter`` and ``plot``.
"""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from mswlab import outcome_figures, single_system
from mswlab.content import ssd_cases
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, say, wide
from widgets.view import View, shown_text

OWN_DATA = "own"
DIRECTIONS = [("Higher scores are better", "increase"), ("Lower scores are better", "decrease")]
EXAMPLE = "A: 2, 3, 2, 3, 2\nB: 3, 4, 4, 5, 5"


class SsdPlotterView(View):
    """Graph and analyze a single-system design: A-B, A-B-A-B, A-B-C or multiple baseline."""

    CSS_CLASS = "mswlab-ssd-plotter"

    def __init__(self, case_id: str | None = None) -> None:
        self.cases = ssd_cases()
        self._case = W.Dropdown(
            options=[("Type my own data", OWN_DATA)] + [(c.title, c.id) for c in self.cases.values()],
            value=OWN_DATA,
            description="Sample case:",
            style=LABEL,
        )
        self._story = W.HTML(layout=WIDE)
        self._data = W.Textarea(
            value=EXAMPLE,
            description="Data (one phase per line):",
            style=LABEL,
            rows=5,
            layout=wide(width="100%"),
        )
        self._data_message = W.HTML()
        self._measure = W.Text(
            value="Score",
            description="What was measured:",
            style=LABEL,
            layout=W.Layout(width="100%", max_width="500px"),
        )
        self._direction = W.RadioButtons(
            options=DIRECTIONS, value="increase", description="Improvement means:", style=LABEL
        )
        self._plot = W.Button(description="Plot", button_style="primary", tooltip="Graph the data and analyze it")
        self._chart = Chart()
        self._tables = W.HTML()
        self._interpretation = W.HTML(layout=WIDE)
        self.figure: go.Figure | None = None
        self.phase_table = self.comparison_table = pd.DataFrame()
        self._names: list[str] = []
        self._shown = True
        self._case.observe(lambda change: self._show(change["new"]), names="value")
        self._data.observe(lambda _: say(self._data_message, ""), names="value")
        self._plot.on_click(lambda _: self.plot())
        super().__init__(
            [
                W.HTML(
                    "<h3>Single-system design plotter</h3><p>Choose a sample case, or type your own data: one line "
                    "per phase, the label first (A, B, A2, B2 or C), then the points in order. For a multiple-"
                    "baseline design start each line with its tier, such as <code>Math / A: 40, 45</code>. Say "
                    "whether higher or lower scores mean improvement, then select <b>Plot</b>.</p>"
                ),
                self._case,
                self._story,
                self._data,
                self._data_message,
                self._measure,
                self._direction,
                self._plot,
                self._chart,
                self._tables,
                self._interpretation,
            ]
        )
        if case_id:
            self.load(case_id)

    # --- programmatic twins of the controls -----------------------------------------

    def load(self, case_id: str) -> bool:
        """Fill the form from a sample case and plot it; "own" clears the story for typed data."""
        if self._case.value != case_id:
            self._case.value = case_id  # the observer shows it
            return self._shown
        return self._show(case_id)

    def _show(self, case_id: str) -> bool:
        if case_id == OWN_DATA:
            self._story.value, self._names = "", []
            self._shown = True
            return True
        case = self.cases[case_id]
        self._story.value = (
            f"<p><b>{html.escape(case.title)}</b> (case: {html.escape(case.vignette)}). "
            f"{html.escape(case.story)}</p><p><i>What to notice:</i> {html.escape(case.notice)}</p>"
        )
        self._names = case.phase_names
        self.enter(case.data_text(), case.direction, case.measure, keep_names=True)
        self._shown = self.plot()
        return self._shown

    def enter(
        self, data: str, direction: str = "increase", measure: str | None = None, *, keep_names: bool = False
    ) -> None:
        """Type data as a student would, and say which way improvement goes."""
        self._data.value = data
        self._direction.value = direction
        if measure is not None:
            self._measure.value = measure
        if not keep_names:
            self._names = []

    def plot(self) -> bool:
        """Analyze and draw; bad data gets a plain message beside the data box and nothing else changes."""
        try:
            phases, tiers = single_system.parse_data(self._data.value)
            if tiers:
                analysed = single_system.analyse_tiers(tiers, self._direction.value)
            else:
                analysed = [("", single_system.analyse(phases, self._direction.value))]
        except ValidationError as err:
            say(self._data_message, err.message)
            return False
        say(self._data_message, "")
        measure = self._measure.value.strip() or "Score"
        if tiers:
            figure = outcome_figures.multiple_baseline(analysed, measure)
            paragraphs = single_system.interpret_tiers(analysed)
        else:
            figure = outcome_figures.single_system(analysed[0][1], measure, self._names)
            paragraphs = list(analysed[0][1].interpretation)
        tables = [single_system.stats_tables(a, name or None) for name, a in analysed]
        self.phase_table = pd.concat([t[0] for t in tables], ignore_index=True)
        self.comparison_table = pd.concat([t[1] for t in tables], ignore_index=True)
        self.figure = self._chart.draw(figure)
        self._tables.value = (
            "<h4>Each phase</h4>"
            + self.phase_table.to_html(index=False, na_rep="-")
            + "<h4>Each comparison</h4>"
            + self.comparison_table.to_html(index=False, na_rep="-")
        )
        self._interpretation.value = (
            '<div role="status"><h4>What the numbers say</h4>'
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "</div>"
        )
        return True

    # --- what a student sees, as text (for tests and screen readers) ---------------

    message_text = shown_text("_data_message")

    interpretation_text = shown_text("_interpretation")


def ssd_plotter(case: str | None = None) -> SsdPlotterView:
    """Module 11's plotter: blank, or with a sample case from ``datasets/outcomes/ssd_cases.yaml`` plotted."""
    return SsdPlotterView(case)
