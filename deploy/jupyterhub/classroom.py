"""Accounts and folder permissions for a class hub on one machine, as The Littlest JupyterHub does it.

Every hub user gets a Unix account of their own, made by the hub the first time it sees them
(``ClassAuthenticator``), with a home only they can open. The instructors share a group, which
alone can open the course folder (sources with hidden tests, the gradebook, everyone's work). The
nbgrader exchange follows nbgrader's permission model, made before anyone can take its place:

    exchange/                 root:instructors 3777  anyone may use it (nbgrader asks for 777), sticky
    exchange/<course>/        root:instructors 2775  only instructors change it
        outbound/             root:instructors 2775  students read released assignments
        inbound/              root:instructors 2773  students drop submissions in, cannot list them
        feedback/             root:instructors 2771  students fetch their own feedback by its hash

A submission keeps the instructors' group (inbound is set-group-ID) and is closed to other students
by ``mswlab.grading.exchange.ExchangeSubmit``. The hub runs as root; the set-up is idempotent.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
import subprocess
from pathlib import Path

from jupyterhub.auth import DummyAuthenticator, LocalAuthenticator
from traitlets import Set, Unicode

EXCHANGE_FOLDERS = {"": 0o2775, "outbound": 0o2775, "inbound": 0o2773, "feedback": 0o2771}


def ensure_group(name: str) -> int:
    """The group's id, creating the group if it does not exist yet."""
    subprocess.run(["groupadd", "--force", name], check=True, capture_output=True)
    return grp.getgrnam(name).gr_gid


def share_with_group(folder: Path, gid: int) -> None:
    """Give ``folder`` and everything in it to group ``gid``, open to the group and closed to others;
    folders are set-group-ID so new files stay in the group. Links are left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue
            os.chown(path, -1, gid)
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if os.path.isdir(path):
                os.chmod(path, (mode | 0o2770) & ~0o007)
            else:
                os.chmod(path, (mode | 0o660) & ~0o007)
    os.chown(folder, -1, gid)
    os.chmod(folder, 0o2770)


def prepare_exchange(root: Path, course_id: str, gid: int) -> None:
    """The exchange's folders for ``course_id``, owned by root and the instructors' group."""
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, gid)
    os.chmod(root, 0o3777)
    for name, mode in EXCHANGE_FOLDERS.items():
        folder = root / course_id / name if name else root / course_id
        folder.mkdir(exist_ok=True)
        os.chown(folder, 0, gid)
        os.chmod(folder, mode)


class ClassAuthenticator(LocalAuthenticator, DummyAuthenticator):
    """JupyterHub's dummy log-in (anyone listed, no password: loopback only) on top of local accounts:
    each user's account is made when the hub first sees them (``add_user_cmd``), their home is closed
    to others, and instructors join the instructors' group."""

    instructors = Set(help="Hub users who teach the course").tag(config=True)
    instructor_group = Unicode(help="The Unix group that may open the course folder").tag(config=True)

    async def add_user(self, user):
        await super().add_user(user)
        account = pwd.getpwnam(user.name)
        os.chmod(account.pw_dir, 0o700)
        if user.name in self.instructors:
            subprocess.run(
                ["usermod", "--append", "--groups", self.instructor_group, user.name], check=True, capture_output=True
            )
