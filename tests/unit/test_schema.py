"""The content models' builder turns bad data into messages that name entry and field."""

import datetime as dt

import pydantic
import pytest

from mswlab.content import models
from mswlab.content.base import build
from mswlab.errors import ValidationError

GOOD_SET = {
    "id": "demo-set",
    "title": "Demo",
    "instructions": "Pick one.",
    "options": [{"key": "yes", "text": "Yes"}, {"key": "no", "text": "No"}],
    "items": [{"id": "first-item", "stem": "Is it?", "answer": "yes", "explanation": "Because."}],
}


def test_builds_typed_frozen_objects():
    practice = build(models.PracticeSet, GOOD_SET)
    assert practice.items[0].answer == "yes"
    assert isinstance(practice.options, tuple)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        practice.title = "changed"


@pytest.mark.parametrize(
    "change, entry, field, words",
    [
        (lambda d: d["items"][0].pop("stem"), "first-item", "stem", "is missing"),
        (lambda d: d["items"][0].update(answer="maybe"), "first-item", "answer", "not one of the options"),
        (lambda d: d["items"][0].update(stem=42), "first-item", "stem", "should be text"),
        (lambda d: d["items"][0].update(stem="  "), "first-item", "stem", "blank"),
        (lambda d: d["items"][0].update(colour="red"), "first-item", "colour", "not a known field"),
        (lambda d: d["items"][0].update(id="First Item"), "First Item", "id", "hyphens"),
        (lambda d: d.update(items="none"), "demo-set", "items", "should be a list"),
        (
            lambda d: d["items"][0].update(option_feedback={"nope": "x"}),
            "first-item",
            "option_feedback.nope",
            "not one of the options",
        ),
    ],
)
def test_errors_name_entry_and_field(change, entry, field, words):
    data = {**GOOD_SET, "items": [dict(GOOD_SET["items"][0])]}
    change(data)
    with pytest.raises(ValidationError) as err:
        build(models.PracticeSet, data)
    assert err.value.entry == entry
    assert err.value.field == field
    assert words in err.value.message


def test_dates_literals_and_numbers():
    prov = build(models.Provenance, {"source": "A board", "retrieved": "2026-11-01"})
    assert prov.retrieved == dt.date(2026, 11, 1) and prov.confirmed is False
    with pytest.raises(ValidationError, match="should be a date"):
        build(models.Provenance, {"source": "A board", "retrieved": "last week"})
    with pytest.raises(ValidationError, match="one of: planned, ready"):
        build(
            models.Module,
            {
                "id": "01_x",
                "title": "X",
                "notebook": "modules/01_x.ipynb",
                "assignment": "01_x",
                "status": "done",
                "minutes": 5,
                "objectives": ["o"],
                "competencies": [],
                "aswb_content_areas": [],
                "seed_topics": [],
            },
        )
    with pytest.raises(ValidationError, match="true/false"):
        build(models.Competency, {"id": "c-1", "number": True, "name": "x"})


def test_a_model_built_in_code_speaks_the_same_words_by_position_or_name():
    option = models.Option("a", "Ask first")
    assert option == models.Option(key="a", text="Ask first") and option.rationale is None
    with pytest.raises(ValidationError) as err:
        models.ChoiceItem(id="an-item", stem="Is it?", answer="a", explanation=" ", options=(option,))
    assert (err.value.entry, err.value.field, err.value.message) == (
        "an-item",
        "explanation",
        "is blank; write some text here",
    )
    with pytest.raises(ValidationError, match="hyphens") as err:
        models.ChoiceItem(id="An Item", stem="Is it?", answer="a", explanation="Yes.")
    assert err.value.field == "id"
