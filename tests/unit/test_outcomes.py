"""Goal Attainment Scaling and single-system design statistics against examples worked by hand.

The arithmetic is written out beside each expected value so that a reader can check it.
"""

import math

import pytest

from mswlab import outcomes
from mswlab.errors import ValidationError

A = [2, 3, 2, 4, 3]  # baseline: days a week a student attended an after-school program
B = [5, 6, 4, 7, 8, 8]  # intervention


def test_gas_tscore_with_equal_weights():
    # x = (1, 1, 1), w = 1: sum(wx) = 3, sum(w^2) = 3, sum(w)^2 = 9
    # T = 50 + 10 * 3 / sqrt(0.7 * 3 + 0.3 * 9) = 50 + 30 / sqrt(4.8) = 50 + 13.693064 = 63.693064
    assert outcomes.gas_tscore([1, 1, 1]) == pytest.approx(63.693064, abs=5e-4)
    assert outcomes.gas_tscore([1, 0, -1]) == 50  # gains and losses cancel
    assert outcomes.gas_tscore([0, 0]) == 50  # every goal at the expected level


def test_gas_tscore_with_weights():
    # x = (2, 1, 0), w = (3, 2, 1): sum(wx) = 6 + 2 + 0 = 8, sum(w^2) = 14, sum(w)^2 = 36
    # T = 50 + 80 / sqrt(0.7 * 14 + 0.3 * 36) = 50 + 80 / sqrt(20.6) = 50 + 17.626106 = 67.626106
    assert outcomes.gas_tscore([2, 1, 0], [3, 2, 1]) == pytest.approx(67.626106, abs=5e-4)
    # rho = 0: T = 50 + 10 * 8 / sqrt(14) = 50 + 21.380899 = 71.380899
    assert outcomes.gas_tscore([2, 1, 0], [3, 2, 1], rho=0) == pytest.approx(71.380899, abs=5e-4)


@pytest.mark.parametrize(
    ("attainments", "weights", "rho", "message"),
    [
        ([], None, 0.3, "Add at least one goal"),
        ([3], None, 0.3, "Goal 1's attainment is 3; it must be a whole level from -2 to \\+2"),
        ([1, 0.5], None, 0.3, "Goal 2's attainment is 0.5"),
        (["1"], None, 0.3, "Goal 1's attainment is '1'"),
        ([1, 1], [1], 0.3, "There are 2 attainment\\(s\\) but 1 weight\\(s\\)"),
        ([1, 1], [1, -2], 0.3, "Goal 2's weight is -2; a weight is a number of 0 or more"),
        ([1, 1], [0, 0], 0.3, "At least one goal needs a weight above 0"),
        ([1], None, 1.0, "rho is 1.0"),
    ],
)
def test_gas_tscore_refuses_impossible_input_in_words(attainments, weights, rho, message):
    with pytest.raises(ValidationError, match=message):
        outcomes.gas_tscore(attainments, weights, rho)


def test_goal_scale_needs_every_level_and_rates_only_its_levels():
    levels = {-2: "No calls", -1: "1 call", 0: "2 calls", 1: "3 calls", 2: "4 or more calls"}
    scale = outcomes.GoalScale("Calls to her sister each week", levels, weight=2)
    assert outcomes.gas_follow_up([scale, outcomes.GoalScale("Walks", levels)], [1, 0]) == pytest.approx(
        50 + 10 * 2 / math.sqrt(0.7 * 5 + 0.3 * 9), abs=1e-9
    )  # sum(wx) = 2, sum(w^2) = 5, sum(w)^2 = 9
    with pytest.raises(ValidationError, match="level\\(s\\) \\+2 are empty"):
        outcomes.GoalScale("Walks", {**levels, 2: " "})
    with pytest.raises(ValidationError, match="3 is not a level of this scale"):
        scale.rate(3)
    assert outcomes.gas_reading(50).startswith("50: on the whole")
    assert outcomes.gas_reading(63.69).startswith("63.7: above the expected level")


