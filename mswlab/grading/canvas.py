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
  name. The roster supplies these: Canvas's own gradebook export, as it comes, or a file of
  our own with nbgrader ids (see ``roster``).
- Assignment columns whose title contains "Current Score", "Final Points" and the like are
  taken for Canvas's totals and skipped, so we warn about such a title.
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
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins import ExportPlugin
from traitlets import Dict, Unicode

from mswlab.errors import ValidationError
from mswlab.grading.roster import Roster, RosterEntry, read_roster

DEFAULT_TO = "canvas_grades.csv"
IDENTITY_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "Points Possible"
# Canvas's importer drops any column whose title contains one of these (its totals columns).
CANVAS_TOTALS = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)


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
        help="Canvas's gradebook export as Canvas writes it (students found by SIS Login ID or SIS "
        "User ID, ignoring case), or a CSV with columns nbgrader_id,name,canvas_id,sis_user_id,"
        "sis_login_id,section; a relative path is read from the course folder",
    ).tag(config=True)

    column_names = Dict(
        key_trait=Unicode(),
        value_trait=Unicode(),
        help="nbgrader assignment id -> Canvas column title, copied from the header of Canvas's "
        "gradebook export ('Title (Canvas assignment id)'), e.g. "
        "{'01_levels_of_practice': 'Levels of practice (12345)'}; default: the id, which Canvas "
        "imports as a new assignment unless one has exactly that title",
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
        source = read_roster(self._roster_path())
        wanted = {str(s) for s in self.student}
        roster, unmatched_ids = source.matched(s.id for s in gradebook.students)
        if wanted:
            roster = [e for e in roster if e.nbgrader_id in wanted]
        assignments = self._assignments(gradebook)
        columns = [(a.name, self.column_names.get(a.name, a.name), a.max_score) for a in assignments]
        self._check_titles(columns, gradebook, source)
        scores, pending = self._scores(gradebook, assignments, wanted)
        self.log.info("Exporting grades for Canvas to %s", dest)
        _write_csv(dest, canvas_rows(roster, columns, scores))

        unmatched = [s for s in gradebook.students if s.id in unmatched_ids and (not wanted or s.id in wanted)]
        sidecar = dest.with_name(f"{dest.stem}.unmatched.csv")
        if unmatched:
            self._report_unmatched(unmatched, columns, scores, sidecar, source.from_canvas)
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

    def _check_titles(self, columns: list[tuple[str, str, float]], gradebook: Gradebook, source: Roster) -> None:
        """Stop on a title two assignments share; warn where Canvas would not fill the column meant."""
        titles = [title for _, title, _ in columns]
        shared = sorted({t for t in titles if titles.count(t) > 1})
        if shared:
            raise ValidationError(
                f"two assignments would share the Canvas column '{shared[0]}'; give "
                "each its own title in CanvasExporter.column_names"
            )
        for title in titles:
            totals = [t for t in CANVAS_TOTALS if t in title]
            if totals:
                self.log.warning(
                    "Canvas takes a column titled '%s' for its '%s' total and will not import it; "
                    "give that assignment another title in CanvasExporter.column_names",
                    title,
                    totals[0],
                )
        for name in sorted(set(self.column_names) - {a.name for a in gradebook.assignments}):
            self.log.warning(
                "CanvasExporter.column_names names '%s', which is not an assignment "
                "in the gradebook; that entry is not used",
                name,
            )
        if source.from_canvas:
            for name, title, _ in columns:
                if name in self.column_names and title not in source.columns:
                    self.log.warning(
                        "CanvasExporter.column_names titles '%s' '%s', which is not a column of the Canvas "
                        "export %s, so Canvas will create a new assignment for it. To fill an existing one, "
                        "copy its title from that file's first line, with the number in parentheses.",
                        name,
                        title,
                        source.file,
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

    def _report_unmatched(self, unmatched: list, columns, scores, sidecar: Path, from_canvas: bool) -> None:
        for student in unmatched:
            if from_canvas:
                self.log.warning(
                    "Student '%s' is in the gradebook but matches no row of the Canvas export %s "
                    "(by SIS Login ID or SIS User ID, ignoring case), so they are not in the Canvas "
                    "file. Check that they are enrolled in the Canvas course and that their nbgrader "
                    "id is their Canvas login or SIS id, then export again. Until then their scores "
                    "are in %s.",
                    student.id,
                    self._roster_path(),
                    sidecar,
                )
                continue
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
