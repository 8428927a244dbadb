"""``nbgrader export --exporter mswlab.grading.CanvasExporter``: grades as a CSV Canvas imports.

Run it from the course folder. It writes ``canvas_grades.csv`` (or ``--to FILE``) for
Canvas's Grades > Import, from the gradebook and a roster that says who each student is
in Canvas.

What Canvas expects, as read in its importer (instructure/canvas-lms,
``app/models/gradebook_importer.rb``) and in OSU's guide "Import a CSV file to Carmen
Grades" (teaching.resources.osu.edu):

- The header starts ``Student,ID,SIS User ID,SIS Login ID,Section``; Canvas looks for
  "Section" right after the two SIS columns. Every later column is an assignment.
- An assignment column is matched to a Canvas assignment by the id in a title like
  ``Levels of practice (12345)``, then by exact title; any other title creates a new
  assignment. Hence ``column_names``: set it to Canvas's own column titles.
- A row whose first cell says ``Points Possible`` is read as the points of each column,
  not as a student. Canvas's own export puts one right after the header, and a new
  assignment takes its points from it, so we write one (nbgrader's maximum score).
- A student row is matched by Canvas user ID, then SIS User ID, then SIS Login ID, then
  name. The roster supplies these.
- An empty cell is "no grade": where Canvas holds no grade either, the student stays
  ungraded. (Where Canvas already holds a grade, the importer counts the empty cell as a
  change, so read the import preview before confirming; an uploaded score overwrites.)
  We leave the cell empty when a student did not submit, so that Canvas's missing and
  late policies, not a silent zero, decide what that means.

The score is nbgrader's score minus its late penalty, never below zero (as nbgrader's
own CSV export does), rounded to two decimals.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins import ExportPlugin
from traitlets import Dict, Unicode

from mswlab.errors import ValidationError

DEFAULT_TO = "canvas_grades.csv"
IDENTITY_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "Points Possible"
ROSTER_COLUMNS = ("nbgrader_id", "name", "canvas_id", "sis_user_id", "sis_login_id", "section")


@dataclass(frozen=True)
class RosterEntry:
    """One student as Canvas knows them, with the id nbgrader uses."""

    nbgrader_id: str
    name: str
    canvas_id: str
    sis_user_id: str
    sis_login_id: str
    section: str

    def identity(self) -> list[str]:
        return [self.name, self.canvas_id, self.sis_user_id, self.sis_login_id, self.section]


def read_roster(path: Path) -> list[RosterEntry]:
    """Read the roster CSV; a problem names the file, the line and the field."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: Excel saves CSV with a byte-order mark
    except FileNotFoundError:
        raise ValidationError(
            f"roster not found. Write it with the header {','.join(ROSTER_COLUMNS)} and one "
            "line per student, or point to it with --CanvasExporter.roster=FILE",
            file=shown,
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(f"cannot be read as UTF-8 text ({err})", file=shown) from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ROSTER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            f"line 1: the header lacks column(s) {', '.join(missing)}; it should be {','.join(ROSTER_COLUMNS)}",
            file=shown,
        )
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise ValidationError(f"line {line}: has more fields than the header", file=shown)
            values = {c: (row[c] or "").strip() for c in ROSTER_COLUMNS}
            if not any(values.values()):
                continue  # a blank line
            for required in ("nbgrader_id", "name"):
                if not values[required]:
                    raise ValidationError(f"line {line}: field '{required}' is empty", file=shown)
            if not (values["canvas_id"] or values["sis_user_id"] or values["sis_login_id"]):
                raise ValidationError(
                    f"line {line}: give at least one of canvas_id, sis_user_id, "
                    "sis_login_id, so that Canvas can find the student",
                    file=shown,
                )
            if values["canvas_id"] and not values["canvas_id"].isdigit():
                raise ValidationError(
                    f"line {line}: field 'canvas_id' is '{values['canvas_id']}'; Canvas user IDs are whole numbers",
                    file=shown,
                )
            if values["nbgrader_id"] in seen:
                raise ValidationError(
                    f"line {line}: field 'nbgrader_id': '{values['nbgrader_id']}' is "
                    f"already on line {seen[values['nbgrader_id']]}",
                    file=shown,
                )
            seen[values["nbgrader_id"]] = line
            entries.append(RosterEntry(**values))
    except csv.Error as err:
        raise ValidationError(f"line {reader.line_num}: not valid CSV ({err})", file=shown) from None
    return entries


def format_score(value: float) -> str:
    """Two decimals at most, without trailing zeros: 7.5, 10, 0."""
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def canvas_rows(
    roster: list[RosterEntry], columns: list[tuple[str, str, float]], scores: dict[tuple[str, str], float]
) -> list[list[str]]:
    """The whole CSV: header, Points Possible, then one row per rostered student.

    ``columns`` is (assignment id, Canvas title, points possible) in order; ``scores`` maps
    (nbgrader student id, assignment id) to the score to post, for submissions only.
    """
    rows = [
        IDENTITY_HEADER + [title for _, title, _ in columns],
        [POINTS_POSSIBLE, "", "", "", ""] + [format_score(points) for _, _, points in columns],
    ]
    for entry in roster:
        cells = [
            format_score(scores[(entry.nbgrader_id, a)]) if (entry.nbgrader_id, a) in scores else ""
            for a, _, _ in columns
        ]
        rows.append(entry.identity() + cells)
    return rows


