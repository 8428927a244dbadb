"""The schema of the outcome-measurement samples (module 11).

``datasets/outcomes/ssd_cases.yaml`` holds single-system design cases to graph and analyze;
``gas_samples.yaml`` holds Goal Attainment Scales written for library vignettes;
``session_feedback.yaml`` holds clients' session-by-session feedback ratings. All of it is
fictional, written for teaching, and tied to a vignette so the numbers have a story.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mswlab.content.base import Id, Model, rule, unique
from mswlab.content.models import Provenance
from mswlab.errors import ValidationError

Direction = Literal["increase", "decrease"]
Design = Literal["A-B", "A-B-A-B", "A-B-C", "multiple-baseline"]


class Phase(Model):
    label: str  # A, B, C, A2 or B2
    name: str  # what happened in the phase, e.g. "Baseline" or "Check-in and check-out"
    values: tuple[float, ...]


class Tier(Model):
    name: str  # the setting or behaviour, e.g. "Math class"
    phases: tuple[Phase, ...]


class SsdCase(Model):
    id: Id
    title: str
    vignette: str  # the library case the data belong to
    measure: str  # what was measured, as the axis title shows it
    direction: Direction  # whether improvement means higher or lower scores
    design: Design
    story: str  # who measured what, how often, and what each phase was
    notice: str  # what the case teaches a careful reader to see
    phases: tuple[Phase, ...] = ()  # every design but multiple-baseline
    tiers: tuple[Tier, ...] = ()  # multiple-baseline only: one A-B series per setting or behaviour

    @rule
    def _rules(self) -> None:
        if self.design == "multiple-baseline":
            if self.phases or len(self.tiers) < 2:
                raise ValidationError("a multiple-baseline case gives 2 or more tiers and no phases", field="tiers")
            for tier in self.tiers:
                if [p.label for p in tier.phases] != ["A", "B"]:
                    raise ValidationError(f"tier '{tier.name}' should have phases A then B", field="tiers")
            return
        if self.tiers or not self.phases:
            raise ValidationError(f"a {self.design} case gives phases and no tiers", field="phases")

    def data_text(self) -> str:
        """The data as a student would type it into the plotter (see single_system.parse_data)."""

        def line(phase: Phase, tier: str = "") -> str:
            return f"{tier + ' / ' if tier else ''}{phase.label}: {', '.join(f'{v:g}' for v in phase.values)}"

        if self.tiers:
            return "\n".join(line(p, t.name) for t in self.tiers for p in t.phases)
        return "\n".join(line(p) for p in self.phases)

    @property
    def phase_names(self) -> list[str]:
        return [p.name for p in self.phases]


class SsdCaseFile(Model):
    ENTRIES = "cases"

    provenance: Provenance
    cases: Annotated[tuple[SsdCase, ...], unique("case id")]


class SampleGoal(Model):
    goal: str
    levels: dict[int, str]  # -2..+2 -> what that level looks like
    weight: float
    follow_up: int  # the level reached at follow-up


class GasSample(Model):
    id: Id
    vignette: str
    title: str
    story: str  # who set the goals, with whom, and when the follow-up was
    goals: tuple[SampleGoal, ...]

    @rule
    def _rules(self) -> None:
        if not 1 <= len(self.goals) <= 5:
            raise ValidationError(f"has {len(self.goals)} goals; a sample has 1 to 5", field="goals")


class GasSampleFile(Model):
    ENTRIES = "samples"

    provenance: Provenance
    samples: Annotated[tuple[GasSample, ...], unique("sample id")]


class FeedbackSession(Model):
    relationship: int
    goals: int
    approach: int
    overall: int
    note: str = ""  # what the client said when asked about the ratings


class FeedbackSample(Model):
    id: Id
    vignette: str
    title: str
    story: str
    sessions: tuple[FeedbackSession, ...]


class FeedbackSampleFile(Model):
    ENTRIES = "samples"

    provenance: Provenance
    samples: Annotated[tuple[FeedbackSample, ...], unique("sample id")]
