"""The schema of the outcome-measurement samples (module 11).

``datasets/outcomes/ssd_cases.yaml`` holds single-system design cases to graph and analyze;
``gas_samples.yaml`` holds Goal Attainment Scales written for library vignettes;
``session_feedback.yaml`` holds clients' session-by-session feedback ratings. All of it is
fictional, written for teaching, and tied to a vignette so the numbers have a story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mswlab import outcomes, session_feedback
from mswlab.content.models import Provenance, require_kebab, require_unique
from mswlab.errors import ValidationError
from mswlab.single_system import design_name

Direction = Literal["increase", "decrease"]
Design = Literal["A-B", "A-B-A-B", "A-B-C", "multiple-baseline"]


@dataclass(frozen=True)
class Phase:
    label: str  # A, B, C, A2 or B2
    name: str  # what happened in the phase, e.g. "Baseline" or "Check-in and check-out"
    values: tuple[float, ...]


@dataclass(frozen=True)
class Tier:
    name: str  # the setting or behaviour, e.g. "Math class"
    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class SsdCase:
    id: str
    title: str
    vignette: str  # the library case the data belong to
    measure: str  # what was measured, as the axis title shows it
    direction: Direction  # whether improvement means higher or lower scores
    design: Design
    story: str  # who measured what, how often, and what each phase was
    notice: str  # what the case teaches a careful reader to see
    phases: tuple[Phase, ...] = ()  # every design but multiple-baseline
    tiers: tuple[Tier, ...] = ()  # multiple-baseline only: one A-B series per setting or behaviour

    def check(self) -> None:
        require_kebab(self.id)
        if self.design == "multiple-baseline":
            if self.phases or len(self.tiers) < 2:
                raise ValidationError("a multiple-baseline case gives 2 or more tiers and no phases", field="tiers")
            for tier in self.tiers:
                if [p.label for p in tier.phases] != ["A", "B"]:
                    raise ValidationError(f"tier '{tier.name}' should have phases A then B", field="tiers")
            outcomes.check_multiple_baseline([(t.name, t.phases[0].values, t.phases[1].values) for t in self.tiers])
            return
        if self.tiers or not self.phases:
            raise ValidationError(f"a {self.design} case gives phases and no tiers", field="phases")
        outcomes.check_phases([(p.label, p.values) for p in self.phases])
        named = design_name([p.label for p in self.phases])
        if named != self.design:
            raise ValidationError(f"the phases make an {named} design, not {self.design}", field="design")

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


@dataclass(frozen=True)
class SsdCaseFile:
    provenance: Provenance
    cases: tuple[SsdCase, ...]

    def check(self) -> None:
        require_unique((c.id for c in self.cases), "case id", "cases")

    @property
    def entries(self) -> tuple[SsdCase, ...]:
        return self.cases


@dataclass(frozen=True)
class SampleGoal:
    goal: str
    levels: dict[int, str]  # -2..+2 -> what that level looks like
    weight: float
    follow_up: int  # the level reached at follow-up

    def scale(self) -> outcomes.GoalScale:
        return outcomes.GoalScale(self.goal, dict(self.levels), self.weight)

    def check(self) -> None:
        self.scale()  # an empty level or a negative weight is named by the engine
        try:
            outcomes.check_level(self.follow_up)
        except ValidationError as err:
            raise ValidationError(err.message, field="follow_up") from None


@dataclass(frozen=True)
class GasSample:
    id: str
    vignette: str
    title: str
    story: str  # who set the goals, with whom, and when the follow-up was
    goals: tuple[SampleGoal, ...]

    def check(self) -> None:
        require_kebab(self.id)
        if not 1 <= len(self.goals) <= 5:
            raise ValidationError(f"has {len(self.goals)} goals; a sample has 1 to 5", field="goals")


@dataclass(frozen=True)
class GasSampleFile:
    provenance: Provenance
    samples: tuple[GasSample, ...]

    def check(self) -> None:
        require_unique((s.id for s in self.samples), "sample id", "samples")

    @property
    def entries(self) -> tuple[GasSample, ...]:
        return self.samples


@dataclass(frozen=True)
class FeedbackSession:
    relationship: int
    goals: int
    approach: int
    overall: int
    note: str = ""  # what the client said when asked about the ratings

    def check(self) -> None:
        session_feedback.FeedbackLog().add({area: getattr(self, area) for area in session_feedback.AREAS})


@dataclass(frozen=True)
class FeedbackSample:
    id: str
    vignette: str
    title: str
    story: str
    sessions: tuple[FeedbackSession, ...]

    def check(self) -> None:
        require_kebab(self.id)


@dataclass(frozen=True)
class FeedbackSampleFile:
    provenance: Provenance
    samples: tuple[FeedbackSample, ...]

    def check(self) -> None:
        require_unique((s.id for s in self.samples), "sample id", "samples")

    @property
    def entries(self) -> tuple[FeedbackSample, ...]:
        return self.samples
