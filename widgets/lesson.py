"""Display helpers for the opening and closing cells of every module notebook."""

from __future__ import annotations

import plotly.graph_objects as go
from IPython.display import Markdown

from mswlab import curriculum, figures
from mswlab.assessment import SAFETY_NOTE
from mswlab.content import ethics_frameworks, load_curriculum
from mswlab.content import jurisdictions as jurisdictions_data
from mswlab.content import licence_paths as licence_paths_data
from mswlab.content import practice_settings as practice_settings_data
from mswlab.content import vignette as content_vignette
from mswlab.exam import blueprint
from mswlab.instruments import instrument_markdown
from mswlab.licensure import CHECK_WITH_BOARD


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
    return table.style.hide(axis="index").apply(
        lambda row: ["background-color: #e8f5e9" if row["Status"] == "ready" else ""] * len(row), axis=1
    )


def vignette(case_id: str) -> Markdown:
    """A case from the vignette library: title, who, setting and narrative."""
    case = content_vignette(case_id)
    return Markdown(
        f"#### Case: {case.title}\n\n*{case.population.description}; setting: "
        f"{case.setting.replace('-', ' ')}*\n\n{case.narrative}"
    )


def instrument_card(instrument_id: str) -> Markdown:
    """An instrument's purpose, items, bands, limits, citation and license, from data and engine."""
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
        text = (
            f"**Content areas:** {areas}. No public source gives their weights yet, so practice forms weight "
            "them equally."
        )
    else:
        rows = [[area, *("" if v != v else f"{v:.0f}%" for v in row)] for area, row in zip(shown.index, shown.values)]
        text = _table(["Content area", *shown.columns], rows)
    cited = "\n".join(f"- {s}" for s in sources)
    return Markdown(f"{text}\n\n**Sources** (confirm every figure with ASWB):\n\n{cited}")


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = [" | ".join(str(c).replace("|", "/").replace("\n", " ") for c in row) for row in rows]
    return "\n".join([f"| {' | '.join(header)} |", "|---" * len(header) + "|", *(f"| {c} |" for c in cells)])


def _cite(*source_ids: str) -> str:
    sources = ethics_frameworks().sources
    return "*Source: " + "; ".join(sources[s] for s in source_ids) + "*"


def nasw_values() -> Markdown:
    """The Code's six core values and the principle that follows from each, in our words."""
    rows = "\n".join(f"| {v.value} | {v.principle} |" for v in ethics_frameworks().core_values)
    return Markdown(f"| Core value | The principle, in brief |\n|---|---|\n{rows}\n\n{_cite('nasw-2021')}")


def nasw_standards() -> Markdown:
    """The six sections of standards, the standards in each, and what the 2021 revision added."""
    frameworks = ethics_frameworks()
    rows = "\n".join(
        f"| {s.number}. {s.title} | {s.summary} | {'; '.join(s.standards)} |" for s in frameworks.standards
    )
    added = "\n".join(f"- {a}" for a in frameworks.additions_2021)
    return Markdown(
        f"| Section | What it covers | Standards |\n|---|---|---|\n{rows}\n\n"
        f"**Added in 2021:**\n\n{added}\n\n{_cite('nasw-2021')}"
    )


def ethics_screen() -> Markdown:
    """The Ethical Principles Screen: seven principles, weighed in rank order."""
    rows = "\n".join(f"| {p.rank} | {p.name} | {p.summary} |" for p in ethics_frameworks().screen)
    return Markdown(f"| Rank | Principle | What it asks |\n|---|---|---|\n{rows}\n\n{_cite('dolgoff-2012')}")


def reamer_steps() -> Markdown:
    """Reamer's seven steps of ethical decision-making, each with the question it asks."""
    steps = "\n".join(f"{s.number}. **{s.name}.** {s.prompt}" for s in ethics_frameworks().reamer_steps)
    return Markdown(f"{steps}\n\n{_cite('reamer-2018')}")


# --- careers and licensure (modules 02 and 03) -------------------------------------------


def practice_settings() -> Markdown:
    """The ten practice settings: what social workers do there and whom they serve."""
    rows = [[s.name, "; ".join(s.what_social_workers_do), "; ".join(s.populations)] for s in practice_settings_data()]
    return Markdown(_table(["Setting", "What social workers do there", "Whom they serve"], rows))


def license_paths() -> Markdown:
    """The four license types with their typical requirements, the DSW and ASWB's early testing."""
    paths = licence_paths_data()
    rows = [
        [
            p.name,
            p.degree,
            p.exam,
            f"about {p.experience_hours:,} hours with {p.supervision_hours} of supervision, "
            f"over at least {p.min_months} months"
            if p.experience_hours
            else "none after the degree",
            "yes" if p.independent_clinical else "no",
            ", ".join(p.also_called),
        ]
        for p in sorted(paths.licences, key=lambda p: ["lbsw", "lmsw", "ag", "lcsw"].index(p.id))
    ]
    further = "\n\n".join(f"**{f.name}.** {f.summary}" for f in paths.further_study)
    return Markdown(
        _table(
            [
                "License",
                "Degree",
                "Exam",
                "Typical supervised experience",
                "Independent clinical practice",
                "Other names states use",
            ],
            rows,
        )
        + f"\n\n{further}\n\n**Testing early.** {paths.early_testing.summary}\n\n*{CHECK_WITH_BOARD}*"
    )


def state_rules(level: str = "clinical") -> Markdown:
    """The sourced state rows for one license level, each with its source and the date it was read."""
    rows = [
        [
            r.name,
            r.licence,
            _or_dash(r.experience_hours),
            _or_dash(r.supervision_hours),
            _or_dash(r.min_months),
            _or_dash(r.max_months),
            r.exam or "-",
            r.law_exam or "-",
            f"[{'board' if r.confirmed else 'secondary'}]({r.source_url}), {r.retrieved:%d %b %Y}",
        ]
        for r in sorted(jurisdictions_data().values(), key=lambda r: r.name)
        if r.level == level
    ]
    return Markdown(
        _table(
            [
                "State",
                "License",
                "Hours",
                "Supervision hours",
                "Min months",
                "Max months",
                "Exam",
                "Law exam",
                "Source, retrieved",
            ],
            rows,
        )
        + "\n\nA dash means the course could not trace the figure, not that there is no rule. "
        "'Board' means the figures were read on the board's or the state's own page; 'secondary' means "
        f"a copy or a guide. *{CHECK_WITH_BOARD}*"
    )


def compact_status() -> Markdown:
    """The Social Work Licensure Compact, as of the date the course last checked."""
    compact = licence_paths_data().compact
    return Markdown(
        f"{compact.summary}\n\n*Status as of {compact.status_date:%d %B %Y}; check the commission's "
        f"list at {compact.url}.*"
    )


def _or_dash(value: object) -> str:
    return "-" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
