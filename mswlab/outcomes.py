"""Measuring outcomes: Goal Attainment Scaling and single-system (single-subject) designs.

Every index takes ``(baseline, intervention, direction=...)``; ``direction`` is
"increase" when improvement means higher scores (days attended) and "decrease" when it
means lower ones (a PHQ-9 total). Invalid input raises ``ValidationError`` with a plain
message; nothing here divides by zero or returns NaN without saying why.

Sources: Kiresuk & Sherman (1968) for the GAS T-score; Bloom, Fischer & Orme (2009) for the
two-standard-deviation band and the split-middle celeration line; Scruggs, Mastropieri &
Casto (1987) for PND; Parker & Vannest (2009) for NAP; Parker, Vannest, Davis & Sauber
(2011) for Tau-U.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from mswlab import session_feedback
from mswlab.content.checks import Context, Report, count_entries, require_vignettes
from mswlab.content.outcomes import FeedbackSampleFile, GasSampleFile, SampleGoal, SsdCase, SsdCaseFile
from mswlab.errors import ValidationError

DIRECTIONS = ("increase", "decrease")


# --- Goal Attainment Scaling --------------------------------------------------------------


def gas_tscore(attainments: Sequence[int], weights: Sequence[float] | None = None, rho: float = 0.3) -> float:
    """Kiresuk-Sherman T-score: 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * sum(w)^2).

    ``attainments`` are levels from -2 (much less than expected) to +2 (much more than
    expected), 0 being the expected level; ``weights`` default to 1; ``rho`` is the assumed
    correlation between goal scales (0.3 by convention). 50 means every goal at its expected level.
    """
    x = list(attainments)
    if not x:
        raise ValidationError("Add at least one goal before computing a T-score.", field="attainments")
    for i, level in enumerate(x, start=1):
        if (
            isinstance(level, bool)
            or not isinstance(level, (int, float))
            or level != int(level)
            or not -2 <= level <= 2
        ):
            raise ValidationError(
                f"Goal {i}'s attainment is {level!r}; it must be a whole level from -2 to +2.", field="attainments"
            )
    w = [1.0] * len(x) if weights is None else list(weights)
    if len(w) != len(x):
        raise ValidationError(
            f"There are {len(x)} attainment(s) but {len(w)} weight(s); give one weight per goal.", field="weights"
        )
    for i, weight in enumerate(w, start=1):
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
            raise ValidationError(
                f"Goal {i}'s weight is {weight!r}; a weight is a number of 0 or more.", field="weights"
            )
    if not sum(w):
        raise ValidationError("At least one goal needs a weight above 0.", field="weights")
    if not 0 <= rho < 1:
        raise ValidationError(f"rho is {rho}; it must be from 0 up to (not including) 1.", field="rho")
    numerator = sum(wi * xi for wi, xi in zip(w, x))
    denominator = math.sqrt((1 - rho) * sum(wi * wi for wi in w) + rho * sum(w) ** 2)
    return 50 + 10 * numerator / denominator


LEVELS = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class GoalScale:
    """One goal's five levels, each described in words the person would recognize."""

    goal: str
    levels: dict[int, str]  # -2..+2 -> description
    weight: float = 1.0

    def __post_init__(self) -> None:
        if not self.goal.strip():
            raise ValidationError("Name the goal.", field="goal")
        missing = [lvl for lvl in LEVELS if not (self.levels.get(lvl) or "").strip()]
        if missing:
            raise ValidationError(
                f"Describe every level; level(s) {', '.join(f'{m:+d}' for m in missing)} are empty.", field="levels"
            )
        if self.weight < 0:
            raise ValidationError("A weight is a number of 0 or more.", field="weight")

    def rate(self, level: int) -> int:
        """The attainment at follow-up, checked against the scale's levels."""
        return check_level(level)


def check_level(level: object) -> int:
    """A GAS level, -2 to +2, or a plain message naming the levels there are."""
    if isinstance(level, bool) or level not in LEVELS:
        raise ValidationError(f"{level!r} is not a level of this scale; choose -2, -1, 0, +1 or +2.", field="level")
    return int(level)


