"""Module 03's views: the license planner and the supervised-hours log.

Thin views over ``mswlab.licensure`` and ``mswlab.hours``. Python twins: ``set_plan`` and
``plan`` on the planner; ``add``, ``undo``, ``export`` and ``import_text`` on the log.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as W
import plotly.graph_objects as go

from mswlab import career_figures, clock, hours, licensure
from mswlab.content import jurisdictions, licence_paths
from mswlab.errors import ValidationError
from widgets.charts import Chart
from widgets.feedback import LABEL, WIDE, say, text_of
from widgets.view import View, shown_text

TYPICAL = "typical"
BOARD_NOTE = f"<p><i>{html.escape(licensure.CHECK_WITH_BOARD)}</i></p>"


def _licence_options() -> list[tuple[str, str]]:
    order = ["lbsw", "lmsw", "ag", "lcsw"]
    return [(p.name, p.id) for p in sorted(licence_paths().licences, key=lambda p: order.index(p.id))]


def _jurisdiction_options() -> list[tuple[str, str]]:
    states = sorted({(r.name, r.jurisdiction) for r in jurisdictions().values()})
    return [("Typical figures (no state)", TYPICAL)] + states


class LicensePlannerView(View):
    """Choose a license, a state and a pace; see the dated milestones on a timeline."""

    CSS_CLASS = "mswlab-license-planner"

    def __init__(self, target: str = "lcsw", jurisdiction: str | None = None) -> None:
        self._target = W.Dropdown(options=_licence_options(), value=target, description="License:", style=LABEL)
        self._state = W.Dropdown(
            options=_jurisdiction_options(),
            value=jurisdiction.upper() if jurisdiction else TYPICAL,
            description="State:",
            style=LABEL,
        )
        self._start = W.DatePicker(
            value=clock.today(), description="Start (degree complete; hours count from):", style=LABEL
        )
        self._hours = W.Text(value="30", description="Experience hours a week:", style=LABEL)
        self._supervision = W.Text(value="4", description="Supervision hours a month:", style=LABEL)
        self._by = W.DatePicker(value=None, description="Target date (optional):", style=LABEL)
        self._go = W.Button(description="Plan", button_style="primary")
        self._message = W.HTML()
        self._milestones = W.HTML(layout=WIDE)
        self._chart = Chart()
        self.figure: go.Figure | None = None
        self.milestones: list[licensure.Milestone] = []
        self._go.on_click(lambda _: self.plan())
        for box in (self._hours, self._supervision, self._start, self._by, self._target, self._state):
            box.observe(lambda _: say(self._message, ""), names="value")
        super().__init__(
            [
                W.HTML(
                    "<h3>License planner</h3><p>Choose the license, your state (or the typical figures), the day "
                    "your degree is complete and your hours can start to count (in some states only once you hold "
                    "a first license), and your pace, then select <b>Plan</b>.</p>"
                ),
                W.HBox([self._target, self._state]),
                self._start,
                self._hours,
                self._supervision,
                self._by,
                self._go,
                self._message,
                self._chart,
                self._milestones,
                W.HTML(BOARD_NOTE),
            ]
        )

    def set_plan(
        self,
        target: str | None = None,
        jurisdiction: str | None = None,
        start: dt.date | None = None,
        hours_per_week: object = None,
        supervision_per_month: object = None,
        by: dt.date | None | str = "",
    ) -> None:
        """Fill the form as a student would (``by=None`` clears the target date)."""
        if target is not None:
            self._target.value = target
        if jurisdiction is not None:
            self._state.value = jurisdiction.upper() if jurisdiction != TYPICAL else TYPICAL
        if start is not None:
            self._start.value = start
        if hours_per_week is not None:
            self._hours.value = str(hours_per_week)
        if supervision_per_month is not None:
            self._supervision.value = str(supervision_per_month)
        if by != "":
            self._by.value = by

    def plan(self) -> list[licensure.Milestone] | None:
        """Compute and draw the plan; an impossible one gets a plain message and changes nothing shown."""
        state = None if self._state.value == TYPICAL else self._state.value
        try:
            if self._start.value is None:
                raise ValidationError("Choose the day your degree is complete.", field="start")
            pace = [
                _number(box.value, what)
                for box, what in (
                    (self._hours, "experience hours a week"),
                    (self._supervision, "supervision hours a month"),
                )
            ]
            milestones = licensure.plan(self._target.value, self._start.value, *pace, state, by=self._by.value)
            need = licensure.requirements(self._target.value, state)
            needed = (
                licensure.hours_per_week_needed(self._target.value, self._start.value, self._by.value, state)
                if self._by.value
                else None
            )
        except ValidationError as err:
            say(self._message, err.message)
            return None
        self.milestones = milestones
        self.figure = self._chart.draw(career_figures.licence_timeline(milestones, need.source))
        rows = "".join(
            f"<tr><td>{m.date:%d %B %Y}</td><td>{html.escape(m.name)}</td><td>{html.escape(m.note)}</td></tr>"
            for m in milestones
        )
        target = ""
        if needed is not None:
            target = (
                f"<p>To finish the experience hours by {self._by.value:%d %B %Y} you would need about "
                f"<b>{needed:.1f} hours a week</b>. That covers the experience hours only: supervision and "
                "the minimum months can set a later date, as the milestones show.</p>"
            )
        self._milestones.value = (
            f'<div role="status">{target}<table><tr><th>Date</th><th>Milestone</th>'
            f"<th>Note</th></tr>{rows}</table><p><small>Figures: {html.escape(need.source)}"
            "</small></p></div>"
        )
        return milestones

    message_text = shown_text("_message")

    milestones_text = shown_text("_milestones")


def _number(text: str, what: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a number; enter the {what} in digits, such as 20.", field=what
        ) from None


REAL_NOTE = (
    "Entries are saved on this computer in your course progress file; export a CSV copy for your "
    "records or your board application."
)
PRACTICE_NOTE = (
    "This is a practice log: its entries are kept only until this notebook's kernel stops, and none "
    'of them reaches your real log. For your real hours, run <code>hours_log("lcsw", "TX")</code>, '
    "with your own license and state, in a notebook of your own."
)


class HoursLogView(View):
    """Log supervised hours with inline checks, see progress toward a license, export and import CSV."""

    CSS_CLASS = "mswlab-hours-log"

    def __init__(
        self,
        target: str = "lcsw",
        jurisdiction: str | None = None,
        path: Path | str | None = None,
        practice: bool = False,
    ) -> None:
        self.logbook = hours.HoursLog.scratch() if practice else hours.HoursLog(path)
        self.need = licensure.requirements(target, jurisdiction)
        self._fields = {
            "date": W.Text(value=clock.today().isoformat(), description="Date (YYYY-MM-DD):", style=LABEL),
            "hours": W.Text(description="Hours:", style=LABEL),
            "type": W.Dropdown(
                options=[(label, key) for key, label in hours.KINDS.items()], description="Type:", style=LABEL
            ),
            "supervisor": W.Text(description="Supervisor:", style=LABEL, placeholder="needed for supervision"),
            "note": W.Text(description="Note:", style=LABEL, layout=W.Layout(width="100%", max_width="600px")),
        }
        self._messages = {name: W.HTML() for name in (*self._fields, "csv")}
        self._add = W.Button(description="Add entry", button_style="primary")
        self._undo = W.Button(description="Remove last entry")
        self._export = W.Button(description="Export CSV")
        self._upload = W.FileUpload(accept=".csv", multiple=False, description="Import CSV")
        self._status = W.HTML()
        self._charts = W.VBox()
        self._add.on_click(lambda _: self.add(*(box.value for box in self._fields.values())))
        self._undo.on_click(lambda _: self.undo())
        self._export.on_click(lambda _: self.export())
        self._upload.observe(
            lambda change: change["new"] and self.import_text(bytes(change["new"][0]["content"]).decode("utf-8-sig")),
            names="value",
        )
        for name, box in self._fields.items():
            box.observe(lambda _, name=name: say(self._messages[name], ""), names="value")
        rows = [W.VBox([box, self._messages[name]]) for name, box in self._fields.items()]
        super().__init__(
            [
                W.HTML(
                    f"<h3>Supervised-hours log{' (practice)' if practice else ''}</h3><p>Requirements shown: "
                    f"{html.escape(self.need.licence)}, {html.escape(self.need.source)}. "
                    + (PRACTICE_NOTE if practice else REAL_NOTE)
                    + "</p>"
                ),
                *rows,
                W.HBox([self._add, self._undo, self._export, self._upload]),
                self._messages["csv"],
                self._status,
                self._charts,
                W.HTML(BOARD_NOTE),
            ]
        )
        self._redraw()

    def add(self, day: object, amount: object, kind: str, supervisor: str = "", note: str = "") -> bool:
        """Check and store one entry; a bad field gets a message beside it and nothing is stored."""
        try:
            self.logbook.add(hours.entry_from(day, amount, kind, supervisor, note))
        except ValidationError as err:
            say(self._messages.get(err.field, self._messages["hours"]), err.message)
            return False
        for name in ("hours", "note"):
            self._fields[name].value = ""
        self._redraw()
        return True

    def undo(self) -> bool:
        removed = self.logbook.remove_last()
        self._redraw()
        return removed is not None

    def export(self, path: Path | str | None = None) -> Path:
        """Write the log as CSV (by default to the log's ``export_path``) and say where."""
        target = Path(path) if path else self.logbook.export_path
        target.write_text(self.logbook.export_csv(), encoding="utf-8")
        say(self._messages["csv"], f"Saved {len(self.logbook.entries())} entries to {target}.", ok=True)
        return target

    def import_text(self, text: str) -> bool:
        try:
            added = self.logbook.import_csv(text)
        except ValidationError as err:
            say(self._messages["csv"], err.message)
            return False
        say(self._messages["csv"], f"Imported {added} {'entry' if added == 1 else 'entries'}.", ok=True)
        self._redraw()
        return True

    def message(self, field: str) -> str:
        return text_of(self._messages[field])

    status_text = shown_text("_status")

    def _redraw(self) -> None:
        entries = self.logbook.entries()
        done = hours.progress(entries, self.need)
        charts = [Chart(hours.hours_progress(done)), Chart(hours.hours_cumulative(entries))]
        self.figures = [chart.figure for chart in charts]
        self._charts.children = tuple(charts)
        self._status.value = (
            "<p>"
            + " ".join(
                html.escape(f"{p.requirement}: {p.done:g} of {p.needed:g} ({p.remaining:g} to go).") for p in done
            )
            + "</p>"
        )


def license_planner(target: str = "lcsw", jurisdiction: str | None = None) -> LicensePlannerView:
    """Module 03's planner, set to a license and (optionally) a state."""
    return LicensePlannerView(target, jurisdiction)


def hours_log(target: str = "lcsw", jurisdiction: str | None = None, practice: bool = False) -> HoursLogView:
    """The supervised-hours log, measuring progress toward a license in a state (or typically);
    ``practice=True`` keeps made-up entries out of the student's real log."""
    return HoursLogView(target, jurisdiction, practice=practice)
