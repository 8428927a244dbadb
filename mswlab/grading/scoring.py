"""The nbgrader steps that keep points out of the student's kernel.

The kernel that runs a submission is the student's: code in any cell can rebind the helpers the
tests call, patch builtins, rewrite cells before they run or publish a result of its own. So the
points do not come from the kernel:

- ``StripHiddenTests`` (a sanitize step, after nbgrader's ``OverwriteCells``) removes the hidden
  tests from every test cell the grader can score, before the kernel runs the notebook. The keys
  never enter the kernel; the student still gets the visible tests and their messages.
- ``ScoreAnswers`` (nbgrader's ``SaveAutoGrades``, extended, in its place in the autograde steps)
  reads each answer from the submitted cell's source and runs the test cell as the instructor
  wrote it (from the gradebook, never from the submission) in this process against those values
  (``mswlab.grading.answers``), then records the points through nbgrader's gradebook API. The
  kernel's outputs never count. An answer cell holding anything besides its literal, or another
  cell assigning an answer's name, flags the notebook for review; the points still come from the
  literal alone.

Graded tasks (``mswlab.tasks``) are scored the same way: their hidden test is one call,
``score(assignment, part, answers, student_id)``, and the grader supplies ``student_id`` (the
nbgrader student), so each student is scored on the variant they were shown. Answers the forms
saved (``form_answers.json``, submitted beside the notebook) fill any field the answer cell leaves
out. Each task cell gets the marks behind its points as an output, which ``generate_feedback``
shows: right or wrong, the student's answer, the best answer and why.

A test cell that needs more than the answers' values (names the answer cells do not assign) must
run in the kernel: it keeps its hidden tests, the kernel's score stands, and the notebook is
flagged for review, so such a score is never silently trusted. ``mswlab check`` fails for any
such cell in this course.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import SaveAutoGrades
from nbgrader.utils import determine_grade
from traitlets import Bool, Unicode

from mswlab import tasks
from mswlab.grading.answers import GRADER_NAMES, answer_name, assigned_names, free_names, read_answer, run_test
from mswlab.grading.feedback import HideHiddenTests
from mswlab.tasks import form_file


def _nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


@dataclass(frozen=True)
class Plan:
    """How one notebook is scored: the variable each answer cell assigns, and for each test cell the
    answer variables it needs (None when it needs more, so it runs in the kernel)."""

    answers: dict[str, str]  # answer cell grade_id -> variable name
    tests: dict[str, frozenset[str] | None]  # test cell grade_id -> variables it reads
    sources: dict[str, str]  # grade_id -> the instructor's source


@lru_cache(maxsize=64)
def plan(db_url: str, notebook_id: str, assignment_id: str) -> Plan:
    """The scoring plan, from the gradebook's copy of the instructor's notebook (the same for every
    student, so read once per grading process)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        return _plan(gradebook.find_notebook(notebook_id, assignment_id))


def _plan(record) -> Plan:
    sources = {cell.name: cell.source for cell in record.source_cells}
    kinds = {cell.name: cell.cell_type for cell in record.source_cells}
    answers = {}
    for cell in record.solution_cells:
        name = answer_name(sources.get(cell.name, "")) if kinds.get(cell.name) == "code" else None
        if name:
            answers[cell.name] = name
    variables = set(answers.values())
    solution = {cell.name for cell in record.solution_cells}
    tests = {}
    for cell in record.grade_cells:
        if cell.cell_type != "code" or cell.name in solution:
            continue
        try:
            needs = free_names(sources[cell.name])
        except SyntaxError:
            needs = {"<not valid Python>"}
        tests[cell.name] = frozenset(needs) if needs <= variables | GRADER_NAMES else None
    return Plan(answers, tests, sources)


