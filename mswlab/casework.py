"""Case-management practice: sorting a progress note into DAP or SOAP, and planning referrals.

Both are choice practice, so both are judged by the one practice engine: a statement's
section is a choice among the format's sections, a referral a choice among services. On
top of that a note statement has a second judgment (is its wording subjective or
judgmental?) and a referral a second choice (how soon?).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mswlab.content.casework import (
    NoteStatement,
    PracticeNote,
    ProgressNoteFile,
    ReferralFile,
    ReferralNeed,
    ReferralPlan,
)
from mswlab.content.checks import Context, Report, count_entries, require_vignettes
from mswlab.content.models import ChoiceItem, Option
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, Feedback, judge

SECTION_HINTS = {
    "subjective": "what the client (or family) reports, in their own words where that helps",
    "objective": "what you observed, measured or found in records, such as a screening score",
    "data": "what the client said and what you observed: DAP data holds both SOAP's subjective and objective",
    "assessment": "your professional reading of the data: what it means, tied to the facts",
    "plan": "what happens next: who does what, and when",
}
FORMATS: dict[str, tuple[str, ...]] = {
    "DAP": ("data", "assessment", "plan"),
    "SOAP": ("subjective", "objective", "assessment", "plan"),
}


def _format(note_format: str) -> str:
    key = note_format.strip().upper()
    if key not in FORMATS:
        raise ValidationError(f"'{note_format}' is not a note format; choose DAP or SOAP", field="format")
    return key


def section_of(statement: NoteStatement, note_format: str) -> str:
    """The section a statement belongs in: SOAP's subjective and objective are both DAP data."""
    if _format(note_format) == "DAP" and statement.soap in ("subjective", "objective"):
        return "data"
    return statement.soap


def section_options(note_format: str) -> tuple[Option, ...]:
    return tuple(
        Option(key=s, text=s.capitalize(), rationale=f"{s.capitalize()} is {SECTION_HINTS[s]}.")
        for s in FORMATS[_format(note_format)]
    )


@dataclass(frozen=True)
class StatementFeedback:
    statement: NoteStatement
    section: Feedback
    flag_correct: bool
    message: str

    @property
    def correct(self) -> bool:
        return self.section.correct and self.flag_correct


def statement_item(statement: NoteStatement, note_format: str) -> ChoiceItem:
    """A statement as a choice among the format's sections, for the one practice engine."""
    options = section_options(note_format)
    return ChoiceItem(
        id=statement.id,
        stem=statement.text,
        answer=section_of(statement, note_format),
        explanation=statement.why,
        options=options,
    )


def judge_statement(statement: NoteStatement, note_format: str, section: str, flagged: bool) -> StatementFeedback:
    """Judge where a statement was put and whether its wording was flagged."""
    item = statement_item(statement, note_format)
    return _with_wording(statement, judge(item, item.options, section), flagged)


def _with_wording(statement: NoteStatement, placed: Feedback, flagged: bool) -> StatementFeedback:
    """Add the second judgment, on the wording, to the engine's judgment of the section."""
    needs_fixing = statement.flag is not None
    flag_correct = bool(flagged) == needs_fixing
    if needs_fixing:
        wording = (
            f"{'Right to flag' if flagged else 'Flag this wording'}: {statement.flag} "
            f"Better: \u201c{statement.rewrite}\u201d"
        )
    else:
        wording = (
            "This wording is sound; it did not need a flag." if flagged else "The wording is sound, as you judged."
        )
    return StatementFeedback(statement, placed, flag_correct, f"{placed.message} {wording}")


class NotePractice:
    """One student's sort of a note's statements into a format's sections, on the one practice loop.

    Every statement is on show at once and the student may re-sort and check again, so the loop
    keeps each statement's latest answer."""

    def __init__(self, note: PracticeNote, note_format: str = "DAP") -> None:
        self.note = note
        self.format = _format(note_format)
        self.run = ChoiceRun([statement_item(s, self.format) for s in note.statements], keep_latest=True)
        self.answers: dict[str, StatementFeedback] = {}

    def answer(self, statement_id: str, section: str, flagged: bool) -> StatementFeedback:
        statement = next((s for s in self.note.statements if s.id == statement_id), None)
        if statement is None:
            raise ValidationError(f"the note '{self.note.title}' has no statement '{statement_id}'", field="statement")
        result = _with_wording(statement, self.run.answer(section, item_id=statement_id), flagged)
        self.answers[statement_id] = result
        return result

    @property
    def score(self) -> tuple[int, int, int]:
        """(sections right, flags right, statements answered)."""
        results = self.answers.values()
        return sum(r.section.correct for r in results), sum(r.flag_correct for r in results), len(self.answers)

    def assembled(self) -> dict[str, list[str]]:
        """The note as the key writes it: each section's statements, flagged ones in their better words."""
        sections: dict[str, list[str]] = {s: [] for s in FORMATS[self.format]}
        for statement in self.note.statements:
            sections[section_of(statement, self.format)].append(statement.rewrite or statement.text)
        return sections


