"""Plotly figures of assessment (module 05): the ecomap, in the conventional notation."""

from __future__ import annotations

import plotly.graph_objects as go

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
