"""``mswlab check`` for graded tasks: every part is well wired, answerable and fair.

For each assignment with a task file: each part has its form cell, its answer cell and its test
cell (whose points and competencies are the part's); each variant's best answer earns every mark
(so a model answer passes its own rules); each part has at least ``MIN_VARIANTS`` variants; the
choice items give a content-free guesser no more than the item standard's edge; and, in assignments
01-13, at least half of the autograded points come from performance tasks.

Counts: ``recognition_share`` (the share of autograded points on recognition, across 01-13),
``variants_min`` (the fewest variants of any graded part; a part that is not a task has one), and
``random_guess_share`` (what a blind guesser is expected to score on the autograded points).
"""

from __future__ import annotations

import itertools
import re

from mswlab import item_standard, notebooks, tasks
from mswlab.content.checks import Context, Report
from mswlab.content.tasks import MIN_VARIANTS, Part, TaskFile
from mswlab.tasks import kinds

PERFORMANCE_RULE = 0.5  # at least this share of each assignment's autograded points
RULED = re.compile(r"^(0[1-9]|1[0-3])_")  # the assignments the performance rule covers: 01-13
_SCORE_CALL = re.compile(r'\bscore\(\s*"(?P<assignment>[^"]+)",\s*"(?P<part>[^"]+)"')


def _test_cells(nb) -> dict[str, tuple[float, list, str]]:
    """grade_id -> (points, competencies, source) of each autograded test cell."""
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            ours = cell.metadata.get("mswlab", {})
            found[meta.get("grade_id")] = (
                float(meta.get("points", 0)),
                list(ours.get("competencies", [])),
                cell.source,
            )
    return found


def blind_points(part: Part) -> float:
    """What a blind guesser earns on a part, on average over its variants: a random option for every
    choice, nothing for numbers and writing."""
    total = 0.0
    for variant in part.variants:  # type: ignore[attr-defined]
        specs = kinds.fields(part, variant)
        choices = [s for s in specs if s.type == "choice"]
        if part.kind in ("choice", "sort") or part.kind == "compute":  # type: ignore[attr-defined]
            each = part.points / len(specs)
            total += sum(each / len(s.options) for s in choices)
            continue
        combos = list(itertools.product(*[[k for k, _ in s.options] for s in choices]))
        total += sum(
            sum(m.earned for m in kinds.marks(part, variant, dict(zip([s.name for s in choices], combo))))
            for combo in combos
        ) / len(combos)
    return total / len(part.variants)  # type: ignore[attr-defined]


def check_tasks(ctx: Context, report: Report) -> None:
    source = ctx.root / "course" / "source"
    auto_total = recognition = blind = 0.0
    variants_min: int | None = None
    for path in sorted(source.glob("*/*.ipynb")) if source.is_dir() else []:
        assignment = path.parent.name
        try:
            nb = notebooks.read(path)
        except Exception:
            continue  # reported by the cleanliness check
        tests = _test_cells(nb)
        task_file = ctx.content.files.get(f"{tasks.TASKS_DIR}/{assignment}.yaml")
        parts = {p.id: p for p in task_file.parts} if isinstance(task_file, TaskFile) else {}
        shown = f"datasets/{tasks.TASKS_DIR}/{assignment}.yaml"
        for part in parts.values():
            _check_part(report, nb, tests, assignment, part, shown)
        if not RULED.match(assignment):
            continue
        points = sum(p for p, _, _ in tests.values())
        performance = sum(p.points for p in parts.values() if p.performance and f"test_{p.id}" in tests)
        auto_total += points
        recognition += points - performance
        blind += sum(blind_points(p) for p in parts.values() if f"test_{p.id}" in tests)
        for grade_id in tests:
            scored = parts.get(grade_id.removeprefix("test_"))
            count = len(scored.variants) if scored else 1  # type: ignore[union-attr]
            variants_min = count if variants_min is None else min(variants_min, count)
        if points and performance / points < PERFORMANCE_RULE:
            report.problems.append(
                f"{path.relative_to(ctx.root).as_posix()}: {performance:g} of {points:g} autograded points "
                f"({performance / points:.0%}) come from performance tasks; at least {PERFORMANCE_RULE:.0%} must "
                f"(parts of kind compute, sort or write in {shown})"
            )
        items = [item for p in parts.values() if p.kind == "choice" for v in p.variants for item in v.items]  # type: ignore[attr-defined]
        cue = item_standard.edge(items)
        if cue.items and cue.points > item_standard.MAX_EDGE:
            report.problems.append(
                f"{shown}: a content-free guesser scores {cue.guesser:.1f}% on its {cue.items} choice items against "
                f"{cue.chance:.1f}% by chance (+{cue.points:.1f} points; at most +{item_standard.MAX_EDGE:g}); "
                "spread absolute words, justification clauses and the longest option between keys and wrong options"
            )
    if auto_total:
        report.counts["recognition_share"] = round(recognition / auto_total, 3)  # type: ignore[assignment]
        report.counts["random_guess_share"] = round(blind / auto_total, 3)  # type: ignore[assignment]
    report.counts["variants_min"] = variants_min or 0


def _check_part(report: Report, nb, tests: dict, assignment: str, part: Part, shown: str) -> None:
    where = f"{shown}: part '{part.id}'"
    variants = part.variants  # type: ignore[attr-defined]
    if len(variants) < MIN_VARIANTS:
        report.problems.append(f"{where}: has {len(variants)} variant(s); each part needs at least {MIN_VARIANTS}")
    test = tests.get(f"test_{part.id}")
    if test is None:
        report.problems.append(f"{where}: the notebook has no test cell 'test_{part.id}'")
    else:
        points, competencies, source = test
        if points != part.points:
            report.problems.append(f"{where}: is worth {part.points:g} points but its test cell gives {points:g}")
        if sorted(competencies) != sorted(part.competencies):
            report.problems.append(
                f"{where}: claims competencies {list(part.competencies)} but its test cell's metadata says "
                f"{competencies}; make them the same"
            )
        call = _SCORE_CALL.search(source)
        if not call or (call["assignment"], call["part"]) != (assignment, part.id):
            report.problems.append(
                f'{where}: its test cell should score it with score("{assignment}", "{part.id}", {part.id}, student_id)'
            )
    if not any(f'task_form("{assignment}", "{part.id}")' in c.source for c in nb.cells if c.cell_type == "code"):
        report.problems.append(f'{where}: the notebook has no form cell calling task_form("{assignment}", "{part.id}")')
    for variant in variants:
        try:
            review = kinds.marks(part, variant, tasks.best_answer(part, variant))
        except Exception as err:  # a compute function that cannot run on these inputs, say
            report.problems.append(f"{where}: variant '{variant.id}': cannot be scored ({type(err).__name__}: {err})")
            continue
        missed = [m for m in review if not m.right]
        if missed:
            report.problems.append(
                f"{where}: variant '{variant.id}': its best answer misses "
                + "; ".join(f"'{m.label}' ({m.why})" for m in missed)
            )


CHECKS = [check_tasks]
