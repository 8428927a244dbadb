"""`make exam` serves the self-study exam practice with Voila; a candidate can start and answer an item."""

from __future__ import annotations

import subprocess

from tests.browser.jupyterlab import answer_practice_item
from tests.conftest import ROOT, tool_env
from tests.servers import Server, free_port


def test_make_exam_serves_practice_that_answers(page, tmp_path):
    port = free_port()
    server = Server(["make", "--no-print-directory", "exam", f"PORT={port}", "OPEN_BROWSER=False"],
                    tmp_path / "voila.log", cwd=ROOT, env=tool_env())
    try:
        server.wait_for(f"http://127.0.0.1:{port}/api/status")  # answers without starting a kernel
        page.goto(f"http://127.0.0.1:{port}/")
        practice = page.locator(".mswlab-exam-practice")
        practice.wait_for(timeout=120_000)
        for family in ("mock-exam", "exam-review", "exam-progress"):
            page.locator(f".mswlab-{family}").wait_for(timeout=60_000)
        assert "exam_practice()" not in page.content(), "Voila should not show code"
        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        practice.get_by_role("button", name="Start practice").click()
        practice.get_by_text("Item 1 of 10").wait_for(timeout=15_000)
        feedback = answer_practice_item(page, ".mswlab-exam-practice")
        assert feedback.startswith(("Correct:", "Not quite."))
        assert "1 answered" in practice.inner_text()
        assert practice.locator(".js-plotly-plot").count() == 1
        mock = page.locator(".mswlab-mock-exam")
        mock.get_by_role("button", name="Start mock exam").click()
        timer = mock.locator("[role=timer]")
        timer.wait_for(timeout=30_000)
        first = timer.inner_text()
        assert first.startswith("Time left: 3:")
        page.wait_for_function(  # the countdown runs while nobody clicks (the widget redraws the element)
            "t => document.querySelector('.mswlab-mock-exam [role=timer]').innerText !== t", arg=first,
            timeout=10_000)
        assert mock.get_by_text("Question 1 of 122").count() == 1
    finally:
        server.stop()
    assert server.proc.returncode is not None
    assert subprocess.run(["pgrep", "-f", f"port={port}"], capture_output=True).returncode == 1, \
        "voila is still running after make exam was stopped"
