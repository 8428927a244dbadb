"""Progress-note practice and the referral planner, driven through their Python twins."""

from __future__ import annotations

import pytest

from mswlab import casework
from mswlab.content import progress_notes, referral_plans
from mswlab.errors import ValidationError
from widgets.casework import ProgressNotePracticeView, ReferralPlannerView


@pytest.mark.parametrize("fmt", ["DAP", "SOAP"])
def test_sorting_every_statement_right_in_either_format_scores_full_and_shows_the_note(fmt):
    note = progress_notes()[0]
    view = ProgressNotePracticeView(note.id, fmt)
    assert view.check() is False and f"{len(note.statements)} statement(s) still need a section" in view.message_text
    for s in note.statements:
        assert view.sort(s.id, casework.section_of(s, fmt), flagged=s.flag is not None)
    assert view.check()
    n = len(note.statements)
    assert view.message_text == f"Sections right: {n} of {n}. Wording judged right: {n} of {n}."
    flagged = next((s for s in note.statements if s.flag), None)
    if flagged:
        assert flagged.rewrite in view.result_text and "Right to flag" in view.feedback_for(flagged.id)
    assert view.result_text.startswith(f"The note in {fmt} form")


def test_a_missed_flag_and_a_wrong_section_are_each_explained():
    note = next(n for n in progress_notes() if any(s.flag for s in n.statements))
    view = ProgressNotePracticeView(note.id, "SOAP")
    flagged = next(s for s in note.statements if s.flag)
    other = next(s for s in note.statements if s.soap != "plan")
    for s in note.statements:
        view.sort(s.id, s.soap, flagged=s.flag is not None)
    view.sort(flagged.id, flagged.soap, flagged=False)
    view.sort(other.id, "plan", flagged=other.flag is not None)
    view.check()
    assert "Flag this wording" in view.feedback_for(flagged.id)
    assert view.feedback_for(other.id).startswith("Not quite.")


def test_changing_contact_or_format_starts_over_and_bad_input_gets_words():
    notes = progress_notes()
    view = ProgressNotePracticeView()
    assert view.sort(notes[0].statements[0].id, "subjective") is False  # DAP has no subjective section
    assert "'subjective' is not a DAP section" in view.message_text
    assert view.sort("nope", "data") is False and "no statement 'nope'" in view.message_text
    view._format.value = "SOAP"
    assert view.practice.format == "SOAP" and view.sort(notes[0].statements[0].id, "subjective")
    view._note.value = notes[1].id
    assert view.practice.note.id == notes[1].id and len(view._rows.children) == len(notes[1].statements)
    assert view.pick("nope") is False and "no contact 'nope'" in view.message_text


@pytest.mark.parametrize("plan", referral_plans(), ids=lambda p: p.id)
def test_every_referral_plan_scores_full_when_answered_by_the_key(plan):
    view = ReferralPlannerView(plan.id)
    assert view.check() is False and "still need a service and a time frame" in view.message_text
    for need in plan.needs:
        assert view.choose(need.id, need.answer, need.urgency)
    assert view.check()
    n = len(plan.needs)
    assert view.message_text == f"Best service for {n} of {n} needs; right timing for {n} of {n}."
    first_when = min(plan.needs, key=lambda need: casework.URGENCY_ORDER.index(need.urgency)).urgency
    assert view.plan_text.startswith("Your referral plan, soonest first")
    assert casework.URGENCY_WORDS[first_when] in view.plan_text


def test_planner_refuses_impossible_choices_in_words():
    plan = referral_plans()[0]
    view = ReferralPlannerView(plan.id)
    need = plan.needs[0]
    assert view.choose(need.id, "z", "today") is False and "Choose a service" in view.message_text
    assert view.choose(need.id, need.answer, "someday") is False
    assert view.choose("nope", need.answer, "today") is False and "no need 'nope'" in view.message_text
    with pytest.raises(ValidationError, match="no referral plan 'nope'"):
        ReferralPlannerView("nope")
