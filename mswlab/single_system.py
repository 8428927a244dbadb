"""Analyze a single-system design the way a careful practitioner would, and say it in words.

``analyze`` takes the phases of an A-B, A-B-A-B or A-B-C design; ``analyse_tiers`` takes
the tiers of a multiple-baseline design. Each intervention phase is compared with the
baseline phase before it (B with A, B2 with A2, C with A), using the indices in
``mswlab.outcomes``; the interpretation reports level, trend and variability, every index
with a reading, a return to baseline where there is one, and the caveats that apply.
Readings: PND after Scruggs & Mastropieri (1998); NAP after Parker & Vannest (2009).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mswlab import outcomes
from mswlab.errors import ValidationError

BASELINES = ("A", "A2")


@dataclass(frozen=True)
class Comparison:
    baseline: str  # the baseline phase's label, e.g. "A"
    phase: str  # the intervention phase's label, e.g. "B"
    start: int  # session number of the baseline's first point (sessions count from 1)
    gap: int  # sessions between the end of the baseline and the start of the phase
    band: outcomes.Band | None  # None with fewer than 2 baseline points
    celeration: outcomes.Celeration | None
    pnd: float
    nap: float
    tau_u: float


@dataclass(frozen=True)
class Analysis:
    direction: str
    design: str  # "A-B", "A-B-A-B", ...
    phases: tuple[outcomes.PhaseStats, ...]
    values: tuple[tuple[float, ...], ...]  # each phase's points, as checked numbers
    comparisons: tuple[Comparison, ...]
    caveats: tuple[str, ...]
    interpretation: tuple[str, ...]  # paragraphs

    def starts(self) -> list[int]:
        """The session number of each phase's first point."""
        out, session = [], 1
        for stats in self.phases:
            out.append(session)
            session += stats.n
        return out


def analyse(phases: Sequence[tuple[str, Sequence[object]]], direction: str = "increase") -> Analysis:
    """Check the design, compute every statistic and write the interpretation."""
    outcomes.direction_sign(direction)
    checked = outcomes.check_phases(phases)
    labels = [label for label, _ in checked]
    stats = tuple(outcomes.phase_stats(label, values) for label, values in checked)
    comparisons = tuple(_compare(checked, i, direction) for i, label in enumerate(labels) if label not in BASELINES)
    warnings = tuple(outcomes.caveats(checked[0][1], direction))
    analysis = Analysis(
        direction, outcomes.design_name(labels), stats, tuple(tuple(v) for _, v in checked), comparisons, warnings, ()
    )
    return dataclasses.replace(analysis, interpretation=tuple(_interpret(analysis)))


def analyse_tiers(
    tiers: Sequence[tuple[str, Sequence[object], Sequence[object]]], direction: str = "increase"
) -> list[tuple[str, Analysis]]:
    """A multiple-baseline design: each tier (name, baseline, intervention) analyzed as an A-B series."""
    outcomes.check_multiple_baseline(tiers)
    return [(name, analyse([("A", a), ("B", b)], direction)) for name, a, b in tiers]


def interpret_tiers(tiers: list[tuple[str, Analysis]]) -> list[str]:
    """The interpretation of a multiple-baseline design: the staggered pattern first, then each tier's
    phases, comparisons and caveats (named by tier), then the limits every design shares."""
    changed = [name for name, analysis in tiers if analysis.comparisons[0].nap >= 0.93]
    starts = ", ".join(f"{name} after {analysis.phases[0].n}" for name, analysis in tiers)
    if len(changed) == len(tiers):
        verdict = (
            "Every tier improved clearly (NAP 0.93 or more) once the intervention reached it. Now check the "
            "graph: if the tiers still in baseline held steady each time an earlier tier started, the "
            "staggered pattern makes other explanations, such as an event that touched every tier at once, "
            "much less likely."
        )
    else:
        verdict = (
            f"Only {len(changed)} of {len(tiers)} tiers improved clearly when the intervention reached them "
            "(NAP 0.93 or more), so the design does not yet show a consistent effect."
        )
    summary = f"The intervention started at staggered points ({starts} baseline points). {verdict}"
    per_tier = [f"{name}: {text}" for name, analysis in tiers for text in analysis.interpretation[1:-1]]
    return [summary, *per_tier, tiers[0][1].interpretation[-1]]


