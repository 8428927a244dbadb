"""Performance tasks whose answer the engine computes from the variant's inputs (``COMPUTE``): a
screen's total and band, PND and NAP, a GAS T-score, a two-SD band, BLS wages, licensure dates, hours
left, the Ethical Principles Screen's order. Each calls its domain engine, so the key is never typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mswlab import instruments, outcomes
from mswlab.errors import ValidationError
from mswlab.tasks.fields import FieldSpec


@dataclass(frozen=True)
class Computation:
    """A performance task whose answer the engine computes from the variant's inputs."""

    fields: Callable[[dict[str, Any]], list[FieldSpec]]
    solve: Callable[[dict[str, Any]], dict[str, object]]  # field name -> the engine's answer
    data: Callable[[dict[str, Any]], str]  # the inputs, as the student sees them (markdown)
    how: str  # how the answer is worked out, shown in feedback


def number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def _screen_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    rule = instruments.rule(inputs["instrument"])
    bands = tuple((b.label, b.label) for b in rule.bands)
    return [
        FieldSpec("total", f"{rule.name} total (0 to {rule.max_total})", "number"),
        FieldSpec("band", "Severity band", "choice", bands),
    ]


def _screen_solve(inputs: dict[str, Any]) -> dict[str, object]:
    result = instruments.score(inputs["instrument"], inputs["responses"])
    return {"total": result.total, "band": result.band}


def _screen_data(inputs: dict[str, Any]) -> str:
    rule = instruments.rule(inputs["instrument"])
    rows = [(n, answer) for n, answer in enumerate(inputs["responses"], start=1)]
    return f"**{rule.name}: the answer to each item**\n\n" + _table(("Item", "Answer"), rows)  # type: ignore[arg-type]


def _series_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("pnd", "PND, in percent (0 to 100)", "number", tolerance=0.5),
        FieldSpec("nap", "NAP, as a proportion (0 to 1)", "number", tolerance=0.005),
    ]


def _series_solve(inputs: dict[str, Any]) -> dict[str, object]:
    args = (inputs["baseline"], inputs["intervention"], inputs["direction"])
    return {"pnd": outcomes.pnd(*args), "nap": outcomes.nap(*args)}


def _series_data(inputs: dict[str, Any]) -> str:
    better = "higher" if inputs["direction"] == "increase" else "lower"
    return f"**{inputs['measure']}** ({better} is better)\n\n" + _table(
        ("Phase", "Scores, session by session"),
        [
            ("A (baseline)", ", ".join(map(str, inputs["baseline"]))),
            ("B (intervention)", ", ".join(map(str, inputs["intervention"]))),
        ],
    )


def _gas_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    return [FieldSpec("t_score", "GAS T-score (to two decimals)", "number", tolerance=0.05)]


def _gas_solve(inputs: dict[str, Any]) -> dict[str, object]:
    return {"t_score": outcomes.gas_tscore(inputs["levels"], inputs.get("weights"))}


def _gas_data(inputs: dict[str, Any]) -> str:
    weights = inputs.get("weights") or [1] * len(inputs["levels"])
    rows = list(zip(inputs["goals"], inputs["levels"], weights))
    return _table(("Goal", "Level reached (-2 to +2)", "Weight"), rows)  # type: ignore[arg-type]


COMPUTE: dict[str, Computation] = {
    "screen": Computation(
        _screen_fields,
        _screen_solve,
        _screen_data,
        "Add the item scores (reverse-scored items as the scoring guide says), then find the band that holds "
        "the total in the instrument's published bands.",
    ),
    "single_system": Computation(
        _series_fields,
        _series_solve,
        _series_data,
        "PND: the share of B points beyond the most extreme A point in the better direction. NAP: of all "
        "A-B pairs, the share where the B point is better, ties counted as half.",
    ),
    "gas": Computation(
        _gas_fields,
        _gas_solve,
        _gas_data,
        "T = 50 + 10 x sum(w x level) / sqrt(0.7 x sum(w squared) + 0.3 x (sum w) squared), with rho 0.3.",
    ),
}


# The two-standard-deviation band (module 11): the band's edges from the baseline, and whether the rule is met.
YES_NO = (("yes", "yes"), ("no", "no"))


def _band_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("lower", "Lower edge of the band, mean - 2 SD (to two decimals)", "number", tolerance=0.05),
        FieldSpec("upper", "Upper edge of the band, mean + 2 SD (to two decimals)", "number", tolerance=0.05),
        FieldSpec("met", "Is the rule met (two or more B points in a row beyond the band)?", "choice", YES_NO),
    ]


