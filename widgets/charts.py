"""A plotly chart drawn by plotly's own JupyterLab renderer, whole, each time it changes.

Charts are shown as plotly's mime bundle (``application/vnd.plotly.v1+json``) in an Output
widget, not as FigureWidgets. A FigureWidget carries plotly.js itself (about 5 MB) in every
instance's state, which made each chart slow to appear; and Voila shows a FigureWidget's data
and titles only if they were there when it was built. The mime renderer (the
``jupyterlab-plotly`` extension, loaded once per page by JupyterLab and Voila alike) needs
only the figure's JSON, a few kilobytes. The mode bar is left out (no extra tab stops).
"""

from __future__ import annotations

import json

import ipywidgets as W
import plotly.graph_objects as go

MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displayModeBar": False, "responsive": True}


class Chart(W.Output):
    """Shows one figure; ``figure`` is the go.Figure on show (None before the first draw)."""

    def __init__(self, figure: go.Figure | None = None) -> None:
        super().__init__()
        self.add_class("mswlab-chart")
        self.figure: go.Figure | None = None
        if figure is not None:
            self.draw(figure)

    def draw(self, figure: go.Figure) -> go.Figure:
        """Replace the chart. Sets the Output's outputs directly, so it works from any thread."""
        self.figure = figure
        bundle = {**json.loads(figure.to_json()), "config": CONFIG}
        self.outputs = ({"output_type": "display_data", "data": {MIME: bundle}, "metadata": {}},)
        return figure
