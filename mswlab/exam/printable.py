"""A printable form for instructors' review sessions: HTML (questions, then the key with
rationales) or JSON (item ids, areas and the key), from the same seeded assembly."""

from __future__ import annotations

import html

from mswlab.exam.forms import Form
from mswlab.exam.scoring import pass_statement


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


_CSS = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; line-height: 1.45; color: #111; }
h1, h2 { font-family: system-ui, sans-serif; }
ol.options { list-style: upper-alpha; }
.question { break-inside: avoid; margin-bottom: 1.4rem; }
.key { break-before: page; }
.meta { color: #444; font-size: 0.9rem; }
@media print { body { margin: 0; } a { color: inherit; } }
"""


def as_html(form: Form) -> str:
    spec = form.spec
    e = html.escape
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(spec.category_name)} practice form, seed {form.seed}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(spec.category_name)} practice form ({e(spec.format_name)})</h1>",
        f"<p class='meta'>Seed {form.seed}. {len(form.questions)} questions in {len(spec.sections)} sections; "
        f"{spec.minutes} minutes on the real exam. Original practice items written for MSW Practice Lab, "
        "not ASWB items.</p>",
    ]
    parts += [f"<p class='meta'>{e(note)}</p>" for note in spec.notes]
    for index in range(len(spec.sections)):
        parts.append(f"<h2>Section {index + 1}</h2>")
        for q in form.section(index):
            options = "".join(f"<li>{e(o.text)}</li>" for o in q.item.options)
            parts.append(
                f"<div class='question'><p><strong>{q.number}.</strong> {e(q.item.stem)}</p>"
                f"<ol class='options'>{options}</ol></div>"
            )
    parts.append(
        f"<section class='key'><h1>Answer key with rationales</h1><p class='meta'>{e(pass_statement(spec))}</p>"
    )
    for q in form.questions:
        status = "scored" if q.scored else "pretest (unscored)"
        reasons = "".join(f"<li><strong>{o.key.upper()}</strong>: {e(o.rationale or '')}</li>" for o in q.item.options)
        parts.append(
            f"<div class='question'><p><strong>{q.number}. {q.item.answer.upper()}</strong> "
            f"<span class='meta'>({e(spec.area_name(q.area))}; {status}; {e(q.item.id)})</span></p>"
            f"<ul>{reasons}</ul></div>"
        )
    parts.append("</section></body></html>")
    return "\n".join(parts)
