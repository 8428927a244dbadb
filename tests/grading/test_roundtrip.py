"""Real nbgrader round trips for every assignment under course/source/.

For each assignment: generate the student version; autograde a fully right submission (full
autograded marks), the untouched release (zero) and a partly right submission (partial credit); and
`nbgrader validate --invert` on the release, which must report that no test passes.

An assignment with graded tasks (datasets/assignments/) shows each student their own variants, so
its right and partly right submissions come from two students whose variants differ in every part:
one answers through the forms alone (form_answers.json, the right answers to their variants), the
other types into the answer cells (the first answer of every part wrong). The partly right score
must be what the engine gives those answers on that student's variants, and more than zero.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from mswlab import tasks
from mswlab.content import load_curriculum
from tests.conftest import BIN, ROOT, fill_answers, tool_env
from tests.grading import task_answers

ASSIGNMENTS = sorted(p.name for p in (ROOT / "course/source").iterdir() if p.is_dir())
# The later half runs from test_roundtrip_later.py, so that pytest-xdist (--dist loadfile) can give
# the two halves to different workers.
EARLIER, LATER = ASSIGNMENTS[: len(ASSIGNMENTS) // 2], ASSIGNMENTS[len(ASSIGNMENTS) // 2 :]

# Partly right answers typed into the release of an assignment without graded tasks, with the autograded
# points they must earn (assignments with tasks are answered from their pools: tests/grading/task_answers.py).
PARTIAL = {
    "00_start_here": ({"start_answers": '"run": "B", "before_submit": "c",'}, 1.0),
    "14_licensing_exam_prep": (
        {  # 2 of 4 items (upper case counts) and 2 of 3 statements
            "item_answers": '"1": "A", "2": "c", "3": "b", "4": "a",',
            "exam_facts": '"1": "true", "2": "true", "3": "false",',
        },
        4.0,
    ),
}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args], cwd=course, env=tool_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@dataclass
class Graded:
    course: Path
    assignment: str

    def grades(self, student: str) -> dict[str, tuple[float | None, float]]:
        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gb:
            sub = gb.find_submission(self.assignment, student)
            return {
                g.name: (g.auto_score, g.max_score) for nb in sub.notebooks for g in nb.grades if g.cell_type == "code"
            }

    def auto_total(self, student: str) -> tuple[float, float]:
        grades = self.grades(student)
        return sum(s or 0 for s, _ in grades.values()), sum(m for _, m in grades.values())


def grade(assignment: str, tmp_path_factory) -> Graded:
    """Generate the release, fill in the three submissions and autograde them with nbgrader."""
    course = tmp_path_factory.mktemp(assignment)
    shutil.copy(ROOT / "course/nbgrader_config.py", course)
    shutil.copytree(ROOT / "course/source" / assignment, course / "source" / assignment)
    nbgrader(course, "generate_assignment", assignment, "--force")
    release = course / "release" / assignment
    shutil.copytree(release, course / "submitted/blank" / assignment)
    notebook = f"{assignment}.ipynb"
    if has_tasks(assignment):
        right, partly = task_answers.two_students(assignment)
        shutil.copytree(release, course / "submitted" / right / assignment)
        (course / "submitted" / right / assignment / "form_answers.json").write_bytes(
            task_answers.form_file_bytes(right, task_answers.best(assignment, right))
        )
        path = course / "submitted" / right / assignment / notebook
        nbformat.write(task_answers.with_written_answers(nbformat.read(str(path), as_version=4)), str(path))
        shutil.copytree(release, course / "submitted" / partly / assignment)
        typed = task_answers.typed(task_answers.partly_right(assignment, partly))
        path = course / "submitted" / partly / assignment / notebook
        nbformat.write(fill_answers(nbformat.read(str(path), as_version=4), typed), str(path))
    else:
        shutil.copytree(course / "source" / assignment, course / "submitted/solution" / assignment)
        assert assignment in PARTIAL, f"write a partly right submission for {assignment} in PARTIAL"
        shutil.copytree(release, course / "submitted/partial" / assignment)
        partial = course / "submitted/partial" / assignment / notebook
        nbformat.write(fill_answers(nbformat.read(str(partial), as_version=4), PARTIAL[assignment][0]), str(partial))
    nbgrader(course, "autograde", assignment)
    return Graded(course, assignment)


def has_tasks(assignment: str) -> bool:
    return tasks.task_path(assignment).is_file()


def students(assignment: str) -> tuple[str, str]:
    """(the fully right student, the partly right one)."""
    return task_answers.two_students(assignment) if has_tasks(assignment) else ("solution", "partial")


@pytest.fixture(scope="module", params=EARLIER)
def graded(request, tmp_path_factory) -> Graded:
    return grade(request.param, tmp_path_factory)


def test_release_hides_solutions_and_hidden_tests(graded):
    release = graded.course / "release" / graded.assignment / f"{graded.assignment}.ipynb"
    text = release.read_text()
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "points_for" not in text
    assert "# YOUR ANSWER HERE" in text


def test_solution_gets_full_autograded_marks(graded):
    earned, possible = graded.auto_total(students(graded.assignment)[0])
    assert possible > 0 and earned == possible


def test_blank_release_gets_zero(graded):
    assert graded.auto_total("blank")[0] == 0


def test_partly_right_answers_get_partial_credit(graded):
    assignment, (right, partly) = graded.assignment, students(graded.assignment)
    earned, possible = graded.auto_total(partly)
    if not has_tasks(assignment):
        assert earned == PARTIAL[assignment][1]
        return
    answers = task_answers.partly_right(assignment, partly)
    assert 0 < earned < possible
    assert earned == pytest.approx(task_answers.expected_points(assignment, partly, answers))
    for part in tasks.load(assignment).parts:  # the two students were shown different variants
        assert tasks.variant_for(assignment, part, right).id != tasks.variant_for(assignment, part, partly).id


def test_validate_invert_passes_on_release_and_validate_passes_when_answered(graded):
    notebook = f"{graded.assignment}.ipynb"
    out = nbgrader(graded.course, "validate", "--invert", f"release/{graded.assignment}/{notebook}").stdout
    assert "Success! The notebook does not pass any tests." in out, out
    answered = f"submitted/{students(graded.assignment)[0]}/{graded.assignment}/{notebook}"
    out = nbgrader(
        graded.course,
        "validate",
        answered if has_tasks(graded.assignment) else f"source/{graded.assignment}/{notebook}",
    ).stdout
    assert "Success! Your notebook passes all the tests." in out, out


def test_every_ready_module_has_its_assignment():
    assert {m.assignment for m in load_curriculum().ready} <= set(ASSIGNMENTS)


def test_every_assignment_has_at_least_ten_points_or_is_the_practice_run(graded):
    with Gradebook(f"sqlite:///{graded.course / 'gradebook.db'}") as gb:
        total = gb.find_assignment(graded.assignment).max_score
    assert total >= (3 if graded.assignment == "00_start_here" else 10)
