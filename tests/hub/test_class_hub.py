"""A class on a real JupyterHub on loopback, configured by deploy/jupyterhub/, with a Unix account
for every hub user.

The hub makes the accounts (one instructor, two students; names unique to this run, removed
afterwards with the instructors' group). The instructor generates and releases assignment 01
through the formgrader; the students fetch it, answer it (one right, one wrong) and submit through
their own servers' nbgrader endpoints (what the Assignment List buttons call); the instructor
collects, autogrades, generates and releases feedback; a student fetches it. The grades must
differ as the answers do.

Isolation is proven with real kernels in the students' servers, running as their accounts: a
student cannot open the course's sources or gradebook, another student's home, the list of
submissions or another student's submission, and is not told where the course folder is. The
instructor's kernel can open the course. Every process the test starts is stopped by PID.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from tests.accounts import Passage, remove_account, require_root
from tests.conftest import BIN, ROOT, fill_answers, tool_env
from tests.grading.classroom import FIXTURE_SOURCE
from tests.servers import Server, free_ports

COURSE = "msw-practice-lab"
ASSIGNMENT = "01_levels_of_practice"
RUN = f"mswt{secrets.token_hex(2)}"  # account names unique to this run
INSTRUCTOR, RIGHT, WRONG = f"{RUN}-prof", f"{RUN}-ana", f"{RUN}-ben"
STUDENTS = (RIGHT, WRONG)
GROUP = f"{RUN}-teach"
ANSWERS = {
    RIGHT: {
        "levels_answers": '"A": "mezzo", "B": "spans", "C": "micro", "D": "macro",',
        "methods_answers": '"1": "coaching", "2": "counseling", "3": "coaching",',
        "perlman_answers": '"W": "place", "X": "process", "Y": "person", "Z": "problem",',
    },
    WRONG: {
        "levels_answers": '"A": "micro", "B": "micro", "C": "macro", "D": "mezzo",',
        "methods_answers": '"1": "counseling", "2": "coaching", "3": "counseling",',
        "perlman_answers": '"W": "person", "X": "problem", "Y": "place", "Z": "process",',
    },
}

# Run in a kernel: what happens when it tries each path (OPEN, or the error's name).
PROBE = """import json, os
def attempt(path):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path, "rb").read(1)
        return "OPEN"
    except OSError as err:
        return type(err).__name__
print(json.dumps({{name: attempt(path) for name, path in {paths!r}.items()}}
                 | {{"course_env": os.environ.get("MSWLAB_COURSE_DIR", "unset")}}))
"""


class Hub:
    def __init__(self, base: str, admin_token: str) -> None:
        self.base, self.admin_token, self.tokens = base, admin_token, {}

    def call(self, method: str, path: str, token: str | None = None, body=None, timeout=300):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {token or self.admin_token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        try:
            return json.loads(text) if text.strip() else None
        except ValueError:
            raise AssertionError(f"{method} {path} answered with something other than JSON: {text[:2000]}") from None

    def start_server(self, user: str) -> None:
        self.call("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + 90
        while not self.call("GET", f"/hub/api/users/{user}")["servers"].get("", {}).get("ready"):
            assert time.monotonic() < deadline, f"{user}'s server did not become ready"
            time.sleep(0.5)
        self.tokens[user] = self.call(
            "POST", f"/hub/api/users/{user}/tokens", body={"note": "hub test", "expires_in": 3600}
        )["token"]

    def as_user(self, user: str, method: str, path: str, body=None):
        return self.call(method, f"/user/{user}{path}", self.tokens[user], body)

    def run_code(self, user: str, code: str) -> str:
        """Run ``code`` in a new kernel of ``user``'s own server; returns what it printed."""
        kernel = self.as_user(user, "POST", "/api/kernels", {"name": "python3"})
        try:
            url = f"{self.base.replace('http', 'ws', 1)}/user/{user}/api/kernels/{kernel['id']}/channels"
            # a thread of its own: another test in this worker may have left an event loop running here
            with ThreadPoolExecutor(1) as thread:
                return thread.submit(asyncio.run, _execute(url, self.tokens[user], code)).result()
        finally:
            self.as_user(user, "DELETE", f"/api/kernels/{kernel['id']}")


async def _execute(url: str, token: str, code: str, timeout: float = 60) -> str:
    socket = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
    msg_id = uuid.uuid4().hex
    socket.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "test",
                    "session": uuid.uuid4().hex,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    printed = []
    while True:
        message = json.loads(await asyncio.wait_for(socket.read_message(), timeout))
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(message["content"]["traceback"]))
        elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            # the kernel's last word on this request, on the same channel as its output; the shell
            # channel's execute_reply can overtake output still on its way
            socket.close()
            return "".join(printed)


