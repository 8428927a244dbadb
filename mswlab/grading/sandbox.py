"""Run a student's kernel where it cannot reach what it must not see.

With bubblewrap (Debian's ``bwrap``) the kernel gets the machine read-only, with these
exceptions: the course folder (sources, hidden tests, the gradebook, other students'
work), the nbgrader exchange, every home folder, ``/run`` and ``/tmp`` are replaced by
empty folders; the Python environment and the engine are put back read-only; only the
student's own submission copy is writable; there is no network at all. The kernel talks
to the grader over ZeroMQ IPC sockets in a private folder that is bind-mounted in, since
TCP cannot cross the empty network namespace.

Whatever the sandbox, every kernel gets a memory ceiling (``prlimit --as``), an
environment without tokens or passwords, and dies when the grader that started it dies.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# Environment variables never handed to student code: hub tokens, API keys, passwords.
_SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|^JUPYTERHUB_|^JPY_", re.I)
# Folders replaced by empty private ones inside the sandbox, whatever the course.
_PRIVATE_ALWAYS = ("/home", "/root", "/run", "/tmp", "/var/tmp", "/srv", "/mnt", "/media")

DEFAULT_MEMORY_MB = 2048
# The bubblewrap program; MSWLAB_BWRAP points at another (or at nothing, to test the fallback).
BWRAP = os.environ.get("MSWLAB_BWRAP", "bwrap")


@dataclass(frozen=True)
class Policy:
    """What the sandbox hides and what it puts back.

    ``hidden`` paths are replaced by empty folders (or an empty file); ``environment``
    paths are put back read-only afterwards when they lie inside a hidden folder, and
    ``secrets`` are hidden again after that (a course folder inside a home folder, say).
    """

    secrets: tuple[str, ...]
    environment: tuple[str, ...] = ()
    hidden: tuple[str, ...] = _PRIVATE_ALWAYS


def environment_paths() -> tuple[str, ...]:
    """The Python installation and the engine's own folders, which student code may read."""
    import mswlab
    from mswlab.content.loader import project_root

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix,
             os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix),
             os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
    root = project_root()
    for name in ("mswlab", "widgets", "datasets"):
        if (root / name).exists():
            paths.add(str(root / name))
    paths.add(os.path.dirname(os.path.abspath(mswlab.__file__)))
    return tuple(sorted(p for p in paths if p and os.path.exists(p)))


def course_policy(course_root: str, *, exchange: str | None = None,
                  gradebook: str | None = None) -> Policy:
    """The policy for grading a course: hide the course, the exchange, the gradebook and
    any git history above the course (it holds the source notebooks too)."""
    secrets = [os.path.abspath(course_root)]
    for path in (exchange, gradebook):
        if path:
            secrets.append(os.path.abspath(path))
    folder = Path(course_root).resolve()
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            secrets.append(str(parent / ".git"))
            break
    home = os.path.expanduser("~")
    hidden = _PRIVATE_ALWAYS if home in _PRIVATE_ALWAYS else (*_PRIVATE_ALWAYS, home)
    return Policy(secrets=tuple(secrets), environment=environment_paths(), hidden=hidden)


def _inside(path: str, folders) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def bwrap_command(policy: Policy, *, workdir: str, sockdir: str) -> list[str]:
    """The bwrap prefix that runs a command under ``policy`` with ``workdir`` writable."""
    args = [BWRAP, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    hidden = [h for h in policy.hidden if os.path.isdir(h)]
    for folder in hidden:
        args += ["--tmpfs", folder]
    for path in policy.environment:
        if _inside(path, hidden):
            args += ["--ro-bind", path, path]
    secret_dirs = [p for p in policy.secrets if os.path.isdir(p)]
    for path in secret_dirs:
        args += ["--tmpfs", path]
    for path in policy.secrets:
        # A secret file outside the hidden folders (a gradebook elsewhere) reads as empty.
        if os.path.isfile(path) and not _inside(path, secret_dirs + hidden):
            args += ["--ro-bind", "/dev/null", path]
    args += ["--bind", workdir, workdir, "--bind", sockdir, sockdir,
             "--chdir", workdir, "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
             # ipykernel exits if this parent is not its parent; outside PIDs are invisible here.
             "--unsetenv", "JPY_PARENT_PID",
             "--unshare-all", "--die-with-parent", "--new-session", "--"]
    return args


def limits_command(memory_mb: int | None, parent: int | None = None) -> list[str]:
    """A prefix that caps the kernel's memory and kills it with ``parent`` (this process).

    ``setpriv --pdeathsig`` only arms after the fork, so a parent killed in between
    would leave an orphan kernel; the shell then finds it has another parent and exits.
    """
    prefix = []
    if shutil.which("setpriv"):
        parent = os.getpid() if parent is None else parent
        prefix = ["setpriv", "--pdeathsig", "KILL", "--",
                  "sh", "-c", f'[ "$PPID" = {parent} ] && exec "$@"', "kernel"]
    if memory_mb and shutil.which("prlimit"):
        prefix = ["prlimit", f"--as={memory_mb * 1024 * 1024}", "--", *prefix]
    return prefix


def clean_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment without anything that looks like a credential."""
    env = dict(os.environ if env is None else env)
    return {k: v for k, v in env.items() if not _SECRET_NAME.search(k)}


@lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """None when bubblewrap can sandbox a process here, otherwise the reason it cannot."""
    if not shutil.which(BWRAP):
        return "bubblewrap is not installed (Debian package: bubblewrap)"
    with tempfile.TemporaryDirectory(prefix="mswlab-probe-") as tmp:
        cmd = bwrap_command(Policy(secrets=()), workdir=tmp, sockdir=tmp) + ["true"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bubblewrap could not start: {err}"
    if done.returncode != 0:
        return "bubblewrap cannot create a sandbox here: " + (done.stderr.strip() or f"exit {done.returncode}")
    return None


class GradingKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel inside ``policy`` (or only with limits,
    when ``policy`` is None) and talks to it over IPC sockets in ``sockdir``."""

    def __init__(self, *, policy: Policy | None, workdir: str, sockdir: str,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, **kwargs):
        super().__init__(**kwargs)
        self.policy, self.workdir, self.sockdir, self.memory_mb = policy, workdir, sockdir, memory_mb
        self.transport = "ipc"
        self.connection_file = os.path.join(sockdir, "kernel.json")
        self.ip = os.path.join(sockdir, "k")

    async def _async_pre_start_kernel(self, **kw):
        # Signals cannot cross into the sandbox's process namespace; ipykernel
        # interrupts itself when asked on the control channel instead.
        self.kernel_spec.interrupt_mode = "message"
        kw["env"] = clean_environment(kw.get("env"))
        # The kernel's own chatter is not the student's output (that arrives over ZeroMQ).
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        prefix = limits_command(self.memory_mb)
        if self.policy is not None:
            prefix += bwrap_command(self.policy, workdir=self.workdir, sockdir=self.sockdir)
        return prefix + cmd
