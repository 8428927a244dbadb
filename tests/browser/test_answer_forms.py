"""A student answers assignment 01 through its forms alone, in JupyterLab, and the grader gives full marks.

No answer cell is typed in: the student enters their id once, chooses and writes in the forms,
saves, and submits the folder (the notebook and the forms' file, as nbgrader submits it). The
sandboxed grader scores the student's own variants from the forms' file.
"""

from __future__ import annotations

import shutil

from mswlab import tasks
from tests.browser.jupyterlab import NotebookPage
from tests.conftest import ROOT
from tests.grading.classroom import Classroom

ASSIGNMENT = "01_levels_of_practice"
STUDENT = "forms-only-student"

RUN_CELL = """([path, index]) => {
    const app = window.jupyterapp;
    const panel = [...app.shell.widgets('main')].find(w => w.context && w.context.path === path);
    app.shell.activateById(panel.id);
    panel.content.activeCellIndex = index;
    return app.commands.execute('notebook:run-cell');
}"""


def form_cells(nb_path) -> list[int]:
    import nbformat

    nb = nbformat.read(str(nb_path), as_version=4)
    return [i for i, c in enumerate(nb.cells) if "task_form(" in c.source]


def test_answering_through_the_forms_alone_is_graded_in_full(lab_root, lab, page, tmp_path):
    folder = lab_root / "forms" / ASSIGNMENT
    shutil.copytree(lab_root / "course/release" / ASSIGNMENT, folder)
    path = f"forms/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    nb = NotebookPage(page, *lab).open(path)
    cells = form_cells(folder / f"{ASSIGNMENT}.ipynb")
    page.evaluate(RUN_CELL, [path, 1])  # the setup cell
    for index in cells:
        page.evaluate(RUN_CELL, [path, index])
    forms = page.locator(".mswlab-task")
    forms.nth(len(cells) - 1).wait_for()
    # no hub here: the first form asks for the student id, and one answer shows every form's questions
    forms.nth(0).locator("input[type=text]").fill(STUDENT)
    forms.nth(0).get_by_role("button", name="Show my questions").click()
    for k, part in enumerate(tasks.load(ASSIGNMENT).parts):
        form = forms.nth(k)
        form.get_by_role("button", name="Save my answers").wait_for()
        variant = tasks.variant_for(ASSIGNMENT, part, STUDENT)
        answer = tasks.best_answer(part, variant)
        if part.kind in ("choice", "sort"):
            groups = form.locator(".widget-radio-box")
            for i, key in enumerate(answer.values()):
                label = f"{key.upper()}. " if part.kind == "choice" else key
                groups.nth(i).locator("label").filter(has_text=label).first.click()
        else:
            boxes = form.locator("textarea")
            for i, text in enumerate(answer.values()):
                boxes.nth(i).fill(str(text))
        form.get_by_role("button", name="Save my answers").click()
        form.get_by_text("All answered.").wait_for()
    nb.screenshot("answer-forms")
    nb.assert_clean()
    saved = folder / "form_answers.json"
    assert saved.is_file() and "YOUR ANSWER HERE" in (folder / f"{ASSIGNMENT}.ipynb").read_text()

    # submitted as nbgrader submits it: the whole folder
    room = Classroom(tmp_path / "course", source=ROOT / "course/source")
    shutil.copytree(folder, room.folder(STUDENT), dirs_exist_ok=True)
    assert room.mswlab_autograde().returncode == 0
    assert room.auto_score(STUDENT) == sum(p.points for p in tasks.load(ASSIGNMENT).parts)
