"""What each kind of graded part asks for, and how an answer to it is judged, mark by mark.

Every kind turns (part, variant) into the answer ``fields`` a student fills in (the form and the
typed dictionary use the same names) and turns an answer into ``Mark``s: one per item, fact,
computed value or writing rule, each with the student's answer, the best answer and why. The
part's points are shared equally among its marks, so the score and the feedback always agree.

Compute functions (``mswlab.tasks.computations.COMPUTE``) and writing rule sets
(``mswlab.tasks.writing.WRITING``) call the domain engines; a new performance task adds an entry
there, not a new kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mswlab.content.tasks import ChoicePart, ComputePart, Part, SortPart, Variant, WritePart
from mswlab.errors import ValidationError
from mswlab.practice import judge
from mswlab.tasks.computations import COMPUTE, number
from mswlab.tasks.fields import FieldSpec, Mark, share, shown
from mswlab.tasks.writing import WRITING

# --- choice ----------------------------------------------------------------------------------


def _choice_fields(part: ChoicePart, variant) -> list[FieldSpec]:
    return [
        FieldSpec(str(i), item.stem, "choice", tuple((o.key, o.text) for o in item.options))
        for i, item in enumerate(variant.items, start=1)
    ]


def _choice_marks(part: ChoicePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    """Each item judged by the practice core's ``judge``, the one place feedback is worded."""
    marks, each = [], share(part, len(variant.items))
    for i, item in enumerate(variant.items, start=1):
        best, given = item.option(item.answer), answer.get(str(i))
        try:
            feedback = judge(item, item.options, str(given or "").strip().strip("()").strip().lower())
        except ValidationError:
            why = "No choice could be read. " + judge(item, item.options, item.answer).message
            marks.append(Mark(f"Question {i}", shown(given), _option(best), 0.0, each, why))
            continue
        earned = each if feedback.correct else 0.0
        marks.append(
            Mark(f"Question {i}", _option(item.option(feedback.chosen)), _option(best), earned, each, feedback.message)
        )
    return marks


def _option(option) -> str:
    return f"{option.key.upper()}. {option.text}"


# --- sort ------------------------------------------------------------------------------------


def _sort_fields(part: SortPart, variant) -> list[FieldSpec]:
    options = tuple((c, c) for c in part.categories)
    return [FieldSpec(str(i), fact.text, "choice", options) for i, fact in enumerate(variant.facts, start=1)]


def _sort_marks(part: SortPart, variant, answer: Mapping[str, object]) -> list[Mark]:
    each = share(part, len(variant.facts))
    marks = []
    for i, fact in enumerate(variant.facts, start=1):
        given = answer.get(str(i))
        right = _same_word(given, fact.category)
        marks.append(Mark(f"Fact {i}", shown(given), fact.category, each if right else 0.0, each, fact.why))
    return marks


def _same_word(value: object, word: str) -> bool:
    from mswlab.assignments import reading

    return reading(value, word.lower())


def _compute_marks(part: ComputePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    computation = COMPUTE[part.function]
    specs = computation.fields(variant.inputs)
    solved = computation.solve(variant.inputs)
    each = share(part, len(specs))
    marks = []
    for spec in specs:
        best, given = solved[spec.name], answer.get(spec.name)
        if spec.type == "number":
            value = number(given)
            right = value is not None and abs(value - float(best)) <= spec.tolerance + 1e-9  # type: ignore[arg-type]
            best_text = f"{float(best):g}" if spec.tolerance == 0 else f"{float(best):.2f}"  # type: ignore[arg-type]
        else:
            right = _same_word(given, str(best))
            best_text = str(best)
        marks.append(Mark(spec.label, shown(given), best_text, each if right else 0.0, each, computation.how))
    return marks


def _write_marks(part: WritePart, variant, answer: Mapping[str, object]) -> list[Mark]:
    writing = WRITING[part.rules]
    text = {spec.name: str(answer.get(spec.name) or "") for spec in writing.sections}
    rules = writing.judge(variant, text)
    each = share(part, len(rules))
    given = " / ".join(t.strip() for t in text.values() if t.strip())
    best = " / ".join(v for v in variant.example.values()) if variant.example else ""
    return [Mark(r.label, shown(given), best, each if r.passed else 0.0, each, r.message) for r in rules]


# --- the kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    fields: Callable[[Any, Any], list[FieldSpec]]
    marks: Callable[[Any, Any, Mapping[str, object]], list[Mark]]
    data: Callable[[Any, Any], str] = field(default=lambda part, variant: "")


KINDS: dict[str, Kind] = {
    "choice": Kind(_choice_fields, _choice_marks),
    "sort": Kind(_sort_fields, _sort_marks),
    "compute": Kind(
        lambda part, v: COMPUTE[part.function].fields(v.inputs),
        _compute_marks,
        lambda part, v: COMPUTE[part.function].data(v.inputs),
    ),
    "write": Kind(
        lambda part, v: list(WRITING[part.rules].sections),
        _write_marks,
        lambda part, v: f"**{v.given_label}:**\n\n> {v.given}" if v.given else "",
    ),
}


def fields(part: Part, variant: Variant) -> list[FieldSpec]:
    return KINDS[part.kind].fields(part, variant)  # type: ignore[attr-defined]


def marks(part: Part, variant: Variant, answer: Mapping[str, object]) -> list[Mark]:
    return KINDS[part.kind].marks(part, variant, answer)  # type: ignore[attr-defined]


def data(part: Part, variant: Variant) -> str:
    return KINDS[part.kind].data(part, variant)  # type: ignore[attr-defined]


__all__ = ["COMPUTE", "KINDS", "WRITING", "FieldSpec", "Mark", "data", "fields", "marks"]
