"""Typed content models: the schema of every dataset file and of the curriculum manifest.

Each model is a frozen pydantic model (``mswlab.content.base``); ``@rule`` methods hold what a
type cannot say. A model for a whole file names its ``ENTRIES``, the id-bearing records that
must stay sorted by id.
Later domains (instruments, vignettes, the exam bank) add their models here or in
their own module and register their files in ``mswlab.content.loader.DATASETS``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from mswlab.content.base import (
    COMPETENCIES,
    CompetencyNumber,
    CompetencyNumbers,
    Id,
    Model,
    require_unique,
    rule,
    unique,
)
from mswlab.errors import ValidationError

MODULE_ID = re.compile(r"^\d\d_[a-z0-9_]+$")


# --- provenance -------------------------------------------------------------------------


class Provenance(Model):
    """Where a fact that can change came from, and when someone last checked it."""

    source: str
    retrieved: dt.date
    url: str | None = None
    confirmed: bool = False  # true only when the source is the responsible body itself


# --- CSWE competencies ------------------------------------------------------------------


class Competency(Model):
    id: Id
    number: CompetencyNumber
    name: str


class CompetencyFile(Model):
    ENTRIES = "competencies"

    provenance: Provenance
    competencies: Annotated[tuple[Competency, ...], unique("id")]

    @rule
    def _rules(self) -> None:
        numbers = sorted(c.number for c in self.competencies)
        if numbers != list(COMPETENCIES):
            raise ValidationError(
                "should list each of the nine competencies, numbered 1 to 9, once", field="competencies"
            )


# --- choice items ---------------------------------------------------------------------


class Option(Model):
    key: str
    text: str
    rationale: str | None = None  # why this option is right or not, shown after a choice


class ChoiceItem(Model):
    """One question with a single best answer and feedback for every choice."""

    id: Id
    stem: str
    answer: str
    explanation: str
    options: tuple[Option, ...] = ()  # empty: the practice set's shared options apply
    option_feedback: dict[str, str] | None = None  # extra words for a particular wrong choice
    tags: tuple[str, ...] = ()

    @rule
    def _rules(self) -> None:
        require_unique((o.key for o in self.options), "option key", "options")

    def option(self, key: str) -> Option:
        return next(o for o in self.options if o.key == key)


def check_best_choice(options: tuple[Option, ...], answer: str, noun: str) -> None:
    """The rules of every single-best-answer choice in the content (a case's decision point, a dilemma's
    action, a referral): 3 or 4 options with distinct keys, the answer one of them, a rationale for each."""
    if not 3 <= len(options) <= 4:
        raise ValidationError(f"has {len(options)} options; {noun} has 3 or 4", field="options")
    require_unique((o.key for o in options), "option key", "options")
    keys = [o.key for o in options]
    if answer not in keys:
        raise ValidationError(f"is '{answer}', which is not one of the options ({', '.join(keys)})", field="answer")
    for i, option in enumerate(options):
        if not option.rationale:
            raise ValidationError(
                "needs a rationale: why this option is or is not the best", field=f"options[{i}].rationale"
            )


def best_choice_item(item_id: str, prompt: str, options: tuple[Option, ...], answer: str) -> ChoiceItem:
    """Such a choice as the one practice engine's item; the best option's rationale explains it."""
    best = next(o for o in options if o.key == answer)
    return ChoiceItem(id=item_id, stem=prompt, answer=answer, explanation=best.rationale or "", options=options)


class PracticeSet(Model):
    """A file of choice items, optionally sharing one set of options."""

    ENTRIES = "items"
    id: Id
    title: str
    instructions: str
    items: Annotated[tuple[ChoiceItem, ...], unique("item id")]
    options: tuple[Option, ...] = ()
    group_label: str = "Answer"  # how the summary figure names the groups of items
    provenance: Provenance | None = None

    @rule
    def _rules(self) -> None:
        for item in self.items:
            options = item.options or self.options
            keys = [o.key for o in options]
            if len(options) < 2:
                raise ValidationError(
                    "needs at least two options, its own or the set's shared ones", entry=item.id, field="options"
                )
            if item.answer not in keys:
                raise ValidationError(
                    f"is '{item.answer}', which is not one of the options ({', '.join(keys)})",
                    entry=item.id,
                    field="answer",
                )
            for key in item.option_feedback or {}:
                if key not in keys:
                    raise ValidationError(
                        f"names '{key}', which is not one of the options ({', '.join(keys)})",
                        entry=item.id,
                        field=f"option_feedback.{key}",
                    )

    def options_for(self, item: ChoiceItem) -> tuple[Option, ...]:
        return item.options or self.options


# --- curriculum manifest ----------------------------------------------------------------


class SeedTopic(Model):
    id: Id
    label: str


class Module(Model):
    id: str
    title: str
    notebook: str
    assignment: str
    status: Literal["planned", "ready"]
    minutes: int
    objectives: tuple[str, ...]
    competencies: CompetencyNumbers
    aswb_content_areas: tuple[str, ...]
    seed_topics: tuple[str, ...]
    key_points: tuple[str, ...] = ()
    # What the notebook promises to render once run: widget families (CSS class
    # ``mswlab-<name>``) and at least this many plotly figures. Browser tests hold it to that.
    widgets: tuple[str, ...] = ()
    figures: int = 0

    @rule
    def _rules(self) -> None:
        if not MODULE_ID.match(self.id):
            raise ValidationError(f"'{self.id}' should look like '01_levels_of_practice'", field="id")
        if self.notebook != f"modules/{self.id}.ipynb":
            raise ValidationError(
                f"should be 'modules/{self.id}.ipynb' so that file names follow the id", field="notebook"
            )
        if self.assignment != self.id:
            raise ValidationError(f"should equal the module id '{self.id}'", field="assignment")
        if self.minutes <= 0:
            raise ValidationError("should be a positive number of minutes", field="minutes")
        if not self.objectives:
            raise ValidationError("should list at least one learning objective", field="objectives")

    @property
    def number(self) -> int:
        return int(self.id[:2])


class Curriculum(Model):
    title: str
    seed_topics: tuple[SeedTopic, ...]
    modules: Annotated[tuple[Module, ...], unique("module id")]

    @rule
    def _rules(self) -> None:
        require_unique((t.id for t in self.seed_topics), "seed topic id", "seed_topics")
        known = {t.id for t in self.seed_topics}
        for m in self.modules:
            for topic in m.seed_topics:
                if topic not in known:
                    raise ValidationError(
                        f"names '{topic}', which is not in the manifest's seed_topics", entry=m.id, field="seed_topics"
                    )

    @property
    def ready(self) -> tuple[Module, ...]:
        return tuple(m for m in self.modules if m.status == "ready")

    def module(self, module_id: str) -> Module:
        for m in self.modules:
            if m.id == module_id:
                return m
        raise ValidationError(f"there is no module '{module_id}' in the curriculum")


# --- screening instruments (the scoring rules are in mswlab.instruments) -----------------

INSTRUMENT_ID = re.compile(r"^[a-z0-9_]+$")


class ResponseOption(Model):
    value: int
    label: str


class InstrumentItem(Model):
    number: int
    label: str  # a short label of our own, for every instrument
    text: str | None = None  # the published wording: only where it may be reproduced
    responses: tuple[ResponseOption, ...] = ()  # overrides the instrument's shared scale


class Licence(Model):
    public_domain: bool  # free to reproduce, so the item wording may be stored here
    terms: str
    official_form: str  # where a student finds the official form
    provenance: Provenance


class Instrument(Model):
    id: str
    name: str
    full_name: str
    purpose: str
    timeframe: str
    limits: tuple[str, ...]
    citations: tuple[str, ...]
    licence: Licence
    items: tuple[InstrumentItem, ...]
    stem: str | None = None  # the published instruction line (public-domain instruments only)
    responses: tuple[ResponseOption, ...] = ()

    @rule
    def _rules(self) -> None:
        if not INSTRUMENT_ID.match(self.id):
            raise ValidationError(f"'{self.id}' should be lower-case letters, digits and underscores", field="id")
        numbers = [i.number for i in self.items]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError("should be numbered 1, 2, 3 ... in order", field="items")
        if not self.licence.public_domain:
            worded = [i.number for i in self.items if i.text]
            if worded or self.stem:
                raise ValidationError(
                    "holds published wording, but this instrument is not free to reproduce; "
                    "keep only short labels of our own and say where the official form is",
                    field=f"items[{worded[0] - 1}].text" if worded else "stem",
                )

    def responses_for(self, item: InstrumentItem) -> tuple[ResponseOption, ...]:
        return item.responses or self.responses


class InstrumentFile(Model):
    ENTRIES = "instruments"

    instruments: Annotated[tuple[Instrument, ...], unique("instrument id")]


class ScreeningCase(Model):
    """A fictional person's completed questionnaire, for scoring practice."""

    id: Id
    instrument: str
    client: str  # who completed it and where, in one or two sentences
    responses: tuple[int, ...]


class ScreeningFile(Model):
    ENTRIES = "screenings"

    screenings: Annotated[tuple[ScreeningCase, ...], unique("id")]
