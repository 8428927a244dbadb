"""The ``mswlab course ...`` commands: argument parsing only; the work is in the modules."""

from __future__ import annotations

import argparse


def add_course_commands(sub: argparse._SubParsersAction) -> None:
    course = sub.add_parser("course", help="instructor tools for the nbgrader course")
    course_sub = course.add_subparsers(dest="course_command", required=True)

    p = course_sub.add_parser("autograde", help="autograde every submission of an assignment in parallel, in a sandbox")
    p.add_argument("assignment", help="assignment id, e.g. 01_levels_of_practice")
    p.add_argument(
        "--workers", type=int, default=None, help="submissions graded at once (default: number of CPU cores)"
    )
    p.add_argument(
        "--sandbox",
        choices=["auto", "bwrap", "none"],
        default="auto",
        help="run student code in bubblewrap (auto: when it works here)",
    )
    p.add_argument("--student", action="extend", nargs="+", default=[], metavar="ID", help="grade only these students")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.add_argument("--force", action="store_true", help="regrade students who are already graded")
    p.add_argument(
        "--memory-limit",
        type=int,
        default=2048,
        metavar="MB",
        help="memory each student's kernel may use (default 2048 MB)",
    )
    p.set_defaults(func=_autograde)

    p = course_sub.add_parser(
        "feedback", help="nbgrader generate_feedback, refusing students whose marking is pending (unless asked)"
    )
    p.add_argument("assignment", help="assignment id, e.g. 01_levels_of_practice")
    p.add_argument(
        "--allow-pending", action="store_true", help="write feedback anyway; pending parts show as awaiting marking"
    )
    p.add_argument("--student", default=None, metavar="ID", help="only this student")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.set_defaults(func=_feedback)

    # -- a class without a hub: submissions in from the LMS, feedback out to it (issue 22)
    p = course_sub.add_parser(
        "import-submissions", help="put an LMS download (zip or folder) into submitted/, with nbgrader's timestamps"
    )
    p.add_argument("assignment", help="assignment id, e.g. 01_levels_of_practice")
    p.add_argument("source", help="the LMS download: a zip file, or a folder with a file or folder per student")
    p.add_argument(
        "--deadline",
        metavar="ISO",
        help="submission time for everyone, e.g. 2025-03-01T23:59-05:00 (default: each notebook's file time)",
    )
    p.add_argument("--roster", metavar="FILE", help="roster CSV mapping LMS ids and names to nbgrader ids")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.add_argument("--force", action="store_true", help="replace a different submission imported earlier")
    p.set_defaults(func=_import_submissions)

    p = course_sub.add_parser(
        "export-feedback", help="copy each student's feedback HTML into a folder per student, for the LMS"
    )
    p.add_argument("assignment", help="assignment id, e.g. 01_levels_of_practice")
    p.add_argument("--to", metavar="DIR", default=None, help="where (default: lms-feedback/ in the course folder)")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.set_defaults(func=_export_feedback)

    report = course_sub.add_parser("report", help="reports from the gradebook")
    report_sub = report.add_subparsers(dest="report_command", required=True)

    p = report_sub.add_parser(
        "competencies", help="share of students at or above the benchmark on each measure of each CSWE competency"
    )
    p.add_argument(
        "--expected", type=float, default=0.8, help="benchmark: the share of a measure's points, 0-1 (default 0.8)"
    )
    p.add_argument("--by", choices=["section", "cohort"], default=None, help="also report each group on the roster")
    p.add_argument("--roster", default=None, help="roster CSV for --by (default: roster.csv in the course folder)")
    p.add_argument("--term", default=None, help="term the report covers, as a label, e.g. 'Fall 2026'")
    p.add_argument("--format", choices=["csv", "html", "json"], default="csv")
    p.add_argument("--output", "-o", default=None, help="write here instead of standard output")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.set_defaults(func=_report_competencies)

    p = report_sub.add_parser("items", help="difficulty and discrimination of each graded cell")
    p.add_argument("assignment")
    p.add_argument("--format", choices=["csv", "html", "json"], default="csv")
    p.add_argument("--output", "-o", default=None, help="write here instead of standard output")
    p.add_argument("--course-dir", default=None, help="nbgrader course folder (default: current folder)")
    p.set_defaults(func=_report_items)


def _autograde(args: argparse.Namespace) -> int:
    from mswlab.grading import autograde

    return autograde.main(args)


def _feedback(args: argparse.Namespace) -> int:
    """nbgrader's own generate_feedback (its exit code), with the course's FeedbackNotes settings."""
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).with_name("nbgrader")), "generate_feedback", args.assignment]
    if args.student:
        command.append(f"--student={args.student}")
    if args.allow_pending:
        command.append("--FeedbackNotes.allow_pending=True")
    return subprocess.run(command, cwd=args.course_dir or ".").returncode


def _import_submissions(args: argparse.Namespace) -> int:
    from mswlab.grading import submissions_import

    return submissions_import.main(args)


def _export_feedback(args: argparse.Namespace) -> int:
    from mswlab.grading import feedback_export

    return feedback_export.main(args)


def _report_competencies(args: argparse.Namespace) -> int:
    from mswlab.grading import reports

    return reports.main_competencies(args)


def _report_items(args: argparse.Namespace) -> int:
    from mswlab.grading import reports

    return reports.main_items(args)
