"""Display helpers for the opening and closing cells of every module notebook."""

from __future__ import annotations

import plotly.graph_objects as go
from IPython.display import Markdown

from mswlab import curriculum, figures
from mswlab.assessment import SAFETY_NOTE
from mswlab.exam import blueprint
from mswlab.content import load_curriculum, vignette as content_vignette
from mswlab.instruments import instrument_markdown


def header(module_id: str) -> Markdown:
    """Objectives, time and CSWE competencies, read from course/curriculum.yaml."""
    return Markdown(curriculum.header_markdown(load_curriculum().module(module_id)))


def key_points(module_id: str) -> Markdown:
    return Markdown(curriculum.key_points_markdown(load_curriculum().module(module_id)))


def course_map() -> go.Figure:
    """A chart of every module in order, coloured by status (ready or planned)."""
    return figures.curriculum_map(load_curriculum())


def course_table():
    """The same modules as a table, with ready modules highlighted."""
    table = curriculum.module_table()
    return (table.style.hide(axis="index")
            .apply(lambda row: ["background-color: #e8f5e9" if row["Status"] == "ready" else ""] * len(row),
                   axis=1))


def vignette(case_id: str) -> Markdown:
    """A case from the vignette library: title, who, setting and narrative."""
    case = content_vignette(case_id)
    return Markdown(f"#### Case: {case.title}\n\n*{case.population.description}; setting: "
                    f"{case.setting.replace('-', ' ')}*\n\n{case.narrative}")


def instrument_card(instrument_id: str) -> Markdown:
    """An instrument's purpose, items, bands, limits, citation and licence, from data and engine."""
    return Markdown(instrument_markdown(instrument_id))


def safety_note() -> Markdown:
    return Markdown(f"> **Safety note.** {SAFETY_NOTE}")


def exam_formats():
    """The exam formats from datasets/exam/blueprints.yaml, with what ASWB has not confirmed."""
    return blueprint.formats_table().style.hide(axis="index")


def exam_weights(format_id: str = "legacy") -> Markdown:
    """Content areas and weights by category for one format, followed by the sources."""
    table, sources = blueprint.weights_table(format_id)
    shown = table.pivot_table(index="Content area", columns="Category", values="Weight (%)", sort=False)
    if shown.empty:
        areas = ", ".join(dict.fromkeys(table["Content area"]))
        text = (f"**Content areas:** {areas}. No public source gives their weights yet, so practice forms weight "
                "them equally.")
    else:
        text = _markdown_table(shown)
    cited = "\n".join(f"- {s}" for s in sources)
    return Markdown(f"{text}\n\n**Sources** (confirm every figure with ASWB):\n\n{cited}")


def _markdown_table(table) -> str:
    header = "| Content area | " + " | ".join(table.columns) + " |"
    rule = "|---" * (len(table.columns) + 1) + "|"
    rows = ["| " + area + " | " + " | ".join("" if v != v else f"{v:.0f}%" for v in row) + " |"
            for area, row in zip(table.index, table.values)]
    return "\n".join([header, rule, *rows])