def _compare(checked: list[tuple[str, list[float]]], index: int, direction: str) -> Comparison:
    base = max(i for i in range(index) if checked[i][0] in BASELINES)
    a, b = checked[base][1], checked[index][1]
    start = 1 + sum(len(v) for _, v in checked[:base])
    gap = sum(len(v) for _, v in checked[base + 1 : index])
    band = outcomes.two_sd_band(a, b, direction) if len(a) > 1 else None
    line = outcomes.celeration_line(a, b, direction, gap) if len(a) > 1 else None
    return Comparison(
        checked[base][0],
        checked[index][0],
        start,
        gap,
        band,
        line,
        outcomes.pnd(a, b, direction),
        outcomes.nap(a, b, direction),
        outcomes.tau_u(a, b, direction),
    )


def pnd_reading(value: float) -> str:
    if value > 90:
        return "very effective"
    if value >= 70:
        return "effective"
    if value >= 50:
        return "questionable"
    return "not effective"


def nap_reading(value: float) -> str:
    if value >= 0.93:
        return "a strong effect"
    if value >= 0.66:
        return "a medium effect"
    return "a weak effect or none"


def _better(direction: str, change: float) -> str:
    if not change:
        return "no change"
    return "better" if (change > 0) == (direction == "increase") else "worse"


def _trend(slope: float | None) -> str:
    if slope is None:
        return "no trend with one point"
    if not slope:
        return "flat"
    return f"{'rising' if slope > 0 else 'falling'} by {abs(slope):.2f} a session"


def _interpret(analysis: Analysis) -> list[str]:
    better_means = "higher" if analysis.direction == "increase" else "lower"
    paragraphs = [f"This is an {analysis.design} design, and here {better_means} scores mean improvement."]
    for s in analysis.phases:
        spread = f", SD {s.sd:.2f}" if s.sd is not None else ""
        paragraphs.append(
            f"Phase {s.label}: {s.n} points, mean {s.mean:.2f}, median {s.median:g}{spread}; trend {_trend(s.slope)}."
        )
    by_label = {s.label: s for s in analysis.phases}
    for c in analysis.comparisons:
        before, after = by_label[c.baseline], by_label[c.phase]
        text = (
            f"{c.phase} against {c.baseline}: the mean moved from {before.mean:.2f} to {after.mean:.2f} "
            f"({_better(analysis.direction, after.mean - before.mean)}). "
        )
        if c.band is not None:
            text += (
                f"{sum(c.band.beyond)} of {after.n} {c.phase} points lie beyond the two-standard-deviation band "
                f"({c.band.lower:.2f} to {c.band.upper:.2f}) on the side of improvement; the rule of two in a row "
                f"{'is met' if c.band.met else 'is not met'}. "
            )
        if c.celeration is not None:
            text += f"{100 * c.celeration.beyond:.0f}% of them are beyond the baseline's celeration line. "
        text += (
            f"PND is {c.pnd:.1f}% ({pnd_reading(c.pnd)} by the usual rough reading); NAP is {c.nap:.3f} "
            f"({nap_reading(c.nap)}); Tau-U, which also corrects for any baseline trend, is {c.tau_u:.3f}"
            + (" (this version of Tau-U can pass 1 when the baseline was getting worse)." if abs(c.tau_u) > 1 else ".")
        )
        paragraphs.append(text)
    labels = [s.label for s in analysis.phases]
    if "A2" in labels:
        b, a2, a = by_label[labels[labels.index("A2") - 1]], by_label["A2"], by_label["A"]
        toward = abs(a2.mean - a.mean) < abs(b.mean - a.mean)
        paragraphs.append(
            f"When the intervention stopped (A2), the mean moved from {b.mean:.2f} to {a2.mean:.2f}"
            + (
                f", back toward the first baseline's {a.mean:.2f}. A reversal like this, followed by improvement when "
                "the intervention returns, is stronger evidence that the intervention made the difference."
                if toward
                else f", not back toward the first baseline's {a.mean:.2f}: the change may have lasted, or "
                "something other than the intervention may explain it."
            )
        )
    paragraphs.extend(analysis.caveats)
    paragraphs.append(
        "Remember: a single-system design shows change that came with the intervention; on its own it "
        "cannot rule out other causes, such as events in the person's life, growing older or "
        "scores drifting back toward their usual level."
    )
    return paragraphs


