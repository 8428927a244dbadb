"""Graded tasks through the sandboxed parallel grader and nbgrader's feedback, on the real assignment 01.

Each student is scored on their own variants, from the forms' file or the typed answer cells; the
feedback page shows every answer with the best answer and why, never the test code; and the forms'
file is data to the grader: a link is refused, a file saved for another student is flagged, and code
that rebinds the scorer in the kernel changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from mswlab import tasks
from tests.conftest import BIN, ROOT, fill_answers
from tests.grading import task_answers
from tests.grading.classroom import Classroom, run, with_cell

ASSIGNMENT = "01_levels_of_practice"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FULL = sum(p.points for p in tasks.load(ASSIGNMENT).parts)


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Classroom:
    room = Classroom(tmp_path_factory.mktemp("tasks") / "course", source=ROOT / "course/source")
    ana, bo = task_answers.two_students(ASSIGNMENT)
    room.ana, room.bo = ana, bo
    release = room.release()
    room.submit(
        ana,
        task_answers.with_written_answers(release),
        files={"form_answers.json": task_answers.form_file_bytes(ana, task_answers.best(ASSIGNMENT, ana))},
    )
    room.bo_answers = task_answers.partly_right(ASSIGNMENT, bo)
    room.submit(bo, fill_answers(room.release(), task_answers.typed(room.bo_answers)))
    # a forms' file that is a link to the gradebook: refused, never read
    linked = room.submit("cy", room.release())
    os.symlink(room.root / "gradebook.db", linked.parent / "form_answers.json")
    # right answers, but saved by the forms for another student's variants
    room.submit(
        "dee",
        room.release(),
        files={"form_answers.json": task_answers.form_file_bytes(ana, task_answers.best(ASSIGNMENT, ana))},
    )
    # code in a cell rebinds the scorer and the form check in the kernel
    rebind = (
        "import mswlab.tasks as t\nt.score = lambda *a, **k: 99.0\n"
        "import mswlab.tasks.in_notebook as n\nn.check_form = print"
    )
    room.submit("eve", with_cell(room.release(), "practice_answers", rebind))
    done = room.mswlab_autograde("--workers", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads((room.root / ".mswlab/autograde" / ASSIGNMENT / "summary.json").read_text())
    room.outcomes = {o["student"]: o for o in data["students"]}
    run([str(BIN / "nbgrader"), "generate_feedback", ASSIGNMENT, "--FeedbackNotes.allow_pending=True"], room.root)
    return room


def test_each_student_is_scored_on_their_own_variants(room):
    assert room.auto_score(room.ana) == FULL
    expected = task_answers.expected_points(ASSIGNMENT, room.bo, room.bo_answers)
    assert 0 < room.auto_score(room.bo) < FULL
    assert room.auto_score(room.bo) == pytest.approx(expected)


def test_a_linked_forms_file_is_refused(room):
    assert room.auto_score("cy") == 0
    assert room.outcomes["cy"]["status"] == "review" and "form_answers.json" in room.outcomes["cy"]["message"]


def test_answers_saved_for_another_student_are_flagged_and_scored_on_this_students_variants(room):
    outcome = room.outcomes["dee"]
    assert outcome["status"] == "review" and "shown for student id" in outcome["message"]
    ana_answers = task_answers.best(ASSIGNMENT, room.ana)
    assert room.auto_score("dee") == pytest.approx(task_answers.expected_points(ASSIGNMENT, "dee", ana_answers))
    assert room.auto_score("dee") < FULL


def test_rebinding_the_scorer_in_the_kernel_changes_nothing(room):
    assert room.auto_score("eve") == 0


def test_feedback_shows_each_answer_the_best_answer_and_why_and_no_test_code(room):
    page = (room.root / "feedback" / room.bo / ASSIGNMENT / NOTEBOOK.replace(".ipynb", ".html")).read_text()
    assert "Best answer" in page and "Not right" in page and "Right (" in page
    part = tasks.part_of(ASSIGNMENT, "practice_answers")
    variant = tasks.variant_for(ASSIGNMENT, part, room.bo)
    item = variant.items[0]  # the first answer was made wrong: its best option's rationale is the why
    assert item.option(item.answer).text.split()[0] in page
    for hidden in ("score(", "HIDDEN TESTS", "student_id"):
        assert hidden not in page


def test_private_pool_variants_are_released_without_keys_and_graded(tmp_path):
    """An instructor's private folder adds a variant: the release shows it with no key, the grader scores it."""
    pool = tmp_path / "private"
    pool.mkdir()
    part = tasks.part_of(ASSIGNMENT, "perlman_answers")
    secret = part.variants[0].model_dump(mode="json") | {
        "id": "private-case",
        "case": "A private case about a bakery owner named Ottoline Brandvold, kept out of the repository.",
    }
    (pool / f"{ASSIGNMENT}.yaml").write_text(
        json.dumps({"assignment": ASSIGNMENT, "parts": [{**part.model_dump(mode="json"), "variants": [secret]}]})
    )
    env = {tasks.PRIVATE_POOLS: str(pool)}
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text((ROOT / "course/nbgrader_config.py").read_text())
    shutil.copytree(ROOT / "course/source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    run([str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT], course, env=env)
    released = (course / "release" / ASSIGNMENT / NOTEBOOK).read_text()
    assert "Ottoline Brandvold" in released
    assert secret["facts"][0]["why"] not in released and "BEGIN SOLUTION" not in released

    count = len(part.variants) + 1
    student = next(f"s{n}" for n in range(500) if tasks.variant_index(ASSIGNMENT, part.id, f"s{n}", count) == count - 1)
    room = Classroom.existing(course, ASSIGNMENT)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(tasks.PRIVATE_POOLS, str(pool))
        tasks._load.cache_clear()
        answers = task_answers.best(ASSIGNMENT, student)
        assert answers[part.id] == {str(i): f["category"] for i, f in enumerate(secret["facts"], start=1)}
    tasks._load.cache_clear()
    room.submit(student, room.release(), files={"form_answers.json": task_answers.form_file_bytes(student, answers)})
    assert room.mswlab_autograde(env=env).returncode == 0
    assert room.auto_score(student) == FULL
