"""Licensing-exam practice views: practice by area, a timed mock exam, spaced review, progress.

Thin views over ``mswlab.exam``: the engine picks items, judges answers, keeps the time and
the sections, scores and stores; these views only show it. Every control has a Python twin
(``start``, ``choose``, ``submit``, ``flag``, ``skip``, ``next``, ``go``, ``submit_section``,
``tick``, ``refresh``) so tests and notebooks can drive them without a browser.
"""

from __future__ import annotations

import html
import secrets
import threading
from pathlib import Path

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from mswlab import clock as clocks
from mswlab import figures
from mswlab.content.exam import ExamItem
from mswlab.errors import ValidationError
from mswlab.exam import bank as banks
from mswlab.exam import blueprint, forms, progress
from mswlab.exam import figures as exam_figures
from mswlab.exam.scoring import SCORE_NOTE, ScoreReport
from mswlab.exam.session import Clock, MockExam, PracticeRun, ReviewRun
from mswlab.store import ProgressStore, StoreProblem
from widgets.charts import Chart
from widgets.choice import ChoiceCard, ChoiceView
from widgets.feedback import LABEL, WIDE, say, text_of
from widgets.keyboard import KeyboardScope, mark_navigation
from widgets.page_guard import PageGuard
from widgets.view import shown_text


def _level_picker() -> W.Dropdown:
    return W.Dropdown(options=blueprint.categories(), value="masters", description="Exam level:", style=LABEL)


def _item_level(category: str) -> str:
    return blueprint.spec(category).item_level


class StorePanel(W.VBox):
    """Opens the progress store. If the file there is unusable it says so, leaves it untouched,
    and offers to set it aside and start a new store; until then nothing is saved."""

    def __init__(self, store: ProgressStore | None = None, path: Path | None = None) -> None:
        self.store = store
        self.problem: StoreProblem | None = None
        self._message = W.HTML(layout=WIDE)
        self._new = W.Button(
            description="Set the old file aside and start a new store", layout=W.Layout(width="auto", display="none")
        )
        self._new.on_click(lambda _: self.start_new_store())
        self._path = path
        if store is None:
            try:
                self.store = ProgressStore(path)
            except StoreProblem as err:
                self.problem = err
                say(
                    self._message,
                    f"Your progress file {err.path} {err.message} You can still practice, "
                    "but nothing is saved until you start a new store.",
                )
                self._new.layout.display = None
        super().__init__(children=[self._message, self._new])

    def start_new_store(self) -> Path | None:
        """Move the unusable file aside (timestamped name) and open a new store; return the old file's new path."""
        self.store, moved = ProgressStore.start_new(self.problem.path if self.problem else self._path)
        self.problem = None
        self._new.layout.display = "none"
        say(
            self._message,
            f"Started a new progress store. The old file was kept as {moved}."
            if moved
            else "Started a new progress store.",
            ok=True,
        )
        return moved

    message_text = shown_text("_message")


def _item_html(item: ExamItem, heading: str) -> str:
    return f"<p><b>{html.escape(heading)}</b></p><p>{html.escape(item.stem)}</p>"


def _lettered(item: ExamItem) -> list[tuple[str, str]]:
    """An exam item's options as the exam shows them: A, B, C ..."""
    return [(f"{o.key.upper()}. {o.text}", o.key) for o in item.options]


