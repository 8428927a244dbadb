"""Plotly figures of the helping relationship (module 10): progress on scaling questions."""

from __future__ import annotations

import plotly.graph_objects as go


def scaling_progress(
    sessions: list[int], ratings: list[int], exceptions: list[str], question: str = "Scaling rating"
) -> go.Figure:
    """A client's 1-10 scaling ratings by session, each exception the client named written beside its point."""
    fig = go.Figure(
        go.Scatter(
            x=sessions,
            y=ratings,
            mode="lines+markers",
            name="Rating",
            line=dict(color="#1b7f5a"),
            hovertemplate="Session %{x}: %{y}<extra></extra>",
        )
    )
    for session, rating, text in zip(sessions, ratings, exceptions):
        if text:
            fig.add_annotation(
                x=session,
                y=rating,
                text=text if len(text) <= 40 else text[:39] + "\u2026",
                showarrow=True,
                arrowhead=2,
                ax=0,
                ay=-36,
                font=dict(size=11),
                bgcolor="rgba(255,255,255,0.85)",
            )
    fig.update_layout(
        title="Scaling ratings by session (labels: exceptions the client named)",
        height=360,
        xaxis_title="Session",
        yaxis_title=question if len(question) <= 30 else "Rating (1-10)",
        margin=dict(l=60, r=20, t=50, b=50),
    )
    fig.update_yaxes(range=[0.5, 10.5], dtick=1)
    fig.update_xaxes(dtick=1, rangemode="tozero")
    return fig
