"""nbgrader's Validate button agrees with the command line; and the browser checks catch
a widget that breaks (a test of the tests)."""

from __future__ import annotations

import shutil
import subprocess
import time

import nbformat
import pytest

from tests.browser.jupyterlab import NotebookPage
from tests.conftest import BIN, tool_env
from tests.grading import task_answers

ASSIGNMENT = "01_levels_of_practice"


def cli_validate(root, path: str) -> bool:
    out = subprocess.run(
        [str(BIN / "nbgrader"), "validate", path], cwd=root, env=tool_env(), capture_output=True, text=True, timeout=300
    ).stdout
    assert "Success!" in out or "VALIDATION FAILED" in out, out
    return "Success!" in out


def browser_validate(page, lab, path: str) -> bool:
    nb = NotebookPage(page, *lab).open(path)
    page.locator(".jp-Toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=120_000)
    text = dialog.inner_text()
    assert "Success!" in text or "failed" in text.lower(), text
    nb.screenshot(f"validate-{path.split('/')[-2]}")
    return "Success!" in text


@pytest.mark.parametrize("kind", ["release", "answered"])
def test_validate_button_matches_the_command_line(kind, lab_root, lab, page):
    release = lab_root / "course/release" / ASSIGNMENT
    if kind == "answered":  # the release answered through the forms, as student "ana" would
        answered = lab_root / "answered" / ASSIGNMENT
        shutil.copytree(release, answered, dirs_exist_ok=True)
        (answered / "form_answers.json").write_bytes(
            task_answers.form_file_bytes("ana", task_answers.best(ASSIGNMENT, "ana"))
        )
        notebook = answered / f"{ASSIGNMENT}.ipynb"
        nbformat.write(task_answers.with_written_answers(nbformat.read(str(notebook), as_version=4)), str(notebook))
        path = f"answered/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    else:
        path = f"course/release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    expected = cli_validate(lab_root, path)
    assert expected is (kind == "answered")
    assert browser_validate(page, lab, path) is expected


def scratch_notebook(lab_root, name: str, *sources: str) -> str:
    """A notebook of code cells in the lab's scratch folder; returns its path for the lab."""
    scratch = lab_root / "scratch"
    scratch.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(scratch / name))
    return f"scratch/{name}"


def test_a_run_that_stops_at_an_error_is_reported_at_once_with_the_cells_not_run(lab_root, lab, page):
    nb = NotebookPage(page, *lab).open(scratch_notebook(lab_root, "stops.ipynb", "x = 1", "1 / 0", "y = 2"))
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"code cells \[3\] did not run; errors in cells: .*ZeroDivisionError"):
        nb.run_all()
    assert time.monotonic() - started < 60, "the run's end was missed: run_all waited for cells that never run"


def test_a_widget_that_raises_in_its_callback_fails_the_checks(lab_root, lab, page):
    path = scratch_notebook(
        lab_root,
        "broken_widget.ipynb",
        'import ipywidgets as W\nbutton = W.Button(description="Break")\n'
        'button.on_click(lambda _: 1 / 0)\nbutton.add_class("mswlab-broken")\nbutton',
    )
    page_ = NotebookPage(page, *lab).open(path)
    page_.run_all()
    page_.assert_clean()  # nothing wrong until the student clicks
    page.locator(".mswlab-broken").click()
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-LogConsoleStatusItem [title]')]
                              .some(e => /[1-9]\\d* log entr/.test(e.title))""")
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        page_.assert_clean()
