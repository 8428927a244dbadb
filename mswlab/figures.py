"""Plotly figure builders shared by widgets, notebooks and reports (no widgets here)."""

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


ECOMAP_STYLE = {  # conventional ecomap notation (Hartman, 1978)
    "strong": dict(dash="solid", width=4, color="#1b5e20"),
    "tenuous": dict(dash="dash", width=2, color="#455a64"),
    "stressful": dict(dash="solid", width=2, color="#b71c1c"),
}


def ecomap(centre: str, links: list, title: str = "Ecomap") -> go.Figure:
    """An ecomap: the person or family in the center, systems in a ring, lines in the usual notation.

    ``links`` are objects with ``system``, ``connection`` (strong, tenuous, stressful) and
    ``flow`` (to-client, from-client, both, none). Stressful lines carry hatch marks; arrows
    show which way energy or resources flow. The legend explains the notation.
    """
    import math

    fig = go.Figure()
    n = max(len(links), 1)
    hub, ring = 0.28, 1.0
    for i, link in enumerate(links):
        angle = math.pi / 2 - 2 * math.pi * i / n
        x, y = ring * math.cos(angle), ring * math.sin(angle)
        ex, ey = hub * math.cos(angle), hub * math.sin(angle)  # where the line meets the centre circle
        sx, sy = 0.82 * x, 0.82 * y  # where it meets the system's label
        style = ECOMAP_STYLE[link.connection]
        steps = 7 if link.connection == "stressful" else 2
        xs = [ex + (sx - ex) * k / (steps - 1) for k in range(steps)]
        ys = [ey + (sy - ey) * k / (steps - 1) for k in range(steps)]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines+markers" if link.connection == "stressful" else "lines",
            line=dict(dash=style["dash"], width=style["width"], color=style["color"]),
            marker=dict(symbol="line-ns", size=14, angleref="previous", line=dict(width=2, color=style["color"])),
            showlegend=False,
            hoverinfo="text",
            hovertext=f"{link.system}: {link.connection}, flow {link.flow.replace('-', ' ')}",
        )
        ends = {
            "to-client": [((sx, sy), (ex, ey))],
            "from-client": [((ex, ey), (sx, sy))],
            "both": [((sx, sy), (ex, ey)), ((ex, ey), (sx, sy))],
            "none": [],
        }[link.flow]
        for (x0, y0), (x1, y1) in ends:
            fig.add_annotation(
                x=x0 + (x1 - x0) * 0.8,
                y=y0 + (y1 - y0) * 0.8,
                ax=x0 + (x1 - x0) * 0.55,
                ay=y0 + (y1 - y0) * 0.55,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                text="",
                arrowhead=2,
                arrowsize=1.4,
                arrowwidth=1.6,
                arrowcolor="#37474f",
            )
        fig.add_annotation(
            x=x,
            y=y,
            text=link.system,
            showarrow=False,
            bgcolor="#eceff1",
            bordercolor="#607d8b",
            borderpad=4,
            font=dict(size=12, color="#1a1a1a"),
        )
    fig.add_shape(
        type="circle", x0=-hub, y0=-hub, x1=hub, y1=hub, fillcolor="#e3f2fd", line=dict(color="#0d47a1", width=2)
    )
    fig.add_annotation(x=0, y=0, text=f"<b>{centre}</b>", showarrow=False, font=dict(size=13, color="#0d47a1"))
    for name, style, symbol, words in (
        ("strong", ECOMAP_STYLE["strong"], None, "Strong (solid)"),
        ("tenuous", ECOMAP_STYLE["tenuous"], None, "Tenuous (dashed)"),
        ("stressful", ECOMAP_STYLE["stressful"], "line-ns", "Stressful (hatched)"),
        ("flow", dict(dash="solid", width=1.5, color="#37474f"), "arrow-right", "Arrow: flow of energy or resources"),
    ):
        fig.add_scatter(
            x=[None, None],
            y=[None, None],
            name=words,
            legendgroup=name,
            mode="lines+markers" if symbol else "lines",
            line=dict(dash=style["dash"], width=style["width"], color=style["color"]),
            marker=dict(symbol=symbol or "circle", size=12, line=dict(width=2, color=style["color"])),
        )
    if not links:
        fig.add_annotation(
            x=0, y=-0.6, text="Add a system to start the map", showarrow=False, font=dict(color="#455a64")
        )
    fig.update_xaxes(visible=False, range=[-1.45, 1.45])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    fig.update_layout(
        title=title,
        height=520,
        width=720,
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(title_text="Notation"),
    )
    return fig


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
