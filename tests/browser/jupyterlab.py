"""Drive a real JupyterLab page in Chromium: open, run all, wait, and look for trouble.

Waits are on JupyterLab's own signals (its kernel's state, numbered input prompts,
elements appearing), never on fixed sleeps.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTPUTS = ".jp-NotebookPanel .jp-OutputArea-output"
ERROR_TEXT = ("Error displaying widget", "Error rendering", "Failed to load model class")
FEEDBACK = "[role=status]:not(.mswlab-live)"  # what a view says (the live region only says where one is)


# True once the notebook's kernel has started, connected and reported idle, read from JupyterLab's
# own state (window.jupyterapp, exposed by the test server). The toolbar's execution indicator
# reads "idle" from the moment the notebook is attached, before any kernel exists, and a Run All
# given then runs some cells with no kernel: they are cleared, or JupyterLab asks which kernel to
# use, and those cells never get a number.
KERNEL_READY = """(path) => {
    const app = window.jupyterapp;
    const panel = app && [...app.shell.widgets('main')].find(w => w.context && w.context.path === path);
    if (!panel || !panel.context.isReady || !panel.sessionContext.isReady || panel.sessionContext.hasNoKernel) {
        return false;
    }
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
# A Run All has ended when no cell waits ([*]) and at least one has run: every cell numbered, or
# the run stopped at an error (JupyterLab leaves the cells after it empty).
PROMPTS = ".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"
RUN_ENDED = """(selector) => {
    const prompts = [...document.querySelectorAll(selector)].map(p => p.textContent);
    return !prompts.some(p => p.includes('[*]')) && prompts.some(p => /\\[\\d+\\]/.test(p));
}"""


class NotebookPage:
    def __init__(self, page: Page, base_url: str, token: str) -> None:
        self.page, self.base_url, self.token = page, base_url, token

    def open(self, path: str) -> NotebookPage:
        """Open ``path`` and wait until its kernel is ready to run cells."""
        # ?reset starts from an empty workspace, so only this notebook is open
        self.page.goto(f"{self.base_url}/lab/tree/{path}?reset&token={self.token}")
        self.page.wait_for_function(KERNEL_READY, arg=path, timeout=120_000, polling=250)
        self.assert_no_dialog()
        return self

    def run_all(self, timeout_ms: int = 180_000) -> None:
        """Run > Run All Cells, as a student would, then wait until the run has ended and
        check that every code cell ran."""
        prompts = self.page.locator(PROMPTS)
        assert not any(re.search(r"\[\d+\]", p) for p in prompts.all_text_contents()), "cells had run already"
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.locator("li[data-command='runmenu:run-all']").click()
        self.page.wait_for_function(RUN_ENDED, arg=PROMPTS, timeout=timeout_ms, polling=250)
        self.assert_no_dialog()
        not_run = [i + 1 for i, p in enumerate(prompts.all_text_contents()) if not re.search(r"\[\d+\]", p)]
        assert not not_run, f"code cells {not_run} did not run; errors in cells: {self.error_outputs()}"

    def assert_no_dialog(self) -> None:
        """No JupyterLab dialog (kernel choice, restart, error) is waiting for an answer."""
        dialogs = self.page.locator(".jp-Dialog")
        assert dialogs.count() == 0, f"JupyterLab showed a dialog: {dialogs.first.inner_text()!r}"

    def error_outputs(self) -> list[str]:
        """Error or stderr outputs in cells, and widgets that failed to render."""
        # text content, not inner text: a cell scrolled out of view renders no inner text
        found = self.page.locator(f"{OUTPUTS}[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        for text in self.page.locator(OUTPUTS).all_text_contents():
            found += [text for marker in ERROR_TEXT if marker in text]
        return found

    def log_entries(self) -> list[str]:
        """Output that arrived outside any cell, such as a traceback from a widget callback.

        JupyterLab sends it to the log console and counts it in the status bar; only when
        the count is not zero is the console opened, to quote the entries.
        """
        item = self.page.locator(".jp-LogConsoleStatusItem [title]")
        titles = item.evaluate_all("els => els.map(e => e.getAttribute('title'))") if item.count() else []
        count = sum(int(m.group(1)) for t in titles for m in [re.search(r"(\d+) log entr", t)] if m)
        if not count:
            return []
        self.page.get_by_role("menuitem", name="View", exact=True).click()
        self.page.get_by_role("menuitem", name="Show Log Console").click()
        entries = self.page.locator(".jp-LogConsolePanel .jp-OutputArea-output")
        entries.first.wait_for()
        return entries.all_inner_texts()

    def assert_clean(self) -> None:
        assert self.error_outputs() == [], "cells produced errors:\n" + "\n".join(self.error_outputs())
        log = self.log_entries()
        assert log == [], "output outside cells (e.g. a widget callback raised):\n" + "\n".join(log)

    def axe_violations(self, impacts=("serious", "critical")) -> list[str]:
        """axe-core violations inside cell outputs only (our widgets and figures).

        JupyterLab's own chrome (menus, toolbars, file browser) is outside our control and
        excluded on purpose; the project answers for what its cells render.
        """
        self.page.add_script_tag(path=str(AXE))
        results = self.page.evaluate(
            """async (selector) => {
                const r = await axe.run({include: [[selector]]}, {resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                              nodes: v.nodes.map(n => n.html.slice(0, 160))}));
            }""",
            OUTPUTS,
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> {v['nodes'][:3]}" for v in results if v["impact"] in impacts
        ]

    def screenshot(self, name: str) -> Path:
        path = ROOT / "artifacts" / "browser" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        return path


def answer_practice_item(page: Page, widget_selector: str = ".mswlab-choice-practice") -> str:
    """Choose the first option of a practice widget by mouse, check it, return the feedback text."""
    widget = page.locator(widget_selector).first
    widget.scroll_into_view_if_needed()
    widget.locator(".widget-radio-box label").first.click()
    widget.get_by_role("button", name="Check answer").click()
    feedback = widget.locator(FEEDBACK)
    feedback.wait_for(timeout=15_000)
    return feedback.inner_text()


KEYBOARD_READY = """(widget) => {
    const radios = [...widget.querySelectorAll('input[type=radio]')];
    const buttons = [...widget.querySelectorAll('button')];
    return radios.length > 0 && radios.every(r => r.hasAttribute('data-lm-suppress-shortcuts') && r.name)
        && buttons.some(b => b.textContent === 'Check answer')
        && buttons.every(b => b.hasAttribute('data-lm-suppress-shortcuts'));
}"""


def answer_exam_practice_by_keyboard(page: Page) -> str:
    """Start exam practice and answer its first item with the keyboard alone; return the feedback text."""
    widget = page.locator(".mswlab-exam-practice").first
    widget.scroll_into_view_if_needed()
    start = widget.get_by_role("button", name="Start practice")
    start.focus()
    page.keyboard.press("Enter")
    widget.get_by_text("Item 1 of 10").wait_for(timeout=15_000)
    # widgets/keyboard.py marks the new controls; until then JupyterLab owns the arrow keys
    page.wait_for_function(KEYBOARD_READY, arg=widget.element_handle())
    widget.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    checked = widget.locator("input[type=radio]").evaluate_all("els => els.map(e => e.checked)")
    assert checked.count(True) == 1, "an arrow key did not choose an option"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    feedback = widget.locator(FEEDBACK).last
    try:
        feedback.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        raise AssertionError(
            "no feedback after Enter on Check answer; focus on "
            f"{page.evaluate('document.activeElement.outerHTML')[:200]!r}; "
            f"the widget said: {widget.inner_text()[:1500]!r}"
        ) from None
    assert "1 answered" in widget.inner_text()
    return feedback.inner_text()
