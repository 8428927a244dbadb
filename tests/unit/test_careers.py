"""Careers data and the skills self-inventory (mswlab.careers)."""

from __future__ import annotations

import pytest

from mswlab import careers
from mswlab.content import careers as career_data
from mswlab.errors import ValidationError

SKILLS = [s.id for s in career_data().skills]


def test_find_matches_setting_and_skill_or_trait_together():
    assert {c.id for c in careers.find("school")} == {c.id for c in career_data().careers if "school" in c.settings}
    both = careers.find("hospital", "teamwork")
    assert both and all("hospital" in c.settings and "teamwork" in c.skills for c in both)
    assert all("empathy" in c.traits for c in careers.find(skill="empathy"))


def test_compare_names_an_unknown_career():
    table = careers.compare("school-social-worker", "hospital-social-worker")
    assert list(table["Aspect"])[:2] == ["Typical tasks", "Settings"]
    with pytest.raises(ValidationError, match="'astronaut' is not a career"):
        careers.compare("astronaut", "school-social-worker")


def test_the_profile_orders_strengths_and_growth_areas_with_ties_by_name():
    ratings = dict.fromkeys(SKILLS, 3) | {"teamwork": 5, "empathy": 5, "patience": 1}
    profile = careers.skill_profile(ratings)
    assert profile.strongest[:2] == ("empathy", "teamwork")  # both 5: alphabetical by name
    assert profile.growing[0] == "patience"
    assert len(profile.prompts) == 4 and "used empathy well" in profile.prompts[0]


@pytest.mark.parametrize("bad", [0, 6, "3", True, None, 2.5])
def test_a_missing_or_impossible_rating_names_the_skill(bad):
    with pytest.raises(ValidationError, match="Rate 'Active listening' from 1") as caught:
        careers.skill_profile(dict.fromkeys(SKILLS, 3) | {"active-listening": bad})
    assert caught.value.field == "active-listening"
