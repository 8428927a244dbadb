"""A practice course of one's own, so that nbgrader's Assignment List works on a plain ``make lab``.

Without a class hub there is no exchange a student may write to (nbgrader's default is a system
folder). ``prepare`` makes one the student owns, under ``$MSWLAB_HOME`` (default
``~/.local/share/mswlab``): it generates the practice assignment from ``course/source`` in a
private course folder there and releases it into that exchange. The student then fetches,
validates and submits it from Nbgrader > Assignment List exactly as a class does on the hub, with
JupyterLab configured by ``jupyter/student/nbgrader_config.py``. Nothing here touches the
project's own ``course/`` folder. Run again, it does nothing unless the assignment's source changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from mswlab.content.loader import project_root
from mswlab.store import home

COURSE_ID = "msw-practice-lab"
PRACTICE_ASSIGNMENT = "00_start_here"


@dataclass(frozen=True)
class LocalCourse:
    course: Path  # the private instructor's folder that generates and releases the practice assignment
    exchange: Path  # the exchange the student fetches from and submits to


def paths() -> LocalCourse:
    base = home()
    return LocalCourse(course=base / "practice-course", exchange=base / "exchange")


def _fingerprint(*paths: Path) -> str:
    """Changes when any of ``paths`` (files, or folders' files) changes."""
    digest = hashlib.sha256()
    for top in paths:
        for path in sorted(p for p in (top.rglob("*") if top.is_dir() else [top]) if p.is_file()):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare(assignment: str = PRACTICE_ASSIGNMENT) -> LocalCourse:
    """Release ``assignment`` into the student's own exchange (once per version of its source)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    where = paths()
    source = project_root() / "course" / "source" / assignment
    marker = where.course / f".released-{assignment}"
    fingerprint = _fingerprint(source, source.parents[1] / "nbgrader_config.py")
    released = where.exchange / COURSE_ID / "outbound" / assignment
    if released.is_dir() and marker.exists() and marker.read_text() == fingerprint:
        return where
    shutil.rmtree(where.course / "source" / assignment, ignore_errors=True)
    shutil.copytree(source, where.course / "source" / assignment)
    # the course's own settings (answer stubs, limits), then this course's folders
    config = PyFileConfigLoader("nbgrader_config.py", path=str(source.parents[1])).load_config()
    config.CourseDirectory.root = str(where.course)
    config.CourseDirectory.course_id = COURSE_ID
    config.Exchange.root = str(where.exchange)
    config.Exchange.path_includes_course = True
    where.exchange.mkdir(parents=True, exist_ok=True)
    # nbgrader's gradebook runs the ``alembic`` command, which lives beside this Python
    os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    for step in (
        lambda: api.generate_assignment(assignment, force=True),
        lambda: api.unrelease(assignment) if released.is_dir() else {"success": True},
        lambda: api.release_assignment(assignment),
    ):
        result = step()
        if not result["success"]:
            raise RuntimeError(f"nbgrader could not release {assignment}: {result.get('error') or result.get('log')}")
    marker.write_text(fingerprint)
    return where
