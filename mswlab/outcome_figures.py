"""Plotly figures for module 11: GAS levels, single-system design graphs and session feedback.

A single-system graph follows the conventions of Bloom, Fischer & Orme (2009): sessions on
the x axis, a dashed line at each phase change with the phase labeled above it, each
phase's mean as a dotted line, and, for each comparison, the baseline's two-standard-
deviation band and split-middle celeration line carried into the phase it is compared with.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mswlab.outcomes import LEVELS
from mswlab.session_feedback import AREAS, Drop, FeedbackLog
from mswlab.single_system import BASELINES, Analysis

LEVEL_NAMES = {-2: "-2 much less", -1: "-1 less", 0: "0 expected", 1: "+1 more", 2: "+2 much more"}
BASELINE_COLOR, INTERVENTION_COLOR, BAND_COLOR, LINE_COLOR = "#52606d", "#1b7f5a", "rgba(37, 99, 235, 0.12)", "#b45309"
AREA_COLORS = {"relationship": "#1b7f5a", "goals": "#2563eb", "approach": "#b45309", "overall": "#6b21a8"}


def gas_levels(goals: Sequence[str], attained: Sequence[int | None]) -> go.Figure:
    """Each goal's expected level (0) beside the level attained at follow-up (None: not rated yet)."""
    names = [g if len(g) <= 40 else g[:39] + "\u2026" for g in goals]
    fig = go.Figure()
    fig.add_scatter(
        x=[0] * len(names),
        y=names,
        mode="markers",
        name="Expected level (0)",
        marker=dict(symbol="line-ns-open", size=22, color=BASELINE_COLOR, line=dict(width=3)),
        hovertemplate="%{y}: expected level<extra></extra>",
    )
    rated = [(n, a) for n, a in zip(names, attained) if a is not None]
    fig.add_scatter(
        x=[a for _, a in rated],
        y=[n for n, _ in rated],
        mode="markers",
        name="Attained at follow-up",
        marker=dict(size=14, color=INTERVENTION_COLOR),
        hovertemplate="%{y}: attained %{x:+d}<extra></extra>",
    )
    fig.update_layout(
        title="Expected and attained level for each goal",
        height=120 + 60 * max(1, len(names)),
        margin=dict(l=20, r=20, t=50, b=50),
        legend=dict(orientation="h", y=-0.25),
    )
    fig.update_xaxes(
        range=[-2.5, 2.5], tickvals=list(LEVELS), ticktext=[LEVEL_NAMES[x] for x in LEVELS], zeroline=False
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def single_system(analysis: Analysis, measure: str, names: Sequence[str] = (), title: str = "") -> go.Figure:
    """The graph of one series: points by phase, phase lines and labels, means, band and celeration line."""
    fig = go.Figure()
    _draw_series(fig, analysis, names)
    fig.update_layout(
        title=title or f"{analysis.design} design",
        height=420,
        xaxis_title="Session",
        yaxis_title=measure,
        margin=dict(l=60, r=20, t=80, b=50),
        legend=dict(orientation="h", y=-0.2),
    )
    return fig


def multiple_baseline(tiers: Sequence[tuple[str, Analysis]], measure: str, title: str = "") -> go.Figure:
    """One row per tier, sharing the session axis, so the staggered starts line up by eye."""
    fig = make_subplots(
        rows=len(tiers), cols=1, shared_xaxes=True, subplot_titles=[name for name, _ in tiers], vertical_spacing=0.08
    )
    for row, (_, analysis) in enumerate(tiers, start=1):
        _draw_series(fig, analysis, (), row=row, legend=row == 1)
    fig.update_layout(
        title=title or "Multiple-baseline design",
        height=260 * len(tiers) + 80,
        margin=dict(l=60, r=20, t=80, b=50),
        legend=dict(orientation="h", y=-0.08),
    )
    fig.update_xaxes(title_text="Session", row=len(tiers), col=1)
    fig.update_yaxes(title_text=measure if len(measure) <= 24 else "Score")
    return fig


def _draw_series(
    fig: go.Figure, analysis: Analysis, names: Sequence[str], row: int | None = None, legend: bool = True
) -> None:
    at = dict(row=row, col=1) if row else {}
    axis = "" if not row or row == 1 else str(row)  # plotly names the axes x, x2, x3 ...
    starts = analysis.starts()
    for i, (stats, values, start) in enumerate(zip(analysis.phases, analysis.values, starts)):
        x = list(range(start, start + stats.n))
        color = BASELINE_COLOR if stats.label in BASELINES else INTERVENTION_COLOR
        name = f"{stats.label}: {names[i]}" if i < len(names) else f"Phase {stats.label}"
        fig.add_scatter(
            x=x,
            y=list(values),
            mode="lines+markers",
            name=name,
            showlegend=legend,
            line=dict(color=color),
            marker=dict(size=8),
            hovertemplate=f"{stats.label}, session %{{x}}: %{{y}}<extra></extra>",
            **at,
        )
        fig.add_scatter(
            x=[start - 0.4, start + stats.n - 0.6],
            y=[stats.mean, stats.mean],
            mode="lines",
            name="Phase mean",
            legendgroup="mean",
            showlegend=legend and i == 0,
            line=dict(color=color, dash="dot", width=2),
            hovertemplate=f"{stats.label} mean: {stats.mean:.2f}<extra></extra>",
            **at,
        )
        fig.add_annotation(
            x=start + (stats.n - 1) / 2,
            y=1.02,
            xref=f"x{axis}",
            yref=f"y{axis} domain",
            text=f"<b>{stats.label}</b>",
            showarrow=False,
            yanchor="bottom",
        )
        if i:
            fig.add_vline(x=start - 0.5, line=dict(color="#1f2933", dash="dash", width=1.5), **at)
    index = {stats.label: i for i, stats in enumerate(analysis.phases)}
    for c in analysis.comparisons:
        end = starts[index[c.phase]] + analysis.phases[index[c.phase]].n - 1  # the compared phase's last session
        if c.band is not None:
            x0, x1 = c.start - 0.5, end + 0.5
            fig.add_scatter(
                x=[x0, x1, x1, x0, x0],
                y=[c.band.lower, c.band.lower, c.band.upper, c.band.upper, c.band.lower],
                fill="toself",
                fillcolor=BAND_COLOR,
                line=dict(width=0),
                mode="lines",
                name=f"2-SD band ({c.baseline})",
                showlegend=legend,
                hoverinfo="skip",
                **at,
            )
        if c.celeration is not None:
            x = [c.start, end]
            fig.add_scatter(
                x=x,
                y=[c.celeration.at(s - c.start + 1) for s in x],
                mode="lines",
                name=f"Celeration line ({c.baseline} to {c.phase})",
                showlegend=legend,
                line=dict(color=LINE_COLOR, width=2),
                hoverinfo="skip",
                **at,
            )


def session_feedback(log: FeedbackLog, drops: Sequence[Drop]) -> go.Figure:
    """The four ratings by session, with each flagged drop marked where it happened."""
    fig = go.Figure()
    sessions = [s.session for s in log.sessions]
    for key, area in AREAS.items():
        fig.add_scatter(
            x=sessions,
            y=log.series(key),
            mode="lines+markers",
            name=area.label,
            line=dict(color=AREA_COLORS[key]),
            hovertemplate=f"{area.label}, session %{{x}}: %{{y}}<extra></extra>",
        )
    fig.add_scatter(
        x=[d.session for d in drops],
        y=[d.after for d in drops],
        mode="markers",
        name="Drop of 2 or more",
        marker=dict(symbol="x", size=14, color="#b91c1c"),
        hovertemplate="Drop: session %{x}<extra></extra>",
    )
    fig.update_layout(
        title="Client feedback by session (0-10)",
        height=360,
        xaxis_title="Session",
        yaxis_title="Rating",
        margin=dict(l=60, r=20, t=50, b=50),
    )
    fig.update_yaxes(range=[-0.5, 10.5], dtick=2)
    fig.update_xaxes(dtick=1)
    return fig
