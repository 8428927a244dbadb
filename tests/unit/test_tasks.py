"""Graded tasks: variants by student, the four kinds judged mark by mark, private pools, the forms' file."""

from __future__ import annotations

import json
import os

import pytest

from mswlab import item_standard, tasks
from mswlab.content.base import build
from mswlab.content.models import ChoiceItem, Option
from mswlab.content.tasks import TaskFile
from mswlab.errors import ValidationError
from mswlab.tasks import computations, form_file, in_notebook, kinds, writing

A = "01_levels_of_practice"


def test_a_students_variant_is_stable_and_neighbors_differ():
    part = tasks.part_of(A, "perlman_answers")
    first = tasks.variant_for(A, part, "ana")
    assert all(tasks.variant_for(A, part, "ana") == first for _ in range(3))
    assert tasks.variant_for(A, part, " ANA ") == first  # the id as nbgrader or a hub may spell it
    seen = {tasks.variant_for(A, part, f"student-{n}").id for n in range(30)}
    assert seen == {v.id for v in part.variants}  # thirty students cover every variant
    # the hash is sha256 of assignment, part and id: the same on any machine and Python
    assert tasks.variant_index(A, "perlman_answers", "ana", 3) == 0


def test_choice_marks_say_right_or_not_with_the_best_answer_and_why():
    part = tasks.part_of(A, "practice_answers")
    variant = part.variants[0]
    best = tasks.best_answer(part, variant)
    wrong = dict(best, **{"1": "a"})  # item 1's key is b
    marks = kinds.marks(part, variant, wrong)
    assert [m.right for m in marks] == [False, True, True]
    assert marks[0].given.startswith("A. Micro") and marks[0].best.startswith("B. Mezzo")
    assert marks[0].why.startswith("Not quite. You chose Micro; the best answer is Mezzo.")
    assert "Not the best answer" in marks[0].why and variant.items[0].explanation in marks[0].why
    assert tasks.review(A, "practice_answers", {"1": "(B)", "2": " A ", "3": "c"}, "x").points <= 3


def test_sort_counts_each_fact_and_reads_answers_forgivingly():
    part = tasks.part_of(A, "perlman_answers")
    variant = part.variants[0]
    answer = tasks.best_answer(part, variant)
    answer["1"] = "Person "  # case and spaces do not matter
    answer["2"] = "place"  # wrong
    marks = kinds.marks(part, variant, answer)
    assert sum(m.earned for m in marks) == pytest.approx(2.5)
    assert marks[1].best == "problem" and marks[1].why


def test_levels_plan_rules_read_the_words():
    part = tasks.part_of(A, "levels_plan_answers")
    variant = next(v for v in part.variants if v.id == "veteran-eviction")
    good = dict(variant.example)
    marks = kinds.marks(part, variant, good)
    assert all(m.right for m in marks)
    weak = {"micro": "Talk.", "mezzo": "Lobby the state legislature for more vouchers for veterans", "macro": ""}
    verdicts = {m.label: m.right for m in kinds.marks(part, variant, weak)}
    assert verdicts == {
        "A micro action": False,  # too short to be an action
        "A mezzo action": False,  # names a macro system only
        "A macro action": False,
        "Names evict / housing": True,  # vouchers keep to the case
    }


