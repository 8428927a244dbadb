"""The schema of the ethics material: the frameworks module 04 teaches, and the dilemma bank.

``datasets/ethics/frameworks.yaml`` holds the NASW Code's core values and sections of
standards, Dolgoff, Harrington and Loewenberg's Ethical Principles Screen in its priority
order, and Reamer's decision-making steps, each summarized in our own words with a source.
``datasets/ethics/dilemmas.yaml`` holds the practice dilemmas: which principles of the
Screen are in conflict, and a best action with a rationale for every action.
"""

from __future__ import annotations

import re
from typing import Annotated

from mswlab.content.base import CompetencyNumbers, Id, Model, require_unique, rule, unique
from mswlab.content.models import (
    ChoiceItem,
    Option,
    Provenance,
    best_choice_item,
    check_best_choice,
)
from mswlab.content.vignettes import Setting
from mswlab.errors import ValidationError

STANDARD_NUMBER = re.compile(r"^[1-6]\.\d\d$")  # a NASW standard, such as 1.07


class CoreValue(Model):
    id: str
    value: str  # "Service"
    principle: str  # the ethical principle that follows from it, in our words


class StandardsSection(Model):
    number: int  # 1 to 6
    title: str  # "Ethical responsibilities to clients"
    summary: str
    standards: tuple[str, ...]  # every standard in the section: "1.07 Privacy and confidentiality"


class ScreenPrinciple(Model):
    id: Id
    rank: int  # 1 is weighed first
    name: str
    summary: str


class ReamerStep(Model):
    id: Id
    number: int
    name: str
    prompt: str  # the question the worksheet asks at this step


class EthicsFrameworks(Model):
    provenance: Provenance
    sources: dict[str, str]  # short id -> full reference
    core_values: tuple[CoreValue, ...]
    standards: tuple[StandardsSection, ...]
    additions_2021: tuple[str, ...]  # what the 2021 revision added, in our words
    screen: Annotated[tuple[ScreenPrinciple, ...], unique("principle id")]
    reamer_steps: Annotated[tuple[ReamerStep, ...], unique("step id")]

    @rule
    def _rules(self) -> None:
        if len(self.core_values) != 6:
            raise ValidationError(f"lists {len(self.core_values)}; the Code has six core values", field="core_values")
        if [s.number for s in self.standards] != list(range(1, 7)):
            raise ValidationError(
                "should list the six sections of standards, numbered 1 to 6, in order", field="standards"
            )
        if [p.rank for p in self.screen] != list(range(1, len(self.screen) + 1)) or len(self.screen) != 7:
            raise ValidationError("should list the Screen's seven principles in rank order, 1 to 7", field="screen")
        if [s.number for s in self.reamer_steps] != list(range(1, len(self.reamer_steps) + 1)):
            raise ValidationError("should number the steps 1, 2, 3 ... in order", field="reamer_steps")
        for section in self.standards:
            for i, title in enumerate(section.standards):
                if not title.startswith(f"{section.number}.") or not STANDARD_NUMBER.match(title.split()[0]):
                    raise ValidationError(
                        f"'{title}' should start with a standard number of section "
                        f"{section.number}, such as '{section.number}.01'",
                        entry=str(section.number),
                        field=f"standards[{i}]",
                    )

    @property
    def standard_titles(self) -> dict[str, str]:
        """Standard number -> title, such as '1.07' -> 'Privacy and confidentiality'."""
        return {t.split(" ", 1)[0]: t.split(" ", 1)[1] for s in self.standards for t in s.standards}

    def principle(self, principle_id: str) -> ScreenPrinciple:
        for p in self.screen:
            if p.id == principle_id:
                return p
        raise ValidationError(
            f"'{principle_id}' is not a principle of the Ethical Principles Screen", field="principle"
        )


class Dilemma(Model):
    """A practice dilemma: principles of the Screen in tension, and actions with rationales."""

    id: Id
    title: str
    setting: Setting
    narrative: str
    principles: tuple[str, ...]  # Screen principle ids in conflict (2 or 3)
    principle_notes: dict[str, str]  # principle id -> how it bears on this case
    prompt: str  # "What should the social worker do?"
    options: tuple[Option, ...]
    answer: str
    standards: tuple[str, ...]  # NASW standards that apply, such as "1.07"
    competencies: CompetencyNumbers

    @rule
    def _rules(self) -> None:
        words = len(self.narrative.split())
        if not 60 <= words <= 250:
            raise ValidationError(f"has {words} words; a dilemma's narrative has 60 to 250", field="narrative")
        if not 2 <= len(self.principles) <= 3:
            raise ValidationError(
                f"lists {len(self.principles)}; a dilemma sets 2 or 3 principles in conflict", field="principles"
            )
        require_unique(self.principles, "principle", "principles")
        if set(self.principle_notes) != set(self.principles):
            raise ValidationError(
                "should give one note for each principle in 'principles', and no others", field="principle_notes"
            )
        check_best_choice(self.options, self.answer, "a dilemma")
        for i, number in enumerate(self.standards):
            if not STANDARD_NUMBER.match(number):
                raise ValidationError(
                    f"'{number}' should be a NASW standard number such as '1.07'", field=f"standards[{i}]"
                )

    def as_item(self) -> ChoiceItem:
        """The action choice for the one practice engine (mswlab.practice.judge)."""
        return best_choice_item(self.id, self.prompt, self.options, self.answer)


class DilemmaFile(Model):
    ENTRIES = "dilemmas"

    provenance: Provenance
    dilemmas: Annotated[tuple[Dilemma, ...], unique("dilemma id")]
