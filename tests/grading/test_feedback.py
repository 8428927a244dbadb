"""Feedback from plain ``nbgrader autograde`` and ``nbgrader generate_feedback`` never shows hidden tests.

One real nbgrader course for the whole module (each autograde costs seconds): assignment
01 is generated, two students submit, both are autograded with the course config, and feedback
is generated twice: with the course config and with nbgrader's default feedback steps. Hidden
tests never reach the autograded notebook (``StripHiddenTests`` removes them before the kernel
runs, and the grader scores them itself), so even the default feedback holds none;
``HideHiddenTests`` in the course's feedback steps also cuts tracebacks in test cells to the
error's name and message.

- ``partial`` answers some items right: its feedback must show the scores, what the visible
  tests printed and the points the grader gave each part.
- ``slips`` answers part A with an object that is not a value, fails a visible test and leaves a
  part blank: its feedback must show each error's name and message but no traceback.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from tests.conftest import BIN, fill_answers
from tests.grading.classroom import FIXTURE_SOURCE, Classroom, run, with_cell
from tests.grading.task_answers import with_written_answers

ASSIGNMENT = "01_levels_of_practice"
NOTICE = "# (hidden tests: the grader runs them, outside this notebook)"

# Passes the visible test of part A in the kernel, but is not a value the grader can read.
REFUSES_GET = """class Answers(dict):
    def get(self, key, default=None):
        raise LookupError(f"answer {key} is locked")

levels_answers = Answers({"A": "macro", "B": "micro", "C": "spans", "D": "mezzo"})"""
SLIPS = {"methods_answers": '"1": "coaching", "2": "counseling",'}  # no answer for "3"


def nbgrader(course: Path, *args: str):
    return run([str(BIN / "nbgrader"), *args], course)


def hidden_lines(notebook: Path) -> list[str]:
    """Every line inside a hidden-test region of the source notebook, stripped."""
    lines, inside = [], False
    for cell in nbformat.read(str(notebook), as_version=4).cells:
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and line.strip():
                lines.append(line.strip())
    return lines


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def visible_text(page: str) -> str:
    """What a reader sees in a feedback page: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@dataclass
