"""Every ready module, run in JupyterLab in Chromium as a student would run it.

The list of modules and what each promises to render come from course/curriculum.yaml,
so a module marked ready later is covered without editing this file.
"""

from __future__ import annotations

import pytest

from mswlab.content import load_curriculum
from tests.browser.jupyterlab import NotebookPage, answer_practice_item

READY = load_curriculum().ready


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_module_runs_renders_and_responds(module, lab, page):
    assert module.widgets, f"{module.id} promises no widget, so nothing can be interacted with"
    nb = NotebookPage(page, *lab).open(module.notebook)
    nb.run_all()
    nb.assert_clean()
    for name in module.widgets:
        assert page.locator(f".mswlab-{name}").count() >= 1, f"widget {name} was not rendered"
    drawn = page.locator(".js-plotly-plot:has(.main-svg)").count()  # a figure whose SVG was drawn
    assert drawn >= module.figures, f"{drawn} plotly figure(s) drawn, {module.figures} promised"
    if "choice-practice" in module.widgets:
        feedback = answer_practice_item(page)
        # right and wrong are said in words, not only by colour
        assert feedback.startswith(("Correct:", "Not quite.")), feedback
    nb.assert_clean()  # the interaction raised nothing, in a cell or in a callback
    assert nb.axe_violations() == []
    nb.screenshot(module.id)
