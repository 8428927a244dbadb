"""The case library explorer and decision practice, driven through their Python twins."""

from __future__ import annotations

from mswlab.content import vignettes
from tests.unit.test_decisions import BRANCHING, case
from widgets.vignettes import DecisionPracticeView, VignetteExplorer


def test_decision_practice_gives_feedback_follows_a_branch_and_ends_with_both_paths():
    view = DecisionPracticeView(case(BRANCHING))
    assert view.submit() is None and "Choose an option first" in view.message_text
    assert view.choose("z") is False and "'z' is not one of the choices" in view.message_text
    view.choose("a")
    assert view.submit().correct is False and view.feedback_text.startswith("Not quite.")
    assert view.submit() is None and "You have answered this decision" in view.message_text
    assert view.next() and "recover?" in view._prompt.value  # the weaker choice opened its follow-up
    for key in ("a", "c", "a"):
        view.choose(key)
        view.submit()
        view.next()
    assert view.session.finished
    assert "You chose the best option at 3 of 4 decisions" in view.summary_text
    assert "not on the recommended path" in view.summary_text
    assert view.next() is False and "last decision on your path" in view.message_text


def test_explorer_filters_reads_and_starts_practice():
    explorer = VignetteExplorer()
    every = explorer.filter()
    assert len(every) == len(vignettes())
    school = explorer.filter(setting="school", level="mezzo")
    assert school and all(c in every for c in school)
    assert all(explorer.cases[every.index(c)].setting == "school" for c in school)
    assert explorer.practise() is None and "Pick a case from the list first" in explorer.message_text
    opened = explorer.read(school[0])
    assert opened.title in explorer.case_text
    practice = explorer.practise()
    assert practice is not None and practice.session.case.id == school[0]
    assert explorer.filter(setting=None, level=None) == every
    assert sum(sum(row) for row in explorer.figure.data[0].z) == len(every)  # the coverage chart counts them all
