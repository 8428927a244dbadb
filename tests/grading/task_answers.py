"""Answers to graded tasks for a given student, as the round-trip tests submit them: the best answer
for the student's own variant, and a partly right one (the first answer of every part wrong)."""

from __future__ import annotations

import json

from mswlab import tasks
from mswlab.tasks import form_file, kinds


def best(assignment: str, student: str) -> dict[str, dict[str, object]]:
    return {
        part.id: tasks.best_answer(part, tasks.variant_for(assignment, part, student))
        for part in tasks.load(assignment).parts
    }


def _wrong(spec: kinds.FieldSpec, right: object) -> object:
    if spec.type == "choice":
        return next(k for k, _ in spec.options if str(k).lower() != str(right).lower())
    if spec.type == "number":
        return float(right) + 7  # type: ignore[arg-type]
    return "x"


def partly_right(assignment: str, student: str) -> dict[str, dict[str, object]]:
    answers = {}
    for part in tasks.load(assignment).parts:
        variant = tasks.variant_for(assignment, part, student)
        answer = tasks.best_answer(part, variant)
        first = kinds.fields(part, variant)[0]
        answer[first.name] = _wrong(first, answer.get(first.name))
        answers[part.id] = answer
    return answers


def expected_points(assignment: str, student: str, answers: dict[str, dict[str, object]]) -> float:
    return sum(tasks.score(assignment, part, answer, student) for part, answer in answers.items())


def typed(answers: dict[str, dict[str, object]]) -> dict[str, str]:
    """Answer-cell text for ``tests.conftest.fill_answers``: one ``"key": value,`` line per answer."""
    return {
        part: " ".join(f"{json.dumps(k)}: {json.dumps(v)}," for k, v in answer.items())
        for part, answer in answers.items()
    }


def form_file_bytes(student: str, answers: dict[str, dict[str, object]]) -> bytes:
    return json.dumps({"student": student, "answers": answers}).encode()


def with_written_answers(nb):
    """The notebook with every written response (a markdown answer the instructor marks) filled in."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution"):
            cell.source = "A written response, for the instructor to mark."
    return nb


def two_students(assignment: str) -> tuple[str, str]:
    """Two student ids whose variants differ in every part that has more than one variant."""
    parts = tasks.load(assignment).parts
    ids = [f"student-{n:03d}" for n in range(200)]
    first = ids[0]
    for other in ids[1:]:
        if all(tasks.variant_for(assignment, p, first).id != tasks.variant_for(assignment, p, other).id for p in parts):
            return first, other
    raise AssertionError("no two students with different variants in every part")


__all__ = ["best", "expected_points", "form_file", "form_file_bytes", "partly_right", "two_students", "typed"]