def weight_from(text: object) -> float:
    """A goal's weight as typed in a box ("2", "1.5"); a plain message for anything else."""
    try:
        weight = float(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"The weight '{text}' is not a number; enter a number such as 1 or 2.", field="weight"
        ) from None
    if not math.isfinite(weight) or weight < 0:
        raise ValidationError("A weight is a number of 0 or more.", field="weight")
    return weight


def gas_follow_up(scales: Sequence[GoalScale], levels: Sequence[int], rho: float = 0.3) -> float:
    """The T-score for a set of scales rated at follow-up."""
    if len(levels) != len(scales):
        raise ValidationError(f"Rate every goal: {len(scales)} goal(s), {len(levels)} rating(s).", field="levels")
    return gas_tscore([s.rate(lv) for s, lv in zip(scales, levels)], [s.weight for s in scales], rho)


def gas_reading(t_score: float) -> str:
    """A plain-language reading of a T-score."""
    if abs(t_score - 50) < 0.05:
        return "50: on the whole, the goals were met at the expected level."
    side = "above" if t_score > 50 else "below"
    return (
        f"{t_score:.1f}: {side} the expected level overall (50 is the expected level; each 10 points is "
        "about one standard deviation)."
    )


# --- single-system designs ------------------------------------------------------------------


def _numbers(values: Iterable[object], phase: str) -> list[float]:
    out = []
    for i, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise ValidationError(f"Point {i} of phase {phase} is {value!r}, which is not a number.", field=phase)
        out.append(float(value))
    if not out:
        raise ValidationError(f"Phase {phase} is empty; it needs at least one data point.", field=phase)
    return out


def direction_sign(direction: str) -> int:
    """+1 when improvement means higher scores, -1 when lower; a plain error for anything else."""
    if direction not in DIRECTIONS:
        raise ValidationError(
            f"direction is {direction!r}; it must be 'increase' (higher is better) or 'decrease' (lower is better).",
            field="direction",
        )
    return 1 if direction == "increase" else -1


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def ols_slope(values: Sequence[float]) -> float | None:
    """Least-squares slope of the values against their position (1, 2, ...) in the phase."""
    n = len(values)
    if n < 2:
        return None
    x_mean, y_mean = (n + 1) / 2, statistics.fmean(values)
    sxx = sum((i - x_mean) ** 2 for i in range(1, n + 1))
    return sum((i - x_mean) * (y - y_mean) for i, y in enumerate(values, start=1)) / sxx


@dataclass(frozen=True)
class PhaseStats:
    label: str
    n: int
    mean: float
    median: float
    sd: float | None  # sample standard deviation; None for one point
    slope: float | None  # OLS trend per session; None for one point


def phase_stats(label: str, values: Sequence[object]) -> PhaseStats:
    y = _numbers(values, label)
    return PhaseStats(
        label,
        len(y),
        statistics.fmean(y),
        statistics.median(y),
        statistics.stdev(y) if len(y) > 1 else None,
        ols_slope(y),
    )


@dataclass(frozen=True)
class Band:
    lower: float
    upper: float
    beyond: tuple[bool, ...]  # each intervention point beyond the band on the side of improvement
    met: bool  # two or more consecutive points beyond it


def two_sd_band(baseline: Sequence[object], intervention: Sequence[object], direction: str = "increase") -> Band:
    """Baseline mean +/- 2 SD; met when 2 or more consecutive intervention points lie beyond it in the
    direction of improvement (Bloom, Fischer & Orme, 2009)."""
    sign = direction_sign(direction)
    a, b = _numbers(baseline, "A"), _numbers(intervention, "B")
    if len(a) < 2:
        raise ValidationError("The two-standard-deviation band needs at least 2 baseline points.", field="A")
    mean, sd = statistics.fmean(a), statistics.stdev(a)
    lower, upper = mean - 2 * sd, mean + 2 * sd
    beyond = tuple((y > upper) if sign > 0 else (y < lower) for y in b)
    met = any(first and second for first, second in zip(beyond, beyond[1:]))
    return Band(lower, upper, beyond, met)


