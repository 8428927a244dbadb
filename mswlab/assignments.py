"""Helpers that assignment cells call, so each test stays one readable line, and mistakes read as
plain sentences.

Students record answers as a small dictionary such as ``{"A": "micro", "B": "macro"}``.
Visible tests call ``expect_choices`` (is every answer present and one of the allowed
words?) and print what they found; hidden tests call ``points_for``, whose number is
the cell's result and so becomes the part's points (the grader runs them; see
``mswlab.grading.scoring``). Both read an answer the same forgiving way: case and spaces do not
matter, British spellings of the allowed words (counseling, behavior, catastrophising) count as
the US words the course uses, and Python's ``True``/``False`` count as yes/no and true/false.

``plain_messages()``, called by each assignment's setup cell, makes any mistake show as one plain
sentence saying what is wrong and how to fix it, through IPython's own custom-exception hook:
no traceback frames, no file paths.
"""

from __future__ import annotations

import linecache
import re
import textwrap
from collections.abc import Iterable, Mapping

from mswlab.grading.answers import run_by_grader

_BOOLEAN_WORDS = {True: ("yes", "true"), False: ("no", "false")}
BEFORE_SUBMISSION = "Correctness is checked by hidden tests after you submit."  # dropped from feedback
MAX_MESSAGE = 1_000  # characters of one plain message


def _norm(value: object) -> object:
    return " ".join(value.lower().split()) if isinstance(value, str) else value


def _british(word: str) -> set[str]:
    """British spellings of a US word: behavior/behavior, catastrophizing/catastrophising,
    analyze/analyze, counseling/counseling, labeling/labeling."""
    found = {word, word.replace("behavior", "behaviour")}
    found |= {w.replace("iz", "is").replace("yz", "ys") for w in found}
    return found | {re.sub(r"([aeiou])l(ing|ed|or)\b", r"\1ll\2", w) for w in found}


def reading(value: object, right: object) -> bool:
    """Whether an answer says ``right`` (an allowed word, or a number), read the forgiving way."""
    if not isinstance(right, str):
        return value == right and isinstance(value, bool) == isinstance(right, bool)
    if isinstance(value, bool):
        return right in _BOOLEAN_WORDS[value]
    text = _norm(value)
    return isinstance(text, str) and (text == right or text in _british(right))


def expect_choices(answers: object, keys: Iterable[str], allowed: Iterable[str]) -> None:
    """Raise AssertionError naming every answer that is missing or cannot be read; print what was read.
    In the grader it stands aside: each answer it can read is scored, so a slip costs that answer only."""
    if run_by_grader():
        return
    keys, allowed = list(keys), list(allowed)
    words = ", ".join(f'"{a}"' for a in allowed)
    if not isinstance(answers, Mapping):
        raise AssertionError(
            f'Your answers should be written like {{"{keys[0]}": "{allowed[0]}", ...}} '
            f"(a pair of curly brackets with one answer per line), not {type(answers).__name__}."
        )
    problems, notes = [], []
    missing = [k for k in keys if k not in answers]
    if missing:
        problems.append(f"Add an answer for {_and(repr(k) for k in missing)}; each answer is one of {words}.")
    extra = [k for k in answers if k not in keys]
    if extra:
        problems.append(
            f"{_and(repr(k) for k in extra)} {'is' if len(extra) == 1 else 'are'} not among the "
            f"questions ({', '.join(repr(k) for k in keys)}); check the spelling of the letter or name."
        )
    for key in (k for k in keys if k in answers):
        value = answers[key]
        word = next((a for a in allowed if reading(value, a)), None)
        if word is None:
            problems.append(
                f"The answer for {key!r} is {value!r}, which is not one of {words}: write one of them, in quotes."
            )
        elif _norm(value) != word:
            notes.append(f'{value!r} for {key!r} is read as "{word}".')
    if problems:
        raise AssertionError(" ".join(problems))
    print(
        f"Format looks right: {len(keys)} answers, each one of {words}. "
        + (" ".join(notes) + " " if notes else "")
        + BEFORE_SUBMISSION
    )


