"""Start and stop the real servers tests talk to (JupyterLab, Voila, JupyterHub) on loopback."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports, below Linux's ephemeral range (32768 and up):
    outgoing connections take ephemeral ports, so one of them cannot take a port between the check
    and the server's start, as they can next to a port the kernel handed out."""
    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(20_000, 32_000 - count)
        sockets = []
        try:
            for port in range(base, base + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError(f"no {count} consecutive free ports found")


def http_get(url: str, token: str | None = None, timeout: float = 10) -> tuple[int, str]:
    headers = {"Authorization": f"token {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


class Server:
    """A server process in its own process group, logging to a file, stopped by its PID."""

    def __init__(
        self, cmd: list[str], log: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.log = log
        self._log_file = open(log, "w")  # noqa: SIM115 (the server writes to it until stop())
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_for(
        self, url: str, token: str | None = None, timeout: float = 90, accept=lambda status: status < 500
    ) -> None:
        """Poll ``url`` until its status is accepted (any non-5xx answer by default)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log.read_text()[-3000:]}")
            try:
                status, _ = http_get(url, token, timeout=5)
                if accept(status):
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"no answer from {url} in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log_file.close()


def jupyterlab_command(root: Path, port: int, token: str, state: Path) -> list[str]:
    """JupyterLab serving ``root`` on 127.0.0.1 with its workspaces and settings under ``state``, and
    ``window.jupyterapp`` exposed (browser tests wait on its readiness)."""
    from tests.conftest import BIN

    return [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}",
        f"--LabApp.user_settings_dir={state / 'settings'}",
        "--LabApp.expose_app_in_browser=True",
    ] + (["--allow-root"] if os.getuid() == 0 else [])
