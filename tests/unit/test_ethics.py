"""The Ethical Principles Screen on dilemmas, and Reamer's steps as a decision record."""

import datetime as dt

import pytest

from mswlab import ethics
from mswlab.content import ethics_frameworks
from mswlab.content.ethics import Dilemma
from mswlab.content.models import Option
from mswlab.errors import ValidationError
from tests.conftest import at


def dilemma(principles=("privacy-and-confidentiality", "protection-of-life"), answer="b") -> Dilemma:
    return Dilemma(
        id="test-dilemma",
        title="A test",
        setting="school",
        narrative="word " * 80,
        principles=principles,
        principle_notes={p: f"Note on {p}." for p in principles},
        prompt="What should the worker do?",
        options=(
            Option("a", "Keep the secret", "Not best. Life comes first."),
            Option("b", "Tell the student you must act, and act", "Best. Protection of life (1) comes first."),
            Option("c", "Wait and see", "Not best. Delay risks harm."),
        ),
        answer=answer,
        standards=("1.07",),
        competencies=(1,),
    )


def test_frameworks_list_the_screen_in_rank_order_and_six_sections():
    f = ethics_frameworks()
    assert [p.id for p in f.screen] == [
        "protection-of-life",
        "social-justice",
        "autonomy",
        "least-harm",
        "quality-of-life",
        "privacy-and-confidentiality",
        "truthfulness",
    ]
    assert [s.number for s in f.standards] == [1, 2, 3, 4, 5, 6]
    assert f.standard_titles["1.07"] == "Privacy and confidentiality"
    assert len(f.reamer_steps) == 7 and len(f.core_values) == 6


def test_screen_order_puts_the_higher_principle_first_whatever_the_input_order():
    assert ethics.screen_order(["truthfulness", "autonomy", "least-harm"]) == ["autonomy", "least-harm", "truthfulness"]


def test_ranking_in_the_screens_order_is_right_and_says_why():
    result = ethics.judge_ranking(dilemma(), ["protection-of-life", "privacy-and-confidentiality"])
    assert result.correct
    assert result.message.startswith(
        "Correct: the Screen puts protection of life (1) above privacy and confidentiality (6)."
    )
    assert "Note on protection-of-life." in result.message


def test_ranking_out_of_order_is_not_quite_and_gives_the_order():
    result = ethics.judge_ranking(dilemma(), ["privacy-and-confidentiality", "protection-of-life"])
    assert not result.correct and result.message.startswith("Not quite.")
    assert result.expected == ["protection-of-life", "privacy-and-confidentiality"]


@pytest.mark.parametrize(
    "ranking",
    [["protection-of-life"], ["protection-of-life", "protection-of-life"], ["protection-of-life", "truthfulness"]],
)
def test_a_ranking_that_does_not_use_each_principle_once_gets_a_plain_message(ranking):
    with pytest.raises(ValidationError, match="exactly one place: Privacy and confidentiality, Protection"):
        ethics.judge_ranking(dilemma(), ranking)


def test_dilemma_checks_reject_a_missing_rationale_and_an_answer_that_is_not_an_option():
    with pytest.raises(ValidationError, match="not one of the options"):
        dilemma(answer="z")
    good = dilemma()
    with pytest.raises(ValidationError, match="needs a rationale"):
        Dilemma(**{**good.__dict__, "options": good.options[:2] + (Option("c", "Wait", None),)})


def complete(**changes) -> ethics.ReamerAnswers:
    answers = ethics.ReamerAnswers(
        issues="Confidentiality against a student's safety.",
        principles=["privacy-and-confidentiality", "protection-of-life"],
        affected="The student, the family and the school.",
        options=["Keep the secret for now", "Tell the student, then follow the protocol", ""],
        reasons_for=["Keeps the student's trust", "Protects the student's life now", ""],
        reasons_against=["Leaves the student at risk", "May strain trust for a while", ""],
        consultation="My supervisor agreed the protocol applies.",
        decision=1,
        decision_reason="Life comes before confidentiality on the Screen.",
        monitoring="Check in daily this week and note each contact.",
    )
    for name, value in changes.items():
        setattr(answers, name, value)
    return answers


def test_a_blank_worksheet_names_every_missing_part_in_words():
    problems = ethics.reamer_problems(ethics.ReamerAnswers())
    assert set(problems) == {
        "issues",
        "affected",
        "consultation",
        "monitoring",
        "principles",
        "options",
        "decision",
        "decision_reason",
    }
    assert problems["options"] == "List at least two realistic courses of action."


def test_each_listed_option_needs_reasons_both_ways():
    problems = ethics.reamer_problems(complete(reasons_against=["Leaves the student at risk", "", ""]))
    assert problems == {"reasons_against[1]": "Give the reasons against option 2. Write at least 3 words."}


@pytest.mark.parametrize("decision", [None, 2, 7])
def test_the_decision_must_be_one_of_the_options_listed(decision):
    assert "decision" in ethics.reamer_problems(complete(decision=decision))


@pytest.mark.time_machine(at(dt.date(2026, 11, 22)))
def test_a_complete_worksheet_makes_a_record_with_principles_in_the_screens_order():
    record = ethics.decision_record(complete(), dilemma=dilemma())
    assert record.principles_by_screen == ("Protection of life (1)", "Privacy and confidentiality (6)")
    assert record.decision == "Tell the student, then follow the protocol"
    assert [o["option"] for o in record.options] == [
        "Keep the secret for now",
        "Tell the student, then follow the protocol",
    ]
    text = record.as_markdown()
    assert text.startswith("### Ethical decision record (2026-11-22)\n\n**Dilemma:** A test")
    assert "2. Tell the student, then follow the protocol *For:* Protects the student's life now" in text
    assert "**7. Monitoring and evaluation:** Check in daily" in text


def test_an_incomplete_worksheet_makes_no_record():
    with pytest.raises(ValidationError, match="Say who is affected"):
        ethics.decision_record(complete(affected=""))
