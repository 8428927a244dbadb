"""Practice, review and the timed mock exam: durations on the test's own clock, days set with time-machine."""

from __future__ import annotations

import datetime as dt

import pytest

from mswlab.errors import ValidationError
from mswlab.exam import bank, blueprint, forms
from mswlab.exam.session import MockExam, PracticeRun, ReviewRun
from tests.conftest import at

DAY = dt.date(2026, 11, 22)


@pytest.fixture
def form():
    return forms.assemble(blueprint.spec("masters", "current"), bank.default(), 11)


def wrong_key(item) -> str:
    return next(o.key for o in item.options if o.key != item.answer)


def test_countdown_is_kept_by_the_engine_and_time_up_scores_the_exam_as_it_stands(form, clock, store):
    exam = MockExam(form, clock=clock, store=store)
    assert exam.remaining() == 200 * 60
    exam.answer(exam.current.item.answer)
    clock.advance(200 * 60 - 1)
    assert exam.remaining() == 1 and not exam.time_up
    clock.advance(1)
    assert exam.time_up
    with pytest.raises(ValidationError, match="the exam has ended: time ran out"):
        exam.next()
    assert exam.finished and exam.report.correct == (1 if exam.form.questions[0].scored else 0)
    assert len(store.mocks()) == 1


def test_no_return_to_a_submitted_section_and_no_jumping_ahead(form, clock):
    exam = MockExam(form, clock=clock)
    first_section_end = form.spec.sections[0]
    with pytest.raises(ValidationError, match="submit section 1 first"):
        exam.go(first_section_end + 1)
    exam.go(first_section_end)
    assert exam.current.number == first_section_end
    assert exam.submit_section() is None
    assert exam.section == 1 and exam.current.number == first_section_end + 1
    with pytest.raises(ValidationError, match="which you submitted; on this exam you cannot return"):
        exam.go(1)
    exam.previous()  # at the start of section 2 previous stays put
    assert exam.current.number == first_section_end + 1


def test_flags_answers_and_unanswered_within_a_section(form, clock):
    exam = MockExam(form, clock=clock)
    assert exam.toggle_flag() is True and exam.flagged_numbers() == [1]
    assert exam.toggle_flag() is False and exam.flagged_numbers() == []
    exam.answer("B")  # case is ignored
    exam.answer(exam.current.item.answer)  # an answer can be changed before the section is submitted
    assert exam.answers[exam.current.item.id] == exam.current.item.answer
    assert 1 not in exam.unanswered() and len(exam.unanswered()) == form.spec.sections[0] - 1
    with pytest.raises(ValidationError, match="'e' is not one of the choices"):
        exam.answer("e")
    with pytest.raises(ValidationError, match="there is no question 999"):
        exam.go(999)


def test_finishing_saves_scored_answers_with_time_on_each_and_the_mock_to_the_store(form, clock, store):
    exam = MockExam(form, clock=clock, store=store)
    for _ in range(3):
        exam.answer(wrong_key(exam.current.item))
        clock.advance(40)
        exam.next()
    while exam.submit_section() is None:
        pass
    report = exam.report
    assert report.correct == 0 and report.total == 110 and report.unanswered == 119
    mocks = store.mocks()
    assert mocks.iloc[0][["category", "format", "seed", "correct", "total"]].tolist() == [
        "masters",
        "current",
        11,
        0,
        110,
    ]
    attempts = store.attempts()
    scored_answered = [q for q in form.questions[:3] if q.scored]
    assert len(attempts) == len(scored_answered) and set(attempts["mode"]) <= {"mock"}
    assert all(attempts["seconds"] == 40)
    with pytest.raises(ValidationError, match="the exam has ended"):
        exam.answer("a")
    assert exam.finish() is report  # finishing twice saves once
    assert len(store.mocks()) == 1


def test_the_clock_stops_while_paused_and_a_late_pause_counts_only_to_the_last_sign_of_life(form, clock):
    exam = MockExam(form, clock=clock)
    clock.advance(100)
    seen = clock()
    clock.advance(90)  # the page went away at `seen`; the pause is noticed 90 s later
    exam.pause(at=seen)
    assert exam.paused and exam.elapsed() == 100
    clock.advance(3600)  # no page open for an hour
    assert exam.remaining() == 200 * 60 - 100
    exam.carry_on()
    clock.advance(20)
    assert not exam.paused and exam.elapsed() == 120
    assert exam.seconds[exam.current.item.id] == 100  # time on the item stops with the clock too
    clock.advance(5)
    exam.pause(at=clock() + 999)  # never beyond now
    assert exam.elapsed() == 125


