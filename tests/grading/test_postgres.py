"""The gradebook at program scale: ``mswlab course autograde --workers 2`` against a real PostgreSQL
gives the same gradebook rows as against the course's SQLite file.

The server is Debian's PostgreSQL, run as a private instance: a data folder and a Unix socket in
a temporary folder, no TCP, started and stopped by this module. The driver is psycopg 3 (the test
extra), talking to it through SQLAlchemy as nbgrader does.
"""

from __future__ import annotations

import glob
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.accounts import require_root
from tests.grading.classroom import Classroom

STUDENTS = {"ana": "right", "bo": "partial", "cy": "wrong", "dee": "blank", "eli": "right"}


def _postgres_bin(program: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    if not found:
        pytest.fail("this test needs Debian's PostgreSQL server (package postgresql); make test installs it")
    return found[-1]


@pytest.fixture(scope="module")
def postgres():
    """A private PostgreSQL on a Unix socket; yields the SQLAlchemy URL of an empty database."""
    require_root("this test runs PostgreSQL as the postgres account")
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("the postgres account is missing: install Debian's package postgresql")
    base = Path(tempfile.mkdtemp(prefix="mswlab-pg-"))
    shutil.chown(base, account.pw_uid, account.pw_gid)
    data, sockets = base / "data", base / "sockets"
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, "mkdir", str(sockets)], check=True)
    subprocess.run(
        [*as_postgres, _postgres_bin("initdb"), "-D", str(data), "--auth=trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses='' -c unix_socket_directories='{sockets}' -c fsync=off"
    pg_ctl = [*as_postgres, _postgres_bin("pg_ctl"), "-D", str(data), "-l", str(base / "server.log")]
    subprocess.run([*pg_ctl, "-o", options, "-w", "start"], check=True, capture_output=True, timeout=60)
    try:
        subprocess.run(
            [_postgres_bin("createdb"), "-h", str(sockets), "-U", "postgres", "gradebook"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@/gradebook?host={sockets}"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_autograding_against_postgresql_gives_the_same_gradebook_as_sqlite(postgres, tmp_path):
    rooms = {"sqlite": Classroom(tmp_path / "sqlite"), "postgres": Classroom(tmp_path / "postgres", db_url=postgres)}
    for room in rooms.values():
        for student, kind in STUDENTS.items():
            room.submit(student, room.answered(kind))
        done = room.mswlab_autograde("--workers", "2")
        assert done.returncode == 0, done.stdout + done.stderr
    assert rooms["postgres"].rows() == rooms["sqlite"].rows()
    assert {s: rooms["postgres"].auto_score(s) for s in STUDENTS} == {"ana": 11, "bo": 7, "cy": 0, "dee": 0, "eli": 11}
