"""The exam views, driven through their Python twins (no browser)."""

from __future__ import annotations

import datetime as dt

import pytest

from mswlab.exam import figures as exam_figures
from mswlab.exam.scoring import SCORE_NOTE
from mswlab.store import ProgressStore
from tests.conftest import at
from widgets.exam import ExamPracticeView, MockExamView, ProgressDashboard, ReviewView, StorePanel

DAY = dt.date(2026, 11, 22)


def wrong(item) -> str:
    return next(o.key for o in item.options if o.key != item.answer)


def test_practice_view_answers_flags_skips_and_charts_by_area(store, clock):
    view = ExamPracticeView(store=store, clock=clock)
    assert view.start(level="clinical", areas=["values-and-ethics", "intervention-and-practice"], count=3)
    item = view.run.current
    assert view.choose(wrong(item)) and view.submit().correct is False
    assert "Not quite" in view.feedback_text and f"Why {item.answer.upper()} is best" in view.feedback_text
    assert view.card.choices.options[0][0].startswith("A. ")
    view.flag()
    assert "review queue" in view.message_text
    assert view.next() and view.skip()
    assert view.score_text == "Score: 0 correct out of 1 answered (3 in all, 1 skipped)"
    assert SCORE_NOTE in view._score.value
    by_area = dict(zip(view.figure.data[1].x, view.figure.data[1].y))
    area_name = {"values-and-ethics": "Values and Ethics", "intervention-and-practice": "Intervention and Practice"}
    assert by_area[area_name[item.area]] == 1
    assert view.next() and view.run.current.id == view.run.items[1].id  # round again to the skipped item
    for _ in range(2):
        view.choose(view.run.current.answer)
        view.submit()
        view.next()
    assert view.next() is False and "That was the last item" in view.message_text
    assert view.score_text == "Score: 2 correct out of 3 answered (3 in all)"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"areas": []}, "Tick at least one content area."),
        ({"count": 0}, "0 is not a number of items you can practice at once; choose 1 to 50."),
        ({"count": 51}, "choose 1 to 50"),
    ],
)
def test_practice_view_explains_impossible_choices_beside_the_controls(store, kwargs, message):
    view = ExamPracticeView(store=store)
    assert view.start(**kwargs) is False and message in view.setup_message_text and view.run is None


def test_practice_view_unknown_choice_and_no_choice_get_messages(store):
    view = ExamPracticeView(store=store)
    assert view.choose("a") is False and "Start a practice set first" in view.message_text
    view.start(count=2)
    assert view.choose("z") is False and "'z' is not one of the choices" in view.message_text
    assert view.submit() is None and "Choose an answer first" in view.message_text


def test_mock_exam_view_runs_sections_counts_down_and_reports_with_a_review(store, clock):
    view = MockExamView(store=store, clock=clock, watchdog=False)
    assert view.start(level="masters", format_id="current", seed=5)
    assert view.time_left == "3:20:00"
    clock.advance(61)
    view.tick()
    assert "Time left: 3:18:59" in view._clock_label.value
    first = view.exam.current.item
    assert view.choose(first.answer) and view.exam.answers[first.id] == first.answer
    assert view.toggle_flag() and "(flagged)" in view.card.stem.value
    assert view.go(3) and view.exam.current.number == 3
    assert view.submit_section() is False and view.exam.section == 0  # asks first
    assert "You have 60 unanswered and 1 flagged question(s)" in view.message_text
    assert view.submit_section() and view.exam.section == 1
    assert view.go(1) is False and "cannot return to a submitted section" in view.message_text
    view.submit_section()
    view.next()  # moving on withdraws the request to submit
    assert view.submit_section() is False and not view.exam.finished
    assert view.submit_section()
    assert view.exam.finished
    assert "scored questions correct" in view.report_text and "pretest" in view.report_text
    assert view.review_text.count("Question ") == 122 and "Pretest question: not counted" in view.review_text
    assert view.review_text.count(": unanswered (") == 121  # one answer was given; NaN is not "not correct"
    assert view.review_text.count(": correct (") == 1 and ": not correct (" not in view.review_text
    assert SCORE_NOTE in view.report_text
    assert len(view.figure.data) == 1 and len(store.mocks()) == 1


def test_mock_exam_view_time_up_scores_as_it_stands(store, clock):
    view = MockExamView(store=store, clock=clock, watchdog=False)
    view.start(level="bachelors", format_id="legacy", seed=1)
    clock.advance(4 * 3600)
    view.tick()
    assert view.exam.finished and "Time is up" in view.message_text
    assert "0 of 150 scored questions correct" in view.report_text