def _band_solve(inputs: dict[str, Any]) -> dict[str, object]:
    band = outcomes.two_sd_band(inputs["baseline"], inputs["intervention"], inputs["direction"])
    return {"lower": band.lower, "upper": band.upper, "met": "yes" if band.met else "no"}


COMPUTE["two_sd_band"] = Computation(
    _band_fields,
    _band_solve,
    _series_data,
    "The band is the baseline mean plus and minus two sample standard deviations (divide by the number of A "
    "points minus one). The rule is met when two or more B points in a row lie beyond the band on the side of "
    "improvement; a point on the edge is not beyond it (Bloom, Fischer & Orme, 2009).",
)


# --- careers, licensure and the Screen (assignments 02-04) -----------------------------------


def _wage_row(inputs: dict[str, Any]):
    from mswlab.content import occupations

    rows = [f for f in occupations() if f.soc == inputs["soc"] and f.measure == "median_annual_wage"]
    if not rows:
        raise ValidationError(f"datasets/careers/occupations.csv has no median annual wage for {inputs['soc']}")
    return rows[0]


def _wage_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    from mswlab.content import occupations

    periods = sorted({f.period for f in occupations()})
    return [
        FieldSpec("median", f"Median annual wage for {inputs['soc']}, in dollars", "number"),
        FieldSpec("period", "The period that figure describes", "choice", tuple((p, p) for p in periods)),
        FieldSpec("monthly", "That wage per month (divide by 12), to the nearest dollar", "number", tolerance=1),
        FieldSpec("hourly", "That wage per hour of a 2,080-hour work year, to the cent", "number", tolerance=0.01),
    ]


def _wage_solve(inputs: dict[str, Any]) -> dict[str, object]:
    row = _wage_row(inputs)
    return {
        "median": row.value,
        "period": row.period,
        "monthly": round(row.value / 12),
        "hourly": round(row.value / 2080, 2),
    }


def _wage_data(inputs: dict[str, Any]) -> str:
    from mswlab.content import occupations

    rows = [
        (
            f.soc,
            f.occupation,
            f.measure.replace("_", " "),
            f"{f.value:,g}",
            f.period,
            f.source_url,
            f"{f.retrieved:%d %B %Y}",
        )
        for f in occupations()
    ]
    header = ("Code", "Occupation", "Measure", "Figure", "Period", "Source", "Retrieved")
    return "**BLS figures in the course's data (datasets/careers/occupations.csv)**\n\n" + _table(header, rows)  # type: ignore[arg-type]


def _need(inputs: dict[str, Any]):
    from mswlab.licensure import requirements

    return requirements(inputs["target"], inputs.get("jurisdiction"))


DECIDING = (
    ("experience", "the experience hours"),
    ("supervision", "the supervision hours"),
    ("months", "the minimum months"),
)


def _dates_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("hours_met", "The day the experience hours are met (YYYY-MM-DD)", "text"),
        FieldSpec("supervision_met", "The day the supervision hours are met (YYYY-MM-DD)", "text"),
        FieldSpec("months_met", "The day the minimum months have passed (YYYY-MM-DD)", "text"),
        FieldSpec("eligible", "The first day of license eligibility (YYYY-MM-DD)", "text"),
        FieldSpec("deciding", "Which requirement sets that date", "choice", DECIDING),
    ]


def _dates_solve(inputs: dict[str, Any]) -> dict[str, object]:
    import datetime as dt

    from mswlab.licensure import plan

    start = dt.date.fromisoformat(str(inputs["start"]))
    milestones = plan(
        inputs["target"], start, inputs["hours_per_week"], inputs["supervision_per_month"], inputs.get("jurisdiction")
    )
    on = {m.name: m.date for m in milestones}
    need = _need(inputs)
    met = {
        "experience": on["Supervised-experience hours met"],
        "supervision": on["Supervision hours met"],
        "months": on["Minimum months elapsed"],
    }
    eligible = on[f"License eligible ({need.licence})"]
    deciding = [k for k, day in met.items() if day == eligible]
    if len(deciding) != 1:
        raise ValidationError("two requirements are met on the same day; choose a pace that separates them")
    return {
        "hours_met": met["experience"].isoformat(),
        "supervision_met": met["supervision"].isoformat(),
        "months_met": met["months"].isoformat(),
        "eligible": eligible.isoformat(),
        "deciding": deciding[0],
    }