def test_phase_statistics():
    # A: mean 14/5 = 2.8; median 3; deviations -0.8, 0.2, -0.8, 1.2, 0.2, squares sum 2.8, SD = sqrt(2.8/4)
    # slope: x = 1..5 (mean 3), sum((x-3)(y-2.8)) = (-2)(-0.8) + (-1)(0.2) + 0 + (1)(1.2) + (2)(0.2) = 3.0,
    # sum((x-3)^2) = 10, slope = 0.3
    stats = outcomes.phase_stats("A", A)
    assert (stats.n, stats.mean, stats.median) == (5, pytest.approx(2.8), 3)
    assert stats.sd == pytest.approx(math.sqrt(0.7), abs=1e-9) and stats.slope == pytest.approx(0.3)
    one = outcomes.phase_stats("B", [4])
    assert one.sd is None and one.slope is None


def test_two_sd_band():
    # band = 2.8 +/- 2 * 0.836660 = [1.126680, 4.473320]; B beyond the upper line: 5 6 . 7 8 8
    band = outcomes.two_sd_band(A, B)
    assert (band.lower, band.upper) == (pytest.approx(1.126680, abs=5e-4), pytest.approx(4.473320, abs=5e-4))
    assert band.beyond == (True, True, False, True, True, True) and band.met
    # one point beyond, then none: not two in a row
    assert not outcomes.two_sd_band(A, [5, 4, 4, 4]).met
    # decrease: improvement is below the lower line (1.126680)
    assert outcomes.two_sd_band(A, [1, 1, 3], direction="decrease").beyond == (True, True, False)


def test_split_middle_celeration_line():
    # 5 baseline points: the middle one (session 3) is dropped. First half: sessions 1-2, values 2, 3 ->
    # (1.5, 2.5). Second half: sessions 4-5, values 4, 3 -> (4.5, 3.5). slope = 1 / 3, intercept = 2.5 - 0.5 = 2.
    # Sessions 6-11 on the line: 4, 4.333, 4.667, 5, 5.333, 5.667; B above it: 5 6 . 7 8 8 -> 5 of 6
    line = outcomes.celeration_line(A, B)
    assert line.slope == pytest.approx(1 / 3) and line.intercept == pytest.approx(2.0)
    assert line.at(9) == pytest.approx(5.0) and line.beyond == pytest.approx(5 / 6, abs=5e-4)


def test_pnd_nap_and_tau_u_for_an_increase():
    # PND: the highest baseline point is 4; 5 of the 6 B points exceed it -> 83.333%
    assert outcomes.pnd(A, B) == pytest.approx(83.333, abs=5e-4)
    # NAP: 30 pairs. Each B point of 5 or more beats all 5 A points (5 x 5 = 25); B = 4 beats 2, 3, 2, 3
    # and ties 4 -> 4 + 0.5. (25 + 4.5) / 30 = 0.98333
    assert outcomes.nap(A, B) == pytest.approx(0.983, abs=5e-4)
    # Tau-U: S_AB = 29 better - 0 worse = 29. Baseline trend S_A over the 10 ordered pairs of (2,3,2,4,3):
    # rising 2-3, 2-4, 2-3, 3-4, 2-4, 2-3 = 6; falling 3-2, 4-3 = 2; S_A = 4. (29 - 4) / 30 = 0.83333
    assert outcomes.tau_u(A, B) == pytest.approx(0.833, abs=5e-4)


def test_indices_for_a_decrease():
    a, b = [8, 7, 9, 8], [6, 5, 7, 4]  # a PHQ-9-like score, where lower is better
    # PND: the lowest baseline point is 7; 6, 5 and 4 are below it -> 3 of 4 = 75%
    assert outcomes.pnd(a, b, direction="decrease") == 75
    # NAP: 16 pairs; 6, 5 and 4 are below all four A points (12); 7 is below 8, 9, 8 (3) and ties 7 (0.5)
    # -> 15.5 / 16 = 0.96875
    assert outcomes.nap(a, b, direction="decrease") == pytest.approx(0.969, abs=5e-4)
    # Tau-U: S_AB = 15 - 0 = 15; baseline pairs of (8,7,9,8) read with lower as better: 8-7 +1, 8-9 -1,
    # 8-8 0, 7-9 -1, 7-8 -1, 9-8 +1 -> S_A = -1 (a worsening trend); (15 - (-1)) / 16 = 1.0
    assert outcomes.tau_u(a, b, direction="decrease") == pytest.approx(1.0)


