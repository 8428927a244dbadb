"""What each kind of graded part asks for, and how an answer to it is judged, mark by mark.

Every kind turns (part, variant) into the answer ``fields`` a student fills in (the form and the
typed dictionary use the same names) and turns an answer into ``Mark``s: one per item, fact,
computed value or writing rule, each with the student's answer, the best answer and why. The
part's points are shared equally among its marks, so the score and the feedback always agree.

Compute functions (``COMPUTE``) and writing rule sets (``WRITING``) call the domain engines
(instruments, outcomes, planning); a new performance task adds an entry there, not a new kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mswlab import instruments, outcomes, planning
from mswlab.content.tasks import ChoicePart, ComputePart, Part, SortPart, Variant, WritePart
from mswlab.errors import ValidationError
from mswlab.practice import choice_key, judge

FieldType = Literal["choice", "number", "text", "long_text"]


@dataclass(frozen=True)
class FieldSpec:
    """One answer field: its key in the answer dictionary, its label, and what it takes."""

    name: str
    label: str
    type: FieldType
    options: tuple[tuple[str, str], ...] = ()  # (key, shown text) for a choice
    tolerance: float = 0.0  # for a number: how far from the engine's value still counts


@dataclass(frozen=True)
class Mark:
    """One judged piece of an answer, as the feedback shows it."""

    label: str
    given: str
    best: str
    earned: float
    possible: float
    why: str

    @property
    def right(self) -> bool:
        return self.earned >= self.possible


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(no answer)"
    text = str(value).strip()
    return text if len(text) <= 400 else text[:400] + " [...]"


def _share(part: Part, count: int) -> float:
    return part.points / count if count else 0.0


# --- choice ----------------------------------------------------------------------------------


def _choice_fields(part: ChoicePart, variant) -> list[FieldSpec]:
    return [
        FieldSpec(str(i), item.stem, "choice", tuple((o.key, o.text) for o in item.options))
        for i, item in enumerate(variant.items, start=1)
    ]


def _choice_marks(part: ChoicePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    marks, each = [], _share(part, len(variant.items))
    for i, item in enumerate(variant.items, start=1):
        best = item.option(item.answer)
        given = answer.get(str(i))
        try:
            feedback = judge(item, item.options, _letter(given))
        except ValidationError:
            marks.append(Mark(f"Question {i}", _shown(given), _option(best), 0.0, each, _why_best(best)))
            continue
        chosen = item.option(feedback.chosen)
        why = chosen.rationale or ""
        if not feedback.correct:
            why += " " + _why_best(best)
        marks.append(
            Mark(f"Question {i}", _option(chosen), _option(best), each if feedback.correct else 0.0, each, why)
        )
    return marks


def _letter(value: object) -> str:
    text = str(value or "").strip().strip("()").strip()
    return text.lower()


def _option(option) -> str:
    return f"{option.key.upper()}. {option.text}"


_BEST_LABEL = re.compile(r"^Best[:.]\s*")


def _why_best(best) -> str:
    return f"Why {best.key.upper()} is best: {_BEST_LABEL.sub('', (best.rationale or '').strip())}"


# --- sort ------------------------------------------------------------------------------------


def _sort_fields(part: SortPart, variant) -> list[FieldSpec]:
    options = tuple((c, c) for c in part.categories)
    return [FieldSpec(str(i), fact.text, "choice", options) for i, fact in enumerate(variant.facts, start=1)]


def _sort_marks(part: SortPart, variant, answer: Mapping[str, object]) -> list[Mark]:
    each = _share(part, len(variant.facts))
    marks = []
    for i, fact in enumerate(variant.facts, start=1):
        given = answer.get(str(i))
        right = _same_word(given, fact.category)
        marks.append(Mark(f"Fact {i}", _shown(given), fact.category, each if right else 0.0, each, fact.why))
    return marks


def _same_word(value: object, word: str) -> bool:
    from mswlab.assignments import reading

    return reading(value, word.lower())


# --- compute ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Computation:
    """A performance task whose answer the engine computes from the variant's inputs."""

    fields: Callable[[dict[str, Any]], list[FieldSpec]]
    solve: Callable[[dict[str, Any]], dict[str, object]]  # field name -> the engine's answer
    data: Callable[[dict[str, Any]], str]  # the inputs, as the student sees them (markdown)
    how: str  # how the answer is worked out, shown in feedback


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _compute_marks(part: ComputePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    computation = COMPUTE[part.function]
    specs = computation.fields(variant.inputs)
    solved = computation.solve(variant.inputs)
    each = _share(part, len(specs))
    marks = []
    for spec in specs:
        best, given = solved[spec.name], answer.get(spec.name)
        if spec.type == "number":
            number = _number(given)
            right = number is not None and abs(number - float(best)) <= spec.tolerance + 1e-9  # type: ignore[arg-type]
            best_text = f"{float(best):g}" if spec.tolerance == 0 else f"{float(best):.2f}"  # type: ignore[arg-type]
        else:
            right = _same_word(given, str(best))
            best_text = str(best)
        marks.append(Mark(spec.label, _shown(given), best_text, each if right else 0.0, each, computation.how))
    return marks


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


# --- write -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    label: str
    passed: bool
    message: str


@dataclass(frozen=True)
class Writing:
    """A performance task the student writes, judged by rules that read the words."""

    sections: tuple[FieldSpec, ...]
    judge: Callable[[Any, dict[str, str]], list[Rule]]  # (variant, text per section) -> one verdict per rule


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(w.lower())}", lowered) for w in words)


