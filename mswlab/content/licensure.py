"""The schema of the licensure and careers reference data (modules 02 and 03).

``datasets/licensure/paths.yaml`` holds the four license types with TYPICAL figures;
``jurisdictions.csv`` holds sourced state rows, one per license; ``datasets/careers/
occupations.csv`` holds BLS figures, one per occupation and measure. Every row that states a
fact carries its source URL and the date it was retrieved; ``confirmed`` is true only when the
figure was read on the responsible body's own page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from mswlab.content.base import Id, Model, rule, unique
from mswlab.content.models import Provenance
from mswlab.errors import ValidationError

ExamAfter = Literal["degree", "experience"]


class LicencePath(Model):
    id: Id  # lbsw, lmsw, ag, lcsw
    name: str
    degree: str
    exam: str
    independent_clinical: bool
    experience_hours: int  # typical post-degree supervised experience
    supervision_hours: int  # typical hours of supervision within it
    min_months: int  # typical minimum period for the experience
    exam_after: ExamAfter  # when the exam is usually taken: after the degree, or after the experience
    also_called: tuple[str, ...]
    summary: str

    @rule
    def _rules(self) -> None:
        for name in ("experience_hours", "supervision_hours", "min_months"):
            if getattr(self, name) < 0:
                raise ValidationError("cannot be negative", field=name)


class FurtherStudy(Model):
    id: str
    name: str
    summary: str


class EarlyTesting(Model):
    summary: str
    months_before_experience_complete: int


class CompactStatus(Model):
    summary: str
    status_date: dt.date
    url: str
    confirmed: bool


class PathsFile(Model):
    ENTRIES = "licences"

    provenance: Provenance
    licences: Annotated[tuple[LicencePath, ...], unique("license id")]
    further_study: tuple[FurtherStudy, ...]
    early_testing: EarlyTesting
    compact: CompactStatus


Level = Literal["bachelors", "masters", "advanced-generalist", "clinical"]
LEVEL_OF_PATH = {"lbsw": "bachelors", "lmsw": "masters", "ag": "advanced-generalist", "lcsw": "clinical"}


class Jurisdiction(Model):
    """One license in one jurisdiction, as its board or code states it on the date retrieved."""

    id: Id  # e.g. tx-lcsw
    jurisdiction: str  # two-letter code
    name: str
    licence: str  # the name the state uses
    level: Level
    source_url: str
    retrieved: dt.date
    confirmed: bool
    experience_hours: int | None = None
    supervision_hours: int | None = None
    min_months: int | None = None
    max_months: int | None = None
    exam: str | None = None
    law_exam: str | None = None
    notes: str = ""

    @rule
    def _rules(self) -> None:
        if not self.source_url.startswith(("http://", "https://")):
            raise ValidationError("should be the address of the page the figures were read on", field="source_url")
        if self.min_months is not None and self.max_months is not None and self.max_months < self.min_months:
            raise ValidationError(f"is {self.max_months}, less than min_months ({self.min_months})", field="max_months")


class JurisdictionFile(Model):
    ENTRIES = "rows"

    rows: tuple[Jurisdiction, ...]


Measure = Literal["employment", "median_annual_wage", "projected_growth_percent"]


class OccupationFigure(Model):
    """One BLS figure for one occupation, with the period it describes and where it was read."""

    id: str  # e.g. 21-1021-employment
    soc: str
    occupation: str
    measure: Measure
    value: float
    period: str  # e.g. "May 2020" or "2022-32"
    source_url: str
    retrieved: dt.date
    confirmed: bool

    @rule
    def _rules(self) -> None:
        if self.id != f"{self.soc}-{self.measure.replace('_', '-')}":
            raise ValidationError(f"should be '{self.soc}-{self.measure.replace('_', '-')}'", field="id")
        if not self.source_url.startswith(("http://", "https://")):
            raise ValidationError("should be the address of the page the figure was read on", field="source_url")


class OccupationFile(Model):
    ENTRIES = "rows"

    rows: tuple[OccupationFigure, ...]
