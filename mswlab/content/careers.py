"""The schema of the careers and settings reference (module 02).

``datasets/careers/careers.yaml`` holds the skills and traits a social worker draws on and the
micro-practice career profiles; ``settings.yaml`` holds the ten practice settings. Both are
original prose with no statistics: labor-market figures live, sourced, in occupations.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mswlab.content.models import Provenance, require_kebab, require_unique
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

ROLES_BEYOND_THERAPY = ("coordinating-care", "advocating", "educating", "working-with-groups")


@dataclass(frozen=True)
class Skill:
    id: str
    kind: Literal["skill", "trait"]
    name: str
    description: str


@dataclass(frozen=True)
class Career:
    id: str
    title: str
    soc: str  # the closest BLS occupation code
    summary: str
    tasks: tuple[str, ...]
    settings: tuple[Setting, ...]
    degree: str
    licence: str
    skills: tuple[str, ...]
    traits: tuple[str, ...]
    beyond_therapy: dict[str, str]  # role -> how this career does it
    references: tuple[str, ...]

    def check(self) -> None:
        require_kebab(self.id)
        if set(self.beyond_therapy) != set(ROLES_BEYOND_THERAPY):
            raise ValidationError(f"should describe each of {', '.join(ROLES_BEYOND_THERAPY)}", field="beyond_therapy")


@dataclass(frozen=True)
class CareerFile:
    provenance: Provenance
    skills: tuple[Skill, ...]
    careers: tuple[Career, ...]

    def check(self) -> None:
        require_unique((s.id for s in self.skills), "skill id", "skills")
        require_unique((c.id for c in self.careers), "career id", "careers")
        kinds = {s.id: s.kind for s in self.skills}
        for c in self.careers:
            for field, kind in (("skills", "skill"), ("traits", "trait")):
                for i, name in enumerate(getattr(c, field)):
                    if kinds.get(name) != kind:
                        raise ValidationError(
                            f"'{name}' is not a {kind} listed under skills", entry=c.id, field=f"{field}[{i}]"
                        )

    @property
    def entries(self) -> tuple[Career, ...]:
        return self.careers


@dataclass(frozen=True)
class PracticeSetting:
    id: Setting
    name: str
    what_social_workers_do: tuple[str, ...]
    populations: tuple[str, ...]


@dataclass(frozen=True)
class SettingFile:
    provenance: Provenance
    settings: tuple[PracticeSetting, ...]

    def check(self) -> None:
        require_unique((s.id for s in self.settings), "setting id", "settings")

    @property
    def entries(self) -> tuple[PracticeSetting, ...]:
        return self.settings
