"""nbgrader's Validate button agrees with the command line; and the browser checks catch
a widget that breaks (a test of the tests)."""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from tests.browser.jupyterlab import NotebookPage
from tests.conftest import BIN, tool_env

ASSIGNMENT = "01_levels_of_practice"


def cli_validate(root, path: str) -> bool:
    out = subprocess.run([str(BIN / "nbgrader"), "validate", path], cwd=root, env=tool_env(),
                         capture_output=True, text=True, timeout=300).stdout
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
    if kind == "answered":  # the release with the instructor's answers typed in
        answered = lab_root / "answered" / ASSIGNMENT
        shutil.copytree(release, answered, dirs_exist_ok=True)
        shutil.copy(lab_root / "course/source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", answered)
        path = f"answered/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    else:
        path = f"course/release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    expected = cli_validate(lab_root, path)
    assert expected is (kind == "answered")
    assert browser_validate(page, lab, path) is expected


def test_a_widget_that_raises_in_its_callback_fails_the_checks(lab_root, lab, page):
    scratch = lab_root / "scratch"
    scratch.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'import ipywidgets as W\nbutton = W.Button(description="Break")\n'
        'button.on_click(lambda _: 1 / 0)\nbutton.add_class("mswlab-broken")\nbutton')])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(scratch / "broken_widget.ipynb"))
    page_ = NotebookPage(page, *lab).open("scratch/broken_widget.ipynb")
    page_.run_all()
    page_.assert_clean()  # nothing wrong until the student clicks
    page.locator(".mswlab-broken").click()
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-LogConsoleStatusItem [title]')]
                              .some(e => /[1-9]\\d* log entr/.test(e.title))""")
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        page_.assert_clean()