class CanvasExporter(ExportPlugin):
    """Export grades as a CSV for Canvas's gradebook import (see the module docstring)."""

    roster = Unicode(
        "roster.csv",
        help="CSV with columns nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section; "
        "a relative path is read from the course folder",
    ).tag(config=True)

    column_names = Dict(
        key_trait=Unicode(),
        value_trait=Unicode(),
        help="nbgrader assignment id -> Canvas column title, e.g. "
        "{'01_levels_of_practice': 'Levels of practice (12345)'}; default: the id",
    ).tag(config=True)

    def export(self, gradebook: Gradebook) -> None:
        # nbgrader's export app lets exceptions through as tracebacks; a problem with the
        # roster is the user's to fix, so say it in one line and stop, as NbGrader.fail does.
        try:
            self._export(gradebook)
        except ValidationError as err:
            self.log.error("%s", err)
            sys.exit(1)

    def _export(self, gradebook: Gradebook) -> None:
        # An empty `to` means "not given" (nbgrader's CsvExportPlugin does the same for grades.csv).
        dest = Path(self.to or DEFAULT_TO)
        roster = read_roster(self._roster_path())
        wanted = {str(s) for s in self.student}
        if wanted:
            roster = [e for e in roster if e.nbgrader_id in wanted]
        assignments = self._assignments(gradebook)
        columns = [(a.name, self.column_names.get(a.name, a.name), a.max_score) for a in assignments]
        titles = [title for _, title, _ in columns]
        shared = sorted({t for t in titles if titles.count(t) > 1})
        if shared:
            raise ValidationError(
                f"two assignments would share the Canvas column '{shared[0]}'; give "
                "each its own title in CanvasExporter.column_names"
            )
        for name in sorted(set(self.column_names) - {a.name for a in gradebook.assignments}):
            self.log.warning(
                "CanvasExporter.column_names names '%s', which is not an assignment "
                "in the gradebook; that entry is not used",
                name,
            )

        scores, pending = self._scores(gradebook, assignments, wanted)
        self.log.info("Exporting grades for Canvas to %s", dest)
        _write_csv(dest, canvas_rows(roster, columns, scores))

        rostered = {e.nbgrader_id for e in roster}
        unmatched = [s for s in gradebook.students if s.id not in rostered and (not wanted or s.id in wanted)]
        sidecar = dest.with_name(f"{dest.stem}.unmatched.csv")
        if unmatched:
            self._report_unmatched(unmatched, columns, scores, sidecar)
        elif sidecar.exists():
            sidecar.unlink()  # left from an earlier export; everyone is rostered now
        for assignment, students in pending.items():
            self.log.warning(
                "%d submission(s) of '%s' still need manual grading, so their scores may be "
                "incomplete: %s. Finish grading them in Formgrader and export again.",
                len(students),
                assignment,
                ", ".join(students),
            )

    def _roster_path(self) -> Path:
        path = Path(self.roster)
        coursedir = getattr(self.parent, "coursedir", None)
        if not path.is_absolute() and coursedir is not None:
            path = Path(coursedir.root) / path
        return path

    def _assignments(self, gradebook: Gradebook) -> list:
        everything = gradebook.assignments
        if not self.assignment:
            return everything
        wanted = [str(a) for a in self.assignment]
        known = {a.name for a in everything}
        for name in wanted:
            if name not in known:
                raise ValidationError(
                    f"assignment '{name}' is not in the gradebook (it has: {', '.join(sorted(known)) or 'none'})"
                )
        return [a for a in everything if a.name in wanted]

    def _scores(self, gradebook: Gradebook, assignments: list, wanted: set[str]):
        """Score to post per (student, assignment), and who still needs manual grading."""
        scores: dict[tuple[str, str], float] = {}
        pending: dict[str, list[str]] = {}
        for assignment in assignments:
            for sub in gradebook.assignment_submissions(assignment.name):
                if wanted and sub.student_id not in wanted:
                    continue
                scores[(sub.student_id, assignment.name)] = max(0.0, sub.score - sub.late_submission_penalty)
                if sub.needs_manual_grade:
                    pending.setdefault(assignment.name, []).append(sub.student_id)
        return scores, {a: sorted(s) for a, s in pending.items()}

    def _report_unmatched(self, unmatched: list, columns, scores, sidecar: Path) -> None:
        for student in unmatched:
            self.log.warning(
                "Student '%s' is in the gradebook but not in the roster %s, so they are not in the "
                "Canvas file. Add a line for them to the roster (their nbgrader id, name and Canvas "
                "IDs) and export again. Until then their scores are in %s.",
                student.id,
                self._roster_path(),
                sidecar,
            )
        rows = [["nbgrader_id", "first_name", "last_name", "email"] + [t for _, t, _ in columns]]
        for student in unmatched:
            rows.append(
                [student.id, student.first_name or "", student.last_name or "", student.email or ""]
                + [format_score(scores[(student.id, a)]) if (student.id, a) in scores else "" for a, _, _ in columns]
            )
        _write_csv(sidecar, rows)


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    except OSError as err:
        raise ValidationError(
            f"cannot be written ({err.strerror}); check that its folder exists", file=str(path)
        ) from None
