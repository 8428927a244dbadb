"""Real Unix accounts for tests that need them (the grader as an ordinary instructor, the class hub).

CI runs as root, which these tests need; they fail, naming why, elsewhere. A Python installed
under a folder other accounts cannot enter (here /root/.pyenv) is opened to the test's accounts
alone with an ACL (Debian package acl, which make test installs), put back as it was afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT


def require_root(why: str) -> None:
    if os.geteuid() != 0:
        pytest.fail(f"{why}, so it needs root (make test runs as root in CI)")


def closed_folders(*paths: str) -> list[Path]:
    """Folders on the way to ``paths`` that other accounts cannot enter."""
    found = []
    for path in paths:
        for folder in Path(os.path.realpath(path)).parents:
            if not os.stat(folder).st_mode & 0o001 and folder not in found:
                found.append(folder)
    return found


class Passage:
    """Lets ``users`` through the folders on the way to this Python and project that others cannot
    enter (an ACL per folder), and puts each folder's ACL back afterwards."""

    def __init__(self, *users: str) -> None:
        if not shutil.which("setfacl"):
            pytest.fail("this test needs setfacl (Debian package acl); make test installs it")
        self.users = users
        self.acls = {folder: subprocess.run(["getfacl", "--absolute-names", "-c", str(folder)],
                                            capture_output=True, text=True, check=True).stdout
                     for folder in closed_folders(sys.executable, str(BIN), str(ROOT))}

    def __enter__(self) -> "Passage":
        for folder in self.acls:
            for user in self.users:
                subprocess.run(["setfacl", "-m", f"u:{user}:x", str(folder)], check=True)
        return self

    def __exit__(self, *exc) -> None:
        for folder, acl in self.acls.items():
            subprocess.run(["setfacl", "--set-file=-", str(folder)], input=acl, text=True, check=True)


def remove_account(name: str) -> None:
    """Stop the account's processes and delete it with its home."""
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
