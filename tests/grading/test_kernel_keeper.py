"""A kernel never outlives its worker: the keeper shell kills the kernel's whole cgroup when the worker dies.

bwrap ties its sandbox to its own life only once the sandbox is set up, so a worker killed during that
setup left a sandbox and its kernel running (seen once in a fresh-clone make test: the kill -9 test
found a bwrap'd kernel alive 15 s after the grader died). Here the "kernel" is a process that left
its parent's session, as the sandbox does, and nothing but the keeper could kill it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from mswlab.grading.sandbox import Ceiling, Limits


def _members(folder: Path) -> list[str]:
    return (folder / "cgroup.procs").read_text().split()


def test_a_killed_worker_leaves_nothing_of_its_kernel_running():
    ceiling = Ceiling(Limits(), group=f"mswlab-{os.getpid()}-keeper-test")
    assert ceiling.cgroups, "root on this machine can make cgroups (make test runs as root)"
    cgroup = ceiling.new_cgroup()
    read, write = os.pipe()
    worker = os.fork()
    if worker == 0:  # a worker: starts the kernel with the keeper, then waits to be killed
        command = ceiling.prefix(cgroup) + ["setsid", "sh", "-c", "sleep 300 & exec sleep 301"]
        subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.write(write, b"started")
        time.sleep(300)
        os._exit(0)
    try:
        os.read(read, 16)
        deadline = time.monotonic() + 10
        while len(_members(cgroup[0])) < 3 and time.monotonic() < deadline:  # keeper, kernel and its child
            time.sleep(0.05)
        assert len(_members(cgroup[0])) >= 3
        os.kill(worker, signal.SIGKILL)
        os.waitpid(worker, 0)
        deadline = time.monotonic() + 10
        while _members(cgroup[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _members(cgroup[0]) == []
    finally:
        os.close(read), os.close(write)
        Ceiling.remove(cgroup)
