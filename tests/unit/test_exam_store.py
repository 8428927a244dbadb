"""The progress store: what it keeps, how review boxes move, and that it never harms a file it cannot use."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mswlab.exam import review
from mswlab.store import APPLICATION_ID, SCHEMA_VERSION, Answer, ProgressStore, StoreProblem, default_path
from tests.conftest import ROOT, at

DAY = dt.date(2026, 11, 22)


def test_new_store_is_versioned_marked_as_ours_and_in_wal_mode(store):
    conn = store._conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_location_follows_mswlab_home(monkeypatch, tmp_path):
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / "progress.sqlite"
    monkeypatch.delenv("MSWLAB_HOME")
    assert default_path() == Path.home() / ".local" / "share" / "mswlab" / "progress.sqlite"


def test_an_answer_is_recorded_with_item_choice_correctness_time_and_mode(store, time_machine):
    time_machine.move_to(at(DAY, 15))
    store.record_answer(Answer("item-1", "b", False, 12.5, "practice", "s1"))
    row = store.attempts().iloc[0]
    assert (row["item"], row["choice"], row["correct"], row["seconds"], row["mode"]) == (
        "item-1",
        "b",
        0,
        12.5,
        "practice",
    )
    assert row["answered_at"].startswith("2026-11-22T15:00")  # from the engine's clock
    with pytest.raises(ValueError, match="'quiz' is not a mode"):
        store.record_answer(Answer("item-1", "b", False, 1, "quiz"))


@pytest.mark.time_machine(at(DAY))
def test_leitner_boxes_move_up_on_right_answers_and_back_to_one_on_a_miss(store):
    store.record_answer(Answer("x", "a", True, 1, "practice"))
    assert store.boxes().empty  # right at first sight: not in review
    store.record_answer(Answer("x", "b", False, 1, "practice"))
    assert store.boxes().iloc[0][["box", "due"]].tolist() == [1, "2026-11-23"]
    for expected_box, days in ((2, 2), (3, 4), (4, 8), (5, 16), (5, 16)):
        store.record_answer(Answer("x", "a", True, 1, "review"))
        box, due = store.boxes().iloc[0][["box", "due"]].tolist()
        assert (box, due) == (expected_box, (DAY + dt.timedelta(days=days)).isoformat())
    store.record_answer(Answer("x", "c", False, 1, "review"))
    assert store.boxes().iloc[0]["box"] == 1


def test_flagged_items_join_box_one_and_the_due_queue_orders_by_box(store, time_machine):
    time_machine.move_to(at(DAY - dt.timedelta(days=3)))
    store.record_answer(Answer("missed", "b", False, 1, "practice"))
    for _ in range(2):
        store.record_answer(Answer("missed", "a", True, 1, "review"))
    time_machine.move_to(at(DAY))
    store.flag("flagged-right")
    assert store.due() == []  # box 3, due in 4 days from three days ago; the flag is due tomorrow
    time_machine.move_to(at(DAY + dt.timedelta(days=1)))
    assert store.due() == ["flagged-right", "missed"]
    assert bool(store.boxes().set_index("item").loc["flagged-right", "flagged"])


def test_interval_rules():
    assert [review.due_date(b, DAY) - DAY for b in range(1, 6)] == [dt.timedelta(days=d) for d in (1, 2, 4, 8, 16)]
    assert review.next_box(None, False) == 1 and review.next_box(5, True) == 5 and review.next_box(3, False) == 1


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"this is my dissertation draft, not a database", "is not a progress store"),
        (b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 200, "is damaged"),
    ],
)
def test_a_damaged_file_is_reported_and_left_byte_for_byte_untouched(tmp_path, content, expected):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreProblem, match=expected) as err:
        ProgressStore(path)
    assert "left untouched" in err.value.message and err.value.path == path
    assert path.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite"]


def test_a_foreign_sqlite_file_is_refused_and_kept(tmp_path):
    path = tmp_path / "progress.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreProblem, match="from another program"):
        ProgressStore(path)
    assert path.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "progress.sqlite"
    ProgressStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=7")
    conn.commit()
    conn.close()
    with pytest.raises(StoreProblem, match="newer MSW Practice Lab"):
        ProgressStore(path)


def test_start_new_sets_the_old_file_aside_with_a_timestamp_only_when_asked(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"not a database")
    with pytest.raises(StoreProblem):
        ProgressStore(path)
    store, moved = ProgressStore.start_new(path)
    assert moved.read_bytes() == b"not a database" and moved.name.startswith("progress.sqlite.set-aside-")
    store.record_answer(Answer("x", "a", False, 1, "practice"))
    assert len(store.attempts()) == 1 and store.integrity() == "ok"
    store.close()


WRITER = """
import sys
from mswlab.store import Answer, ProgressStore
store = ProgressStore(sys.argv[1])
n = 0
while True:
    store.record_answer(Answer(f"item-{n}", "abc"[n % 3], n % 3 == 0, 1.5, "practice", sys.argv[2]))
    print(n, flush=True)  # acknowledged: record_answer returned
    n += 1
"""


@pytest.mark.parametrize("round_", range(4))
def test_answers_acknowledged_before_a_sigkill_survive_it(tmp_path, round_):
    """Writers are killed at random moments; the store stays intact and holds every acknowledged answer."""
    path = tmp_path / "progress.sqlite"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    acked: dict[str, set[str]] = {}
    for kill in range(3):  # three writers on the same file, each killed after a different delay
        run = f"run-{kill}"
        acked[run] = set()
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path), run], stdout=subprocess.PIPE, text=True, env=env
        )
        deadline = time.monotonic() + 0.3 + ((round_ * 3 + kill) * 0.137) % 0.5
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line:
                acked[run].add(f"item-{int(line)}")
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acked[run] |= {f"item-{int(n)}" for n in rest.split()}
        with ProgressStore(path) as store:
            assert store.integrity() == "ok"
            stored = store.attempts()
            for label, items in acked.items():
                present = set(stored.loc[stored["session"] == label, "item"])
                assert items <= present, f"{len(items - present)} acknowledged answers of {label} were lost"
    assert sum(map(len, acked.values())) > 0
