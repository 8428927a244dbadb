"""The hostile-submission corpus: what students' notebooks can do to a grader, and what
must happen to that student. Each case builds a submission from assignment 01's real
release; ``expect`` is the student's status, autograded points (of 11) and, where the
status alone does not say enough, words the summary message and the outputs must (or must
not) contain.

Three groups:
- misbehaviour (loops, crashes, edited cells, broken files): honest points and a clear status;
- forged scores: every student here answered everything wrong, so 0 points is the honest
  score, whatever the code does (placed in the answer cell, it also earns ``review``);
- damage and leaks: links, memory, files, output, the environment, the network; and attacks
  of our own beyond the reviewer's list (FIFOs, huge and many files, fork bombs, killing
  every process, writing outside, deep folders, unreadable answer cells).

Answers are right unless the case says otherwise, so a lost point is the case's doing.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

import nbformat
from nbformat.v4 import new_code_cell

from tests.grading.classroom import RIGHT, WRONG, Classroom, with_cell

LEVELS_RIGHT = "levels_answers = {" + RIGHT["levels_answers"] + "}"
LEVELS_WRONG = "levels_answers = {" + WRONG["levels_answers"] + "}"
KEY_TEXT = '{"A": "mezzo", "B": "spans", "C": "micro", "D": "macro"}'  # part A's key, as the source writes it
SECRET = "hunter2-do-not-leak"  # in DATABASE_URL when the hostile run grades (test_hostile.py)
MEMORY_MB = 2048  # the grader's default memory ceiling, which the hostile run keeps

# Walks up from the notebook's folder looking for the instructor's files.
FIND_SOURCE = (
    """import ast, json, pathlib, re
