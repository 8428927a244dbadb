"""Answers that are data: read from a submitted cell's source without running it, and scored by
running the instructor's test code in the grader against those values.

An answer cell in this course assigns one literal, such as ``levels_answers = {"A": "mezzo"}``.
``read_answer`` takes the value from the cell's source (``literal`` accepts values and nothing that
runs); ``run_test`` runs a test cell as the instructor wrote it, with those values, and applies
nbgrader's rule for a cell's result. The nbgrader steps that use them are in
``mswlab.grading.scoring``. Nothing here imports nbgrader at import time, so ``mswlab check`` can
use ``answer_name`` and ``free_names`` cheaply.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import io
import operator
from dataclasses import dataclass
from functools import lru_cache

GRADER_NAMES = frozenset({"student_id"})  # what the grader supplies to test cells besides the answers
GRADER_MODULE = "__grader__"  # the module name test cells run as in the grader (``run_test``)
MAX_ANSWER_CHARS = 100_000  # an answer cell longer than this is not read (and is flagged)
_MISSING = object()
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class NotLiteral(ValueError):
    """Part of an answer that is code rather than a value."""


def literal(node: ast.AST | None) -> object:
    """The value of ``node`` when it is a literal: strings, numbers, booleans, None, and lists, tuples,
    sets and dicts of them, plus + - * / between numbers (a total typed as 3 + 2 + 1). Anything else,
    names and calls included, raises NotLiteral. Nothing is executed."""
    if isinstance(node, ast.Constant) and type(node.value) in (str, int, float, bool, type(None)):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [literal(e) for e in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        value = _number(literal(node.operand))
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = _number(literal(node.left)), _number(literal(node.right))
        if isinstance(node.op, ast.Div) and right == 0:
            raise NotLiteral("a division by zero")
        return _ARITHMETIC[type(node.op)](left, right)
    raise NotLiteral("** unpacking" if node is None else ast.unparse(node)[:80])  # None: a dict's **spread


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > 1e15:
        raise NotLiteral(f"{value!r} is not a number to add or multiply")
    return value


@dataclass(frozen=True)
class ReadAnswer:
    """What the grader read from one answer cell: the value (or None when there was none) and
    anything in the cell that is not the answer."""

    value: object
    found: bool
    problems: tuple[str, ...] = ()


def run_by_grader(depth: int = 2) -> bool:
    """Whether the test cell that called the caller is being run by the grader (``run_test``), not by a
    kernel: a visible format check then stands aside, so a slip costs only the answers it touches."""
    import sys

    return sys._getframe(depth).f_globals.get("__name__") == GRADER_MODULE


def answer_name(source: str) -> str | None:
    """The variable an instructor's answer cell assigns (``levels_answers = {...}``), or None
    when the cell is not a single assignment of a value."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    if (
        len(body) == 1
        and isinstance(body[0], ast.Assign)
        and len(body[0].targets) == 1
        and isinstance(body[0].targets[0], ast.Name)
    ):
        return body[0].targets[0].id
    return None


def read_answer(source: str, name: str) -> ReadAnswer:
    """Read ``name``'s value from a submitted answer cell without running it.

    The last top-level ``name = <literal>`` wins, as it would when the cell runs. Entries of a dict
    that are not literals are left out (the rest still count). Any other statement is a problem.
    """
    if len(source) > MAX_ANSWER_CHARS:
        return ReadAnswer(None, False, (f"the cell is {len(source):,} characters long; it was not read",))
    try:
        body = ast.parse(source).body
    except (SyntaxError, ValueError, RecursionError, MemoryError) as err:
        return ReadAnswer(None, False, (f"it is not valid Python ({type(err).__name__}); nothing could be read",))
    value, problems = _MISSING, []
    for stmt in body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == name
        ):
            value, left_out = _partial(stmt.value)
            problems += [f"line {stmt.lineno}: {part} is not a value (left out)" for part in left_out]
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            continue  # a note in quotes
        else:
            problems.append(f"line {stmt.lineno}: {_shorten(ast.unparse(stmt))}")
    found = value is not _MISSING
    return ReadAnswer(value if found else None, found, tuple(problems))


def _partial(node: ast.AST) -> tuple[object, list[str]]:
    """A literal value, keeping a dict's literal entries when others are code."""
    try:
        return literal(node), []
    except NotLiteral:
        if not isinstance(node, ast.Dict):
            return _MISSING, [_shorten(ast.unparse(node))]
    kept, left_out = {}, []
    for key, value in zip(node.keys, node.values):
        try:
            kept[literal(key)] = literal(value)
        except (NotLiteral, TypeError):
            left_out.append(
                _shorten(ast.unparse(value) if key is None else f"{ast.unparse(key)}: {ast.unparse(value)}")
            )
    return kept, left_out


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def free_names(source: str) -> set[str]:
    """Names a cell reads without defining them itself (builtins excepted): what it needs from
    other cells."""
    tree = ast.parse(source)
    bound: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))


def assigned_names(source: str) -> set[str]:
    """Names a cell assigns at any depth (to spot a cell that overrides an answer)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    names |= {(a.asname or a.name).split(".")[0] for a in ast.walk(tree) if isinstance(a, ast.alias)}
    return names | {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


@lru_cache(maxsize=256)
def _compiled(source: str):
    """A test cell's statements and its last expression (or None), compiled once per grading process."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr):
        return compile(tree, "<test cell>", "exec"), None
    tree.body.pop()
    return compile(tree, "<test cell>", "exec"), compile(ast.Expression(last.value), "<test cell>", "eval")


def run_test(source: str, answers: dict[str, object], max_points: float, log=None) -> tuple[float, str]:
    """Points for a test cell, run here as the instructor wrote it, with the answers' values: nbgrader's
    rule for a cell's result (an error scores 0, a number is partial credit, anything else full
    points). Returns (points, what went wrong or '')."""
    from nbformat.notebooknode import from_dict
    from nbgrader.utils import get_partial_grade

    namespace = {"__builtins__": builtins, "__name__": GRADER_MODULE, **copy.deepcopy(answers)}
    body, last = _compiled(source)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(body, namespace)  # noqa: S102 (the instructor's code)
            value = eval(last, namespace) if last else None
    except Exception as err:
        return 0.0, f"{type(err).__name__}: {_shorten(str(err))}"
    if value is None:
        return float(max_points), ""
    try:
        return float(get_partial_grade(from_dict({"data": {"text/plain": repr(value)}}), max_points, log)), ""
    except ValueError:
        return float(max_points), f"the test's result {value!r} is more than the cell's {max_points:g} points"