def test_an_exam_in_progress_is_saved_on_every_step_and_resumes_where_it_stood(form, clock, store):
    exam = MockExam(form, clock=clock, store=store)
    exam.answer(exam.current.item.answer)
    exam.toggle_flag()
    clock.advance(300)
    exam.go(5)
    exam.answer(wrong_key(exam.current.item))
    clock.advance(60)
    exam.checkpoint()
    saved = store.open_mock()
    assert saved["session"] == exam.session and saved["used"] == 360 and saved["position"] == 4

    later = MockExam.resume(store.open_mock(), bank.default(), store=store, clock=clock)
    assert later.paused and later.remaining() == 200 * 60 - 360  # no clock until the learner resumes
    clock.advance(7200)
    assert later.where() == f"section 1, 2 of {form.spec.sections[0]} answered, 194 min left"
    later.next()  # acting on it starts the clock again
    assert not later.paused and later.current.number == 6
    assert later.answers == exam.answers and later.flagged == exam.flagged
    while later.submit_section() is None:
        pass
    assert store.open_mock() is None and len(store.mocks()) == 1  # finished: no longer open


def test_a_saved_exam_from_an_older_bank_is_refused_in_words(form, clock, store):
    MockExam(form, clock=clock, store=store).checkpoint()
    saved = store.open_mock() | {"questions": ["gone-item"] * len(form.questions)}
    with pytest.raises(ValidationError, match="built from an older question bank"):
        MockExam.resume(saved, bank.default(), store=store, clock=clock)


def test_one_open_exam_at_a_time(form, clock, store):
    MockExam(form, clock=clock, store=store).checkpoint()
    newer = MockExam(form, clock=clock, store=store)
    newer.checkpoint()
    assert store.open_mock()["session"] == newer.session
    store.discard_open_mock()
    assert store.open_mock() is None


def test_practice_run_judges_with_both_rationales_stores_and_flags(clock, store, time_machine):
    time_machine.move_to(at(DAY))
    run = PracticeRun.choose(
        bank.default(), "clinical", areas=["values-and-ethics"], count=4, seed=2, store=store, clock=clock
    )
    assert len(run.items) == 4 and {i.area for i in run.items} == {"values-and-ethics"}
    item = run.current
    clock.advance(30)
    result = run.answer(wrong_key(item))
    assert not result.correct and f"Why {item.answer.upper()} is best:" in result.message
    assert item.option(item.answer).rationale.removeprefix("Best: ") in result.message
    assert "is best: Best" not in result.message  # the rationale's own label is not repeated
    run.answer(item.answer)  # a second answer is feedback only
    assert run.score == (0, 1)
    row = store.attempts().iloc[0]
    assert (row["item"], row["seconds"], row["mode"]) == (item.id, 30.0, "practice")
    run.advance()
    run.flag()
    time_machine.move_to(at(DAY + dt.timedelta(days=1)))
    assert run.current.id in store.due()
    assert run.skip() and run.skipped == {run.items[1].id}
    assert run.by_area().set_index("area").loc["values-and-ethics"].tolist() == [0, 1]


def test_practice_needs_items_to_choose_from():
    with pytest.raises(ValidationError, match="0 is not a number of items you can practice at once; choose 1 to 50"):
        PracticeRun.choose(bank.default(), "masters", count=0)
    with pytest.raises(ValidationError, match="51 is not a number of items"):
        PracticeRun.choose(bank.default(), "masters", count=51)
    with pytest.raises(ValidationError, match="no items match these choices"):
        PracticeRun.choose(bank.default(), "masters", areas=["no-such-area"])


def test_review_run_serves_the_items_due_and_right_answers_move_them_on(store, clock, time_machine):
    time_machine.move_to(at(DAY))
    the_bank = bank.default()
    missed = the_bank.items[:3]
    run = PracticeRun(missed, store=store, clock=clock)
    with pytest.raises(ValidationError, match="nothing is due for review today. Items you miss or flag"):
        ReviewRun.due(the_bank, store)  # nothing waits yet
    for _ in missed:
        run.answer(wrong_key(run.current))
        run.advance()
    with pytest.raises(
        ValidationError,
        match=r"nothing is due for review today. 3 item\(s\) wait in your review "
        r"boxes; the next 3 come due on Monday, November 23.",
    ):
        ReviewRun.due(the_bank, store)
    time_machine.move_to(at(DAY + dt.timedelta(days=1)))
    review = ReviewRun.due(the_bank, store, clock=clock)
    assert [i.id for i in review.items] == sorted(i.id for i in missed)
    review.answer(review.current.answer)
    assert store.boxes().set_index("item").loc[review.current.id, "box"] == 2
    assert review.current.id not in store.due()


def test_skipped_items_come_back_after_the_last_one(clock):
    run = PracticeRun(bank.default().items[:3], clock=clock)
    first = run.current.id
    assert run.skip() and run.skipped == {first}
    run.answer(run.current.answer)
    run.advance()
    run.answer(run.current.answer)
    assert run.advance() and run.current.id == first  # back to the skipped item
    run.answer(run.current.answer)
    assert run.skipped == set() and run.advance() is False and run.score == (3, 3)
