"""Careers and settings: filtering the profiles, and reading a student's skills self-inventory.

The inventory is for reflection, not selection: it has no norms, and the prompts ask the student
to look for evidence and plan practice rather than to rule a career in or out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mswlab.content import careers, practice_settings
from mswlab.content.careers import Career
from mswlab.errors import ValidationError

SCALE = (1, 5)  # 1 = not yet, 5 = a real strength


def find(setting: str | None = None, skill: str | None = None) -> list[Career]:
    """Careers that include ``setting`` and call for ``skill`` (a skill or a trait); None matches all."""
    return [
        c
        for c in careers().careers
        if (setting is None or setting in c.settings) and (skill is None or skill in c.skills + c.traits)
    ]


def compare(first: str, second: str) -> pd.DataFrame:
    """Two careers side by side, one row per aspect."""
    profiles = {c.id: c for c in careers().careers}
    for name in (first, second):
        if name not in profiles:
            raise ValidationError(f"'{name}' is not a career in the course data.", field="career")
    names = {s.id: s.name for s in careers().skills} | {s.id: s.name for s in practice_settings()}
    rows = {
        "Typical tasks": lambda c: "; ".join(c.tasks),
        "Settings": lambda c: ", ".join(names[s] for s in c.settings),
        "Degree": lambda c: c.degree,
        "License": lambda c: c.licence,
        "Skills": lambda c: ", ".join(names[s] for s in c.skills),
        "Traits": lambda c: ", ".join(names[t] for t in c.traits),
        "BLS occupation": lambda c: c.soc,
    }
    a, b = profiles[first], profiles[second]
    return pd.DataFrame(
        {"Aspect": list(rows), a.title: [f(a) for f in rows.values()], b.title: [f(b) for f in rows.values()]}
    )


@dataclass(frozen=True)
class Profile:
    ratings: dict[str, int]  # skill or trait id -> 1..5
    strongest: tuple[str, ...]
    growing: tuple[str, ...]
    prompts: tuple[str, ...]


def skill_profile(ratings: dict[str, object]) -> Profile:
    """Check a rating for every skill and trait, then name the strongest and the least developed."""
    low, high = SCALE
    names = {s.id: s.name for s in careers().skills}
    clean = {}
    for key, name in names.items():
        value = ratings.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(f"Rate '{name}' from {low} (not yet) to {high} (a real strength).", field=key)
        clean[key] = value
    order = sorted(clean, key=lambda k: (-clean[k], names[k]))
    strongest, growing = tuple(order[:3]), tuple(reversed(order[-3:]))
    prompts = (
        f"Think of a time you used {names[strongest[0]].lower()} well. What did you do, and what did the "
        "other person notice?",
        f"{names[growing[0]]} is where you rated yourself lowest. Which course module, field placement task or "
        "supervision conversation could help you practice it this term?",
        "Which of the careers in this module calls most on your strongest areas, and which would stretch you? "
        "A stretch is not a reason to rule a career out.",
        "Ask a field instructor or classmate to rate you on two of these areas. Where do their ratings and "
        "yours differ, and why might that be?",
    )
    return Profile(clean, strongest, growing, prompts)
