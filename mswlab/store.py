"""The progress store: one SQLite file per user under ``$MSWLAB_HOME`` (default ~/.local/share/mswlab).

It keeps every answer (item, choice, correct, seconds, mode), the Leitner boxes, the
mock-exam history, the mock exam in progress (so a closed page can resume it) and the
supervised-hours log. This module owns the file, its schema and migrations; the hours log's
queries live with the log (``mswlab.hours``). An older store is migrated
in one transaction when it is opened. Each answer is one transaction in WAL mode with full sync, so an answer
whose ``record_answer`` returned survives a crash. A file that is damaged, from another
program or from a newer version is never written to: opening it raises ``StoreProblem``
with a plain message, and only ``start_new`` (which the user must ask for) sets it aside
under a timestamped name and begins a new store.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mswlab import clock
from mswlab.errors import ValidationError
from mswlab.exam import review

APPLICATION_ID = 0x4D53574C  # "MSWL": marks the file as ours
SCHEMA_VERSION = 3
FILE_NAME = "progress.sqlite"
MODES = ("practice", "mock", "review")
SQLITE_HEADER = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    answered_at TEXT NOT NULL,
    item TEXT NOT NULL,
    choice TEXT,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    seconds REAL NOT NULL CHECK (seconds >= 0),
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'mock', 'review')),
    session TEXT
);
CREATE INDEX attempts_item ON attempts (item);
CREATE TABLE boxes (
    item TEXT PRIMARY KEY,
    box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    due TEXT NOT NULL,
    flagged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE mocks (
    session TEXT PRIMARY KEY,
    finished_at TEXT NOT NULL,
    category TEXT NOT NULL,
    format TEXT NOT NULL,
    seed INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    total INTEGER NOT NULL,
    seconds REAL NOT NULL,
    by_area TEXT NOT NULL
);
"""

# Each later version's statements, run in order on a store that is older (version -> SQL).
MIGRATIONS = {
    2: """
CREATE TABLE hours (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    kind TEXT NOT NULL CHECK (kind IN ('direct-clinical', 'other-practice', 'individual-supervision',
                                       'group-supervision')),
    supervisor TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hours_day ON hours (day);
""",
    3: """
CREATE TABLE open_mock (
    session TEXT PRIMARY KEY,
    saved_at TEXT NOT NULL,
    state TEXT NOT NULL
);
""",
}


class StoreProblem(ValidationError):
    """The progress file cannot be used as it is; nothing was written to it."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message, file=str(path))
        self.path = path


def home() -> Path:
    return Path(os.environ.get("MSWLAB_HOME") or Path.home() / ".local" / "share" / "mswlab")


def default_path() -> Path:
    return home() / FILE_NAME


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def _inspect(path: Path) -> None:
    """Raise StoreProblem unless ``path`` is missing, empty or one of our stores; never writes."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreProblem(
            "is not a progress store (it is not an SQLite database). It was left untouched. "
            "Choose 'start a new store' to set it aside and begin again.",
            path,
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise StoreProblem(
            f"is damaged and cannot be read ({err}). It was left untouched. Choose 'start a new "
            f"store' to set it aside and begin again.",
            path,
        ) from None
    if app != APPLICATION_ID:
        raise StoreProblem(
            "is an SQLite database from another program, not a progress store. It was left "
            "untouched. Choose 'start a new store' to set it aside and begin again.",
            path,
        )
    if version > SCHEMA_VERSION:
        raise StoreProblem(
            f"was written by a newer MSW Practice Lab (store version {version}; this one reads up "
            f"to {SCHEMA_VERSION}). Update the course to use it.",
            path,
        )
    if status != "ok":
        raise StoreProblem(
            f"is damaged (SQLite reports: {status}). It was left untouched. Choose 'start a new "
            f"store' to set it aside and begin again.",
            path,
        )


@dataclass(frozen=True)
class Answer:
    item: str
    choice: str | None
    correct: bool
    seconds: float
    mode: str
    session: str | None = None