class StripHiddenTests(HideHiddenTests):
    """Sanitize step: hidden tests leave every test cell the grader scores before the kernel runs."""

    notice = Unicode(
        "# (hidden tests: the grader runs them, outside this notebook)",
        help="The line that replaces each hidden-test region in the notebook the kernel runs.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict):
        info = resources["nbgrader"]
        scoring = plan(info["db_url"], info["notebook"], info["assignment"])
        self._scored_here = {grade_id for grade_id, needs in scoring.tests.items() if needs is not None}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if _nbgrader_meta(cell).get("grade_id") in self._scored_here:
            cell.source, _ = self.hide_region(cell.source)
        return cell, resources


class ScoreAnswers(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades``, except for the test cells the grader can score: their points are
    computed here from the answers' literals, never read from the kernel's outputs. A kernel-scored
    cell whose result nbgrader cannot use (more than its points) needs a hand grade instead of stopping
    the run. ``reviews`` lists why the last notebook needs a person to look (also set as the notebook's
    ``flagged`` in the gradebook). ``keep_marks`` (set by ``mswlab course autograde`` when the submission
    is the one it graded last) keeps an instructor's marks final through a regrade."""

    keep_marks = Bool(False, help="marks an instructor gave stay final (the submission has not changed)")

    def preprocess(self, nb: NotebookNode, resources: dict):
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        self.reviews: list[str] = []
        self._scoring = plan(info["db_url"], info["notebook"], info["assignment"])
        self._task_parts = task_parts(info["assignment"])
        cells = {_nbgrader_meta(c).get("grade_id"): c for c in nb.cells if _nbgrader_meta(c).get("grade_id")}
        self._values = self._read_answers(nb, cells, self._scoring)
        self._add_form_answers(resources.get("metadata", {}).get("path") or ".", info["student"])
        nb, resources = super().preprocess(nb, resources)
        if self.reviews:
            with Gradebook(info["db_url"]) as gb:
                gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"]).flagged = True
                gb.db.commit()
        return nb, resources

    def _add_score(self, cell: NotebookNode, resources: dict) -> None:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        # nbgrader flags every cell with a manual score "needs manual grading" again, as if the work
        # had changed since it was marked. When it has not (keep_marks), the instructor's mark stays final.
        marked = self.keep_marks and grade.manual_score is not None and not grade.needs_manual_grade
        self._score(cell, resources, grade_id, grade)
        if marked:
            grade.needs_manual_grade = False
            self.gradebook.db.commit()

    def _score(self, cell: NotebookNode, resources: dict, grade_id: str, grade) -> None:
        if grade_id not in self._scoring.tests:  # not a test cell (an answer graded by hand, say): nbgrader's rule
            return super()._add_score(cell, resources)
        needs = self._scoring.tests[grade_id]
        if needs is None:
            try:
                grade.auto_score, _ = determine_grade(cell, self.log)
            except ValueError as err:
                grade.auto_score = None
                self.reviews.append(f"{grade_id}: the kernel's result could not be used ({err})")
            self.reviews.append(
                f"{grade_id} was scored by running the student's code (it needs more than "
                f"the answers); check its {grade.auto_score or 0:g} points"
            )
        else:
            given = {n: self._values[n] for n in needs if n in self._values}
            if "student_id" in needs:
                given["student_id"] = self.student_id
            grade.auto_score, problem = run_test(self._scoring.sources[grade_id], given, grade.max_score, self.log)
            if problem:
                self.log.info("%s scored %g: %s", grade_id, grade.auto_score, problem)
            self._note(cell, grade.auto_score, grade.max_score)
            for part in sorted(needs & set(self._task_parts)):
                _show_marks(cell, tasks.review(self.assignment_id, part, self._values.get(part), self.student_id))
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        self.gradebook.db.commit()

    def _read_answers(self, nb: NotebookNode, cells: dict, scoring: Plan) -> dict[str, object]:
        values = {}
        for answer_id, name in scoring.answers.items():
            cell = cells.get(answer_id)
            if cell is None:
                continue
            read = read_answer(cell.source, name)
            if read.found:
                values[name] = read.value
            if read.problems:
                self.reviews.append(
                    f"answer cell {answer_id} holds more than its answer ({'; '.join(read.problems)}); "
                    "only the value it assigns to " + name + " was scored"
                )
        answer_ids, variables = set(scoring.answers), set(scoring.answers.values())
        for index, cell in enumerate(nb.cells, start=1):
            grade_id = _nbgrader_meta(cell).get("grade_id")
            if cell.cell_type != "code" or grade_id in answer_ids or grade_id in scoring.tests:
                continue
            overridden = sorted(assigned_names(cell.source) & variables)
            if overridden:
                self.reviews.append(
                    f"cell {index} assigns {', '.join(overridden)} outside the answer cell; "
                    "the answer cell's value was scored"
                )
        return values

    def _add_form_answers(self, folder: str, student: str) -> None:
        """Fill the task answers' missing fields from what the forms saved beside the notebook."""
        if not self._task_parts:
            return
        saved = form_file.read(folder)
        if saved.problem:
            self.reviews.append(f"{saved.problem}; only the answer cells were scored")
        if saved.student and saved.student.strip().lower() != student.strip().lower():
            self.reviews.append(
                f"the forms were shown for student id '{saved.student}', but this is '{student}': "
                "the answers were scored on this student's own questions"
            )
        for part in self._task_parts:
            if part in saved.answers or part in self._values:
                self._values[part] = form_file.merged(self._values.get(part), saved.answers.get(part))

    @staticmethod
    def _note(cell: NotebookNode, points: float, max_points: float) -> None:
        cell.setdefault("outputs", []).append(
            from_dict(
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": f"Points for this part, scored by the grader: {points:g} of {max_points:g}\n",
                }
            )
        )


def task_parts(assignment: str) -> list[str]:
    """The answer variables of an assignment's graded tasks (none when it has no task file)."""
    if not tasks.task_path(assignment).is_file():
        return []
    return [part.id for part in tasks.load(assignment).parts]


def _show_marks(cell: NotebookNode, review: tasks.Review) -> None:
    """The marks behind a task's points, for the student's feedback: one row per answer."""
    from html import escape

    rows = "".join(
        f"<tr><td>{escape(m.label)}</td><td>{'Right' if m.right else 'Not right'} ({m.earned:g} of {m.possible:g})"
        f"</td><td>{escape(m.given)}</td><td>{escape(m.best)}</td><td>{escape(m.why)}</td></tr>"
        for m in review.marks
    )
    html = (
        f"<table class='mswlab-marks'><caption>Your answers, question by question ({review.points:g} of "
        f"{review.possible:g} points)</caption><tr><th>Question</th><th>Result</th><th>Your answer</th>"
        f"<th>Best answer</th><th>Why</th></tr>{rows}</table>"
    )
    text = "\n".join(
        f"{m.label}: {'right' if m.right else 'not right'} ({m.earned:g} of {m.possible:g}). Your answer: "
        f"{m.given}. Best answer: {m.best}. {m.why}"
        for m in review.marks
    )
    cell.setdefault("outputs", []).append(
        from_dict({"output_type": "display_data", "metadata": {}, "data": {"text/html": html, "text/plain": text}})
    )
