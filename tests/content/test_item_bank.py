"""The real item bank meets the issue's acceptance figures, through `mswlab check --json`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from mswlab.exam import bank, lint
from tests.conftest import BIN, ROOT, tool_env


def check_json(root: Path = ROOT) -> dict:
    done = subprocess.run(
        [str(BIN / "mswlab"), "check", "--json", "--root", str(root)],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def test_check_reports_the_bank_size_levels_areas_and_zero_lint_errors():
    report = check_json()
    counts = report["counts"]
    assert report["ok"], report["problems"]
    assert counts["items"] >= 400 and counts["item_lint_errors"] == 0
    assert all(n >= 110 for n in counts["items_by_level"].values())
    assert set(counts["items_by_level"]) == {"bachelors", "masters", "advanced-generalist", "clinical"}
    assert set(counts["items_by_area"]) == {"values-and-ethics", "assessment-and-planning", "intervention-and-practice"}
    assert counts["three_option_share"] >= 0.70


def test_area_proportions_are_within_5_points_of_each_levels_current_weights():
    the_bank = bank.default()
    for level in ("bachelors", "masters", "advanced-generalist", "clinical"):
        for area, (share, weight, _) in lint.area_shares(the_bank, level, "current").items():
            assert abs(share - weight) <= 5, (level, area, share)


def test_every_item_has_a_rationale_per_option_and_cites_a_source():
    for item in bank.default().items:
        assert len(item.options) in (3, 4) and all(len(o.rationale.split()) >= 5 for o in item.options), item.id
        assert item.references and all(r.strip() for r in item.references), item.id


def test_a_malformed_item_file_fails_check_naming_file_entry_and_field(project_copy: Path):
    path = project_copy / "datasets/exam/items/ethics-confidentiality.yaml"
    data = yaml.safe_load(path.read_text())
    data["items"][3]["answer"] = "e"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = check_json(project_copy)["problems"]
    first_id = data["items"][3]["id"]
    assert any(
        p.startswith(
            f"datasets/exam/items/ethics-confidentiality.yaml: entry '{first_id}': field 'answer': "
            "is 'e', which is not one of the options"
        )
        for p in problems
    ), problems


def test_an_item_for_an_unknown_module_fails_check(project_copy: Path):
    path = project_copy / "datasets/exam/items/families-groups.yaml"
    text = path.read_text()
    first = yaml.safe_load(text)["items"][0]
    path.write_text(text.replace(f"module: {first['module']}", "module: 99_no_such_module", 1))
    problems = check_json(project_copy)["problems"]
    assert any(f"entry '{first['id']}': field 'module': '99_no_such_module' is not a module" in p for p in problems)


def test_a_duplicated_stem_across_files_fails_check(project_copy: Path):
    source = yaml.safe_load((project_copy / "datasets/exam/items/human-development.yaml").read_text())["items"][0]
    copy = dict(source, id="zz-copy-001")
    (project_copy / "datasets/exam/items/zz-copy.yaml").write_text(yaml.safe_dump({"items": [copy]}, sort_keys=False))
    problems = check_json(project_copy)["problems"]
    assert any("entry 'zz-copy-001': field 'stem': is nearly the same as the stem of" in p for p in problems)


def test_an_item_area_the_blueprint_does_not_name_fails_check(project_copy: Path):
    path = project_copy / "datasets/exam/items/ethics-confidentiality.yaml"
    data = yaml.safe_load(path.read_text())
    data["items"][0]["area"] = "human-behavior"  # a 2018 area, not a current one
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = check_json(project_copy)["problems"]
    assert (
        f"datasets/exam/items/ethics-confidentiality.yaml: entry '{data['items'][0]['id']}': field 'area': "
        "'human-behavior' is not a content area of the current format (assessment-and-planning, "
        "intervention-and-practice, values-and-ethics; datasets/exam/blueprints.yaml)"
    ) in problems
