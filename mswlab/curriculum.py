"""Text and tables drawn from the curriculum manifest, so notebooks never restate it."""

from __future__ import annotations

import pandas as pd

from mswlab.content import competencies, load_curriculum
from mswlab.content.models import Curriculum, Module


def header_markdown(module: Module) -> str:
    """Objectives, time and competencies for the top of a module notebook."""
    names = {c.number: c.name for c in competencies().competencies}
    lines = [f"**Time:** about {module.minutes} minutes", "", "**By the end of this module you can:**", ""]
    lines += [f"- {objective}" for objective in module.objectives]
    if module.competencies:
        lines += ["", "**CSWE 2022 EPAS competencies practiced here:**", ""]
        lines += [f"- {n}. {names[n]}" for n in module.competencies]
    return "\n".join(lines)


def key_points_markdown(module: Module) -> str:
    return "\n".join(["**Key points**", ""] + [f"- {point}" for point in module.key_points])


def module_table(curriculum: Curriculum | None = None) -> pd.DataFrame:
    """One row per module in course order: number, title, status, minutes, competencies."""
    curriculum = curriculum or load_curriculum()
    return pd.DataFrame(
        [
            {
                "Module": m.id[:2],
                "Title": m.title,
                "Status": m.status,
                "Minutes": m.minutes,
                "CSWE competencies": ", ".join(map(str, m.competencies)) or "-",
                "Notebook": m.notebook,
            }
            for m in curriculum.modules
        ]
    )
