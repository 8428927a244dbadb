"""Real Unix accounts for tests that need them (the grader as an ordinary instructor, the class hub).

CI runs as root, which these tests need; they fail, naming why, elsewhere. A Python installed
under a folder other accounts cannot enter (here /root/.pyenv) is opened to the test's accounts
alone with an ACL (Debian package acl, which make test installs), put back as it was afterwards.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
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
    enter (an ACL entry per folder and user). Test workers run side by side and may hold passages
    on the same folder at once, so the folders' first ACLs and who is let through are kept in one
    file under a lock: each passage removes only its own entries, and the last one out puts the
    folder's ACL back as it was."""

    LEDGER = Path(tempfile.gettempdir()) / "mswlab-passages.json"

    def __init__(self, *users: str, folders: list[Path] | None = None) -> None:
        if not shutil.which("setfacl"):
            pytest.fail("this test needs setfacl (Debian package acl); make test installs it")
        self.users = users
        folders = closed_folders(sys.executable, str(BIN), str(ROOT)) if folders is None else folders
        self.folders = [str(folder) for folder in folders]

    @contextlib.contextmanager
    def _ledger(self):
        with open(self.LEDGER.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            ledger = json.loads(self.LEDGER.read_text()) if self.LEDGER.exists() else {}
            yield ledger
            self.LEDGER.write_text(json.dumps(ledger))

    def __enter__(self) -> Passage:
        with self._ledger() as ledger:
            for folder in self.folders:
                entry = ledger.setdefault(folder, {"acl": _acl(folder), "users": []})
                entry["users"] = [user for user in entry["users"] if _exists(user)]  # left by a killed run
                for user in self.users:
                    subprocess.run(["setfacl", "-m", f"u:{user}:x", folder], check=True)
                    entry["users"].append(user)
        return self

    def __exit__(self, *exc) -> None:
        with self._ledger() as ledger:
            for folder in self.folders:
                entry = ledger[folder]
                for user in self.users:
                    entry["users"].remove(user)
                    if user not in entry["users"]:
                        subprocess.run(["setfacl", "-x", f"u:{user}", folder], check=True)
                if not entry["users"]:
                    subprocess.run(["setfacl", "--set-file=-", folder], input=entry["acl"], text=True, check=True)
                    del ledger[folder]


def _exists(user: str) -> bool:
    try:
        return bool(pwd.getpwnam(user))
    except KeyError:
        return False


def _acl(folder: str) -> str:
    return subprocess.run(
        ["getfacl", "--absolute-names", "-c", folder], capture_output=True, text=True, check=True
    ).stdout


@contextlib.contextmanager
def account(prefix: str = "mswlab-t"):
    """A throwaway account with a home of its own in a folder others may enter, let through to this
    Python; yields (passwd entry, that folder). The account and the folder are removed afterwards."""
    require_root("this test makes a Unix account")
    name = f"{prefix}-{secrets.token_hex(3)}"
    base = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    base.chmod(0o755)
    subprocess.run(
        ["useradd", "--create-home", "--home-dir", str(base / "home"), "--shell", "/bin/sh", name],
        check=True,
        capture_output=True,
    )
    try:
        with Passage(name):
            yield pwd.getpwnam(name), base
    finally:
        remove_account(name)
        shutil.rmtree(base, ignore_errors=True)


def as_account(user: pwd.struct_passwd, env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The command prefix and environment to run a program as ``user``."""
    return ["runuser", "-u", user.pw_name, "--"], env | {
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LOGNAME": user.pw_name,
    }


def remove_account(name: str) -> None:
    """Stop the account's processes and delete it with its home."""
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
