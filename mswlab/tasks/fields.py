"""What a graded part's answer is made of (``FieldSpec``) and how it is judged (``Mark``), shared by
every kind, computation and writing rule set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mswlab.content.tasks import Part

FieldType = Literal["choice", "number", "text", "long_text"]


@dataclass(frozen=True)
class FieldSpec:
    """One answer field: its key in the answer dictionary, its label, and what it takes."""

    name: str
    label: str
    type: FieldType
    options: tuple[tuple[str, str], ...] = ()  # (key, shown text) for a choice
    tolerance: float = 0.0  # for a number: how far from the engine's value still counts


@dataclass(frozen=True)
class Mark:
    """One judged piece of an answer, as the feedback shows it."""

    label: str
    given: str
    best: str
    earned: float
    possible: float
    why: str

    @property
    def right(self) -> bool:
        return self.earned >= self.possible


def shown(value: object) -> str:
    if value is None or value == "":
        return "(no answer)"
    text = str(value).strip()
    return text if len(text) <= 400 else text[:400] + " [...]"


def share(part: Part, count: int) -> float:
    return part.points / count if count else 0.0
