"""Keyboard-only use and accessible names for the practice widget, in JupyterLab."""

from __future__ import annotations

from tests.browser.jupyterlab import NotebookPage

MODULE = "modules/01_levels_of_practice.ipynb"
KEYBOARD_READY = """(widget) => {
    const radios = [...widget.querySelectorAll('input[type=radio]')];
    return radios.length > 0 && radios.every(r => r.hasAttribute('data-lm-suppress-shortcuts') && r.name);
}"""


def test_practice_widget_can_be_completed_with_the_keyboard_alone(lab, page):
    nb = NotebookPage(page, *lab).open(MODULE)
    nb.run_all()
    widget = page.locator(".mswlab-choice-practice").first
    widget.scroll_into_view_if_needed()
    # widgets/keyboard.py loads asynchronously; until it has marked the controls,
    # JupyterLab still owns the arrow keys
    widget.element_handle().wait_for_element_state("visible")
    page.wait_for_function(KEYBOARD_READY, arg=widget.element_handle())
    widget.locator("input[type=radio]").first.focus()  # the student has tabbed into the group
    for number in (1, 2, 3):
        page.wait_for_function(KEYBOARD_READY, arg=widget.element_handle())
        assert widget.locator(".widget-html-content b").first.inner_text() == f"Scenario {number} of 28"
        page.keyboard.press("ArrowDown")  # arrows choose within the radio group
        checked = widget.locator("input[type=radio]").evaluate_all("els => els.map(e => e.checked)")
        assert checked.count(True) == 1, "an arrow key did not choose an option"
        page.keyboard.press("Tab")  # one Tab leaves the group for the Check answer button
        assert page.evaluate("document.activeElement.textContent") == "Check answer"
        page.keyboard.press("Enter")
        feedback = widget.locator("[role=status]")
        feedback.wait_for()
        assert feedback.inner_text().startswith(("Correct:", "Not quite."))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Next scenario"
        page.keyboard.press("Space")
        widget.locator(".widget-html-content b", has_text=f"Scenario {number + 1} of 28").wait_for()
        page.keyboard.press("Shift+Tab")  # back to Check answer
        page.keyboard.press("Shift+Tab")  # and into the radio group
    assert "3 answered" in widget.inner_text()
    nb.assert_clean()


def test_every_control_has_an_accessible_name(lab, page):
    nb = NotebookPage(page, *lab).open(MODULE)
    nb.run_all()
    widget = page.locator(".mswlab-choice-practice").first
    widget.locator("button").first.wait_for()  # the view renders after the cell reports done
    names = widget.locator("input, button, select, textarea, [role=radiogroup]").evaluate_all(
        """els => els.map(e => (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent)
                               || e.textContent || '').trim())""")
    assert names and all(names), f"controls without a name: {names}"
    assert "Your answer:" in names  # the radio group is named by its visible label