class Course:
    root: Path
    refused_code: int  # generate_feedback while the reflections were unmarked
    refused_log: str

    def page(self, student: str, folder: str = "feedback") -> str:
        return (self.root / folder / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()

    def feedback(self, student: str, folder: str = "feedback") -> str:
        return visible_text(self.page(student, folder))

    def autograded(self, student: str) -> nbformat.NotebookNode:
        return nbformat.read(str(self.root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    room = Classroom(tmp_path_factory.mktemp("feedback") / "course", ASSIGNMENT)
    root = room.root
    room.submit("partial", with_written_answers(room.answered("partial")))  # 7 autograded points, a reflection
    room.submit("slips", with_cell(fill_answers(room.release(), SLIPS), "levels_answers", REFUSES_GET))
    nbgrader(root, "autograde", ASSIGNMENT)
    refused = run([str(BIN / "nbgrader"), "generate_feedback", ASSIGNMENT], root, check=False)
    # no page for the student whose reflection awaits marking; slips wrote none (nbgrader scores a blank 0)
    assert [p.parent.parent.name for p in (root / "feedback").rglob("*.html")] == ["slips"]
    nbgrader(root, "generate_feedback", ASSIGNMENT, "--FeedbackNotes.allow_pending=True")
    # The same autograded notebooks through nbgrader's default feedback steps only.
    nbgrader(
        root,
        "generate_feedback",
        ASSIGNMENT,
        "--CourseDirectory.feedback_directory=feedback_default",
        "--GenerateFeedback.preprocessors=nbgrader.preprocessors.GetGrades",
        "--GenerateFeedback.preprocessors=nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    )
    # The instructor marks partial's reflection in the Formgrader; then feedback goes out without a flag.
    with room.gradebook() as gb:
        grade = gb.find_grade("reflection_levels", ASSIGNMENT, ASSIGNMENT, "partial")
        grade.manual_score = 4
        grade.needs_manual_grade = False
        gb.db.commit()
    nbgrader(
        root, "generate_feedback", ASSIGNMENT, "--student", "partial", "--CourseDirectory.feedback_directory=marked"
    )
    return Course(root, refused.returncode, refused.stdout + refused.stderr)


HIDDEN = hidden_lines(FIXTURE_SOURCE / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")


def test_the_assignment_has_hidden_tests_holding_the_answer_key():
    """The source notebook holds the key (so the grader has it); nothing below may show it."""
    assert 'points_for(levels_answers, {"A": "mezzo", "B": "spans", "C": "micro", "D": "macro"})' in HIDDEN


@pytest.mark.parametrize("student", ["partial", "slips"])
def test_feedback_shows_no_hidden_test_source(course, student):
    text = course.feedback(student)
    for line in HIDDEN:
        assert line not in text
    for word in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "points_for(", '"B": "spans", "C": "micro"'):
        assert word not in text
    assert text.count(NOTICE) == 3  # one per test cell, so students know hidden tests ran
    page = course.page(student)  # nor anywhere in the markup (attributes, scripts)
    assert "points_for" not in page and "HIDDEN TESTS" not in page


def test_feedback_keeps_scores_visible_test_output_and_the_graders_points(course):
    text = course.feedback("partial", folder="marked")
    assert "(Score: 11.0 / 16.0)" in text  # the notebook total from GetGrades, the reflection marked 4
    for score in ("Score: 3.0 / 4.0", "Score: 2.0 / 3.0", "Score: 2.0 / 4.0", "Score: 4.0 / 5.0"):
        assert score in text
    assert 'Format looks right: 4 answers, each one of "micro", "mezzo", "macro", "spans".' in text
    assert "Points for this part, scored by the grader: 3 of 4" in text
    assert "awaiting marking" not in text and "score so far" not in text


def test_feedback_is_refused_while_marking_is_pending_and_names_the_parts(course):
    assert course.refused_code != 0
    assert (
        "feedback for partial was not written: 1 part(s) still await marking (reflection_levels)" in course.refused_log
    )
    assert "--FeedbackNotes.allow_pending=True" in course.refused_log


def test_pending_parts_show_as_awaiting_marking_never_as_zero(course):
    text = course.feedback("partial")
    assert "(score so far: 7.0 / 16.0)" in text and "1 part(s) still await marking" in text
    assert "awaiting marking, 5.0 points" in text and "Score: 0.0 / 5.0" not in text


def test_parts_carry_their_titles_and_before_submission_lines_are_dropped(course):
    text = course.feedback("partial", folder="marked")
    for title in ("Part A: Name the level", "Part B: Coaching or counseling?", "Part D: Reflection (written response)"):
        assert title in text, title
    assert "Test cell" not in text
    assert "Correctness is checked by hidden tests" not in text


def test_feedback_shows_errors_by_name_and_message_only(course):
    text = course.feedback("slips")
    # part A is not a value, so it scores nothing; part B's two answers score, though its third is missing
    assert "(Score: 2.0 / 16.0)" in text
    assert "AssertionError: Add an answer for '3'; each answer is one of" in text  # a visible test failing
    assert "Format looks right: 4 answers" in text  # what part A's visible test printed
    assert "most recent call last" not in text and "assignments.py" not in text


def test_the_autograded_notebook_holds_no_hidden_test(course):
    for student in ("partial", "slips"):
        text = (course.root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
        assert "HIDDEN TESTS" not in text and not [line for line in HIDDEN if line in text]


@pytest.mark.parametrize("student", ["partial", "slips"])
def test_even_nbgraders_default_feedback_shows_no_hidden_test(course, student):
    text = course.feedback(student, folder="feedback_default")
    assert "BEGIN HIDDEN TESTS" not in text and not [line for line in HIDDEN if line in text]
    assert NOTICE in text
    assert "most recent call last" not in text  # the assignment's setup cell makes errors plain sentences


def test_mswlab_course_feedback_refuses_pending_marking_unless_allowed(course, tmp_path):
    room = Classroom.existing(course.root, ASSIGNMENT).copy(tmp_path / "course")
    shutil.rmtree(room.root / "feedback")
    with room.gradebook() as gb:  # slips's reflection awaits marking (partial's was marked above)
        grade = gb.find_grade("reflection_levels", ASSIGNMENT, ASSIGNMENT, "slips")
        grade.auto_score, grade.needs_manual_grade = None, True
        gb.db.commit()

    def feedback(*flags: str):
        command = [str(BIN / "mswlab"), "course", "feedback", ASSIGNMENT, *flags, "--course-dir", str(room.root)]
        return run(command, room.root, check=False)

    refused = feedback()
    assert refused.returncode != 0 and "feedback for slips was not written" in refused.stdout + refused.stderr
    assert list((room.root / "feedback").rglob("*.html")) == [
        room.root / f"feedback/partial/{ASSIGNMENT}/{ASSIGNMENT}.html"
    ]
    assert feedback("--allow-pending", "--student", "slips").returncode == 0
    assert "awaiting marking" in (room.root / f"feedback/slips/{ASSIGNMENT}/{ASSIGNMENT}.html").read_text()