class ProgressStore:
    """Open (or create) the store at ``path``; raise StoreProblem if the file there is not usable."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_path()
        _inspect(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            with self.transaction():
                scripts = [SCHEMA] if version == 0 else []
                scripts += [MIGRATIONS[v] for v in range(max(version, 1) + 1, SCHEMA_VERSION + 1)]
                for statement in filter(str.strip, ";".join(scripts).split(";")):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @classmethod
    def start_new(cls, path: Path | str | None = None) -> tuple[ProgressStore, Path | None]:
        """Set aside whatever is at ``path`` under a timestamped name and open a new store there.

        Returns the store and where the old file went (None if there was nothing to set aside).
        """
        path = Path(path) if path else default_path()
        moved = None
        if path.exists():
            stamp = clock.now().astimezone().strftime("%Y%m%dT%H%M%S")
            moved = path.with_name(f"{path.name}.set-aside-{stamp}")
            n = 1
            while moved.exists():
                moved = path.with_name(f"{path.name}.set-aside-{stamp}-{n}")
                n += 1
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.rename(moved.with_name(moved.name + suffix))
            path.rename(moved)
        return cls(path), moved

    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error: what each table's owner writes in."""
        return _Transaction(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """For the modules that own a table here (the hours log, say) to read and write it."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------

    def record_answer(self, answer: Answer, *, flagged: bool = False) -> None:
        """Store one answer and move the item's Leitner box, in one transaction."""
        if answer.mode not in MODES:
            raise ValidationError(f"'{answer.mode}' is not a mode; use one of {', '.join(MODES)}", field="mode")
        with self.transaction():
            self._insert_attempt(answer)
            self._move_box(answer.item, answer.correct, flagged, clock.today())

    def _insert_attempt(self, answer: Answer) -> None:
        self._conn.execute(
            "INSERT INTO attempts (answered_at, item, choice, correct, seconds, mode, session) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
                answer.item,
                answer.choice,
                int(answer.correct),
                max(0.0, float(answer.seconds)),
                answer.mode,
                answer.session,
            ),
        )

    def flag(self, item: str) -> None:
        """A flagged item joins the review queue in box 1, whatever its last answer."""
        with self.transaction():
            self._conn.execute(
                "INSERT INTO boxes (item, box, due, flagged) VALUES (?, 1, ?, 1) "
                "ON CONFLICT(item) DO UPDATE SET box = 1, due = excluded.due, flagged = 1",
                (item, review.due_date(1, clock.today()).isoformat()),
            )

    def _move_box(self, item: str, correct: bool, flagged: bool, today: dt.date) -> None:
        row = self._conn.execute("SELECT box FROM boxes WHERE item = ?", (item,)).fetchone()
        if row is None and correct and not flagged:
            return  # items answered right at first sight stay out of review
        box = 1 if flagged else review.next_box(row[0] if row else None, correct)
        self._conn.execute(
            "INSERT INTO boxes (item, box, due, flagged) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(item) DO UPDATE SET box = excluded.box, due = excluded.due, "
            "flagged = MAX(flagged, excluded.flagged)",
            (item, box, review.due_date(box, today).isoformat(), int(flagged)),
        )

    def record_mock(
        self,
        session: str,
        category: str,
        format_id: str,
        seed: int,
        answers: list[Answer],
        correct: int,
        total: int,
        seconds: float,
        by_area: dict[str, dict[str, int]],
    ) -> None:
        """Store a finished mock exam and all its answers in one transaction."""
        today = clock.today()
        with self.transaction():
            for answer in answers:
                self._insert_attempt(answer)
                self._move_box(answer.item, answer.correct, False, today)
            self._conn.execute(
                "INSERT INTO mocks (session, finished_at, category, format, seed, correct, total, seconds, by_area)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session, _now(), category, format_id, seed, correct, total, seconds, json.dumps(by_area)),
            )
            self._conn.execute("DELETE FROM open_mock WHERE session = ?", (session,))

    def save_open_mock(self, session: str, state: dict) -> None:
        """Keep the mock exam in progress (one at a time: a newer one replaces any other)."""
        with self.transaction():
            self._conn.execute("DELETE FROM open_mock WHERE session != ?", (session,))
            self._conn.execute(
                "INSERT INTO open_mock (session, saved_at, state) VALUES (?, ?, ?) "
                "ON CONFLICT(session) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state",
                (session, _now(), json.dumps(state)),
            )

    def discard_open_mock(self) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM open_mock")

    # --- reading -----------------------------------------------------------------------

    def open_mock(self) -> dict | None:
        """The saved state of the mock exam in progress, or None."""
        row = self._conn.execute("SELECT state FROM open_mock").fetchone()
        return json.loads(row[0]) if row else None

    def attempts(self) -> pd.DataFrame:
        return pd.read_sql_query(
            "SELECT answered_at, item, choice, correct, seconds, mode, session FROM attempts ORDER BY id", self._conn
        )

    def boxes(self) -> pd.DataFrame:
        return pd.read_sql_query("SELECT item, box, due, flagged FROM boxes ORDER BY item", self._conn)

    def due(self) -> list[str]:
        """Items due for review today or earlier, lowest box first."""
        rows = self._conn.execute(
            "SELECT item FROM boxes WHERE due <= ? ORDER BY box, due, item", (clock.today().isoformat(),)
        ).fetchall()
        return [r[0] for r in rows]

    def next_due(self) -> tuple[dt.date, int] | None:
        """The first day after today when review items come due, and how many; None if none wait."""
        row = self._conn.execute(
            "SELECT due, COUNT(*) FROM boxes WHERE due > ? GROUP BY due ORDER BY due LIMIT 1",
            (clock.today().isoformat(),),
        ).fetchone()
        return (dt.date.fromisoformat(row[0]), row[1]) if row else None

    def mocks(self) -> pd.DataFrame:
        return pd.read_sql_query(
            "SELECT session, finished_at, category, format, seed, correct, total, seconds, "
            "by_area FROM mocks ORDER BY finished_at, session",
            self._conn,
        )

    def integrity(self) -> str:
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error (the connection is in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *rest) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
