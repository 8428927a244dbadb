"""Forms follow the blueprint for every level and format, reproducibly, and score honestly."""

from __future__ import annotations

import json
import subprocess

import pytest

from mswlab.errors import ValidationError
from mswlab.exam import bank, blueprint, forms, scoring
from mswlab.exam.bank import Bank
from tests.conftest import BIN, ROOT, tool_env
from tests.exam_helpers import make_item

CATEGORIES = ("associate", "bachelors", "masters", "advanced-generalist", "clinical")


def check_form(form: forms.Form) -> None:
    s = form.spec
    ids = [q.item.id for q in form.questions]
    assert len(ids) == s.questions and len(set(ids)) == len(ids), "an item repeats"
    assert sum(q.scored for q in form.questions) == s.scored
    for area in s.areas:
        assert abs(form.area_counts()[area.id] - area.weight * s.scored / 100) <= 1, area.id
    for q in form.questions:
        assert s.item_level in q.item.levels and s.area_of(q.item) == q.area
    assert [len(form.section(i)) for i in range(len(s.sections))] == list(s.sections)
    assert [q.number for q in form.questions] == list(range(1, s.questions + 1))


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("format_id", ["current", "legacy"])
def test_blueprint_adherence_over_200_seeds(category, format_id):
    s = blueprint.spec(category, format_id)
    the_bank = bank.default()
    for seed in range(200):
        check_form(forms.assemble(s, the_bank, seed))


def test_same_seed_same_form_and_different_seeds_differ():
    s = blueprint.spec("clinical", "current")
    one, again, other = (forms.assemble(s, bank.default(), seed) for seed in (7, 7, 8))
    assert [q.item.id for q in one.questions] == [q.item.id for q in again.questions]
    assert [q.item.id for q in one.questions] != [q.item.id for q in other.questions]


def test_a_bank_too_small_for_an_area_names_the_area_and_the_shortfall():
    small = Bank((make_item("only-one"),), {"only-one": "exam/items/x.yaml"})
    with pytest.raises(
        ValidationError, match="the bank has 0 Clinical items in 'Values and Ethics'; a 2026 format form needs 41"
    ):
        forms.assemble(blueprint.spec("clinical"), small, 1)


def test_score_report_counts_scored_questions_only_and_shows_pretest_apart():
    form = forms.assemble(blueprint.spec("masters"), bank.default(), 3)
    scored = [q for q in form.questions if q.scored]
    pretest = [q for q in form.questions if not q.scored]
    answers = {q.item.id: q.item.answer for q in scored[:50]}  # 50 right
    answers.update({q.item.id: q.item.answer for q in pretest[:5]})  # pretest right answers do not count
    wrong = next(o.key for o in scored[50].item.options if o.key != scored[50].item.answer)
    answers[scored[50].item.id] = wrong
    report = scoring.score(form, answers)
    assert (report.correct, report.total) == (50, 110)
    assert (report.pretest_correct, report.pretest_total) == (5, 12)
    assert report.unanswered == 122 - 56
    assert report.by_area["total"].sum() == 110 and report.by_area["correct"].sum() == 50
    first_area = scored[0].area
    expected = sum(1 for q in scored[:50] if q.area == first_area)
    assert int(report.by_area.set_index("area").loc[first_area, "correct"]) == expected


def test_pass_statements_cite_aswb_for_the_legacy_range_and_admit_none_for_the_current_one():
    legacy = scoring.pass_statement(blueprint.spec("clinical", "legacy"))
    assert "ASWB describes pass points of 93 to 106 correct out of 150" in legacy
    assert "source: aswb-exam-scoring" in legacy and "does not predict" in legacy
    current = scoring.pass_statement(blueprint.spec("clinical", "current"))
    assert "We found no published pass-point range" in current and "does not predict" in current


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "mswlab"), "exam", "form", *args],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_json_form_for_clinical_seed_7_matches_the_blueprint():
    done = run_cli("--level", "clinical", "--seed", "7", "--as", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    s = blueprint.spec("clinical")
    assert (data["questions"], data["scored"], data["pretest"]) == (122, 110, 12)
    assert len({i["id"] for i in data["items"]}) == 122
    for area in s.areas:
        assert abs(data["area_counts"][area.id] - area.weight * 110 / 100) <= 1
    expected = forms.assemble(s, bank.default(), 7)
    assert [i["id"] for i in data["items"]] == [q.item.id for q in expected.questions]
    assert all(i["key"] == bank.default().item(i["id"]).answer for i in data["items"])


def test_cli_html_form_puts_questions_first_then_the_key_with_rationales(tmp_path):
    out = tmp_path / "form.html"
    done = run_cli("--level", "bachelors", "--format-version", "legacy", "--seed", "2", "--output", str(out))
    assert done.returncode == 0 and "170 questions" in done.stdout
    text = out.read_text()
    assert (
        text.index("<h2>Section 1</h2>") < text.index("<h2>Section 2</h2>") < text.index("Answer key with rationales")
    )
    assert "break-before: page" in text and "pretest (unscored)" in text


def test_cli_unknown_level_is_a_plain_error():
    done = run_cli("--level", "doctoral", "--seed", "1")
    assert done.returncode == 1 and "'doctoral' is not a known category" in done.stderr
    assert "Traceback" not in done.stderr
