"""Keyboard-only use and accessible names for the practice widget, in JupyterLab."""

from __future__ import annotations

from tests.browser.jupyterlab import KEYBOARD_READY, NotebookPage

MODULE = "modules/01_levels_of_practice.ipynb"

# Rebuild the focused radio box's inputs the way ipywidgets' RadioButtonsView.update does,
# then report what has the focus once the page has reacted.
REBUILD_FOCUSED_RADIO_BOX = """async () => {
    const box = document.activeElement.closest('.widget-radio-box');
    const labels = [...box.querySelectorAll('label')].map(l => l.textContent);
    box.textContent = '';
    labels.forEach((text, i) => {
        const label = document.createElement('label');
        label.textContent = text;
        const input = document.createElement('input');
        input.setAttribute('type', 'radio');
        input.value = String(i);
        label.appendChild(input);
        box.appendChild(label);
    });
    await new Promise(resolve => setTimeout(resolve, 0));
    const now = document.activeElement;
    return now.matches('input[type=radio]') && box.contains(now) ? 'radio' : now.tagName;
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
    # ipywidgets rebuilds the options on any update from the kernel; the focus must survive
    assert page.evaluate(REBUILD_FOCUSED_RADIO_BOX) == "radio", "rebuilding the options lost the focus"
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
        page.wait_for_function(  # the new scenario's options have arrived: none is chosen yet
            "w => ![...w.querySelectorAll('input[type=radio]')].some(r => r.checked)", arg=widget.element_handle())
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


CALCULATOR_MODULE = "modules/06_strengths_and_screening.ipynb"


def test_instrument_calculator_works_from_the_keyboard_and_names_a_bad_item(lab, page):
    """Digits typed into the calculator reach its boxes (in command mode JupyterLab would turn
    them into heading shortcuts), Tab walks the items to the button, and a bad entry is
    named beside its item."""
    nb = NotebookPage(page, *lab).open(CALCULATOR_MODULE)
    nb.run_all()
    widget = page.locator(".mswlab-instrument-calculator").first
    widget.scroll_into_view_if_needed()
    page.wait_for_function("""(w) => { const i = [...w.querySelectorAll('input')];
        return i.length === 10 && i.every(e => e.hasAttribute('data-lm-suppress-shortcuts')); }""",
                           arg=widget.element_handle())
    boxes = widget.locator("input")
    boxes.first.focus()
    for answer in "1234400010":  # item 9 answered 1: AUDIT items 9 and 10 score 0, 2 or 4
        page.keyboard.type(answer)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Score it"
    page.keyboard.press("Enter")
    alert = widget.locator("[role=alert]", has_text="item 9 is scored 0, 2 or 4")
    alert.wait_for()
    assert boxes.nth(0).input_value() == "1", "a typed answer was lost"
    boxes.nth(8).focus()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    widget.locator("[role=status]", has_text="Total: 16 of 40").wait_for()
    assert widget.locator("[role=alert]").count() == 0
    # had a digit reached JupyterLab's command mode, the active cell (this one) would have become a heading
    assert page.locator(".jp-CodeCell:has(.mswlab-instrument-calculator)").count() == 1, "a key reached JupyterLab"
    nb.assert_clean()