found = {}
here = pathlib.Path.cwd()
for folder in [here, *here.parents]:
    for path in folder.glob("source/*/*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            match = re.search(r"points_for\\(levels_answers, (\\{.*?\\})\\)", "".join(cell["source"]))
            if match:
                found = ast.literal_eval(match.group(1))
print("hidden tests found" if found else "hidden tests not found")
"""
    + "levels_answers = found or "
    + LEVELS_WRONG.split(" = ", 1)[1]
)

WRITE_GRADEBOOK = (
    """import pathlib, sqlite3
here = pathlib.Path.cwd()
books = [p for folder in [here, *here.parents] for p in folder.glob("gradebook.db")]
for book in books:
    db = sqlite3.connect(book)
    db.execute("update grade set manual_score = 99")
    db.execute("delete from comment")
    db.commit()
print("gradebook changed" if books else "gradebook not found")
"""
    + LEVELS_RIGHT
)

READ_OTHER = (
    """import json, pathlib
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
exec(copied or """
    + repr(LEVELS_WRONG)
    + ")"
)

NETWORK = (
    """import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"answers")
    print("network reached")
except OSError as err:
    print("no network:", type(err).__name__)
"""
    + LEVELS_RIGHT
)

# --- forged scores: code that tries to turn wrong answers into full points ---------------------

REBIND_HELPERS = (
    """import mswlab.assignments as helpers
helpers.points_for = lambda answers, key, each=1.0: each * len(key)
helpers.expect_choices = lambda *args, **kwargs: print("Format looks right")
"""
    + LEVELS_WRONG
)

ALWAYS_EQUAL = """class Always(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
class Answers(dict):
    def get(self, key, default=None):
        return Always("micro")
levels_answers = Answers(A=Always("micro"), B=Always("micro"), C=Always("micro"), D=Always("micro"))
"""

FAKE_MODULE = """import sys, types
fake = types.ModuleType("mswlab.assignments")
fake.expect_choices = lambda *args, **kwargs: print("Format looks right")
fake.points_for = lambda answers, key, each=1.0: each * len(key)
sys.modules["mswlab.assignments"] = fake
"""

PATCH_SUM = """import builtins
builtins.sum = lambda *args, **kwargs: 4
"""

PATCH_IMPORT = """import builtins, types
real_import = builtins.__import__
fake = types.ModuleType("fake")
fake.expect_choices = lambda *args, **kwargs: None
fake.points_for = lambda answers, key, each=1.0: each * len(key)
def forged_import(name, *args, **kwargs):
    return fake if name == "mswlab.assignments" else real_import(name, *args, **kwargs)
builtins.__import__ = forged_import
"""

SHADOW_MODULE = """def expect_choices(*args, **kwargs):
    print("Format looks right")

def points_for(answers, key, each=1.0):
    return each * len(key)
"""

QUIET_TESTS = 'get_ipython().ast_node_interactivity = "none"\n'

REWRITE_TESTS = """def rewrite(lines):
    text = "".join(lines)
    return ["4\\n"] if "points_for" in text or "expect_choices" in text else lines
get_ipython().input_transformers_post.append(rewrite)
"""

PUBLISH_FIRST = """ip = get_ipython()
ip.events.register("pre_run_cell", lambda info: ip.displayhook(4))
"""

TRACE_SWAP = """import sys
def swap(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "points_for":
        frame.f_locals["answers"].update(frame.f_locals["key"])
    return None
sys.settrace(swap)
"""

# --- damage and leaks --------------------------------------------------------------------------

LOOK_BESIDE = """import os
size = os.path.getsize("gradebook.db") if os.path.exists("gradebook.db") else 0
print("gradebook beside me" if size else "no gradebook beside me")
"""

PLANT_LINKS = """import glob, os
for name in glob.glob("*.ipynb"):
    os.remove(name)
    os.symlink("{course}/source/01_levels_of_practice/01_levels_of_practice.ipynb", name)
for name, target in (("gradebook.db", "{course}/gradebook.db"), ("nbgrader_config.py", "{course}/nbgrader_config.py")):
    os.symlink(target, name)
print("links planted")
"""

MEMORY_CHILDREN = """import subprocess, sys
code = ("import time; b = bytearray(700 * 1024 * 1024); b[::4096] = bytes(len(b[::4096])); "
        "time.sleep(4); print('held', flush=True)")
procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)]
held = sum("held" in p.communicate()[0] for p in procs)
print(f"{held} of 3 children held 700 MB at once")
"""

FILL_TMP = """written = 0
try:
    with open("/tmp/fill", "wb") as f:
        for _ in range(2200):
            f.write(bytes(1024 * 1024))
            f.flush()
            written += 1
    print(f"wrote {written} MB to /tmp")
except OSError as err:
    print(f"stopped after {written} MB in /tmp: {err.strerror}")
"""

MANY_OUTPUTS = """from IPython.display import display
for i in range(1250):
    display({"text/plain": "y" * 20_000}, raw=True)
"""

SHOW_ENVIRONMENT = """import os
print(sorted(os.environ.items()))
"""

FORK_BOMB = """import os, time
children = 0
try:
    while True:
        if os.fork() == 0:
            time.sleep(30)
            os._exit(0)
        children += 1
except OSError as err:
    print(f"fork refused after {children} children: {err.strerror}")
"""

KILL_EVERYTHING = """import os, signal
try:
    os.kill(-1, signal.SIGKILL)  # every process it may signal, the grader's too if it could see them
except OSError as err:
    print("nothing else to kill:", err.strerror)
print("still here")
"""

WRITE_OUTSIDE = """blocked = 0
targets = ["{course}/planted.txt", "{course}/source/planted.txt", "/var/tmp/planted.txt",
           "/home/planted.txt", "/root/planted.txt", "/srv/planted.txt"]
for target in targets:
    try:
        with open(target, "w") as f:
            f.write("planted")
    except OSError:
        blocked += 1
print(f"{blocked} of {len(targets)} writes outside the working folder blocked")
"""

HUNT_KEY = """import pathlib
needles = ("BEGIN HIDDEN" + " TESTS", "points_for(" + "levels_answers")  # split, so this cell is not a hit
texts = [p.read_text(errors="ignore") for p in pathlib.Path(".").rglob("*") if p.is_file()] + list(In)
print("key found" if any(n in t for n in needles for t in texts) else "key not found")
"""


@dataclass
class Case:
    student: str
    build: Callable[[Classroom, dict], None]
    status: str
    points: float | None  # autograded points of 11; None when nothing is graded
    message: str = ""  # must appear in the summary's details
    output: str = ""  # must appear in the autograded notebook's outputs
    not_output: str = ""  # must not appear there


def _fill(source: str, ctx: dict) -> str:
    return source.replace("{port}", str(ctx["port"])).replace("{course}", str(ctx["course"]))


def _code(source: str, grade_id: str = "levels_answers", kind: str = "right"):
    """The answer cell ``grade_id`` replaced by ``source``."""

    def build(room: Classroom, ctx: dict) -> None:
        room.submit(ctx["student"], with_cell(room.answered(kind), grade_id, _fill(source, ctx)))

    return build


def _added(source: str, kind: str = "right"):
    """A cell of the student's own, after part A's answer cell, holding ``source``."""

    def build(room: Classroom, ctx: dict) -> None:
        nb = copy.deepcopy(room.answered(kind))
        at = nb.cells.index(_cell(nb, "levels_answers"))
        nb.cells.insert(at + 1, new_code_cell(_fill(source, ctx)))
        room.submit(ctx["student"], nb)

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
    room.submit(ctx["student"], room.answered("right"), files={"notas_señal_ü.txt": "apuntes: señal, ñandú".encode()})
    room.submit(ctx["student"], room.answered("blank"), name="borrador_ñ.ipynb")


def _shadow_module(room: Classroom, ctx: dict) -> None:
    room.submit(
        ctx["student"],
        room.answered("wrong"),
        files={"mswlab/__init__.py": b"", "mswlab/assignments.py": SHADOW_MODULE.encode()},
    )


def _linked_notebook(room: Classroom, ctx: dict) -> None:
    folder = room.folder(ctx["student"])
    os.symlink(room.root / "source" / room.assignment / room.notebook_name, folder / room.notebook_name)


def _linked_gradebook(room: Classroom, ctx: dict) -> None:
    _added(LOOK_BESIDE)(room, ctx)
    os.symlink(room.root / "gradebook.db", room.folder(ctx["student"]) / "gradebook.db")


def _fifo(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"))
    os.mkfifo(room.folder(ctx["student"]) / "answers.txt")


def _giant_file(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"))
    with open(room.folder(ctx["student"]) / "data.csv", "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: 60 MB by its size, nothing on disk


def _many_files(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"))
    folder = room.folder(ctx["student"]) / "notes"
    folder.mkdir()
    for i in range(2500):
        (folder / f"{i}.txt").write_text("x")


def _deep_folders(room: Classroom, ctx: dict) -> None:
    room.submit(ctx["student"], room.answered("right"))
    deep = room.folder(ctx["student"]).joinpath(*["down"] * 15)
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text("x")


CASES = [
    # misbehaviour
    Case(
        "infinite_loop",
        _code("while True:\n    pass\n" + LEVELS_RIGHT),
        "review",
        11,
        message="stopped at the time limit",
    ),
    Case("memory_bomb", _code("blob = bytearray(3 * 1024 ** 3)\n" + LEVELS_RIGHT), "review", 11, output="MemoryError"),
    Case("sys_exit", _code("import sys\nsys.exit(1)\n" + LEVELS_RIGHT), "review", 11, output="SystemExit"),
    Case(
        "os_exit", _code("import os\nos._exit(0)\n" + LEVELS_RIGHT), "error", None, message="stopped the Python kernel"
    ),
    Case(
        "segfault",
        _code("import ctypes\nctypes.string_at(0)\n" + LEVELS_RIGHT),
        "error",
        None,
        message="stopped the Python kernel",
    ),
    Case(
        "deleted_test_cell",
        _edit(_delete("test_levels_answers")),
        "cells restored",
        11,
        message="test_levels_answers (deleted)",
    ),
    Case(
        "edited_locked_cell",
        _edit(lambda nb: setattr(_cell(nb, "part_a_instructions"), "source", "All answers are micro.")),
        "cells restored",
        11,
        message="part_a_instructions (edited)",
    ),
    Case(
        "asserts_removed",
        _edit(
            lambda nb: setattr(_cell(nb, "test_levels_answers"), "source", 'print("all tests passed")'), kind="partial"
        ),
        "cells restored",
        7,
        message="test_levels_answers (edited)",
    ),
    Case("changed_grade_id", _edit(_rename), "error", None, message="my_own_test"),
    Case("changed_cell_type", _edit(_to_markdown), "cells restored", 11, message="test_methods_answers (edited)"),
    Case(
        "corrupted_json",
        _raw(b'{"cells": [{"cell_type": "code", "source": '),
        "not a notebook",
        None,
        message="cannot be read as a notebook",
    ),
    Case("empty_file", _raw(b""), "not a notebook", None, message="cannot be read as a notebook"),
    Case("wrongly_named", _renamed, "error", 0, message="expected 01_levels_of_practice.ipynb"),
    Case("extra_notebooks", _extra, "graded", 11, message="scratch.ipynb"),
    Case("huge_output", _code('print("x" * 3_000_000)\n' + LEVELS_RIGHT), "review", 11, output="output truncated"),
    Case(
        "input_call",
        _code('name = input("Your name? ")\n' + LEVELS_RIGHT),
        "review",
        11,
        output="StdinNotImplementedError",
    ),
    Case("read_source", _code(FIND_SOURCE), "review", 7, output="hidden tests not found"),
    Case("write_gradebook", _code(WRITE_GRADEBOOK), "review", 11, output="gradebook not found"),
    Case("read_other", _code(READ_OTHER), "review", 7, output="no other student found"),
    Case("network", _code(NETWORK), "review", 11, output="no network"),
    Case("zoë_ñandú", _non_ascii, "graded", 11, message="borrador_ñ.ipynb"),
    # forged scores: every answer wrong, so 0 points is honest
    Case("rebind_points_for", _code(REBIND_HELPERS, kind="wrong"), "review", 0, message="holds more than its answer"),
    Case("always_equal", _code(ALWAYS_EQUAL, kind="wrong"), "review", 0, message="holds more than its answer"),
    Case("fake_module", _added(FAKE_MODULE, kind="wrong"), "graded", 0),
    Case("patched_sum", _added(PATCH_SUM, kind="wrong"), "graded", 0),
    Case("patched_import", _added(PATCH_IMPORT, kind="wrong"), "graded", 0),
    Case("shadow_module", _shadow_module, "review", 0, message="mswlab/assignments.py"),
    Case("quiet_tests", _added(QUIET_TESTS, kind="wrong"), "graded", 0),
    Case("rewrite_tests", _added(REWRITE_TESTS, kind="wrong"), "graded", 0),
    Case("publish_first", _added(PUBLISH_FIRST, kind="wrong"), "graded", 0),
    Case("trace_swap", _added(TRACE_SWAP, kind="wrong"), "graded", 0),
    Case("hunt_key", _added(HUNT_KEY, kind="wrong"), "graded", 0, output="key not found", not_output=KEY_TEXT),
    # damage and leaks
    Case("linked_notebook", _linked_notebook, "review", None, message="01_levels_of_practice.ipynb (a link"),
    Case(
        "linked_gradebook",
        _linked_gradebook,
        "review",
        11,
        message="gradebook.db (a link",
        output="no gradebook beside me",
    ),
    Case("planted_links", _added(PLANT_LINKS), "graded", 11, output="links planted"),
    Case(
        "memory_children",
        _added(MEMORY_CHILDREN),
        "graded",
        11,
        output="of 3 children held",
        not_output="3 of 3 children held",
    ),
    Case("fill_tmp", _added(FILL_TMP), "graded", 11, output="stopped after"),
    Case("many_outputs", _added(MANY_OUTPUTS), "graded", 11, output="output dropped by the grader"),
    Case("show_environment", _added(SHOW_ENVIRONMENT), "graded", 11, output="PATH", not_output=SECRET),
    # attacks of our own
    Case("fifo_in_submission", _fifo, "review", 11, message="answers.txt (not a regular file: a FIFO)"),
    Case("giant_file", _giant_file, "review", 11, message="over the grader's size limit"),
    Case("many_files", _many_files, "review", 11, message="more than 2000 entries"),
    Case("deep_folders", _deep_folders, "review", 11, message="nested more than 12 deep"),
    Case("fork_bomb", _added(FORK_BOMB), "graded", 11, output="fork refused after"),
    Case("kill_everything", _added(KILL_EVERYTHING), "graded", 11, output="still here"),
    Case("write_outside", _added(WRITE_OUTSIDE), "graded", 11, output="6 of 6 writes outside the working folder"),
    Case(
        "huge_answer_cell",
        _code("# " + "notes " * 20_000 + "\n" + LEVELS_RIGHT),
        "review",
        7,
        message="it was not read",
    ),
    Case("nested_answer", _code("levels_answers = " + "[" * 300 + "]" * 300), "review", 7, message="not valid Python"),
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


def tmp_megabytes(room: Classroom, student: str) -> int:
    """How many MB the fill_tmp student managed to write."""
    return int(re.search(r"stopped after (\d+) MB", outputs_of(room, student)).group(1))
