"""Score standardized screening instruments by their published rules.

The rules (item count, allowed values per item, reverse-scored items, bands, flags and
each band's published follow-up) live here and only here; ``datasets/instruments.yaml``
holds what a person reads: citation, license, items, purpose and limits. ``mswlab check``
holds the two to the same item count and response values.

A screen is not a diagnosis, so every interpretation says what the score does *not* mean.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from mswlab.content import models
from mswlab.content.checks import Context, Report
from mswlab.errors import ValidationError


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str  # the published severity label
    meaning: str  # what the range suggests, completing "... which suggests <meaning>"
    action: str  # the published follow-up for this range, in plain words


@dataclass(frozen=True)
class Flag:
    id: str
    message: str
    action: str | None = None  # a follow-up that overrides the band's, if any
    escalate: bool = False  # the next band's follow-up applies instead of this band's


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    values: tuple[tuple[int, ...], ...]  # allowed answers, one tuple per item
    bands: tuple[Band, ...]
    reverse: frozenset[int] = frozenset()  # 1-based items scored as (1 - answer) on yes/no items
    flags: tuple[tuple[Flag, Callable[[tuple[int, ...]], bool]], ...] = ()
    not_meaning: str = "it is not a diagnosis"

    @property
    def items(self) -> int:
        return len(self.values)

    @property
    def max_total(self) -> int:
        return sum(max(v) for v in self.values)

    def band_for(self, total: int) -> Band:
        return next(b for b in self.bands if b.low <= total <= b.high)


@dataclass(frozen=True)
class Result:
    instrument: str
    total: int
    max_total: int
    band: str
    flags: tuple[str, ...]
    interpretation: str
    follow_up: str  # the published action for the band, or a flag's overriding action
    item_scores: tuple[int, ...] = field(default=())

    def flag_messages(self) -> list[str]:
        by_id = {f.id: f.message for f, _ in RULES[self.instrument].flags}
        return [by_id[f] for f in self.flags]


FREQUENCY = (0, 1, 2, 3)  # not at all, several days, more than half the days, nearly every day
YES_NO = (0, 1)  # 0 = no, 1 = yes
AUDIT_FIVE = (0, 1, 2, 3, 4)
AUDIT_THREE = (0, 2, 4)  # no; yes, but not in the last year; yes, during the last year

_FOLLOW_UP_NOW = (
    "Ask directly about thoughts of suicide today, and follow your agency's risk protocol with your supervisor"
)
ITEM9 = Flag(
    "item9_positive",
    "Item 9 (thoughts of being better off dead or of self-harm) was answered above 0: "
    "follow up at once with a direct, caring question about suicide, whatever the total.",
    _FOLLOW_UP_NOW,
)
AUDIT_NEXT = Flag(
    "next_zone_advised",
    "A dependence item (4, 5 or 6) scored 2 or more, or item 9 or 10 scored 4: WHO "
    "guidance is to offer the next zone's intervention.",
    escalate=True,
)

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "phq9",
            "PHQ-9",
            (FREQUENCY,) * 9,
            (
                Band(
                    0,
                    4,
                    "minimal",
                    "few or no depressive symptoms in the past two weeks",
                    "No action beyond routine care; screen again as usual",
                ),
                Band(
                    5,
                    9,
                    "mild",
                    "mild depressive symptoms",
                    "Watchful waiting: talk it over and repeat the PHQ-9 at follow-up",
                ),
                Band(
                    10,
                    14,
                    "moderate",
                    "moderate depressive symptoms",
                    "Make a plan together: a fuller assessment, counseling and follow-up",
                ),
                Band(
                    15,
                    19,
                    "moderately severe",
                    "moderately severe depressive symptoms",
                    "Active treatment: refer for evaluation and treatment, such as psychotherapy or medication",
                ),
                Band(
                    20,
                    27,
                    "severe",
                    "severe depressive symptoms",
                    "Prompt referral to a mental health specialist for evaluation and treatment",
                ),
            ),
            flags=((ITEM9, lambda a: a[8] > 0),),
        ),
        Rule(
            "phq2",
            "PHQ-2",
            (FREQUENCY,) * 2,
            (
                Band(
                    0,
                    2,
                    "negative",
                    "a negative depression screen",
                    "No further depression screening now; screen again as usual",
                ),
                Band(
                    3, 6, "positive", "a positive depression screen", "Complete the full PHQ-9 or a clinical interview"
                ),
            ),
        ),
        Rule(
            "gad7",
            "GAD-7",
            (FREQUENCY,) * 7,
            (
                Band(
                    0,
                    4,
                    "minimal",
                    "few or no anxiety symptoms in the past two weeks",
                    "No action beyond routine care; screen again as usual",
                ),
                Band(5, 9, "mild", "mild anxiety symptoms", "Talk it over, monitor and screen again"),
                Band(
                    10,
                    14,
                    "moderate",
                    "moderate anxiety symptoms",
                    "A fuller assessment: 10 or more is the published point for further evaluation",
                ),
                Band(
                    15,
                    21,
                    "severe",
                    "severe anxiety symptoms",
                    "Refer for evaluation and treatment, and plan follow-up",
                ),
            ),
        ),
        Rule(
            "gad2",
            "GAD-2",
            (FREQUENCY,) * 2,
            (
                Band(
                    0,
                    2,
                    "negative",
                    "a negative anxiety screen",
                    "No further anxiety screening now; screen again as usual",
                ),
                Band(3, 6, "positive", "a positive anxiety screen", "Complete the full GAD-7 or a clinical interview"),
            ),
        ),
        Rule(
            "audit",
            "AUDIT",
            (AUDIT_FIVE,) * 8 + (AUDIT_THREE,) * 2,
            (
                Band(0, 7, "zone I (low risk)", "lower-risk drinking in the past year", "Alcohol education"),
                Band(
                    8,
                    15,
                    "zone II (hazardous)",
                    "hazardous drinking that raises the risk of harm",
                    "Simple advice, with education materials",
                ),
                Band(
                    16,
                    19,
                    "zone III (harmful)",
                    "harmful drinking that may already be causing harm",
                    "Simple advice plus brief counseling and continued monitoring",
                ),
                Band(
                    20,
                    40,
                    "zone IV (possible dependence)",
                    "drinking that may reflect alcohol dependence",
                    "Refer to a specialist for diagnostic evaluation and treatment",
                ),
            ),
            flags=((AUDIT_NEXT, lambda a: max(a[3:6]) >= 2 or a[8] == 4 or a[9] == 4),),
        ),
        Rule(
            "audit_c",
            "AUDIT-C",
            (AUDIT_FIVE,) * 3,
            (
                Band(
                    0,
                    2,
                    "negative",
                    "drinking below both published cut-offs",
                    "No further alcohol assessment now; screen again as usual",
                ),
                Band(
                    3,
                    3,
                    "positive at the cut-off of 3",
                    "drinking worth discussing under the cut-off of 3, which studies set in samples of "
                    "women (the cut-off of 4 came from samples of men, and neither was studied in "
                    "transgender or nonbinary people, so follow your agency's rule and never assume "
                    "anyone's gender)",
                    "Talk about drinking and consider the full AUDIT, following your agency's cut-off",
                ),
                Band(
                    4,
                    12,
                    "positive at the cut-offs of 3 and 4",
                    "drinking worth a closer look by both published cut-offs (4 in studies of men, 3 in "
                    "studies of women)",
                    "Complete the full AUDIT or a fuller assessment of drinking",
                ),
            ),
        ),
        Rule(
            "dast10",
            "DAST-10",
            (YES_NO,) * 10,
            (
                Band(
                    0,
                    0,
                    "none reported",
                    "no drug-related problems reported in the past 12 months",
                    "None at this time",
                ),
                Band(1, 2, "low", "a low level of drug-related problems", "Monitor and reassess at a later date"),
                Band(3, 5, "moderate", "a moderate level of drug-related problems", "Further investigation"),
                Band(6, 8, "substantial", "a substantial level of drug-related problems", "Intensive assessment"),
                Band(9, 10, "severe", "a severe level of drug-related problems", "Intensive assessment"),
            ),
            reverse=frozenset({3}),
        ),
        Rule(
            "cage",
            "CAGE",
            (YES_NO,) * 4,
            (
                Band(
                    0,
                    1,
                    "not clinically significant",
                    "no sign of a drinking problem from this short screen",
                    "No further alcohol assessment from this screen; ask about amount and frequency too",
                ),
                Band(
                    2,
                    4,
                    "clinically significant",
                    "a possible drinking problem worth assessing further",
                    "A fuller assessment of alcohol use",
                ),
            ),
            not_meaning="it is not a diagnosis, and CAGE asks about lifetime, not current, drinking",
        ),
    )
}

IDS = tuple(RULES)


def rule(instrument_id: str) -> Rule:
    try:
        return RULES[instrument_id]
    except KeyError:
        raise ValidationError(
            f"'{instrument_id}' is not an instrument here; choose one of {', '.join(IDS)}", field="instrument"
        ) from None


def _answers(r: Rule, responses: Sequence | Mapping) -> tuple[int, ...]:
    """Validate responses (a list in item order, or {item number: answer}) item by item."""
    if isinstance(responses, Mapping):
        unknown = [k for k in responses if k not in range(1, r.items + 1)]
        if unknown:
            raise ValidationError(
                f"{r.name} has items 1 to {r.items}; there is no item {unknown[0]!r}", field="responses"
            )
        responses = [responses.get(n) for n in range(1, r.items + 1)]
    elif isinstance(responses, (str, bytes)) or not isinstance(responses, Sequence):
        raise ValidationError(f"give {r.name}'s {r.items} answers as a list, in item order", field="responses")
    if len(responses) != r.items:
        raise ValidationError(
            f"{r.name} has {r.items} items, but {len(responses)} answers were given", field="responses"
        )
    answers = []
    for number, (value, allowed) in enumerate(zip(responses, r.values), start=1):
        where = f"item {number}"
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError(f"item {number} has no answer; every item needs one", field=where)
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise ValidationError(
                    f"'{value}' is not a number; enter one of {allowed_words(allowed)}", field=where
                ) from None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValidationError(
                f"{value!r} is not a possible answer; item {number} is scored {allowed_words(allowed)}", field=where
            )
        answers.append(value)
    return tuple(answers)


def allowed_words(allowed: tuple[int, ...]) -> str:
    """How a form says which answers an item takes: '0 to 3', or '0, 2 or 4'."""
    if allowed == tuple(range(allowed[0], allowed[-1] + 1)) and len(allowed) > 2:
        return f"{allowed[0]} to {allowed[-1]}"
    return ", ".join(map(str, allowed[:-1])) + f" or {allowed[-1]}"


def score(instrument_id: str, responses: Sequence | Mapping) -> Result:
    """Score one completed questionnaire; raise ValidationError naming the item if it is invalid.

    ``responses`` is a list of answers in item order (yes/no items: 1 = yes, 0 = no; reverse
    scoring is applied here), or a mapping from item number (1-based) to answer.
    """
    r = rule(instrument_id)
    answers = _answers(r, responses)
    scores = tuple(1 - a if n in r.reverse else a for n, a in enumerate(answers, start=1))
    total = sum(scores)
    band = r.band_for(total)
    raised = [f for f, test in r.flags if test(answers)]
    interpretation = (
        f"A total of {total} of a possible {r.max_total} on the {r.name} falls in the band "
        f"'{band.label}', which suggests {band.meaning}, but {r.not_meaning}."
    )
    return Result(
        r.id,
        total,
        r.max_total,
        band.label,
        tuple(f.id for f in raised),
        interpretation,
        _follow_up(r, band, raised),
        scores,
    )


def _follow_up(r: Rule, band: Band, raised: list[Flag]) -> str:
    for flag in raised:
        if flag.action:
            return flag.action
    if any(f.escalate for f in raised) and band is not r.bands[-1]:
        return r.bands[r.bands.index(band) + 1].action
    return band.action


def bands_table(instrument_id: str) -> pd.DataFrame:
    """The published bands with their follow-up, for display in a lesson."""
    r = rule(instrument_id)
    return pd.DataFrame(
        [
            {
                "Total": f"{b.low}" if b.low == b.high else f"{b.low}-{b.high}",
                "Band": b.label,
                "Suggested follow-up": b.action,
            }
            for b in r.bands
        ]
    )


@functools.cache
def follow_up_choices(instrument_id: str) -> tuple[str, ...]:
    """Every follow-up a student may choose between for this instrument, in band order."""
    r = rule(instrument_id)
    actions = [b.action for b in r.bands] + [f.action for f, _ in r.flags if f.action]
    return tuple(dict.fromkeys(actions))


def instrument_markdown(instrument_id: str) -> str:
    """A lesson card: purpose, timeframe, items, bands, limits, sources and license."""
    from mswlab.content.loader import instruments as texts

    r, t = rule(instrument_id), texts()[instrument_id]
    lines = [f"#### {t.name}: {t.full_name}", "", t.purpose, "", f"**Time frame:** {t.timeframe}.", ""]
    if t.stem:
        lines += [f"*{t.stem}*", ""]
    lines += [f"{i.number}. {i.text or i.label}" for i in t.items]
    if t.responses:
        lines += ["", "**Answers:** " + "; ".join(f"{o.label} = {o.value}" for o in t.responses) + "."]
    if r.reverse:
        lines += ["", f"**Reverse-scored:** item {', '.join(map(str, sorted(r.reverse)))} (No scores 1)."]
    lines += ["", "| Total | Band | Suggested follow-up |", "|---|---|---|"]
    lines += [f"| {b.low if b.low == b.high else f'{b.low}-{b.high}'} | {b.label} | {b.action} |" for b in r.bands]
    lines += ["", *[f"**Flag:** {f.message}" for f, _ in r.flags]]
    lines += ["", "**Limits:**", ""] + [f"- {x}" for x in t.limits]
    lines += [
        "",
        "**Sources:** " + " ".join(t.citations),
        "",
        f"**License:** {t.licence.terms} **Official form:** {t.licence.official_form}",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class ScoringFeedback:
    correct: bool
    message: str  # says right or not for total, band and follow-up, in words, then the flags and meaning


def read_total(instrument_id: str, typed: object) -> int:
    """A total as a student typed it, or a ValidationError saying what a total can be."""
    high = rule(instrument_id).max_total
    text = str(typed).strip() if typed is not None else ""
    if not text:
        raise ValidationError("Enter the total first.", field="total")
    try:
        value = int(text)
    except ValueError:
        raise ValidationError("Enter the total as a whole number, such as 7.", field="total") from None
    if not 0 <= value <= high:
        raise ValidationError(f"A total on this instrument can only be from 0 to {high}.", field="total")
    return value


def judge_scoring(
    instrument_id: str, responses: Sequence | Mapping, total: object, band: str, follow_up: str
) -> ScoringFeedback:
    """Judge a student's scoring of a completed questionnaire against the published rules."""
    typed = read_total(instrument_id, total)
    result = score(instrument_id, responses)
    reverse = rule(instrument_id).reverse
    parts = [
        f"Total: correct, {result.total}."
        if typed == result.total
        else f"Total: not quite. You entered {typed}; the total is {result.total}."
        + (f" Item {', '.join(map(str, sorted(reverse)))} is reverse-scored." if reverse else ""),
        f"Band: correct, {result.band}."
        if band == result.band
        else f"Band: not quite. {result.total} falls in '{result.band}', not '{band}'.",
        "Follow-up: correct."
        if follow_up == result.follow_up
        else f"Follow-up: not quite. The suggested follow-up is: {result.follow_up}.",
    ]
    correct = (typed, band, follow_up) == (result.total, result.band, result.follow_up)
    return ScoringFeedback(correct, " ".join(parts + result.flag_messages() + [result.interpretation]))


