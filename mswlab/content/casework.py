"""The schema of the case-management practice in module 12: progress notes and referral plans.

``datasets/casework/progress_notes.yaml`` holds fictional sessions, each broken into the
statements a worker might write. Every statement has its SOAP section (its DAP section
follows: subjective and objective are both DAP data) and, where its wording is
subjective or judgmental, why, and a rewrite that keeps to what was seen and heard.
``datasets/casework/referral_plans.yaml`` holds referral exercises on library cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mswlab.content.models import (
    ChoiceItem,
    Option,
    Provenance,
    best_choice_item,
    check_best_choice,
    require_kebab,
    require_unique,
)
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

SoapSection = Literal["subjective", "objective", "assessment", "plan"]
Urgency = Literal["today", "this-week", "this-month"]


@dataclass(frozen=True)
class NoteStatement:
    id: str
    text: str
    soap: SoapSection
    why: str  # why it belongs in that section: the feedback a student sees
    flag: str | None = None  # why the wording is subjective or judgmental; None when it is sound
    rewrite: str | None = None  # the same content in objective, respectful words

    def check(self) -> None:
        require_kebab(self.id)
        if self.flag and not self.rewrite:
            raise ValidationError("a flagged statement needs a rewrite in objective words", field="rewrite")
        if self.rewrite and not self.flag:
            raise ValidationError("only a flagged statement has a rewrite; say why it is flagged", field="flag")


@dataclass(frozen=True)
class PracticeNote:
    """One fictional contact, and the statements a note about it could contain."""

    id: str
    title: str
    setting: Setting
    context: str  # who, where and why, in two or three sentences
    statements: tuple[NoteStatement, ...]

    def check(self) -> None:
        require_kebab(self.id)
        require_unique((s.id for s in self.statements), "statement id", "statements")
        missing = {"subjective", "objective", "assessment", "plan"} - {s.soap for s in self.statements}
        if missing:
            raise ValidationError(
                f"has no statement for {', '.join(sorted(missing))}; a note needs every section", field="statements"
            )


@dataclass(frozen=True)
class ProgressNoteFile:
    provenance: Provenance
    notes: tuple[PracticeNote, ...]

    def check(self) -> None:
        require_unique((n.id for n in self.notes), "note id", "notes")
        require_unique((s.id for n in self.notes for s in n.statements), "statement id", "statements")

    @property
    def entries(self) -> tuple[PracticeNote, ...]:
        return self.notes

    @property
    def statements(self) -> tuple[NoteStatement, ...]:
        return tuple(s for n in self.notes for s in n.statements)


@dataclass(frozen=True)
class ReferralNeed:
    """One need in a case, the services that could meet it, and what to plan for."""

    id: str
    need: str
    urgency: Urgency
    urgency_why: str
    prompt: str  # "Which referral fits this need best?"
    options: tuple[Option, ...]
    answer: str
    barrier: str  # what could stop the referral working
    follow_up: str  # how the worker will know it worked

    def check(self) -> None:
        require_kebab(self.id)
        check_best_choice(self.options, self.answer, "a need")

    def as_item(self) -> ChoiceItem:
        """The service choice for the one practice engine (mswlab.practice.judge)."""
        return best_choice_item(self.id, self.prompt, self.options, self.answer)


@dataclass(frozen=True)
class ReferralPlan:
    id: str
    vignette: str  # the library case the plan is for
    title: str
    needs: tuple[ReferralNeed, ...]

    def check(self) -> None:
        require_kebab(self.id)
        if len(self.needs) < 3:
            raise ValidationError(f"has {len(self.needs)} need(s); a referral plan has at least 3", field="needs")
        require_unique((n.id for n in self.needs), "need id", "needs")


@dataclass(frozen=True)
class ReferralFile:
    provenance: Provenance
    plans: tuple[ReferralPlan, ...]

    def check(self) -> None:
        require_unique((p.id for p in self.plans), "plan id", "plans")

    @property
    def entries(self) -> tuple[ReferralPlan, ...]:
        return self.plans
