"""Kernel managers for the test suite: each kernel talks over IPC sockets in a folder of its own.

With TCP, jupyter_client picks a kernel's ports by binding port 0 and releasing it, so
a kernel starting at that moment in the other xdist worker can take the same port and
die with "Address already in use". A socket file in a fresh folder cannot be taken.
The path is absolute: the kernel binds it from its own working directory.

nbgrader (``Execute``) gets these from ``jupyter_config.json`` beside this file; nbval,
which builds its kernel manager in the test process, from ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from jupyter_client import AsyncKernelManager, KernelManager


class _PrivateSockets:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.ip = os.path.join(tempfile.mkdtemp(prefix="mswlab-k-", dir="/tmp"), "k")  # < 108 bytes

    def write_connection_file(self, **kwargs) -> None:
        os.makedirs(os.path.dirname(self.ip), exist_ok=True)  # again after a restart's cleanup
        super().write_connection_file(**kwargs)

    def cleanup_ipc_files(self) -> None:
        super().cleanup_ipc_files()
        shutil.rmtree(os.path.dirname(self.ip), ignore_errors=True)


class PrivateSocketKernelManager(_PrivateSockets, KernelManager):
    """For nbval."""


class AsyncPrivateSocketKernelManager(_PrivateSockets, AsyncKernelManager):
    """For nbgrader's ``Execute`` (an nbclient ``NotebookClient``)."""
