"""BPSS completeness, the ecomap model, SAFE-T judging and the vignette schema, on real cases."""

from __future__ import annotations

import copy

import pytest
import yaml

from mswlab import assessment
from mswlab.content import vignette, vignettes
from mswlab.content.base import build
from mswlab.content.vignettes import Vignette
from mswlab.errors import ValidationError
from tests.conftest import ROOT

CASE = "middle-school-absences"


def test_bpss_feedback_names_domain_and_source_and_what_is_missing():
    record = assessment.BPSSRecord(vignette(CASE))
    record.place("asthma-inhaler-lapsed", "biological", "records")  # right
    record.place("church-youth-band", "social", "collateral")  # wrong domain
    record.place("headaches-on-waking", "Biological", "observation")  # wrong source
    result = record.completeness()
    by_id = {f.fact_id: f for f in result.feedback}
    assert by_id["asthma-inhaler-lapsed"].correct
    assert not by_id["church-youth-band"].correct and "spiritual, not social" in by_id["church-youth-band"].message
    assert by_id["headaches-on-waking"].domain_correct and by_id["headaches-on-waking"].source_correct is False
    assert len(result.missing) == len(vignette(CASE).facts) - 3
    assert "psychological" in result.empty_domains and "spiritual" in result.empty_domains
    assert result.by_domain["biological"] == (2, 2) and not result.complete


def test_bpss_complete_when_every_fact_is_filed_as_the_key_says():
    case = vignette(CASE)
    record = assessment.BPSSRecord(case)
    for fact in case.facts:
        record.place(fact.id, fact.domain, fact.source)
    result = record.completeness()
    assert result.complete and result.missing == () and result.empty_domains == ()
    text = record.summary_text()
    assert all(fact.text in text for fact in case.facts) and "Not yet assessed" not in text


def test_bpss_rejects_unknown_domain_source_and_fact():
    record = assessment.BPSSRecord(vignette(CASE))
    for args, field in (
        (("asthma-inhaler-lapsed", "emotional"), "domain"),
        (("asthma-inhaler-lapsed", "biological", "rumour"), "source"),
        (("no-such-fact", "biological"), "fact"),
    ):
        with pytest.raises(ValidationError) as err:
            record.place(*args)
        assert err.value.field == field


def test_ecomap_add_validates_and_describes_in_words():
    ecomap = assessment.Ecomap.from_spec(vignette(CASE).ecomap)
    ecomap.add("Food bank", "community", "tenuous", "to-client")
    assert "Food bank (community): tenuous connection; energy or resources flow toward the person." in ecomap.describe()
    for args, field in (
        (("",), "system"),
        (("food bank",), "system"),
        (("Gym", "spa"), "kind"),
        (("Gym", "other", "close"), "connection"),
        (("Gym", "other", "strong", "up"), "flow"),
    ):
        with pytest.raises(ValidationError) as err:
            ecomap.add(*args)
        assert err.value.field == field
    ecomap.remove("FOOD BANK")
    assert all(link.system != "Food bank" for link in ecomap.links)


def test_every_triage_case_is_consistent_and_levels_span_low_to_high():
    cases = assessment.triage_cases(vignettes())
    assert len(cases) >= 10
    assert {c.triage.level for c in cases} == {"low", "moderate", "high"}
    for case in cases:
        risk = [f.id for f in case.facts if f.factor == "risk"]
        protective = [f.id for f in case.facts if f.factor == "protective"]
        assert all(r.correct for r in assessment.judge_factors(case, risk, protective))
        assert assessment.judge_level(case, case.triage.level)[0]
        assert assessment.judge_action(case, case.triage.next_action.answer).correct


def test_triage_feedback_explains_misses_and_wrong_levels():
    case = assessment.triage_cases(vignettes())[0]
    risk = [f.id for f in case.facts if f.factor == "risk"]
    results = assessment.judge_factors(case, risk[1:], [])
    missed = next(r for r in results if r.fact_id == risk[0])
    assert not missed.correct and missed.message.startswith("Missed: this is a risk factor")
    wrong = next(level for level in assessment.RISK_LEVELS if level != case.triage.level)
    ok, text = assessment.judge_level(case, wrong)
    assert not ok and f"not {wrong}" in text and case.triage.level_rationale in text
    with pytest.raises(ValidationError):
        assessment.judge_factors(case, risk[:1], risk[:1])


