"""The case library's filters and coverage rules."""

from __future__ import annotations

from mswlab import library
from mswlab.content import vignettes
from tests.unit.test_decisions import BRANCHING, case


def test_filters_combine_and_none_means_any():
    cases = vignettes()
    school_mezzo = library.matching(cases, setting="school", level="mezzo")
    assert school_mezzo and all(c.setting == "school" and "mezzo" in c.levels for c in school_mezzo)
    assert library.matching(cases) == cases
    assert library.matching(cases, competency=1, module="no_such_module") == []


def test_the_real_library_meets_its_coverage_goals_and_counts_every_case_once():
    cases = vignettes()
    assert library.coverage_problems(cases) == []
    assert int(library.coverage(cases).values.sum()) == len(cases)


def test_a_small_library_is_told_every_shortfall():
    problems = library.coverage_problems([case(BRANCHING[:2])])
    assert "has 1 case(s); the library needs at least 40" in problems
    assert any("in the setting 'hospital'; each setting needs 3" in p for p in problems)
    assert any("for the life stage 'child'; each needs 6" in p for p in problems)
    assert any("move from micro to mezzo to macro; it needs 8" in p for p in problems)
    assert "needs cases about families and about groups, not only individuals" in problems
    assert any("case 'middle-school-absences' has 2 decision point(s); each case needs 3" in p for p in problems)
