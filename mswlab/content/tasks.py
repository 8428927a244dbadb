"""The schema of graded tasks: ``datasets/assignments/<assignment>.yaml``.

Each graded part of an assignment is a pool of variants; each student sees one, chosen by a stable
hash of their student id (``mswlab.tasks.pools``), so neighbors' notebooks differ. A part is one
of four kinds:

- ``choice``: recognition items, each a single best answer with a rationale for every option (the
  item standard in the course's ASSESSMENT guide);
- ``compute``: the student works something out (a screen's total and band, PND, a T-score, a date)
  from the variant's inputs; the engine function named in ``function`` computes the answer;
- ``sort``: the student places one case's facts into categories (BPSS domains, the four Ps);
- ``write``: the student writes something (a SMART objective, a behavioral note, a safety plan)
  that the writing rules named in ``rules`` check.

The last three are performance tasks: the student produces something the engine checks. Their
answer fields, and how each is judged, are in ``mswlab.tasks.kinds``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field

from mswlab.content.base import CompetencyNumbers, Id, Model, require_unique, rule, unique
from mswlab.content.models import ChoiceItem, check_best_choice
from mswlab.errors import ValidationError

MIN_VARIANTS = 3
ANSWER_NAME = re.compile(r"^[a-z][a-z0-9_]*_answers$")
PERFORMANCE_KINDS = ("compute", "sort", "write")


class Variant(Model):
    id: Id
    case: str = ""  # markdown shown to the student above the task


class ChoiceVariant(Variant):
    items: Annotated[tuple[ChoiceItem, ...], unique("item id")]

    @rule
    def _rules(self) -> None:
        if not self.items:
            raise ValidationError("needs at least one item", field="items")
        for i, item in enumerate(self.items):
            try:
                check_best_choice(item.options, item.answer, "an assignment item")
            except ValidationError as err:
                raise ValidationError(err.message, entry=item.id, field=f"items[{i}].{err.field}") from None


class ComputeVariant(Variant):
    inputs: dict[str, Any]  # the function's arguments, shown to the student as the case's data


class SortFact(Model):
    id: Id
    text: str
    category: str
    why: str


class SortVariant(Variant):
    facts: Annotated[tuple[SortFact, ...], unique("fact id")]


class WriteVariant(Variant):
    given: str = ""  # text the student starts from (a judgmental note to rewrite, a client's words), if any
    given_label: str = "The note as written"  # the heading shown above ``given``
    must_mention: tuple[tuple[str, ...], ...] = ()  # each group: words of which the answer names one
    expected: dict[str, str] = {}  # per rule set: the answer a choice field should get (say urgency)
    example: dict[str, str]  # a model answer per field: shown in feedback, and it must pass every rule


class Part(Model):
    """One graded part: its answer variable, points, what it measures, and its variants."""

    id: str  # the answer variable, such as levels_answers; its test cell is test_<id>
    title: str
    points: float
    competencies: CompetencyNumbers
    measures: str  # what the part measures, in the words the competency report uses

    @rule
    def _part_rules(self) -> None:
        if not ANSWER_NAME.match(self.id):
            raise ValidationError(f"'{self.id}' should be a name in snake_case ending in _answers", field="id")
        if self.points <= 0:
            raise ValidationError("should be more than 0", field="points")
        require_unique((v.id for v in self.variants), "variant id", "variants")  # type: ignore[attr-defined]

    @property
    def performance(self) -> bool:
        return self.kind in PERFORMANCE_KINDS  # type: ignore[attr-defined]


class ChoicePart(Part):
    kind: Literal["choice"]
    variants: tuple[ChoiceVariant, ...]


class ComputePart(Part):
    kind: Literal["compute"]
    function: str  # a function in mswlab.tasks.computations.COMPUTE
    variants: tuple[ComputeVariant, ...]


class SortPart(Part):
    kind: Literal["sort"]
    categories: tuple[str, ...]
    variants: tuple[SortVariant, ...]

    @rule
    def _rules(self) -> None:
        for v in self.variants:
            for i, fact in enumerate(v.facts):
                if fact.category not in self.categories:
                    raise ValidationError(
                        f"'{fact.category}' is not one of the categories ({', '.join(self.categories)})",
                        entry=v.id,
                        field=f"facts[{i}].category",
                    )


class WritePart(Part):
    kind: Literal["write"]
    rules: str  # a rule set in mswlab.tasks.writing.WRITING
    variants: tuple[WriteVariant, ...]


AnyPart = Annotated[ChoicePart | ComputePart | SortPart | WritePart, Field(discriminator="kind")]


class TaskFile(Model):
    """The graded parts of one assignment (a private pool file adds variants to the same parts)."""

    ENTRIES = None

    assignment: Id | str
    parts: tuple[AnyPart, ...]

    @rule
    def _rules(self) -> None:
        require_unique((p.id for p in self.parts), "part id", "parts")
