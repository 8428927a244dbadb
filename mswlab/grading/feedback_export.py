"""``mswlab course export-feedback``: feedback pages laid out for the LMS, for a class without a hub.

Without a hub, ``nbgrader release_feedback`` has no exchange the students read. The pages
``nbgrader generate_feedback`` wrote to ``feedback/<student>/<assignment>/`` are copied instead to
``<to>/<student>/<assignment>.html`` (one folder per student, to attach in the LMS), and every
student who has a submission or a grade but no page is named, with what to run (a student whose
marking is pending gets no page from ``mswlab course feedback`` unless ``--allow-pending``).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mswlab.errors import ValidationError
from mswlab.grading import files
from mswlab.grading.course_config import course_directory

DEFAULT_TO = "lms-feedback"


@dataclass(frozen=True)
class Exported:
    student: str
    pages: tuple[str, ...]  # paths written, relative to the export folder
    note: str = ""  # why there is no page, or what to know about the one there is


def _students(coursedir, assignment: str) -> tuple[set[str], set[str]]:
    """Everyone with a submission, a grade or a feedback folder for ``assignment``, and whose marking is pending."""
    found: set[str] = set()
    pending: set[str] = set()
    for step in (coursedir.submitted_directory, coursedir.autograded_directory, coursedir.feedback_directory):
        pattern = re.compile(coursedir.format_path(step, "(?P<student>[^/]+)", re.escape(assignment), escape=True))
        for folder in glob.glob(coursedir.format_path(step, "*", glob.escape(assignment))):
            named = pattern.fullmatch(folder)
            if named and os.path.isdir(folder):
                found.add(named["student"])
    db = coursedir.db_url
    if db.startswith("sqlite:///") and not Path(db[len("sqlite:///") :]).is_file():
        return found, pending  # opening a missing gradebook would create an empty one
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db, coursedir.course_id) as gb:
        try:
            for sub in gb.assignment_submissions(assignment):
                found.add(sub.student_id)
                if sub.needs_manual_grade:
                    pending.add(sub.student_id)
        except MissingEntry:
            pass
    return found, pending


def export(coursedir, assignment: str, to: Path) -> list[Exported]:
    results = []
    students, pending = _students(coursedir, assignment)
    for student in sorted(students):
        folder = Path(coursedir.format_path(coursedir.feedback_directory, student, assignment))
        pages = sorted(p.name for p in folder.glob("*.html")) if folder.is_dir() else []
        if not pages:
            graded = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment)).is_dir()
            if student in pending:
                why = f"marking pending; mark in the Formgrader, then run: mswlab course feedback {assignment}"
            elif graded:
                why = f"no feedback page; run: mswlab course feedback {assignment} --student {student}"
            else:
                why = f"not graded yet; run: mswlab course autograde {assignment}, then mswlab course feedback"
            results.append(Exported(student, (), why))
            continue
        dest = to / student
        dest.mkdir(parents=True, exist_ok=True)
        written = []
        for page in pages:
            name = f"{assignment}.html" if len(pages) == 1 else f"{assignment}_{page}"
            fd = files.open_inside(folder, page)
            try:
                chunks = []
                while chunk := os.read(fd, files.CHUNK):
                    chunks.append(chunk)
            finally:
                os.close(fd)
            files.write_new(dest / name, b"".join(chunks))
            written.append(f"{student}/{name}")
        note = "sent with marking pending (parts show as awaiting marking)" if student in pending else ""
        results.append(Exported(student, tuple(written), note))
    return results


def main(args: argparse.Namespace) -> int:
    course = Path(args.course_dir or os.getcwd()).resolve()
    coursedir = course_directory(course)
    to = Path(args.to).resolve() if args.to else course / DEFAULT_TO
    results = export(coursedir, args.assignment, to)
    if not results:
        raise ValidationError(
            f"no submissions or feedback for assignment '{args.assignment}' in {course}; "
            "import or collect submissions, autograde them, then run mswlab course feedback"
        )
    done = [r for r in results if r.pages]
    if not done:
        raise ValidationError(
            f"no student has a feedback page for '{args.assignment}'; mark any reflections in the Formgrader, "
            f"then run: mswlab course feedback {args.assignment}"
        )
    width = max(len("student"), *(len(r.student) for r in results))
    print(f"{'student':<{width}}  feedback")
    for r in results:
        shown = ", ".join(r.pages) + (f" ({r.note})" if r.note else "") if r.pages else "NONE: " + r.note
        print(f"{r.student:<{width}}  {shown}")
    missing = [r.student for r in results if not r.pages]
    print(f"\n{len(done)} feedback page(s) in {to}, one folder per student, ready to attach in the LMS.")
    if missing:
        print(f"No feedback for {len(missing)}: {', '.join(missing)}.")
    return 0
