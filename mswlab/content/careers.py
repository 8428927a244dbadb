"""The schema of the careers and settings reference (module 02).

``datasets/careers/careers.yaml`` holds the skills and traits a social worker draws on and the
micro-practice career profiles; ``settings.yaml`` holds the ten practice settings. Both are
original prose with no statistics: labor-market figures live, sourced, in occupations.csv.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mswlab.content.base import Id, Model, require_unique, rule, unique
from mswlab.content.models import Provenance
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

ROLES_BEYOND_THERAPY = ("coordinating-care", "advocating", "educating", "working-with-groups")


class Skill(Model):
    id: str
    kind: Literal["skill", "trait"]
    name: str
    description: str


class Career(Model):
    id: Id
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

    @rule
    def _rules(self) -> None:
        if set(self.beyond_therapy) != set(ROLES_BEYOND_THERAPY):
            raise ValidationError(f"should describe each of {', '.join(ROLES_BEYOND_THERAPY)}", field="beyond_therapy")


class CareerFile(Model):
    ENTRIES = "careers"

    provenance: Provenance
    skills: Annotated[tuple[Skill, ...], unique("skill id")]
    careers: tuple[Career, ...]

    @rule
    def _rules(self) -> None:
        require_unique((c.id for c in self.careers), "career id", "careers")
        kinds = {s.id: s.kind for s in self.skills}
        for c in self.careers:
            for field, kind in (("skills", "skill"), ("traits", "trait")):
                for i, name in enumerate(getattr(c, field)):
                    if kinds.get(name) != kind:
                        raise ValidationError(
                            f"'{name}' is not a {kind} listed under skills", entry=c.id, field=f"{field}[{i}]"
                        )


class PracticeSetting(Model):
    id: Setting
    name: str
    what_social_workers_do: tuple[str, ...]
    populations: tuple[str, ...]


class SettingFile(Model):
    ENTRIES = "settings"

    provenance: Provenance
    settings: Annotated[tuple[PracticeSetting, ...], unique("setting id")]
