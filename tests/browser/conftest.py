"""One JupyterLab server and one Chromium for the browser tests.

The server serves a scratch copy of the course (modules, datasets, course with a
generated release), never the checkout itself, so JupyterLab's autosave can never
write outputs into committed notebooks.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import BIN, ROOT, tool_env
from tests.servers import Server, free_port, jupyterlab_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OVERRIDES = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
ARTIFACTS = ROOT / "artifacts" / "browser"
CONSOLE_LINES = 50
LAB_LOG = pytest.StashKey[Path]()  # the session's JupyterLab log
CONSOLE = pytest.StashKey[tuple]()  # a test's page and its last console lines


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lab-root")
    for name in ("modules", "datasets"):
        shutil.copytree(ROOT / name, root / name)
    (root / "course").mkdir()
    shutil.copy(ROOT / "course/nbgrader_config.py", root / "course")
    shutil.copytree(ROOT / "course/source", root / "course/source")
    for folder in sorted((root / "course/source").iterdir()):
        subprocess.run(
            [str(BIN / "nbgrader"), "generate_assignment", folder.name, "--force"],
            cwd=root / "course",
            env=tool_env(),
            check=True,
            capture_output=True,
            timeout=300,
        )
    return root


@pytest.fixture(scope="session")
def lab(lab_root: Path, tmp_path_factory, request):
    """A JupyterLab on 127.0.0.1 with a random token; yields (base_url, token)."""
    assert OVERRIDES.is_file(), f"{OVERRIDES} is missing: run `make test`, which installs it"
    port, token = free_port(), secrets.token_hex(16)
    state = tmp_path_factory.mktemp("lab-state")
    cmd = jupyterlab_command(lab_root, port, token, state)
    server = Server(cmd, state / "lab.log", cwd=lab_root, env=tool_env())
    request.config.stash[LAB_LOG] = server.log
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_for(f"{base}/api/status", token)
        yield base, token
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(
            "Browser tests need Debian's `chromium` package at /usr/bin/chromium. "
            "Run `make test` as root to install it, or `sudo apt-get install chromium`."
        )
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(chromium, request):
    """A fresh tab; it keeps its last console lines for the failure report."""
    page = chromium.new_page()
    console: deque[str] = deque(maxlen=CONSOLE_LINES)
    page.on("console", lambda message: console.append(f"[{message.type}] {message.text}"))
    page.on("pageerror", lambda error: console.append(f"[page error] {error}"))
    request.node.stash[CONSOLE] = (page, console)
    yield page
    page.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails (a timeout included), keep what the page showed: a screenshot,
    the last console lines and the end of JupyterLab's log, under artifacts/browser/, named in
    the failure report."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or CONSOLE not in item.stash:
        return
    page, console = item.stash[CONSOLE]
    stem = ARTIFACTS / re.sub(r"[^\w.-]+", "_", item.name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    try:
        page.screenshot(path=f"{stem}.failure.png", full_page=True, timeout=15_000)
        saved.append(f"{stem}.failure.png")
    except Exception as err:  # the page itself may be what broke
        saved.append(f"(no screenshot: {err})")
    Path(f"{stem}.console.txt").write_text("\n".join(console) + "\n")
    saved.append(f"{stem}.console.txt (last {len(console)} console lines)")
    log = item.config.stash.get(LAB_LOG, None)
    if log and log.exists():
        Path(f"{stem}.lab.log").write_text("\n".join(log.read_text(errors="replace").splitlines()[-200:]) + "\n")
        saved.append(f"{stem}.lab.log (end of JupyterLab's log)")
    text = "\n".join(saved)
    if hasattr(report.longrepr, "addsection"):
        report.longrepr.addsection("browser artifacts", text)
    else:
        report.sections.append(("browser artifacts", text))
