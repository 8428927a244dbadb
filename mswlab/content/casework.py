"""The schema of the case-management practice in module 12: progress notes and referral plans.

``datasets/casework/progress_notes.yaml`` holds fictional sessions, each broken into the
statements a worker might write. Every statement has its SOAP section (its DAP section
follows: subjective and objective are both DAP data) and, where its wording is
subjective or judgmental, why, and a rewrite that keeps to what was seen and heard.
``datasets/casework/referral_plans.yaml`` holds referral exercises on library cases.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mswlab.content.base import Id, Model, require_unique, rule, unique
from mswlab.content.models import (
    ChoiceItem,
    Option,
    Provenance,
    best_choice_item,
    check_best_choice,
)
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

SoapSection = Literal["subjective", "objective", "assessment", "plan"]
Urgency = Literal["today", "this-week", "this-month"]


class NoteStatement(Model):
    id: Id
    text: str
    soap: SoapSection
    why: str  # why it belongs in that section: the feedback a student sees
    flag: str | None = None  # why the wording is subjective or judgmental; None when it is sound
    rewrite: str | None = None  # the same content in objective, respectful words

    @rule
    def _rules(self) -> None:
        if self.flag and not self.rewrite:
            raise ValidationError("a flagged statement needs a rewrite in objective words", field="rewrite")
        if self.rewrite and not self.flag:
            raise ValidationError("only a flagged statement has a rewrite; say why it is flagged", field="flag")


class PracticeNote(Model):
    """One fictional contact, and the statements a note about it could contain."""

    id: Id
    title: str
    setting: Setting
    context: str  # who, where and why, in two or three sentences
    statements: Annotated[tuple[NoteStatement, ...], unique("statement id")]

    @rule
    def _rules(self) -> None:
        missing = {"subjective", "objective", "assessment", "plan"} - {s.soap for s in self.statements}
        if missing:
            raise ValidationError(
                f"has no statement for {', '.join(sorted(missing))}; a note needs every section", field="statements"
            )


class ProgressNoteFile(Model):
    ENTRIES = "notes"

    provenance: Provenance
    notes: Annotated[tuple[PracticeNote, ...], unique("note id")]

    @rule
    def _rules(self) -> None:
        require_unique((s.id for n in self.notes for s in n.statements), "statement id", "statements")

    @property
    def statements(self) -> tuple[NoteStatement, ...]:
        return tuple(s for n in self.notes for s in n.statements)


class ReferralNeed(Model):
    """One need in a case, the services that could meet it, and what to plan for."""

    id: Id
    need: str
    urgency: Urgency
    urgency_why: str
    prompt: str  # "Which referral fits this need best?"
    options: tuple[Option, ...]
    answer: str
    barrier: str  # what could stop the referral working
    follow_up: str  # how the worker will know it worked

    @rule
    def _rules(self) -> None:
        check_best_choice(self.options, self.answer, "a need")

    def as_item(self) -> ChoiceItem:
        """The service choice for the one practice engine (mswlab.practice.judge)."""
        return best_choice_item(self.id, self.prompt, self.options, self.answer)


class ReferralPlan(Model):
    id: Id
    vignette: str  # the library case the plan is for
    title: str
    needs: Annotated[tuple[ReferralNeed, ...], unique("need id")]

    @rule
    def _rules(self) -> None:
        if len(self.needs) < 3:
            raise ValidationError(f"has {len(self.needs)} need(s); a referral plan has at least 3", field="needs")


class ReferralFile(Model):
    ENTRIES = "plans"

    provenance: Provenance
    plans: Annotated[tuple[ReferralPlan, ...], unique("plan id")]
