"""Decision practice on a case: step through its decision points, following the branches.

A decision point with ``after`` appears only when an earlier point was answered with one of
the listed options, so two students can walk different paths through the same case. Each
choice is judged by the one practice engine (``mswlab.practice.judge``); the first choice at
a point is the one that counts. At the end the path taken is set beside the recommended
path: the points a student meets by choosing the best option every time.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mswlab.content.vignettes import DecisionPoint, Vignette
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, Feedback


def visible(points: tuple[DecisionPoint, ...], choices: dict[str, str]) -> list[DecisionPoint]:
    """The points a student meets given the choices made so far, in case order."""
    shown = []
    for point in points:
        if point.after and not any(choices.get(parent) in keys for parent, keys in point.after.items()):
            continue
        shown.append(point)
    return shown


def recommended_path(case: Vignette) -> list[DecisionPoint]:
    """The points met by choosing the best option at every one."""
    choices: dict[str, str] = {}
    path = []
    for point in case.decision_points:
        if point in visible(case.decision_points, choices):
            choices[point.id] = point.answer
            path.append(point)
    return path


@dataclass
class Step:
    point: DecisionPoint
    feedback: Feedback


class CaseSession:
    """One student's walk through a case's decision points, on the one practice loop.

    The loop's items are the points this student can see: after each answer they are worked out
    again from the choices so far, so a branch joins the loop when a choice opens it. Points come
    in case order and a branch follows the point it depends on, so the current point is always the
    first one without an answer."""

    def __init__(self, case: Vignette) -> None:
        if not case.decision_points:
            raise ValidationError(f"the case '{case.title}' has no decision points to practice", field="case")
        self.case = case
        self._points = {p.id: p for p in case.decision_points}
        self.run = ChoiceRun([p.as_item() for p in visible(case.decision_points, {})])

    @property
    def choices(self) -> dict[str, str]:
        """Point id -> the first choice made there."""
        return {point: f.chosen for point, f in self.run.answers.items()}

    @property
    def steps(self) -> list[Step]:
        """The points answered, in the order they were met, with their feedback."""
        return [Step(self._points[point], f) for point, f in self.run.answers.items()]

    @property
    def current(self) -> DecisionPoint | None:
        """The next point to answer on this student's path (None when the path is finished)."""
        return None if self.run.finished else self._points[self.run.current.id]

    @property
    def finished(self) -> bool:
        return self.run.finished

    def choose(self, key: str) -> Feedback:
        """Judge a choice at the current point, record it and move on to the next point on the path."""
        if self.finished:
            raise ValidationError("this case is finished; every decision on your path has an answer", field="choice")
        feedback = self.run.answer(key)
        self.run.items = [p.as_item() for p in visible(self.case.decision_points, self.choices)]
        self.run.skip()  # to the first point still without an answer, if there is one
        return feedback

    @property
    def score(self) -> tuple[int, int]:
        return self.run.score

    def summary(self) -> pd.DataFrame:
        """The path taken beside the recommended path, one row per point on either."""
        recommended = {p.id for p in recommended_path(self.case)}
        taken = {s.point.id: s for s in self.steps}
        rows = []
        for point in self.case.decision_points:
            if point.id not in taken and point.id not in recommended:
                continue
            step = taken.get(point.id)
            best = next(o.text for o in point.options if o.key == point.answer)
            rows.append(
                {
                    "point": point.id,
                    "prompt": point.prompt,
                    "on_your_path": step is not None,
                    "on_recommended_path": point.id in recommended,
                    "your_choice": next(o.text for o in point.options if o.key == step.feedback.chosen)
                    if step
                    else None,
                    "best_choice": best,
                    "correct": step.feedback.correct if step else None,
                }
            )
        return pd.DataFrame(rows)