# --- mswlab check ---------------------------------------------------------------------------


def check_instruments(ctx: Context, report: Report) -> None:
    """The reading material in datasets/instruments.yaml matches the engine's scoring rules."""
    files = ctx.content.of_type(models.InstrumentFile)
    if not files:
        return
    shown = "datasets/instruments.yaml"
    described = {i.id: i for f in files.values() for i in f.instruments}
    report.counts["instruments"] = len(described)
    for missing in sorted(set(RULES) - set(described)):
        report.problems.append(f"{shown}: instrument '{missing}' is scored by the engine but not described here")
    for inst in described.values():
        rule = RULES.get(inst.id)
        if rule is None:
            report.problems.append(
                f"{shown}: entry '{inst.id}': field 'id': the engine has no scoring "
                "rules for it (mswlab/instruments.py)"
            )
            continue
        if len(inst.items) != rule.items:
            report.problems.append(
                f"{shown}: entry '{inst.id}': field 'items': lists {len(inst.items)} "
                f"items, but {rule.name} has {rule.items}"
            )
            continue
        for item, allowed in zip(inst.items, rule.values):
            values = tuple(o.value for o in inst.responses_for(item))
            if values and values != allowed:
                report.problems.append(
                    f"{shown}: entry '{inst.id}': field 'items[{item.number - 1}].responses': answer values "
                    f"{list(values)} differ from the engine's {list(allowed)} for item {item.number}"
                )


def check_screenings(ctx: Context, report: Report) -> None:
    """Every practice questionnaire can be scored by the engine."""
    files = ctx.content.of_type(models.ScreeningFile)
    cases = [case for f in files.values() for case in f.screenings]
    report.counts["screenings"] = len(cases)
    for case in cases:
        try:
            score(case.instrument, case.responses)
        except ValidationError as err:
            field = "instrument" if err.field == "instrument" else "responses"
            report.problems.append(f"datasets/screenings.yaml: entry '{case.id}': field '{field}': {err.message}")


CHECKS = [check_instruments, check_screenings]
