"""Every ready module, run in JupyterLab in Chromium as a student would run it.

The list of modules and what each promises to render come from course/curriculum.yaml,
so a module marked ready later is covered without editing this file.
"""

from __future__ import annotations

import pytest

from mswlab.content import load_curriculum
from tests.browser.jupyterlab import FEEDBACK, NotebookPage, answer_exam_practice_by_keyboard, answer_practice_item

READY = load_curriculum().ready
# The later half runs from test_modules_later.py, so that the two workers share the modules.
EARLIER, LATER = READY[: len(READY) // 2], READY[len(READY) // 2 :]


@pytest.mark.parametrize("module", EARLIER, ids=lambda m: m.id)
def test_module_runs_renders_and_responds(module, lab, page):
    run_module(module, lab, page)


def run_module(module, lab, page) -> None:
    """Run the notebook as a student would, then check what it promised to render and that it responds."""
    assert module.widgets, f"{module.id} promises no widget, so nothing can be interacted with"
    nb = NotebookPage(page, *lab).open(module.notebook)
    nb.run_all()
    nb.assert_clean()
    # widget views and figures render after the kernel is idle, later on a busy machine: wait for them
    for name in module.widgets:
        page.locator(f".mswlab-{name}").first.wait_for(state="attached", timeout=60_000)
    if module.figures:
        page.wait_for_function(  # figures whose SVG was drawn
            "n => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg'))"
            ".length >= n",
            arg=module.figures,
            timeout=60_000,
        )
    if "choice-practice" in module.widgets:
        feedback = answer_practice_item(page)
        # right and wrong are said in words, not only by colour
        assert feedback.startswith(("Correct:", "Not quite.")), feedback
    if "exam-practice" in module.widgets:  # exam items are answered by keyboard alone
        feedback = answer_exam_practice_by_keyboard(page)
        assert feedback.startswith(("Correct:", "Not quite.")), feedback
    for name, button in (("gas-builder", "Score"), ("license-planner", "Plan")):  # their charts come on a click
        if name in module.widgets:
            view = page.locator(f".mswlab-{name}").first
            view.scroll_into_view_if_needed()
            view.get_by_role("button", name=button).click()
            view.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
            assert view.locator(FEEDBACK).first.inner_text().strip()
    nb.assert_clean()  # the interaction raised nothing, in a cell or in a callback
    assert nb.axe_violations() == []
    nb.screenshot(module.id)
