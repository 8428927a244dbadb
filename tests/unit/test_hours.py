"""The supervised-hours log: validation, the 24-hour day, progress, and all-or-nothing CSV import."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3

import pytest

from mswlab import hours, licensure
from mswlab.errors import ValidationError
from mswlab.store import APPLICATION_ID, SCHEMA, SCHEMA_VERSION
from tests.conftest import at

TODAY = dt.date(2026, 11, 22)
pytestmark = pytest.mark.time_machine(at(TODAY))  # "in the future" means after this day


@pytest.fixture
def log(tmp_path):
    book = hours.HoursLog(tmp_path / "progress.sqlite")
    yield book
    book.close()


def entry(day="2026-11-20", amount="3", kind="direct-clinical", supervisor="", note=""):
    return hours.entry_from(day, amount, kind, supervisor, note)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("2026-11-20", "0", "direct-clinical"), "hours", "0 hours is not possible"),
        (("2026-11-20", "-2", "direct-clinical"), "hours", "-2 hours is not possible"),
        (("2026-11-20", "25", "direct-clinical"), "hours", "25 hours is not possible"),
        (("2026-11-20", "three", "direct-clinical"), "hours", "'three' is not a number of hours"),
        (("2026-11-23", "2", "direct-clinical"), "date", "23 November 2026 is in the future"),
        (("20/11/2026", "2", "direct-clinical"), "date", "'20/11/2026' is not a date"),
        (("2026-11-20", "2", "coffee"), "type", "'coffee' is not a type of hours"),
        (("2026-11-20", "1", "individual-supervision", " "), "supervisor", "Name the supervisor"),
    ],
)
def test_an_invalid_entry_is_named_by_field(args, field, message):
    with pytest.raises(ValidationError, match=message) as caught:
        hours.entry_from(*args)
    assert caught.value.field == field


def test_entries_are_kept_in_date_order_and_a_day_cannot_pass_24_hours(log):
    log.add(entry("2026-11-20", "10"), entry("2026-11-18", "2", "group-supervision", "R. Okafor"))
    before = log.entries()
    assert [e.day for e in before] == [dt.date(2026, 11, 18), dt.date(2026, 11, 20)]
    with pytest.raises(ValidationError, match="already has 10 hours logged; adding 15 would pass 24"):
        log.add(entry("2026-11-19", "1"), entry("2026-11-20", "15"))
    assert log.entries() == before  # neither entry of the refused batch was stored
    assert log.remove_last() == entry("2026-11-18", "2", "group-supervision", "R. Okafor")
    assert log.entries() == before[1:]


def test_progress_counts_experience_and_supervision_against_the_requirements(log):
    log.add(
        entry("2026-11-16", "6"),
        entry("2026-11-17", "4.5", "other-practice"),
        entry("2026-11-17", "1", "individual-supervision", "R. Okafor"),
        entry("2026-11-18", "2", "group-supervision", "R. Okafor"),
    )
    need = licensure.requirements("lcsw", "TX")  # 3,000 hours and 100 of supervision
    experience, supervision = hours.progress(log.entries(), need)
    assert (experience.done, experience.remaining) == (10.5, 2989.5)
    assert (supervision.done, supervision.remaining, supervision.share) == (3, 97, 0.03)


def test_export_and_import_round_trip(log, tmp_path):
    log.add(
        entry("2026-11-16", "6", note='said "hello", left early'),
        entry("2026-11-17", "1", "individual-supervision", "R. Okafor"),
    )
    text = log.export_csv()
    assert text.splitlines()[0] == "date,hours,type,supervisor,note"
    other = hours.HoursLog(tmp_path / "other.sqlite")
    try:
        assert other.import_csv(text) == 2
        assert other.entries() == log.entries()
    finally:
        other.close()


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_line(log):
    log.add(entry("2026-11-20", "20"))
    text = (
        "date,hours,type,supervisor,note\n"
        "2026-11-16,6,direct-clinical,,\n"
        "2026-11-17,1,individual-supervision,,\n"  # line 3: no supervisor
        "2026-11-18,2,direct-clinical,,\n"
        "2026-11-20,5,direct-clinical,,\n"
    )  # line 5: the day would reach 25 hours
    with pytest.raises(ValidationError) as caught:
        log.import_csv(text)
    assert caught.value.message == (
        "Nothing was imported. Line 3: supervisor: Name the supervisor for supervision hours. "
        "Line 5: hours: 20 November 2026 would have 25 hours, more than 24 in one day."
    )
    assert [e.hours for e in log.entries()] == [20]
    with pytest.raises(ValidationError, match="Line 1 should be the header"):
        log.import_csv("day,hours\n2026-11-16,6\n")


def test_a_version_1_store_gains_the_hours_table_and_keeps_its_answers(tmp_path):
    path = tmp_path / "progress.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT INTO attempts (answered_at, item, choice, correct, seconds, mode) "
        "VALUES ('2026-01-01T00:00:00+00:00', 'item-1', 'a', 1, 5, 'practice')"
    )
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    book = hours.HoursLog(path)
    try:
        book.add(entry())
        assert len(book.entries()) == 1 and list(book.store.attempts()["item"]) == ["item-1"]
        assert book.store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        book.close()


def test_a_practice_log_is_a_store_of_its_own_and_goes_with_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv("MSWLAB_HOME", str(tmp_path))
    practice = hours.HoursLog.scratch()
    practice.add(hours.entry_from("2026-11-20", "6", "direct-clinical"))
    folder = practice.store.path.parent
    assert practice.practice and folder != tmp_path and len(practice.entries()) == 1
    real = hours.HoursLog()
    assert real.store.path.parent == tmp_path and real.entries() == []
    practice.close()
    del practice
    gc.collect()
    assert not folder.exists()
