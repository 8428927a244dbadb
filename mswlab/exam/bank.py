"""The item bank: every item under ``datasets/exam/items/``, with the file each came from."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from mswlab.content import loader
from mswlab.content.exam import ExamItem, ItemFile
from mswlab.errors import ValidationError


@dataclass(frozen=True)
class Bank:
    items: tuple[ExamItem, ...]
    files: dict[str, str]  # item id -> file, relative to datasets/, for messages

    _by_id: dict[str, ExamItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.items})

    def item(self, item_id: str) -> ExamItem:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise ValidationError(f"'{item_id}' is not an item in the bank", field="item") from None

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._by_id

    def eligible(self, level: str) -> tuple[ExamItem, ...]:
        """Items whose ``levels`` include ``level`` (an item level, not a category like associate)."""
        return tuple(i for i in self.items if level in i.levels)


def from_files(files: dict[str, ItemFile]) -> Bank:
    """A bank from loaded item files keyed by path relative to datasets/ (as ``load_all`` gives them)."""
    items: list[ExamItem] = []
    where: dict[str, str] = {}
    for name, item_file in sorted(files.items()):
        for item in item_file.items:
            if item.id in where:
                raise ValidationError(
                    f"also appears in datasets/{where[item.id]}; ids must be unique",
                    file=f"datasets/{name}",
                    entry=item.id,
                    field="id",
                )
            where[item.id] = name
            items.append(item)
    return Bank(tuple(items), where)


def load(root: Path | None = None) -> Bank:
    folder = loader.datasets_dir(root) / "exam" / "items"
    names = [f"exam/items/{p.name}" for p in sorted(folder.glob("*.yaml"))]
    return from_files({n: loader.load_dataset(n, root) for n in names})


@functools.cache
def default() -> Bank:
    """This checkout's bank, loaded once per process (widgets and the CLI share it)."""
    return load()
