"""The supervised-hours log: entries kept in the student's progress store, progress toward a
license's requirements, and CSV export and import for a board application.

An entry is a date, hours, a type, the supervisor and a note. Experience counts direct clinical
and other practice hours; supervision counts individual and group supervision. Invalid entries
never reach the store, and an import with any bad row imports nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import plotly.graph_objects as go

from mswlab import career_figures, clock
from mswlab.errors import ValidationError
from mswlab.licensure import CHECK_WITH_BOARD, Requirements
from mswlab.store import ProgressStore

KINDS = {
    "direct-clinical": "Direct clinical",
    "other-practice": "Other practice",
    "individual-supervision": "Individual supervision",
    "group-supervision": "Group supervision",
}
EXPERIENCE = ("direct-clinical", "other-practice")
SUPERVISION = ("individual-supervision", "group-supervision")
CSV_COLUMNS = ("date", "hours", "type", "supervisor", "note")
MAX_HOURS_A_DAY = 24


@dataclass(frozen=True)
class Entry:
    day: dt.date
    hours: float
    kind: str
    supervisor: str = ""
    note: str = ""


def entry_from(day: object, hours: object, kind: object, supervisor: object = "", note: object = "") -> Entry:
    """An entry from what was typed, or ValidationError naming the field that is wrong."""
    if isinstance(day, dt.date):
        when = day
    else:
        try:
            when = dt.date.fromisoformat(str(day).strip())
        except ValueError:
            raise ValidationError(
                f"'{day}' is not a date; write it as YYYY-MM-DD, such as 2026-11-20.", field="date"
            ) from None
    if when > clock.today():
        raise ValidationError(f"{when:%d %B %Y} is in the future; log hours once they are done.", field="date")
    try:
        amount = float(str(hours).strip())
    except ValueError:
        raise ValidationError(
            f"'{hours}' is not a number of hours; write it in digits, such as 2.5.", field="hours"
        ) from None
    if not 0 < amount <= MAX_HOURS_A_DAY:
        raise ValidationError(
            f"{hours} hours is not possible; an entry is more than 0 and at most {MAX_HOURS_A_DAY} hours.",
            field="hours",
        )
    kind = str(kind).strip()
    if kind not in KINDS:
        raise ValidationError(f"'{kind}' is not a type of hours; use one of {', '.join(KINDS)}.", field="type")
    who = str(supervisor or "").strip()
    if kind in SUPERVISION and not who:
        raise ValidationError("Name the supervisor for supervision hours.", field="supervisor")
    return Entry(when, amount, kind, who, str(note or "").strip())


@dataclass(frozen=True)
class Progress:
    requirement: str  # "Experience hours" or "Supervision hours"
    done: float
    needed: float

    @property
    def remaining(self) -> float:
        return max(0.0, self.needed - self.done)

    @property
    def share(self) -> float:
        return 1.0 if not self.needed else min(1.0, self.done / self.needed)


def progress(entries: list[Entry], need: Requirements) -> list[Progress]:
    """Hours done and remaining toward the license's experience and supervision requirements."""
    return [
        Progress("Experience hours", sum(e.hours for e in entries if e.kind in EXPERIENCE), need.experience_hours),
        Progress("Supervision hours", sum(e.hours for e in entries if e.kind in SUPERVISION), need.supervision_hours),
    ]


def _entry(row: tuple[str, float, str, str, str]) -> Entry:
    day, hours, kind, supervisor, note = row
    return Entry(dt.date.fromisoformat(day), hours, kind, supervisor, note)


