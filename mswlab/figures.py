"""Plotly figures of the course itself: the curriculum map, the levels of practice, a practice run's
summary and the case library's coverage. A domain's figures sit beside its rules, in
``<domain>_figures.py`` (``exam/figures.py`` for the exam), so its rules import without plotly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from mswlab.content.models import Curriculum

STATUS_COLORS = {"ready": "#1b7f5a", "planned": "#9aa5b1"}


def practice_summary(summary: pd.DataFrame, group_label: str = "Answer", noun: str = "Scenario") -> go.Figure:
    """Stacked bars of correct and incorrect answers per group (from PracticeSession.summary()).

    ``group_label`` names what the bars are grouped by (the best answer, a content area) and
    ``noun`` what was answered, so the titles say what the chart shows.
    """
    fig = go.Figure()
    for column, color, name in (("correct", "#1b7f5a", "Correct"), ("incorrect", "#c2410c", "Not yet")):
        fig.add_bar(
            x=summary["group"],
            y=summary[column],
            name=name,
            marker_color=color,
            hovertemplate=f"%{{x}}: %{{y}} {name.lower()}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        title=f"Your answers so far, by {group_label.lower()}",
        xaxis_title=group_label,
        yaxis_title=f"{noun}s answered",
        height=320,
        margin=dict(l=50, r=20, t=50, b=50),
        legend_title_text="",
    )
    fig.update_yaxes(rangemode="tozero", dtick=1)
    return fig


def curriculum_map(curriculum: Curriculum) -> go.Figure:
    """Horizontal bars, one per module in course order, length = minutes, color = status."""
    modules = list(curriculum.modules)
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        chosen = [m for m in modules if m.status == status]
        fig.add_bar(
            y=[f"{m.id[:2]} {m.title}" for m in chosen],
            x=[m.minutes for m in chosen],
            orientation="h",
            name=status.capitalize(),
            marker_color=color,
            customdata=[[", ".join(map(str, m.competencies))] for m in chosen],
            hovertemplate="%{y}<br>%{x} minutes<br>CSWE competencies: %{customdata[0]}<extra></extra>",
        )
    fig.update_layout(
        title="Course map: modules in order, by estimated minutes",
        xaxis_title="Estimated minutes",
        height=40 * len(modules) + 120,
        margin=dict(l=20, r=20, t=50, b=40),
        legend_title_text="Status",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=[f"{m.id[:2]} {m.title}" for m in reversed(modules)])
    return fig


CIRCLES = ("The person", "Family and close supports", "Groups and organizations", "Community", "Policy and culture")


def circles_of_influence(circles: tuple[str, ...] = CIRCLES) -> go.Figure:
    """Concentric circles from the person (center) out to policy and culture (outer ring)."""
    fig = go.Figure()
    palette = ["#1b5e20", "#2e7d32", "#558b2f", "#7cb342", "#c5e1a5"]
    n = len(circles)
    for i in reversed(range(n)):
        radius = i + 1
        fig.add_shape(
            type="circle",
            x0=-radius,
            y0=-radius,
            x1=radius,
            y1=radius,
            fillcolor=palette[i % len(palette)],
            line=dict(color="white", width=2),
            layer="below",
        )
        fig.add_annotation(
            x=0,
            y=(radius - 0.5) if i else 0,
            text=circles[i],
            showarrow=False,
            font=dict(color="white" if i < 3 else "#1a1a1a", size=13),
        )
    fig.update_xaxes(visible=False, range=[-n - 0.2, n + 0.2])
    fig.update_yaxes(visible=False, range=[-n - 0.2, n + 0.2], scaleanchor="x")
    fig.update_layout(
        title="Circles of influence around a person",
        height=460,
        width=520,
        margin=dict(l=10, r=10, t=50, b=10),
        plot_bgcolor="white",
    )
    return fig


def vignette_coverage(table: pd.DataFrame) -> go.Figure:
    """Heatmap of cases per setting and life stage (from mswlab.library.coverage), counts written in."""
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=[c.replace("-", " ") for c in table.columns],
            y=[s.replace("-", " ") for s in table.index],
            text=table.values,
            texttemplate="%{text}",
            colorscale="Greens",
            showscale=False,
            hovertemplate="%{y}, %{x}: %{z} case(s)<extra></extra>",
        )
    )
    fig.update_layout(
        title="The case library: settings by life stage",
        height=40 * len(table) + 120,
        margin=dict(l=160, r=20, t=50, b=40),
        xaxis_title="Life stage",
    )
    fig.update_yaxes(autorange="reversed")
    return fig
