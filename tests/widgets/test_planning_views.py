"""SMART practice, the treatment-plan builder, the scaling tracker and disclosure practice, via their twins."""

from __future__ import annotations

from mswlab import planning
from mswlab.content import disclosure_scenarios, smart_objectives
from widgets import disclosure_practice, scaling_tracker, smart_practice, treatment_plan_builder


def test_smart_practice_agrees_with_the_rules_and_offers_a_better_version():
    view = smart_practice()
    assert view.next() is False and "Check this objective first" in view.message_text
    for objective in smart_objectives():
        view.judge(**objective.expected)
        assert view.submit(), objective.id
        assert view.feedback_text.startswith("Correct: you judged every criterion.")
        if objective.better:
            assert objective.better in view.feedback_text
        view.next()
    assert "last objective" in view.message_text
    assert f"{len(smart_objectives())} of {len(smart_objectives())}" in view._score.value


def test_smart_practice_says_which_criterion_was_misjudged():
    view = smart_practice()
    flawed = next(i for i, o in enumerate(smart_objectives()) if not o.expected["time_bound"])
    view.position = flawed
    view._show()
    view.judge(**{**view.objective.expected, "time_bound": True})
    assert view.submit() is False
    assert "Time frame: not quite, it does not meet it. Add a time frame" in view.feedback_text


def test_plan_builder_puts_messages_beside_boxes_then_exports_the_plan():
    builder = treatment_plan_builder("first-grader-drop-off-worries")
    assert builder.make_plan() is None and builder.message_for("goal") == "Add the person's goal, in their words."
    builder.fill(
        problem="Cries and refuses to let go at school drop-off most mornings.",
        goal='"I want to say bye to Mom and go play."',
        strengths="Loves the class rabbit; a patient father.",
        objectives=[
            "Amani will walk into class after a goodbye ritual on 4 of 5 mornings by March 1.",
            "Amani will feel braver.",
        ],
        interventions="A goodbye ritual practised at home; a morning job with the rabbit.",
        measures="Teacher's daily log of drop-offs.",
    )
    checked = builder.check_objectives()
    assert [all(r.passed for r in v) for v in checked] == [True, False]
    assert builder.message_for("objectives[0]") == "SMART by every rule."
    assert builder.message_for("objectives[1]").startswith("Measurable: Say how much")
    assert builder.make_plan() is None and "1 part(s) need attention" in builder.message_text
    builder.fill(objectives=["Amani will walk into class after a goodbye ritual on 4 of 5 mornings by March 1.", ""])
    plan = builder.make_plan()
    assert isinstance(plan, planning.TreatmentPlan) and len(plan.table()) == 1
    assert "<table" in builder._table.value and "| Problem |" in builder._table.value


def test_scaling_tracker_refuses_impossible_ratings_beside_the_field_and_plots_exceptions():
    tracker = scaling_tracker()
    assert tracker.add("12") is False and tracker.rating_message == "12 is off the scale; a rating runs from 1 to 10."
    assert tracker.add("four") is False and "'four' is not a number" in tracker.rating_message
    assert tracker.scaling.ratings == []
    assert tracker.add("3") and tracker.add("5", "made dinner with her son on Thursday") and tracker.add(6)
    assert list(tracker.figure.data[0].y) == [3, 5, 6] and list(tracker.figure.data[0].x) == [1, 2, 3]
    assert [a.text for a in tracker.figure.layout.annotations] == ["made dinner with her son on Thursday"]
    assert "moved +3 point(s)" in tracker.status_text
    assert tracker.undo() and list(tracker.figure.data[0].y) == [3, 5]


def test_disclosure_practice_judges_each_question_and_says_what_to_do_instead():
    view = disclosure_practice()
    assert view.submit() is None and view.message_text.startswith("Answer 'Why am I sharing this?' first")
    assert view.answer(why="sometimes") is False and "'sometimes' is not an answer" in view.message_text
    key = view.scenario.answers
    view.answer(why=key.why, benefit=key.benefit, risks=key.risks, colleagues=key.colleagues, verdict=key.verdict)
    assert view.submit() == 5 and view.message_text == "5 of 5 answered as the key does."
    assert view.feedback_for("verdict").startswith("Correct:")
    assert view.scenario.instead in view._instead.value.replace("&#x27;", "'").replace("&quot;", '"')
    assert view.next()
    other = "low" if view.scenario.answers.risks == "high" else "high"
    k = view.scenario.answers
    view.answer(why=k.why, benefit=k.benefit, risks=other, colleagues=k.colleagues, verdict=k.verdict)
    assert view.submit() == 4 and view.feedback_for("risks").startswith("Not quite.")
    assert len(view.scenarios) == len(disclosure_scenarios())
