"""The careers explorer, the skills inventory, the licence planner and the hours log, via their twins."""

from __future__ import annotations

import datetime as dt

import pytest

from mswlab.content import careers
from tests.conftest import at
from widgets import HoursLogView, career_explorer, hours_log, license_planner, skills_inventory
from widgets.feedback import text_of

LOG_DAY = dt.date(2026, 11, 22)  # the hours log refuses days after today


def test_the_explorer_filters_by_setting_and_skill_and_compares_two_careers():
    view = career_explorer()
    assert len(view.filter()) == 6
    found = view.filter("corrections", "documentation")
    assert found and all("corrections" in view.profiles[c].settings for c in found)
    assert view.profile_text.startswith(view.profiles[found[0]].title)
    assert "Roles beyond therapy" in view.profile_text
    text = view.compare("school-social-worker", "clinical-social-worker")
    assert text.split()[:7] == ["Aspect", "School", "social", "worker", "Clinical", "social", "worker"]
    assert view.filter("private-practice", "integrity") == []
    assert "No career here matches both" in view.profile_text


def test_every_outlook_chart_names_its_periods_and_bls_as_the_source():
    view = career_explorer()
    for figure in view.figures.values():
        caption = figure.layout.annotations[-1].text
        assert caption.startswith("Source: U.S. Bureau of Labor Statistics") and "bls.gov" in caption
        assert all("(" in label and ")" in label for label in figure.data[0].text)  # each bar: value (period)


def test_the_inventory_needs_every_rating_then_draws_a_radar_and_prompts():
    view = skills_inventory()
    assert view.show_profile() is None and view.message_text.startswith("Rate 'Active listening' from 1")
    for skill in careers().skills:
        view.rate(skill.id, 3)
    view.rate("documentation", 5)
    view.rate("patience", 1)
    profile = view.show_profile()
    assert profile.strongest[0] == "documentation" and profile.growing[0] == "patience"
    assert view.figure.data[0].type == "scatterpolar" and len(view.figure.data[0].r) == len(careers().skills) + 1
    assert "Patience is where you rated yourself lowest" in view.result_text


@pytest.mark.time_machine(at(LOG_DAY))
def test_the_planner_draws_the_milestones_and_the_pace_for_a_target_date():
    view = license_planner("lcsw", "TX")
    assert view._start.value == LOG_DAY  # the start date offered is today, from the engine's clock
    view.set_plan(start=dt.date(2026, 6, 1), hours_per_week=30, supervision_per_month=4, by=dt.date(2029, 1, 1))
    milestones = view.plan()
    assert [m.date for m in milestones][-1] == dt.date(2028, 7, 1)
    # 1 June 2026 to 1 January 2029 is 945 days = 135 whole weeks; 3,000 / 135 = 22.2 hours a week
    assert "about 22.2 hours a week" in view.milestones_text
    assert "Rules differ by state" in view.figure.layout.annotations[-1].text
    assert {bar for bar in view.figure.data[0].y} >= {"Supervised-experience hours met", "License eligible (LCSW)"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours_per_week": "lots"}, "'lots' is not a number; enter the experience hours a week in digits"),
        ({"hours_per_week": 0}, "Plan some hours a week"),
        ({"target": "lmsw", "jurisdiction": "NC"}, "North Carolina has no Licensed Master Social Worker"),
        ({"by": dt.date(2026, 1, 1)}, "comes before the start date"),
    ],
)
def test_an_impossible_plan_is_explained_beside_the_form_and_the_last_plan_stays(changes, message):
    view = license_planner("lcsw", "NC")
    view.set_plan(start=dt.date(2026, 6, 1), hours_per_week=30, supervision_per_month=4)
    shown = view.plan()
    view.set_plan(**changes)
    assert view.plan() is None and message in view.message_text
    assert view.milestones == shown


@pytest.mark.time_machine(at(LOG_DAY))
def test_the_hours_log_checks_each_field_and_keeps_the_store_unchanged(tmp_path):
    view = HoursLogView("lcsw", "TX", path=tmp_path / "progress.sqlite")
    assert view._fields["date"].value == "2026-11-22"  # today, from the engine's clock
    assert view.add("2026-11-20", "3", "direct-clinical")
    for args, field, message in (
        (("2026-11-20", "0", "direct-clinical"), "hours", "0 hours is not possible"),
        (("2099-01-01", "1", "direct-clinical"), "date", "is in the future"),
        (("2026-11-21", "1", "group-supervision", ""), "supervisor", "Name the supervisor"),
        (("2026-11-20", "22", "other-practice"), "hours", "would pass 24 in one day"),
    ):
        assert view.add(*args) is False and message in view.message(field)
    assert len(view.logbook.entries()) == 1
    assert view.status_text.startswith("Experience hours: 3 of 3000 (2997 to go).")
    saved = view.export(tmp_path / "hours.csv")
    assert saved.read_text().splitlines() == ["date,hours,type,supervisor,note", "2026-11-20,3,direct-clinical,,"]
    assert (
        view.import_text(
            "date,hours,type,supervisor,note\n2026-11-19,2,direct-clinical,,\n2026-11-18,x,direct-clinical,,\n"
        )
        is False
    )
    assert view.message("csv").startswith("Nothing was imported. Line 3: hours:")
    assert view.import_text("date,hours,type,supervisor,note\n2026-11-19,2,group-supervision,Dr Lee,\n")
    assert view.message("csv") == "Imported 1 entry." and "Supervision hours: 2 of 100" in view.status_text
    assert view.undo() and len(view.logbook.entries()) == 1


@pytest.mark.time_machine(at(LOG_DAY))
def test_the_practice_hours_log_leaves_the_real_log_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    view = hours_log("lcsw", "TX", practice=True)
    assert view.add("2026-11-20", "6", "direct-clinical") and "Experience hours: 6 of 3000" in view.status_text
    assert view.export() == tmp_path / "practice-supervised-hours.csv"  # where the file browser shows it
    assert "practice" in text_of(view.children[0])
    assert HoursLogView("lcsw", "TX").logbook.entries() == []
