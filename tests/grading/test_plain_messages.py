"""Students' common slips read as one plain sentence, in the notebook and in nbgrader's Validate report:
what is wrong and how to fix it, with no traceback frames and no file paths. The release of
assignment 01 is answered with the slips and run in a real kernel (and validated by nbgrader)."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from private_sockets import AsyncPrivateSocketKernelManager

from tests.conftest import BIN
from tests.grading.classroom import Classroom, run

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SLIPS = {
    "levels_answers": 'levels_answers = {"A": mezzo, "B": "spans", "C": "micro", "D": "macro"}',  # unquoted word
    "methods_answers": 'methods_answers = {\n    "1": "coaching"\n    "2": "counseling",\n    "3": "coaching",\n}',
    "perlman_answers": 'perlman_answers = {"W": "place", "X": "process", "Y": "person"}',  # a key missing
}
SLIPS_TOO = {
    "levels_answers": 'levels_answers = {"A": "mezo", "B": "spans", "C": "micro", "D": "macro"}',  # a wrong word
    "methods_answers": 'methods_answers = {"1": "coaching", "2": "Counselling", "3": "coaching"}',  # British
    "perlman_answers": 'perlman_answers = {"W": "place", "X": "process", "Y": "person", "Z": "problem"}',
}


def answered(room: Classroom, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = room.release()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def shown(nb: nbformat.NotebookNode, grade_id: str) -> str:
    """What a cell showed the student: printed text and error lines (wrapped lines joined), colours removed."""
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    parts = [
        o.get("text", "").strip() if o.output_type == "stream" else " ".join(o.get("traceback", []))
        for o in cell.outputs
    ]
    return ANSI.sub("", " ".join(parts))


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Classroom:
    return Classroom(tmp_path_factory.mktemp("plain") / "course")


def executed(room: Classroom, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = answered(room, answers)
    NotebookClient(
        nb,
        kernel_manager_class=AsyncPrivateSocketKernelManager,
        allow_errors=True,
        timeout=60,
        resources={"metadata": {"path": str(room.root)}},
    ).execute()
    return nb


def test_an_unquoted_word_a_missing_comma_and_a_missing_key_each_get_one_plain_sentence(room):
    nb = executed(room, SLIPS)
    assert (
        shown(nb, "levels_answers") == 'Put each answer in quotes, like "mezzo": without quotes, Python reads '
        "mezzo as a name."
    )
    assert shown(nb, "test_levels_answers") == (
        "levels_answers has no answer yet, because its answer cell has a "
        'mistake: Put each answer in quotes, like "mezzo": without quotes, '
        "Python reads mezzo as a name."
    )
    assert shown(nb, "methods_answers") == "Line 2: a comma is missing at its end; each answer line ends with a comma."
    assert shown(nb, "test_perlman_answers") == (
        'Add an answer for \'Z\'; each answer is one of "person", "problem", "place", "process".'
    )
    every = "\n".join(
        shown(nb, c.metadata.nbgrader.grade_id) for c in nb.cells if c.cell_type == "code" and "nbgrader" in c.metadata
    )
    assert "Traceback" not in every and "File " not in every and ".py" not in every


def test_a_wrong_word_is_named_and_a_british_spelling_is_read_as_the_us_word(room):
    nb = executed(room, SLIPS_TOO)
    assert shown(nb, "test_levels_answers") == (
        'The answer for \'A\' is \'mezo\', which is not one of "micro", "mezzo", "macro", "spans": write one of '
        "them, in quotes."
    )
    assert "'Counselling' for '2' is read as \"counseling\"." in shown(nb, "test_methods_answers")
    assert shown(nb, "test_perlman_answers").startswith("Format looks right")


def test_validate_reports_the_same_sentences_without_a_traceback(room):
    path = room.root / "slips.ipynb"
    nbformat.write(answered(room, SLIPS), str(path))
    report = run([str(BIN / "nbgrader"), "validate", str(path)], room.root, check=False).stdout
    assert "VALIDATION FAILED" in report
    said = " ".join(report.split())
    assert "Put each answer in quotes" in said and "a comma is missing" in said and "Add an answer for 'Z'" in said
    errors = [part.split("=" * 20)[0] for part in report.split("The error was:")[1:]]
    assert errors and not any("..." in error for error in errors), "a line of an error was cut"
    assert "Traceback" not in report and 'File "' not in report and "site-packages" not in report
