"""Run a student's kernel where it cannot reach what it must not see, within limits it cannot pass.

Isolation, with bubblewrap (Debian's ``bwrap``): the kernel gets the machine read-only, with these
exceptions. The course folder (sources, the gradebook, other students' work), the nbgrader exchange,
every home folder and ``/run`` are replaced by empty read-only folders; the Python environment and the
engine are put back read-only. The kernel's working folder is a fresh copy of the submission, written
into the sandbox's own ``/tmp`` (a tmpfs of bounded size), so the kernel never writes to the grader's
disk. There is no network at all. The kernel talks to the grader over ZeroMQ IPC sockets in a private
folder that is bind-mounted in, since TCP cannot cross the empty network namespace.

Limits (``Limits``): one memory ceiling for the kernel's whole process tree, tmpfs included, and a
process count. ``Ceiling`` enforces them with a cgroup (v2, or v1's memory and pids controllers) when
the grader can create one, which root usually can. Otherwise each process gets an address-space
limit, the tmpfs has its size and the process count is ``RLIMIT_NPROC``; as root, which that limit
does not bind, the kernel then runs as the unprivileged ``nobody``. Whatever the case, kernels get an
allowlisted environment and die when the grader that started them dies.
"""

from __future__ import annotations

import json
import os
import pwd
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from mswlab import clock
from mswlab.grading import files

# What a kernel's environment may hold; anything else (tokens, database URLs, keys) is dropped.
KERNEL_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION")
# Folders replaced by empty private ones inside the sandbox, whatever the course.
_PRIVATE_ALWAYS = ("/home", "/root", "/run", "/tmp", "/var/tmp", "/srv", "/mnt", "/media")
SANDBOX_TMP = "/tmp"
SANDBOX_WORK = "/tmp/work"  # the kernel's working folder inside the sandbox
NOBODY = "nobody"

# The bubblewrap program; MSWLAB_BWRAP points at another (or at nothing, to test the fallback).
BWRAP = os.environ.get("MSWLAB_BWRAP", "bwrap")
# MSWLAB_CGROUPS=0 makes the grader use the rlimit fallback even where it could create a cgroup.
USE_CGROUPS = os.environ.get("MSWLAB_CGROUPS", "1") != "0"


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


@dataclass(frozen=True)
class Limits:
    """What one student's kernel, with everything it starts, may use at once."""

    memory_mb: int = 2048  # all its processes together, files in its /tmp included
    processes: int = 64  # processes and threads
    tmp_mb: int = 512  # its /tmp, which holds its working folder (counted in memory_mb too)


def environment_paths() -> tuple[str, ...]:
    """The Python installation and the engine's own folders, which student code may read."""
    import mswlab
    from mswlab.content.loader import project_root

    paths = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        os.path.realpath(sys.base_prefix),
        os.path.realpath(sys.prefix),
        os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
    }
    root = project_root()
    for name in ("mswlab", "widgets", "datasets"):
        if (root / name).exists():
            paths.add(str(root / name))
    paths.add(os.path.dirname(os.path.abspath(mswlab.__file__)))
    return tuple(sorted(p for p in paths if p and os.path.exists(p)))


def course_policy(course_root: str, *, exchange: str | None = None, gradebook: str | None = None) -> Policy:
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