class HoursLog:
    """The log in the progress store at ``path`` (default: the student's store under $MSWLAB_HOME)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.store = ProgressStore(path)
        self.practice = False

    @classmethod
    def scratch(cls) -> HoursLog:
        """A practice log in a throwaway store, deleted with the log: made-up entries never
        reach the student's real log."""
        folder = tempfile.mkdtemp(prefix="mswlab-practice-hours-")
        log = cls(Path(folder) / "progress.sqlite")
        log.practice = True
        weakref.finalize(log, shutil.rmtree, folder, ignore_errors=True)
        return log

    @property
    def export_path(self) -> Path:
        """Where the CSV goes unless the student names a file: beside the progress store, or for a
        practice log in the notebook's folder, where JupyterLab's file browser shows it."""
        if self.practice:
            return Path.cwd() / "practice-supervised-hours.csv"
        return self.store.path.with_name("supervised-hours.csv")

    def close(self) -> None:
        self.store.close()

    def entries(self) -> list[Entry]:
        """Oldest day first, then in the order they were added."""
        rows = self.store.connection.execute(
            "SELECT day, hours, kind, supervisor, note FROM hours ORDER BY day, id"
        ).fetchall()
        return [_entry(row) for row in rows]

    def add(self, *entries: Entry) -> None:
        """Store checked entries, all or none: none if any date would pass 24 hours (named in the error)."""
        db = self.store.connection
        with self.store.transaction():
            for e in entries:
                day = e.day.isoformat()
                logged = db.execute("SELECT COALESCE(SUM(hours), 0) FROM hours WHERE day = ?", (day,)).fetchone()[0]
                if logged + e.hours > MAX_HOURS_A_DAY:
                    raise ValidationError(
                        f"{day} already has {logged:g} hours logged; adding {e.hours:g} would pass "
                        f"{MAX_HOURS_A_DAY:g} in one day.",
                        field="hours",
                    )
                db.execute(
                    "INSERT INTO hours (day, hours, kind, supervisor, note) VALUES (?, ?, ?, ?, ?)",
                    (day, e.hours, e.kind, e.supervisor, e.note),
                )

    def remove_last(self) -> Entry | None:
        """Remove the entry added last (the one a student just mistyped)."""
        db = self.store.connection
        with self.store.transaction():
            row = db.execute(
                "SELECT id, day, hours, kind, supervisor, note FROM hours ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is not None:
                db.execute("DELETE FROM hours WHERE id = ?", (row[0],))
        return _entry(row[1:]) if row else None

    def export_csv(self) -> str:
        """The log as CSV text (date, hours, type, supervisor, note), oldest first."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for e in self.entries():
            writer.writerow([e.day.isoformat(), f"{e.hours:g}", e.kind, e.supervisor, e.note])
        return out.getvalue()

    def import_csv(self, text: str) -> int:
        """Add every row of a CSV export, or none: a bad row raises ValidationError naming its line."""
        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
            raise ValidationError(f"Line 1 should be the header {','.join(CSV_COLUMNS)}.", field="csv")
        entries, problems = [], []
        totals: dict[dt.date, float] = defaultdict(float)
        for entry in self.entries():
            totals[entry.day] += entry.hours
        for row in reader:
            try:
                entry = entry_from(*(row[c] or "" for c in CSV_COLUMNS))
            except ValidationError as err:
                problems.append(f"Line {reader.line_num}: {err.field}: {err.message}")
                continue
            totals[entry.day] += entry.hours
            if totals[entry.day] > MAX_HOURS_A_DAY:
                problems.append(
                    f"Line {reader.line_num}: hours: {entry.day:%d %B %Y} would have "
                    f"{totals[entry.day]:g} hours, more than {MAX_HOURS_A_DAY} in one day."
                )
            entries.append(entry)
        if problems:
            raise ValidationError("Nothing was imported. " + " ".join(problems), field="csv")
        self.add(*entries)
        return len(entries)


# --- figures ---------------------------------------------------------------------------------


def hours_progress(progress: Sequence[Progress]) -> go.Figure:
    """A bar per requirement: the share done, with hours done and remaining."""
    fig = go.Figure(
        go.Bar(
            y=[p.requirement for p in progress],
            x=[100 * p.share for p in progress],
            orientation="h",
            marker_color=career_figures.GREEN,
            text=[f"{p.done:g} of {p.needed:g} hours ({p.remaining:g} to go)" for p in progress],
            textposition="auto",
        )
    )
    fig.update_layout(
        title="Progress toward the requirements",
        height=240,
        xaxis=dict(range=[0, 100], title="% done"),
        margin=dict(l=150, r=20, t=50, b=90),
    )
    career_figures.caption(fig, CHECK_WITH_BOARD)
    return fig


def hours_cumulative(entries: Sequence[Entry]) -> go.Figure:
    """Experience and supervision hours added up over time."""
    fig = go.Figure()
    for name, kinds in (("Experience", EXPERIENCE), ("Supervision", SUPERVISION)):
        mine = [e for e in entries if e.kind in kinds]
        fig.add_scatter(
            x=[e.day for e in mine],
            y=list(accumulate(e.hours for e in mine)),
            mode="lines+markers",
            name=name,
            line_shape="hv",
        )
    fig.update_layout(
        title="Hours logged over time",
        height=320,
        xaxis_title="Date",
        yaxis_title="Hours",
        margin=dict(l=60, r=20, t=50, b=50),
    )
    return fig
