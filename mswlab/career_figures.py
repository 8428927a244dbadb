"""Plotly figures for modules 02 and 03: BLS figures with their periods and sources, the skills
radar and the license timeline (the supervised-hours charts are the hours log's, in mswlab.hours).
Every licensure chart carries the check-with-your-board note."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from mswlab.content import occupations
from mswlab.licensure import CHECK_WITH_BOARD, Milestone

MEASURES = {
    "employment": ("Jobs", "{:,.0f}"),
    "median_annual_wage": ("Median annual wage (US$)", "${:,.0f}"),
    "projected_growth_percent": ("Projected employment growth (%)", "{:g}%"),
}
GREEN, GREY, AMBER = "#1b7f5a", "#9aa5b1", "#b45309"


def caption(fig: go.Figure, text: str) -> None:
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.32,
        showarrow=False,
        xanchor="left",
        align="left",
        font=dict(size=11, color="#52606d"),
    )


def occupation_bars(measure: str) -> go.Figure:
    """One BLS measure for each occupation that has it, labeled with the figure's own period."""
    title, fmt = MEASURES[measure]
    rows = [f for f in occupations() if f.measure == measure]
    fig = go.Figure(
        go.Bar(
            x=[f"{f.occupation} ({f.soc})" for f in rows],
            y=[f.value for f in rows],
            text=[f"{fmt.format(f.value)} ({f.period})" for f in rows],
            textposition="outside",
            marker_color=GREEN,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    sources = sorted({f.source_url for f in rows})
    fig.update_layout(
        title=f"{title}, by occupation (each bar's period in parentheses)",
        height=440,
        margin=dict(l=60, r=20, t=60, b=150),
        yaxis_title=title,
    )
    retrieved = ", ".join(f"{d.day} {d:%B %Y}" for d in sorted({f.retrieved for f in rows}))
    caption(
        fig,
        f"Source: U.S. Bureau of Labor Statistics, retrieved {retrieved}: "
        + "<br>".join(sources)
        + "<br>Older editions: periods differ between bars, and newer BLS figures exist. Check the current ones.",
    )
    return fig


def skills_radar(names: Sequence[str], ratings: Sequence[int]) -> go.Figure:
    """A student's 1-5 self-ratings around a circle."""
    fig = go.Figure(
        go.Scatterpolar(
            r=list(ratings) + list(ratings[:1]),
            theta=list(names) + list(names[:1]),
            fill="toself",
            name="Your ratings",
            line=dict(color=GREEN),
        )
    )
    fig.update_layout(
        title="Your skills and traits (1 = not yet, 5 = a real strength)",
        height=460,
        polar=dict(radialaxis=dict(range=[0, 5], dtick=1)),
        showlegend=False,
        margin=dict(l=60, r=60, t=60, b=40),
    )
    return fig


def licence_timeline(milestones: Sequence[Milestone], source: str) -> go.Figure:
    """A Gantt-style timeline: each requirement as a bar from the start to the day it is met."""
    start = milestones[0].date
    bars = [m for m in milestones if m.date > start and not m.name.startswith("Exam")]
    fig = go.Figure(
        go.Bar(
            y=[m.name for m in bars],
            x=[(m.date - start).days * 86_400_000 for m in bars],
            base=[start.isoformat()] * len(bars),
            orientation="h",
            marker_color=[AMBER if m.name.startswith("Deadline") else GREEN for m in bars],
            text=[f"{m.date:%d %b %Y}" for m in bars],
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    for m in milestones:
        if m.name.startswith("Exam") or m.date == start:
            fig.add_vline(x=m.date.isoformat(), line=dict(dash="dot", color=GREY))
            fig.add_annotation(
                x=m.date.isoformat(),
                y=1.02,
                yref="paper",
                text=m.name,
                showarrow=False,
                yanchor="bottom",
                font=dict(size=11),
            )
    fig.update_layout(
        title="Your road to the license",
        height=180 + 50 * len(bars),
        xaxis_type="date",
        margin=dict(l=220, r=60, t=80, b=110),
        showlegend=False,
    )
    fig.update_yaxes(autorange="reversed")
    caption(fig, f"Figures: {source}.<br>{CHECK_WITH_BOARD}")
    return fig
