"""Imports run one way through the engine: core -> content -> practice and domains -> the learner's
records (store, exam, hours) -> grading, graded tasks, the check and the command line. A module may import its own
layer or one below it, never one above, so a new kind of practice cannot tangle the core."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

LAYERS = ("core", "content", "domains", "records", "tools")
CORE = {"mswlab.errors", "mswlab.clock", "mswlab.wording"}
RECORDS = {"mswlab.store", "mswlab.hours"}
TOOLS = {"mswlab.check", "mswlab.cli", "mswlab.assignments", "mswlab.notebooks"}


def layer(module: str) -> int:
    if module in CORE:
        return 0
    if module == "mswlab.content" or module.startswith("mswlab.content."):
        return 1
    if module in RECORDS or module.startswith("mswlab.exam"):
        return 3
    if module in TOOLS or module.startswith(("mswlab.grading", "mswlab.tasks")):
        return 4
    return 2


def imports(path) -> set[str]:
    """The mswlab modules a file imports (``from mswlab import x`` counts as mswlab.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mswlab")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mswlab"):
            if node.module == "mswlab":
                found |= {f"mswlab.{a.name}" for a in node.names}
            else:
                found.add(node.module)
    return found


def crossings() -> set[tuple[str, str]]:
    found = set()
    for path in sorted((ROOT / "mswlab").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found |= {(module, target) for target in imports(path) if layer(target) > layer(module)}
    return found


def test_no_module_imports_a_layer_above_its_own():
    found = crossings()
    assert not found, "imports against the layers:\n" + "\n".join(
        f"{a} ({LAYERS[layer(a)]}) imports {b} ({LAYERS[layer(b)]})" for a, b in sorted(found)
    )


def test_the_layers_are_what_the_architecture_says():
    assert [layer(m) for m in ("mswlab.clock", "mswlab.content.exam", "mswlab.practice", "mswlab.store")] == [
        0,
        1,
        2,
        3,
    ]
    assert layer("mswlab.grading.autograde") == layer("mswlab.check") == 4
