"""Dilemma practice and the Reamer worksheet, driven through their Python twins."""

from __future__ import annotations

import pytest

from mswlab import ethics
from mswlab.content import dilemmas
from mswlab.errors import ValidationError
from widgets.ethics import DilemmaPracticeView, ReamerWorksheetView, dilemma_practice


def wrong_key(d) -> str:
    return next(o.key for o in d.options if o.key != d.answer)


def test_dilemma_practice_judges_order_and_action_and_keeps_score():
    view = DilemmaPracticeView()
    first = view.dilemma
    assert view.submit() is None and "Put a principle in every place first" in view.message_text
    expected = ethics.screen_order(first.principles)
    view.rank(*reversed(expected))
    assert view.submit() is None and "Choose an action first" in view.message_text
    view.choose(wrong_key(first))
    result = view.submit()
    assert not result.ranking.correct and not result.action.correct
    assert view.feedback_text.startswith("Not quite. The Screen puts")
    assert "Read the feedback" in view.message_text
    assert view.next() and view.dilemma is not first
    second = view.dilemma
    view.rank(*ethics.screen_order(second.principles))
    view.choose(second.answer)
    result = view.submit()
    assert result.ranking.correct and result.action.correct and view.message_text == "Well reasoned."
    assert view.session.score == (1, 1, 2)
    assert "principles in the Screen's order in 1 of 2; best action in 1 of 2" in view._score.value


def test_dilemma_practice_refuses_bad_input_in_words():
    view = dilemma_practice(dilemmas()[0].id)
    assert view.next() is False and "Check this dilemma first" in view.message_text
    assert view.rank("truthfulness") is False and "Give each principle in conflict once" in view.message_text
    assert view.choose("z") is False and "'z' is not one of the choices" in view.message_text
    view.rank(*view.dilemma.principles)
    if len(set(view.dilemma.principles)) > 1:  # the same principle in two places is caught by the engine
        view._places[1].value = view._places[0].value
        view.choose(view.dilemma.answer)
        assert view.submit() is None and "exactly one place" in view.message_text
    view.rank(*view.dilemma.principles)
    view.choose(view.dilemma.answer)
    view.submit()
    assert view.next() is False and "last dilemma" in view.message_text


def test_every_dilemma_renders_with_one_place_per_principle():
    view = DilemmaPracticeView()
    for d in dilemmas():
        assert len(view._ranking_box.children) == len(d.principles)
        view.rank(*d.principles)
        view.choose(d.answer)
        assert view.submit().action.correct
        view.next()
    assert view.session.score[2] == len(dilemmas())


def test_unknown_dilemma_is_named():
    with pytest.raises(ValidationError, match="no dilemma 'nope'"):
        DilemmaPracticeView(["nope"])


def test_worksheet_puts_each_missing_part_beside_its_box_then_makes_a_record():
    sheet = ReamerWorksheetView(dilemmas()[0].id)
    assert sheet.make_record() is None
    assert sheet.message_for("issues").startswith("Say the ethical issues")
    assert sheet.message_for("options") == "List at least two realistic courses of action."
    assert "part(s) still need an answer" in sheet._message.value
    sheet.fill(
        issues="A client's privacy against a risk to life.",
        principles=["privacy-and-confidentiality", "protection-of-life"],
        affected="The client, their partner and the agency.",
        options=["Keep it private", "Act to protect, telling the client first"],
        reasons_for=["Keeps trust and privacy", "Protects a life at risk"],
        reasons_against=["Leaves a person in danger", "Strains the relationship for now"],
        consultation="Supervisor and agency counsel agreed.",
        decision_reason="The Screen puts life first.",
        monitoring="Follow up within 24 hours and record it.",
    )
    assert [v for _, v in sheet._fields["decision"].options] == [None, 0, 1]  # typed options become choices
    assert sheet.make_record() is None and sheet.message_for("decision").startswith("Choose the option")
    assert sheet.message_for("issues") == ""  # fixed parts lose their message
    sheet.fill(decision=1)
    record = sheet.make_record()
    assert record.decision == "Act to protect, telling the client first"
    assert record.principles_by_screen[0] == "Protection of life (1)"
    assert "Ethical decision record" in sheet._record.value and "<b>6. Decision:</b>" in sheet._record.value
    assert sheet.record_markdown.data == record.as_markdown()


def test_worksheet_escapes_what_students_type():
    sheet = ReamerWorksheetView()
    sheet.fill(
        issues="<script>alert(1)</script> three words here",
        principles=["autonomy", "least-harm"],
        affected="the client and family",
        options=["Option one here", "Option two here"],
        reasons_for=["for one reason", "for two reason"],
        reasons_against=["against one reason", "against two reason"],
        consultation="my supervisor agreed",
        decision=0,
        decision_reason="it is least harmful",
        monitoring="weekly check ins noted",
    )
    assert sheet.make_record() is not None
    assert "<script>" not in sheet._record.value and "&lt;script&gt;" in sheet._record.value