def test_documentation_note_names_each_missing_part_and_why():
    case = assessment.triage_cases(vignettes())[0]
    partial = assessment.check_note(case, risk_factors="Recent loss of job and poor sleep this week", plan="ok")
    assert "plan" in partial.missing and "risk_factors" not in partial.missing
    assert len(partial.reasons) == len(partial.missing) == 5  # the short parts (elements are looked for once written)
    with pytest.raises(ValidationError):
        assessment.check_note(case, diagnosis="none")


def test_any_five_words_do_not_make_a_note_each_safe_t_element_is_required_and_named():
    for case in assessment.triage_cases(vignettes()):
        filler = assessment.check_note(case, **{name: "five words or more here" for name in assessment.NOTE_FIELDS})
        assert filler.missing == ("risk level", "protective factors", "plan", "who was consulted"), case.id
        assert any("such as: " in reason for reason in filler.reasons)  # names one of this case's factors
        protective = " ".join(f.text for f in case.facts if f.factor == "protective")
        note = assessment.check_note(
            case,
            risk_factors="The risk factors are recorded in the key facts above.",
            protective_factors=protective,
            inquiry="Asked directly about thoughts, plans, behavior and intent.",
            level_and_rationale=f"{case.triage.level.capitalize()} risk, for the reasons above, reviewed with my "
            "supervisor.",
            plan="Completed a safety plan together and gave crisis numbers, including 988.",
            follow_up="Follow-up call tomorrow at noon, then weekly sessions.",
        )
        assert note.complete, (case.id, note.missing)
    case = assessment.triage_cases(vignettes())[0]
    unnamed = assessment.check_note(
        case,
        **{name: "five words or more here" for name in assessment.NOTE_FIELDS}
        | {
            "level_and_rationale": "High risk given the plan for tonight and the prior attempt.",
            "plan": "Arranged an emergency evaluation per protocol today.",
        },
    )
    assert unnamed.missing == ("protective factors", "who was consulted")
    assert "Name who you consulted, such as your supervisor" in unnamed.reasons[1]


def test_an_untouched_sort_scores_nothing_and_says_to_sort_first():
    case = assessment.triage_cases(vignettes())[0]
    untouched = assessment.judge_factors(case, [], [], neither=[])
    assert all(not r.correct and r.chosen == "unsorted" for r in untouched)
    assert assessment.factor_score(untouched) == (
        0,
        f"Sort the facts first: mark each one as a risk factor, a "
        f"protective factor or neither (0 of {len(case.facts)}).",
    )
    neither = [f.id for f in case.facts if f.factor == "neither"]
    partly = assessment.judge_factors(case, [], [], neither=neither)
    right, line = assessment.factor_score(partly)
    assert right == len(neither) and line.endswith(f"{len(case.facts) - len(neither)} not sorted yet.")


def _case_data() -> dict:
    return yaml.safe_load((ROOT / f"datasets/vignettes/{CASE}.yaml").read_text())


# Errors name the nearest entry with an id (the case, a fact or a decision point) and the field in it.
@pytest.mark.parametrize(
    "change, entry, field",
    [
        (lambda d: d.update(narrative="Too short."), CASE, "narrative"),
        (lambda d: d["facts"][0].update(domain="emotional"), "asthma-inhaler-lapsed", "domain"),
        (lambda d: d["facts"].append(dict(d["facts"][0])), CASE, "facts"),
        (lambda d: d.update(competencies=[12]), CASE, "competencies[0]"),
        (lambda d: d["ecomap"]["links"][0].update(connection="close"), CASE, "ecomap.links[0].connection"),
        (
            lambda d: d.update(
                decision_points=[
                    {
                        "id": "first",
                        "prompt": "What FIRST?",
                        "answer": "z",
                        "options": [
                            {"key": "a", "text": "A", "rationale": "r"},
                            {"key": "b", "text": "B", "rationale": "r"},
                            {"key": "c", "text": "C", "rationale": "r"},
                        ],
                    }
                ]
            ),
            "first",
            "answer",
        ),
        (
            lambda d: d.update(
                decision_points=[
                    {
                        "id": "second",
                        "prompt": "Then?",
                        "answer": "a",
                        "after": {"first": ["a"]},
                        "options": [
                            {"key": "a", "text": "A", "rationale": "r"},
                            {"key": "b", "text": "B", "rationale": "r"},
                            {"key": "c", "text": "C", "rationale": "r"},
                        ],
                    }
                ]
            ),
            "second",
            "after.first",
        ),
    ],
)
def test_malformed_vignette_names_entry_and_field(change, entry, field):
    data = copy.deepcopy(_case_data())
    change(data)
    with pytest.raises(ValidationError) as err:
        build(Vignette, data)
    assert (err.value.entry, err.value.field) == (entry, field)
