"""The schema of the case vignette library, ``datasets/vignettes/<id>.yaml`` (one case per file).

One schema serves every use of a case: the BPSS assessment key (facts with domain and
information source), risk and protective factors, strengths, an ecomap, a SAFE-T triage
key, and branching decision points. Only ``facts``, ``ecomap``, ``triage`` and
``decision_points`` are optional, so a case written for one module can grow into others.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from mswlab.content.base import CompetencyNumbers, Id, Model, require_unique, rule, unique
from mswlab.content.models import (
    ChoiceItem,
    Option,
    best_choice_item,
    check_best_choice,
)
from mswlab.errors import ValidationError

Domain = Literal["biological", "psychological", "social", "spiritual"]
Source = Literal["observation", "interview", "collateral", "records", "screening"]
Setting = Literal[
    "hospital",
    "private-practice",
    "mental-health-clinic",
    "school",
    "community-health-center",
    "long-term-care",
    "substance-use-treatment",
    "child-welfare",
    "corrections",
    "veterans-military",
]
LifeStage = Literal["child", "adolescent", "adult", "older-adult"]
Unit = Literal["individual", "family", "group", "community"]
Level = Literal["micro", "mezzo", "macro"]
Factor = Literal["risk", "protective", "neither"]
SystemKind = Literal[
    "family",
    "extended-family",
    "friends",
    "school",
    "work",
    "faith-community",
    "health-care",
    "mental-health",
    "benefits",
    "housing",
    "justice-system",
    "community",
    "recreation",
    "other",
]
Connection = Literal["strong", "tenuous", "stressful"]
Flow = Literal["to-client", "from-client", "both", "none"]
RiskLevel = Literal["low", "moderate", "high"]

NARRATIVE_WORDS = (150, 400)
_MODULE = re.compile(r"^\d\d_[a-z0-9_]+$")


class Population(Model):
    life_stage: LifeStage
    description: str  # "a 16-year-old and their grandmother"
    unit: Unit = "individual"


class Fact(Model):
    """One fact stated in the narrative, as the assessment key files it."""

    id: Id
    text: str
    domain: Domain
    source: Source
    why: str  # why this domain and source: the feedback a student sees
    factor: Factor = "neither"  # for suicide and safety risk practice


class EcomapLink(Model):
    system: str  # what the student sees, e.g. "Grandmother" or "Middle school"
    kind: SystemKind
    connection: Connection
    flow: Flow
    note: str | None = None


class EcomapSpec(Model):
    centre: str
    links: tuple[EcomapLink, ...]

    @rule
    def _rules(self) -> None:
        require_unique((link.system for link in self.links), "system", "links")


class DecisionPoint(Model):
    """A choice the case asks for, with a rationale for every option.

    ``after`` makes it a branch: it is shown only when an earlier decision point (by id)
    was answered with one of the given option keys.
    """

    id: Id
    prompt: str
    options: tuple[Option, ...]
    answer: str
    after: dict[str, tuple[str, ...]] | None = None

    @rule
    def _rules(self) -> None:
        check_best_choice(self.options, self.answer, "a decision point")

    def as_item(self) -> ChoiceItem:
        """The same choice for the one practice engine (mswlab.practice.judge)."""
        return best_choice_item(self.id, self.prompt, self.options, self.answer)


class Inquiry(Model):
    """SAFE-T step 3: what the person said when asked directly (no prediction is implied)."""

    ideation: str
    plan: str
    behavior: str
    intent: str


class Triage(Model):
    """The key for SAFE-T practice: the level a careful clinician would judge and why."""

    inquiry: Inquiry
    level: RiskLevel
    level_rationale: str
    next_action: DecisionPoint
    example_note: str  # a model documentation note, shown after the student writes theirs


class Vignette(Model):
    id: Id
    title: str
    setting: Setting
    population: Population
    levels: tuple[Level, ...]
    narrative: str
    presenting_concerns: tuple[str, ...]
    strengths: tuple[str, ...]
    modules: tuple[str, ...]
    competencies: CompetencyNumbers
    facts: Annotated[tuple[Fact, ...], unique("fact id")] = ()
    ecomap: EcomapSpec | None = None
    triage: Triage | None = None
    decision_points: tuple[DecisionPoint, ...] = ()

    @rule
    def _rules(self) -> None:
        words = len(self.narrative.split())
        low, high = NARRATIVE_WORDS
        if not low <= words <= high:
            raise ValidationError(f"has {words} words; a narrative has {low} to {high}", field="narrative")
        for name in ("levels", "presenting_concerns", "strengths", "modules", "competencies"):
            if not getattr(self, name):
                raise ValidationError("should list at least one", field=name)
        for i, module in enumerate(self.modules):
            if not _MODULE.match(module):
                raise ValidationError(
                    f"'{module}' should be a module id such as '05_bpss_assessment'", field=f"modules[{i}]"
                )
        require_unique((d.id for d in self.decision_points), "decision point id", "decision_points")
        self._check_branches()
        if self.triage is not None:
            for factor in ("risk", "protective"):
                if not any(f.factor == factor for f in self.facts):
                    raise ValidationError(f"a triage case needs at least one {factor} fact to find", field="facts")

    def _check_branches(self) -> None:
        earlier: dict[str, list[str]] = {}
        for point in self.decision_points:
            for parent, keys in (point.after or {}).items():
                if parent not in earlier:
                    raise ValidationError(
                        f"names '{parent}', which is not an earlier decision point",
                        entry=point.id,
                        field=f"after.{parent}",
                    )
                for key in keys:
                    if key not in earlier[parent]:
                        raise ValidationError(
                            f"names option '{key}', which '{parent}' does not have",
                            entry=point.id,
                            field=f"after.{parent}",
                        )
            earlier[point.id] = [o.key for o in point.options]

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise ValidationError(f"case '{self.id}' has no fact '{fact_id}'", field="fact")

    @property
    def word_count(self) -> int:
        return len(self.narrative.split())
