"""The assessment views, driven through their Python twins as a student would click them."""

from __future__ import annotations

import pytest

from mswlab import assessment, instruments
from mswlab.content import vignette
from mswlab.content.loader import screenings
from widgets import bpss_builder, ecomap_builder, instrument_calculator, instrument_practice, risk_triage, ropes_sorter
from widgets.feedback import text_of

CASE = "middle-school-absences"


def test_instrument_practice_checks_total_band_and_follow_up_against_the_engine():
    view = instrument_practice("dast10")
    case = view.current
    truth = instruments.score(case.instrument, case.responses)
    naive = sum(case.responses)  # forgetting the reverse-scored item 3
    assert naive != truth.total
    view.enter(naive, truth.band, truth.follow_up)
    assert view.submit() is False and "Item 3 is reverse-scored" in view.feedback_text
    view.enter(truth.total, truth.band, truth.follow_up)
    assert view.submit() is True and "Total: correct" in view.feedback_text
    assert view.results == {case.id: False}  # the first attempt is the one recorded


@pytest.mark.parametrize(
    "typed, words", [("", "Enter the total first"), ("many", "whole number"), ("99", "can only be from 0 to 10")]
)
def test_instrument_practice_bad_total_is_named_beside_the_field(typed, words):
    view = instrument_practice("dast10")
    view.enter(typed)
    assert view.submit() is None and words in text_of(view._total_msg)
    assert view.feedback_text == ""


def test_instrument_practice_item9_case_expects_the_safety_follow_up():
    view = instrument_practice("phq9")
    while "item9_positive" not in instruments.score("phq9", view.current.responses).flags:
        assert view.next(), "a practice PHQ-9 with item 9 answered above 0 should exist"
    result = instruments.score("phq9", view.current.responses)
    view.enter(result.total, result.band, instruments.rule("phq9").band_for(result.total).action)
    assert view.submit() is False and "suicide" in view.feedback_text
    view.enter(follow_up=result.follow_up)
    assert view.submit() is True


def test_every_practice_questionnaire_walks_through_to_the_end():
    view = instrument_practice()
    seen = 1
    while view.next():
        seen += 1
    assert seen == len(screenings())


def test_calculator_names_the_out_of_range_item_inline_and_keeps_other_entries():
    view = instrument_calculator("audit")
    view.enter(1, 2, 3, 4, 4, 0, 0, 0, 1, 2)
    assert view.calculate() is None
    assert view.messages[8] == "1 is not a possible answer; item 9 is scored 0, 2 or 4"
    assert [m for i, m in enumerate(view.messages) if i != 8] == [""] * 9
    assert view._inputs[0].value == "1"  # nothing the student typed is lost
    view._inputs[8].value = "2"  # after the first Score it, every edit scores again
    result = view.result
    assert (
        result is not None and result.total == 18 and "zone III" in text_of(view._output) and view.messages == [""] * 10
    )


def test_calculator_blank_item_is_named():
    view = instrument_calculator("phq2")
    view.enter(1, None)
    assert view.calculate() is None and "item 2 has no answer" in view.messages[1]


def test_bpss_builder_gives_per_fact_feedback_and_a_note():
    view = bpss_builder(CASE)
    case = vignette(CASE)
    first, second = case.facts[0], case.facts[1]
    view.sort(first.id, first.domain, first.source)
    wrong = next(d for d in assessment.DOMAINS if d != second.domain)
    view.sort(second.id, wrong)
    result = view.check()
    assert text_of(view._feedback[first.id]).startswith("Right.")
    assert f"files this under {second.domain}" in text_of(view._feedback[second.id])
    assert text_of(view._feedback[case.facts[2].id]) == "Not placed yet: choose a domain."
    assert len(result.missing) == len(case.facts) - 2
    assert first.text in view.note_text and "Strengths:" in view.note_text
    assert not view.add_strength("  ") and "write the strength" in text_of(view._strength_msg)
    assert view.add_strength("Keeps drawing at home") and "  - Keeps drawing at home" in view.note_text


def test_ecomap_builder_adds_redraws_and_explains_bad_input():
    view = ecomap_builder(CASE)
    before = len(view.figure.data)
    assert view.add("Food bank", "community", "stressful", "to-client")
    assert len(view.figure.data) == before + 1 and "Food bank" in text_of(view._text)
    assert not view.add("Food bank") and "already on the map" in view.message_text
    assert not view.add("   ") and "give the system a name" in view.message_text
    assert view.remove("Food bank") and len(view.figure.data) == before


def test_empty_ecomap_starts_with_a_prompt_and_a_legend():
    view = ecomap_builder()
    names = {t.name for t in view.figure.data if t.name}
    assert {"Strong (solid)", "Tenuous (dashed)", "Stressful (hatched)"} <= names
    assert view.add("Aunt Rosa", "extended-family", "strong", "both")


def test_risk_triage_walks_the_five_steps_with_reasons():
    view = risk_triage()
    assert len(view.cases) >= 10
    case = view.case
    assert "988" in assessment.SAFETY_NOTE and "training simulation" in assessment.SAFETY_NOTE
    risk = [f.id for f in case.facts if f.factor == "risk"]
    protective = [f.id for f in case.facts if f.factor == "protective"]
    untouched = view.check_factors()
    assert not any(r.correct for r in untouched) and "Sort the facts first" in text_of(view._factor_summary)
    view.mark_factors(risk=risk, protective=protective)
    assert all(r.correct for r in view.check_factors())
    view.mark_factors(risk=risk[1:], protective=protective)
    view.check_factors()
    assert "Missed" in text_of(view._fact_feedback[risk[0]])
    assert view.check_decision() is None and "Choose a risk level" in text_of(view._decision)
    view.decide(case.triage.level, case.triage.next_action.answer)
    assert view.check_decision() is True and case.triage.level_rationale in view.decision_text
    view.write_note(risk_factors="Job loss, isolation, and poor sleep")
    note = view.check_note()
    assert not note.complete and "Still missing (protective factors, inquiry" in view.note_feedback_text
    view.write_note(**{n: "recorded in full sentences here" for n in assessment.NOTE_FIELDS})
    assert not view.check_note().complete  # any five words are not a note
    assert "Still missing (risk level, protective factors, plan, who was consulted)" in view.note_feedback_text
    view.write_note(
        protective_factors=" ".join(f.text for f in case.facts if f.factor == "protective"),
        level_and_rationale=f"{case.triage.level} risk given the facts above; consulted my supervisor.",
        plan="Safety plan completed together, with crisis numbers including 988.",
    )
    assert view.check_note().complete and case.triage.example_note in view.note_feedback_text


def test_risk_triage_picker_switches_case_and_resets():
    view = risk_triage()
    other = view.cases[1]
    view.decide("low")
    view.pick(other.id)
    assert view.case.id == other.id and view._level.value is None
    assert set(view._marks) == {f.id for f in other.facts}


def test_ropes_sorter_uses_the_choice_engine():
    view = ropes_sorter()
    item = view.session.current
    assert view.choose(item.answer) and view.submit().correct
    assert not view.choose("opportunity-ish") and "not one of the choices" in view.message_text
