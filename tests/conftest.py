"""Shared fixtures: the project root, the venv's tools, and a scratch copy of the project."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool_env() -> dict[str, str]:
    """Environment for running the venv's commands (nbgrader needs alembic on PATH)."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def fill_answers(notebook, answers: dict[str, str]):
    """Type answers into a release notebook (a dict or nbformat node): each answer cell's
    stub line is replaced by the text given for its grade_id."""
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = cell["source"].replace("# YOUR ANSWER HERE", answers[grade_id])
    return notebook


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the content a check reads: datasets, course, modules."""
    for name in ("datasets", "modules"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "course", tmp_path / "course",
                    ignore=shutil.ignore_patterns("release", "submitted", "autograded", "feedback",
                                                  "gradebook.db"))
    return tmp_path
