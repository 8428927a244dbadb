"""The file where answer forms keep a student's answers: ``form_answers.json`` beside the notebook.

A form in the student's kernel cannot edit another cell, so it saves here; the file is submitted
with the notebook (nbgrader submits the whole folder), and the grader reads it as data, beside
the answer cells. Per answer field, a value typed in the answer cell wins over the form's, so a
student may use either or both. The file also keeps the student id the forms were shown for.

Reading is for hostile input: the file is opened without following a link, read only when it is
a regular file under ``MAX_BYTES``, and only strings, numbers and booleans are kept.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

NAME = "form_answers.json"
MAX_BYTES = 1_000_000


@dataclass
class Saved:
    student: str | None = None
    answers: dict[str, dict[str, object]] = field(default_factory=dict)  # part id -> field -> value
    problem: str = ""  # why the file could not be read, when it could not


def read(folder: str | os.PathLike) -> Saved:
    """The saved answers in ``folder``, or an empty record (with ``problem`` when there was a file)."""
    path = os.path.join(folder, NAME)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return Saved()
    except OSError as err:
        return Saved(problem=f"{NAME} could not be opened ({err.strerror}; a link is never followed)")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Saved(problem=f"{NAME} is not a regular file")
        if info.st_size > MAX_BYTES:
            return Saved(problem=f"{NAME} is {info.st_size:,} bytes; more than {MAX_BYTES:,} is not read")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Saved(problem=f"{NAME} is not valid JSON")
    return _shape(data)


def _shape(data: object) -> Saved:
    if not isinstance(data, Mapping):
        return Saved(problem=f"{NAME} does not hold a record of answers")
    student = data.get("student")
    answers: dict[str, dict[str, object]] = {}
    parts = data.get("answers")
    if isinstance(parts, Mapping):
        for part, values in parts.items():
            if isinstance(part, str) and isinstance(values, Mapping):
                answers[part] = {
                    str(k): v
                    for k, v in values.items()
                    if isinstance(v, (str, int, float, bool)) and len(str(v)) < 20_000
                }
    return Saved(student if isinstance(student, str) and student.strip() else None, answers)


def _plain(value: object) -> bool:
    return isinstance(value, (str, int, float, bool)) and len(str(value)) < 20_000


def write(folder: str | os.PathLike, saved: Saved) -> None:
    """Save all answers at once, through a fresh file renamed into place (never half-written)."""
    folder = Path(folder)
    tmp = folder / f".{NAME}.tmp"
    tmp.unlink(missing_ok=True)
    tmp.write_text(json.dumps({"student": saved.student, "answers": saved.answers}, indent=1, ensure_ascii=False))
    os.replace(tmp, folder / NAME)


def merged(typed: object, saved: Mapping[str, object] | None) -> dict[str, object]:
    """An answer from both places: the form's values, with any typed in the answer cell on top."""
    answer = {str(k): v for k, v in (saved or {}).items() if v not in ("", None)}
    if isinstance(typed, Mapping):
        answer.update({str(k): v for k, v in typed.items()})
    return answer
