"""``mswlab exam``: printable forms for instructors and the item-writing lint for authors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mswlab.exam import bank, blueprint, forms, lint, printable


def _form(args: argparse.Namespace) -> int:
    spec = blueprint.spec(args.level, args.format_version)
    form = forms.assemble(spec, bank.default(), args.seed)
    text = printable.as_html(form) if args.as_ == "html" else json.dumps(printable.as_json(form), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}: {len(form.questions)} questions, seed {args.seed}")
    else:
        print(text, end="")
    return 0


def _lint(args: argparse.Namespace) -> int:
    the_bank = bank.default()
    report = lint.lint(the_bank)
    problems = report.errors + lint.coverage(the_bank)
    for p in problems:
        print(f"error: {p}")
    for p in report.warnings:
        print(f"warning: {p}")
    print(f"{len(the_bank.items)} items: {len(problems)} error(s), {len(report.warnings)} warning(s)")
    return 1 if problems else 0


def add_exam_commands(sub) -> None:
    exam = sub.add_parser("exam", help="licensing-exam practice: printable forms and the item lint")
    commands = exam.add_subparsers(dest="exam_command", required=True)
    p = commands.add_parser("form", help="assemble a practice form to the blueprint (HTML to print, or JSON)")
    p.add_argument(
        "--level", required=True, help="exam category: associate, bachelors, masters, advanced-generalist or clinical"
    )
    p.add_argument(
        "--format-version",
        default="current",
        choices=["current", "legacy"],
        help="current (from 2026-08-05) or legacy (the 170-question 2018 outline)",
    )
    p.add_argument("--seed", type=int, required=True, help="the same seed gives the same form")
    p.add_argument("--output", help="file to write (default: print)")
    p.add_argument("--as", dest="as_", default="html", choices=["html", "json"])
    p.set_defaults(func=_form)
    p = commands.add_parser("lint", help="list every item-writing error and warning in the bank")
    p.set_defaults(func=_lint)
