"""The GAS builder, the single-system design plotter and the session feedback tracker, via their twins."""

from __future__ import annotations

import html

import pytest

from mswlab.content import gas_samples, ssd_cases
from widgets import gas_builder, session_feedback_tracker, ssd_plotter

LEVELS = {-2: "none", -1: "one a week", 0: "two a week", 1: "three a week", 2: "four or more a week"}


def test_the_sample_gas_scores_as_worked_by_hand():
    # weights 2, 1, 1; levels +1, +1, -1: sum(w*x) = 2 + 1 - 1 = 2; sum(w^2) = 6; (sum w)^2 = 16;
    # denominator sqrt(0.7 * 6 + 0.3 * 16) = sqrt(9) = 3; T = 50 + 10 * 2 / 3 = 56.667
    view = gas_builder("veteran-return-to-work")
    assert view.score() == pytest.approx(56.667, abs=5e-4)
    assert view.result_text.startswith("T-score 56.7: above the expected level overall")
    assert [tuple(t.x) for t in view.figure.data] == [(0, 0, 0), (1, 1, -1)]
    # long goal names are shortened on the chart's axis
    assert [y[:30] for y in view.figure.data[1].y] == [
        g.goal[:30] for g in gas_samples()["veteran-return-to-work"].goals
    ]


def test_a_gas_goal_that_is_not_ready_gets_a_message_beside_it_and_no_score():
    view = gas_builder()
    assert view.score() is None and view.goal_message(0) == "Name the goal."
    view.set_goal(0, "Walk to the shop", {**LEVELS, 2: " "}, 1)
    assert view.score() is None and "level(s) +2 are empty" in view.goal_message(0)
    view.set_goal(0, levels=LEVELS, weight="two")
    assert view.score() is None and "'two' is not a number" in view.goal_message(0)
    view.set_goal(0, weight=-1)
    assert view.score() is None and view.goal_message(0) == "A weight is a number of 0 or more."
    view.set_goal(0, weight=1)
    assert view.score() is None and view.goal_message(0).startswith("Rate this goal at follow-up")
    assert view.rate(0, 3) is False and "3 is not a level" in view.goal_message(0)
    assert view.rate(0, 2) and view.score() == pytest.approx(70.0)  # one goal at +2: 50 + 10 * 2 / 1


def test_gas_goals_are_limited_to_one_through_five():
    view = gas_builder()
    assert view.remove_goal() is False and "at least one goal" in view.message_text
    assert [view.add_goal() for _ in range(5)] == [True, True, True, True, False]
    assert "at most 5 goals" in view.message_text


def test_all_weights_zero_is_explained_not_raised():
    view = gas_builder()
    view.set_goal(0, "Walk to the shop", LEVELS, 0)
    view.rate(0, 1)
    assert view.score() is None and view.message_text == "At least one goal needs a weight above 0."


@pytest.mark.parametrize("case_id", sorted(ssd_cases()))
def test_every_sample_case_plots_with_its_phase_lines_band_and_celeration_line(case_id):
    case = ssd_cases()[case_id]
    view = ssd_plotter(case_id)
    names = [t.name for t in view.figure.data]
    assert "2-SD band (A)" in names and "Celeration line (A to B)" in names and "Phase mean" in names
    phase_count = sum(len(t.phases) for t in case.tiers) if case.tiers else len(case.phases)
    assert len(view.figure.layout.shapes) == phase_count - (len(case.tiers) or 1)  # a dashed line per change
    assert len(view.phase_table) == phase_count
    assert view.interpretation_text.startswith("What the numbers say")
    assert html.escape(case.story[:40]) in view._story.value


def test_the_baseline_trend_case_warns_and_the_abab_case_reports_the_reversal():
    assert "The baseline was already improving" in ssd_plotter("panic-baseline-trend").interpretation_text
    view = ssd_plotter("group-participation-abab")
    assert list(view.comparison_table["Comparison"]) == ["B vs A", "B2 vs A2"]
    assert "back toward the first baseline" in view.interpretation_text


def test_typed_data_is_plotted_and_bad_data_is_named_beside_the_box_keeping_the_last_graph():
    view = ssd_plotter()
    view.enter("A: 5, 6, 5, 6, 5\nB: 3, 2, 2, 1", "decrease", "Arguments per week")
    assert view.plot() and view.figure.layout.yaxis.title.text == "Arguments per week"
    # A max 6, min 5; lower is better: every B point is below 5 -> PND 100; NAP 1
    assert list(view.comparison_table["PND (%)"]) == [100.0] and list(view.comparison_table["NAP"]) == [1.0]
    shown = view.figure
    for bad, message in (
        ("A: 5, six\nB: 3", "Point 2 of phase A is 'six', which is not a number."),
        ("A: 5 6\nB:", "Phase B is empty; it needs at least one data point."),
        ("B: 1 2\nA: 3 4", "The first phase is B; a design starts with the baseline, A."),
        ("A: 1 2\nB2: 3", "Phase B2 cannot follow A; after A comes B or C."),
    ):
        view.enter(bad)
        assert view.plot() is False and view.message_text == message
        assert view.figure is shown
    view.enter("A: 1 2 1\nB: 3 4")
    assert view.plot() and view.message_text == ""


def test_choosing_a_sample_in_the_dropdown_loads_and_plots_it_once():
    view = ssd_plotter()
    view._case.value = "mood-weekly-ab"  # what a student's click does
    assert "Behavioral activation" in [t.name for t in view.figure.data][2]
    assert view._direction.value == "decrease" and view.load("mood-weekly-ab")


def test_the_feedback_sample_flags_the_dip_with_what_the_client_said():
    view = session_feedback_tracker("alliance-dip-session-4")
    assert "Session 4: Approach fell from 7 to 4" in view.flags_text
    assert "The homework felt like another test I could fail." in view.flags_text
    assert list(view.figure.data[2].y) == [7, 7, 7, 4, 7, 8] and list(view.figure.data[4].x) == [4, 4]


def test_an_impossible_feedback_rating_is_named_beside_its_question_and_nothing_is_recorded():
    view = session_feedback_tracker()
    assert view.add({"relationship": "12", "goals": "5", "approach": "5", "overall": "5"}) is False
    assert view.message("relationship") == "12 is off the scale; 'relationship' runs from 0 to 10."
    assert view.feedback.sessions == []
    assert view.add({"relationship": "8", "goals": "8", "approach": "8", "overall": "8"})
    assert view.add({"relationship": "8", "goals": "5", "approach": "8", "overall": "8"}, "not my topic")
    assert "Goals and topics fell from 8 to 5" in view.flags_text and "not my topic" in view.flags_text
    assert view.undo() and "no drop" in view.flags_text
