"""The helping-skill writing rules: a reflection (reflective_response) and open questions (open_questions).
A passing answer earns every rule, and each rule fails on its own for the fault it names."""

from __future__ import annotations

from mswlab.content.tasks import WriteVariant
from mswlab.tasks.kinds import KINDS
from mswlab.tasks.writing import WRITING, advice_phrases, open_question

CLIENT = WriteVariant(
    id="night-shift",
    given="I work nights now, and I barely see my daughter. I feel like I'm missing her whole childhood.",
    given_label="What Ifeoma says",
    must_mention=(("night", "shift", "work", "daughter"), ("sad", "miss", "guilt", "torn", "loss", "worried")),
    example={"reflection": "Working nights means missing time with your daughter, and that feels like a real loss."},
)
PASSING = "Working nights keeps you from your daughter, and you feel sad, like her childhood is slipping past you."


def _verdicts(reflection: str) -> dict[str, bool]:
    return {r.label: r.passed for r in WRITING["reflective_response"].judge(CLIENT, {"reflection": reflection})}


def _failed(reflection: str) -> list[str]:
    return [label for label, passed in _verdicts(reflection).items() if not passed]


def test_a_reflection_passes_every_rule_forgiving_case_quotes_and_curly_apostrophes():
    assert all(_verdicts(PASSING).values())
    assert all(_verdicts("“YOU’RE WORKING NIGHTS, AND YOU’RE SAD TO MISS SO MUCH OF YOUR DAUGHTER’S DAYS.”").values())


def test_a_question_fails_only_the_statement_rule():
    assert _failed("Working nights keeps you from your daughter, and you feel sad about it?") == [
        "A statement, not a question"
    ]
    assert _failed("Do you feel sad that working nights keeps you from your daughter so much.") == [
        "A statement, not a question"
    ]
    assert _failed("What I hear is that working nights leaves you sad to miss your daughter.") == []


def test_advice_or_reassurance_fails_only_the_advice_rule():
    for fix in ("you should ask for days", "at least you have a job", "don’t worry, it will be fine"):
        assert _failed(f"Working nights keeps you from your daughter and you feel sad; {fix}.") == [
            "No advice or reassurance"
        ], fix
    assert advice_phrases("Have you tried asking for day shifts? Try to rest.") == ["have you tried", "try to"]
    # The client's own words reported back are not advice.
    assert advice_phrases("You feel you should be there more, and you try to make every weekend count.") == []


def test_the_content_and_the_feeling_are_each_needed():
    assert _failed("You feel sad, like so much is slipping past you right now.") == ["Names what the client said"]
    assert _failed("Working nights means you see your daughter only on weekends now.") == ["Names a feeling or meaning"]


def test_length_and_an_empty_answer():
    assert _failed("Nights: sad about your daughter.") == ["A reflection's length"]
    assert _failed("Working nights, you feel sad about your daughter. " * 8) == ["A reflection's length"]
    assert not any(_verdicts("").values())


def test_the_write_kind_shows_the_given_text_under_its_label():
    assert KINDS["write"].data(None, CLIENT).startswith("**What Ifeoma says:**\n\n> I work nights")
    note = WriteVariant(id="note", given="Client was hostile.", example={"note": "x"})
    assert KINDS["write"].data(None, note).startswith("**The note as written:**")


GAPS = WriteVariant(
    id="gaps",
    must_mention=(("sleep", "night", "rest"), ("rent", "money", "bills"), ("sister", "family")),
    example={
        "q1": "How have your nights been lately?",
        "q2": "What is the rent doing to your budget?",
        "q3": "Tell me about your sister.",
    },
)
GOOD = {
    "q1": "How have you been sleeping lately?",
    "q2": "What worries you most about the rent?",
    "q3": "Tell me about your week.",
}


def _questions(**answers: str) -> dict[str, bool]:
    return {r.label: r.passed for r in WRITING["open_questions"].judge(GAPS, {**GOOD, **answers})}


def _missed(**answers: str) -> list[str]:
    return [label for label, passed in _questions(**answers).items() if not passed]


def test_three_open_questions_that_reach_two_gaps_pass():
    assert all(_questions().values())
    assert all(_questions(q1="“HOW’S YOUR SLEEP BEEN?”", q3="Thinking about your sister, what has changed?").values())


def test_each_question_is_judged_on_its_own():
    assert _missed(q1="Are you sleeping well?") == ["Question 1 is open"]
    assert _missed(q2="Why haven't you paid the rent?") == ["Question 2 is open"]
    assert _missed(q3="Is there anything else?") == ["Question 3 is open"]
    assert _missed(q3="What else is on your mind") == ["Question 3 is open"]  # no question mark


def test_together_the_questions_must_reach_two_gaps():
    assert _missed(q2="What brings you in today?") == ["Reaches two of the gaps"]
    assert _missed(q2="What brings you in today?", q3="Tell me about your family.") == []


def test_open_question_says_why_in_plain_words():
    assert open_question("Describe a usual morning.") == (True, "It is open: the person can answer in their own words.")
    assert open_question("Could you tell me more about that?")[0]
    assert "yes or no" in open_question("Do you have support?")[1]
    assert "blame" in open_question("Why did you stop going?")[1]
    assert "question mark" in open_question("What happened next")[1]
    assert open_question("") == (False, "No question was written.")