def test_a_closed_page_pauses_the_mock_and_a_new_page_offers_to_resume_it(store, clock):
    view = MockExamView(store=store, clock=clock, watchdog=False)
    assert view.resume_text == "" and view.resume() is False
    view.start(level="masters", format_id="current", seed=5)
    assert view.guard.active  # leaving now asks first
    for number in (1, 2, 3):
        view.go(number)
        view.choose(view.exam.current.item.answer)
    for _ in range(600):  # ten minutes with the page open
        clock.advance(1)
        view.beat()
    assert view.time_left == "3:10:00"
    clock.advance(view.STILL_THERE)  # the page was closed: no more beats
    view.watch()
    assert view.exam.paused and view.exam.elapsed() == 600
    clock.advance(3 * 3600)  # reopened three hours later, in a new kernel

    again = MockExamView(store=store, clock=clock, watchdog=False)
    assert again.resume_text.startswith("Resume your mock exam (section 1, 3 of 61 answered, 190 min left)")
    assert "clock stopped when its page closed" in again.resume_text
    assert again.resume() and again.exam.current.number == 3 and again.time_left == "3:10:00"
    assert again.exam.answers == view.exam.answers
    clock.advance(30)
    again.beat()
    assert again.time_left == "3:09:30"
    again.submit_section()
    again.submit_section()
    assert store.open_mock() is not None  # section 2 saved
    while not again.exam.finished:
        again.submit_section()
    assert not again.guard.active and store.open_mock() is None
    assert MockExamView(store=store, clock=clock, watchdog=False).resume_text == ""


def test_starting_a_new_mock_discards_the_saved_one(store, clock):
    MockExamView(store=store, clock=clock, watchdog=False).start(level="masters", seed=5)
    store_state = store.open_mock()
    assert store_state is not None
    view = MockExamView(store=store, clock=clock, watchdog=False)
    assert view.resume_text
    view.start(level="masters", seed=6)
    assert store.open_mock()["session"] == view.exam.session != store_state["session"]


def test_a_saved_mock_the_bank_can_no_longer_build_is_set_aside_in_words(store, clock):
    view = MockExamView(store=store, clock=clock, watchdog=False)
    view.start(level="masters", seed=5)
    view.choose(view.exam.current.item.answer)
    store.save_open_mock(view.exam.session, view.exam.state() | {"questions": ["retired-item"] * 122})
    again = MockExamView(store=store, clock=clock, watchdog=False)
    assert again.resume_text == "" and store.open_mock() is None
    assert "The saved mock exam was built from an older question bank" in again.setup_message_text


def test_mock_exam_view_rejects_a_bad_form_number(store):
    view = MockExamView(store=store, watchdog=False)
    view._seed.value = "seven"
    assert view.start() is False and "'seven' is not a form number" in view.setup_message_text
    assert view.exam is None


def test_review_view_serves_due_items_or_says_nothing_is_due(store, clock, time_machine):
    time_machine.move_to(at(DAY))
    assert "nothing is due for review today" in ReviewView(store=store).status_text
    practice = ExamPracticeView(store=store, clock=clock)
    practice.start(count=1)
    practice.choose(wrong(practice.run.current))
    practice.submit()
    assert "the next 1 come due on Monday, November 23" in ReviewView(store=store).status_text
    time_machine.move_to(at(DAY + dt.timedelta(days=1)))
    view = ReviewView(store=store, clock=clock)
    assert "1 item(s) due today" in view.status_text and view.run.current.id == practice.run.current.id
    view.choose(view.run.current.answer)
    view.submit()
    assert SCORE_NOTE in view._score.value
    assert view.submit().correct


def test_dashboard_on_a_fresh_store_says_there_is_nothing_yet(store):
    board = ProgressDashboard(store=store)
    assert "0 answers recorded" in board.summary_text and "No mock exams yet" in board._mocks.value
    assert "Only 0 answers so far" in board.plan_text


def test_dashboard_summarises_progress_and_plans_from_the_weakest_area(store, clock, time_machine):
    time_machine.move_to(at(DAY))
    practice = ExamPracticeView(store=store, clock=clock)
    practice.start(level="masters", areas=["assessment-and-planning"], count=6)
    for _ in range(6):
        practice.choose(wrong(practice.run.current))
        practice.submit()
        practice.next()
    time_machine.move_to(at(DAY + dt.timedelta(days=1)))
    board = ProgressDashboard(store=store)
    assert "6 answers recorded" in board.summary_text and "6 item(s) due for review today" in board.summary_text
    assert SCORE_NOTE in board.summary_text
    plan = board.plan_text  # areas with too few answers to judge come first, then the weakest
    assert plan.index("Values and Ethics: Only 0 answers") < plan.index("Assessment and Planning: 0% correct over 6")
    charts = board.figures
    assert [len(charts[c].data[0].x) for c in ("time", "area", "cognitive")] == [1, 3, 3]
    assert charts["time"].layout.xaxis.type == "date" and charts["time"].layout.xaxis.dtick == exam_figures.DAY_MS
    assert {c: charts[c].layout.title.text for c in charts} == {
        "time": "Accuracy over time",
        "area": "Accuracy by content area",
        "cognitive": "Accuracy by cognitive level",
    }
    assert [charts[c].layout.xaxis.title.text for c in charts] == ["Day", "Content area", "Cognitive level"]


def test_a_damaged_store_is_reported_kept_and_replaced_only_on_request(tmp_path, monkeypatch):
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path))
    (tmp_path / "progress.sqlite").write_bytes(b"not a database at all")
    view = ExamPracticeView()
    panel: StorePanel = view.store_panel
    assert panel.store is None and "is not a progress store" in panel.message_text
    assert "nothing is saved until you start a new store" in panel.message_text
    assert view.start(count=1)  # practice still works
    assert (tmp_path / "progress.sqlite").read_bytes() == b"not a database at all"
    moved = panel.start_new_store()
    assert moved.read_bytes() == b"not a database at all" and isinstance(panel.store, ProgressStore)
    assert "Started a new progress store" in panel.message_text