def bwrap_command(
    policy: Policy,
    *,
    sockdir: str,
    limits: Limits = Limits(),
    work: tuple[list[str], list[tuple[str, int]]] = ([], []),
    info_fd: int | None = None,
) -> list[str]:
    """The bwrap prefix that runs a command under ``policy``: ``work`` is the working folder's
    (sub-folders, (file, open fd)) to copy into the sandbox's /tmp, where the command starts;
    bwrap writes the sandbox's first process id to ``info_fd``."""
    mib = 1024 * 1024
    args = [
        BWRAP,
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--size",
        str(16 * mib),
        "--tmpfs",
        "/dev/shm",
        "--remount-ro",
        "/dev",
        "--proc",
        "/proc",
    ]
    hidden = [h for h in policy.hidden if os.path.isdir(h)]
    for folder in hidden:
        size = limits.tmp_mb * mib if folder == SANDBOX_TMP else mib
        args += ["--size", str(size), "--tmpfs", folder]
    for path in policy.environment:
        if _inside(path, hidden):
            args += ["--ro-bind", path, path]
    secret_dirs = [p for p in policy.secrets if os.path.isdir(p)]
    # A secret folder inside another (a course's own exchange/) is hidden with it; mounting it again
    # would fail, since bwrap cannot make its mount point in the outer folder's read-only tmpfs.
    secret_dirs = [p for p in secret_dirs if not _inside(p, [q for q in secret_dirs if q != p])]
    for path in secret_dirs:
        args += ["--size", str(mib), "--tmpfs", path, "--remount-ro", path]
    for path in policy.secrets:
        # A secret file outside the hidden folders (a gradebook elsewhere) reads as empty.
        if os.path.isfile(path) and not _inside(path, secret_dirs + hidden):
            args += ["--ro-bind", "/dev/null", path]
    folders, copies = work
    args += ["--dir", SANDBOX_WORK]
    for folder in folders:
        args += ["--dir", f"{SANDBOX_WORK}/{folder}"]
    for name, fd in copies:
        args += ["--file", str(fd), f"{SANDBOX_WORK}/{name}"]
    for folder in hidden:
        if folder != SANDBOX_TMP:
            args += ["--remount-ro", folder]
    args += [
        "--bind",
        sockdir,
        sockdir,
        "--chdir",
        SANDBOX_WORK,
        "--setenv",
        "HOME",
        SANDBOX_TMP,
        "--setenv",
        "TMPDIR",
        SANDBOX_TMP,
        # ipykernel exits if this parent is not its parent; outside PIDs are invisible here.
        "--unsetenv",
        "JPY_PARENT_PID",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
    ]
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    return args + ["--"]


def kernel_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """Only what a kernel needs: a plain PATH starting with this Python's folder, the language and
    time zone settings, and nbgrader's marker. Everything else (tokens, passwords in URLs, keys,
    the grader's own settings) stays out."""
    env = dict(os.environ if env is None else env)
    kept = {name: env[name] for name in KERNEL_ENV if name in env}
    kept["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"])
    return kept


# ---------------------------------------------------------------- limits


