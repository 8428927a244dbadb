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
from tests.grading import classroom, task_answers

ASSIGNMENTS = sorted(p.name for p in (ROOT / "course/source").iterdir() if p.is_dir())
# The later half runs from test_roundtrip_later.py, so that pytest-xdist (--dist loadfile) can give
# the two halves to different workers.
EARLIER, LATER = ASSIGNMENTS[: len(ASSIGNMENTS) // 2], ASSIGNMENTS[len(ASSIGNMENTS) // 2 :]

# Partly right answers typed into the release, with the autograded points they must earn.
PARTIAL = {
    "01_levels_of_practice": (classroom.PARTIAL, classroom.POINTS["partial"]),
    "00_start_here": ({"start_answers": '"run": "B", "before_submit": "c",'}, 1.0),
    "02_careers_and_settings": (
        {  # 4 of 6, 4 of 6, 3 of 6, 2 of 4
            "career_answers": '"1": "child-family", "2": "clinical", "3": "substance-use", "4": "gerontological", '
            '"5": "hospital", "6": "school",',
            "role_answers": '"1": "advocating", "2": "coordinating-care", "3": "therapy", "4": "educating", '
            '"5": "therapy", "6": "coordinating-care",',
            "code_answers": '"1": "21-1021", "2": "21-1022", "3": "21-1023", "4": "21-1023", "5": "21-1018", '
            '"6": "21-1029",',
            "statement_answers": '"1": "b", "2": "b", "3": "d", "4": "c",',
        },
        13.0,
    ),
    "03_licensure_paths": (
        {  # 3 of 5, 1 of 4, 1 of 3, 2 of 4, 4 of 6
            "license_answers": '"1": "lcsw", "2": "lmsw", "3": "lcsw", "4": "lbsw", "5": "lmsw",',
            # hours right; supervision counted as 16 months; eligibility taken from the 24-month minimum
            "plan_answers": '"hours_met": "2029-01-29", "supervision_met": "2028-05-04", '
            '"license_eligible": "2029-01-04",',
            "hours_answers": '"experience_remaining": 101, "supervision_remaining": 9,',  # other practice left out
            "exam_answers": '"1": "bachelors", "2": "masters", "3": "advanced-generalist", "4": "clinical",',
            "name_answers": '"1": "clinical", "2": "clinical", "3": "clinical", "4": "clinical", "5": "masters", '
            '"6": "bachelors",',
        },
        11.0,
    ),
    "04_ethics_and_values": (
        {  # 4 of 6, 3 of 5, 2 of 4, 3 of 5, 3 of 5, 1 of 2 (2 points)
            "value_answers": '"1": "integrity", "2": "service", "3": "dignity-and-worth", "4": "competence", '
            '"5": "social-justice", "6": "human-relationships",',
            "screen_answers": '"1": "protection-of-life", "2": "quality-of-life", "3": "truthfulness", '
            '"4": "social-justice", "5": "least-harm",',
            "sharing_answers": '"1": "must-not", "2": "must", "3": "must", "4": "must",',
            "true_false_answers": '"1": "true", "2": "true", "3": "false", "4": "true", "5": "true",',
            "boundary_answers": '"1": "violation", "2": "violation", "3": "neither", "4": "crossing", "5": "crossing",',
            "next_action_answers": '"1": "b", "2": "a",',
        },
        17.0,
    ),
    "05_bpss_assessment": (
        {  # 4 of 6, 4 of 5, 2 of 4, 3 of 4 (case ignored)
            "domain_answers": '"1": "biological", "2": "psychological", "3": "social", "4": "social", '
            '"5": "social", "6": "psychological",',
            "source_answers": '"V": "observation", "W": "collateral", "X": "records", "Y": "screening", '
            '"Z": "collateral",',
            "ecomap_answers": '"K": "strong", "L": "stressful", "M": "stressful", "N": "tenuous",',
            "practice_answers": '"1": "Yes", "2": "yes", "3": "no", "4": "yes",',
        },
        13.0,
    ),
    "06_strengths_and_screening": (
        {  # 3, 0, 1, 2, 2, 0 and 2 points: a wrong number earns nothing
            "ropes_answers": '"A": "resources", "B": "exceptions", "C": "options", "D": "exceptions",',
            "phq9_total": "14",
            "phq9_bands": '"client_1": "moderate", "client_2": "mild",',
            "audit_zones": '"W": "low risk", "X": "low risk", "Y": "harmful", "Z": "harmful",',
            "brief_screens": '"phq2": "positive", "gad2": "negative", "cage": "negative",',
            "dast10_total": "2",
            "screening_choices": '"1": "b", "2": "b", "3": "a",',
        },
        10.0,
    ),
    "07_crisis_and_risk": (
        {  # 4 of 6, 3 of 5, 2 of 3, 2 of 4, 3 of 4
            "factor_answers": '"1": "risk", "2": "protective", "3": "neither", "4": "risk", "5": "neither", '
            '"6": "risk",',
            "safet_step_answers": '"A": "3", "B": "5", "C": "2", "D": "4", "E": "1",',
            "risk_level_answers": '"1": "high", "2": "moderate", "3": "moderate",',
            "next_action_answers": '"1": "c", "2": "a",',
            "true_false_answers": '"1": "true", "2": "true", "3": "true", "4": "false",',
        },
        14.0,
    ),
    "08_treatment_planning": (
        {  # 4 of 6, 3 of 5, 3 of 5 (case ignored), 3 of 5, 1 of 2 (2 points)
            "smart_answers": '"1": "time-bound", "2": "measurable", "3": "client-owned", "4": "measurable", '
            '"5": "none", "6": "client-owned",',
            "ebp_step_answers": '"A": "acquire", "B": "appraise", "C": "ask", "D": "apply", "E": "assess",',
            "factor_answers": '"1": "Preferences", "2": "co-occurring", "3": "setting", "4": "preferences", '
            '"5": "culture",',
            "plan_part_answers": '"1": "objective", "2": "problem", "3": "measure", "4": "objective", "5": "goal",',
            "next_action_answers": '"1": "c", "2": "a",',
        },
        15.0,
    ),
    "09_evidence_based_interventions": (
        {  # 4 of 6 (upper case counts), 2 of 4, 4 of 6, 3 of 4, 3 of 4
            "distortion_answers": '"1": "Overgeneralization", "2": "mental-filter", "3": "mind-reading", '
            '"4": "catastrophizing", "5": "should-statements", "6": "labeling",',
            "sfbt_answers": '"1": "miracle", "2": "coping", "3": "scaling", "4": "exception",',
            "principle_answers": '"1": "safety", "2": "trustworthiness-and-transparency", '
            '"3": "collaboration-and-mutuality", "4": "empowerment-voice-and-choice", '
            '"5": "cultural-historical-and-gender-issues", "6": "empowerment-voice-and-choice",',
            "technique_answers": '"A": "exposure", "B": "behavioral-activation", "C": "relaxation", '
            '"D": "behavioral-activation",',
            "true_false_answers": '"1": "false", "2": "true", "3": "true", "4": "true",',
        },
        16.0,
    ),
    "10_helping_relationship": (
        {  # 5 of 8, 2 of 4, 2 of 5, 3 of 4, 1 of 3
            "talk_answers": '"1": "commitment", "2": "sustain", "3": "reasons", "4": "commitment", '
            '"5": "desire", "6": "desire", "7": "commitment", "8": "ability",',
            "reflection_answers": '"1": "simple", "2": "double-sided", "3": "simple", "4": "simple",',
            "disclosure_answers": '"why": "for-client", "benefit": "clear", "risks": "low", '
            '"colleagues": "comfortable", "verdict": "share-briefly",',
            "alliance_answers": '"1": "goals", "2": "bond", "3": "tasks", "4": "tasks",',
            "response_answers": '"1": "a", "2": "d", "3": "d",',
        },
        13.0,
    ),
    "11_measuring_outcomes": (
        {  # 2 of 4, 2 of 4, 0 of 2, 1 of 3, 5 of 6, 3 of 5
            "gas_answers": '"at_start": 34.6, "at_12_weeks": 50.0,',  # 12 weeks scored as if unweighted
            "pnd_answers": '"deja": 66.7, "luis": 0.0,',  # Luis read as if higher were better
            "band_answers": '"lower": 4.21, "upper": 7.79,',  # the population SD (divided by n)
            "rule_answers": '"1": "no", "2": "no", "3": "yes",',
            "direction_answers": '"1": "lower", "2": "higher", "3": "higher", "4": "higher", "5": "Lower", '
            '"6": "higher",',
            "design_answers": '"1": "a-b", "2": "a-b-a-b", "3": "multiple-baseline", "4": "a-b-c", '
            '"5": "multiple-baseline",',
        },
        13.0,
    ),
    "12_case_management_and_advocacy": (
        {  # 4 of 6, 4 of 6, 4 of 6, 3 of 5 (case ignored), 1 of 3 at 2 points
            "soap_answers": '"1": "subjective", "2": "objective", "3": "assessment", "4": "plan", "5": "assessment", '
            '"6": "objective",',
            "wording_answers": '"1": "yes", "2": "yes", "3": "yes", "4": "no", "5": "yes", "6": "yes",',
            "advocacy_answers": '"1": "case", "2": "cause", "3": "case", "4": "cause", "5": "cause", "6": "case",',
            "program_answers": '"1": "Medicare", "2": "snap", "3": "housing-voucher", "4": "medicaid", '
            '"5": "mckinney-vento",',
            "next_step_answers": '"1": "b", "2": "a", "3": "b",',
        },
        17.0,
    ),
    "13_integrative_cases": (
        {  # 4 of 6 (upper case counts), 3 of 5, 4 of 6, 2 of 4, 2 of 4
            "domain_answers": '"1": "biological", "2": "psychological", "3": "social", "4": "social", '
            '"5": "biological", "6": "Social",',
            "stage_answers": '"A": "evaluation", "B": "engagement", "C": "planning", "D": "assessment", '
            '"E": "intervention",',
            "level_answers": '"1": "micro", "2": "mezzo", "3": "micro", "4": "macro", "5": "micro", "6": "mezzo",',
            "next_action_answers": '"1": "b", "2": "a",',
            "advocacy_answers": '"1": "case", "2": "cause", "3": "cause", "4": "case",',
        },
        15.0,
    ),
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
