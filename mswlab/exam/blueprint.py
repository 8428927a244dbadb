"""What a form must look like for one category and format, read from ``datasets/exam/blueprints.yaml``.

Where the blueprint gives no weights (the 2026 format, so far), the areas are weighted
equally and ``FormSpec.notes`` says so, so every report and form can repeat it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mswlab.content import loader
from mswlab.content.exam import BlueprintFile, ExamItem, PassRange, figures_of

EQUAL_WEIGHTS_NOTE = (
    "No public source gives the area weights of the {format}, so this practice "
    "form weights its {n} areas equally. Confirm the outline with ASWB."
)


@dataclass(frozen=True)
class AreaTarget:
    id: str
    name: str
    weight: float  # percent of scored questions


@dataclass(frozen=True)
class FormSpec:
    category: str
    category_name: str
    format: str
    format_name: str
    item_level: str  # whose items and legacy areas apply (associate uses bachelors)
    questions: int
    scored: int
    pretest: int
    minutes: int
    sections: tuple[int, ...]
    may_return: bool
    areas: tuple[AreaTarget, ...]
    weights_published: bool
    pass_range: PassRange | None
    notes: tuple[str, ...]

    def area_of(self, item: ExamItem) -> str | None:
        """The item's content area in this format (None if it does not suit this level)."""
        if self.item_level not in item.levels:
            return None
        return item.area if self.format == "current" else item.legacy_areas.get(self.item_level)

    def area_name(self, area_id: str) -> str:
        return next(a.name for a in self.areas if a.id == area_id)

    def counts(self, n: int) -> dict[str, int]:
        """Split ``n`` questions over the areas by weight (largest remainder; each within 1 of weight x n)."""
        exact = {a.id: a.weight * n / 100 for a in self.areas}
        counts = {k: int(v) for k, v in exact.items()}
        by_remainder = sorted(exact, key=lambda k: (exact[k] - counts[k], k), reverse=True)
        for k in by_remainder[: n - sum(counts.values())]:
            counts[k] += 1
        return counts


@functools.cache
def default() -> BlueprintFile:
    return load()


def load(root: Path | None = None) -> BlueprintFile:
    return loader.load_dataset("exam/blueprints.yaml", root)


def spec(category: str, format_id: str = "current", blueprint: BlueprintFile | None = None) -> FormSpec:
    """The form specification for a category (bachelors, masters, ...) and format (current, legacy)."""
    bp = blueprint or default()
    cat = bp.category(category)
    fmt = bp.format(format_id)
    item_level = cat.content_from.value if cat.content_from else cat.id
    areas = [a for a in fmt.areas if not a.categories or item_level in a.categories]
    weights = (fmt.weights or {}).get(item_level)
    notes = []
    if weights:
        targets = tuple(AreaTarget(a.id, a.name, float(weights[a.id].value)) for a in areas)
    else:
        targets = tuple(AreaTarget(a.id, a.name, 100 / len(areas)) for a in areas)
        notes.append(EQUAL_WEIGHTS_NOTE.format(format=fmt.name, n=len(areas)))
    if cat.content_from:
        notes.append(
            f"The {cat.name} exam uses the {bp.category(item_level).name} content outline, so this "
            f"form draws on {bp.category(item_level).name} items."
        )
    unconfirmed = [
        name
        for name, fig in (
            ("the number of questions", fmt.questions),
            ("the time", fmt.minutes),
            ("the sections", fmt.sections),
        )
        if not fig.confirmed
    ]
    if unconfirmed:
        notes.append(f"Not yet confirmed on ASWB's site: {', '.join(unconfirmed)}.")
    return FormSpec(
        category=cat.id,
        category_name=cat.name,
        format=fmt.id,
        format_name=fmt.name,
        item_level=item_level,
        questions=fmt.questions.value,
        scored=fmt.scored.value,
        pretest=fmt.pretest.value,
        minutes=fmt.minutes.value,
        sections=fmt.sections.value,
        may_return=fmt.return_to_earlier_section.value,
        areas=targets,
        weights_published=bool(weights),
        pass_range=fmt.pass_range,
        notes=tuple(notes),
    )


def current_areas(blueprint: BlueprintFile | None = None) -> dict[str, str]:
    """The current format's content areas, id -> name, in blueprint order."""
    return {a.id: a.name for a in (blueprint or default()).format("current").areas}


def categories(blueprint: BlueprintFile | None = None) -> list[tuple[str, str]]:
    """(name, id) pairs for a picker."""
    return [(c.name, c.id) for c in (blueprint or default()).categories]


def format_choices(blueprint: BlueprintFile | None = None) -> list[tuple[str, str]]:
    """(name with its number of questions, id) pairs for a picker, current format first."""
    return [(f"{f.name} ({f.questions.value} questions)", f.id) for f in (blueprint or default()).formats]


def formats_table(blueprint: BlueprintFile | None = None) -> pd.DataFrame:
    """One row per format: questions, scored, pretest, time, sections, return rule, and what is confirmed."""
    bp = blueprint or default()
    rows = []
    for f in bp.formats:
        figures = {"Questions": f.questions, "Scored": f.scored, "Pretest (unscored)": f.pretest, "Minutes": f.minutes}
        row: dict[str, object] = {
            "Format": f.name,
            "In use": (f"from {f.effective_from}" if f.effective_from else f"until {f.effective_until}"),
        }
        row.update({k: v.value for k, v in figures.items()})
        row["Sections"] = " + ".join(map(str, f.sections.value))
        row["Return to a submitted section"] = "yes" if f.return_to_earlier_section.value else "no"
        unconfirmed = [k.lower() for k, v in {**figures, "Sections": f.sections}.items() if not v.confirmed]
        row["Not confirmed by ASWB"] = ", ".join(unconfirmed) or "-"
        rows.append(row)
    return pd.DataFrame(rows)


def weights_table(format_id: str, blueprint: BlueprintFile | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Area weights (percent) by category for one format; blank where no source gives a weight."""
    bp = blueprint or default()
    fmt = bp.format(format_id)
    rows = []
    for cat in bp.categories:
        s = spec(cat.id, format_id, bp)
        for area in s.areas:
            rows.append(
                {
                    "Category": cat.name,
                    "Content area": area.name,
                    "Weight (%)": round(area.weight) if s.weights_published else None,
                }
            )
    table = pd.DataFrame(rows)
    return table, [
        f"{s.id}: {s.title} ({s.url})" for s in bp.sources if any(fig.source == s.id for _, fig in figures_of(fmt))
    ]