@pytest.mark.parametrize(
    "index", [outcomes.pnd, outcomes.nap, outcomes.tau_u, outcomes.two_sd_band, outcomes.celeration_line]
)
@pytest.mark.parametrize(
    ("baseline", "intervention", "direction", "message"),
    [
        ([], [1, 2], "increase", "Phase A is empty"),
        ([1, 2], [], "increase", "Phase B is empty"),
        ([1, "x"], [1, 2], "increase", "Point 2 of phase A is 'x', which is not a number"),
        ([1, 2], [1, float("nan")], "increase", "Point 2 of phase B is nan"),
        ([1, 2], [3, 4], "up", "direction is 'up'"),
    ],
)
def test_every_index_refuses_impossible_input_in_words(index, baseline, intervention, direction, message):
    with pytest.raises(ValidationError, match=message):
        index(baseline, intervention, direction=direction)


@pytest.mark.parametrize("index", [outcomes.two_sd_band, outcomes.celeration_line])
def test_band_and_line_need_two_baseline_points(index):
    with pytest.raises(ValidationError, match="at least 2 baseline points"):
        index([3], [4, 5])


def test_caveats_name_short_baselines_improving_trends_and_autocorrelation():
    # A: 5 points; improving trend (S_A = 4 of 10 pairs, Kendall's tau 0.4, at least 0.3); lag-1 r = sum of
    # products of successive deviations (-0.16 - 0.16 - 0.96 + 0.24 = -1.04) / 2.8 = -0.371: negative, which in
    # a short series is mostly the estimator's downward bias, so it is not reported
    found = outcomes.caveats(A)
    assert len(found) == 1 and found[0].startswith("The baseline was already improving")
    assert outcomes.lag1_autocorrelation(A) == pytest.approx(-0.371, abs=5e-4)
    # a weak rise is not called a trend: 1, 2, 1, 1, 2 has S = 2 of 10 pairs (tau 0.2, under 0.3)
    assert outcomes.caveats([1, 2, 1, 1, 2]) == []
    short = outcomes.caveats([5, 5])
    assert short == ["The baseline has 2 point(s); at least 3 are needed to see a pattern, so any comparison is weak."]
    assert outcomes.caveats([8, 7, 9, 8], direction="decrease")[0].startswith("The baseline has 4 points; 5 or more")
    # 5, 5, 5, 8, 8, 8 (getting worse when lower is better, so no improving trend): mean 6.5, deviations
    # -1.5 x 3 then +1.5 x 3; products 2.25 + 2.25 - 2.25 + 2.25 + 2.25 = 6.75; / (6 x 2.25 = 13.5) = 0.5
    assert outcomes.caveats([5, 5, 5, 8, 8, 8], direction="decrease") == [
        "The baseline points are autocorrelated (lag-1 r = 0.50): each point tends to resemble the one before, "
        "which makes the two-standard-deviation band overstate change."
    ]


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([], "Add a baseline phase"),
        (["B", "A"], "The first phase is B"),
        (["A"], "Add an intervention phase"),
        (["A", "A2"], "Phase A2 cannot follow A; after A comes B or C"),
        (["A", "B", "B2"], "Phase B2 cannot follow B"),
        (["A", "B", "A2", "B2", "A"], "Phase A cannot follow B2"),
    ],
)
def test_a_phase_order_that_makes_no_sense_is_named(labels, message):
    with pytest.raises(ValidationError, match=message):
        outcomes.check_phases([(label, [1, 2]) for label in labels])


def test_valid_designs_pass_and_an_empty_phase_is_named():
    assert [p for p, _ in outcomes.check_phases([("A", [1]), ("B", [2]), ("A2", [1]), ("B2", [3])])] == [
        "A",
        "B",
        "A2",
        "B2",
    ]
    assert outcomes.check_phases([("A", [1, 2]), ("B", [3]), ("C", [4])])[2] == ("C", [4.0])
    with pytest.raises(ValidationError, match="Phase B is empty"):
        outcomes.check_phases([("A", [1]), ("B", [])])


def test_multiple_baseline_tiers_must_be_staggered():
    outcomes.check_multiple_baseline([("home", [1, 2, 1], [4, 5]), ("school", [1, 1, 2, 1], [4])])
    with pytest.raises(ValidationError, match="The baseline of 'school' has 3 point\\(s\\), not more than"):
        outcomes.check_multiple_baseline([("home", [1, 2, 1], [4, 5]), ("school", [1, 1, 2], [4, 5])])
    with pytest.raises(ValidationError, match="at least 2 tiers"):
        outcomes.check_multiple_baseline([("home", [1, 2, 1], [4, 5])])