def _and(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def points_for(answers: Mapping[str, object], key: Mapping[str, str], each: float = 1.0) -> float:
    """Points for the answers that match ``key`` (read the forgiving way)."""
    return sum(each for k, right in key.items() if reading(answers.get(k), right))


def expect_number(answer: object, name: str, low: float, high: float) -> None:
    """Raise AssertionError with a plain message unless ``answer`` is a number in [low, high] (not in
    the grader, which scores what it can read)."""
    if run_by_grader():
        return
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise AssertionError(f"{name} should be a number without quotes, such as {int(low)}, not {answer!r}.")
    if not low <= answer <= high:
        raise AssertionError(f"{name} is {answer}, but it can only be from {low:g} to {high:g}. Check your adding.")
    print(f"Format looks right: {name} is a number from {low:g} to {high:g}. " + BEFORE_SUBMISSION)


# ---------------------------------------------------------------- plain messages


def plain_message(
    error: BaseException, source_line: str = "", line_before: str = "", earlier: Mapping[str, str] | None = None
) -> str:
    """One sentence saying what is wrong and how to fix it. ``source_line`` is the line of the
    student's cell where it happened, and ``line_before`` the one above it, when known; ``earlier``
    maps names whose cell failed to the message that cell got."""
    earlier = earlier or {}
    if isinstance(error, AssertionError):
        return str(error) or "A check in this cell failed."
    if isinstance(error, SyntaxError):
        line = f"Line {error.lineno}" if error.lineno else "This cell"
        said = (error.msg or "").lower()
        before = line_before.rstrip()
        if "forgot a comma" in said or (
            said.startswith("invalid syntax")
            and before
            and not before.endswith((",", "{", "[", "(", ":"))
            and source_line.strip().startswith(('"', "'"))
        ):
            return (
                f"Line {error.lineno - 1 if error.lineno else ''}: a comma is missing at its end; each answer "
                "line ends with a comma."
            )
        if "unterminated string" in said or "eol while scanning" in said:
            return f'{line}: a quote is missing; put each answer between two quotes, like "micro".'
        if any(words in said for words in ("never closed", "unmatched", "does not match", "incomplete input")):
            return f"{line}: a bracket is missing or extra; keep the {{ and }} lines as they were in the cell."
        if isinstance(error, IndentationError):
            return f"{line}: the spaces at the start of the line are off; line it up with the lines around it."
        return (
            f"{line} cannot be read as Python ({error.msg}); compare it, comma by comma and quote by quote, "
            "with the example above the cell."
        )
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (re.findall(r"'([^']+)'", str(error)) or [""])[0]
        if re.search(rf"[:=]\s*{re.escape(name)}\b", source_line) and not source_line.lstrip().startswith(name):
            return f'Put each answer in quotes, like "{name}": without quotes, Python reads {name} as a name.'
        if name in earlier:
            return f"{name} has no answer yet, because its answer cell has a mistake: {earlier[name]}"
        if name.endswith(("_answers", "_total", "_bands", "_zones", "_screens", "_choices", "_facts")):
            return (
                f"{name} has no answer yet: run its answer cell above first (Shift + Enter) and fix any message "
                "it shows."
            )
        return f'Python does not know {name!r}: put words in quotes, like "{name}", or run the cells above first.'
    return f"{type(error).__name__}: {error}"


def plain_messages() -> None:
    """Show every error in this notebook as one plain sentence (IPython's custom-exception hook)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return

    failed: dict[str, str] = {}  # answer variables whose cell failed, and what that cell said

    def handler(shell, etype, value, tb, tb_offset=None):
        cell, line, before = "", "", ""
        if isinstance(value, SyntaxError) and value.lineno:
            cell = value.filename or ""
            line = value.text or linecache.getline(cell, value.lineno)
            before = linecache.getline(cell, value.lineno - 1)
        while tb is not None and not line:  # the student's own line: the cell's top level
            if tb.tb_frame.f_code.co_name == "<module>":
                cell = tb.tb_frame.f_code.co_filename
                line = linecache.getline(cell, tb.tb_lineno)
            tb = tb.tb_next
        message = plain_message(value, line, before, failed)
        if len(message) > MAX_MESSAGE:  # a student's own 2 MB error message stays a short one
            message = message[:MAX_MESSAGE] + " [...]"
        for name in re.findall(r"^([A-Za-z_]\w*)\s*=", "".join(linecache.getlines(cell)), re.M):
            failed[name] = message
        # IPython leaves the showing to the handler: the sentence, in the place and form of an error,
        # in lines short enough for nbgrader's Validate report (it cuts longer ones)
        shell._showtraceback(etype, value, [f"\x1b[1;31m{part}\x1b[0m" for part in textwrap.wrap(message, 80)])

    shell.set_custom_exc((Exception,), handler)
