"""The ``mswlab`` command. Each subcommand is a thin shell around an engine function."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mswlab import check, notebooks
from mswlab.errors import ValidationError
from mswlab.exam.commands import add_exam_commands
from mswlab.grading.commands import add_course_commands


def _check(args: argparse.Namespace) -> int:
    report = check.run(Path(args.root) if args.root else None)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        for line in report.problems:
            print(line)
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
        print(("OK: " if report.ok else f"{len(report.problems)} problem(s). ") + counts)
    return 0 if report.ok else 1


def _clean(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or check.notebook_paths(Path.cwd())
    for path in paths:
        if notebooks.clean(path):
            print(f"cleaned {path}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from mswlab.content import json_schemas

    for name in json_schemas.write():
        print(f"wrote {name}")
    return 0


def _practice_assignment(args: argparse.Namespace) -> int:
    from mswlab.grading import local_course

    where = local_course.prepare()
    print(
        f"The practice assignment {local_course.PRACTICE_ASSIGNMENT} is in your own exchange, {where.exchange}: "
        "fetch it in JupyterLab from Nbgrader > Assignment List."
    )
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="mswlab", description="MSW Practice Lab tools.")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate datasets, the manifest, notebooks and assignments")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--root", help="project folder (default: this checkout)")
    p.set_defaults(func=_check)

    p = sub.add_parser("clean", help="strip outputs and stray metadata from notebooks")
    p.add_argument("paths", nargs="*", help="notebooks (default: all under modules/, course/source/ and apps/)")
    p.set_defaults(func=_clean)

    p = sub.add_parser("schemas", help="write the datasets' JSON Schemas for editors (datasets/schemas/)")
    p.set_defaults(func=_schemas)

    p = sub.add_parser(
        "practice-assignment", help="release the practice assignment into your own exchange (no class hub needed)"
    )
    p.set_defaults(func=_practice_assignment)

    add_course_commands(sub)
    add_exam_commands(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ValidationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
