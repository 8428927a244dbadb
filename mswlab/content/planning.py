"""The schema of the planning and helping-relationship practice (modules 08 and 10).

``datasets/planning/smart_objectives.yaml`` holds objectives to judge against SMART, each
labeled with the verdict every rule in ``mswlab.planning`` should reach (``mswlab check``
holds the rules to the labels) and, when flawed, a better version.
``datasets/relationship/self_disclosure.yaml`` holds self-disclosure scenarios worked
through the four questions a worker asks before disclosing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mswlab.content.base import Id, Model, rule, unique
from mswlab.content.models import Provenance
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

CRITERIA = ("measurable", "time_bound", "one_behaviour", "client_owned")


class SmartObjective(Model):
    id: Id
    text: str
    expected: dict[str, bool]  # criterion -> whether the objective meets it
    why: str  # feedback: what makes it strong or weak
    better: str | None = None  # a SMART version, required when any criterion fails

    @rule
    def _rules(self) -> None:
        if set(self.expected) != set(CRITERIA):
            raise ValidationError(f"should give a verdict for each of {', '.join(CRITERIA)}", field="expected")
        if not all(self.expected.values()) and not self.better:
            raise ValidationError("a flawed objective needs a better version", field="better")


class SmartObjectiveFile(Model):
    ENTRIES = "objectives"

    provenance: Provenance
    objectives: Annotated[tuple[SmartObjective, ...], unique("objective id")]


Motive = Literal["for-client", "for-me"]
Benefit = Literal["clear", "unclear"]
Risk = Literal["low", "high"]
Colleagues = Literal["comfortable", "concerned"]
Verdict = Literal["share-briefly", "do-not-share"]


class DisclosureAnswers(Model):
    why: Motive  # why am I sharing this?
    benefit: Benefit  # how will it benefit the client?
    risks: Risk  # what are the risks?
    colleagues: Colleagues  # how would colleagues view it?
    verdict: Verdict


class DisclosureScenario(Model):
    id: Id
    title: str
    setting: Setting
    situation: str  # the moment in the session
    disclosure: str  # what the worker is tempted to say
    answers: DisclosureAnswers
    notes: dict[str, str]  # question (why, benefit, risks, colleagues, verdict) -> feedback
    instead: str  # what the worker might say or do instead (or how to share briefly)

    @rule
    def _rules(self) -> None:
        wanted = {"why", "benefit", "risks", "colleagues", "verdict"}
        if set(self.notes) != wanted:
            raise ValidationError(f"should give a note for each of {', '.join(sorted(wanted))}", field="notes")


class DisclosureFile(Model):
    ENTRIES = "scenarios"

    provenance: Provenance
    scenarios: Annotated[tuple[DisclosureScenario, ...], unique("scenario id")]
