"""The JSON Schemas editors use are current, describe the real files, and catch what authors get wrong."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from mswlab.content import json_schemas
from tests.conftest import ROOT


def _as_json(data):
    return json.loads(json.dumps(data, default=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d)))


def _mapped() -> list[tuple[Path, Path]]:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    return [
        (ROOT / schema, path)
        for schema, pattern in settings["yaml.schemas"].items()
        for path in sorted(ROOT.glob(pattern))
    ]


def test_the_committed_schemas_and_editor_mapping_match_the_models():
    assert json_schemas.stale() == [], "run `mswlab schemas` and commit the result"


def test_a_schema_that_no_longer_matches_its_model_is_named(tmp_path):
    json_schemas.write(tmp_path)
    assert json_schemas.stale(tmp_path) == []
    items = tmp_path / "datasets" / "schemas" / "exam-items.schema.json"
    items.write_text(items.read_text().replace('"stem"', '"question"'))
    (tmp_path / ".vscode" / "settings.json").unlink()
    assert json_schemas.stale(tmp_path) == [".vscode/settings.json", "datasets/schemas/exam-items.schema.json"]


def test_every_yaml_file_is_mapped_to_a_schema_that_accepts_it():
    mapped = _mapped()
    yaml_files = {p for p in (ROOT / "datasets").rglob("*.yaml")} | {ROOT / "course" / "curriculum.yaml"}
    assert {path for _, path in mapped} == yaml_files
    for schema, path in mapped:
        jsonschema.validate(_as_json(yaml.safe_load(path.read_text())), json.loads(schema.read_text()))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda item: item.update(colour="red"), "Additional properties are not allowed"),
        (lambda item: item.pop("stem"), "'stem' is a required property"),
        (lambda item: item.update(difficulty="tricky"), "'tricky' is not one of"),
        (lambda item: item.update(competency=12), "12 is greater than the maximum of 9"),
        (lambda item: item.update(id="Item One"), "does not match"),
    ],
)
def test_an_editor_flags_an_authors_slip_as_they_type(change, words):
    schema = json.loads((ROOT / "datasets" / "schemas" / "exam-items.schema.json").read_text())
    data = _as_json(yaml.safe_load(next((ROOT / "datasets" / "exam" / "items").glob("*.yaml")).read_text()))
    change(data["items"][0])
    with pytest.raises(jsonschema.ValidationError, match=words):
        jsonschema.validate(data, schema)
