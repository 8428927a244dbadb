"""Plan the road to a social work license: dated milestones from a start date and a pace.

Every milestone is the FIRST DAY on which its requirement is met, counting from ``start``
(the day the degree is complete and supervised experience can begin):

- experience hours: after N = ceil(hours / hours_per_week) whole weeks, on start + 7N days;
- supervision hours: after M = ceil(hours / supervision_per_month) whole months, on start + M months;
- minimum months: on start + min_months months;
- the deadline, where a jurisdiction sets a maximum period: the last allowed day, start + max_months
  months - 1 day.

Adding months keeps the day of the month and falls back to the month's last day when it has no
such day (31 January + 1 month = 28 or 29 February). The figures are a jurisdiction's sourced row
when one is given, and otherwise the typical figures in ``datasets/licensure/paths.yaml``; either
way the reader must confirm them with their board.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from mswlab.content import jurisdictions, licence_paths
from mswlab.content.careers import CareerFile, SettingFile
from mswlab.content.checks import Context, Report, count_entries
from mswlab.content.licensure import LEVEL_OF_PATH, Jurisdiction, JurisdictionFile, LicencePath, OccupationFile
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

CHECK_WITH_BOARD = (
    "Rules differ by state and change: confirm every requirement and date with your state's "
    "social work board before you rely on this plan."
)


@dataclass(frozen=True)
class Milestone:
    name: str
    date: dt.date
    note: str = ""


@dataclass(frozen=True)
class Requirements:
    """What a license asks for, from a jurisdiction's row or the typical path."""

    licence: str  # the name used, e.g. "LICSW"
    exam: str
    experience_hours: int
    supervision_hours: int
    min_months: int
    max_months: int | None
    exam_after: str  # "degree" or "experience"
    law_exam: str | None
    source: str  # where the figures come from, for the caption


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, on the same day of the month or the month's last day."""
    return day + relativedelta(months=months)


def requirements(target: str, jurisdiction: str | None = None) -> Requirements:
    """The requirements for license ``target`` (lbsw, lmsw, ag, lcsw), in a jurisdiction or typically."""
    paths = {p.id: p for p in licence_paths().licences}
    if target not in paths:
        raise ValidationError(
            f"'{target}' is not a license type; choose one of {', '.join(sorted(paths))}.", field="target"
        )
    path = paths[target]
    if jurisdiction is None:
        return Requirements(
            path.name,
            path.exam,
            path.experience_hours,
            path.supervision_hours,
            path.min_months,
            None,
            path.exam_after,
            None,
            "typical figures (datasets/licensure/paths.yaml)",
        )
    row = _row(path, jurisdiction)
    return Requirements(
        row.licence,
        row.exam or path.exam,
        path.experience_hours if row.experience_hours is None else row.experience_hours,
        path.supervision_hours if row.supervision_hours is None else row.supervision_hours,
        path.min_months if row.min_months is None else row.min_months,
        row.max_months,
        path.exam_after,
        row.law_exam,
        f"{row.name} ({row.source_url}, retrieved {row.retrieved:%d %B %Y})",
    )


def _row(path: LicencePath, jurisdiction: str) -> Jurisdiction:
    code = jurisdiction.strip().upper()
    rows = [r for r in jurisdictions().values() if r.jurisdiction == code]
    if not rows:
        known = ", ".join(sorted({r.jurisdiction for r in jurisdictions().values()}))
        raise ValidationError(
            f"There is no sourced profile for '{jurisdiction}' yet; choose one of {known}, or "
            "plan with the typical figures.",
            field="jurisdiction",
        )
    level = LEVEL_OF_PATH[path.id]
    match = [r for r in rows if r.level == level]
    if not match:
        raise ValidationError(
            f"{rows[0].name} has no {path.name} ({level}) license in the course data; its "
            f"licenses here are {', '.join(r.licence for r in rows)}.",
            field="jurisdiction",
        )
    return match[0]


