"""The blueprint data and the form specifications read from it."""

from __future__ import annotations

import pytest
import yaml

from mswlab.content import loader
from mswlab.content.base import build
from mswlab.content.exam import BlueprintFile, figures_of
from mswlab.errors import ValidationError
from mswlab.exam import blueprint

RAW = yaml.safe_load((loader.datasets_dir() / "exam" / "blueprints.yaml").read_text())


def test_current_format_is_122_questions_110_scored_12_pretest_in_two_closed_sections():
    s = blueprint.spec("clinical", "current")
    assert (s.questions, s.scored, s.pretest) == (122, 110, 12)
    assert sum(s.sections) == 122 and len(s.sections) == 2 and s.may_return is False
    assert [a.id for a in s.areas] == ["values-and-ethics", "assessment-and-planning", "intervention-and-practice"]


def test_legacy_format_is_170_questions_in_two_sections_of_85_for_four_hours():
    s = blueprint.spec("masters", "legacy")
    assert (s.questions, s.scored, s.pretest, s.minutes, s.sections) == (170, 150, 20, 240, (85, 85))
    assert not s.may_return
    assert {a.id: a.weight for a in s.areas} == {
        "human-development-diversity-behavior": 27,
        "assessment-and-intervention-planning": 24,
        "interventions-with-clients": 24,
        "professional-relationships-values-ethics": 25,
    }


def test_unpublished_weights_are_equal_and_the_spec_says_so():
    s = blueprint.spec("bachelors", "current")
    assert not s.weights_published
    assert all(abs(a.weight - 100 / 3) < 1e-9 for a in s.areas)
    assert any("weights its 3 areas equally" in note for note in s.notes)
    assert not any("equally" in note for note in blueprint.spec("bachelors", "legacy").notes)


def test_every_figure_has_a_known_source_and_only_aswb_pages_are_confirmed():
    bp = blueprint.default()
    publishers = {s.id: s.publisher for s in bp.sources}
    for fmt in bp.formats:
        for field, figure in figures_of(fmt):
            assert figure.source in publishers, field
            if figure.confirmed:
                assert publishers[figure.source] == "ASWB", f"{fmt.id}.{field} is confirmed by a non-ASWB source"


def test_associate_uses_the_bachelors_outline_and_items():
    s = blueprint.spec("associate", "legacy")
    assert s.item_level == "bachelors"
    assert [a.id for a in s.areas] == [a.id for a in blueprint.spec("bachelors", "legacy").areas]
    assert any("Bachelors content outline" in note for note in s.notes)


@pytest.mark.parametrize("n", [110, 122, 150, 12, 20, 7])
def test_area_counts_add_up_and_stay_within_one_of_weight_times_n(n):
    for category in ("bachelors", "masters", "advanced-generalist", "clinical"):
        for fmt in ("current", "legacy"):
            s = blueprint.spec(category, fmt)
            counts = s.counts(n)
            assert sum(counts.values()) == n
            for area in s.areas:
                assert abs(counts[area.id] - area.weight * n / 100) < 1


def test_unknown_category_names_the_known_ones():
    with pytest.raises(ValidationError, match="'doctoral' is not a known category; choose one of associate"):
        blueprint.spec("doctoral")


def _broken(edit) -> dict:
    data = yaml.safe_load(yaml.safe_dump(RAW))
    edit(data)
    return data


def test_weights_that_do_not_add_up_to_100_are_rejected_naming_the_category():
    def edit(d):
        d["formats"][1]["weights"]["clinical"]["professional-values-ethics"]["value"] = 29

    with pytest.raises(ValidationError) as err:
        build(BlueprintFile, _broken(edit))
    assert err.value.entry == "legacy" and err.value.field == "weights.clinical"
    assert "add up to 110" in err.value.message


def test_a_figure_citing_an_unknown_source_is_rejected():
    def edit(d):
        d["formats"][0]["minutes"]["source"] = "a-forum-post"

    with pytest.raises(ValidationError, match="names source 'a-forum-post', which is not in sources"):
        build(BlueprintFile, _broken(edit))


def test_scored_plus_pretest_must_equal_the_question_count():
    def edit(d):
        d["formats"][0]["pretest"]["value"] = 10

    with pytest.raises(ValidationError, match=r"scored \(110\) and pretest \(10\) should add up to questions \(122\)"):
        build(BlueprintFile, _broken(edit))