@dataclass(frozen=True)
class Celeration:
    slope: float
    intercept: float  # the line's value at session 0, sessions numbered from 1 at the first baseline point
    beyond: float  # share of intervention points beyond the line on the side of improvement

    def at(self, session: float) -> float:
        return self.intercept + self.slope * session


def celeration_line(
    baseline: Sequence[object], intervention: Sequence[object], direction: str = "increase", gap: int = 0
) -> Celeration:
    """Split-middle celeration line through the baseline, extended into the intervention phase.

    The baseline is split in half (the middle point is dropped when there is an odd number);
    the line joins (median session, median value) of each half. Sessions are numbered 1, 2, ...
    from the first baseline point, and the intervention continues the count after ``gap``
    sessions (the length of any phase between the two, as B is between A and C in A-B-C).
    """
    sign = direction_sign(direction)
    a, b = _numbers(baseline, "A"), _numbers(intervention, "B")
    if len(a) < 2:
        raise ValidationError("The celeration line needs at least 2 baseline points.", field="A")
    half = len(a) // 2
    first, second = list(range(1, half + 1)), list(range(len(a) - half + 1, len(a) + 1))
    x1, x2 = statistics.median(first), statistics.median(second)
    y1, y2 = statistics.median(a[:half]), statistics.median(a[-half:])
    slope = (y2 - y1) / (x2 - x1)
    intercept = y1 - slope * x1
    line = Celeration(slope, intercept, 0.0)
    sessions = range(len(a) + gap + 1, len(a) + gap + len(b) + 1)
    beyond = sum(_sign(y - line.at(s)) == sign for s, y in zip(sessions, b)) / len(b)
    return Celeration(slope, intercept, beyond)


def pnd(baseline: Sequence[object], intervention: Sequence[object], direction: str = "increase") -> float:
    """Percentage of non-overlapping data: the % of intervention points beyond the most extreme
    baseline point in the direction of improvement (Scruggs et al., 1987)."""
    sign = direction_sign(direction)
    a, b = _numbers(baseline, "A"), _numbers(intervention, "B")
    extreme = max(a) if sign > 0 else min(a)
    return 100 * sum((y > extreme) if sign > 0 else (y < extreme) for y in b) / len(b)


def nap(baseline: Sequence[object], intervention: Sequence[object], direction: str = "increase") -> float:
    """Non-overlap of all pairs (Parker & Vannest, 2009): of all nA x nB baseline-intervention pairs,
    the share in which the intervention point is better, ties counted as half."""
    sign = direction_sign(direction)
    a, b = _numbers(baseline, "A"), _numbers(intervention, "B")
    better = sum(_sign(y - x) == sign for x in a for y in b)
    ties = sum(y == x for x in a for y in b)
    return (better + 0.5 * ties) / (len(a) * len(b))


def tau_u(baseline: Sequence[object], intervention: Sequence[object], direction: str = "increase") -> float:
    """Tau-U, A versus B with baseline-trend correction ("A vs B - trend A"; Parker et al., 2011).

    Tau-U = (S_AB - S_A) / (nA * nB), where S_AB counts baseline-intervention pairs in which the
    intervention point is better minus those in which it is worse, and S_A is Kendall's S within
    the baseline (later points better minus later points worse, over every pair in time order).
    Improvement is read in ``direction``. This is the version with nA * nB as the denominator;
    some calculators divide differently, so values can differ from theirs.
    """
    sign = direction_sign(direction)
    a, b = _numbers(baseline, "A"), _numbers(intervention, "B")
    s_ab = sum(sign * _sign(y - x) for x in a for y in b)
    return (s_ab - _trend_s(a, sign)) / (len(a) * len(b))


def _trend_s(values: Sequence[float], sign: int) -> int:
    return sum(sign * _sign(values[j] - values[i]) for i in range(len(values)) for j in range(i + 1, len(values)))


