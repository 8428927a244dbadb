"""The answer form: the student's own variant, saved beside the notebook, problems said beside the field."""

from __future__ import annotations

import pytest

from mswlab import tasks
from mswlab.tasks import form_file, in_notebook
from widgets.feedback import text_of
from widgets.tasks import TaskForm

A = "01_levels_of_practice"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("MSWLAB_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return tmp_path


def test_without_a_known_student_the_form_asks_for_the_id_first(folder):
    form = TaskForm(A, "perlman_answers", folder=str(folder))
    assert not hasattr(form, "controls")
    form.set_student("  ")
    assert "Enter your student id" in form.message_text
    form.set_student("ana")
    part = tasks.part_of(A, "perlman_answers")
    assert form.view["variant"] == tasks.variant_for(A, part, "ana").id
    assert form_file.read(folder).student == "ana"
    assert in_notebook.SHOWN[(A, "perlman_answers")] == (form.view, "ana")


def test_the_form_shows_the_hub_users_variant_and_saves_their_answers(folder, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "bo")
    form = TaskForm(A, "practice_answers", folder=str(folder))
    part = tasks.part_of(A, "practice_answers")
    variant = tasks.variant_for(A, part, "bo")
    assert form.view["variant"] == variant.id
    assert variant.items[0].stem in form.view["fields"][0]["label"]
    form.fill("1", "b")
    form.fill("3", "a")
    assert form.save()
    assert form_file.read(folder).answers == {"practice_answers": {"1": "b", "3": "a"}}
    assert "Saved 2 answer(s). 1 still to answer." in form.message_text
    again = TaskForm(A, "practice_answers", folder=str(folder))  # a restarted kernel loses nothing
    assert again.answer() == {"1": "b", "3": "a"}


def test_a_bad_value_is_named_beside_its_field_and_the_rest_is_saved(folder, monkeypatch):
    monkeypatch.setenv("MSWLAB_STUDENT", "cy")
    views = [
        {
            "variant": "v",
            "title": "t",
            "points": 2,
            "case": "A case.",
            "data": "",
            "fields": [
                {"name": "total", "label": "Total", "type": "number", "options": [], "tolerance": 0},
                {"name": "note", "label": "Note", "type": "long_text", "options": [], "tolerance": 0},
            ],
        }
    ]
    form = TaskForm(A, "custom_answers", views=views, folder=str(folder))
    form.fill("total", "twelve")
    form.fill("note", "Kept.")
    assert not form.save()
    assert "should be a number" in text_of(form._notes["total"])
    assert form_file.read(folder).answers["custom_answers"] == {"note": "Kept."}
    form.fill("total", "12")
    assert form.save() and text_of(form._notes["total"]) == ""


def test_one_student_id_shows_every_waiting_form(folder):
    first = TaskForm(A, "practice_answers", folder=str(folder))
    second = TaskForm(A, "perlman_answers", folder=str(folder))
    second.set_student("dee")
    assert first.student == second.student == "dee"
    assert in_notebook.SHOWN[(A, "practice_answers")][1] == "dee"
