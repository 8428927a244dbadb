"""JSON Schemas of the content models, written to ``datasets/schemas/`` so editors check YAML as authors type.

The models stay the one schema: ``mswlab schemas`` writes these files from them, the YAML extension
in VS Code reads them through ``.vscode/settings.json`` (written here too), and a test fails when a
written file no longer matches its model. A schema checks types, required fields and unknown ones;
rules across fields (an answer that is one of the options) are ``mswlab check``'s.
"""

from __future__ import annotations

import json
from pathlib import Path

from mswlab.content.base import Model
from mswlab.content.loader import DATASETS, SCHEMAS, datasets_dir, project_root
from mswlab.content.models import Curriculum

MANIFEST = "course/curriculum.yaml"


def schema_name(pattern: str) -> str:
    """``exam/items/*.yaml`` -> ``exam-items.schema.json``: one file per registered pattern."""
    stem = pattern.rsplit(".", 1)[0].removesuffix("/*").replace("/", "-")
    return f"{stem}.schema.json"


def _registered() -> dict[str, tuple[type[Model], str]]:
    """Schema file name -> (model, the path pattern it checks, relative to the project)."""
    files = {schema_name(pattern): (model, f"datasets/{pattern}") for pattern, model in DATASETS.items()}
    files[schema_name("curriculum.yaml")] = (Curriculum, MANIFEST)
    return files


def _text(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def expected(root: Path | None = None) -> dict[Path, str]:
    """Every file ``mswlab schemas`` writes, with its text."""
    root = root or project_root()
    folder = datasets_dir(root) / SCHEMAS
    files = {
        folder / name: _text({"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()})
        for name, (model, _) in _registered().items()
    }
    mapping = {
        f"./datasets/{SCHEMAS}/{name}": pattern
        for name, (_, pattern) in _registered().items()
        if pattern.endswith(".yaml")  # the YAML extension checks YAML; CSV tables are checked by mswlab check
    }
    files[root / ".vscode" / "settings.json"] = _text({"yaml.schemas": mapping})
    return files


def stale(root: Path | None = None) -> list[str]:
    """The written files that are missing or differ from the models, relative to the project."""
    root = root or project_root()
    return sorted(
        str(path.relative_to(root))
        for path, text in expected(root).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    )


def write(root: Path | None = None) -> list[str]:
    """Write every schema and the editor mapping; return the files that changed."""
    root = root or project_root()
    changed = stale(root)
    for path, text in expected(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return changed
