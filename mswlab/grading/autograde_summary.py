"""What ``mswlab course autograde`` tells the instructor: the table, the closing lines and ``summary.json``.

Points come from the gradebook when the table is printed (``mswlab.grading.standing``), never from
the run, so a mark given in the Formgrader shows the next time the table is printed. Each line is
built from one count of the run's outcomes, so no two lines can disagree (a student with no
submission is never also "graded now"). ``summary.json`` keeps every run, appended with its time,
options and outcomes, so a run for one student never hides the rest of the class; ``students`` holds
each student's latest state for a quick read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from mswlab import clock
from mswlab.grading import files
from mswlab.grading.standing import Standing

if TYPE_CHECKING:
    from mswlab.grading.autograde import Outcome

GRADED = {"graded", "review", "timeout", "cells restored"}  # a score was recorded
NO_SUBMISSION = "no submission"
HEADER = ("student", "autograded", "marked", "pending", "total so far", "status", "details")


def _of(points: float, top: float) -> str:
    return f"{points:g} of {top:g}"


def summary_table(outcomes: list[Outcome], standings: dict[str, Standing] | None = None) -> str:
    """One line per student: points as the gradebook holds them now, then what this run did."""
    standings = standings or {}
    rows: list[tuple[str, ...]] = [HEADER]
    for o in outcomes:
        s = standings.get(o.student)
        points = ["-"] * 4
        if s:
            points = [_of(s.autograded, s.autograded_max), _of(s.marked, s.manual_max), str(s.pending)]
            points.append(_of(s.total, s.max_score))
        rows.append(
            (
                o.student,
                *points,
                o.status + (" (earlier run)" if o.earlier else ""),
                o.message.splitlines()[0] if o.message else "",
            )
        )
    last = len(HEADER) - 1
    widths = [max(len(r[i]) for r in rows) for i in range(last)]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) if i < last else cell for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def counts_line(outcomes: list[Outcome]) -> str:
    """What this run did, each student counted once: graded now, left alone, or not graded."""
    now = [o for o in outcomes if not o.earlier and o.status != NO_SUBMISSION]
    graded = sum(1 for o in now if o.status in GRADED)
    failed = len(now) - graded
    earlier = [o for o in outcomes if o.earlier]
    kept = sum(1 for o in earlier if o.status in GRADED)
    line = f"{graded} graded now, {kept} left as graded earlier"
    if kept:
        line += " (use --force to regrade them)"
    if failed:
        line += f", {failed} could not be graded (see their details)"
    if len(earlier) > kept:
        line += f", {len(earlier) - kept} not graded earlier and unchanged since (see their details)"
    return line + "."


def pending_line(outcomes: list[Outcome], standings: dict[str, Standing]) -> str:
    """The marking still to do for the students in the table ('' when there is none)."""
    waiting = [standings[o.student] for o in outcomes if o.student in standings and standings[o.student].pending]
    if not waiting:
        return ""
    parts = sum(s.pending for s in waiting)
    return (
        f"Marking: {parts} part(s) of {len(waiting)} student(s) await a hand grade in the Formgrader; "
        "totals so far leave out marks not yet given."
    )


def missing_message(outcomes: list[Outcome], folder: Callable[[str], str]) -> str:
    """One sentence for the students asked for with --student who have no submission ('' for none);
    ``folder(student)`` is where their submission would be."""
    missing = [o.student for o in outcomes if o.status == NO_SUBMISSION]
    if not missing:
        return ""
    where = ", ".join(folder(s) for s in missing)
    return (
        f"no submission for {', '.join(missing)}: nothing at {where}. Student ids are the folder names "
        "under submitted/; check the spelling."
    )


def _student_entry(o: Outcome, at: str | None) -> dict:
    entry = asdict(o)
    entry.pop("earlier")
    entry["graded_at"] = at
    return entry


def _points(s: Standing) -> dict:
    return {
        "score": s.total,
        "max_score": s.max_score,
        "autograded": s.autograded,
        "autograded_max": s.autograded_max,
        "marked": s.marked,
        "manual_max": s.manual_max,
        "pending": s.pending,
        "late_penalty": s.late_penalty,
    }


def read_summary(path: Path) -> tuple[dict, str]:
    """The summary so far and a warning: a file that cannot be read is kept aside, never overwritten."""
    if not path.exists():
        return {}, ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as err:
        aside = path.with_name(f"{path.stem}.unreadable-{clock.now():%Y%m%dT%H%M%S}{path.suffix}")
        path.rename(aside)
        return {}, f"{path} could not be read ({err}); it was kept as {aside.name} and a new history started"
    if "runs" not in data:  # written before summaries kept a history: its run becomes the first
        data = {"runs": [{"at": None, "outcomes": data.get("students", [])}], "students": data.get("students", [])}
    return data, ""


def write_summary(
    path: Path, assignment: str, run: dict, outcomes: list[Outcome], standings: dict[str, Standing]
) -> str:
    """Append this run to ``path`` and refresh every student's latest state; returns a warning or ''."""
    data, warning = read_summary(path)
    at = clock.now().isoformat(timespec="seconds")
    run = {"at": at, **run}
    run["outcomes"] = [asdict(o) for o in outcomes if not o.earlier]
    run["left_as_graded_earlier"] = [o.student for o in outcomes if o.earlier]
    latest = {entry["student"]: entry for entry in data.get("students", []) if "student" in entry}
    for o in outcomes:
        if o.status == NO_SUBMISSION or (o.earlier and o.student in latest):
            continue
        latest[o.student] = _student_entry(o, None if o.earlier else at)
    for student, entry in latest.items():  # points as the gradebook holds them now
        if student in standings:
            entry.update(_points(standings[student]))
    summary = {
        "assignment": assignment,
        "updated": at,
        **{k: run[k] for k in ("sandbox", "limits", "warning", "interrupted") if k in run},
        "students": [latest[s] for s in sorted(latest)],
        "runs": [*data.get("runs", []), run],
    }
    files.write_new(path, json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8"))
    return warning
