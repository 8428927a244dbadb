"""The practice assignment on a plain ``make lab``, as a student who is an ordinary user: fetch it from
Nbgrader > Assignment List, answer it, validate it and submit it, with no class hub and no system
exchange, only the exchange ``mswlab practice-assignment`` makes in the student's own folder.
JupyterLab runs as a real account, configured as ``make lab`` configures it (jupyter/student/).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from pathlib import Path

import pytest

from tests.accounts import account, as_account
from tests.browser.jupyterlab import NotebookPage
from tests.conftest import BIN, ROOT, tool_env
from tests.servers import Server, free_ports

ASSIGNMENT, COURSE = "00_start_here", "msw-practice-lab"
ANSWER = 'start_answers = {"run": "b", "before_submit": "a"}'
GOALS = "I want to write measurable goals with clients. I also want a study plan for the licensing exam."


@pytest.fixture
def student_lab():
    """JupyterLab as an ordinary user, as ``make lab`` starts it; yields (base URL, token, the user's
    MSWLAB_HOME, the folder JupyterLab serves, the user's name)."""
    with account("mswlab-s") as (user, base):
        home, served = Path(user.pw_dir) / ".mswlab", base / "work"
        prefix, env = as_account(
            user,
            tool_env()
            | {
                "MSWLAB_HOME": str(home),
                "MSWLAB_ASSIGNMENTS": str(served / "my-assignments"),
                "JUPYTER_CONFIG_PATH": str(ROOT / "jupyter/student"),
            },
        )
        served.mkdir()
        os.chown(served, user.pw_uid, user.pw_gid)
        made = subprocess.run(
            [*prefix, str(BIN / "mswlab"), "practice-assignment"], env=env, capture_output=True, text=True, timeout=300
        )
        assert made.returncode == 0, made.stdout + made.stderr
        port, token = free_ports(1), secrets.token_hex(16)
        server = Server(
            [
                *prefix,
                str(BIN / "jupyter"),
                "lab",
                "--no-browser",
                f"--ServerApp.root_dir={served}",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}",
                "--LabApp.expose_app_in_browser=True",
            ],
            base / "lab.log",
            cwd=served,
            env=env,
        )
        try:
            server.wait_for(f"http://127.0.0.1:{port}/api/status", token)
            yield f"http://127.0.0.1:{port}", token, home, served, user.pw_name
        finally:
            server.stop()


def test_a_student_fetches_validates_and_submits_the_practice_assignment_without_a_hub(student_lab, page):
    base, token, home, served, student = student_lab
    page.goto(f"{base}/lab?reset&token={token}")
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu").last
    labels = menu.locator(".lm-Menu-itemLabel").all_text_contents()
    assert "Assignment List" in labels and not any("Formgrader" in label for label in labels), labels
    menu.get_by_text("Assignment List", exact=True).click()
    released = page.locator("#released_assignments_list")
    released.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
    released.get_by_role("button", name="Fetch").click()
    fetched = page.locator("#fetched_assignments_list")
    fetched.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
    notebook = f"my-assignments/{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    assert (served / notebook).is_file()

    nb = NotebookPage(page, base, token).open(notebook)
    cell = page.locator(".jp-CodeCell", has_text="YOUR ANSWER HERE").first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(ANSWER)
    goals = page.locator(".jp-MarkdownCell", has_text="YOUR ANSWER HERE").first  # Part B, marked by hand
    goals.dblclick()
    goals.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(GOALS)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
    page.locator(".jp-Toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=120_000)
    assert "Success!" in dialog.inner_text(), dialog.inner_text()
    dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    nb.screenshot("practice-assignment-validated")

    page.goto(f"{base}/lab?reset&token={token}")
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.locator(".lm-Menu").last.get_by_text("Assignment List", exact=True).click()
    fetched = page.locator("#fetched_assignments_list")
    fetched.get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list").get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
    inbound = list((home / "exchange" / COURSE / "inbound").iterdir())
    assert len(inbound) == 1 and inbound[0].name.startswith(f"{student}+{ASSIGNMENT}+"), inbound
    submitted = json.loads((inbound[0] / f"{ASSIGNMENT}.ipynb").read_text())
    for typed in (ANSWER, GOALS):
        assert any(typed in "".join(cell["source"]) for cell in submitted["cells"]), typed
