"""The roster: who each nbgrader student is in Canvas, read from the file the instructor has.

Two forms are accepted, told apart by their header, so that an instructor can save Canvas's
gradebook export (Grades > Export > Export Entire Gradebook) as the roster without editing it:

- Canvas's export, as Canvas writes it (instructure/canvas-lms, ``lib/gradebook_exporter.rb``):
  a header ``Student,ID,SIS User ID,SIS Login ID,Section,<assignments...>`` (``LastName,FirstName``
  in place of ``Student`` when a course shows split names; ``SIS User ID`` only for users allowed
  to see SIS data; optional ``Integration ID`` and ``Root Account``), commas or, by a user
  setting, semicolons, then a ``    Points Possible`` row, sometimes a "Manual Posting" row, one
  row per student and the Test Student ("Student, Test"). It has no nbgrader ids, so a gradebook
  student is found by SIS Login ID or SIS User ID, ignoring case: on a hub, logins are usually
  the school's.
- Our own form, ``nbgrader_id,name,canvas_id,sis_user_id,sis_login_id,section``, for a class
  whose nbgrader ids are neither of those.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from mswlab.errors import ValidationError

ROSTER_COLUMNS = ("nbgrader_id", "name", "canvas_id", "sis_user_id", "sis_login_id", "section")
# Canvas's export column for each RosterEntry field (name comes from Student, or LastName, FirstName).
CANVAS_COLUMNS = {"canvas_id": "ID", "sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID", "section": "Section"}
CANVAS_HEADER = "Student,ID,SIS User ID,SIS Login ID,Section"
TEST_STUDENT = "Student, Test"  # the sortable name of Canvas's Student View user


@dataclass(frozen=True)
class RosterEntry:
    """One student as Canvas knows them; ``nbgrader_id`` is empty until a gradebook student matches."""

    nbgrader_id: str
    name: str
    canvas_id: str
    sis_user_id: str
    sis_login_id: str
    section: str
    line: int = 0  # where in the file, for messages

    def identity(self) -> list[str]:
        return [self.name, self.canvas_id, self.sis_user_id, self.sis_login_id, self.section]


@dataclass(frozen=True)
class Roster:
    """The entries of one roster file, and whether it is Canvas's export (matched by login) or ours (by id)."""

    file: str
    entries: tuple[RosterEntry, ...]
    from_canvas: bool
    columns: tuple[str, ...] = ()  # the header, whose assignment titles column_names should copy

    def matched(self, student_ids: Iterable[str]) -> tuple[list[RosterEntry], list[str]]:
        """Every entry, with the gradebook student it belongs to filled in, and the ids no entry matched."""
        ids = sorted(set(student_ids))
        if not self.from_canvas:
            ours = {e.nbgrader_id for e in self.entries}
            return list(self.entries), [s for s in ids if s not in ours]
        by_key: dict[str, list[RosterEntry]] = {}
        for entry in self.entries:
            for key in {entry.sis_login_id.casefold(), entry.sis_user_id.casefold()} - {""}:
                by_key.setdefault(key, []).append(entry)
        owner: dict[int, str] = {}
        unmatched = []
        for sid in ids:
            hits = by_key.get(sid.casefold(), [])
            if not hits:
                unmatched.append(sid)
                continue
            if len(hits) > 1:
                lines = " and ".join(str(e.line) for e in sorted(hits, key=lambda e: e.line))
                raise ValidationError(
                    f"student '{sid}' matches lines {lines} (by SIS Login ID or SIS User ID), so their grade "
                    "could go to the wrong person; correct the roster",
                    file=self.file,
                )
            line = hits[0].line
            if line in owner:
                raise ValidationError(
                    f"line {line}: matches two students in the gradebook, '{owner[line]}' and '{sid}' "
                    "(by SIS Login ID or SIS User ID, ignoring case); merge or rename one of them in nbgrader",
                    file=self.file,
                )
            owner[line] = sid
        return [replace(e, nbgrader_id=owner.get(e.line, "")) for e in self.entries], unmatched


