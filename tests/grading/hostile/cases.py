"""The hostile-submission corpus: what students' notebooks can do to a grader, and what
must happen to that student. Each case builds a submission from assignment 01's real
release; ``expect`` is the student's status, autograded points (of 11) and, where the
status alone does not say enough, words the summary message must contain.

Answers are right unless the case says otherwise, so a lost point is the case's doing.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Callable

import nbformat

from tests.grading.classroom import RIGHT, Classroom, with_cell

LEVELS_RIGHT = "levels_answers = {" + RIGHT["levels_answers"] + "}"
LEVELS_WRONG = 'levels_answers = {"A": "micro", "B": "micro", "C": "mezzo", "D": "mezzo"}'

# Walks up from the notebook's folder looking for the instructor's files.
FIND_SOURCE = '''import ast, json, pathlib, re
found = {}
here = pathlib.Path.cwd()
for folder in [here, *here.parents]:
    for path in folder.glob("source/*/*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            match = re.search(r"points_for\\(levels_answers, (\\{.*?\\})\\)", "".join(cell["source"]))
            if match:
                found = ast.literal_eval(match.group(1))
print("hidden tests found" if found else "hidden tests not found")
''' + "levels_answers = found or " + LEVELS_WRONG.split(" = ", 1)[1]

WRITE_GRADEBOOK = '''import pathlib, sqlite3
here = pathlib.Path.cwd()
books = [p for folder in [here, *here.parents] for p in folder.glob("gradebook.db")]
for book in books:
    db = sqlite3.connect(book)
    db.execute("update grade set manual_score = 99")
    db.execute("delete from comment")
    db.commit()
print("gradebook changed" if books else "gradebook not found")
''' + LEVELS_RIGHT

READ_OTHER = '''import json, pathlib
copied = None
here = pathlib.Path.cwd()
for folder in [here, *here.parents]:
    for path in folder.glob("*/*/01_levels_of_practice.ipynb"):
        if "read_other" in str(path):
            continue
        for cell in json.loads(path.read_text())["cells"]:
            text = "".join(cell["source"])
            if text.startswith("levels_answers = {") and '"B": "spans"' in text:
                copied = text
print("copied another student" if copied else "no other student found")
exec(copied or ''' + repr(LEVELS_WRONG) + ")"

NETWORK = '''import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"answers")
    print("network reached")
except OSError as err:
    print("no network:", type(err).__name__)
''' + LEVELS_RIGHT


@dataclass
class Case:
    student: str
    build: Callable[[Classroom, dict], None]
    status: str
    points: float | None       # autograded points of 11; None when nothing is graded
    message: str = ""          # must appear in the summary's details
    output: str = ""           # must appear in the autograded notebook


def _code(source: str, grade_id: str = "levels_answers"):
    def build(room: Classroom, ctx: dict) -> Classroom:
        room.submit(ctx["student"], with_cell(room.answered("right"), grade_id, source.replace("{port}", str(ctx["port"]))))
    return build


def _edit(change: Callable[[nbformat.NotebookNode], None], kind: str = "right"):
    def build(room: Classroom, ctx: dict) -> None:
        nb = copy.deepcopy(room.answered(kind))
        change(nb)
        room.submit(ctx["student"], nb)
    return build


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _delete(grade_id: str):
    def change(nb):
        nb.cells.remove(_cell(nb, grade_id))
    return change


def _rename(nb):
    _cell(nb, "test_levels_answers").metadata.nbgrader.grade_id = "my_own_test"


def _to_markdown(nb):
    cell = _cell(nb, "test_methods_answers")
    cell.cell_type = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def _raw(data: bytes, name: str | None = None):
    def build(room: Classroom, ctx: dict) -> None:
        room.submit(ctx["student"], raw=data, name=name)
    return build


def _renamed(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"), name="Levels of practice.ipynb")


def _extra(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"))
    room.submit(ctx["student"], room.answered("blank"), name="scratch.ipynb")


def _non_ascii(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"),
                files={"notas_señal_ü.txt": "apuntes: señal, ñandú".encode()})
    room.submit(ctx["student"], room.answered("blank"), name="borrador_ñ.ipynb")


CASES = [
    Case("infinite_loop", _code("while True:\n    pass\n" + LEVELS_RIGHT), "timeout", 7,
         message="time limit"),
    Case("memory_bomb", _code("blob = bytearray(3 * 1024 ** 3)\n" + LEVELS_RIGHT), "graded", 7,
         output="MemoryError"),
    Case("sys_exit", _code("import sys\nsys.exit(1)\n" + LEVELS_RIGHT), "graded", 7, output="SystemExit"),
    Case("os_exit", _code("import os\nos._exit(0)\n" + LEVELS_RIGHT), "error", None,
         message="stopped the Python kernel"),
    Case("segfault", _code("import ctypes\nctypes.string_at(0)\n" + LEVELS_RIGHT), "error", None,
         message="stopped the Python kernel"),
    Case("deleted_test_cell", _edit(_delete("test_levels_answers")), "cells restored", 11,
         message="test_levels_answers (deleted)"),
    Case("edited_locked_cell", _edit(lambda nb: setattr(_cell(nb, "part_a_instructions"), "source",
                                                        "All answers are micro.")),
         "cells restored", 11, message="part_a_instructions (edited)"),
    Case("asserts_removed", _edit(lambda nb: setattr(_cell(nb, "test_levels_answers"), "source",
                                                     'print("all tests passed")'), kind="partial"),
         "cells restored", 7, message="test_levels_answers (edited)"),
    Case("changed_grade_id", _edit(_rename), "error", None, message="my_own_test"),
    Case("changed_cell_type", _edit(_to_markdown), "cells restored", 11,
         message="test_methods_answers (edited)"),
    Case("corrupted_json", _raw(b'{"cells": [{"cell_type": "code", "source": '), "not a notebook", None,
         message="cannot be read as a notebook"),
    Case("empty_file", _raw(b""), "not a notebook", None, message="cannot be read as a notebook"),
    Case("wrongly_named", _renamed, "error", 0, message="expected 01_levels_of_practice.ipynb"),
    Case("extra_notebooks", _extra, "graded", 11, message="scratch.ipynb"),
    Case("huge_output", _code('print("x" * 3_000_000)\n' + LEVELS_RIGHT), "graded", 11,
         output="output truncated"),
    Case("input_call", _code('name = input("Your name? ")\n' + LEVELS_RIGHT), "graded", 7,
         output="StdinNotImplementedError"),
    Case("read_source", _code(FIND_SOURCE), "graded", 7, output="hidden tests not found"),
    Case("write_gradebook", _code(WRITE_GRADEBOOK), "graded", 11, output="gradebook not found"),
    Case("read_other", _code(READ_OTHER), "graded", 7, output="no other student found"),
    Case("network", _code(NETWORK), "graded", 11, output="no network"),
    Case("zoë_ñandú", _non_ascii, "graded", 11, message="borrador_ñ.ipynb"),
]

# Honest students graded in the same run; they must come out as when graded alone.
HONEST = {"honest_right": "right", "honest_partial": "partial", "honest_blank": "blank"}


def notebook_text(room: Classroom, student: str) -> str:
    path = room.root / "autograded" / student / room.assignment / room.notebook_name
    return path.read_text(encoding="utf-8") if path.exists() else ""


def outputs_of(room: Classroom, student: str) -> str:
    """Every output the student's notebook produced, as one string."""
    text = notebook_text(room, student)
    if not text:
        return ""
    return json.dumps([cell.get("outputs", []) for cell in json.loads(text)["cells"]])
