"""What ``mswlab check`` hands each domain's checks, and what they hand back.

A domain (instruments, the case library, the exam, ethics ...) keeps its checks beside its rules and
lists them in its module's ``CHECKS``; ``mswlab check`` runs every domain's list and restates no rule.
A check reads what was loaded (``Context``) and adds problems and counts to the ``Report``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mswlab.content import loader, models
from mswlab.content.vignettes import Vignette


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int | dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "counts": self.counts}


@dataclass
class Context:
    """What the checks share: the project root and what was loaded (None where loading failed)."""

    root: Path
    content: loader.Content
    curriculum: models.Curriculum | None


def count_entries(
    ctx: Context, report: Report, name: str, shown: str, found: list, minimum: int, noun: str, needed_by: str = "it"
) -> None:
    """Record how many ``noun``s a file holds, and a problem when there are fewer than ``minimum``
    (unless the file failed to load, which is already reported and makes the count meaningless)."""
    report.counts[name] = len(found)
    if len(found) < minimum and not any(p.startswith(f"{shown}:") for p in ctx.content.problems):
        report.problems.append(f"{shown}: has {len(found)} {noun}(s); {needed_by} needs at least {minimum}")


def require_vignettes(ctx: Context, report: Report, shown: str, entries: list) -> None:
    """Every entry's ``vignette`` names a case in the library."""
    cases = {case.id for case in ctx.content.of_type(Vignette).values()}
    report.problems.extend(
        f"{shown}: entry '{e.id}': field 'vignette': '{e.vignette}' is not a case in datasets/vignettes/"
        for e in entries
        if e.vignette not in cases
    )


Check = Callable[[Context, Report], None]