class _RunView(ChoiceView):
    """Shows a PracticeRun (or ReviewRun): answer, flag, skip, next, a running score and a chart."""

    CSS_CLASS = "mswlab-exam-practice"
    NO_QUESTION = "Start a practice set first."
    END_OK = True

    def __init__(self, header: list[W.Widget], store_panel: StorePanel) -> None:
        self.run: PracticeRun | None = None
        self.store_panel = store_panel
        self._flag = W.Button(description="Flag for review", tooltip="Send this item to your review queue")
        self._skip = W.Button(description="Skip", tooltip="Leave this item unanswered and go on")
        self._score = W.HTML()
        self._chart = Chart()
        self.figure: go.Figure | None = None
        super().__init__(
            next_label="Next item",
            check_tooltip="See whether your answer is best, with the rationale for each option",
            buttons=[self._flag, self._skip],
            advance=[self._skip],
        )
        self._flag.on_click(lambda _: self.flag())
        self._skip.on_click(lambda _: self.skip())
        self._lay_out(above=[store_panel, *header], below=[self._score, self._chart])
        self._body.layout.display = "none"  # until a run starts

    def _begin(self, run: PracticeRun) -> None:
        self.run = run
        self._body.layout.display = None
        self._show()

    # --- twins beside choose, submit and next -----------------------------------------

    def flag(self) -> None:
        self.run.flag()
        say(self._message, "Flagged: this item will come back in your review queue.", ok=True)

    def skip(self) -> bool:
        moved = self.run.skip()
        if moved:
            self._show()
        else:
            say(self._message, "Every item has an answer; there is nothing left to skip to.")
        return moved

    def _show(self) -> None:
        run = self.run
        self._present(_item_html(run.current, f"Item {run.position + 1} of {len(run.items)}"), _lettered(run.current))
        self._update_score()

    def _update_score(self) -> None:
        self._score.value = f"<p>{html.escape(self.score_text)}</p>{_SCORE_NOTE}"
        self.figure = self._chart.draw(figures.practice_summary(_area_summary(self.run), "Content area", "Item"))


_SCORE_NOTE = f"<p class='mswlab-score-note'><i>{SCORE_NOTE}</i></p>"


def _area_summary(run: PracticeRun) -> pd.DataFrame:
    """Correct and incorrect answers per area, named for the chart."""
    names = blueprint.current_areas()
    table = run.by_area()
    return table.assign(group=[names[a] for a in table["area"]])


class ExamPracticeView(_RunView):
    """Practice mode: choose the level, the content areas and how many items, then answer one at a time."""

    def __init__(
        self, *, bank: banks.Bank | None = None, store: ProgressStore | None = None, clock: Clock = clocks.monotonic
    ) -> None:
        self.bank = bank or banks.default()
        self.clock = clock
        self._level = _level_picker()
        self._areas = {
            a: W.Checkbox(value=True, description=name, indent=False) for a, name in blueprint.current_areas().items()
        }
        self._count = W.IntText(
            value=10,
            description=f"Number of items (1-{PracticeRun.MAX_ITEMS}):",
            style=LABEL,
            layout=W.Layout(width="220px"),
        )
        self._start = W.Button(description="Start practice", button_style="primary")
        self._setup_message = W.HTML()
        self._start.on_click(lambda _: self.start())
        header = [
            W.HTML(
                "<h3>Practice by content area</h3><p>Answer one item at a time and read the rationale "
                "for your choice and for the best answer. Flag an item to review it later.</p>"
            ),
            W.HBox([self._level, self._count]),
            W.HBox([W.Label("Content areas:"), *self._areas.values()]),
            self._start,
            self._setup_message,
        ]
        super().__init__(header, StorePanel(store))

    def start(self, level: str | None = None, areas: list[str] | None = None, count: int | None = None) -> bool:
        """Start a practice set; impossible choices get a message beside the controls."""
        if level is not None:
            self._level.value = level
        if areas is not None:
            for area, box in self._areas.items():
                box.value = area in areas
        if count is not None:
            self._count.value = count
        chosen = [a for a, box in self._areas.items() if box.value]
        n = self._count.value
        if not chosen:
            say(self._setup_message, "Tick at least one content area.")
            return False
        try:
            run = PracticeRun.choose(
                self.bank,
                _item_level(self._level.value),
                areas=chosen,
                count=n,
                store=self.store_panel.store,
                clock=self.clock,
            )
        except ValidationError as err:
            say(self._setup_message, err.message)
            return False
        say(self._setup_message, "")
        self._begin(run)
        return True

    setup_message_text = shown_text("_setup_message")