def plan(
    target: str,
    start: dt.date,
    hours_per_week: float,
    supervision_hours_per_month: float,
    jurisdiction: str | None = None,
    *,
    by: dt.date | None = None,
) -> list[Milestone]:
    """Dated milestones on the way to license ``target``, in date order (ties keep the order below).

    ``start`` is the day the degree is complete; ``by`` is an optional target date, which must not
    come before ``start``. Raises ValidationError with a plain message for an impossible plan.
    """
    need = requirements(target, jurisdiction)
    if by is not None and by < start:
        raise ValidationError(
            f"The target date {by:%d %B %Y} comes before the start date {start:%d %B %Y}.", field="by"
        )
    degree = Milestone("Degree complete", start)
    milestones = [degree]
    met = [start]
    if need.experience_hours:
        weeks = _periods(need.experience_hours, hours_per_week, "hours_per_week", "hours a week")
        met.append(start + dt.timedelta(weeks=weeks))
        milestones.append(
            Milestone(
                "Supervised-experience hours met",
                met[-1],
                f"{need.experience_hours:,} hours at {hours_per_week:g} a week: {weeks} weeks",
            )
        )
    if need.supervision_hours:
        months = _periods(
            need.supervision_hours,
            supervision_hours_per_month,
            "supervision_hours_per_month",
            "supervision hours a month",
        )
        met.append(add_months(start, months))
        milestones.append(
            Milestone(
                "Supervision hours met",
                met[-1],
                f"{need.supervision_hours} hours at {supervision_hours_per_month:g} a month: {months} months",
            )
        )
    if need.min_months:
        met.append(add_months(start, need.min_months))
        milestones.append(Milestone("Minimum months elapsed", met[-1], f"at least {need.min_months} months"))
    eligible = max(met)
    exam_day = start if need.exam_after == "degree" else eligible
    exam_note = (
        "Where your board approves, ASWB lets you test up to 6 months before your experience is complete."
        if need.exam_after == "experience"
        else "Where your board approves, you may test in your final semester."
    )
    if need.law_exam:
        exam_note += f" This jurisdiction also requires the {need.law_exam}."
    milestones.append(Milestone(f"Exam eligibility ({need.exam})", exam_day, exam_note))
    milestones.append(Milestone(f"License eligible ({need.licence})", eligible, CHECK_WITH_BOARD))
    if need.max_months is not None:
        deadline = add_months(start, need.max_months) - dt.timedelta(days=1)
        if eligible > deadline:
            raise ValidationError(
                f"At this pace the requirements are met on {eligible:%d %B %Y}, after the "
                f"{need.max_months}-month limit ends on {deadline:%d %B %Y}; plan more hours a "
                "week.",
                field="hours_per_week",
            )
        milestones.append(Milestone("Deadline to finish", deadline, f"at most {need.max_months} months"))
    return sorted(milestones, key=lambda m: m.date)


def _periods(hours: int, per_period: float, field: str, what: str) -> int:
    if isinstance(per_period, bool) or not isinstance(per_period, (int, float)) or not per_period > 0:
        raise ValidationError(f"Plan some {what}: {per_period!r} would never reach {hours:,} hours.", field=field)
    return math.ceil(hours / per_period)


def hours_per_week_needed(target: str, start: dt.date, by: dt.date, jurisdiction: str | None = None) -> float:
    """The experience hours a week needed to meet the hours by ``by`` (0 when the license needs none)."""
    need = requirements(target, jurisdiction)
    if by <= start:
        raise ValidationError(
            f"The target date {by:%d %B %Y} must come after the start date {start:%d %B %Y}.", field="by"
        )
    if need.min_months and add_months(start, need.min_months) > by:
        raise ValidationError(
            f"{need.licence} needs at least {need.min_months} months of experience, so the "
            f"earliest date is {add_months(start, need.min_months):%d %B %Y}.",
            field="by",
        )
    weeks = (by - start).days // 7
    if need.experience_hours and weeks < 1:
        raise ValidationError("Allow at least one whole week between the start and the target date.", field="by")
    return need.experience_hours / weeks if need.experience_hours else 0.0


# --- mswlab check ---------------------------------------------------------------------------

MIN_JURISDICTIONS = 8


MIN_CAREERS = 6


def check_licensure(ctx: Context, report: Report) -> None:
    """Modules 02-03: sourced state rows for at least 8 jurisdictions, the BLS figures counted, the six
    careers and all ten settings described."""
    rows = [r for f in ctx.content.of_type(JurisdictionFile).values() for r in f.rows]
    states = sorted({r.jurisdiction for r in rows})
    report.counts["jurisdictions"] = len(states)
    if rows and len(states) < MIN_JURISDICTIONS:
        report.problems.append(
            f"datasets/licensure/jurisdictions.csv: has {len(states)} jurisdiction(s); module 03 "
            f"needs at least {MIN_JURISDICTIONS}"
        )
    report.counts["occupations_sourced"] = sum(len(f.rows) for f in ctx.content.of_type(OccupationFile).values())
    careers = [c for f in ctx.content.of_type(CareerFile).values() for c in f.careers]
    settings = [s for f in ctx.content.of_type(SettingFile).values() for s in f.settings]
    count_entries(ctx, report, "careers", "datasets/careers/careers.yaml", careers, MIN_CAREERS, "career", "module 02")
    report.counts["settings"] = len(settings)
    missing = sorted(set(typing.get_args(Setting)) - {s.id for s in settings})
    if missing:
        report.problems.append(
            f"datasets/careers/settings.yaml: lacks the setting(s) {', '.join(missing)}; module 02 describes all ten"
        )


CHECKS = [check_licensure]
