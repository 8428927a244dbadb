"""A printable form for instructors' review sessions: HTML (questions, then the key with
rationales) or JSON (item ids, areas and the key), from the same seeded assembly."""

from __future__ import annotations

from mswlab.exam.forms import Form
from mswlab.exam.scoring import pass_statement
from mswlab.templates import render


def as_json(form: Form) -> dict:
    spec = form.spec
    return {
        "category": spec.category,
        "format": spec.format,
        "seed": form.seed,
        "questions": len(form.questions),
        "scored": spec.scored,
        "pretest": spec.pretest,
        "minutes": spec.minutes,
        "sections": list(spec.sections),
        "weights_published": spec.weights_published,
        "area_targets": {a.id: round(a.weight * spec.scored / 100, 2) for a in spec.areas},
        "area_counts": form.area_counts(),
        "pretest_area_counts": form.area_counts(scored=False),
        "notes": list(spec.notes),
        "items": [
            {
                "number": q.number,
                "id": q.item.id,
                "section": q.section + 1,
                "area": q.area,
                "scored": q.scored,
                "key": q.item.answer,
            }
            for q in form.questions
        ],
    }


def as_html(form: Form) -> str:
    spec = form.spec
    return render(
        "exam_form.html.j2",
        title=f"{spec.category_name} practice form ({spec.format_name})",
        form=form,
        spec=spec,
        sections=[form.section(index) for index in range(len(spec.sections))],
        pass_statement=pass_statement(spec),
    )