Phases = list[tuple[str, list[object]]]


def parse_data(text: str) -> tuple[Phases, list[tuple[str, list[object], list[object]]]]:
    """Read typed data, one phase per line: "A: 2, 3, 2" then "B: 4 5 5". For a multiple-baseline
    design each line starts with its tier: "Math / A: 40, 45" then "Math / B: 60, 65". Returns
    (phases, tiers), one of them empty. Words stay words for ``analyze`` to reject by name, so the
    message can say which point of which phase is wrong."""
    by_tier: dict[str, Phases] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        head, colon, rest = line.partition(":")
        tier, slash, label = head.rpartition("/") if "/" in head else ("", "", head)
        label = label.strip().upper()
        if not colon or not label:
            raise ValidationError(
                f"Line {number} should start with a phase label and a colon, such as 'A: 2, 3, 4'.", field="data"
            )
        phases = by_tier.setdefault(tier.strip(), [])
        if label in (p for p, _ in phases):
            raise ValidationError(
                f"Phase {label}{' of ' + tier.strip() if tier else ''} appears twice; give each phase one line.",
                field="data",
            )
        phases.append((label, [_number(word) for word in rest.replace(",", " ").split()]))
    if not by_tier:
        raise ValidationError("Type at least two lines, such as 'A: 2, 3, 2' and 'B: 4, 5, 5'.", field="data")
    if list(by_tier) == [""]:
        return by_tier[""], []
    if "" in by_tier:
        raise ValidationError(
            "Some lines name a tier ('Math / A: ...') and some do not; in a multiple-baseline "
            "design every line starts with its tier.",
            field="data",
        )
    tiers = []
    for name, phases in by_tier.items():
        if [label for label, _ in phases] != ["A", "B"]:
            raise ValidationError(f"Tier '{name}' needs an A line and then a B line.", field="data")
        tiers.append((name, phases[0][1], phases[1][1]))
    return [], tiers


def stats_tables(analysis: Analysis, tier: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two tables for the screen: one row per phase, and one row per comparison."""
    lead = {"Tier": tier} if tier else {}
    phases = pd.DataFrame(
        [
            {
                **lead,
                "Phase": s.label,
                "Points": s.n,
                "Mean": round(s.mean, 2),
                "Median": s.median,
                "SD": None if s.sd is None else round(s.sd, 2),
                "Trend per session": None if s.slope is None else round(s.slope, 2),
            }
            for s in analysis.phases
        ]
    )
    comparisons = pd.DataFrame(
        [
            {
                **lead,
                "Comparison": f"{c.phase} vs {c.baseline}",
                "2-SD rule met": None if c.band is None else ("yes" if c.band.met else "no"),
                "Beyond celeration line (%)": None if c.celeration is None else round(100 * c.celeration.beyond, 1),
                "PND (%)": round(c.pnd, 1),
                "NAP": round(c.nap, 3),
                "Tau-U": round(c.tau_u, 3),
            }
            for c in analysis.comparisons
        ]
    )
    return phases, comparisons


def _number(word: str) -> object:
    try:
        return float(word) if any(ch in word for ch in ".eE") else int(word)
    except ValueError:
        return word
