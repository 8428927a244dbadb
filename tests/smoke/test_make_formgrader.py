"""`make formgrader`: JupyterLab served from the course folder, so the Formgrader knows the course and
lists its assignments, at the URL it prints (from the repository root it would show an empty course)."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import time

from tests.conftest import ROOT, tool_env
from tests.servers import free_port
from tests.servers import http_get as get


def test_make_formgrader_serves_the_course_at_the_printed_url(tmp_path):
    course = tmp_path / "course"  # a copy, so the Formgrader's gradebook is not written into the checkout
    shutil.copytree(ROOT / "course", course, ignore=shutil.ignore_patterns("release", "submitted", "gradebook.db"))
    port, token = free_port(), secrets.token_hex(8)
    proc = subprocess.Popen(
        ["make", "formgrader", f"PORT={port}", f"TOKEN={token}", "OPEN_BROWSER=False", f"COURSE={course}"],
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
            found = re.search(r"(http://127\.0\.0\.1:\d+/formgrader\?token=\S+)", line)
            url = found.group(1) if found else None
        assert url == f"http://127.0.0.1:{port}/formgrader?token={token}", "".join(log)
        base, status = f"http://127.0.0.1:{port}", None
        while time.monotonic() - started < 60 and status is None:
            try:
                status, _ = get(f"{base}/api/status", token)
            except OSError:
                time.sleep(0.3)
        assert status == 200, "JupyterLab did not answer:\n" + "".join(log)
        status, page = get(url, token)
        assert status == 200 and "course id has not been set" not in page.lower()
        status, listed = get(f"{base}/formgrader/api/assignments", token)
        assert status == 200, listed
        names = {a["name"] for a in json.loads(listed)}
        assert {"01_levels_of_practice", "13_integrative_cases"} <= names, names
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.poll() is not None
