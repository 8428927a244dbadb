"""A grading worker: executes sanitized notebooks and never touches the gradebook.

Each worker is a long-lived process (so nbgrader is imported once, not once per
student). It receives one ``Task`` at a time over a pipe, runs every notebook of that
submission with the executor the course configures (nbgrader's ``Execute`` with an output
budget: timeouts, interrupts and error outputs are nbgrader's), with the kernel started by
``GradingKernelManager``, writes the executed notebooks to a staging folder the kernel
cannot see, and answers with a ``Result``. The coordinator (``mswlab.grading.autograde``) does everything else.

The kernel's working folder is a fresh copy of the submission's autograded folder, made
without following links (inside the sandbox's own /tmp, or without a sandbox in a scratch
folder deleted afterwards): whatever the kernel leaves there (a link to the instructor's
files, say) never reaches a folder the grader writes to.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import tempfile
import traceback
from dataclasses import dataclass, field

from mswlab import clock

TIMEOUT_ERROR = "CellTimeoutError"


@dataclass
class Task:
    student: str
    workdir: str  # the submission under autograded/ (copied for the kernel)
    notebooks: list[tuple[str, str]]  # (notebook id, sanitized notebook path)
    staging: str  # where executed notebooks go (hidden from kernels)
    code_cells: int = 0  # bounds how long the whole submission may run


@dataclass
class Result:
    student: str
    executed: dict[str, str] = field(default_factory=dict)  # notebook id -> executed path
    error: str | None = None  # why the submission could not be executed
    timeouts: list[str] = field(default_factory=list)  # cells stopped by the timeout
    seconds: float = 0.0


def _die_with_parent() -> None:
    """Ask Linux to kill this worker if the coordinator dies (kill -9 included)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def serve(conn, config: dict, policy, ceiling) -> None:
    """Worker main loop: execute tasks until the pipe closes or ``None`` arrives."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    from traitlets.config import Config

    config = Config(config)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(execute(task, config, policy, ceiling))


def _stop(km) -> None:
    """Stop the student's kernel and free its sandbox and cgroup before the next one starts
    (nbclient leaves a kernel it was handed running)."""
    try:
        km.stop()
    except Exception:  # noqa: S110 (a kernel already gone: the run's sweep and this worker's death end the rest)
        pass


def _cell_label(nb, index: int) -> str:
    cell = nb.cells[index]
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"cell {index + 1}" + (f" ({grade_id})" if grade_id else "")


def execute(task: Task, config, policy, ceiling) -> Result:
    """Run each notebook of ``task``; the kernel is sandboxed when ``policy`` is given, and always
    within ``ceiling``'s limits."""
    import nbformat
    from nbclient.exceptions import DeadKernelError
    from nbgrader.utils import setenv

    from mswlab.grading.files import copy_tree
    from mswlab.grading.limits import executor_class
    from mswlab.grading.sandbox import GradingKernelManager

    started = clock.monotonic()
    result = Result(task.student)
    os.makedirs(task.staging, exist_ok=True)
    for notebook_id, path in task.notebooks:
        nb = nbformat.read(path, as_version=4)
        # Short paths: a Unix socket path must stay under 108 bytes.
        sockdir = tempfile.mkdtemp(prefix="mswlab-k-", dir="/tmp")
        scratch = tempfile.mkdtemp(prefix="mswlab-w-", dir="/tmp")
        workdir = task.workdir  # copied into the sandbox by the kernel manager
        if policy is None:
            workdir = os.path.join(scratch, "work")
            copy_tree(task.workdir, workdir)
        kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
        km = GradingKernelManager(
            policy=policy, workdir=workdir, sockdir=sockdir, ceiling=ceiling, kernel_name=kernel, config=config
        )
        try:
            with setenv(NBGRADER_EXECUTION="autograde"):
                executor_class(config)(config=config).preprocess(nb, {"metadata": {"path": workdir}}, km=km)
        except DeadKernelError:
            ran = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
            where = _cell_label(nb, ran[-1] + 1 if ran and ran[-1] + 1 < len(nb.cells) else 0)
            result.error = (
                f"{notebook_id}: the student's code stopped the Python kernel near {where} "
                "(for example with os._exit or a crash), so nothing could be graded; "
                "open the submission and grade it by hand"
            )
        except Exception as err:  # reported per student; one submission never stops the run
            result.error = f"{notebook_id}: could not be executed: {type(err).__name__}: {err}"
            result.error += "\n" + traceback.format_exc(limit=3)
        finally:
            _stop(km)
            shutil.rmtree(sockdir, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)
        if result.error:
            break
        for index, cell in enumerate(nb.cells):
            if any(o.get("ename") == TIMEOUT_ERROR for o in cell.get("outputs", [])):
                result.timeouts.append(f"{notebook_id} {_cell_label(nb, index)}")
        staged = os.path.join(task.staging, f"{notebook_id}.ipynb")
        nbformat.write(nb, staged)
        result.executed[notebook_id] = staged
    result.seconds = clock.monotonic() - started
    return result