def _kept(variant, text: str, what: str) -> list[Rule]:
    return [
        Rule(
            f"Names {' / '.join(group[:2])}",
            _mentions(text, group),
            f"It {'names' if _mentions(text, group) else 'does not name'} {what}: {', '.join(group)}.",
        )
        for group in variant.must_mention
    ]


def _smart_objective(variant, text: dict[str, str]) -> list[Rule]:
    objective = text.get("objective", "").strip()
    if not objective:
        return [Rule(c.replace("_", " "), False, "No objective was written.") for c in planning.CRITERIA] + _kept(
            variant, "", "what this case is about"
        )
    verdicts = [Rule(r.criterion.replace("_", " "), r.passed, r.message) for r in planning.check_objective(objective)]
    return verdicts + _kept(variant, objective, "what this case is about")


JUDGMENTAL = (
    "non-compliant",
    "noncompliant",
    "manipulative",
    "lazy",
    "uncooperative",
    "resistant",
    "in denial",
    "attention-seeking",
    "attention seeking",
    "drug-seeking",
    "unmotivated",
    "hysterical",
    "crazy",
    "addict",
    "abuser",
    "dirty",
    "refused to cooperate",
    "belligerent",
    "obviously",
    "clearly",
    "bad mother",
    "bad father",
    "neglectful",
    "hostile",
    "difficult client",
)


def judgmental_words(text: str) -> list[str]:
    """Labels and verdicts a behavioral note replaces with what was seen and heard."""
    return [w for w in JUDGMENTAL if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text.lower())]


def _behavioral_note(variant, text: dict[str, str]) -> list[Rule]:
    note = text.get("note", "").strip()
    found = judgmental_words(note)
    words = len(note.split())
    return [
        Rule(
            "No labels or verdicts",
            bool(note) and not found,
            "It keeps to what was seen and heard."
            if note and not found
            else f"Replace {', '.join(repr(w) for w in found)} with what the person did or said."
            if found
            else "No note was written.",
        ),
        Rule("A usable length", 20 <= words <= 150, f"It has {words} words; a note like this needs 20 to 150."),
        *_kept(variant, note, "a fact from the original note"),
    ]


_PHONE = re.compile(r"\b988\b|\b\d{3}[-. )]\s?\d{3}[-. ]\d{4}\b|\b741741\b")
SAFETY_STEPS = (
    ("warning_signs", "1. Warning signs that a crisis may be starting"),
    ("coping", "2. Things I can do on my own to take my mind off it"),
    ("social", "3. People and places that help me feel better"),
    ("help", "4. People I can ask for help"),
    ("professionals", "5. Professionals and crisis lines I can call"),
    ("means", "6. Making my surroundings safer"),
)


