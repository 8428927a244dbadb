"""`make exam` serves the self-study page with Voila; a candidate can answer an item."""

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
        page.locator(".mswlab-choice-practice").wait_for(timeout=120_000)
        assert "which_level()" not in page.content(), "Voila should not show code"
        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        feedback = answer_practice_item(page)
        assert feedback.startswith(("Correct:", "Not quite."))
        assert "1 answered" in page.locator(".mswlab-choice-practice").inner_text()
        assert page.locator(".js-plotly-plot").count() == 1
    finally:
        server.stop()
    assert server.proc.returncode is not None
    assert subprocess.run(["pgrep", "-f", f"port={port}"], capture_output=True).returncode == 1, \
        "voila is still running after make exam was stopped"
