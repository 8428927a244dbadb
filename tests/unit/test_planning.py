"""The SMART rules, each shown passing and failing, and the treatment plan built from them."""

import pytest

from mswlab import planning
from mswlab.errors import ValidationError


def verdict(criterion: str, text: str) -> bool:
    return planning.RULES[criterion](text).passed


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("Maria will attend 3 peer-support meetings a week for the next 8 weeks.", True),
        ("Jamal will walk on at least four days a week by April 30.", True),
        ("Ana will reduce her PHQ-9 score to below 10 within 12 weeks.", True),
        ("Deshawn will take his medication every evening by June 1.", True),
        ("Sam will call the clinic to book an intake appointment by March 15.", True),  # a one-off task
        ("Maria will feel less depressed by March 15.", False),
        ("Ana will lower her PHQ-9 score.", False),  # "9" names the measure, not a quantity
        ("Worker will refer Maria to a support group by March 1.", False),  # a date is not a quantity
    ],
)
def test_measurable_needs_a_quantity_a_frequency_or_a_one_off_task(text, passes):
    assert verdict("measurable", text) is passes


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("By April 30, Jamal will walk 20 minutes on 4 days a week.", True),
        ("Lena will name 3 coping skills by the fourth session.", True),
        ("Tom will attend 2 groups a week until his release.", True),
        ("Ana will reduce her score to below 10 within 12 weeks.", True),
        ("Maria will attend 3 meetings a week for the next 8 weeks.", True),
        ("Sam will call the clinic by 3/15.", True),
        ("Maria will attend 3 meetings a week.", False),  # "a week" is a frequency, not a deadline
        ("Kim will practise breathing for 10 minutes daily.", False),
        ("Ana will walk 3 times a week for 8 weeks.", True),
        ("Ana will attend 3 days a week through the end of the semester.", True),
        ("Ana will walk by herself 3 times a week.", False),  # "by her..." is not a deadline
    ],
)
def test_time_bound_needs_a_deadline_or_a_period(text, passes):
    assert verdict("time_bound", text) is passes


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("Maria will attend 3 meetings a week by May.", True),
        ("Nadia will walk and talk with her sister every Sunday by June 1.", False),
        ("I will call my sister twice a week and attend church every Sunday by June 1.", False),
        ("Within one month, Kim will practise deep breathing, journal, and exercise daily.", False),
        ("Ben will read to his son 3 nights a week as well as cook dinner by May.", False),
        ("Deshawn and his mother will arrive on time 4 of 5 days a week by December.", True),  # two people, one act
    ],
)
def test_one_behaviour_rejects_two_actions_joined_in_one_objective(text, passes):
    assert verdict("one_behaviour", text) is passes


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("I will walk 20 minutes on 4 days a week by June 1.", True),
        ("Ms. Okafor will attend 2 sessions a month by March.", True),
        ("Worker will refer Maria to a support group by March 1.", False),
        ("The therapist will teach Ana 3 coping skills by May.", False),
        ("Client will be referred to housing services within 2 weeks.", False),
        ("Improve sleep to 7 hours a night by May.", False),
        ("Maria's case manager will call 2 landlords by May.", False),
        ("Dr. Patel will review 3 sleep logs with Ana by May.", False),
    ],
)
def test_client_owned_wants_the_person_as_the_subject(text, passes):
    assert verdict("client_owned", text) is passes


def test_every_rule_explains_itself_and_a_smart_objective_passes_all():
    good = "By April 30, Jamal will walk for 20 minutes on at least 4 days a week."
    assert planning.is_smart(good)
    results = planning.check_objective("Worker will help client feel better.")
    assert [r.criterion for r in results] == list(planning.CRITERIA)
    assert [r.passed for r in results] == [False, False, True, False]
    assert results[0].message.startswith("Say how much or how often")
    assert results[1].message.startswith("Add a time frame")
    assert results[3].message.startswith("The worker is the subject")
    assert (
        "It joins more than one behavior ('... and attend"
        in planning.check_one_behaviour("I will call my sister twice a week and attend church by June 1.").message
    )


def test_an_empty_objective_gets_a_plain_message():
    with pytest.raises(ValidationError, match="Write an objective first"):
        planning.check_objective("   ")


def plan(**changes) -> planning.TreatmentPlan:
    fields = dict(
        problem="Missed school on 9 of 20 days since September.",
        goal='"I want to be there for my friends."',
        strengths="Loves art class; a grandmother who drives her.",
        objectives=["Lia will attend school on 4 of 5 days a week by December 15.", ""],
        interventions="Weekly check-in with the school social worker; a morning plan with her grandmother.",
        measures="Attendance record, weekly.",
    )
    fields.update(changes)
    return planning.TreatmentPlan(**fields)


def test_a_complete_plan_has_no_problems_and_exports_one_row_per_objective():
    p = plan(
        objectives=[
            "Lia will attend school on 4 of 5 days a week by December 15.",
            "Lia will join the art club by October 30.",
        ]
    )
    assert p.problems() == {}
    table = p.table()
    assert list(table["Objective"]) == p.objectives and table.iloc[0]["Measures"] == "Attendance record, weekly."
    markdown = p.as_markdown().splitlines()
    assert markdown[0].startswith("| Problem | Goal (in the person's words) | Objective |")
    assert len(markdown) == 4


def test_a_plan_names_each_missing_part_and_each_objective_that_is_not_smart():
    p = plan(goal="", objectives=["", "Lia will feel better about school."])
    problems = p.problems()
    assert set(problems) == {"goal", "objectives[1]"}
    assert "Say how much or how often" in problems["objectives[1]"] and "Add a time frame" in problems["objectives[1]"]
    assert plan(objectives=["", " "]).problems() == {"objectives": "Add at least one objective."}


def test_a_students_judgement_is_compared_with_every_rule():
    from mswlab.content.planning import SmartObjective

    objective = SmartObjective(
        "walks",
        "Ana will walk 3 times a week.",
        {"measurable": True, "time_bound": False, "one_behaviour": True, "client_owned": True},
        "It has no time frame.",
        better="Ana will walk 3 times a week by June 1.",
    )
    judged = planning.judge_criteria(
        objective, {"measurable": True, "time_bound": True, "one_behaviour": True, "client_owned": True}
    )
    assert not judged.correct
    assert judged.summary == (
        "Not quite; see each criterion. It has no time frame. A better version: "
        "\u201cAna will walk 3 times a week by June 1.\u201d"
    )
    assert judged.criteria[1].startswith("Time frame: not quite, it does not meet it. Add a time frame")
    assert judged.criteria[0].startswith("Measurable: right, it meets it.")
    right = planning.judge_criteria(objective, {"measurable": True, "one_behaviour": True, "client_owned": True})
    assert right.correct and right.summary.startswith("Correct: you judged every criterion.")