@pytest.fixture
def hub():
    require_root("the class hub makes an account for every user")
    base = Path(tempfile.mkdtemp(prefix="mswlab-hub-"))
    base.chmod(0o755)  # the accounts' homes are in here
    state, homes, exchange, course = base / "hub", base / "homes", base / "exchange", base / "course"
    for folder in (state, homes, course):
        folder.mkdir()
    homes.chmod(0o755)
    shutil.copy(ROOT / "course/nbgrader_config.py", course)
    shutil.copytree(FIXTURE_SOURCE / ASSIGNMENT, course / "source" / ASSIGNMENT)
    port, admin_token = free_ports(3), secrets.token_hex(16)  # the hub, its API and the proxy's API
    env = tool_env() | {
        "MSWLAB_HUB_STATE": str(state),
        "MSWLAB_HUB_PORT": str(port),
        "MSWLAB_HUB_ADMIN_TOKEN": admin_token,
        "MSWLAB_INSTRUCTORS": INSTRUCTOR,
        "MSWLAB_STUDENTS": ",".join(STUDENTS),
        "MSWLAB_HOMES": str(homes),
        "MSWLAB_COURSE_DIR": str(course),
        "NBGRADER_EXCHANGE": str(exchange),
        "MSWLAB_INSTRUCTOR_GROUP": GROUP,
    }
    server = Server(
        [str(BIN / "jupyterhub"), "-f", str(ROOT / "deploy/jupyterhub/jupyterhub_config.py")],
        base / "hub.log",
        cwd=state,
        env=env,
    )
    proxy_pid = None
    try:
        # the proxy answers 404 until the hub has registered its routes
        server.wait_for(f"http://127.0.0.1:{port}/hub/api", accept=lambda status: status == 200)
        proxy_pid = int((state / "jupyterhub-proxy.pid").read_text())  # the hub starts it in its own session
        with Passage(INSTRUCTOR, *STUDENTS):  # the hub made the accounts as it started
            yield Hub(f"http://127.0.0.1:{port}", admin_token), course, exchange, homes
    finally:
        server.stop()
        print(server.log.read_text()[-4000:])
        proxy_survived = proxy_pid is not None and _alive(proxy_pid)
        if proxy_survived:
            os.kill(proxy_pid, signal.SIGTERM)
        leftover = subprocess.run(
            ["pgrep", "-u", ",".join([INSTRUCTOR, *STUDENTS])], capture_output=True, text=True
        ).stdout.split()
        for user in (INSTRUCTOR, *STUDENTS):
            remove_account(user)
        subprocess.run(["groupdel", GROUP], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
    assert not proxy_survived, "the hub left its proxy running"
    assert not leftover, f"the users' processes were left running: {leftover}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_class_round_trip_with_an_account_for_each_user(hub):
    api, course, exchange, homes = hub
    for user in (INSTRUCTOR, *STUDENTS):
        api.start_server(user)
    assert all(oct(os.stat(homes / user).st_mode & 0o777) == "0o700" for user in (INSTRUCTOR, *STUDENTS))

    # instructor: the formgrader is there, and generates and releases the assignment
    assert api.as_user(INSTRUCTOR, "GET", "/formgrader/api/status")["status"] is True
    assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/assign")["success"]
    assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/release")["success"]
    assert (exchange / COURSE / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()

    # students: see the course (hub groups), fetch, answer, submit
    query = f"?course_id={COURSE}&assignment_id={ASSIGNMENT}"
    for student in STUDENTS:
        assert COURSE in api.as_user(student, "GET", "/courses")["value"]
        listed = api.as_user(student, "GET", f"/assignments?course_id={COURSE}")["value"]
        assert [a["assignment_id"] for a in listed if a["status"] == "released"] == [ASSIGNMENT]
        assert api.as_user(student, "POST", f"/assignments/fetch{query}")["success"]
        path = f"/api/contents/{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        model = api.as_user(student, "GET", path)
        api.as_user(
            student,
            "PUT",
            path,
            {"type": "notebook", "format": "json", "content": fill_answers(model["content"], ANSWERS[student])},
        )
        assert api.as_user(student, "POST", f"/assignments/submit{query}")["success"]

    inbound = sorted((exchange / COURSE / "inbound").iterdir())
    assert sorted(p.name.split("+")[0] for p in inbound) == sorted(STUDENTS)  # named after each account
    theirs = next(p for p in inbound if p.name.startswith(WRONG))

    # isolation, tried by real kernels running as the students' and the instructor's accounts
    paths = {
        "source": str(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
        "gradebook": str(course / "gradebook.db"),
        "other_home": str(homes / WRONG),
        "inbound": str(exchange / COURSE / "inbound"),
        "other_submission": str(theirs / f"{ASSIGNMENT}.ipynb"),
    }
    student_view = json.loads(api.run_code(RIGHT, PROBE.format(paths=paths)))
    assert student_view == {**{name: "PermissionError" for name in paths}, "course_env": "unset"}, student_view
    teacher_view = json.loads(
        api.run_code(
            INSTRUCTOR,
            PROBE.format(
                paths={
                    "source": paths["source"],
                    "gradebook": paths["gradebook"],
                    "other_submission": paths["other_submission"],
                }
            ),
        )
    )
    assert teacher_view == {
        "source": "OPEN",
        "gradebook": "OPEN",
        "other_submission": "OPEN",
        "course_env": str(course),
    }, teacher_view

    # instructor: collect, autograde each submission, and return feedback
    collected = api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/collect")
    assert collected["success"], collected.get("error")
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(STUDENTS)
    for student in STUDENTS:
        result = api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/submission/{ASSIGNMENT}/{student}/autograde")
        assert result["success"], result.get("log", result)
    scores = {
        s["student"]: s["code_score"]
        for s in api.as_user(INSTRUCTOR, "GET", f"/formgrader/api/submissions/{ASSIGNMENT}")
    }
    assert scores == {RIGHT: 11.0, WRONG: 0.0}
    for step in ("generate_feedback", "release_feedback"):
        assert api.as_user(INSTRUCTOR, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/{step}")["success"]
    assert api.as_user(RIGHT, "POST", f"/assignments/fetch_feedback{query}")["success"]
    feedback = list((homes / RIGHT / COURSE / ASSIGNMENT / "feedback").rglob(f"{ASSIGNMENT}.html"))
    assert len(feedback) == 1 and "Points for this part, scored by the grader: 4 of 4" in feedback[0].read_text()