def _safety_plan(variant, text: dict[str, str]) -> list[Rule]:
    rules = []
    for name, label in SAFETY_STEPS:
        written = text.get(name, "").strip()
        specific = len(written.split()) >= 3
        rules.append(
            Rule(
                label,
                specific,
                "It is written in the client's own specific terms."
                if specific
                else "Write at least a few words, specific to this client (who, what, where).",
            )
        )
    professionals, means = text.get("professionals", ""), text.get("means", "")
    rules.append(
        Rule(
            "A crisis line or number",
            bool(_PHONE.search(professionals)),
            "Step 5 names a number to call or text (988 in the US)."
            if _PHONE.search(professionals)
            else "Step 5 needs a number the client can call or text at any hour, such as 988 in the US.",
        )
    )
    rules += [
        Rule("Means named in step 6", r.passed, r.message)
        for r in _kept(variant, means, "the means this client has access to")
    ]
    return rules


URGENCIES = ("today", "this-week", "this-month")


def _referral_plan(variant, text: dict[str, str]) -> list[Rule]:
    urgency = text.get("urgency", "").strip().lower().replace(" ", "-")
    expected = variant.expected.get("urgency", "")
    follow_up = text.get("follow_up", "")
    timed = planning.check_time_bound(follow_up).passed if follow_up.strip() else False
    barrier = text.get("barrier", "").strip()
    return [
        *[Rule("The need", r.passed, r.message) for r in _kept(variant, text.get("need", ""), "the client's need")],
        Rule("How soon", urgency == expected, f"This referral is needed {expected.replace('-', ' ')}."),
        Rule(
            "A barrier and how to meet it",
            len(barrier.split()) >= 6,
            "It names a barrier and a way round it."
            if len(barrier.split()) >= 6
            else "Name one thing that could stop the referral working and what you will do about it.",
        ),
        Rule(
            "A follow-up with a time",
            timed,
            "It says when you will check that the referral happened."
            if timed
            else "Say when you will check back, for example 'within 3 days'.",
        ),
    ]


GAS_LEVELS = (
    ("minus_2", "-2: much less than expected"),
    ("minus_1", "-1: somewhat less than expected"),
    ("expected", "0: the expected level"),
    ("plus_1", "+1: somewhat more than expected"),
    ("plus_2", "+2: much more than expected"),
)


def _gas_scale(variant, text: dict[str, str]) -> list[Rule]:
    numbers = []
    for name, _ in GAS_LEVELS:
        found = re.findall(r"\d+(?:\.\d+)?", text.get(name, ""))
        numbers.append(float(found[0]) if found else None)
    counted = all(n is not None for n in numbers)
    values = [n for n in numbers if n is not None]
    ordered = counted and (
        all(a < b for a, b in zip(values, values[1:])) or all(a > b for a, b in zip(values, values[1:]))
    )
    return [
        Rule(
            "Every level can be counted",
            counted,
            "Each level gives a number to observe."
            if counted
            else "Give every level a number (how often, how many) so two observers would agree on the level reached.",
        ),
        Rule(
            "Levels in order, no overlap",
            ordered,
            "The levels move one way, from -2 to +2."
            if ordered
            else "Order the levels so each step is better than the one before, with no number in two levels.",
        ),
        *_kept(variant, " ".join(text.values()), "the goal's behavior"),
    ]


# The client systems each level of practice works with (module 01: families and groups are mezzo).
LEVEL_SYSTEMS = {
    "micro": (
        "one-on-one",
        "individual",
        "session",
        "counsel",
        "coach",
        "meet with",
        "meets with",
        "him",
        "her",
        "them",
        "client",
    ),
    "mezzo": (
        "family",
        "families",
        "group",
        "team",
        "staff",
        "volunteer",
        "classroom",
        "school",
        "agency",
        "clinic",
        "unit",
        "neighbo",
        "congregation",
        "support group",
        "peer",
        "partner",
        "household",
    ),
    "macro": (
        "policy",
        "policies",
        "law",
        "ordinance",
        "county",
        "state",
        "city",
        "legislat",
        "coalition",
        "funding",
        "budget",
        "regulation",
        "council",
        "board",
        "federal",
        "campaign",
        "statewide",
        "citywide",
        "community-wide",
        "district",
    ),
}
LEVELS = tuple(LEVEL_SYSTEMS)


def _levels_plan(variant, text: dict[str, str]) -> list[Rule]:
    rules = []
    for level in LEVELS:
        action = text.get(level, "").strip()
        fits = len(action.split()) >= 6 and _mentions(action, LEVEL_SYSTEMS[level])
        rules.append(
            Rule(
                f"A {level} action",
                fits,
                f"It names work with a {level} system."
                if fits
                else f"Write one action (a sentence of 6 words or more) aimed at a {level} system: "
                + ", ".join(w for w in LEVEL_SYSTEMS[level][:6])
                + ", and so on.",
            )
        )
    return rules + _kept(variant, " ".join(text.values()), "this case's concern")