class ReviewView(_RunView):
    """Review mode: the Leitner queue of items due today."""

    CSS_CLASS = "mswlab-exam-review"

    def __init__(
        self, *, bank: banks.Bank | None = None, store: ProgressStore | None = None, clock: Clock = clocks.monotonic
    ) -> None:
        self.bank = bank or banks.default()
        self._status = W.HTML()
        header = [
            W.HTML(
                "<h3>Review: items due today</h3><p>Items you missed or flagged come back after 1, 2, 4, "
                "8 and 16 days as you keep answering them right; a miss starts them over.</p>"
            ),
            self._status,
        ]
        super().__init__(header, StorePanel(store))
        if self.store_panel.store is None:
            say(self._status, "Review needs your progress store.")
            return
        try:
            self._begin(ReviewRun.due(self.bank, self.store_panel.store, clock=clock))
            say(self._status, f"{len(self.run.items)} item(s) due today.", ok=True)
        except ValidationError as err:
            say(self._status, err.message, ok=True)

    status_text = shown_text("_status")


class MockExamView(W.VBox):
    """A timed full-length form in the chosen format: sections, flags, then a report and a review.

    The exam in progress is saved as it goes and offered for resuming when the page opens again.
    Its clock runs only while a page shows it: the page beats once a second, and when the beats
    stop for ``STILL_THERE`` seconds the exam pauses as of the last beat.
    """

    CSS_CLASS = "mswlab-mock-exam"
    STILL_THERE = 90  # seconds without a beat before the page counts as closed (hidden tabs beat once a minute)
    CHECKPOINT = 5  # seconds between saves of the time used

    def __init__(
        self,
        *,
        bank: banks.Bank | None = None,
        store: ProgressStore | None = None,
        clock: Clock = clocks.monotonic,
        watchdog: bool = True,  # False: tests call watch() themselves
    ) -> None:
        self.bank = bank or banks.default()
        self.clock = clock
        self.exam: MockExam | None = None
        self.store_panel = StorePanel(store)
        self._watchdog = watchdog
        self._level = _level_picker()
        self._format = W.Dropdown(
            options=blueprint.format_choices(),
            value="current",
            description="Format:",
            style=LABEL,
        )
        self._seed = W.Text(
            value="", description="Form number (optional):", style=LABEL, placeholder="blank: a new form"
        )
        self._start = W.Button(description="Start mock exam", button_style="primary")
        self._setup_message = W.HTML()
        self._start.on_click(lambda _: self.start())
        self._resume = W.Button(button_style="primary", layout=W.Layout(display="none", width="auto"))
        self._resume_note = W.HTML(layout=WIDE)
        self._resume.on_click(lambda _: self.resume())
        self._setup = W.VBox(
            [
                W.HTML(
                    "<p>A full form built to the blueprint, timed like the real exam. Once you submit a section "
                    "you cannot go back to it. Your score and a review of every item come at the end. Your answers "
                    "and time are saved as you go, and the clock runs only while this page is open.</p>"
                ),
                self._resume,
                self._resume_note,
                W.HBox([self._level, self._format]),
                self._seed,
                self._start,
                self._setup_message,
            ]
        )

        self._clock_label = W.HTML()
        self._section_label = W.HTML()
        self._jump = W.Dropdown(options=[], description="Go to question:", style=LABEL)
        self._jump.observe(self._on_jump, names="value")
        self.card = ChoiceCard()
        self.card.choices.observe(self._on_choice, names="value")
        self._prev = W.Button(description="Previous")
        self._next = W.Button(description="Next")
        self._flag = W.Button(description="Flag for review")
        self._submit = W.Button(
            description="Submit section", button_style="warning", tooltip="Close this section for good and go on"
        )
        self._prev.on_click(lambda _: self.previous())
        self._next.on_click(lambda _: self.next())
        self._flag.on_click(lambda _: self.toggle_flag())
        self._submit.on_click(lambda _: self.submit_section())
        self._message = W.HTML()
        mark_navigation(stem=self.card.stem, advance=[self._prev, self._next, self._jump])
        self._exam_box = W.VBox(
            [
                self._clock_label,
                self._section_label,
                self._jump,
                self.card,
                W.HBox([self._prev, self._next, self._flag, self._submit]),
                self._message,
            ],
            layout=W.Layout(display="none"),
        )
        self._report_html = W.HTML(layout=WIDE)
        self._chart = Chart()
        self.figure: go.Figure | None = None
        self._review_html = W.HTML(layout=WIDE)
        self._report_box = W.VBox([self._report_html, self._chart, self._review_html], layout=W.Layout(display="none"))
        self._syncing = False
        self._confirming = False  # Submit section was selected once and awaits confirmation
        self._stop: threading.Event | None = None
        self._lock = threading.RLock()  # the watchdog thread, the beats and the student's clicks take turns
        self._last_beat = self._last_save = clock()
        self.guard = PageGuard(on_beat=self.beat)
        self._saved: MockExam | None = None
        super().__init__(
            children=[
                self.store_panel,
                self._setup,
                self._exam_box,
                self._report_box,
                KeyboardScope(host_class=self.CSS_CLASS),
                self.guard,
            ]
        )
        self.add_class(self.CSS_CLASS)
        self._offer_saved()

    # --- twins -------------------------------------------------------------------------

    def start(self, level: str | None = None, format_id: str | None = None, seed: int | None = None) -> bool:
        if level is not None:
            self._level.value = level
        if format_id is not None:
            self._format.value = format_id
        if seed is not None:
            self._seed.value = str(seed)
        text = self._seed.value.strip()
        if text and not text.isdigit():
            say(
                self._setup_message,
                f"'{text}' is not a form number; use a whole number such as 7, or leave it blank for a new form.",
            )
            return False
        form_seed = int(text) if text else secrets.randbelow(99_999) + 1  # a new form
        try:
            form = forms.assemble(blueprint.spec(self._level.value, self._format.value), self.bank, form_seed)
        except ValidationError as err:
            say(self._setup_message, err.message)
            return False
        if self.store_panel.store is not None:
            self.store_panel.store.discard_open_mock()
        return self._run(MockExam(form, store=self.store_panel.store, clock=self.clock))

    def resume(self) -> bool:
        """Carry on with the saved mock exam; its clock starts again from the time it had used."""
        if self._saved is None:
            return False
        exam, self._saved = self._saved, None
        exam.carry_on()
        return self._run(exam)

    def beat(self) -> None:
        """The page is open: keep the clock running, refresh the countdown, save the time used now and then."""
        with self._lock:
            self._last_beat = now = self.clock()
            if self.exam is None or self.exam.finished:
                return
            self.exam.carry_on()
            self.tick()
            if now - self._last_save >= self.CHECKPOINT:
                self.exam.checkpoint()  # (a no-op once time ran out and the exam was scored)
                self._last_save = now

    def watch(self) -> None:
        """Pause the exam, as of the last beat, if no page has beaten for ``STILL_THERE`` seconds."""
        with self._lock:
            if self.exam is not None and self.clock() - self._last_beat >= self.STILL_THERE:
                self.exam.pause(at=self._last_beat)

    def choose(self, key: str) -> bool:
        try:
            self.card.select(key, self.exam.current.item.options)
        except ValidationError as err:
            say(self._message, err.message)
            return False
        return not self.exam.finished

    def go(self, number: int) -> bool:
        return self._act(lambda: self.exam.go(number))

    def next(self) -> bool:
        return self._act(self.exam.next)

    def previous(self) -> bool:
        return self._act(self.exam.previous)

    def toggle_flag(self) -> bool:
        return self._act(self.exam.toggle_flag)

    def submit_section(self) -> bool:
        """Close the current section for good, asking once first (the second call submits)."""
        if self.exam is None or self.exam.finished:
            return False
        if not self._confirming:
            self._confirming = True
            self._submit.description = "Confirm: submit section"
            left, flagged = len(self.exam.unanswered()), len(self.exam.flagged_numbers())
            say(
                self._message,
                f"You have {left} unanswered and {flagged} flagged question(s) in this section. "
                "Once submitted you cannot return to it. Select Confirm to submit, or keep working.",
            )
            return False
        return self._act(self.exam.submit_section)

    def finish(self) -> ScoreReport:
        report = self.exam.finish()
        self._show_report(report)
        return report

    def tick(self) -> None:
        """Refresh the countdown; when time is up, score the exam as it stands (the page's beats call this)."""
        with self._lock:
            if self.exam is None or self.exam.finished:
                return
            if self.exam.time_up:
                self.finish()
                say(self._message, "Time is up. Your answers were scored as they stood.")
                return
            self._clock_label.value = f"<p role='timer' aria-live='off'><b>Time left: {self.time_left}</b></p>"

    @property
    def time_left(self) -> str:
        seconds = int(self.exam.remaining())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    message_text = shown_text("_message")

    setup_message_text = shown_text("_setup_message")

    @property
    def resume_text(self) -> str:
        """The Resume button's label and the note under it ('' when nothing is saved)."""
        if self._resume.layout.display == "none":
            return ""
        return f"{self._resume.description} {text_of(self._resume_note)}"

    report_text = shown_text("_report_html")

    review_text = shown_text("_review_html")

    # --- internals ---------------------------------------------------------------------

    def _act(self, action) -> bool:
        with self._lock:
            self._confirming = False
            self._submit.description = "Submit section"
            return self._act_unlocked(action)

    def _act_unlocked(self, action) -> bool:
        try:
            action()
        except ValidationError as err:
            say(self._message, err.message)
            if self.exam.finished:
                self._show_report(self.exam.report)
            return False
        if self.exam.finished:
            self._show_report(self.exam.report)
        else:
            say(self._message, "")
            self._show()
        return True

    def _on_choice(self, change) -> None:
        if self._syncing or change["new"] is None or self.exam is None:
            return
        try:
            self.exam.answer(change["new"])
        except ValidationError as err:
            say(self._message, err.message)
            if self.exam.finished:
                self._show_report(self.exam.report)
            return
        self._refresh_jump()

    def _on_jump(self, change) -> None:
        if self._syncing or change["new"] is None or change["new"] == self.exam.current.number:
            return
        self.go(change["new"])

    def _show(self) -> None:
        exam = self.exam
        q = exam.current
        sections = len(exam.form.spec.sections)
        self._syncing = True
        flagged = " (flagged)" if q.item.id in exam.flagged else ""
        heading = f"Question {q.number} of {len(exam.form.questions)}{flagged}"
        self.card.show(_item_html(q.item, heading), _lettered(q.item), exam.answers.get(q.item.id))
        self._syncing = False
        self._section_label.value = (
            f"<p>Section {exam.section + 1} of {sections}: "
            f"{len(exam.questions) - len(exam.unanswered())} of {len(exam.questions)} "
            f"answered, {len(exam.flagged_numbers())} flagged.</p>"
        )
        self._refresh_jump()
        self.tick()

    def _refresh_jump(self) -> None:
        exam = self.exam
        options = []
        for q in exam.questions:
            marks = [
                m for m, on in (("answered", q.item.id in exam.answers), ("flagged", q.item.id in exam.flagged)) if on
            ]
            options.append((f"{q.number}" + (f" ({', '.join(marks)})" if marks else ""), q.number))
        self._syncing = True
        self._jump.options = options
        self._jump.value = exam.current.number
        self._syncing = False

    def _show_report(self, report: ScoreReport) -> None:
        self._stop_watchdog()
        self._exam_box.layout.display = "none"
        self._report_box.layout.display = None
        spec = report.spec
        rows = "".join(
            f"<tr><td>{html.escape(r.name)}</td><td>{r.correct}</td><td>{r.total}</td><td>{r.percent:.0f}%</td></tr>"
            for r in report.by_area.itertuples()
        )
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in report.notes)
        self._report_html.value = (
            f"<h3>Your {html.escape(spec.category_name)} mock exam ({html.escape(spec.format_name)})</h3>"
            f"<p><b>{report.correct} of {report.total} scored questions correct ({report.percent:.0f}%).</b> "
            f"{report.unanswered} question(s) were unanswered. The {report.pretest_total} pretest questions "
            f"(unscored, as on the real exam) are marked in the review below; you got {report.pretest_correct} "
            f"of them right.</p>{_SCORE_NOTE}"
            f"<table><caption>Score by content area (scored questions)</caption><thead><tr><th>Area</th>"
            f"<th>Correct</th><th>Questions</th><th>Percent</th></tr></thead><tbody>{rows}</tbody></table>"
            f"{notes}"
        )
        self.figure = self._chart.draw(exam_figures.exam_area_percent(report.by_area))
        self._review_html.value = _review(report, self.exam.form)

    def _offer_saved(self) -> None:
        """Offer the mock exam a closed page left in progress, if the store holds one."""
        store = self.store_panel.store
        state = store.open_mock() if store is not None else None
        if state is None:
            return
        try:
            self._saved = MockExam.resume(state, self.bank, store=store, clock=self.clock)
        except (ValidationError, KeyError, TypeError, ValueError) as err:
            store.discard_open_mock()
            message = err.message if isinstance(err, ValidationError) else "the saved mock exam could not be read"
            say(self._setup_message, f"{message[0].upper()}{message[1:]}")
            return
        self._resume.description = f"Resume your mock exam ({self._saved.where()})"
        self._resume.layout.display = None
        say(
            self._resume_note,
            "Its clock stopped when its page closed and starts again when you resume. "
            "Starting a new mock exam below discards it.",
        )

    def _run(self, exam: MockExam) -> bool:
        self.exam = exam
        self._last_beat = self._last_save = self.clock()
        say(self._setup_message, "")
        self._setup.layout.display = "none"
        self._exam_box.layout.display = None
        self.guard.active = True
        exam.checkpoint()
        self._show()
        self._start_watchdog()
        return True

    def _start_watchdog(self) -> None:
        """Check from a background thread that a page still beats (tests call watch() themselves)."""
        if not self._watchdog:
            return
        stop = threading.Event()

        def run() -> None:
            while not stop.wait(self.CHECKPOINT):
                if self.exam is None or self.exam.finished:
                    return
                self.watch()

        self._stop = stop
        threading.Thread(target=run, name="mswlab-exam-watchdog", daemon=True).start()

    def _stop_watchdog(self) -> None:
        self.guard.active = False
        if self._stop is not None:
            self._stop.set()
            self._stop = None


