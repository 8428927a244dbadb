"""Single-system analysis (mswlab.single_system) and session feedback (mswlab.session_feedback).

The indices themselves are tested by hand in test_outcomes.py; here the arithmetic shown is
what the analysis adds: which phases are compared, where the celeration line sits after a
phase in between, the interpretation's claims, and the parsing of typed data.
"""

from __future__ import annotations

import pytest

from mswlab import outcomes, single_system
from mswlab.errors import ValidationError
from mswlab.session_feedback import FeedbackLog

ABAB = [("A", [1, 2, 1, 1, 2]), ("B", [3, 4, 4, 5, 5]), ("A2", [3, 2, 2, 1, 2]), ("B2", [4, 5, 5, 6, 5])]


def test_each_intervention_phase_is_compared_with_the_baseline_before_it():
    analysis = single_system.analyse(ABAB)
    assert analysis.design == "A-B-A-B"
    assert [(c.baseline, c.phase, c.start, c.gap) for c in analysis.comparisons] == [
        ("A", "B", 1, 0),
        ("A2", "B2", 11, 0),
    ]
    # B2 against A2: A2 = 3, 2, 2, 1, 2 (max 3); every B2 point (4, 5, 5, 6, 5) is above it -> PND 100
    assert analysis.comparisons[1].pnd == 100
    # A2 mean 2.0 sits closer to A's 1.4 than B's 4.2 did: a reversal, and the text says so
    assert any(
        p.startswith("When the intervention stopped (A2), the mean moved from 4.20 to 2.00, back toward")
        for p in analysis.interpretation
    )


def test_a_later_phase_is_judged_against_the_celeration_line_at_its_own_sessions():
    # A-B-C: A = 8, 8, 9, 8, 8 (sessions 1-5), B sessions 6-11, C = 6, 5, 5, 4, 4, 3 at sessions 12-17.
    # Split-middle: halves (8, 8) at sessions 1.5 and (8, 8) at 4.5 -> a flat line at 8, so every C point,
    # being below 8 where lower is better, is beyond it; C is compared with A after a gap of 6 sessions.
    analysis = single_system.analyse(
        [("A", [8, 8, 9, 8, 8]), ("B", [8, 8, 7, 8, 8, 7]), ("C", [6, 5, 5, 4, 4, 3])], "decrease"
    )
    c = analysis.comparisons[1]
    assert (c.baseline, c.phase, c.gap) == ("A", "C", 6)
    assert c.celeration.slope == 0 and c.celeration.at(12) == 8 and c.celeration.beyond == 1
    # B against A: the band is 8.2 +/- 2 x 0.447 = 7.306 to 9.094; B's 7s (sessions 8 and 11) are below it but
    # not two in a row, so the rule is not met; PND: points below the baseline's best (8) are 2 of 6 = 33.3%
    b = analysis.comparisons[0]
    assert b.band.beyond == (False, False, True, False, False, True) and not b.band.met
    assert b.pnd == pytest.approx(33.333, abs=5e-4)
    assert "PND is 33.3% (not effective by the usual rough reading)" in analysis.interpretation[4]


def test_a_tau_u_above_one_is_explained():
    # B2 vs A2 in ABAB: S_AB = 25 (all 5 x 5 pairs improve). A2 = 3, 2, 2, 1, 2 has its own trend S: from 3,
    # four later points are lower (-4); from the first 2: 2 (0), 1 (-1), 2 (0); from the second 2: 1 (-1), 2 (0);
    # from 1: 2 (+1). S_A = -4 - 1 - 1 + 1 = -5 (it fell), so Tau-U = (25 - (-5)) / 25 = 1.2
    analysis = single_system.analyse(ABAB)
    assert analysis.comparisons[1].tau_u == pytest.approx(1.2)
    assert "can pass 1 when the baseline was getting worse" in analysis.interpretation[6]


def test_the_interpretation_names_the_direction_and_carries_the_caveats():
    analysis = single_system.analyse([("A", [9, 8, 8, 7, 6, 6]), ("B", [5, 5, 4, 4, 3, 3, 2, 2])], "decrease")
    assert analysis.interpretation[0] == "This is an A-B design, and here lower scores mean improvement."
    assert analysis.caveats and analysis.caveats[0].startswith("The baseline was already improving")
    assert analysis.caveats[0] in analysis.interpretation
    assert analysis.interpretation[-1].startswith("Remember: a single-system design shows change")


def test_stats_tables_hold_one_row_per_phase_and_per_comparison():
    phases, comparisons = single_system.stats_tables(single_system.analyse(ABAB), tier="Group")
    assert list(phases["Phase"]) == ["A", "B", "A2", "B2"] and list(phases["Mean"]) == [1.4, 4.2, 2.0, 5.0]
    assert list(comparisons["Comparison"]) == ["B vs A", "B2 vs A2"]
    assert list(comparisons["2-SD rule met"]) == ["yes", "yes"] and set(comparisons["Tier"]) == {"Group"}


