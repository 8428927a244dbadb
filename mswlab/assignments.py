"""Helpers that assignment test cells call, so tests stay one readable line each.

Students record answers as a small dictionary such as ``{"A": "micro", "B": "macro"}``.
Visible tests call ``expect_choices`` (is every answer present and one of the allowed
words?) and print what they found; hidden tests call ``points_for``, whose number is
the cell's result and so becomes nbgrader's partial credit for that cell.
"""

from __future__ import annotations

from typing import Iterable, Mapping


def _norm(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def expect_choices(answers: object, keys: Iterable[str], allowed: Iterable[str]) -> None:
    """Raise AssertionError with a plain message unless each key has one allowed answer."""
    keys, allowed = list(keys), list(allowed)
    words = ", ".join(f'"{a}"' for a in allowed)
    if not isinstance(answers, Mapping):
        raise AssertionError(
            f"Your answers should be written like {{\"{keys[0]}\": \"{allowed[0]}\", ...}} "
            f"(a pair of curly brackets with one answer per line), not {type(answers).__name__}.")
    missing = [k for k in keys if k not in answers]
    if missing:
        raise AssertionError(f"Add an answer for {', '.join(repr(k) for k in missing)}. "
                             f"Each answer is one of {words}.")
    extra = [k for k in answers if k not in keys]
    if extra:
        raise AssertionError(f"{', '.join(repr(k) for k in extra)} is not one of the questions "
                             f"({', '.join(repr(k) for k in keys)}); check the spelling.")
    for key in keys:
        if _norm(answers[key]) not in allowed:
            raise AssertionError(f"The answer for {key!r} is {answers[key]!r}. "
                                 f"Write one of {words}, in quotes.")
    print(f"Format looks right: {len(keys)} answers, each one of {words}. "
          "Correctness is checked by hidden tests after you submit.")


def points_for(answers: Mapping[str, object], key: Mapping[str, str], each: float = 1.0) -> float:
    """Points for the answers that match ``key`` (case and spaces ignored)."""
    return sum(each for k, right in key.items() if _norm(answers.get(k)) == right)


def expect_number(answer: object, name: str, low: float, high: float) -> None:
    """Raise AssertionError with a plain message unless ``answer`` is a number in [low, high]."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise AssertionError(f"{name} should be a number without quotes, such as {int(low)}, "
                             f"not {answer!r}.")
    if not low <= answer <= high:
        raise AssertionError(f"{name} is {answer}, but it can only be from {low:g} to {high:g}. "
                             "Check your adding.")
    print(f"Format looks right: {name} is a number from {low:g} to {high:g}. "
          "Correctness is checked by hidden tests after you submit.")