def _cgroup_lines() -> list[tuple[str, str, str]]:
    try:
        text = Path("/proc/self/cgroup").read_text()
    except OSError:
        return []
    return [
        (hier, controllers, path)
        for hier, controllers, path in (line.split(":", 2) for line in text.splitlines() if line.count(":") >= 2)
    ]


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, file system type, super options) of every mount, from /proc/self/mountinfo."""
    found: list[tuple[str, str, set[str]]] = []
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) > 4 and len(tail) >= 3:
            found.append((fields[4], tail[0], set(tail[2].split(","))))
    return found


def _writable_parent(path: Path) -> Path | None:
    return path if path.is_dir() and os.access(path, os.W_OK | os.X_OK) else None


def cgroup_parents() -> tuple[str, dict[str, Path]] | None:
    """Where this process may create kernel cgroups: ("v2", {"": folder}) or ("v1", {"memory": folder,
    "pids": folder}), or None when it cannot (then the rlimit fallback applies)."""
    if not USE_CGROUPS:
        return None
    lines, mounts = _cgroup_lines(), _mounts()
    v1 = {}
    for controller in ("memory", "pids"):
        own = next((path for _, names, path in lines if controller in names.split(",")), None)
        mount = next((point for point, fstype, opts in mounts if fstype == "cgroup" and controller in opts), None)
        if own is not None and mount:
            parent = _writable_parent(Path(mount + own.rstrip("/")))
            if parent is not None:
                v1[controller] = parent
    if len(v1) == 2:
        return "v1", v1
    own = next((path for hierarchy, names, path in lines if hierarchy == "0" and names == ""), None)
    mount = next((point for point, fstype, _ in mounts if fstype == "cgroup2"), None)
    if own is not None and mount:
        # A cgroup with processes cannot give controllers to children (except the root), so the
        # kernels' groups go under the root of the hierarchy when this process may write there.
        root = _writable_parent(Path(mount))
        if root is not None and {"memory", "pids"} <= set((root / "cgroup.controllers").read_text().split()):
            try:
                (root / "cgroup.subtree_control").write_text("+memory +pids")
            except OSError:
                return None
            return "v2", {"": root}
    return None


class Ceiling:
    """How ``Limits`` are enforced for each kernel on this machine; ``name`` says which, for the
    run summary. ``group`` names the run's cgroups, so a later run can remove what a killed one left."""

    def __init__(self, limits: Limits, group: str = "") -> None:
        self.limits = limits
        self.group = group or f"mswlab-{os.getpid()}"
        self.cgroups = cgroup_parents()
        self.as_nobody = self.cgroups is None and os.geteuid() == 0 and _nobody_can_run_python()

    @property
    def name(self) -> str:
        if self.cgroups:
            return (
                f"cgroup {self.cgroups[0]}: {self.limits.memory_mb} MB for each student's processes and "
                f"files together, at most {self.limits.processes} processes"
            )
        who = " (kernels run as nobody)" if self.as_nobody else ""
        processes = (
            f"at most {self.limits.processes} processes"
            if os.geteuid() != 0 or self.as_nobody
            else "no process limit (kernels run as root, which it does not bind, because nobody cannot "
            "reach this Python)"
        )
        return (
            f"rlimits{who}: {self.limits.memory_mb} MB for each process, {self.limits.tmp_mb} MB of files, {processes}"
        )

    def new_cgroup(self) -> list[Path]:
        """Folders of a fresh cgroup (one per hierarchy) with the limits written in."""
        if not self.cgroups:
            return []
        version, parents = self.cgroups
        name = f"{self.group}-{uuid.uuid4().hex[:12]}"
        memory = str(self.limits.memory_mb * 1024 * 1024)
        made = []
        for controller, parent in parents.items():
            folder = parent / name
            folder.mkdir()
            made.append(folder)
            if version == "v2":
                (folder / "memory.max").write_text(memory)
                (folder / "memory.swap.max").exists() and (folder / "memory.swap.max").write_text("0")
                (folder / "pids.max").write_text(str(self.limits.processes))
            elif controller == "memory":
                (folder / "memory.limit_in_bytes").write_text(memory)
                if (folder / "memory.memsw.limit_in_bytes").exists():
                    (folder / "memory.memsw.limit_in_bytes").write_text(memory)
            else:
                (folder / "pids.max").write_text(str(self.limits.processes))
        return made

    def prefix(self, cgroup: list[Path], parent: int | None = None) -> list[str]:
        """The command prefix that applies the limits, joins ``cgroup`` and kills the kernel with
        ``parent`` (this process). ``setpriv --pdeathsig`` only arms after the fork, so a parent killed
        in between would leave an orphan kernel; the shell then finds it has another parent and exits.

        The shell stays as the kernel's keeper: when ``parent`` dies it is sent TERM and kills everything
        in the kernel's cgroup. bwrap ties its sandbox to its own life only once the sandbox is set up, so
        a worker killed during that setup would otherwise leave the sandbox and its kernel running."""
        parent = os.getpid() if parent is None else parent
        rlimits = [f"--as={self.limits.memory_mb * 1024 * 1024}", f"--fsize={self.limits.tmp_mb * 1024 * 1024}"]
        if not self.cgroups:
            rlimits.append(f"--nproc={self.limits.processes}")
        join = "".join(f' && echo $$ > "{folder}/cgroup.procs"' for folder in cgroup)
        user = (
            ["setpriv", "--reuid", NOBODY, "--regid", _nobody_group(), "--clear-groups", "--"] if self.as_nobody else []
        )
        reap = "kill -9 $! 2>/dev/null; wait"
        if cgroup:  # then everything else in the cgroup but the keeper, until nothing is left (5 s at most)
            reap += (
                "; i=0; while [ $i -lt 50 ]; do i=$((i+1)); n=0; while read p; do [ $p = $$ ] || "
                f'{{ kill -9 $p 2>/dev/null && n=1; }}; done < "{cgroup[0]}/cgroup.procs"; [ $n = 0 ] && break; '
                "sleep 0.1; done"
            )
        keeper = f"\"$@\" & trap '{reap}; exit 137' TERM; wait $!"
        return [
            "prlimit",
            *rlimits,
            "--",
            *user,
            "setpriv",
            "--pdeathsig",
            "TERM",
            "--",
            "sh",
            "-c",
            f'[ "$PPID" = {parent} ]{join} || exit 1; {keeper}',
            "kernel",
        ]

    @staticmethod
    def remove(cgroup: list[Path]) -> None:
        """Kill what is left in ``cgroup`` and remove it."""
        for folder in cgroup:
            _empty_and_remove(folder)

    def sweep(self) -> None:
        """Remove this run's cgroups, and those of earlier runs whose grader is gone."""
        if not self.cgroups:
            return
        for parent in self.cgroups[1].values():
            for folder in parent.glob("mswlab-*"):
                owner = folder.name.split("-")[1]
                if folder.name.startswith(self.group + "-") or (owner.isdigit() and not _alive(int(owner))):
                    _empty_and_remove(folder)


