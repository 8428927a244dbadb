"""The student's side of a graded task, run in their kernel: who the student is, and the visible test.

The form (``widgets.tasks``) records here which variant it showed; ``check_form``, the visible test
under each answer cell, checks that every field of that variant has an answer of the right form,
typed or saved by the form. Correctness is never decided here: the grader scores outside the kernel.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from mswlab.grading.answers import run_by_grader
from mswlab.tasks import form_file

SHOWN: dict[tuple[str, str], tuple[dict, str]] = {}  # (assignment, part) -> (the view shown, student id)
# The visible check's last sentence, about scoring still to come: feedback drops it (a regular expression).
SCORED_AFTER = r"The grader scores them on the questions shown for student id '[^']*'\."


def student_id(folder: str = ".") -> str | None:
    """The student's id: set by the course (MSWLAB_STUDENT), the hub user, or saved by the form."""
    for name in ("MSWLAB_STUDENT", "JUPYTERHUB_USER"):
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    return form_file.read(folder).student


def field_problems(fields: list[dict], answer: Mapping[str, object]) -> list[str]:
    """What is missing or unreadable in an answer, one sentence per field."""
    problems = []
    for spec in fields:
        label = _label(spec)
        value = answer.get(spec["name"])
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"{label} has no answer yet.")
        elif spec["type"] == "choice":
            keys = [str(k).lower() for k, _ in spec["options"]]
            if str(value).strip().strip("()").lower() not in keys:
                shown = ", ".join(f'"{k}"' for k in keys)
                problems.append(f"{label}: {value!r} is not one of the choices; write one of {shown}.")
        elif spec["type"] == "number" and _not_number(value):
            problems.append(f"{label}: {value!r} should be a number, such as 12 or 0.75.")
    names = {spec["name"] for spec in fields}
    extra = sorted(str(k) for k in answer if k not in names)
    if extra:
        problems.append(
            f"{', '.join(repr(k) for k in extra)} {'is' if len(extra) == 1 else 'are'} not among this part's "
            f"answers ({', '.join(repr(n) for n in sorted(names))}); check the spelling."
        )
    return problems


def _label(spec: dict) -> str:
    return f"Answer {spec['name']!r}" if spec["name"].isdigit() else f"'{spec['label']}'"


def _not_number(value: object) -> bool:
    if isinstance(value, bool):
        return True
    try:
        float(str(value).strip().rstrip("%").replace(",", ""))
    except ValueError:
        return True
    return False


def check_form(assignment: str, part_id: str, typed: object) -> None:
    """The visible test: every answer present and of the right form; raise AssertionError otherwise.

    In the grader (which runs test cells as module ``__grader__``, ``mswlab.grading.answers``) it does
    nothing: the grader scores what it can read, so a slip in form costs only that answer's mark."""
    if run_by_grader():
        return
    shown = SHOWN.get((assignment, part_id))
    if shown is None:
        raise AssertionError(
            "Run the cell that shows this part's questions and form first (above the answer cell), "
            "then run this cell again."
        )
    view, student = shown
    saved = form_file.read(".").answers.get(part_id, {})
    if typed is not None and not isinstance(typed, Mapping):
        raise AssertionError(
            f'{part_id} should be written like {{"1": "b", ...}}, not as {type(typed).__name__}; or leave '
            "the cell as it was and use the form."
        )
    answer = form_file.merged(typed, saved)
    problems = field_problems(view["fields"], answer)
    if problems:
        raise AssertionError(" ".join(problems))
    typed_keys = set(typed or {})
    print(
        f"Format looks right: all {len(view['fields'])} answers are in "
        f"({len(set(answer) - typed_keys)} from the form, {len(typed_keys)} typed). The grader scores them on the "
        f"questions shown for student id {student!r}."
    )
