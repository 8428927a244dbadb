"""Every ready module follows the course pattern; datasets cover what the modules promise."""

import re

import nbformat
import pytest

from mswlab.content import load_curriculum, practice_set
from tests.conftest import ROOT

READY = load_curriculum().ready


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_module_opens_with_manifest_header_and_ends_with_key_points(module):
    nb = nbformat.read(str(ROOT / module.notebook), as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code[0].startswith("# Setup: run this cell first"), "one setup cell at the top"
    assert code[1] == f'lesson.header("{module.id}")'
    assert f'lesson.key_points("{module.id}")' in code
    assert nb.cells[0].source.startswith(f"# {module.id[:2]} ")


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_cells_are_short_and_install_nothing(module):
    for path in (ROOT / module.notebook, ROOT / "course/source" / module.assignment / f"{module.assignment}.ipynb"):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not re.search(r"^\s*[%!]\s*(pip|conda)\b", cell.source, re.M), path
                assert len(cell.source.splitlines()) <= 12, f"{path.name}: long code cell"


def test_levels_practice_covers_each_level_and_setting():
    levels = practice_set("levels-of-practice")
    assert len(levels.items) >= 24
    per_level = {o.key: sum(i.answer == o.key for i in levels.items) for o in levels.options}
    assert min(per_level.values()) >= 5, per_level
    assert len({t for i in levels.items for t in i.tags}) >= 10
    for item in levels.items:
        assert 25 <= len(item.stem.split()) <= 100, item.id


def test_module_ids_follow_the_plan():
    ids = [m.id for m in load_curriculum().modules]
    assert ids == [
        "00_start_here",
        "01_levels_of_practice",
        "02_careers_and_settings",
        "03_licensure_paths",
        "04_ethics_and_values",
        "05_bpss_assessment",
        "06_strengths_and_screening",
        "07_crisis_and_risk",
        "08_treatment_planning",
        "09_evidence_based_interventions",
        "10_helping_relationship",
        "11_measuring_outcomes",
        "12_case_management_and_advocacy",
        "13_integrative_cases",
        "14_licensing_exam_prep",
    ]