# All-or-nothing words that mark an automatic thought (module 09's distortions). A balanced thought may still
# use one to deny it ("not everyone", "doesn't mean I always"), so a word just after a "not" is not counted.
ABSOLUTES = (
    "everyone",
    "everybody",
    "no one",
    "nobody",
    "always",
    "never",
    "nothing",
    "everything",
    "completely",
    "totally",
    "hopeless",
    "worthless",
    "ruined",
)
_DENIED = re.compile(r"(\bnot|n't|n’t)\W+(\w+\W+){0,2}$")
_FIRST_PERSON = re.compile(r"\b(i|i'm|i’m|i've|i’ve|i'll|i’ll|i'd|i’d|me|my|myself)\b", re.I)


def absolute_words(text: str) -> list[str]:
    """The all-or-nothing words a thought asserts (not those it denies, as in "not everyone")."""
    lowered, found = text.lower(), []
    for word in ABSOLUTES:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            if not _DENIED.search(lowered[: match.start()]):
                found.append(word)
                break
    return found


def _balanced_thought(variant, text: dict[str, str]) -> list[Rule]:
    thought = text.get("thought", "").strip()
    found = absolute_words(thought)
    words = len(thought.split())
    voiced = bool(_FIRST_PERSON.search(thought))
    return [
        *_kept(variant, thought, "a fact from the case"),
        Rule(
            "No all-or-nothing words",
            bool(thought) and not found,
            "It weighs the evidence without all-or-nothing words."
            if thought and not found
            else f"Replace {', '.join(repr(w) for w in found)}: a balanced thought says what the evidence shows, "
            "not all or nothing."
            if found
            else "No thought was written.",
        ),
        Rule(
            "In the person's own voice",
            voiced,
            "It is written as the person would say it (I, me, my)."
            if voiced
            else "Write it as the person would say it to themself, with I, me or my.",
        ),
        Rule(
            "A believable length",
            12 <= words <= 80,
            f"It has {words} words; a balanced thought the person can hold in mind needs 12 to 80.",
        ),
    ]


def _long(name: str, label: str) -> FieldSpec:
    return FieldSpec(name, label, "long_text")


WRITING: dict[str, Writing] = {
    "levels_plan": Writing(tuple(_long(level, f"A {level} action for this case") for level in LEVELS), _levels_plan),
    "smart_objective": Writing((_long("objective", "Your objective"),), _smart_objective),
    "balanced_thought": Writing((_long("thought", "Your balanced thought"),), _balanced_thought),
    "behavioral_note": Writing((_long("note", "Your rewritten note"),), _behavioral_note),
    "safety_plan": Writing(tuple(_long(n, label) for n, label in SAFETY_STEPS), _safety_plan),
    "referral_plan": Writing(
        (
            _long("need", "The need, in the client's terms"),
            FieldSpec("urgency", "How soon", "choice", tuple((u, u.replace("-", " ")) for u in URGENCIES)),
            _long("barrier", "A barrier, and how you will meet it"),
            FieldSpec("follow_up", "Your follow-up, with a time", "text"),
        ),
        _referral_plan,
    ),
    "gas_scale": Writing(tuple(FieldSpec(n, label, "text") for n, label in GAS_LEVELS), _gas_scale),
}


# A policy-practice product (CSWE competency 5): a short advocacy brief. The variant's must_mention groups
# are, in order, the policy or program, the group it affects and the decision-maker addressed; any further
# group is a fact of the case the brief should keep.
BRIEF_ASK = (
    "ask",
    "request",
    "urge",
    "recommend",
    "propose",
    "call on",
    "should",
    "please",
    "vote",
    "adopt",
    "approve",
    "fund",
    "amend",
    "change",
    "allow",
    "extend",
    "restore",
    "require",
)
BRIEF_PARTS = ("The policy or program", "Who is affected", "The decision-maker")


