"""Scaling ratings over sessions, and self-disclosure judged question by question."""

import pytest

from mswlab import relationship
from mswlab.content.planning import DisclosureAnswers, DisclosureScenario
from mswlab.errors import ValidationError


def test_ratings_go_in_session_order_and_report_the_change():
    log = relationship.ScalingLog()
    assert log.add("3").session == 1 and log.change() is None
    log.add(5, "  slept through Tuesday  ")
    log.add("6.0", session="4")
    assert [(r.session, r.rating) for r in log.ratings] == [(1, 3), (2, 5), (4, 6)]
    assert log.ratings[1].exceptions == "slept through Tuesday"
    assert log.change() == 3 and log.next_session == 5
    assert log.remove_last().rating == 6 and log.next_session == 3


@pytest.mark.parametrize(
    ("rating", "session", "message"),
    [
        ("11", None, "11 is off the scale; a rating runs from 1 to 10."),
        (0, None, "0 is off the scale"),
        ("seven", None, "'seven' is not a number; enter a whole number from 1 to 10 in digits"),
        ("6.5", None, "6.5 is not a whole number"),
        ("", None, "Enter a whole number from 1 to 10."),
        (True, None, "Enter a whole number from 1 to 10."),
        ("5", "1", "Session 1 comes before or at session 1, already recorded"),
        ("5", "x", "'x' is not a number; enter a session number"),
    ],
)
def test_impossible_entries_are_refused_in_words_and_nothing_is_lost(rating, session, message):
    log = relationship.ScalingLog()
    log.add(4)
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        log.add(rating, session=session)
    assert [(r.session, r.rating) for r in log.ratings] == [(1, 4)]


SCENARIO = DisclosureScenario(
    id="test",
    title="Divorce",
    setting="private-practice",
    situation="A client describes her divorce.",
    disclosure='"I went through a divorce too."',
    answers=DisclosureAnswers(
        why="for-me", benefit="unclear", risks="high", colleagues="concerned", verdict="do-not-share"
    ),
    notes={k: f"Note on {k}." for k in ("why", "benefit", "risks", "colleagues", "verdict")},
    instead="Reflect her loss.",
)


def test_disclosure_answers_are_judged_per_question_with_the_scenarios_notes():
    results = relationship.judge_disclosure(
        SCENARIO,
        {"why": "for-me", "benefit": "clear", "risks": "high", "colleagues": "concerned", "verdict": "do-not-share"},
    )
    assert {k: r.correct for k, r in results.items()} == {
        "why": True,
        "benefit": False,
        "risks": True,
        "colleagues": True,
        "verdict": True,
    }
    assert results["benefit"].message.startswith("Not quite.") and "Note on benefit." in results["benefit"].message


def test_an_unanswered_question_or_an_unknown_answer_is_named():
    with pytest.raises(ValidationError, match="Answer 'How will it benefit the client\\?' first"):
        relationship.judge_disclosure(SCENARIO, {"why": "for-me"})
    with pytest.raises(ValidationError, match="'maybe' is not one of the choices"):
        relationship.judge_disclosure(
            SCENARIO,
            {
                "why": "maybe",
                "benefit": "clear",
                "risks": "low",
                "colleagues": "comfortable",
                "verdict": "share-briefly",
            },
        )


def test_disclosure_scenarios_run_on_the_one_loop_and_the_first_check_counts():
    second = DisclosureScenario(**{**SCENARIO.__dict__, "id": "second"})
    session = relationship.DisclosureSession([SCENARIO, second])
    with pytest.raises(ValidationError, match="Answer 'Why am I sharing this\\?' first"):
        session.check({})
    assert not session.checked and session.run.answers == {}
    wrong = {"why": "for-client", "benefit": "clear", "risks": "low", "colleagues": "comfortable"}
    assert not session.check({**wrong, "verdict": "share-briefly"})["verdict"].correct
    right = {"why": "for-me", "benefit": "unclear", "risks": "high", "colleagues": "concerned"}
    assert session.check({**right, "verdict": "do-not-share"})["verdict"].correct  # feedback, not the score
    assert session.results == {"test": 0} and session.run.score == (0, 1)
    assert session.advance() and session.scenario.id == "second" and not session.checked
    assert not session.advance()  # the last scenario stays on screen