def read_roster(path: Path) -> Roster:
    """Read either form of roster; a problem names the file, the line and the field."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: Excel and Canvas may write a byte-order mark
    except FileNotFoundError:
        raise ValidationError(
            "roster not found. Save Canvas's gradebook export (Grades > Export > Export Entire Gradebook) "
            f"there, or write it with the header {','.join(ROSTER_COLUMNS)} and one line per student, "
            "or point to it with --CanvasExporter.roster=FILE",
            file=shown,
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(f"cannot be read as UTF-8 text ({err})", file=shown) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Canvas's semicolon setting
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
        if "nbgrader_id" in header or not ({"ID", "SIS Login ID"} <= set(header)):
            missing = [c for c in ROSTER_COLUMNS if c not in header]
            if missing:
                raise ValidationError(
                    f"line 1: the header lacks column(s) {', '.join(missing)}; it should be Canvas's gradebook "
                    f"export as Canvas writes it ({CANVAS_HEADER},...) or {','.join(ROSTER_COLUMNS)}",
                    file=shown,
                )
            entries = [e for e in _rows(reader, shown, _ours) if e is not None]
            _no_duplicate_ids(entries, shown)
            return Roster(shown, tuple(entries), from_canvas=False)
        if "Student" not in header and not {"LastName", "FirstName"} <= set(header):
            raise ValidationError(
                f"line 1: the header has ID and SIS Login ID but no Student column; it should be {CANVAS_HEADER},...",
                file=shown,
            )
        entries = [e for e in _rows(reader, shown, _canvas) if e is not None]
        return Roster(shown, tuple(entries), from_canvas=True, columns=tuple(header))
    except csv.Error as err:
        raise ValidationError(f"line {reader.line_num}: not valid CSV ({err})", file=shown) from None


def _rows(reader: csv.DictReader, shown: str, parse) -> Iterable[RosterEntry | None]:
    for row in reader:
        if None in row:
            raise ValidationError(f"line {reader.line_num}: has more fields than the header", file=shown)
        yield parse({k: (v or "").strip() for k, v in row.items()}, reader.line_num, shown)


def _ours(row: dict[str, str], line: int, shown: str) -> RosterEntry | None:
    values = {c: row[c] for c in ROSTER_COLUMNS}
    if not any(values.values()):
        return None  # a blank line
    for required in ("nbgrader_id", "name"):
        if not values[required]:
            raise ValidationError(f"line {line}: field '{required}' is empty", file=shown)
    _check_ids(values, line, shown, {c: c for c in CANVAS_COLUMNS})
    return RosterEntry(**values, line=line)


def _canvas(row: dict[str, str], line: int, shown: str) -> RosterEntry | None:
    if "Student" in row:
        name = row["Student"]
    else:
        name = ", ".join(p for p in (row["LastName"], row["FirstName"]) if p)
    if name == "Points Possible" or name == TEST_STUDENT:
        return None
    values = {field: row.get(column, "") for field, column in CANVAS_COLUMNS.items()}
    if not (name or values["canvas_id"] or values["sis_user_id"] or values["sis_login_id"]):
        return None  # a blank line, or the "Manual Posting" row Canvas writes above Points Possible
    if not name:
        raise ValidationError(f"line {line}: field 'Student' is empty", file=shown)
    _check_ids(values, line, shown, CANVAS_COLUMNS)
    return RosterEntry(nbgrader_id="", name=name, line=line, **values)


def _check_ids(values: dict[str, str], line: int, shown: str, label: dict[str, str]) -> None:
    if not (values["canvas_id"] or values["sis_user_id"] or values["sis_login_id"]):
        raise ValidationError(
            f"line {line}: give at least one of {label['canvas_id']}, {label['sis_user_id']}, "
            f"{label['sis_login_id']}, so that Canvas can find the student",
            file=shown,
        )
    if values["canvas_id"] and not values["canvas_id"].isdigit():
        raise ValidationError(
            f"line {line}: field '{label['canvas_id']}' is '{values['canvas_id']}'; Canvas user IDs are whole numbers",
            file=shown,
        )


def _no_duplicate_ids(entries: list[RosterEntry], shown: str) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.nbgrader_id in seen:
            raise ValidationError(
                f"line {entry.line}: field 'nbgrader_id': '{entry.nbgrader_id}' is already on line "
                f"{seen[entry.nbgrader_id]}",
                file=shown,
            )
        seen[entry.nbgrader_id] = entry.line