def test_each_writing_rule_set_passes_a_good_answer_and_fails_an_empty_one():
    class V:
        must_mention = (("walk", "walking"),)
        expected = {"urgency": "this-week"}

    good = {
        "smart_objective": {"objective": "Dana will walk for 20 minutes 3 times a week by March 31."},
        "behavioral_note": {
            "note": "Client arrived 20 minutes late, said she missed the bus, and asked to walk through the "
            "plan again before signing it."
        },
        "safety_plan": {
            "warning_signs": "Not sleeping and skipping meals",
            "coping": "Walk the dog around the block",
            "social": "Sit in the library near other people",
            "help": "Call my sister Ana at night",
            "professionals": "Call or text 988, or my counselor at the clinic",
            "means": "My brother keeps the pills and walks with me",
        },
        "referral_plan": {
            "need": "A walking group to ease her isolation",
            "urgency": "this-week",
            "barrier": "She has no car, so we will book the shuttle together",
            "follow_up": "Call her within 3 days to ask how it went",
        },
        "gas_scale": {
            "minus_2": "walks 0 days a week",
            "minus_1": "walks 1 day a week",
            "expected": "walks 2 days a week",
            "plus_1": "walks 3 days a week",
            "plus_2": "walks 4 days a week",
        },
        "levels_plan": {
            "micro": "Meet one-on-one with her to plan a daily walk",
            "mezzo": "Start a walking group at the clinic for patients",
            "macro": "Ask the city council to fund safe walking paths in the district",
        },
    }
    assert set(good) <= set(writing.WRITING)
    for name in good:
        rules = writing.WRITING[name]
        assert all(r.passed for r in rules.judge(V, good[name])), name
        assert not any(r.passed for r in rules.judge(V, {})), name


def test_judgmental_words_are_named():
    assert writing.judgmental_words("Client was non-compliant and manipulative.") == ["non-compliant", "manipulative"]
    assert writing.judgmental_words("Client declined the referral and said she would call next week.") == []


def test_compute_functions_use_the_domain_engines():
    assert computations.COMPUTE["screen"].solve({"instrument": "phq9", "responses": [1, 1, 1, 1, 1, 1, 1, 1, 1]}) == {
        "total": 9,
        "band": "mild",
    }
    solved = computations.COMPUTE["single_system"].solve(
        {"baseline": [2, 3, 2], "intervention": [4, 3, 5], "direction": "increase", "measure": "m"}
    )
    assert solved["pnd"] == pytest.approx(200 / 3) and solved["nap"] == pytest.approx((2 * 3 + 1 * 2 + 0.5) / 9)
    assert computations.COMPUTE["gas"].solve({"goals": ["a"], "levels": [0]}) == {"t_score": 50.0}


def test_a_private_pool_adds_variants_after_the_public_ones(tmp_path, monkeypatch):
    public = tasks.load(A)
    part = next(p for p in public.parts if p.id == "perlman_answers")
    extra = part.variants[0].model_dump(mode="json") | {"id": "private-case"}
    (tmp_path / f"{A}.yaml").write_text(
        json.dumps({"assignment": A, "parts": [{**part.model_dump(mode="json"), "variants": [extra]}]})
    )
    monkeypatch.setenv(tasks.PRIVATE_POOLS, str(tmp_path))
    merged = tasks.part_of(A, "perlman_answers")
    assert [v.id for v in merged.variants] == [v.id for v in part.variants] + ["private-case"]
    assert len(tasks.student_views(A, "perlman_answers")) == len(part.variants) + 1


def test_a_private_pool_cannot_add_an_unknown_part_or_change_a_kind():
    public = tasks.load(A)
    stray = build(TaskFile, {"assignment": A, "parts": [public.parts[1].model_dump(mode="json") | {"id": "x_answers"}]})
    with pytest.raises(ValidationError, match="'x_answers' is not a part"):
        tasks.merge(public, stray, "private.yaml")


def test_student_views_carry_no_keys_or_rationales():
    for part in tasks.load(A).parts:
        text = json.dumps(tasks.student_views(A, part.id))
        for variant in part.variants:
            for item in getattr(variant, "items", ()):
                for option in item.options:
                    assert option.rationale not in text
                assert item.explanation not in text
            for fact in getattr(variant, "facts", ()):
                assert fact.why not in text
            for example in getattr(variant, "example", {}).values():
                assert example not in text


