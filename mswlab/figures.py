"""Plotly figure builders shared by widgets, notebooks and reports (no widgets here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from mswlab.content.models import Curriculum

STATUS_COLORS = {"ready": "#1b7f5a", "planned": "#9aa5b1"}


def practice_summary(summary: pd.DataFrame, group_label: str = "Answer") -> go.Figure:
    """Stacked bars of correct and incorrect answers per group (from PracticeSession.summary())."""
    fig = go.Figure()
    for column, color, name in (("correct", "#1b7f5a", "Correct"), ("incorrect", "#c2410c", "Not yet")):
        fig.add_bar(x=summary["group"], y=summary[column], name=name, marker_color=color,
                    hovertemplate=f"%{{x}}: %{{y}} {name.lower()}<extra></extra>")
    fig.update_layout(barmode="stack", title="Your answers so far, by the best answer",
                      xaxis_title=group_label, yaxis_title="Scenarios answered", height=320,
                      margin=dict(l=50, r=20, t=50, b=50), legend_title_text="")
    fig.update_yaxes(rangemode="tozero", dtick=1)
    return fig


def curriculum_map(curriculum: Curriculum) -> go.Figure:
    """Horizontal bars, one per module in course order, length = minutes, colour = status."""
    modules = list(curriculum.modules)
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        chosen = [m for m in modules if m.status == status]
        fig.add_bar(
            y=[f"{m.id[:2]} {m.title}" for m in chosen], x=[m.minutes for m in chosen],
            orientation="h", name=status.capitalize(), marker_color=color,
            customdata=[[", ".join(map(str, m.competencies))] for m in chosen],
            hovertemplate="%{y}<br>%{x} minutes<br>CSWE competencies: %{customdata[0]}<extra></extra>")
    fig.update_layout(title="Course map: modules in order, by estimated minutes",
                      xaxis_title="Estimated minutes", height=40 * len(modules) + 120,
                      margin=dict(l=20, r=20, t=50, b=40), legend_title_text="Status")
    fig.update_yaxes(categoryorder="array",
                     categoryarray=[f"{m.id[:2]} {m.title}" for m in reversed(modules)])
    return fig
