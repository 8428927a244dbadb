"""The schema of the licensing-exam data: ``datasets/exam/blueprints.yaml`` and ``datasets/exam/items/*.yaml``.

A blueprint figure (question count, time, a weight) always says where it came from, when it
was read and whether ASWB itself confirmed it. An item is a choice item with a rationale for
every option and the tags form assembly and reports need (levels, current and legacy areas,
competency, cognitive level, difficulty, module, references). The item-writing rules that
look across the whole bank live in ``mswlab.exam.lint``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from mswlab.content.base import CompetencyNumber, Id, Model, require_unique, rule, unique
from mswlab.content.models import (
    MODULE_ID,
    ChoiceItem,
    check_best_choice,
)
from mswlab.errors import ValidationError

Level = Literal["bachelors", "masters", "advanced-generalist", "clinical"]
LEVELS: tuple[str, ...] = ("bachelors", "masters", "advanced-generalist", "clinical")
Cognitive = Literal["recall", "application", "reasoning"]
Difficulty = Literal["easy", "moderate", "hard"]
OPTION_KEYS = "abcd"


# --- blueprint ---------------------------------------------------------------------------


class Source(Model):
    id: Id
    title: str
    url: str
    publisher: str


class SourcedFigure(Model):
    """Where a figure came from, when it was read, and whether ASWB itself confirmed it."""

    source: str  # an id from the file's sources
    retrieved: dt.date
    confirmed: bool
    note: str | None = None


class Count(SourcedFigure):
    value: int


class Flag(SourcedFigure):
    value: bool


class Sections(SourcedFigure):
    value: tuple[int, ...]  # questions per section, in order


class Named(SourcedFigure):
    value: str


class PassRange(SourcedFigure):
    low: int
    high: int
    out_of: int


class Category(Model):
    id: Id
    name: str
    purpose: str
    content_from: Named | None = None  # another category whose outline and items this one uses


class Area(Model):
    id: Id
    name: str
    categories: tuple[str, ...] = ()  # empty: every category


class Format(Model):
    id: Literal["current", "legacy"]
    name: str
    questions: Count
    scored: Count
    pretest: Count
    minutes: Count
    sections: Sections
    return_to_earlier_section: Flag
    areas: Annotated[tuple[Area, ...], unique("area")]
    area_names: SourcedFigure
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    three_option_items: Flag | None = None
    pass_range: PassRange | None = None
    weights: dict[str, dict[str, Count]] | None = None  # category -> area -> percent; absent: unknown

    @rule
    def _rules(self) -> None:
        if self.scored.value + self.pretest.value != self.questions.value:
            raise ValidationError(
                f"scored ({self.scored.value}) and pretest ({self.pretest.value}) should add "
                f"up to questions ({self.questions.value})",
                entry=self.id,
                field="scored",
            )
        if sum(self.sections.value) != self.questions.value:
            raise ValidationError(
                f"sections add up to {sum(self.sections.value)}, not the {self.questions.value} questions",
                entry=self.id,
                field="sections",
            )
        for category, weights in (self.weights or {}).items():
            known = {a.id for a in self.areas if not a.categories or category in a.categories}
            if set(weights) != known:
                raise ValidationError(
                    f"should give a weight for exactly these areas: {', '.join(sorted(known))}",
                    entry=self.id,
                    field=f"weights.{category}",
                )
            total = sum(w.value for w in weights.values())
            if total != 100:
                raise ValidationError(
                    f"add up to {total}; percentages should add up to 100", entry=self.id, field=f"weights.{category}"
                )


class BlueprintFile(Model):
    sources: Annotated[tuple[Source, ...], unique("source")]
    categories: tuple[Category, ...]
    formats: Annotated[tuple[Format, ...], unique("format")]

    @rule
    def _rules(self) -> None:
        require_unique((c.id for c in self.categories), "category", "categories")
        sources = {s.id for s in self.sources}
        categories = {c.id for c in self.categories}
        for category in self.categories:
            base = category.content_from
            if base and base.value not in categories:
                raise ValidationError(
                    f"names '{base.value}', which is not a category", entry=category.id, field="content_from"
                )
        for fmt in self.formats:
            for field, figure in figures_of(fmt):
                if figure.source not in sources:
                    raise ValidationError(
                        f"names source '{figure.source}', which is not in sources",
                        entry=fmt.id,
                        field=f"{field}.source",
                    )
            for area in fmt.areas:
                for named in area.categories:
                    if named not in categories:
                        raise ValidationError(
                            f"names '{named}', which is not a category", entry=area.id, field="categories"
                        )
            for weighted in fmt.weights or {}:
                if weighted not in categories:
                    raise ValidationError(f"'{weighted}' is not a category", entry=fmt.id, field="weights")

    def category(self, category_id: str) -> Category:
        return _find(self.categories, category_id, "category")

    def format(self, format_id: str) -> Format:
        return _find(self.formats, format_id, "exam format")


def figures_of(fmt: Format):
    for name in (
        "questions",
        "scored",
        "pretest",
        "minutes",
        "sections",
        "return_to_earlier_section",
        "three_option_items",
        "pass_range",
        "area_names",
    ):
        value = getattr(fmt, name)
        if value is not None:
            yield name, value
    for category, weights in (fmt.weights or {}).items():
        for area, weight in weights.items():
            yield f"weights.{category}.{area}", weight


def _find(entries, wanted: str, what: str):
    for entry in entries:
        if entry.id == wanted:
            return entry
    known = ", ".join(e.id for e in entries)
    raise ValidationError(f"'{wanted}' is not a known {what}; choose one of {known}", field=what.split()[-1])


# --- items -------------------------------------------------------------------------------


class ExamItem(ChoiceItem):
    """A choice item (stem, options with a rationale each, the best ``answer``) with what the exam adds:
    levels, content area, competency, cognitive level, difficulty, the module that teaches it, sources.
    The practice engine judges it as it judges every choice item; nothing is converted."""

    explanation: str = ""  # the best option's rationale says why
    levels: tuple[Level, ...]
    area: str  # a content area of the current format (the blueprint names them; mswlab check holds items to it)
    legacy_areas: dict[str, str]
    competency: CompetencyNumber
    cognitive: Cognitive
    difficulty: Difficulty
    module: str
    references: tuple[str, ...]

    @rule
    def _exam_rules(self) -> None:
        """Structure a single item must have; bank-wide flaw rules are in mswlab.exam.lint."""
        check_best_choice(self.options, self.answer, "an item")
        keys = [o.key for o in self.options]
        if keys != list(OPTION_KEYS[: len(keys)]):
            raise ValidationError(
                f"option keys are {', '.join(keys)}; they should be {', '.join(OPTION_KEYS[: len(keys)])} in order",
                field="options",
            )
        require_unique(self.levels, "level", "levels")
        if set(self.legacy_areas) != set(self.levels):
            raise ValidationError(
                "should name one legacy area for each level in levels, and no other", field="legacy_areas"
            )
        if not MODULE_ID.match(self.module):
            raise ValidationError(f"'{self.module}' should be a module id such as 04_ethics_and_values", field="module")
        if not self.references:
            raise ValidationError("should cite at least one source for the knowledge", field="references")


class ItemFile(Model):
    ENTRIES = "items"

    items: Annotated[tuple[ExamItem, ...], unique("item id")]