def _policy_brief(variant, text: dict[str, str]) -> list[Rule]:
    brief = text.get("brief", "").strip()
    words = len(brief.split())
    groups = list(variant.must_mention)
    rules = [
        Rule(
            label,
            _mentions(brief, group),
            f"It names {label.lower()}."
            if _mentions(brief, group)
            else f"Name {label.lower()}, for example: {', '.join(group[:4])}.",
        )
        for label, group in zip(BRIEF_PARTS, groups)
    ]
    evidence = bool(re.search(r"\d", brief))
    ask = _mentions(brief, BRIEF_ASK)
    rules += [
        Rule(
            "Evidence with a number",
            evidence,
            "It gives a number as evidence."
            if evidence
            else "Give at least one number from the case (how many people, how often, what it costs).",
        ),
        Rule(
            "A specific ask",
            ask,
            "It asks for a specific change."
            if ask
            else "Say what you ask the decision-maker to do, for example 'We ask the board to ...'.",
        ),
        Rule("A brief's length", 40 <= words <= 300, f"It has {words} words; a short brief needs 40 to 300."),
    ]
    rules += _kept(variant.model_copy(update={"must_mention": tuple(groups[3:])}), brief, "a fact of this case")
    return rules


WRITING["policy_brief"] = Writing((_long("brief", "Your advocacy brief"),), _policy_brief)


# Culturally responsive, anti-racist documentation (CSWE competency 3, module 13): a behavioral note that also
# drops generalizations about a person's race, culture or community. The variant's must_mention groups are the
# person's own account, the structural barrier and the cultural strength the note should keep.
STEREOTYPES = (
    "typical of",
    "typical for",
    "his culture",
    "her culture",
    "their culture",
    "these people",
    "those people",
    "real medicine",
    "like most",
    "that community",
    "those families",
)


def stereotypes(text: str) -> list[str]:
    """Generalizations that put a group in the place of the person."""
    return [w for w in STEREOTYPES if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text.lower())]


def _equity_note(variant, text: dict[str, str]) -> list[Rule]:
    rules = _behavioral_note(variant, text)
    found = stereotypes(text.get("note", ""))
    rules.insert(
        1,
        Rule(
            "No generalizations about a group",
            bool(text.get("note", "").strip()) and not found,
            "It describes this person, not a group."
            if not found
            else f"Replace {', '.join(repr(w) for w in found)} with what this person said or did.",
        ),
    )
    return rules


WRITING["equity_note"] = Writing((_long("note", "Your rewritten note"),), _equity_note)


def _write_marks(part: WritePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    writing = WRITING[part.rules]
    text = {spec.name: str(answer.get(spec.name) or "") for spec in writing.sections}
    rules = writing.judge(variant, text)
    each = _share(part, len(rules))
    given = " / ".join(t.strip() for t in text.values() if t.strip())
    best = " / ".join(v for v in variant.example.values()) if variant.example else ""
    return [Mark(r.label, _shown(given), best, each if r.passed else 0.0, each, r.message) for r in rules]


# --- the kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    fields: Callable[[Any, Any], list[FieldSpec]]
    marks: Callable[[Any, Any, Mapping[str, object]], list[Mark]]
    data: Callable[[Any, Any], str] = field(default=lambda part, variant: "")


KINDS: dict[str, Kind] = {
    "choice": Kind(_choice_fields, _choice_marks),
    "sort": Kind(_sort_fields, _sort_marks),
    "compute": Kind(
        lambda part, v: COMPUTE[part.function].fields(v.inputs),
        _compute_marks,
        lambda part, v: COMPUTE[part.function].data(v.inputs),
    ),
    "write": Kind(
        lambda part, v: list(WRITING[part.rules].sections),
        _write_marks,
        lambda part, v: f"**The note as written:**\n\n> {v.given}" if v.given else "",
    ),
}


def fields(part: Part, variant: Variant) -> list[FieldSpec]:
    return KINDS[part.kind].fields(part, variant)  # type: ignore[attr-defined]


def marks(part: Part, variant: Variant, answer: Mapping[str, object]) -> list[Mark]:
    return KINDS[part.kind].marks(part, variant, answer)  # type: ignore[attr-defined]


def data(part: Part, variant: Variant) -> str:
    return KINDS[part.kind].data(part, variant)  # type: ignore[attr-defined]


__all__ = ["COMPUTE", "KINDS", "WRITING", "FieldSpec", "Mark", "choice_key", "data", "fields", "marks"]