def _dates_data(inputs: dict[str, Any]) -> str:
    need = _need(inputs)
    rows = [
        ("License", need.licence),
        ("Supervised experience", f"{need.experience_hours:,} hours"),
        ("Supervision", f"{need.supervision_hours} hours"),
        ("Minimum time", f"{need.min_months} months"),
        ("Hours count from", str(inputs["start"])),
        ("Pace: experience", f"{inputs['hours_per_week']:g} hours a week"),
        ("Pace: supervision", f"{inputs['supervision_per_month']:g} hours a month"),
    ]
    return _table(("", "Figure"), rows) + f"\n\nSource of the requirements: {need.source}."  # type: ignore[arg-type]


def _hours_entries(inputs: dict[str, Any]):
    from mswlab.hours import entry_from

    return [entry_from(day, hours, kind, who) for day, kind, hours, who in inputs["log"]]


def _hours_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("experience_remaining", "Experience hours still needed", "number", tolerance=0.01),
        FieldSpec("supervision_remaining", "Supervision hours still needed", "number", tolerance=0.01),
    ]


def _hours_solve(inputs: dict[str, Any]) -> dict[str, object]:
    from mswlab.hours import progress

    experience, supervision = progress(_hours_entries(inputs), _need(inputs))
    return {
        "experience_remaining": max(0.0, experience.remaining - inputs["signed_experience"]),
        "supervision_remaining": max(0.0, supervision.remaining - inputs["signed_supervision"]),
    }


def _hours_data(inputs: dict[str, Any]) -> str:
    need = _need(inputs)
    rows = [(day, kind, f"{hours:g}", who or "(none)") for day, kind, hours, who in inputs["log"]]
    return (
        f"**Signed off to date:** {inputs['signed_experience']:,g} hours of supervised experience and "
        f"{inputs['signed_supervision']:g} hours of supervision.\n\n**The log since then:**\n\n"
        + _table(("Date", "Type", "Hours", "Supervisor"), rows)  # type: ignore[arg-type]
        + f"\n\n**{need.licence} requirements:** {need.experience_hours:,} hours of experience and "
        f"{need.supervision_hours} hours of supervision ({need.source})."
    )


_PLACES = (("first", "Weighs most (first)"), ("second", "Second"), ("third", "Third"))


def _order_fields(inputs: dict[str, Any]) -> list[FieldSpec]:
    from mswlab.content import ethics_frameworks

    frameworks = ethics_frameworks()
    options = tuple((p, frameworks.principle(p).name) for p in inputs["principles"])
    return [FieldSpec(name, label, "choice", options) for name, label in _PLACES[: len(inputs["principles"])]]


def _order_solve(inputs: dict[str, Any]) -> dict[str, object]:
    from mswlab.ethics import screen_order

    return dict(zip((name for name, _ in _PLACES), screen_order(inputs["principles"])))


def _order_data(inputs: dict[str, Any]) -> str:
    from mswlab.content import ethics_frameworks

    frameworks = ethics_frameworks()
    return "**The principles in conflict:** " + "; ".join(frameworks.principle(p).name for p in inputs["principles"])


COMPUTE.update(
    {
        "bls_wage": Computation(
            _wage_fields,
            _wage_solve,
            _wage_data,
            "Find the row with the code and the measure 'median annual wage'; read its figure and period. Monthly: "
            "the figure / 12. Hourly: the figure / 2,080 (BLS's full-time year of 52 weeks x 40 hours). A median is "
            "the middle wage of everyone counted, nationally, in that period: not a starting salary or a promise.",
        ),
        "licensure_dates": Computation(
            _dates_fields,
            _dates_solve,
            _dates_data,
            "Experience: start + 7 x ceil(hours / hours a week) days. Supervision: start + ceil(hours / hours a "
            "month) whole months. Minimum time: start + the minimum months. Eligibility is the latest of the three, "
            "and the requirement met last sets it (mswlab.licensure.plan).",
        ),
        "hours_remaining": Computation(
            _hours_fields,
            _hours_solve,
            _hours_data,
            "Experience is direct clinical plus other practice; supervision is individual plus group supervision. "
            "Still needed = the requirement - the hours signed off - the hours in the log (mswlab.hours.progress).",
        ),
        "screen_order": Computation(
            _order_fields,
            _order_solve,
            _order_data,
            "The Ethical Principles Screen (Dolgoff et al., 2012) ranks protection of life (1), social justice "
            "(2), self-determination (3), least harm (4), quality of life (5), privacy and confidentiality (6), "
            "truthfulness and full disclosure (7); the lower rank weighs more.",
        ),
    }
)
