"""Real Unix accounts for tests that need them (the grader as an ordinary instructor, the class hub).

CI runs as root, which these tests need; they fail, naming why, elsewhere. A Python installed
under a folder other accounts cannot enter (here /root/.pyenv) is opened to the test's accounts
alone with an ACL (Debian package acl, which make test installs), put back as it was afterwards.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
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


@contextlib.contextmanager
def account(prefix: str = "mswlab-t"):
    """A throwaway account with a home of its own in a folder others may enter, let through to this
    Python; yields (passwd entry, that folder). The account and the folder are removed afterwards."""
    require_root("this test makes a Unix account")
    name = f"{prefix}-{secrets.token_hex(3)}"
    base = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    base.chmod(0o755)
    subprocess.run(["useradd", "--create-home", "--home-dir", str(base / "home"), "--shell", "/bin/sh", name],
                   check=True, capture_output=True)
    try:
        with Passage(name):
            yield pwd.getpwnam(name), base
    finally:
        remove_account(name)
        shutil.rmtree(base, ignore_errors=True)


def as_account(user: pwd.struct_passwd, env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The command prefix and environment to run a program as ``user``."""
    return ["runuser", "-u", user.pw_name, "--"], env | {"HOME": user.pw_dir, "USER": user.pw_name,
                                                          "LOGNAME": user.pw_name}


def remove_account(name: str) -> None:
    """Stop the account's processes and delete it with its home."""
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
