"""A throwaway nbgrader course built from a real assignment, with submissions typed into
the real release: used by the grading tests and by benchmarks/autograde.py."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from tests.conftest import BIN, ROOT, fill_answers, tool_env

ASSIGNMENT = "01_levels_of_practice"

# Answers typed into assignment 01's release, with the autograded points they earn (of 11).
RIGHT = {
    "levels_answers": '"A": "mezzo", "B": "spans", "C": "micro", "D": "macro",',
    "methods_answers": '"1": "coaching", "2": "counseling", "3": "coaching",',
    "perlman_answers": '"W": "place", "X": "process", "Y": "person", "Z": "problem",',
}
PARTIAL = {
    "levels_answers": '"A": "mezzo", "B": "micro", "C": "micro", "D": "macro",',  # 3 of 4
    "methods_answers": '"1": "coaching", "2": "coaching", "3": "coaching",',  # 2 of 3
    "perlman_answers": '"W": "Place", "X": "process", "Y": "problem", "Z": "person",',  # 2 of 4
}
POINTS = {"right": 11.0, "partial": 7.0, "blank": 0.0}


def run(cmd: list[str], cwd: Path, timeout: int = 600, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=tool_env(), capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, f"{cmd} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


class Classroom:
    """``root`` holds nbgrader_config.py, source/, release/ and submitted/ for one assignment."""

    def __init__(self, root: Path, assignment: str = ASSIGNMENT, config_extra: str = ""):
        self.root, self.assignment = root, assignment
        root.mkdir(parents=True, exist_ok=True)
        config = (ROOT / "course/nbgrader_config.py").read_text()
        (root / "nbgrader_config.py").write_text(config + "\n" + config_extra)
        shutil.copytree(ROOT / "course/source" / assignment, root / "source" / assignment)
        run([str(BIN / "nbgrader"), "generate_assignment", assignment, "--force"], root)

    @classmethod
    def existing(cls, root: Path, assignment: str = ASSIGNMENT) -> "Classroom":
        room = cls.__new__(cls)
        room.root, room.assignment = root, assignment
        return room

    def copy(self, dest: Path) -> "Classroom":
        shutil.copytree(self.root, dest)
        return Classroom.existing(dest, self.assignment)

    @property
    def notebook_name(self) -> str:
        return f"{self.assignment}.ipynb"

    def release(self) -> nbformat.NotebookNode:
        return nbformat.read(str(self.root / "release" / self.assignment / self.notebook_name), as_version=4)

    def answered(self, kind: str) -> nbformat.NotebookNode:
        """The release with answers typed in: kind is right, partial or blank."""
        nb = self.release()
        return fill_answers(nb, {"right": RIGHT, "partial": PARTIAL, "blank": {}}[kind])

    def folder(self, student: str) -> Path:
        path = self.root / "submitted" / student / self.assignment
        path.mkdir(parents=True, exist_ok=True)
        return path

    def submit(self, student: str, nb: nbformat.NotebookNode | None = None, *,
               name: str | None = None, raw: bytes | None = None,
               files: dict[str, bytes] | None = None) -> Path:
        folder = self.folder(student)
        target = folder / (name or self.notebook_name)
        if raw is not None:
            target.write_bytes(raw)
        elif nb is not None:
            nbformat.write(nb, str(target))
        for filename, data in (files or {}).items():
            (folder / filename).write_bytes(data)
        return target

    # -- grading
    def stock_autograde(self, *args: str) -> subprocess.CompletedProcess:
        return run([str(BIN / "nbgrader"), "autograde", self.assignment, *args], self.root, check=False)

    def mswlab_autograde(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        return run([str(BIN / "mswlab"), "course", "autograde", self.assignment,
                    "--course-dir", str(self.root), *args], self.root, timeout=timeout, check=False)

    def gradebook(self) -> Gradebook:
        return Gradebook(f"sqlite:///{self.root / 'gradebook.db'}")

    def rows(self, students: list[str] | None = None) -> dict[str, dict]:
        """Every gradebook row that grading writes, by student, without database ids."""
        found = {}
        with self.gradebook() as gb:
            for student in gb.students:
                if students is not None and student.id not in students:
                    continue
                for sub in student.submissions:
                    if sub.assignment.name != self.assignment:
                        continue
                    found[student.id] = {
                        "timestamp": sub.timestamp, "late_penalty": sub.late_submission_penalty,
                        "grades": sorted((nb.name, g.name, g.auto_score, g.manual_score, g.extra_credit,
                                          g.needs_manual_grade, g.max_score)
                                         for nb in sub.notebooks for g in nb.grades),
                        "comments": sorted((nb.name, c.name, c.auto_comment, c.manual_comment)
                                           for nb in sub.notebooks for c in nb.comments),
                        "notebooks": sorted((nb.name, nb.flagged) for nb in sub.notebooks),
                    }
        return found

    def auto_score(self, student: str) -> float:
        """Points from autograded cells for one student (0 when nothing was scored)."""
        grades = self.rows([student])[student]["grades"]
        return sum(g[2] or 0 for g in grades if g[1].startswith("test_"))

    def table_counts(self) -> dict[str, int]:
        import sqlite3
        db = sqlite3.connect(self.root / "gradebook.db")
        try:
            tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
            return {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
        finally:
            db.close()


def with_cell(nb: nbformat.NotebookNode, grade_id: str, source: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose cell ``grade_id`` has ``source``."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
            return nb
    raise KeyError(grade_id)
