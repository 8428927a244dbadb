"""The vignette library as a whole: filter cases and show what the library covers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import get_args

import pandas as pd

from mswlab.content.checks import Context, Report
from mswlab.content.vignettes import LifeStage, Setting, Vignette

SETTINGS: tuple[str, ...] = get_args(Setting)
LIFE_STAGES: tuple[str, ...] = get_args(LifeStage)


def matching(
    cases: Iterable[Vignette],
    *,
    setting: str | None = None,
    life_stage: str | None = None,
    level: str | None = None,
    module: str | None = None,
    competency: int | None = None,
) -> list[Vignette]:
    """Cases that meet every filter given (None means any)."""
    return [
        c
        for c in cases
        if (setting is None or c.setting == setting)
        and (life_stage is None or c.population.life_stage == life_stage)
        and (level is None or level in c.levels)
        and (module is None or module in c.modules)
        and (competency is None or competency in c.competencies)
    ]


def coverage(cases: Iterable[Vignette]) -> pd.DataFrame:
    """Number of cases per setting (rows) and life stage (columns), zeros included."""
    table = pd.DataFrame(0, index=list(SETTINGS), columns=list(LIFE_STAGES))
    for c in cases:
        table.loc[c.setting, c.population.life_stage] += 1
    return table


MIN_CASES = 40
MIN_PER_SETTING = 3
MIN_PER_LIFE_STAGE = 6
MIN_CROSS_LEVEL = 8
MIN_DECISIONS_PER_CASE = 3


def coverage_problems(cases: list[Vignette]) -> list[str]:
    """What the library still lacks against the course's coverage goals (empty when it meets them all)."""
    problems = []
    if len(cases) < MIN_CASES:
        problems.append(f"has {len(cases)} case(s); the library needs at least {MIN_CASES}")
    table = coverage(cases)
    for setting, n in table.sum(axis=1).items():
        if n < MIN_PER_SETTING:
            problems.append(f"has {n} case(s) in the setting '{setting}'; each setting needs {MIN_PER_SETTING}")
    for stage, n in table.sum(axis=0).items():
        if n < MIN_PER_LIFE_STAGE:
            problems.append(f"has {n} case(s) for the life stage '{stage}'; each needs {MIN_PER_LIFE_STAGE}")
    cross = sum({"micro", "mezzo", "macro"} <= set(c.levels) for c in cases)
    if cross < MIN_CROSS_LEVEL:
        problems.append(f"has {cross} case(s) that move from micro to mezzo to macro; it needs {MIN_CROSS_LEVEL}")
    if not {"family", "group"} <= {c.population.unit for c in cases}:
        problems.append("needs cases about families and about groups, not only individuals")
    problems += [
        f"case '{c.id}' has {len(c.decision_points)} decision point(s); each case needs {MIN_DECISIONS_PER_CASE}"
        for c in cases
        if len(c.decision_points) < MIN_DECISIONS_PER_CASE
    ]
    return problems


# --- mswlab check ---------------------------------------------------------------------------


def check_vignettes(ctx: Context, report: Report) -> None:
    """Each case file is named after its id; count cases, settings, risk cases and decisions."""
    cases = ctx.content.of_type(Vignette)
    for name, case in sorted(cases.items()):
        if name != f"vignettes/{case.id}.yaml":
            report.problems.append(
                f"datasets/{name}: entry '{case.id}': field 'id': the file should be named vignettes/{case.id}.yaml"
            )
    report.counts["vignettes"] = len(cases)
    by_setting = Counter(case.setting for case in cases.values())
    report.counts["vignettes_by_setting"] = dict(sorted(by_setting.items()))
    report.counts["vignettes_by_life_stage"] = dict(
        sorted(Counter(c.population.life_stage for c in cases.values()).items())
    )
    report.counts["vignettes_by_unit"] = dict(sorted(Counter(c.population.unit for c in cases.values()).items()))
    report.counts["cross_level_cases"] = sum({"micro", "mezzo", "macro"} <= set(c.levels) for c in cases.values())
    report.counts["risk_cases"] = sum(case.triage is not None for case in cases.values())
    report.counts["decision_points"] = sum(len(case.decision_points) for case in cases.values())
    report.problems.extend(f"datasets/vignettes: {p}" for p in coverage_problems(list(cases.values())))


CHECKS = [check_vignettes]