def test_multiple_baseline_tiers_are_each_analysed_and_must_stagger():
    tiers = single_system.analyse_tiers(
        [("Math", [40, 45, 35, 40], [60, 70]), ("English", [45, 40, 50, 40, 45], [65, 70])]
    )
    assert [name for name, _ in tiers] == ["Math", "English"] and all(a.comparisons[0].nap == 1 for _, a in tiers)
    text = single_system.interpret_tiers(tiers)
    assert "Every tier improved clearly" in text[0] and text[-1].startswith("Remember:")
    assert any(p.startswith("English: Phase A: 5 points") for p in text)
    with pytest.raises(ValidationError, match="stagger the start"):
        single_system.analyse_tiers([("Math", [1, 2, 3], [4]), ("English", [1, 2, 3], [4])])


def test_typed_data_is_read_line_by_line_with_words_left_for_the_analysis_to_name():
    assert single_system.parse_data("a: 1, 2 3\n\nB: 4.5 5") == ([("A", [1, 2, 3]), ("B", [4.5, 5])], [])
    phases, _ = single_system.parse_data("A: 1 two\nB: 3")
    with pytest.raises(ValidationError, match="Point 2 of phase A is 'two', which is not a number"):
        single_system.analyse(phases)
    assert single_system.parse_data("Math / A: 1 2\nMath / B: 3\nArt / A: 1 2 3\nArt / B: 4") == (
        [],
        [("Math", [1, 2], [3]), ("Art", [1, 2, 3], [4])],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type at least two lines"),
        ("A 1 2", "Line 1 should start with a phase label and a colon"),
        ("A: 1\nA: 2", "Phase A appears twice"),
        ("Math / A: 1\nB: 2", "Some lines name a tier"),
        ("Math / A: 1\nMath / C: 2", "Tier 'Math' needs an A line and then a B line"),
    ],
)
def test_typed_data_that_cannot_be_read_is_named(text, message):
    with pytest.raises(ValidationError, match=message):
        single_system.parse_data(text)


def test_an_unknown_direction_is_refused_before_any_arithmetic():
    with pytest.raises(ValidationError, match="direction is 'up'"):
        single_system.analyse([("A", [1, 2]), ("B", [3])], "up")


def test_gas_levels_and_weights_typed_in_boxes_are_checked():
    assert outcomes.check_level(-2) == -2 and outcomes.weight_from(" 1.5 ") == 1.5
    for bad, message in ((3, "3 is not a level"), (True, "True is not a level")):
        with pytest.raises(ValidationError, match=message):
            outcomes.check_level(bad)
    for bad, message in (
        ("two", "'two' is not a number"),
        ("-1", "0 or more"),
        ("nan", "0 or more"),
        ("inf", "0 or more"),
    ):
        with pytest.raises(ValidationError, match=message):
            outcomes.weight_from(bad)


def test_feedback_drops_of_two_or_more_are_flagged_per_area():
    log = FeedbackLog()
    log.add({"relationship": 8, "goals": 7, "approach": 7, "overall": 8})
    log.add({"relationship": "7", "goals": 7, "approach": 4, "overall": 6}, "  too fast  ")
    log.add({"relationship": 9, "goals": 8, "approach": 7, "overall": 8})
    assert [(d.session, d.area, d.before, d.after) for d in log.drops()] == [
        (2, "approach", 7, 4),
        (2, "overall", 8, 6),
    ]
    assert log.sessions[1].note == "too fast" and log.series("approach") == [7, 4, 7]
    assert log.drops()[0].message.startswith("Session 2: Approach fell from 7 to 4. Ask about it openly")
    assert log.remove_last().session == 3 and len(log.sessions) == 2


@pytest.mark.parametrize(
    ("ratings", "field", "message"),
    [
        ({"relationship": 11, "goals": 5, "approach": 5, "overall": 5}, "relationship", "11 is off the scale"),
        ({"relationship": 5, "goals": "", "approach": 5, "overall": 5}, "goals", "Enter a whole number from 0 to 10"),
        ({"relationship": 5, "goals": 5, "approach": "six", "overall": 5}, "approach", "'six' is not a number"),
        ({"relationship": 5, "goals": 5, "approach": 5, "overall": 7.5}, "overall", "7.5 is not a whole number"),
        ({"relationship": 5, "goals": 5, "approach": 5}, "overall", "Enter a whole number"),
    ],
)
def test_an_impossible_feedback_rating_names_its_area(ratings, field, message):
    log = FeedbackLog()
    with pytest.raises(ValidationError, match=message) as caught:
        log.add(ratings)
    assert caught.value.field == field and log.sessions == []
