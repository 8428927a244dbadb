"""``mswlab course autograde``: nbgrader's autograde, many submissions at once, sandboxed.

Concurrency design: one writer owns the gradebook.
    SQLite allows one writer at a time, and nbgrader opens and commits the gradebook many
    times per submission. Several processes writing it would either queue on SQLite's
    lock or fail with "database is locked", and merging per-worker gradebooks would mean
    re-implementing nbgrader's row logic. So only this process (the coordinator) opens
    the gradebook. It runs nbgrader's own ``Autograde`` converter steps for each student,
    in nbgrader's order: prepare (``init_destination``, ``init_assignment``, the sanitize
    preprocessors) and record (the autograde preprocessors: ``SaveAutoGrades``,
    ``AssignLatePenalties``, ...). Only the slow step between them, executing the
    notebook (``Execute``, nearly all of nbgrader's time), is handed to worker processes
    (``mswlab.grading.worker``), which never see the gradebook. Because every gradebook
    write is nbgrader's own code on the same notebook, each student's cell scores,
    comments and gradebook rows are what stock ``nbgrader autograde`` produces.

Crash consistency.
    nbgrader creates a submission's rows (``update_or_create_submission``) in one
    transaction and fills them idempotently, so rows are never duplicated; what a crash
    can leave is a student prepared but not recorded. A student counts as done only when
    a marker file is written after recording (``.mswlab/autograde/<assignment>/done/``,
    with a fingerprint of the submitted files). A re-run grades again, from scratch,
    everyone without a valid marker; nbgrader updates the existing rows in place. A
    crashed worker's student is retried once in a fresh worker; a second crash flags it.
    Ctrl-C or SIGTERM stops the workers and their kernels, keeps what was recorded and
    exits non-zero; kill -9 leaves markers consistent because they are written last.

What student code cannot do.
    Points for answers that are data are computed here, outside the kernel, from the submitted
    cells' literals (``mswlab.grading.scoring``, in the course's nbgrader config, so stock
    ``nbgrader autograde`` does the same). A submission is copied without following links
    (``mswlab.grading.files``); the kernel runs on a fresh copy of the autograded folder in the
    sandbox and never sees the folder this process writes; every write and permission change
    here refuses links.

Statuses in the summary: graded, review (graded, but something needs a person to look: a link
or a Python module in the submission, an answer cell holding code, a score the kernel decided),
timeout (a cell hit the time limit; the rest graded), cells restored (a deleted or edited locked
cell was put back, then graded), not a notebook (a file could not be read as a notebook), error
(nothing could be graded: see the message), no notebook (the folder holds no notebook), and no submission
(a student asked for with --student has no folder in submitted/). The table's points, and summary.json's,
come from the gradebook when they are printed (``mswlab.grading.autograde_summary``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from mswlab import clock
from mswlab.grading import autograde_summary, files, nbgrader_adapter
from mswlab.grading.autograde_summary import summary_table  # noqa: F401 (the table, where it has always been)
from mswlab.grading.standing import standings

STATE_DIR = ".mswlab/autograde"
EXIT_FAILED, EXIT_INTERRUPTED = 1, 130


@dataclass
class Outcome:
    """One student's line in the summary."""

    student: str
    status: str = "graded"
    score: float | None = None
    max_score: float | None = None
    message: str = ""
    earlier: bool = False  # graded by an earlier run and left alone
    seconds: float | None = None  # time spent executing the notebooks


@dataclass
class Options:
    assignment: str
    course_dir: Path
    workers: int
    sandbox: str = "auto"  # auto | bwrap | none
    students: list[str] = field(default_factory=list)
    force: bool = False
    memory_mb: int | None = None
    progress: object = sys.stderr


class RunFailed(Exception):
    """The run itself could not go ahead (not a student's problem)."""


def _worker_config(config) -> dict:
    """The picklable part of nbgrader's config that execution needs."""
    import pickle

    wanted = {}
    for section, values in config.items():
        try:
            pickle.dumps(values)
        except Exception:
            continue
        wanted[section] = values
    return wanted


