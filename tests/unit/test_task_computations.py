"""The compute entries for assignments 02-04 (careers, licensure, ethics) call their domain engines."""

from __future__ import annotations

import datetime as dt

import pytest

from mswlab.content import occupations
from mswlab.errors import ValidationError
from mswlab.licensure import plan
from mswlab.tasks.computations import COMPUTE


def test_bls_wage_reads_the_table_as_it_stands():
    row = next(f for f in occupations() if f.soc == "21-1021" and f.measure == "median_annual_wage")
    solved = COMPUTE["bls_wage"].solve({"soc": "21-1021"})
    assert solved == {
        "median": row.value,
        "period": row.period,
        "monthly": round(row.value / 12),
        "hourly": round(row.value / 2080, 2),
    }
    shown = COMPUTE["bls_wage"].data({"soc": "21-1021"})
    assert row.source_url in shown and row.period in shown


def test_bls_wage_names_a_code_without_a_wage():
    with pytest.raises(ValidationError, match="no median annual wage"):
        COMPUTE["bls_wage"].solve({"soc": "21-1023"})


def test_licensure_dates_match_the_planner_and_name_the_deciding_requirement():
    inputs = {
        "target": "lcsw",
        "jurisdiction": "TX",
        "start": "2027-01-04",
        "hours_per_week": 28,
        "supervision_per_month": 6,
    }
    solved = COMPUTE["licensure_dates"].solve(inputs)
    dates = {m.name: m.date.isoformat() for m in plan("lcsw", dt.date(2027, 1, 4), 28, 6, "TX")}
    assert solved["hours_met"] == dates["Supervised-experience hours met"] == "2029-01-29"
    assert solved["supervision_met"] == dates["Supervision hours met"]
    assert solved["eligible"] == dates["License eligible (LCSW)"]
    assert solved["deciding"] == "experience"
    slower = COMPUTE["licensure_dates"].solve({**inputs, "supervision_per_month": 4, "hours_per_week": 34})
    assert slower["deciding"] == "supervision"


def test_hours_remaining_counts_experience_and_supervision_by_category():
    inputs = {
        "target": "lcsw",
        "jurisdiction": "TX",
        "signed_experience": 2874.5,
        "signed_supervision": 88,
        "log": [
            ["2026-10-05", "direct-clinical", 6.5, ""],
            ["2026-10-05", "individual-supervision", 1, "R. Alvarez, LCSW-S"],
            ["2026-10-06", "other-practice", 1.5, ""],
            ["2026-10-07", "group-supervision", 2, "R. Alvarez, LCSW-S"],
        ],
    }
    assert COMPUTE["hours_remaining"].solve(inputs) == {"experience_remaining": 117.5, "supervision_remaining": 9.0}


def test_screen_order_follows_the_ranks():
    inputs = {"principles": ["privacy-and-confidentiality", "autonomy", "protection-of-life"]}
    assert COMPUTE["screen_order"].solve(inputs) == {
        "first": "protection-of-life",
        "second": "autonomy",
        "third": "privacy-and-confidentiality",
    }
    assert [f.name for f in COMPUTE["screen_order"].fields(inputs)] == ["first", "second", "third"]
