"""The licence planner's arithmetic, against dates worked out by hand."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mswlab import licensure
from mswlab.errors import ValidationError

D = dt.date


def dates(milestones):
    return {m.name: m.date for m in milestones}


def test_typical_lcsw_plan_by_hand():
    # 3,000 hours at 30 a week = 100 weeks = 700 days after 1 June 2026. 1 June 2026 to 1 June 2027 is 365 days,
    # and to 1 June 2028 another 366 (29 February 2028), so 700 days is 31 days short of 1 June 2028: 1 May 2028.
    # 100 supervision hours at 4 a month = 25 months: 1 July 2028. 24 months: 1 June 2028.
    # License eligible on the latest of the three: 1 July 2028; the Clinical exam comes after the experience.
    plan = licensure.plan("lcsw", D(2026, 6, 1), 30, 4)
    assert dates(plan) == {
        "Degree complete": D(2026, 6, 1),
        "Supervised-experience hours met": D(2028, 5, 1),
        "Minimum months elapsed": D(2028, 6, 1),
        "Supervision hours met": D(2028, 7, 1),
        "Exam eligibility (ASWB Clinical)": D(2028, 7, 1),
        "License eligible (Licensed Clinical Social Worker)": D(2028, 7, 1),
    }
    assert [m.date for m in plan] == sorted(m.date for m in plan)
    assert "confirm every requirement" in plan[-1].note


def test_a_jurisdiction_with_a_maximum_period_gets_a_deadline():
    # North Carolina (ncswboard.gov): 3,000 hours and 100 supervision hours over 2 to 6 years.
    # From 15 August 2026 at 25 hours a week: 120 weeks = 840 days. To 15 August 2027 is 365 days, to
    # 15 August 2028 another 366, leaving 109: 16 to the end of August, 30 in September, 31 in October and
    # 30 in November make 107, so 2 December 2028.
    # Supervision 100 at 5 a month = 20 months: 15 April 2028. Minimum 24 months: 15 August 2028.
    # Deadline: 72 months = 15 August 2032, less a day = 14 August 2032.
    got = dates(licensure.plan("lcsw", D(2026, 8, 15), 25, 5, "NC"))
    assert got["Supervised-experience hours met"] == D(2028, 12, 2)
    assert got["Supervision hours met"] == D(2028, 4, 15)
    assert got["Minimum months elapsed"] == D(2028, 8, 15)
    assert got["License eligible (LCSW)"] == D(2028, 12, 2)
    assert got["Deadline to finish"] == D(2032, 8, 14)


def test_months_from_a_leap_day_fall_back_to_the_end_of_february():
    # From 29 February 2028: 24 months -> 29 February 2030 does not exist -> 28 February 2030;
    # the NC deadline: 72 months -> 28 February 2034, less a day -> 27 February 2034.
    assert licensure.add_months(D(2028, 2, 29), 24) == D(2030, 2, 28)
    assert licensure.add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert licensure.add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert licensure.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    got = dates(licensure.plan("lcsw", D(2028, 2, 29), 40, 10, "nc"))
    assert got["Minimum months elapsed"] == D(2030, 2, 28)
    assert got["Deadline to finish"] == D(2034, 2, 27)


def test_a_masters_licence_is_eligible_at_the_degree_with_the_masters_exam():
    got = dates(licensure.plan("lmsw", D(2026, 5, 20), 0.5, 0.5, "TX"))
    assert got == {
        "Degree complete": D(2026, 5, 20),
        "Exam eligibility (ASWB Masters)": D(2026, 5, 20),
        "License eligible (LMSW)": D(2026, 5, 20),
    }


def test_the_jurisdictions_own_figures_replace_the_typical_ones():
    # Minnesota LICSW: 4,000 hours with 200 of supervision; at 40 a week that is 100 weeks, and at 8
    # supervision hours a month 25 months.
    need = licensure.requirements("lcsw", "mn")
    assert (need.licence, need.experience_hours, need.supervision_hours) == ("LICSW", 4000, 200)
    assert "Minnesota" in need.source and "retrieved 22 November 2026" in need.source
    assert licensure.requirements("lcsw", "tx").law_exam == "Texas Social Work Jurisprudence Examination"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("lcsw", D(2026, 6, 1), 0, 4), {}, "Plan some hours a week: 0 would never reach 3,000 hours"),
        (("lcsw", D(2026, 6, 1), -5, 4), {}, "Plan some hours a week"),
        (("lcsw", D(2026, 6, 1), 30, 0), {}, "Plan some supervision hours a month"),
        (("lcsw", D(2026, 6, 1), 30, 4), {"by": D(2026, 5, 31)}, "comes before the start date"),
        (("lmsw", D(2026, 6, 1), 30, 4, "NC"), {}, "North Carolina has no Licensed Master Social Worker (masters)"),
        (("lcsw", D(2026, 6, 1), 30, 4, "ZZ"), {}, "There is no sourced profile for 'ZZ' yet"),
        (("phd", D(2026, 6, 1), 30, 4), {}, "'phd' is not a license type"),
        (("lcsw", D(2026, 6, 1), 5, 4, "NC"), {}, "after the 72-month limit ends on 31 May 2032"),
    ],
)
def test_an_impossible_plan_is_explained(args, kwargs, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        licensure.plan(*args, **kwargs)


def test_hours_per_week_needed_to_meet_a_date():
    # 1 June 2026 to 1 June 2028 is 731 days = 104 whole weeks; 3,000 / 104 = 28.846 hours a week
    assert licensure.hours_per_week_needed("lcsw", D(2026, 6, 1), D(2028, 6, 1)) == pytest.approx(28.846, abs=5e-4)
    with pytest.raises(ValidationError, match="earliest date is 01 June 2028"):
        licensure.hours_per_week_needed("lcsw", D(2026, 6, 1), D(2027, 6, 1))
    assert licensure.hours_per_week_needed("lmsw", D(2026, 6, 1), D(2026, 6, 2)) == 0
