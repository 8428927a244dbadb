"""The three ways to work through items: practice, a timed mock exam, and spaced review.

All three judge answers with the one practice engine (``mswlab.practice``). The exam adds
what the real exam has: a timer on the engine's monotonic clock (injectable, so tests can move it),
sections that close for good when the format says so, flags, pretest items and the store.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable

import pandas as pd

from mswlab import clock as clocks
from mswlab.clock import Monotonic as Clock
from mswlab.content.exam import ExamItem
from mswlab.errors import ValidationError
from mswlab.exam import blueprint, scoring
from mswlab.exam.bank import Bank
from mswlab.exam.blueprint import current_areas
from mswlab.exam.forms import Form, Question, assemble
from mswlab.practice import ChoiceRun, Feedback, choice_key
from mswlab.store import Answer, ProgressStore


class _Timed:
    """Time spent on the item in view, measured with the injected clock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._shown_at = clock()

    def _restart(self) -> None:
        self._shown_at = self.clock()

    def _elapsed(self) -> float:
        return max(0.0, self.clock() - self._shown_at)


class PracticeRun(ChoiceRun[ExamItem], _Timed):
    """Untimed exam practice on the one practice loop: immediate rationales, flags (which join the
    review queue) and skips, with each first answer and the time taken on it stored."""

    mode = "practice"
    MAX_ITEMS = 50  # a practice set's largest size

    def __init__(
        self, items: Iterable[ExamItem], *, store: ProgressStore | None = None, clock: Clock = clocks.monotonic
    ) -> None:
        ChoiceRun.__init__(self, items)
        _Timed.__init__(self, clock)
        if not self.items:
            raise ValidationError(
                "no items match these choices; choose more content areas or another level", field="areas"
            )
        self.store = store
        self.session = uuid.uuid4().hex

    @classmethod
    def choose(
        cls,
        bank: Bank,
        level: str,
        *,
        areas: Iterable[str] | None = None,
        count: int = 10,
        seed: int | None = None,
        **kwargs,
    ) -> PracticeRun:
        """``count`` items for ``level`` (an item level) from the chosen current-format areas."""
        wanted = set(areas or ())
        pool = [i for i in bank.eligible(level) if not wanted or i.area in wanted]
        if not 1 <= count <= cls.MAX_ITEMS:
            raise ValidationError(
                f"{count} is not a number of items you can practice at once; choose 1 to {cls.MAX_ITEMS}.",
                field="count",
            )
        rng = random.Random(seed)
        return cls(rng.sample(pool, min(count, len(pool))), **kwargs)

    def _scored(self, item: ExamItem, feedback: Feedback) -> None:
        if self.store is not None:
            self.store.record_answer(
                Answer(item.id, feedback.chosen, feedback.correct, self._elapsed(), self.mode, self.session),
                flagged=item.id in self.flagged,
            )

    def flag(self) -> None:
        super().flag()
        if self.store is not None:
            self.store.flag(self.current.id)

    def skip(self) -> bool:
        moved = super().skip()
        if moved:
            self._restart()  # time is measured per item
        return moved

    advance = skip  # Next goes round to the next unanswered item too, so skipped items come back

    def by_area(self) -> pd.DataFrame:
        """Correct and incorrect answers per current-format area, in the areas' order."""
        order = list(current_areas())
        rows = [(i.area, self.answers[i.id].correct) for i in self.items if i.id in self.answers]
        return pd.DataFrame(
            {
                "area": order,
                "correct": [sum(1 for a, c in rows if a == k and c) for k in order],
                "incorrect": [sum(1 for a, c in rows if a == k and not c) for k in order],
            }
        )


class ReviewRun(PracticeRun):
    """The Leitner queue of items due today, answered like practice."""

    mode = "review"

    @classmethod
    def due(cls, bank: Bank, store: ProgressStore, **kwargs) -> ReviewRun:
        ids = [i for i in store.due() if i in bank]
        if not ids:
            upcoming = store.next_due()
            later = (
                "Items you miss or flag will come back here on the day they are due."
                if upcoming is None
                else f"{len(store.boxes())} item(s) wait in your review boxes; the next {upcoming[1]} come due on "
                f"{upcoming[0]:%A, %B} {upcoming[0].day}."
            )
            raise ValidationError(f"nothing is due for review today. {later}", field="review")
        return cls([bank.item(i) for i in ids], store=store, **kwargs)


