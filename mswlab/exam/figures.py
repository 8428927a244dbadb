"""Plotly figures of a candidate's exam practice: score by content area, accuracy over time and by tag."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def exam_area_percent(by_area: pd.DataFrame, title: str = "Your score by content area") -> go.Figure:
    """Bars of percent correct per area, labeled with correct/total (from a score report or dashboard)."""
    total = by_area["total"] if "total" in by_area else by_area["answered"]
    percent = by_area["percent"].fillna(0)
    fig = go.Figure(
        go.Bar(
            x=by_area["name"],
            y=percent,
            marker_color="#1b7f5a",
            text=[f"{c}/{t}" for c, t in zip(by_area["correct"], total)],
            textposition="outside",
            hovertemplate="%{x}: %{y:.0f}% (%{text})<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title="Content area",
        yaxis_title="Percent correct",
        height=340,
        margin=dict(l=50, r=20, t=50, b=60),
    )
    fig.update_yaxes(range=[0, 110])
    return fig


DAY_MS = 24 * 60 * 60 * 1000


def accuracy_over_time(over_time: pd.DataFrame) -> go.Figure:
    """Percent correct per day with the number of answers in the hover text.

    The date axis ticks whole days and spans at least a week, so one day of answers is not
    stretched over milliseconds.
    """
    days = pd.to_datetime(over_time["day"])
    fig = go.Figure(
        go.Scatter(
            x=days,
            y=over_time["percent"],
            mode="lines+markers",
            line_color="#1b7f5a",
            customdata=over_time["answered"],
            hovertemplate="%{x|%b %-d}: %{y:.0f}% of %{customdata} answers<extra></extra>",
        )
    )
    fig.update_layout(
        title="Accuracy over time",
        yaxis_title="Percent correct",
        xaxis_title="Day",
        height=320,
        margin=dict(l=50, r=20, t=50, b=50),
    )
    if len(days):
        last = days.max() + pd.Timedelta(days=1)
        first = min(days.min() - pd.Timedelta(days=1), last - pd.Timedelta(days=7))
        fig.update_xaxes(
            type="date", range=[first, last], tickformat="%b %-d", dtick=DAY_MS if (last - first).days <= 14 else None
        )
    else:
        fig.update_xaxes(type="date", tickformat="%b %-d")
    fig.update_yaxes(range=[0, 105])
    return fig


def accuracy_by(table: pd.DataFrame, column: str, title: str, axis_title: str) -> go.Figure:
    """Percent correct per value of ``column`` (cognitive level, area ...), from progress.accuracy()."""
    fig = go.Figure(
        go.Bar(
            x=table[column],
            y=table["percent"].fillna(0),
            marker_color="#2e5e8a",
            text=[f"{c}/{n}" for c, n in zip(table["correct"], table["answered"])],
            textposition="outside",
            hovertemplate="%{x}: %{y:.0f}% (%{text})<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title=axis_title,
        yaxis_title="Percent correct",
        height=320,
        margin=dict(l=50, r=20, t=50, b=50),
    )
    fig.update_yaxes(range=[0, 110])
    return fig
