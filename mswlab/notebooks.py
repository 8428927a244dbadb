"""What a clean, committed notebook looks like, how to find what is not, and how to fix it.

Clean means: no outputs, no execution counts, the standard Python 3 kernelspec, minimal
notebook metadata, only the cell metadata we use (nbgrader, tags, editable, deletable, and
mswlab: the CSWE competencies a graded cell assesses), nbformat 4.5 with cell ids, and
nbformat's own serialisation. ``mswlab clean`` writes exactly this form, so a dirty
notebook is always one command away from clean.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
NOTEBOOK_METADATA = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
CELL_METADATA_KEYS = {"nbgrader", "tags", "editable", "deletable", "mswlab"}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def serialise(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the clean form of ``nb`` (outputs, counts and stray metadata removed)."""
    nb = nbformat.from_dict(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in CELL_METADATA_KEYS})
    nbformat.validator.normalize(nb)
    for index, cell in enumerate(nb.cells):
        if "id" not in cell:
            cell.id = f"cell-{index:03d}"
    return nb


def problems(path: Path, shown_as: str) -> list[str]:
    """Say, one line each, why the notebook at ``path`` is not clean."""
    try:
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
    except Exception as err:  # any unreadable notebook is one problem, not a crash
        return [f"{shown_as}: cannot be read as a notebook ({err})"]
    found = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and cell.get("outputs"):
            found.append(f"{shown_as}: cell {index} has saved output")
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            found.append(f"{shown_as}: cell {index} has an execution count")
        extra = sorted(set(cell.metadata) - CELL_METADATA_KEYS)
        if extra:
            found.append(f"{shown_as}: cell {index} has extra metadata ({', '.join(extra)})")
    if dict(nb.metadata) != NOTEBOOK_METADATA:
        found.append(f"{shown_as}: notebook metadata is not the standard Python 3 kernelspec only")
    if not found and text != serialise(normalise(nb)):
        found.append(f"{shown_as}: not in normalized form (nbformat 4.5 with cell ids)")
    if found:
        found.append(f"{shown_as}: fix with `mswlab clean {shown_as}`")
    return found


def clean(path: Path) -> bool:
    """Rewrite ``path`` in clean form; return True if anything changed."""
    before = path.read_text(encoding="utf-8")
    after = serialise(normalise(nbformat.reads(before, as_version=4)))
    if after != before:
        path.write_text(after, encoding="utf-8")
        return True
    return False
