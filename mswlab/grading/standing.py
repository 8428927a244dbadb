"""Where each student stands on an assignment, read from the gradebook when it is asked for.

The autograde table and ``summary.json`` show these numbers. They are never copied from what the
grader saw while grading, because an instructor may mark in the Formgrader after the run and the
gradebook is the only record that knows it. Points are split the way the instructor works:
autograded cells (test cells the grader scores), hand-marked cells (answers written in prose and
nbgrader tasks), and the parts still waiting for a hand grade.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    """One student's points on one assignment, as the gradebook holds them now."""

    student: str
    autograded: float  # points from autograded cells (an instructor's override counts)
    autograded_max: float
    marked: float  # points from hand-marked cells whose mark is given
    manual_max: float  # points of every hand-marked cell
    pending: int  # cells waiting for a hand grade (nbgrader's needs_manual_grade)
    late_penalty: float

    @property
    def total(self) -> float:
        """Points so far: nbgrader's score for the submission (pending cells add nothing)."""
        return self.autograded + self.marked

    @property
    def max_score(self) -> float:
        return self.autograded_max + self.manual_max


def is_hand_marked(name: str, cell_type: str, solution_cells: set[str]) -> bool:
    """nbgrader's rule (``utils.determine_grade``): a graded answer cell or a markdown task is marked
    by hand; a code cell that is graded but not an answer is an autograded test."""
    return name in solution_cells or cell_type != "code"


def standings(db_url: str, course_id: str, assignment: str) -> dict[str, Standing]:
    """Every submitted student's standing on ``assignment`` (students without a submission are absent)."""
    from nbgrader.api import Gradebook, MissingEntry

    found: dict[str, Standing] = {}
    with Gradebook(db_url, course_id) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            return found
        hand: dict[str, set[str]] = {}
        for notebook in record.notebooks:
            answers = {cell.name for cell in notebook.solution_cells}
            hand[notebook.name] = {
                cell.name for cell in notebook.grade_cells if is_hand_marked(cell.name, cell.cell_type, answers)
            }
        for submission in record.submissions:
            auto = auto_max = marked = manual_max = 0.0
            pending = 0
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    score, top = float(grade.score or 0), float(grade.max_score or 0)
                    pending += bool(grade.needs_manual_grade)
                    if grade.name in hand.get(notebook.name, set()):
                        manual_max += top
                        if grade.manual_score is not None or not grade.needs_manual_grade:
                            marked += score
                    else:
                        auto_max += top
                        auto += score
            found[submission.student_id] = Standing(
                submission.student_id,
                auto,
                auto_max,
                marked,
                manual_max,
                pending,
                float(submission.late_submission_penalty or 0),
            )
    return found