def lag1_autocorrelation(values: Sequence[float]) -> float | None:
    """r1 = sum((y_t - m)(y_t+1 - m)) / sum((y_t - m)^2); None when every value is the same or n < 3."""
    y = list(values)
    if len(y) < 3:
        return None
    m = statistics.fmean(y)
    denominator = sum((v - m) ** 2 for v in y)
    if not denominator:
        return None
    return sum((y[t] - m) * (y[t + 1] - m) for t in range(len(y) - 1)) / denominator


# Positive lag-1 r from which autocorrelation is reported. Only positive: it is what makes the band
# overstate change, and in a short series r is biased downward, so a negative r is mostly that bias.
AUTOCORRELATION_CAVEAT = 0.3
TREND_CAVEAT = 0.3  # Kendall's tau of the baseline against time, in the improving direction


def caveats(baseline: Sequence[object], direction: str = "increase") -> list[str]:
    """What a reader must know before trusting the comparison, in plain words."""
    sign = direction_sign(direction)
    a = _numbers(baseline, "A")
    found = []
    if len(a) < 3:
        found.append(
            f"The baseline has {len(a)} point(s); at least 3 are needed to see a pattern, so any comparison is weak."
        )
    elif len(a) < 5:
        found.append(
            f"The baseline has {len(a)} points; 5 or more give a steadier picture, so read the comparison with caution."
        )
    if len(a) >= 2 and _trend_s(a, sign) / (len(a) * (len(a) - 1) / 2) >= TREND_CAVEAT:
        found.append(
            "The baseline was already improving before the intervention began, so some of the later "
            "change may have happened anyway; Tau-U corrects for this trend, PND and NAP do not."
        )
    r1 = lag1_autocorrelation(a)
    if r1 is not None and r1 >= AUTOCORRELATION_CAVEAT:
        found.append(
            f"The baseline points are autocorrelated (lag-1 r = {r1:.2f}): each point tends to resemble "
            "the one before, which makes the two-standard-deviation band overstate change."
        )
    return found


# --- designs ----------------------------------------------------------------------------

# Which phase may follow which: a baseline first, an intervention after it, a return to baseline
# (A2) only after an intervention, and the intervention again (B2) only after that return.
NEXT_PHASE = {"A": ("B", "C"), "B": ("A2", "C"), "C": ("A2", "B"), "A2": ("B2", "C"), "B2": ("C",)}


def check_phases(phases: Sequence[tuple[str, Sequence[object]]]) -> list[tuple[str, list[float]]]:
    """Validate a design such as A-B, A-B-A-B (A, B, A2, B2) or A-B-C; return its phases as numbers."""
    if not phases:
        raise ValidationError("Add a baseline phase (A) and at least one intervention phase.", field="phases")
    labels = [label for label, _ in phases]
    if labels[0] != "A":
        raise ValidationError(f"The first phase is {labels[0]}; a design starts with the baseline, A.", field="phases")
    if len(labels) < 2:
        raise ValidationError("Add an intervention phase (B) after the baseline.", field="phases")
    for before, after in zip(labels, labels[1:]):
        allowed = NEXT_PHASE.get(before, ())
        if after not in allowed:
            raise ValidationError(
                f"Phase {after} cannot follow {before}; after {before} comes {' or '.join(allowed) or 'nothing'}.",
                field="phases",
            )
    return [(label, _numbers(values, label)) for label, values in phases]


def design_name(labels: Sequence[str]) -> str:
    """A-B, A-B-A-B, A-B-C ...: the conventional name, from labels such as A, B, A2, B2."""
    return "-".join(label.rstrip("0123456789") for label in labels)


def check_multiple_baseline(tiers: Sequence[tuple[str, Sequence[object], Sequence[object]]]) -> None:
    """A multiple-baseline design across settings or behaviors: each tier (name, baseline,
    intervention) starts the intervention later than the tier before, so baselines lengthen."""
    if len(tiers) < 2:
        raise ValidationError(
            "A multiple-baseline design needs at least 2 tiers (settings or behaviors).", field="tiers"
        )
    lengths = []
    for name, baseline, intervention in tiers:
        _numbers(baseline, f"A ({name})")
        _numbers(intervention, f"B ({name})")
        lengths.append(len(baseline))
    for (name, *_), before, after in zip(tiers[1:], lengths, lengths[1:]):
        if after <= before:
            raise ValidationError(
                f"The baseline of '{name}' has {after} point(s), not more than the tier before "
                f"({before}); stagger the start of the intervention across tiers.",
                field="tiers",
            )


