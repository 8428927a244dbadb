"""The schema of the licensure and careers reference data (modules 02 and 03).

``datasets/licensure/paths.yaml`` holds the four license types with TYPICAL figures;
``jurisdictions.csv`` holds sourced state rows, one per license; ``datasets/careers/
occupations.csv`` holds BLS figures, one per occupation and measure. Every row that states a
fact carries its source URL and the date it was retrieved; ``confirmed`` is true only when the
figure was read on the responsible body's own page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from mswlab.content.models import Provenance, require_kebab, require_unique
from mswlab.errors import ValidationError

ExamAfter = Literal["degree", "experience"]


@dataclass(frozen=True)
class LicencePath:
    id: str  # lbsw, lmsw, ag, lcsw
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

    def check(self) -> None:
        require_kebab(self.id)
        for name in ("experience_hours", "supervision_hours", "min_months"):
            if getattr(self, name) < 0:
                raise ValidationError("cannot be negative", field=name)


@dataclass(frozen=True)
class FurtherStudy:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class EarlyTesting:
    summary: str
    months_before_experience_complete: int


@dataclass(frozen=True)
class CompactStatus:
    summary: str
    status_date: dt.date
    url: str
    confirmed: bool


@dataclass(frozen=True)
class PathsFile:
    provenance: Provenance
    licences: tuple[LicencePath, ...]
    further_study: tuple[FurtherStudy, ...]
    early_testing: EarlyTesting
    compact: CompactStatus

    def check(self) -> None:
        require_unique((lic.id for lic in self.licences), "license id", "licences")

    @property
    def entries(self) -> tuple[LicencePath, ...]:
        return self.licences


Level = Literal["bachelors", "masters", "advanced-generalist", "clinical"]
LEVEL_OF_PATH = {"lbsw": "bachelors", "lmsw": "masters", "ag": "advanced-generalist", "lcsw": "clinical"}


@dataclass(frozen=True)
class Jurisdiction:
    """One license in one jurisdiction, as its board or code states it on the date retrieved."""

    id: str  # e.g. tx-lcsw
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

    def check(self) -> None:
        require_kebab(self.id)
        if not self.source_url.startswith(("http://", "https://")):
            raise ValidationError("should be the address of the page the figures were read on", field="source_url")
        if self.min_months is not None and self.max_months is not None and self.max_months < self.min_months:
            raise ValidationError(f"is {self.max_months}, less than min_months ({self.min_months})", field="max_months")


@dataclass(frozen=True)
class JurisdictionFile:
    rows: tuple[Jurisdiction, ...]

    @property
    def entries(self) -> tuple[Jurisdiction, ...]:
        return self.rows


Measure = Literal["employment", "median_annual_wage", "projected_growth_percent"]


@dataclass(frozen=True)
class OccupationFigure:
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

    def check(self) -> None:
        if self.id != f"{self.soc}-{self.measure.replace('_', '-')}":
            raise ValidationError(f"should be '{self.soc}-{self.measure.replace('_', '-')}'", field="id")
        if not self.source_url.startswith(("http://", "https://")):
            raise ValidationError("should be the address of the page the figure was read on", field="source_url")


@dataclass(frozen=True)
class OccupationFile:
    rows: tuple[OccupationFigure, ...]

    @property
    def entries(self) -> tuple[OccupationFigure, ...]:
        return self.rows
