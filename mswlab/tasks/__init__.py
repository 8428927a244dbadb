"""Graded tasks: pools of variants per part, one variant per student, and scoring mark by mark.

An assignment's parts are in ``datasets/assignments/<assignment>.yaml``; a program may keep more
variants, with their keys, in a private folder outside the repository (``MSWLAB_PRIVATE_POOLS``,
holding files of the same form). Each student's variant of a part is chosen by a stable hash of
the assignment, the part and the nbgrader student id, so neighbors see different items and the
grader scores the variant that student was shown.

A hidden test is one line, run by the grader outside the student's kernel::

    score("01_levels_of_practice", "levels_answers", levels_answers, student_id)

``review`` gives the same score as marks (the student's answer, the best answer and why), which
the grader writes into the autograded notebook for ``nbgrader generate_feedback``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from mswlab.content.base import build
from mswlab.content.loader import datasets_dir, read_yaml
from mswlab.content.tasks import Part, TaskFile, Variant
from mswlab.errors import ValidationError
from mswlab.tasks import kinds
from mswlab.tasks.computations import COMPUTE
from mswlab.tasks.fields import Mark

PRIVATE_POOLS = "MSWLAB_PRIVATE_POOLS"  # a folder of <assignment>.yaml files with more variants
TASKS_DIR = "assignments"


def task_path(assignment: str, root: Path | None = None) -> Path:
    return datasets_dir(root) / TASKS_DIR / f"{assignment}.yaml"


def private_folder() -> Path | None:
    folder = os.environ.get(PRIVATE_POOLS)
    return Path(folder) if folder else None


@lru_cache(maxsize=32)
def _load(path: Path, private: Path | None) -> TaskFile:
    shown = f"datasets/{TASKS_DIR}/{path.name}"
    try:
        tasks = build(TaskFile, read_yaml(path, shown))
    except ValidationError as err:
        raise err.located(file=shown) from None
    extra_path = private / path.name if private else None
    if extra_path is None or not extra_path.is_file():
        return tasks
    try:
        extra = build(TaskFile, read_yaml(extra_path, str(extra_path)))
    except ValidationError as err:
        raise err.located(file=str(extra_path)) from None
    return merge(tasks, extra, str(extra_path))


def merge(public: TaskFile, private: TaskFile, shown: str) -> TaskFile:
    """The public parts with the private file's variants added after the public ones (same kind)."""
    by_id = {p.id: p for p in private.parts}
    unknown = sorted(set(by_id) - {p.id for p in public.parts})
    if unknown:
        raise ValidationError(f"part '{unknown[0]}' is not a part of {public.assignment}", file=shown, field="parts")
    parts = []
    for part in public.parts:
        more = by_id.get(part.id)
        if more is not None and more.kind != part.kind:  # type: ignore[attr-defined]
            raise ValidationError(f"part '{part.id}' is a {part.kind} part", file=shown, field="kind")  # type: ignore[attr-defined]
        variants = part.variants + (more.variants if more else ())  # type: ignore[attr-defined]
        parts.append(part.model_copy(update={"variants": variants}))
    return public.model_copy(update={"parts": tuple(parts)})


def load(assignment: str, root: Path | None = None) -> TaskFile:
    """An assignment's graded parts, with any private variants."""
    path = task_path(assignment, root)
    if not path.is_file():
        raise ValidationError(f"has no graded tasks (no {path.name} in datasets/{TASKS_DIR}/)", file=assignment)
    return _load(path, private_folder())


def part_of(assignment: str, part_id: str, root: Path | None = None) -> Part:
    for part in load(assignment, root).parts:
        if part.id == part_id:
            return part
    raise ValidationError(f"'{part_id}' is not a graded part of {assignment}", file=assignment)


def variant_index(assignment: str, part_id: str, student_id: str, count: int) -> int:
    """Which of ``count`` variants a student gets: stable across runs, machines and Python versions."""
    digest = hashlib.sha256(f"{assignment}\n{part_id}\n{student_id.strip().lower()}".encode()).hexdigest()
    return int(digest, 16) % count


def variant_for(assignment: str, part: Part, student_id: str) -> Variant:
    variants = part.variants  # type: ignore[attr-defined]
    return variants[variant_index(assignment, part.id, student_id, len(variants))]


@dataclass(frozen=True)
class Review:
    part: str
    variant: str
    marks: list[Mark]

    @property
    def points(self) -> float:
        return round(sum(m.earned for m in self.marks), 4)

    @property
    def possible(self) -> float:
        return round(sum(m.possible for m in self.marks), 4)


def review(assignment: str, part_id: str, answer: object, student_id: str) -> Review:
    """The student's variant of the part, judged mark by mark."""
    part = part_of(assignment, part_id)
    variant = variant_for(assignment, part, str(student_id))
    given = answer if isinstance(answer, Mapping) else {}
    return Review(part.id, variant.id, kinds.marks(part, variant, {str(k): v for k, v in given.items()}))


def score(assignment: str, part_id: str, answer: object, student_id: str) -> float:
    """Points for a student's answer to their variant (what a hidden test returns)."""
    return review(assignment, part_id, answer, student_id).points


def student_views(assignment: str, part_id: str) -> list[dict]:
    """What students see of each variant of a part, in pool order, with no keys: the case, the data
    and the answer fields. Embedded into the released notebook so private variants show without the
    private folder."""
    part = part_of(assignment, part_id)
    return [
        {
            "variant": v.id,
            "title": part.title,
            "points": part.points,
            "case": v.case,
            "data": kinds.data(part, v),
            "fields": [asdict(f) for f in kinds.fields(part, v)],
        }
        for v in part.variants  # type: ignore[attr-defined]
    ]


def best_answer(part: Part, variant: Variant) -> dict[str, object]:
    """The answer that earns every mark of a variant: its keys, its categories, the engine's values,
    or its model answer (what the checks and the round-trip tests submit)."""
    if part.kind == "choice":  # type: ignore[attr-defined]
        return {str(i): item.answer for i, item in enumerate(variant.items, start=1)}  # type: ignore[attr-defined]
    if part.kind == "sort":  # type: ignore[attr-defined]
        return {str(i): f.category for i, f in enumerate(variant.facts, start=1)}  # type: ignore[attr-defined]
    if part.kind == "compute":  # type: ignore[attr-defined]
        return COMPUTE[part.function].solve(variant.inputs)  # type: ignore[attr-defined]
    return dict(variant.example)  # type: ignore[attr-defined]