# --- mswlab check ---------------------------------------------------------------------------

MIN_SSD_CASES = 6


def check_outcomes(ctx: Context, report: Report) -> None:
    """Module 11: enough single-system cases, among them an A-B-A-B design and a baseline that was
    already improving (as the engine judges it), and every sample tied to a library case."""
    shown = "datasets/outcomes/ssd_cases.yaml"
    cases = [c for f in ctx.content.of_type(SsdCaseFile).values() for c in f.cases]
    count_entries(ctx, report, "ssd_cases", shown, cases, MIN_SSD_CASES, "case", "module 11")
    designs = dict(Counter(c.design for c in cases))
    report.counts["ssd_cases_by_design"] = designs
    trending = [
        c.id
        for c in cases
        if c.phases
        and any(w.startswith("The baseline was already improving") for w in caveats(c.phases[0].values, c.direction))
    ]
    report.counts["ssd_cases_with_baseline_trend"] = len(trending)
    if cases and "A-B-A-B" not in designs:
        report.problems.append(f"{shown}: has no A-B-A-B case; module 11 needs one")
    if cases and not trending:
        report.problems.append(f"{shown}: has no case whose baseline was already improving; module 11 needs one")
    require_vignettes(ctx, report, shown, cases)
    _check_samples_data(ctx, report)
    for kind, name in ((GasSampleFile, "gas_samples"), (FeedbackSampleFile, "feedback_samples")):
        for relative, data in ctx.content.of_type(kind).items():
            report.counts[name] = len(data.samples)
            require_vignettes(ctx, report, f"datasets/{relative}", list(data.samples))


def _check_samples_data(ctx: Context, report: Report) -> None:
    """Each sample's data obeys the rules a student's own data does: a design the engine accepts and names
    as the case says, Goal Attainment Scales with every level described, session ratings on the scale."""

    def named(relative: str, entry: str, where: str, check: Callable[[], object]) -> None:
        try:
            check()
        except ValidationError as err:
            field = f"{where}.{err.field}" if where and err.field else where or err.field
            report.problems.append(f"datasets/{relative}: entry '{entry}': field '{field}': {err.message}")

    for relative, cases in sorted(ctx.content.of_type(SsdCaseFile).items()):
        for case in cases.cases:
            named(relative, case.id, "", partial(_check_design, case))
    for relative, samples in sorted(ctx.content.of_type(GasSampleFile).items()):
        for sample in samples.samples:
            for i, goal in enumerate(sample.goals):
                named(relative, sample.id, f"goals[{i}]", partial(_scale, goal))
                named(relative, sample.id, f"goals[{i}].follow_up", partial(_level, goal.follow_up))
    for relative, feedback in sorted(ctx.content.of_type(FeedbackSampleFile).items()):
        for sample in feedback.samples:
            for i, session in enumerate(sample.sessions):
                ratings = {area: getattr(session, area) for area in session_feedback.AREAS}
                named(relative, sample.id, f"sessions[{i}]", partial(session_feedback.FeedbackLog().add, ratings))


def _check_design(case: SsdCase) -> None:
    if case.tiers:
        check_multiple_baseline([(t.name, t.phases[0].values, t.phases[1].values) for t in case.tiers])
        return
    check_phases([(p.label, p.values) for p in case.phases])
    named = design_name([p.label for p in case.phases])
    if named != case.design:
        raise ValidationError(f"the phases make an {named} design, not {case.design}", field="design")


def _level(level: int) -> None:
    try:
        check_level(level)
    except ValidationError as err:
        raise ValidationError(err.message) from None  # the field is the goal's follow_up


def _scale(goal: SampleGoal) -> GoalScale:
    """A library sample's goal as the scale a student builds (an empty level or a negative weight is named)."""
    return GoalScale(goal.goal, dict(goal.levels), goal.weight)


CHECKS = [check_outcomes]
