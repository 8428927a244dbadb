"""A class on a real JupyterHub on loopback, configured by deploy/jupyterhub/.

The instructor generates and releases assignment 01 through the formgrader; two students
fetch it, answer it (one right, one wrong) and submit through their own single-user
servers' nbgrader endpoints (what the Assignment List buttons call); the instructor
collects and autogrades; the grades must differ as the answers do. Every process the
test starts is stopped by PID, and nothing is left running.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, fill_answers, tool_env
from tests.servers import Server, free_port

COURSE = "msw-practice-lab"
ASSIGNMENT = "01_levels_of_practice"
INSTRUCTOR, STUDENTS = "instructor", ("student-right", "student-wrong")
ANSWERS = {
    "student-right": {"levels_answers": '"A": "mezzo", "B": "spans", "C": "micro", "D": "macro",',
                      "methods_answers": '"1": "coaching", "2": "counseling", "3": "coaching",',
                      "perlman_answers": '"W": "place", "X": "process", "Y": "person", "Z": "problem",'},
    "student-wrong": {"levels_answers": '"A": "micro", "B": "micro", "C": "macro", "D": "mezzo",',
                      "methods_answers": '"1": "counseling", "2": "coaching", "3": "counseling",',
                      "perlman_answers": '"W": "person", "X": "problem", "Y": "place", "Z": "process",'},
}


class Hub:
    def __init__(self, base: str, admin_token: str) -> None:
        self.base, self.admin_token, self.tokens = base, admin_token, {}

    def call(self, method: str, path: str, token: str | None = None, body=None, timeout=300):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"token {token or self.admin_token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return json.loads(text) if text.strip() else None

    def start_server(self, user: str) -> None:
        self.call("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + 90
        while not self.call("GET", f"/hub/api/users/{user}")["servers"].get("", {}).get("ready"):
            assert time.monotonic() < deadline, f"{user}'s server did not become ready"
            time.sleep(0.5)
        self.tokens[user] = self.call("POST", f"/hub/api/users/{user}/tokens",
                                      body={"note": "hub test", "expires_in": 3600})["token"]

    def as_user(self, user: str, method: str, path: str, body=None):
        return self.call(method, f"/user/{user}{path}", self.tokens[user], body)


@pytest.fixture
def hub(tmp_path: Path):
    state, exchange = tmp_path / "hub", tmp_path / "exchange"
    course = state / "homes" / INSTRUCTOR / "course"
    course.mkdir(parents=True)
    exchange.mkdir()
    shutil.copy(ROOT / "course/nbgrader_config.py", course)
    shutil.copytree(ROOT / "course/source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    port, admin_token = free_port(), secrets.token_hex(16)
    env = tool_env() | {
        "MSWLAB_HUB_STATE": str(state), "MSWLAB_HUB_PORT": str(port), "MSWLAB_HUB_ADMIN_TOKEN": admin_token,
        "MSWLAB_INSTRUCTORS": INSTRUCTOR, "MSWLAB_STUDENTS": ",".join(STUDENTS),
        "MSWLAB_COURSE_DIR": str(course), "NBGRADER_EXCHANGE": str(exchange),
    }
    for busy in (port + 1, port + 2):  # the hub API and proxy API ports must be free too
        if subprocess.run(["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{busy}"],
                          capture_output=True).returncode == 0:
            pytest.fail(f"port {busy} is taken; rerun")
    server = Server([str(BIN / "jupyterhub"), "-f", str(ROOT / "deploy/jupyterhub/jupyterhub_config.py")],
                    tmp_path / "hub.log", cwd=state, env=env)
    proxy_pid = None
    try:
        # the proxy answers 404 until the hub has registered its routes
        server.wait_for(f"http://127.0.0.1:{port}/hub/api", accept=lambda status: status == 200)
        proxy_pid = int((state / "jupyterhub-proxy.pid").read_text())  # the hub starts it in its own session
        yield Hub(f"http://127.0.0.1:{port}", admin_token), course, exchange, state
    finally:
        server.stop()
        print(server.log.read_text()[-4000:])
        proxy_survived = proxy_pid is not None and _alive(proxy_pid)
        if proxy_survived:
            os.kill(proxy_pid, signal.SIGTERM)
    assert not proxy_survived, "the hub left its proxy running"
    for marker in (str(state), f"--port {port}"):  # user servers live under state; the proxy on port
        leftover = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
        assert not leftover, f"processes left running ({marker}): {leftover}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_class_round_trip_through_the_exchange(hub):
    api, course, exchange, state = hub
    for user in (INSTRUCTOR, *STUDENTS):
        api.start_server(user)

    # instructor: the formgrader is there, and generates and releases the assignment
    assert api.as_user(INSTRUCTOR, "GET", "/formgrader/api/status")["status"] is True
    assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/assign")["success"]
    assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/release")["success"]
    assert (exchange / COURSE / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()

    # students: see the course (hub groups), fetch, answer, submit
    for student in STUDENTS:
        assert COURSE in api.as_user(student, "GET", "/courses")["value"]
        listed = api.as_user(student, "GET", f"/assignments?course_id={COURSE}")["value"]
        assert [a["assignment_id"] for a in listed if a["status"] == "released"] == [ASSIGNMENT]
        query = f"?course_id={COURSE}&assignment_id={ASSIGNMENT}"
        assert api.as_user(student, "POST", f"/assignments/fetch{query}")["success"]
        path = f"/api/contents/{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        model = api.as_user(student, "GET", path)
        api.as_user(student, "PUT", path, {"type": "notebook", "format": "json",
                                           "content": fill_answers(model["content"], ANSWERS[student])})
        assert api.as_user(student, "POST", f"/assignments/submit{query}")["success"]

    inbound = sorted(p.name.split("+")[0] for p in (exchange / COURSE / "inbound").iterdir())
    assert inbound == sorted(STUDENTS), inbound  # each submission is named after its hub user

    # instructor: collect and autograde each submission
    assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/collect")["success"]
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(STUDENTS)
    for student in STUDENTS:
        result = api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/submission/{ASSIGNMENT}/{student}/autograde")
        assert result["success"], result.get("log", result)
    scores = {s["student"]: s["code_score"]
              for s in api.as_user(INSTRUCTOR, "GET", f"/formgrader/api/submissions/{ASSIGNMENT}")}
    assert scores == {"student-right": 11.0, "student-wrong": 0.0}
