"""nbgrader's exchange on a class hub where every user has an account of their own.

nbgrader's own submit leaves a submission's folder world-writable and its files world-readable,
hidden from other students only by an unguessable folder name in an inbound folder they cannot
list. ``ExchangeSubmit`` closes it. The inbound folder is set-group-ID to the instructors' group
(``deploy/jupyterhub/classroom.py``), so a submission's folders belong to that group; here they
are opened to their student and that group only. The files inside keep read access for all, since
a file nbgrader writes after copying may carry the student's own group (a student cannot give a
file to a group they are not in): no other student can pass the folder to reach them. Registered
with ``c.ExchangeFactory.submit = "mswlab.grading.exchange.ExchangeSubmit"``.
"""

from __future__ import annotations

import os

from nbgrader.exchange.default.submit import ExchangeSubmit as DefaultSubmit

FOLDER_MODE = 0o770  # the student and the instructors' group: read, enter, tidy up; nobody else
FILE_MODE = 0o644


class ExchangeSubmit(DefaultSubmit):
    """nbgrader's submit, then: the submission is closed to everyone but its student and the instructors."""

    def copy_files(self) -> None:
        super().copy_files()
        close(os.path.join(self.inbound_path, self.assignment_filename))


def close(folder: str) -> None:
    """Give ``folder`` and what it holds the modes above (links are left alone)."""
    for dirpath, _folders, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)
        os.chmod(dirpath, FOLDER_MODE)