class MockExam:
    """A full timed form: sections, flags, no return to a submitted section, a final report.

    With a store, the exam in progress is saved there on every answer, flag and move (and on
    ``checkpoint``), so a closed page can be resumed with ``MockExam.resume``. The clock counts only
    while the exam runs: ``pause`` stops it (when the page goes away) and ``carry_on`` starts it again.
    """

    def __init__(self, form: Form, *, store: ProgressStore | None = None, clock: Clock = clocks.monotonic) -> None:
        self.form, self.store, self.clock = form, store, clock
        self.session = uuid.uuid4().hex
        self.limit = form.spec.minutes * 60
        self.section = 0
        self.position = 0  # index within the current section
        self.answers: dict[str, str] = {}
        self.flagged: set[str] = set()
        self.seconds: dict[str, float] = {}
        self.used = 0.0  # seconds spent before the clock last started
        self._running_since: float | None = clock()  # None while paused
        self._viewed_at = clock()
        self.report: scoring.ScoreReport | None = None

    # --- time --------------------------------------------------------------------------

    def elapsed(self) -> float:
        """Seconds the exam has run (paused time does not count)."""
        running = 0.0 if self._running_since is None else self.clock() - self._running_since
        return self.used + max(0.0, running)

    def remaining(self) -> float:
        """Seconds left (never below zero)."""
        return max(0.0, self.limit - self.elapsed())

    @property
    def time_up(self) -> bool:
        return self.remaining() <= 0

    @property
    def paused(self) -> bool:
        return self._running_since is None

    def pause(self, at: float | None = None) -> None:
        """Stop the clock, as of ``at`` (a reading of this exam's clock, default now): the moment
        the page was last seen, when the pause is noticed later."""
        since = self._running_since
        if since is None or self.finished:
            return
        now = self.clock()
        at = min(now, max(since, now if at is None else at))
        self.used += at - since
        self._running_since = None
        item = self.current.item.id
        self.seconds[item] = self.seconds.get(item, 0.0) + max(0.0, at - self._viewed_at)
        self.checkpoint()

    def carry_on(self) -> None:
        """Start the clock again after a pause."""
        if self.paused:
            self._running_since = self._viewed_at = self.clock()

    @property
    def finished(self) -> bool:
        return self.report is not None

    def _guard(self) -> None:
        """Finish the exam if time ran out; refuse actions on a finished exam. Someone acting on
        the exam is there, so a paused clock starts again."""
        self.carry_on()
        if self.report is None and self.time_up:
            self.finish()
        if self.report is not None:
            raise ValidationError(
                "the exam has ended"
                + (": time ran out" if self.time_up else "")
                + ". Your answers were scored as they stood.",
                field="exam",
            )

    # --- saving and resuming -----------------------------------------------------------

    def state(self) -> dict:
        """What the store keeps of an exam in progress (plain JSON)."""
        return {
            "session": self.session,
            "category": self.form.spec.category,
            "format": self.form.spec.format,
            "seed": self.form.seed,
            "questions": [q.item.id for q in self.form.questions],
            "section": self.section,
            "position": self.position,
            "answers": self.answers,
            "flagged": sorted(self.flagged),
            "seconds": self.seconds,
            "used": self.elapsed(),
        }

    def checkpoint(self) -> None:
        """Save the exam in progress (answers and time used) to the store, if there is one."""
        if self.store is not None and not self.finished:
            self.store.save_open_mock(self.session, self.state())

    @classmethod
    def resume(
        cls, state: dict, bank: Bank, *, store: ProgressStore | None = None, clock: Clock = clocks.monotonic
    ) -> MockExam:
        """Rebuild a saved exam from its form number; the clock starts from the time already used.

        A ValidationError says so if the bank has changed since (the same form number no longer
        gives the same questions)."""
        spec = blueprint.spec(state["category"], state["format"])
        form = assemble(spec, bank, state["seed"])
        if [q.item.id for q in form.questions] != state["questions"]:
            raise ValidationError(
                "the saved mock exam was built from an older question bank, so it cannot be rebuilt; start a new one.",
                field="exam",
            )
        exam = cls(form, store=store, clock=clock)
        exam.session, exam.section, exam.position = state["session"], state["section"], state["position"]
        exam.answers, exam.flagged = dict(state["answers"]), set(state["flagged"])
        exam.seconds, exam.used = dict(state["seconds"]), float(state["used"])
        exam._running_since = None  # until the learner chooses to resume
        return exam

    def where(self) -> str:
        """Where the exam stands, in a phrase: "section 1, 47 of 61 answered, 52 min left"."""
        section = self.questions
        answered = sum(q.item.id in self.answers for q in section)
        return (
            f"section {self.section + 1}, {answered} of {len(section)} answered, {int(self.remaining()) // 60} min left"
        )

    # --- moving ------------------------------------------------------------------------

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.form.section(self.section)

    @property
    def current(self) -> Question:
        return self.questions[self.position]

    def _charge_time(self) -> None:
        now = self.clock()
        item = self.current.item.id
        self.seconds[item] = self.seconds.get(item, 0.0) + max(0.0, now - self._viewed_at)
        self._viewed_at = now

    def go(self, number: int) -> Question:
        """Show question ``number`` (its number on the form) if its section is open."""
        self._guard()
        target = next((q for q in self.form.questions if q.number == number), None)
        if target is None:
            raise ValidationError(
                f"there is no question {number}; questions run from 1 to {len(self.form.questions)}", field="question"
            )
        if target.section != self.section:
            if target.section < self.section and not self.form.spec.may_return:
                raise ValidationError(
                    f"question {number} is in section {target.section + 1}, which you "
                    "submitted; on this exam you cannot return to a submitted section",
                    field="question",
                )
            if target.section > self.section:
                raise ValidationError(
                    f"question {number} is in section {target.section + 1}; submit section {self.section + 1} first",
                    field="question",
                )
        self._charge_time()
        self.section = target.section
        self.position = self.form.section(target.section).index(target)
        self.checkpoint()
        return target

    def next(self) -> Question:
        self._guard()
        if self.position + 1 < len(self.questions):
            return self.go(self.questions[self.position + 1].number)
        return self.current

    def previous(self) -> Question:
        self._guard()
        if self.position > 0:
            return self.go(self.questions[self.position - 1].number)
        return self.current

    # --- answering ---------------------------------------------------------------------

    def answer(self, choice: str) -> None:
        """Record a choice for the current question (it can be changed until the section is submitted)."""
        self._guard()
        item = self.current.item
        self.answers[item.id] = choice_key(item.options, choice)
        self.checkpoint()

    def toggle_flag(self) -> bool:
        self._guard()
        item = self.current.item.id
        self.flagged.symmetric_difference_update({item})
        self.checkpoint()
        return item in self.flagged

    def unanswered(self) -> list[int]:
        """Numbers of unanswered questions in the current section."""
        return [q.number for q in self.questions if q.item.id not in self.answers]

    def flagged_numbers(self) -> list[int]:
        return [q.number for q in self.questions if q.item.id in self.flagged]

    def submit_section(self) -> scoring.ScoreReport | None:
        """Close the current section; after the last one, finish and return the report."""
        self._guard()
        self._charge_time()
        if self.section + 1 >= len(self.form.spec.sections):
            return self.finish()
        self.section += 1
        self.position = 0
        self.checkpoint()
        return None

    def finish(self) -> scoring.ScoreReport:
        """Score the form as it stands and save it to the store (once)."""
        if self.report is not None:
            return self.report
        report = scoring.score(self.form, dict(self.answers))
        self.report = report
        if self.store is not None:
            answers = [
                Answer(
                    q.item.id,
                    self.answers.get(q.item.id),
                    self.answers.get(q.item.id) == q.item.answer,
                    self.seconds.get(q.item.id, 0.0),
                    "mock",
                    self.session,
                )
                for q in self.form.questions
                if q.scored and q.item.id in self.answers
            ]
            by_area = {
                row.area: {"correct": int(row.correct), "total": int(row.total)} for row in report.by_area.itertuples()
            }
            self.store.record_mock(
                self.session,
                self.form.spec.category,
                self.form.spec.format,
                self.form.seed,
                answers,
                report.correct,
                report.total,
                min(self.elapsed(), self.limit),
                by_area,
            )
        return report