def _empty_and_remove(folder: Path) -> None:
    """Kill what is still in a cgroup and remove it (trying for about 2.5 s; the sweep gets the rest)."""
    for _ in range(250):
        try:
            pids = [int(p) for p in (folder / "cgroup.procs").read_text().split()]
        except OSError:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            folder.rmdir()
            return
        except OSError:
            time.sleep(0.01)


def _read_child_pid(fd: int, timeout: float = 20) -> int | None:
    """The sandbox's first process, from bwrap's --info-fd JSON (None if bwrap said nothing). Read up to
    the JSON's end, not the pipe's: the kernel's keeper shell holds the pipe open as long as it lives."""
    data = b""
    while b"}" not in data and select.select([fd], [], [], timeout)[0]:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    try:
        return int(json.loads(data)["child-pid"])
    except (ValueError, KeyError, TypeError):
        return None


def _wait_gone(pid: int, timeout: float = 20) -> None:
    """Wait until ``pid`` has exited: its namespace's other processes are gone by then."""
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.005)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _nobody() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(NOBODY)
    except KeyError:
        return None


def _nobody_entry() -> pwd.struct_passwd:
    """The nobody account, which a ceiling that runs kernels as nobody has checked exists."""
    nobody = _nobody()
    if nobody is None:
        raise RuntimeError(f"there is no '{NOBODY}' account to run kernels as")
    return nobody


def _nobody_group() -> str:
    return str(_nobody_entry().pw_gid)