def _review(report: ScoreReport, form: forms.Form) -> str:
    """Every question with the candidate's choice, the key and every rationale."""
    parts = ["<h3>Review every question</h3>"]
    for row, q in zip(report.review.itertuples(), form.questions):
        item = q.item
        answered = not pd.isna(row.chosen)  # the review table holds NaN where no choice was made
        status = "correct" if row.correct else ("not correct" if answered else "unanswered")
        kind = "" if q.scored else " Pretest question: not counted in your score."
        reasons = "".join(
            f"<li><b>{o.key.upper()}. {html.escape(o.text)}</b>"
            + (" (your answer)" if o.key == row.chosen else "")
            + (" (best answer)" if o.key == item.answer else "")
            + f": {html.escape(o.rationale)}</li>"
            for o in item.options
        )
        parts.append(
            f"<details><summary>Question {q.number}: {status} ({html.escape(row.area_name)}).{kind}"
            f"</summary><p>{html.escape(item.stem)}</p><ul>{reasons}</ul></details>"
        )
    return "".join(parts)


class ProgressDashboard(W.VBox):
    """Accuracy over time, by area and by cognitive level, items due, mock history and a study plan."""

    def __init__(self, *, bank: banks.Bank | None = None, store: ProgressStore | None = None) -> None:
        self.bank = bank or banks.default()
        self.store_panel = StorePanel(store)
        self._refresh = W.Button(description="Refresh", tooltip="Read your latest progress")
        self._refresh.on_click(lambda _: self.refresh())
        self._summary = W.HTML(layout=WIDE)
        self._charts = {name: Chart() for name in ("time", "area", "cognitive")}
        self._mocks = W.HTML(layout=WIDE)
        self._plan = W.HTML(layout=WIDE)
        super().__init__(
            children=[
                W.HTML("<h3>Your progress</h3>"),
                self.store_panel,
                self._refresh,
                self._summary,
                *self._charts.values(),
                self._mocks,
                self._plan,
            ]
        )
        self.add_class("mswlab-exam-progress")
        self.refresh()

    def refresh(self) -> None:
        store = self.store_panel.store
        if store is None:
            say(self._summary, "Progress needs your progress store (see the message above).")
            return
        board = progress.dashboard(store, self.bank)
        answered = int(board.by_area["answered"].sum())
        self._summary.value = (
            f"<p>{answered} answers recorded. <b>{board.due_today} item(s) due for review "
            f"today</b>; {board.in_review} item(s) in your review boxes. "
            f"{len(board.mocks)} mock exam(s) finished.</p>{_SCORE_NOTE}"
        )
        self._charts["time"].draw(exam_figures.accuracy_over_time(board.over_time))
        self._charts["area"].draw(exam_figures.exam_area_percent(board.by_area, "Accuracy by content area"))
        self._charts["cognitive"].draw(
            exam_figures.accuracy_by(board.by_cognitive, "cognitive", "Accuracy by cognitive level", "Cognitive level")
        )
        rows = "".join(
            f"<tr><td>{html.escape(str(r.finished_at))}</td><td>{html.escape(r.category)}</td>"
            f"<td>{html.escape(r.format)}</td><td>{r.correct}/{r.total}</td><td>{r.percent:.0f}%</td></tr>"
            for r in board.mocks.itertuples()
        )
        self._mocks.value = (
            "<table><caption>Mock exam history</caption><thead><tr><th>Finished</th><th>Level</th>"
            f"<th>Format</th><th>Correct</th><th>Percent</th></tr></thead><tbody>{rows}</tbody>"
            "</table>"
            if rows
            else "<p>No mock exams yet.</p>"
        )
        steps = progress.study_plan(store, self.bank)
        items = "".join(
            f"<li><b>{html.escape(s.name)}</b>: {html.escape(s.reason)} Practice about {s.items_per_week} items "
            f"a week" + (f"; revisit modules {html.escape(', '.join(s.modules))}" if s.modules else "") + ".</li>"
            for s in steps
        )
        self._plan.value = f"<h4>Your study plan, weakest area first</h4><ol>{items}</ol>"

    @property
    def figures(self) -> dict[str, go.Figure | None]:
        """The charts on show: "time", "area" and "cognitive"."""
        return {name: chart.figure for name, chart in self._charts.items()}

    summary_text = shown_text("_summary")

    plan_text = shown_text("_plan")


def warm_up() -> None:
    """Load the item bank and the blueprint and draw one chart, so the first learner to open the page
    does not wait for them (Voila's preheated kernel runs this before anyone asks)."""
    banks.default()
    blueprint.default()
    figures.practice_summary(
        pd.DataFrame({"group": ["warm-up"], "correct": [1], "incorrect": [0]}), "Content area"
    ).to_json()


def exam_practice(**kwargs) -> ExamPracticeView:
    return ExamPracticeView(**kwargs)


def mock_exam(**kwargs) -> MockExamView:
    return MockExamView(**kwargs)


def review(**kwargs) -> ReviewView:
    return ReviewView(**kwargs)


def progress_dashboard(**kwargs) -> ProgressDashboard:
    return ProgressDashboard(**kwargs)