def test_the_guesser_uses_length_absolute_words_and_reasons():
    def item(answer, *texts):
        return ChoiceItem("i", "stem", answer, "why", tuple(Option(k, t, "r") for k, t in zip("abc", texts)))

    assert item_standard.guess_chance(item("a", "Ask her now", "Always refer first", "Wait because it is late")) == 1
    assert item_standard.guess_chance(item("c", "Ask", "Refer", "Wait a while longer")) == 0
    edge = item_standard.edge([item("a", "Ask", "Refer", "Wait longer")])
    assert edge.points == pytest.approx(50 - 100 / 3)
    # keys that are always the longest help the eager guesser, who picks the longest option
    assert item_standard.longest_chance(item("c", "Ask", "Refer", "Wait longer")) == 1
    assert item_standard.edge([item("c", "Ask", "Refer", "Wait longer")] * 3).points == pytest.approx(100 - 100 / 3)


def test_the_forms_file_is_read_as_data_and_never_through_a_link(tmp_path):
    saved = form_file.Saved("ana", {"practice_answers": {"1": "b"}})
    form_file.write(tmp_path, saved)
    assert form_file.read(tmp_path) == saved
    os.replace(tmp_path / form_file.NAME, tmp_path / "real.json")
    os.symlink(tmp_path / "real.json", tmp_path / form_file.NAME)
    assert form_file.read(tmp_path).answers == {} and "link" in form_file.read(tmp_path).problem
    os.unlink(tmp_path / form_file.NAME)
    (tmp_path / form_file.NAME).write_text(json.dumps({"student": 3, "answers": {"p": {"1": {"x": 1}, "2": "a"}}}))
    assert form_file.read(tmp_path) == form_file.Saved(None, {"p": {"2": "a"}})
    (tmp_path / form_file.NAME).write_bytes(b"[" * 10_000)
    assert form_file.read(tmp_path).problem.endswith("not valid JSON")
    (tmp_path / form_file.NAME).write_bytes(b" " * (form_file.MAX_BYTES + 1))
    assert "not read" in form_file.read(tmp_path).problem


def test_typed_answers_win_over_the_forms():
    assert form_file.merged({"1": "c"}, {"1": "a", "2": "b", "3": ""}) == {"1": "c", "2": "b"}
    assert form_file.merged(None, {"1": "a"}) == {"1": "a"}


def test_check_form_says_what_is_missing_or_unreadable(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    view = tasks.student_views(A, "practice_answers")[0]
    in_notebook.SHOWN[(A, "practice_answers")] = (view, "ana")
    with pytest.raises(AssertionError) as err:
        in_notebook.check_form(A, "practice_answers", {"1": "d", "4": "a"})
    message = str(err.value)
    assert "'d' is not one of the choices" in message and "Answer '2' has no answer yet" in message
    assert "'4' is not among this part's answers" in message
    form_file.write(tmp_path, form_file.Saved("ana", {"practice_answers": {"1": "a", "2": "b"}}))
    in_notebook.check_form(A, "practice_answers", {"3": "c"})
    assert "all 3 answers are in (2 from the form, 1 typed)" in capsys.readouterr().out
    in_notebook.SHOWN.clear()
    with pytest.raises(AssertionError, match="Run the cell that shows"):
        in_notebook.check_form(A, "practice_answers", {})


def test_the_student_id_comes_from_the_course_the_hub_or_the_form(tmp_path, monkeypatch):
    monkeypatch.delenv("MSWLAB_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert in_notebook.student_id(str(tmp_path)) is None
    form_file.write(tmp_path, form_file.Saved("from-form"))
    assert in_notebook.student_id(str(tmp_path)) == "from-form"
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    assert in_notebook.student_id(str(tmp_path)) == "hub-user"
    monkeypatch.setenv("MSWLAB_STUDENT", "course-id")
    assert in_notebook.student_id(str(tmp_path)) == "course-id"


def test_a_private_pool_part_of_another_kind_is_refused():
    public = tasks.load(A)
    sort = public.parts[1].model_dump(mode="json")
    as_choice = {**public.parts[0].model_dump(mode="json"), "id": sort["id"]}
    with pytest.raises(ValidationError, match="is a sort part"):
        tasks.merge(public, build(TaskFile, {"assignment": A, "parts": [as_choice]}), "private.yaml")