@lru_cache(maxsize=1)
def _nobody_can_run_python() -> bool:
    """Whether ``nobody`` can start this Python (it cannot when Python sits under /root, say)."""
    if _nobody() is None or not shutil.which("setpriv"):
        return False
    probe = [
        "setpriv",
        "--reuid",
        NOBODY,
        "--regid",
        _nobody_group(),
        "--clear-groups",
        "--",
        sys.executable,
        "-c",
        "import ipykernel",
    ]
    try:
        return subprocess.run(probe, capture_output=True, timeout=60, cwd="/").returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """None when bubblewrap can sandbox a process here, otherwise the reason it cannot."""
    if not shutil.which(BWRAP):
        return "bubblewrap is not installed (Debian package: bubblewrap)"
    with tempfile.TemporaryDirectory(prefix="mswlab-probe-") as tmp:
        cmd = bwrap_command(Policy(secrets=()), sockdir=tmp) + ["true"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bubblewrap could not start: {err}"
    if done.returncode != 0:
        return "bubblewrap cannot create a sandbox here: " + (done.stderr.strip() or f"exit {done.returncode}")
    return None


class GradingKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel inside ``policy`` (or, when ``policy`` is None, only
    within the limits, in ``workdir`` itself), talks to it over IPC sockets in ``sockdir``, and
    removes its cgroup when it stops. With a policy, ``workdir`` is copied into the sandbox."""

    def __init__(self, *, policy: Policy | None, workdir: str, sockdir: str, ceiling: Ceiling, **kwargs):
        super().__init__(**kwargs)
        self.policy, self.workdir, self.sockdir, self.ceiling = policy, workdir, sockdir, ceiling
        self.transport = "ipc"
        self.connection_file = os.path.join(sockdir, "kernel.json")
        self.ip = os.path.join(sockdir, "k")
        self.refused: list[str] = []
        self._fds: list[int] = []
        self._cgroup: list[Path] = []
        self._info: tuple[int, int] | None = None  # the pipe bwrap names the sandbox's first process on
        self._sandbox_pid: int | None = None
        if ceiling.as_nobody:
            nobody = _nobody_entry()
            os.chown(sockdir, nobody.pw_uid, nobody.pw_gid)

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.ceiling.as_nobody:  # the kernel, running as nobody, reads it
            nobody = _nobody_entry()
            os.chown(self.connection_file, nobody.pw_uid, nobody.pw_gid)

    async def _async_pre_start_kernel(self, **kw):
        # Signals cannot cross into the sandbox's process namespace; ipykernel
        # interrupts itself when asked on the control channel instead.
        self.kernel_spec.interrupt_mode = "message"
        kw["env"] = kernel_environment(kw.get("env"))
        # The kernel's own chatter is not the student's output (that arrives over ZeroMQ).
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        if self.policy is not None:
            kw["cwd"] = self.sockdir  # where bwrap starts, outside; the kernel starts in SANDBOX_WORK
            self._work = self._open_work()
            self._info = os.pipe()
            kw["pass_fds"] = (*self._fds, self._info[1])
        self._cgroup = self.ceiling.new_cgroup()
        return await super()._async_pre_start_kernel(**kw)

    def _open_work(self) -> tuple[list[str], list[tuple[str, int]]]:
        folders, copies = [], []
        for kind, rel, fd in files.walk(self.workdir):
            if kind == "dir":
                folders.append(rel)
            elif kind == "file":
                assert fd is not None  # walk gives a file's descriptor with it
                self._fds.append(fd)
                copies.append((rel, fd))
            else:
                self.refused.append(rel)
        return folders, copies

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        try:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:  # the sandbox has its copies now
            for fd in self._fds:
                os.close(fd)
            self._fds = []
            if self._info:
                os.close(self._info[1])
                self._sandbox_pid = _read_child_pid(self._info[0])
                os.close(self._info[0])
                self._info = None

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        prefix = self.ceiling.prefix(self._cgroup)
        if self.policy is not None:
            prefix += bwrap_command(
                self.policy, sockdir=self.sockdir, limits=self.ceiling.limits, work=self._work, info_fd=self._info[1]
            )
        return prefix + cmd

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        self.release()

    def stop(self) -> None:
        """Kill the kernel's whole process group at once and release what it held: nothing of a
        student's kernel is kept, so it gets no grace period (jupyter_client's own shutdown first asks,
        then polls every 0.1 s, then lingers 0.1 s on its sockets)."""
        process = getattr(self.provisioner, "process", None)  # jupyter_client's LocalProvisioner
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        if self._created_context:
            self.context.destroy(linger=0)
        self.release()

    def release(self) -> None:
        """Wait until the kernel's sandbox is gone, then remove its cgroup: a killed kernel leaves its
        sandbox dying, and without a cgroup its processes still count against the account's process
        limit, so the next kernel waits until they are gone."""
        if self._sandbox_pid is not None:
            _wait_gone(self._sandbox_pid)
            self._sandbox_pid = None
        Ceiling.remove(self._cgroup)
        self._cgroup = []
