"""Keyboard-only use and accessible names for the practice widget, in JupyterLab."""

from __future__ import annotations

from tests.browser.jupyterlab import FEEDBACK, KEYBOARD_READY, NotebookPage

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
        feedback = widget.locator(FEEDBACK)
        feedback.wait_for()
        assert feedback.inner_text().startswith(("Correct:", "Not quite."))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Next scenario"
        page.keyboard.press("Space")
        widget.locator(".widget-html-content b", has_text=f"Scenario {number + 1} of 28").wait_for()
        page.wait_for_function(  # the new scenario's options have arrived: none is chosen yet
            "w => ![...w.querySelectorAll('input[type=radio]')].some(r => r.checked)", arg=widget.element_handle()
        )
        # focus went to the new scenario's text; its options are one Tab away
        page.wait_for_function("() => document.activeElement.classList.contains('mswlab-stem')")
        page.keyboard.press("Tab")
    assert "3 answered" in widget.inner_text()
    nb.assert_clean()


def test_every_control_has_an_accessible_name(lab, page):
    nb = NotebookPage(page, *lab).open(MODULE)
    nb.run_all()
    widget = page.locator(".mswlab-choice-practice").first
    widget.locator("button").first.wait_for()  # the view renders after the cell reports done
    names = widget.locator("input, button, select, textarea, [role=radiogroup]").evaluate_all(
        """els => els.map(e => (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent)
                               || e.textContent || '').trim())"""
    )
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
    page.wait_for_function(
        """(w) => { const i = [...w.querySelectorAll('input')];
        return i.length === 10 && i.every(e => e.hasAttribute('data-lm-suppress-shortcuts')); }""",
        arg=widget.element_handle(),
    )
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


# Labels that wrap and do not overlap, buttons whose text fits: measured in the page, not read from CSS.
LAYOUT_PROBLEMS = """(selector) => {
    const problems = [];
    const visible = (e) => e.offsetParent !== null;
    for (const view of document.querySelectorAll(selector)) {
        for (const box of view.querySelectorAll('.widget-radio-box')) {
            const labels = [...box.querySelectorAll('label')].filter(visible);
            labels.forEach((label, i) => {
                if (label.scrollHeight > label.clientHeight + 1)
                    problems.push('option cut off: ' + label.textContent.slice(0, 50));
                const next = labels[i + 1];
                if (next && label.getBoundingClientRect().bottom > next.getBoundingClientRect().top + 1)
                    problems.push('options overlap: ' + label.textContent.slice(0, 50));
            });
        }
        for (const button of [...view.querySelectorAll('button')].filter(visible)) {
            if (button.scrollWidth > button.clientWidth + 1 || button.scrollHeight > button.clientHeight + 1)
                problems.push('button text cut off: ' + button.textContent);
        }
    }
    return problems;
}"""


def test_long_options_wrap_without_overlapping_and_no_button_is_cut_off(lab, page):
    nb = NotebookPage(page, *lab).open("modules/07_crisis_and_risk.ipynb")
    nb.run_all()
    view = page.locator(".mswlab-risk-triage").first
    view.locator(".widget-radio-box label").first.wait_for()
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        view.scroll_into_view_if_needed()
        assert page.evaluate(LAYOUT_PROBLEMS, "[class*='mswlab-']") == [], f"at {width} px wide"
    labels = view.locator(".widget-radio-box").nth(1).locator("label")  # step 4's long actions
    heights = [box["height"] for box in (labels.nth(i).bounding_box() for i in range(labels.count()))]
    assert max(heights) > 40, "a long option should take more than one line"
    labels.first.scroll_into_view_if_needed()
    page.screenshot(path=str(nb.screenshot("layout-07").with_name("layout-07-step-4.png")))


def test_focus_ring_is_thick_and_dark_and_next_moves_focus_to_the_new_question(lab, page):
    nb = NotebookPage(page, *lab).open(MODULE)
    nb.run_all()
    widget = page.locator(".mswlab-choice-practice").first
    widget.scroll_into_view_if_needed()
    page.wait_for_function(KEYBOARD_READY, arg=widget.element_handle())
    widget.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [parseFloat(s.outlineWidth), s.outlineStyle, s.outlineColor]; }""")
    assert ring[0] >= 2 and ring[1] == "solid" and ring[2] in ("rgb(26, 26, 26)", "rgb(0, 0, 0)"), ring
    page.keyboard.press("Enter")  # Check answer
    widget.locator(FEEDBACK).first.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Next scenario"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('mswlab-stem')", timeout=15_000)
    live = widget.locator(".mswlab-live")
    assert live.get_attribute("aria-live") == "polite"
    page.wait_for_function("(l) => l.textContent === 'Scenario 2 of 28'", arg=live.element_handle(), timeout=5_000)
    page.keyboard.press("Tab")  # the options come next, one Tab away
    assert page.evaluate("document.activeElement.matches('input[type=radio]')")


def test_charts_in_practice_views_add_no_tab_stops(lab, page):
    nb = NotebookPage(page, *lab).open(MODULE)
    nb.run_all()
    chart = page.locator(".mswlab-choice-practice .js-plotly-plot").first
    chart.locator(".main-svg").first.wait_for()
    stops = chart.evaluate("""(c) => [...c.querySelectorAll('a, button, input, select, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && e.offsetParent !== null).length""")
    assert stops == 0
