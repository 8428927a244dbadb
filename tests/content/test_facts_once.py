"""Facts the data holds are stated there once: the views read exam sizes, times and the practice limit
from the blueprint and the engine instead of writing the numbers again."""

from __future__ import annotations

import io
import re
import tokenize

from mswlab.exam import blueprint
from mswlab.exam.session import PracticeRun
from tests.conftest import ROOT


def facts() -> dict[int, str]:
    """Numbers the blueprint and engine hold, each with where it lives (small numbers such as the 12
    pretest questions are left out: they coincide with too much else, like a 12-point font)."""
    held = {PracticeRun.MAX_ITEMS: "PracticeRun.MAX_ITEMS"}
    for form in blueprint.default().formats:
        for name in ("questions", "scored", "pretest", "minutes"):
            value = getattr(form, name).value
            if value >= 100:
                held[value] = f"datasets/exam/blueprints.yaml: format '{form.id}': {name}"
    return held


def test_views_do_not_restate_numbers_the_blueprint_and_engine_hold():
    held = facts()
    found = []
    for path in sorted((ROOT / "widgets").glob("*.py")):
        for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
            if token.type not in (tokenize.NUMBER, tokenize.STRING):
                continue
            for number, home in held.items():
                if re.search(rf"(?<![\w.-]){number}(?![\w.%]|px)", token.string):
                    found.append(f"widgets/{path.name}:{token.start[0]}: {number} (read it from {home})")
    assert not found, "\n".join(found)


def test_the_check_finds_a_restated_number():
    line = 'W.Dropdown(options=[("2026 format (122 questions)", "current")])'
    token = next(t for t in tokenize.generate_tokens(io.StringIO(line).readline) if "122" in t.string)
    assert re.search(r"(?<![\w.-])122(?![\w.%]|px)", token.string) and 122 in facts()


def test_views_take_the_label_style_and_readable_width_from_one_place():
    """widgets/feedback.py defines how wide a label and a line of text may be; a view that restates either
    would drift from the others."""
    restated = [
        f"{path.name}:{n}"
        for path in sorted((ROOT / "widgets").glob("*.py"))
        if path.name != "feedback.py"
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if '"description_width": "initial"' in line or '"760px"' in line
    ]
    assert restated == []
