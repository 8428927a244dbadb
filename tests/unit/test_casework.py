"""Progress notes sorted into DAP or SOAP with flags on wording, and referral plans."""

import pytest

from mswlab import casework
from mswlab.content.casework import NoteStatement, PracticeNote, ReferralNeed, ReferralPlan
from mswlab.content.models import Option
from mswlab.errors import ValidationError

SAID = NoteStatement("said", 'Client said, "I ran out of insulin on Monday."', "subjective", "Her own report.")
SEEN = NoteStatement(
    "seen",
    "Client was rude and uncooperative.",
    "objective",
    "An observation.",
    flag="'Rude' is a judgment.",
    rewrite="Client raised her voice and left after ten minutes.",
)
MEANT = NoteStatement("meant", "Missed doses appear linked to cost.", "assessment", "An interpretation.")
NEXT = NoteStatement("next", "Worker will call the pharmacy by Friday.", "plan", "A next step.")
NOTE = PracticeNote(
    "clinic", "Clinic visit", "community-health-center", "A follow-up visit.", (SAID, SEEN, MEANT, NEXT)
)


@pytest.mark.parametrize(
    ("statement", "fmt", "section"),
    [
        (SAID, "DAP", "data"),
        (SEEN, "DAP", "data"),
        (SAID, "SOAP", "subjective"),
        (SEEN, "soap", "objective"),
        (MEANT, "DAP", "assessment"),
        (NEXT, "SOAP", "plan"),
    ],
)
def test_subjective_and_objective_are_both_dap_data(statement, fmt, section):
    assert casework.section_of(statement, fmt) == section


def test_an_unknown_format_gets_a_plain_message():
    with pytest.raises(ValidationError, match="'BIRP' is not a note format; choose DAP or SOAP"):
        casework.NotePractice(NOTE, "BIRP")


def test_right_section_and_right_flag_is_correct_and_offers_the_better_wording():
    result = casework.judge_statement(SEEN, "SOAP", "objective", flagged=True)
    assert result.correct
    assert result.message.startswith("Correct: Objective.")
    assert "Right to flag: 'Rude' is a judgment. Better: \u201cClient raised her voice" in result.message


def test_a_missed_flag_is_not_correct_even_in_the_right_section():
    result = casework.judge_statement(SEEN, "DAP", "data", flagged=False)
    assert result.section.correct and not result.flag_correct and not result.correct
    assert "Flag this wording" in result.message


def test_flagging_sound_wording_is_wrong_and_says_so():
    result = casework.judge_statement(SAID, "DAP", "data", flagged=True)
    assert not result.flag_correct
    assert "This wording is sound; it did not need a flag." in result.message


def test_a_section_that_is_not_in_the_format_is_refused():
    with pytest.raises(ValidationError, match="'subjective' is not one of the choices"):
        casework.judge_statement(SAID, "DAP", "subjective", flagged=False)


def test_practice_keeps_score_and_assembles_the_note_with_rewrites():
    practice = casework.NotePractice(NOTE, "DAP")
    practice.answer("said", "data", False)
    practice.answer("seen", "assessment", False)
    assert practice.score == (1, 1, 2)
    assert practice.assembled() == {
        "data": [SAID.text, "Client raised her voice and left after ten minutes."],
        "assessment": [MEANT.text],
        "plan": [NEXT.text],
    }
    with pytest.raises(ValidationError, match="has no statement 'nope'"):
        practice.answer("nope", "data", False)


def test_a_statement_flagged_without_a_rewrite_fails_its_check():
    with pytest.raises(ValidationError, match="needs a rewrite"):
        NoteStatement("x", "Client lazy.", "objective", "why", flag="A label.")


def need(need_id, urgency, answer="a") -> ReferralNeed:
    return ReferralNeed(
        need_id,
        f"Need {need_id}",
        urgency,
        f"Why {urgency}.",
        "Which service?",
        (
            Option("a", "Service A", "Best. Fits."),
            Option("b", "Service B", "Not best. Waitlist."),
            Option("c", "Service C", "Not best. Wrong need."),
        ),
        answer,
        "Transport",
        "Call in 3 days",
    )


PLAN = ReferralPlan(
    "plan",
    "third-grader-doubled-up",
    "A plan",
    (need("later", "this-month"), need("now", "today", "b"), need("soon", "this-week")),
)


def test_referral_choices_are_judged_by_service_and_timing():
    session = casework.ReferralSession(PLAN)
    right = session.choose("now", "b", "today")
    assert right.service.correct and right.urgency_correct
    assert right.message.endswith("Right timing: today. Why today.")
    wrong = session.choose("later", "a", "this week")
    assert wrong.service.correct and not wrong.urgency_correct
    assert "Timing: not quite: this month." in wrong.message
    assert session.score == (2, 1, 2)


def test_the_plan_table_lists_the_students_choices_soonest_first():
    session = casework.ReferralSession(PLAN)
    session.choose("later", "c", "this-month")
    session.choose("soon", "a", "this-week")
    session.choose("now", "b", "today")
    table = session.plan_table()
    assert list(table["Need"]) == ["Need now", "Need soon", "Need later"]
    assert list(table["Referral"]) == ["Service B", "Service A", "Service C"]
    assert list(table.columns) == ["Need", "Referral", "When", "Barrier to plan for", "Follow-up"]


@pytest.mark.parametrize(
    ("need_id", "service", "urgency", "message"),
    [
        ("now", "b", "next year", "'next year' is not a time frame"),
        ("nope", "a", "today", "has no need 'nope'"),
        ("now", "z", "today", "'z' is not one of the choices"),
    ],
)
def test_impossible_referral_choices_get_plain_messages(need_id, service, urgency, message):
    with pytest.raises(ValidationError, match=message):
        casework.ReferralSession(PLAN).choose(need_id, service, urgency)


def test_an_empty_plan_table_still_has_its_columns():
    assert list(casework.ReferralSession(PLAN).plan_table().columns)[0] == "Need"