# ---------------------------------------------------------------- the student's files


def fingerprint(folder: Path) -> str:
    """Changes whenever a submitted file or link is added, removed or modified."""
    digest = hashlib.sha256()
    for entry in files.fingerprint_entries(folder):
        digest.update("\0".join(map(str, entry)).encode() + b"\n")
    return digest.hexdigest()


def _visible(source: str, hider=None) -> list[str]:
    """A cell's lines as students get them: hidden tests removed (by the same code, and
    the same configured delimiters, as feedback uses), blank lines ignored."""
    from mswlab.grading.feedback import HideHiddenTests

    hider = hider or HideHiddenTests(notice="")
    return [line.rstrip() for line in hider.hide_region(source)[0].splitlines() if line.strip()]


def inspect_notebook(submitted: str, notebook_id: str, gradebook, assignment: str, hider=None):
    """What nbgrader will do to this notebook's cells: (cells it puts back, because they
    were deleted or are locked and were edited; grade_ids it does not know)."""
    import nbformat

    nb = nbformat.read(submitted, as_version=4)
    present = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if "grade_id" in meta:
            present[meta["grade_id"]] = cell
    record = gradebook.find_notebook(notebook_id, assignment)
    restored = [f"{cell.name} (deleted)" for cell in record.grade_cells if cell.name not in present]
    for cell in record.source_cells:
        mine = present.get(cell.name)
        if (
            cell.locked
            and mine is not None
            and (mine.cell_type != cell.cell_type or _visible(mine.source, hider) != _visible(cell.source, hider))
        ):
            restored.append(f"{cell.name} (edited)")
    known = {cell.name for cell in record.source_cells} | {cell.name for cell in record.grade_cells}
    return restored, sorted(set(present) - known)


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return f"{type(err).__name__}: {text.splitlines()[0][:160]}" if text else type(err).__name__


# ---------------------------------------------------------------- the run