# --- referral planning --------------------------------------------------------------------

URGENCY_ORDER = ("today", "this-week", "this-month")
URGENCY_WORDS = {"today": "today", "this-week": "this week", "this-month": "this month"}


def _urgency(value: str) -> str:
    key = value.strip().lower().replace(" ", "-")
    if key not in URGENCY_ORDER:
        raise ValidationError(f"'{value}' is not a time frame; choose today, this week or this month", field="urgency")
    return key


@dataclass(frozen=True)
class ReferralFeedback:
    need: ReferralNeed
    service: Feedback
    urgency: str
    urgency_correct: bool
    message: str


class ReferralSession:
    """A student's referral plan for a case: a service and a time frame for each need. The service is a
    choice on the one practice loop, which keeps each need's latest answer (the plan is revised and
    checked again); the time frame is judged beside it."""

    def __init__(self, plan: ReferralPlan) -> None:
        self.plan = plan
        self.run = ChoiceRun([need.as_item() for need in plan.needs], keep_latest=True)
        self.answers: dict[str, ReferralFeedback] = {}

    def need(self, need_id: str) -> ReferralNeed:
        for need in self.plan.needs:
            if need.id == need_id:
                return need
        raise ValidationError(f"the plan '{self.plan.title}' has no need '{need_id}'", field="need")

    def choose(self, need_id: str, service: str, urgency: str) -> ReferralFeedback:
        need = self.need(need_id)
        when = _urgency(urgency)
        service_feedback = self.run.answer(service, item_id=need_id)
        right = when == need.urgency
        timing = (
            f"{'Right timing' if right else 'Timing: not quite'}: {URGENCY_WORDS[need.urgency]}. {need.urgency_why}"
        )
        result = ReferralFeedback(need, service_feedback, when, right, f"{service_feedback.message} {timing}")
        self.answers[need_id] = result
        return result

    @property
    def score(self) -> tuple[int, int, int]:
        """(services right, time frames right, needs answered)."""
        results = self.answers.values()
        return sum(r.service.correct for r in results), sum(r.urgency_correct for r in results), len(self.answers)

    def plan_table(self) -> pd.DataFrame:
        """The student's plan, soonest first: need, service, when, barrier to plan for, follow-up."""
        rows = []
        for need in self.plan.needs:
            answer = self.answers.get(need.id)
            if answer is None:
                continue
            chosen = next(o.text for o in need.options if o.key == answer.service.chosen)
            rows.append(
                {
                    "Need": need.need,
                    "Referral": chosen,
                    "When": URGENCY_WORDS[answer.urgency],
                    "Barrier to plan for": need.barrier,
                    "Follow-up": need.follow_up,
                    "_order": URGENCY_ORDER.index(answer.urgency),
                }
            )
        columns = ["Need", "Referral", "When", "Barrier to plan for", "Follow-up"]
        if not rows:
            return pd.DataFrame(columns=columns)
        return pd.DataFrame(rows).sort_values("_order", kind="stable")[columns].reset_index(drop=True)


# --- mswlab check ---------------------------------------------------------------------------

MIN_NOTE_STATEMENTS = 40


def check_casework(ctx: Context, report: Report) -> None:
    """Enough note statements to practice with, some flagged; referral plans name library cases."""
    statements = [s for f in ctx.content.of_type(ProgressNoteFile).values() for s in f.statements]
    count_entries(
        ctx,
        report,
        "documentation_statements",
        "datasets/casework/progress_notes.yaml",
        statements,
        MIN_NOTE_STATEMENTS,
        "statement",
        "module 12",
    )
    report.counts["documentation_statements_flagged"] = sum(s.flag is not None for s in statements)
    plans = [p for f in ctx.content.of_type(ReferralFile).values() for p in f.plans]
    report.counts["referral_plans"] = len(plans)
    require_vignettes(ctx, report, "datasets/casework/referral_plans.yaml", plans)


CHECKS = [check_casework]
