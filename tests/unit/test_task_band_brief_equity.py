"""The two task entries added for assignments 11 and 12: the two-SD band computation and the policy brief."""

from mswlab.content.tasks import WriteVariant
from mswlab.tasks.computations import COMPUTE
from mswlab.tasks.writing import WRITING


def test_two_sd_band_solves_with_the_outcomes_engine():
    inputs = {
        "measure": "Hours of sleep",
        "direction": "increase",
        "baseline": [5, 7, 5, 7, 6],
        "intervention": [7, 9, 8, 9, 10],
    }
    band = COMPUTE["two_sd_band"]
    assert band.solve(inputs) == {"lower": 4.0, "upper": 8.0, "met": "yes"}
    assert [f.name for f in band.fields(inputs)] == ["lower", "upper", "met"]
    assert "higher is better" in band.data(inputs)


def test_two_sd_band_reads_the_direction_of_improvement():
    inputs = {
        "measure": "Panic attacks",
        "direction": "decrease",
        "baseline": [6, 8, 7, 9, 5],
        "intervention": [6, 4, 5, 3, 4],
    }
    assert COMPUTE["two_sd_band"].solve(inputs)["met"] == "no"


VARIANT = WriteVariant(
    id="late-buses",
    must_mention=(("bus", "transport"), ("student", "famil"), ("board", "superintendent")),
    example={"brief": "x"},
)
BRIEF = (
    "To the school board: 64 students in after-school programs have no late bus, and 23 of them missed the "
    "program more than twice last month because they had no ride home. We ask the board to fund two late bus "
    "routes from next semester so that every student who stays after school can get home safely."
)


def _verdicts(text: str) -> dict[str, bool]:
    return {r.label: r.passed for r in WRITING["policy_brief"].judge(VARIANT, {"brief": text})}


def test_a_complete_brief_passes_every_rule():
    verdicts = _verdicts(BRIEF)
    assert all(verdicts.values()), verdicts
    assert set(verdicts) == {
        "The policy or program",
        "Who is affected",
        "The decision-maker",
        "Evidence with a number",
        "A specific ask",
        "A brief's length",
    }


def test_a_brief_without_numbers_ask_or_decision_maker_loses_those_marks():
    verdicts = _verdicts(
        "Students in after-school programs have no late bus and many of them miss the program. This is a real "
        "problem for families across the district and it deserves attention from people who care about them."
    )
    assert verdicts["The policy or program"] and verdicts["Who is affected"]
    assert not verdicts["Evidence with a number"]
    assert not verdicts["A specific ask"]
    assert not verdicts["The decision-maker"]


def test_an_empty_brief_earns_nothing():
    assert not any(_verdicts("").values())


EQUITY = WriteVariant(
    id="group-schedule",
    must_mention=(("shift", "schedule", "work"), ("prayer", "pray", "faith")),
    example={"note": "x"},
)


def test_an_equity_note_loses_the_mark_for_a_generalization_about_a_group():
    biased = (
        "Client missed two group sessions, typical of her culture. She says her shifts change each week and "
        "that she prays each morning for her late father."
    )
    verdicts = {r.label: r.passed for r in WRITING["equity_note"].judge(EQUITY, {"note": biased})}
    assert not verdicts["No generalizations about a group"]
    assert verdicts["No labels or verdicts"]
    fixed = biased.replace(", typical of her culture", "")
    assert all(r.passed for r in WRITING["equity_note"].judge(EQUITY, {"note": fixed}))