class Coordinator:
    def __init__(self, options: Options):
        self.options = options
        course = options.course_dir
        self.state = course / STATE_DIR / options.assignment
        (self.state / "done").mkdir(parents=True, exist_ok=True)
        self.staging = self.state / "staging"
        self.log_file = self.state / "autograde.log"
        self.outcomes: dict[str, Outcome] = {}
        self.unchanged: dict[str, bool] = {}  # student -> submission unchanged since it was last recorded
        self.stop_signal: int | None = None
        self.sandbox_note = ""

    # -- setup
    def open(self):
        from nbgrader.api import Gradebook, MissingEntry

        changed = nbgrader_adapter.private_api_problems()
        if changed:
            raise RunFailed(
                "the installed nbgrader changed what this grader relies on, so scores could be wrong: "
                + "; ".join(changed)
                + ". Install the nbgrader version pyproject.toml names (make test checks it)."
            )
        self._lock = open(self.state / "lock", "w")  # noqa: SIM115 (held, and locked, until close())
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunFailed(f"another autograde of {self.options.assignment} is running in this course") from None
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a run that was killed
        self.app = nbgrader_adapter.autograde_app(self.options.assignment, self.options.course_dir, self.log_file)
        coursedir = self.app.coursedir
        self.gradebook_url = coursedir.db_url
        with Gradebook(self.gradebook_url, coursedir.course_id) as gb:
            try:
                gb.find_assignment(self.options.assignment)
            except MissingEntry:
                raise RunFailed(
                    f"assignment {self.options.assignment!r} is not in the gradebook; "
                    f"run: nbgrader generate_assignment {self.options.assignment}"
                ) from None
        self.converter = nbgrader_adapter.converter_class()(coursedir=coursedir, parent=self.app)
        from nbgrader.converters.base import NbGraderException

        try:
            self.converter.setup()
        except NbGraderException:
            self.converter.assignments = {}
        self.policy = self._choose_sandbox()
        from mswlab.grading.sandbox import Ceiling, Limits

        memory = self.options.memory_mb or Limits.memory_mb
        self.ceiling = Ceiling(Limits(memory_mb=memory, tmp_mb=min(Limits.tmp_mb, memory // 2)))
        self.ceiling.sweep()  # cgroups a killed run left behind
        from mswlab.grading.feedback import HideHiddenTests

        self.hider = HideHiddenTests(parent=self.app, notice="")  # the course's delimiters

    def _choose_sandbox(self):
        from mswlab.grading import sandbox

        mode = self.options.sandbox
        if mode == "none":
            self.sandbox_note = (
                "student code ran WITHOUT a sandbox (--sandbox none): it could read "
                "the hidden tests in source/, change gradebook.db and read other "
                "students' work"
            )
            return None
        problem = sandbox.bwrap_problem()
        if problem and mode == "bwrap":
            raise RunFailed(f"--sandbox bwrap was asked for, but {problem}")
        if problem:
            self.sandbox_note = (
                f"student code ran WITHOUT a sandbox, because {problem}. It could "
                "read the hidden tests in source/, change gradebook.db and read other "
                "students' work. Install bubblewrap (sudo apt-get install bubblewrap) "
                "or use --sandbox bwrap to refuse to grade without it"
            )
            return None
        exchange = self.app.config.get("Exchange", {}).get("root", "/srv/nbgrader/exchange")
        db = self.gradebook_url[len("sqlite:///") :] if self.gradebook_url.startswith("sqlite:///") else None
        return sandbox.course_policy(str(self.options.course_dir), exchange=exchange, gradebook=db)

    @property
    def sandbox_used(self) -> str:
        return "bwrap" if self.policy is not None else "none"

    # -- which students
    def submissions(self) -> dict[str, list[str]]:
        """student id -> submitted notebook paths, for every submission folder found
        (stock nbgrader silently skips a folder with no notebook; we list it)."""
        import glob
        import re

        converter, assignment = self.converter, self.options.assignment
        pattern = re.compile(converter.source_folder(re.escape(assignment), "(?P<student>[^/]+)", escape=True))
        found = {}
        for folder in sorted(glob.glob(converter.source_folder(assignment, "*"))):
            match = pattern.fullmatch(folder)
            if match and os.path.isdir(folder):
                found[match["student"]] = converter.assignments.get(folder, [])
        wanted = self.options.students
        if wanted:
            for student in wanted:
                if student not in found:
                    self.outcomes[student] = Outcome(
                        student, autograde_summary.NO_SUBMISSION, message="no submission folder found"
                    )
            found = {s: n for s, n in found.items() if s in wanted}
        return found

    def _submitted(self, student: str) -> Path:
        coursedir = self.app.coursedir
        return Path(coursedir.format_path(coursedir.submitted_directory, student, self.options.assignment))

    def _marker(self, student: str) -> Path:
        return self.state / "done" / f"{student}.json"

    def _already_done(self, student: str) -> Outcome | None:
        marker = self._marker(student)
        if self.options.force or not marker.exists():
            return None
        try:
            saved = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        dest = Path(self.converter.dest_folder(self.options.assignment, student))
        if saved.get("fingerprint") != fingerprint(self._submitted(student)) or not dest.exists():
            return None
        outcome = Outcome(**saved["outcome"])
        outcome.earlier = True
        return outcome

    def _mark_done(self, student: str, outcome: Outcome) -> None:
        files.write_new(
            self._marker(student),
            json.dumps({"fingerprint": fingerprint(self._submitted(student)), "outcome": asdict(outcome)}).encode(
                "utf-8"
            ),
        )

    def _same_as_graded(self, student: str) -> bool:
        """Whether the submission is the one the last recorded grading saw."""
        try:
            saved = json.loads(self._marker(student).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return saved.get("fingerprint") == fingerprint(self._submitted(student))

    def _forget(self, student: str) -> None:
        self._marker(student).unlink(missing_ok=True)

    # -- per student, in this process
    def _clean_copy(self, student: str) -> tuple[Path, list[str], list[str]]:
        """Copy the submission, never following a link, to a folder only this process writes;
        returns (the copy's root for nbgrader, its notebooks, reasons a person should look)."""
        root = self.staging / "submissions"
        copy_dir = root / student / self.options.assignment
        shutil.rmtree(root / student, ignore_errors=True)
        copied = files.copy_tree(self._submitted(student), copy_dir)
        reviews = [f"refused {why}" for why in copied.refused]
        modules = [f for f in copied.files if f.endswith(".py") or f.endswith("/__init__.py")]
        if modules:
            reviews.append(
                f"Python code beside the notebook ({', '.join(modules)}) could change what the "
                "notebook imports; its points were scored outside the kernel"
            )
        notebooks = sorted(str(copy_dir / f) for f in copied.files if "/" not in f and f.endswith(".ipynb"))
        return root, notebooks, reviews

    def prepare(self, student: str, notebooks: list[str]):
        """Returns (sanitized paths, restored cells, notes, reasons for review) or an Outcome when
        it cannot run."""
        from nbgrader.api import Gradebook

        # Marks an instructor gave stay final when the submission is the one they marked (a --force
        # regrade, or a retry after a crash); a changed submission is flagged for another look.
        self.unchanged.setdefault(student, self._same_as_graded(student))
        self._forget(student)
        clean_root, notebooks, reviews = self._clean_copy(student)
        if not notebooks:
            names = sorted(p.name for p in self._submitted(student).iterdir())
            status = "review" if reviews else "no notebook"
            return Outcome(
                student,
                status,
                message="the submission folder has no notebook to grade"
                + (f" (found: {', '.join(names)})" if names else " (it is empty)")
                + "".join(f"; {why}" for why in reviews),
            )
        expected = self._expected_notebooks()
        by_id = {os.path.splitext(os.path.basename(n))[0]: os.path.basename(n) for n in notebooks}
        extra = sorted(name for nb_id, name in by_id.items() if nb_id not in expected)
        restored, unknown_cells, unreadable = [], [], []
        with Gradebook(self.gradebook_url, self.app.coursedir.course_id) as gb:
            for nb_id in sorted(set(by_id) & expected):
                path = next(p for p in notebooks if os.path.basename(p) == by_id[nb_id])
                try:
                    put_back, unknown = inspect_notebook(path, nb_id, gb, self.options.assignment, self.hider)
                except Exception as err:
                    unreadable.append(f"{by_id[nb_id]} cannot be read as a notebook ({_first_line(err)})")
                    continue
                restored += put_back
                unknown_cells += unknown
        try:
            # nbgrader's own steps, even when they will fail, so the gradebook holds what
            # stock autograde would leave there (a submission needing a hand grade).
            sanitized = self.converter.prepare(student, notebooks, str(clean_root))
        except Exception as err:
            shutil.rmtree(clean_root / student, ignore_errors=True)
            self.app.log.exception("nbgrader could not prepare %s", student)
            self.converter.discard(student)
            also = "".join(f"; {why}" for why in reviews)
            if not set(by_id) & expected:
                return Outcome(
                    student,
                    "error",
                    message=(
                        f"expected {', '.join(sorted(n + '.ipynb' for n in expected))} but found "
                        f"{', '.join(extra)}: rename the file in submitted/ and run again{also}"
                    ),
                )
            if unreadable:
                return Outcome(student, "not a notebook", message="; ".join(unreadable) + also)
            message = _first_line(err)
            if unknown_cells:
                message = (
                    f"cells with grade ids the assignment does not have: {', '.join(unknown_cells)} "
                    f"(were their ids changed?); grade by hand. nbgrader said: {message}"
                )
            return Outcome(student, "error", message=message + also)
        shutil.rmtree(clean_root / student, ignore_errors=True)
        notes = []
        if extra:
            notes.append(f"ignored extra notebook(s): {', '.join(extra)}")
        if restored:
            notes.append("restored from the assignment: " + ", ".join(restored))
        return sanitized, restored, notes, reviews

    def _expected_notebooks(self) -> set[str]:
        from nbgrader.api import Gradebook

        if not hasattr(self, "_expected"):
            with Gradebook(self.gradebook_url, self.app.coursedir.course_id) as gb:
                self._expected = {nb.name for nb in gb.find_assignment(self.options.assignment).notebooks}
        return self._expected

    def record(self, student: str, sanitized: list[str], restored: list, notes: list, reviews: list, result) -> Outcome:
        from nbgrader.api import Gradebook

        outcome = Outcome(student, seconds=round(result.seconds, 3))
        if result.error:
            self.converter.discard(student)
            outcome.status, outcome.message = "error", "; ".join([result.error, *reviews])
        else:
            try:
                reviews = reviews + self.converter.record(
                    student, sanitized, _read_executed(result.executed), keep_marks=self.unchanged.get(student, False)
                )
            except Exception as err:
                self.app.log.exception("record failed for %s", student)
                self.converter.discard(student)
                outcome.status, outcome.message = "error", f"{type(err).__name__}: {err}"
            else:
                if result.timeouts:
                    notes = [f"stopped at the time limit: {', '.join(result.timeouts)}", *notes]
                outcome.status = (
                    "review"
                    if reviews
                    else "timeout"
                    if result.timeouts
                    else "cells restored"
                    if restored
                    else "graded"
                )
                outcome.message = "; ".join([*reviews, *notes])
        with Gradebook(self.gradebook_url, self.app.coursedir.course_id) as gb:
            try:
                submission = gb.find_submission(self.options.assignment, student)
                outcome.score, outcome.max_score = submission.score, submission.max_score
            except Exception:
                pass
        return outcome


def _read_executed(executed: dict[str, str]) -> dict:
    import nbformat

    return {nb_id: nbformat.read(path, as_version=4) for nb_id, path in executed.items()}


# ---------------------------------------------------------------- workers


class Pool:
    """Long-lived worker processes, one task each at a time; a dead worker is replaced."""

    def __init__(self, size: int, config: dict, policy, ceiling):
        # fork: workers start at once with nbgrader already imported; the coordinator has
        # no threads, kernels or open gradebook connections at this point to inherit.
        self.context = multiprocessing.get_context("fork")
        self.args = (config, policy, ceiling)
        self.workers: list[dict] = [self._start() for _ in range(size)]

    def _start(self) -> dict:
        from mswlab.grading.worker import serve

        parent, child = self.context.Pipe()
        process = self.context.Process(target=serve, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return {"process": process, "conn": parent, "task": None, "since": 0.0}

    def idle(self) -> list[dict]:
        for worker in [w for w in self.workers if w["task"] is None and not w["process"].is_alive()]:
            self.replace(worker)
        return [w for w in self.workers if w["task"] is None]

    def busy(self) -> list[dict]:
        return [w for w in self.workers if w["task"] is not None]

    def send(self, worker: dict, task) -> None:
        worker["task"], worker["since"] = task, clock.monotonic()
        worker["conn"].send(task)

    def replace(self, worker: dict) -> None:
        worker["process"].kill()
        worker["process"].join(5)
        self.workers[self.workers.index(worker)] = self._start()

    def wait(self, timeout: float):
        """(worker, result) for each finished task and (worker, None) for each dead worker."""
        busy = self.busy()
        if not busy:
            return []
        handles = {}
        for w in busy:
            handles[w["conn"]] = w
            handles[w["process"].sentinel] = w
        events: list = []
        for ready in wait(list(handles), timeout):
            worker = handles[ready]
            if any(e[0] is worker for e in events):
                continue
            try:
                result = worker["conn"].recv() if worker["conn"].poll() else None
            except (EOFError, OSError):
                result = None
            events.append((worker, result))
        return events

    def close(self) -> None:
        for w in self.workers:
            try:
                w["conn"].send(None)
            except OSError:
                pass
        for w in self.workers:
            w["process"].join(3)
            if w["process"].is_alive():
                w["process"].kill()
                w["process"].join(3)

    def kill(self) -> None:
        for w in self.workers:
            w["process"].kill()
        for w in self.workers:
            w["process"].join(5)


# ---------------------------------------------------------------- progress and summary


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    def __init__(self, stream, total: int):
        self.stream, self.total, self.done = stream, total, 0
        self.started = clock.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def line(self, last: str = "") -> str:
        elapsed = clock.monotonic() - self.started
        left = (elapsed / self.done * (self.total - self.done)) if self.done else None
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        eta = f"~{_clock(left)} left" if left is not None else "estimating time left"
        return f"[{bar}] {self.done}/{self.total} graded  {_clock(elapsed)} elapsed  {eta}" + (
            f"  ({last})" if last and not self.tty else ""
        )

    def step(self, last: str = "") -> None:
        self.done += 1
        self.show(last)

    def show(self, last: str = "") -> None:
        if self.tty:
            self.stream.write("\r" + self.line() + "  ")
        else:
            self.stream.write(self.line(last) + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------- main loop


def run(options: Options) -> tuple[int, list[Outcome], Coordinator]:
    """Grade; returns (exit code, outcomes sorted by student, coordinator)."""
    coordinator = Coordinator(options)
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def stop(signum, _frame):
        coordinator.stop_signal = signum

    for s in previous:
        signal.signal(s, stop)
    cwd = os.getcwd()
    try:
        os.chdir(options.course_dir)  # as stock nbgrader does while converting
        coordinator.open()
        code = _grade_all(coordinator)
        return code, [coordinator.outcomes[s] for s in sorted(coordinator.outcomes)], coordinator
    finally:
        os.chdir(cwd)
        for s, handler in previous.items():
            signal.signal(s, handler)


def _grade_all(c: Coordinator) -> int:
    from mswlab.grading.worker import Result, Task

    due: list[tuple[str, list[str]]] = []
    for student, notebooks in c.submissions().items():
        earlier = c._already_done(student)
        if earlier:
            c.outcomes[student] = earlier
        else:
            due.append((student, notebooks))
    progress = Progress(c.options.progress, len(due))
    if not due:
        return 0
    progress.show()
    cell_timeout = c.app.config.get("Execute", {}).get("timeout") or 30
    pool = Pool(max(1, min(c.options.workers, len(due))), _worker_config(c.app.config), c.policy, c.ceiling)
    pending = list(reversed(due))
    notebooks_of = dict(due)
    prepared: dict[str, tuple[list[str], list, list, list]] = {}  # prepared in the gradebook, not yet recorded
    ready: list = []  # prepared tasks waiting for a free worker
    crashes: dict[str, int] = {}

    def prepare_next() -> None:
        student, notebooks = pending.pop()
        outcome = c.prepare(student, notebooks)
        if isinstance(outcome, Outcome):  # nothing to execute: flagged at once
            c.outcomes[student] = outcome
            c._mark_done(student, outcome)
            progress.step(f"{student}: {outcome.status}")
            return
        prepared[student] = outcome
        sanitized = outcome[0]
        ids = [os.path.splitext(os.path.basename(p))[0] for p in sanitized]
        ready.append(
            Task(
                student,
                os.path.dirname(sanitized[0]),
                list(zip(ids, sanitized)),
                str(c.staging / "executed" / student),
                _code_cells(sanitized),
            )
        )

    def dispatch() -> None:
        for worker in pool.idle():
            if not ready:
                return
            pool.send(worker, ready.pop(0))

    def finish(student: str, result) -> None:
        outcome = c.record(student, *prepared.pop(student), result)
        c.outcomes[student] = outcome
        c._mark_done(student, outcome)
        shutil.rmtree(c.staging / "executed" / student, ignore_errors=True)
        progress.step(f"{student}: {outcome.status}")

    try:
        # Keep one prepared task per worker in hand, so that a worker that finishes gets
        # its next notebook at once while this process records the last one.
        while (pending or ready or pool.busy()) and c.stop_signal is None:
            dispatch()
            more_to_prepare = bool(pending) and len(ready) < len(pool.workers)
            if more_to_prepare:
                prepare_next()
            for worker, result in pool.wait(timeout=0 if more_to_prepare else 1.0):
                student = worker["task"].student
                if result is None:  # the worker process died
                    pool.replace(worker)
                    crashes[student] = crashes.get(student, 0) + 1
                    if crashes[student] < 2:
                        c.app.log.warning("a worker died while grading %s; trying again", student)
                        prepared.pop(student)
                        pending.append((student, notebooks_of[student]))
                        continue
                    result = Result(student, error="the grader crashed twice on this submission; grade it by hand")
                worker["task"] = None
                dispatch()
                finish(student, result)
            for worker in pool.busy():
                # A kernel that ignores interrupts could hold a worker for ever.
                task = worker["task"]
                limit = cell_timeout * (task.code_cells + 2) + 60
                if clock.monotonic() - worker["since"] > limit:
                    pool.replace(worker)
                    finish(
                        task.student,
                        Result(
                            task.student,
                            error=(
                                f"the notebook was still running after {int(limit)} s, even after "
                                "interrupting it; grade it by hand"
                            ),
                        ),
                    )
    finally:
        if c.stop_signal is not None:
            pool.kill()
            for student in prepared:  # started but not recorded: leave no half-graded output
                c.converter.discard(student)
        else:
            pool.close()
        progress.finish()
        shutil.rmtree(c.staging, ignore_errors=True)
        c.ceiling.sweep()
    return 128 + c.stop_signal if c.stop_signal is not None else 0


def _code_cells(paths: list[str]) -> int:
    import nbformat

    return sum(sum(1 for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code") for path in paths)


# ---------------------------------------------------------------- the command


def main(args) -> int:
    options = Options(
        assignment=args.assignment,
        course_dir=Path(args.course_dir or os.getcwd()).resolve(),
        workers=args.workers or os.cpu_count() or 1,
        sandbox=args.sandbox,
        students=args.student,
        force=args.force,
        memory_mb=args.memory_limit,
    )
    if options.workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return EXIT_FAILED
    if not (options.course_dir / "nbgrader_config.py").exists() and not (options.course_dir / "source").is_dir():
        print(
            f"error: {options.course_dir} is not an nbgrader course folder (no nbgrader_config.py "
            "or source/); run this from course/ or pass --course-dir",
            file=sys.stderr,
        )
        return EXIT_FAILED
    try:
        code, outcomes, coordinator = run(options)
    except RunFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    app = coordinator.app.coursedir
    now = standings(coordinator.gradebook_url, app.course_id, options.assignment)  # read at print time
    shown = [o for o in outcomes if o.status != autograde_summary.NO_SUBMISSION]
    if shown or not outcomes:
        print(summary_table(shown, now))
        print(
            f"\n{autograde_summary.counts_line(shown)} Sandbox: {coordinator.sandbox_used}. "
            f"Limits: {coordinator.ceiling.name}. Details: {coordinator.log_file}"
        )
        pending = autograde_summary.pending_line(shown, now)
        if pending:
            print(pending)
        if coordinator.sandbox_note:
            print(f"WARNING: {coordinator.sandbox_note}.")
    run_entry = {
        "options": {
            "students": options.students,
            "force": options.force,
            "workers": options.workers,
            "sandbox": options.sandbox,
            "memory_mb": options.memory_mb,
        },
        "sandbox": coordinator.sandbox_used,
        "limits": coordinator.ceiling.name,
        "warning": coordinator.sandbox_note,
        "interrupted": code != 0,
    }
    warning = autograde_summary.write_summary(
        coordinator.state / "summary.json", options.assignment, run_entry, outcomes, now
    )
    if warning:
        print(f"WARNING: {warning}.", file=sys.stderr)
    missing = autograde_summary.missing_message(
        outcomes, lambda student: coordinator.converter.source_folder(options.assignment, student)
    )
    if code:
        print(
            f"Interrupted: run the same command again to grade the {len(_left(coordinator))} submission(s) left.",
            file=sys.stderr,
        )
    if missing:
        print(f"error: {missing}", file=sys.stderr)
        return code or EXIT_FAILED
    return code


def _left(c: Coordinator) -> list[str]:
    return [s for s in c.submissions() if s not in c.outcomes]
