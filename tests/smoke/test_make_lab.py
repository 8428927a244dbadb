"""`make lab` itself: it serves JupyterLab with module 00, prints a working URL, and
does not reinstall anything on a second run. It also gives the student the practice assignment in
an exchange of their own, and no instructor tools."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT, tool_env
from tests.servers import free_port
from tests.servers import http_get as get


def test_venv_is_up_to_date_so_make_does_not_reinstall():
    # `make test` has just run, so both install stamps must be newer than pyproject.toml.
    result = subprocess.run(
        ["make", "--question", ".venv/.installed-base", ".venv/.installed-test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "make would reinstall the venv although nothing changed"


def test_make_lab_serves_module_00_at_the_printed_url():
    port, token = free_port(), secrets.token_hex(8)
    proc = subprocess.Popen(
        ["make", "lab", f"PORT={port}", f"TOKEN={token}", "OPEN_BROWSER=False"],
        cwd=ROOT,
        env=tool_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        url, log, started = None, [], time.monotonic()
        while url is None and time.monotonic() - started < 60:
            line = proc.stdout.readline()
            log.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/lab/tree/\S+\?token=\S+)", line)
            url = found.group(1) if found else None
        assert url, "make lab printed no URL:\n" + "".join(log)
        assert url == f"http://127.0.0.1:{port}/lab/tree/modules/00_start_here.ipynb?token={token}"
        base = f"http://127.0.0.1:{port}"
        status = None
        while time.monotonic() - started < 60 and status is None:
            try:
                status, body = get(f"{base}/api/status", token)
            except OSError:
                time.sleep(0.3)
        assert status == 200, "JupyterLab did not answer:\n" + "".join(log)
        answered = time.monotonic() - started
        assert answered < 30, f"second start took {answered:.1f} s"
        status, page = get(url, token)
        assert status == 200 and "JupyterLab" in page
        status, model = get(f"{base}/api/contents/modules/00_start_here.ipynb?content=0", token)
        assert status == 200 and '"type":"notebook"' in model.replace(" ", "")
        status, settings = get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
        defaults = json.loads(settings)["schema"]["properties"]  # overrides.json lands here
        assert defaults["checkForUpdates"]["default"] is False and defaults["fetchNews"]["default"] == "false"
        # the Assignment List works without a hub: the practice assignment waits in the student's own exchange
        status, listed = get(f"{base}/assignments?course_id=msw-practice-lab", token)
        assert status == 200, listed
        assert [(a["assignment_id"], a["status"]) for a in json.loads(listed)["value"]] == [
            ("00_start_here", "released")
        ], listed
        assert (Path(os.environ["MSWLAB_HOME"]) / "exchange/msw-practice-lab/outbound/00_start_here").is_dir()
        # and students see no instructor tools
        assert get(f"{base}/formgrader", token)[0] == 404
        config = json.loads(
            re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S).group(1)
        )
        assert {f"@jupyter/nbgrader:{plugin}" for plugin in ("formgrader", "create-assignment", "course-list")} <= set(
            config["disabledExtensions"]
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=30)  # waits, and reads and closes its output
    assert proc.poll() is not None
