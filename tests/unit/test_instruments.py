"""Screening scores against the published rules, at every band boundary from both sides.

The expected bands below are written out from the publications (not read from the
engine), so a wrong boundary in mswlab/instruments.py fails here.
"""

from __future__ import annotations

import pytest

from mswlab import instruments
from mswlab.errors import ValidationError

# (low, high, label) from: Kroenke et al. 2001 (PHQ-9), 2003 (PHQ-2); Spitzer et al. 2006 (GAD-7);
# Kroenke et al. 2007 (GAD-2); Babor et al. 2001 (AUDIT zones); Bush et al. 1998 and Bradley
# et al. 2007 (AUDIT-C 4 / 3); Skinner 1982 (DAST-10); Ewing 1984 (CAGE).
PUBLISHED = {
    "phq9": [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ],
    "phq2": [(0, 2, "negative"), (3, 6, "positive")],
    "gad7": [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")],
    "gad2": [(0, 2, "negative"), (3, 6, "positive")],
    "audit": [
        (0, 7, "zone I (low risk)"),
        (8, 15, "zone II (hazardous)"),
        (16, 19, "zone III (harmful)"),
        (20, 40, "zone IV (possible dependence)"),
    ],
    "audit_c": [
        (0, 2, "negative"),
        (3, 3, "positive at the cut-off of 3"),
        (4, 12, "positive at the cut-offs of 3 and 4"),
    ],
    "dast10": [(0, 0, "none reported"), (1, 2, "low"), (3, 5, "moderate"), (6, 8, "substantial"), (9, 10, "severe")],
    "cage": [(0, 1, "not clinically significant"), (2, 4, "clinically significant")],
}
ITEMS = {"phq9": 9, "phq2": 2, "gad7": 7, "gad2": 2, "audit": 10, "audit_c": 3, "dast10": 10, "cage": 4}
CHOICES = {"audit": [(0, 1, 2, 3, 4)] * 8 + [(0, 2, 4)] * 2}  # items 9 and 10 score 0, 2 or 4
REVERSED = {"dast10": {3}}


def answers_for(instrument: str, total: int) -> list[int]:
    """Raw answers (as a person would mark them) that add up to ``total`` under the published rules."""
    n = ITEMS[instrument]
    choices = (
        CHOICES.get(instrument)
        or [tuple(range(0, 4 if instrument.startswith(("phq", "gad")) else 5 if instrument == "audit_c" else 2))] * n
    )
    scores, left = [], total
    for allowed in choices:
        pick = max(v for v in allowed if v <= left)
        scores.append(pick)
        left -= pick
    assert left == 0, f"cannot make {total} on {instrument}"
    return [1 - s if i in REVERSED.get(instrument, ()) else s for i, s in enumerate(scores, start=1)]


BOUNDARIES = [
    (inst, total, label)
    for inst, bands in PUBLISHED.items()
    for i, (low, high, label) in enumerate(bands)
    for total in sorted({low, high})
]
NEIGHBOURS = [
    (inst, low - 1, bands[i - 1][2])
    for inst, bands in PUBLISHED.items()
    for i, (low, _, _) in enumerate(bands)
    if i > 0
] + [
    (inst, high + 1, bands[i + 1][2])
    for inst, bands in PUBLISHED.items()
    for i, (_, high, _) in enumerate(bands)
    if i + 1 < len(bands)
]


@pytest.mark.parametrize("instrument, total, band", BOUNDARIES + NEIGHBOURS, ids=lambda v: str(v))
def test_band_at_each_boundary_from_both_sides(instrument, total, band):
    result = instruments.score(instrument, answers_for(instrument, total))
    assert (result.total, result.band) == (total, band)
    assert str(total) in result.interpretation and "not a diagnosis" in result.interpretation


def test_every_instrument_is_covered_and_max_totals_match():
    assert set(PUBLISHED) == set(instruments.IDS)
    for inst, bands in PUBLISHED.items():
        assert instruments.rule(inst).max_total == bands[-1][1]


@pytest.mark.parametrize("item9, flagged", [(0, False), (1, True), (3, True)])
def test_phq9_item9_any_nonzero_answer_raises_follow_up_now(item9, flagged):
    result = instruments.score("phq9", [0] * 8 + [item9])
    assert ("item9_positive" in result.flags) is flagged
    assert ("suicide" in result.follow_up) is flagged
    assert result.band == "minimal"  # the flag does not change the band


def test_dast10_item3_is_reverse_scored():
    everything_no = instruments.score("dast10", [0] * 10)
    assert everything_no.total == 1 and everything_no.item_scores[2] == 1
    able_to_stop = instruments.score("dast10", [0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    assert able_to_stop.total == 0 and able_to_stop.band == "none reported"


def test_audit_dependence_items_advise_the_next_zone():
    plain = instruments.score("audit", [2, 2, 2, 1, 1, 0, 0, 0, 0, 0])  # 8, zone II
    assert plain.flags == () and plain.follow_up.startswith("Simple advice, with")
    morning = instruments.score("audit", [2, 2, 2, 0, 0, 2, 0, 0, 0, 0])  # 8, item 6 = 2
    assert morning.flags == ("next_zone_advised",)
    assert morning.follow_up.startswith("Simple advice plus brief counseling")
    injury = instruments.score("audit", [1, 0, 0, 0, 0, 0, 0, 0, 4, 0])  # 5, item 9 = 4
    assert injury.band == "zone I (low risk)" and injury.flags == ("next_zone_advised",)


def test_audit_c_explains_thresholds_without_assuming_gender():
    text = instruments.score("audit_c", [1, 1, 1]).interpretation
    assert "women" in text and "men" in text and "nonbinary" in text and "assume" in text


def test_mapping_responses_by_item_number():
    assert instruments.score("cage", {1: 1, 2: 0, 3: 1, 4: 0}).total == 2


@pytest.mark.parametrize(
    "instrument, responses, field, words",
    [
        ("phq9", [0] * 8, "responses", "9 items, but 8 answers"),
        ("phq9", [0] * 10, "responses", "9 items, but 10 answers"),
        ("phq9", [0] * 8 + [4], "item 9", "item 9 is scored 0 to 3"),
        ("phq9", [-1] + [0] * 8, "item 1", "is not a possible answer"),
        ("phq9", [0] * 4 + [None] + [0] * 4, "item 5", "item 5 has no answer"),
        ("phq9", [0] * 4 + [" "] + [0] * 4, "item 5", "item 5 has no answer"),
        ("phq9", ["two"] + [0] * 8, "item 1", "'two' is not a number"),
        ("phq9", [1.5] + [0] * 8, "item 1", "is not a possible answer"),
        ("phq9", [True] + [0] * 8, "item 1", "is not a possible answer"),
        ("audit", [0] * 8 + [1, 0], "item 9", "scored 0, 2 or 4"),
        ("cage", [2, 0, 0, 0], "item 1", "scored 0 or 1"),
        ("cage", {1: 1, 2: 0, 3: 1}, "item 4", "item 4 has no answer"),
        ("cage", {1: 1, 2: 0, 3: 1, 4: 0, 5: 1}, "responses", "there is no item 5"),
        ("gad7", "0000000", "responses", "as a list"),
        ("beck", [0], "instrument", "not an instrument here"),
    ],
)
def test_invalid_responses_get_a_plain_message_naming_the_item(instrument, responses, field, words):
    with pytest.raises(ValidationError) as err:
        instruments.score(instrument, responses)
    assert err.value.field == field and words in err.value.message


def test_numeric_text_answers_are_accepted_as_typed_in_a_form():
    assert instruments.score("gad2", ["2", " 1 "]).band == "positive"


def test_judging_a_students_scoring_names_each_part_and_the_reverse_item():
    responses = [1, 0, 1, 0, 1, 1, 0, 0, 0, 0]  # DAST-10: item 3 answered yes scores 0, so the total is 3
    naive = instruments.judge_scoring("dast10", responses, "4", "moderate", "Further investigation")
    assert (
        not naive.correct
        and "Total: not quite. You entered 4; the total is 3. Item 3 is reverse-scored." in naive.message
        and "Band: correct" in naive.message
    )
    right = instruments.judge_scoring("dast10", responses, " 3 ", "moderate", "Further investigation")
    assert right.correct and right.message.startswith("Total: correct, 3.")


@pytest.mark.parametrize(
    "typed, words",
    [
        (None, "Enter the total first"),
        ("seven", "whole number"),
        ("28", "only be from 0 to 27"),
        ("-1", "only be from 0 to 27"),
    ],
)
def test_a_typed_total_that_cannot_be_right_is_explained(typed, words):
    with pytest.raises(ValidationError) as err:
        instruments.read_total("phq9", typed)
    assert err.value.field == "total" and words in err.value.message
