"""The exam's part of ``mswlab check``: the item bank against the item-writing rules, the manifest and
the blueprint."""

from __future__ import annotations

from mswlab.content.checks import Context, Report
from mswlab.content.exam import ItemFile
from mswlab.errors import ValidationError
from mswlab.exam import bank, lint


def check_exam(ctx: Context, report: Report) -> None:
    """The item bank meets the item-writing rules and can build every form in the blueprint."""
    blueprints = ctx.content.files.get("exam/blueprints.yaml")
    files = ctx.content.of_type(ItemFile)
    try:
        the_bank = bank.from_files(files)
    except ValidationError as err:
        report.problems.append(str(err))
        return
    report.counts.update(lint.counts(the_bank))
    result = lint.lint(the_bank)
    report.counts["item_lint_errors"] = len(result.errors)
    report.counts["item_lint_warnings"] = len(result.warnings)
    report.problems.extend(str(p) for p in result.errors)
    if ctx.curriculum is not None:
        modules = {m.id for m in ctx.curriculum.modules}
        report.problems.extend(
            f"datasets/{the_bank.files[i.id]}: entry '{i.id}': field 'module': '{i.module}' is not a module in "
            "course/curriculum.yaml"
            for i in the_bank.items
            if i.module not in modules
        )
    if blueprints is not None:
        areas = {a.id for a in blueprints.format("current").areas}
        report.problems.extend(
            f"datasets/{the_bank.files[i.id]}: entry '{i.id}': field 'area': '{i.area}' is not a content area of "
            f"the current format ({', '.join(sorted(areas))}; datasets/exam/blueprints.yaml)"
            for i in the_bank.items
            if i.area not in areas
        )
        report.problems.extend(str(p) for p in lint.coverage(the_bank, blueprints))


CHECKS = [check_exam]
