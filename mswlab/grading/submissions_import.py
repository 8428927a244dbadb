"""``mswlab course import-submissions``: an LMS download becomes nbgrader submissions, for a class without a hub.

Without a hub there is no ``nbgrader collect``: students hand in through the LMS, and its download
is either one file per student, named by the LMS (Canvas: ``nguyenthi_12345_67890_<file>``, the
sortable name, user id and attachment id; ``_LATE_`` after the name when late), or one folder per
student (Moodle: ``Thi Nguyen_12345_assignsubmission_file_``; or a folder named by the instructor).
Each student's notebook (renamed to the assignment's notebook, as nbgrader expects) and any
``form_answers.json`` beside it go to ``submitted/<student>/<assignment>/`` with the ``timestamp.txt``
that nbgrader's collect would write: the notebook's file time, or ``--deadline``. Nothing else is
copied. A roster (``mswlab/grading/roster.py``: ours, or Canvas's gradebook export as it comes) maps
LMS ids and names to nbgrader ids; in Canvas's export, a student's nbgrader id is their SIS Login ID
(or SIS User ID), as the Canvas exporter matches them. Files are read without following links; a
zip is unpacked by ``safe_zip`` first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mswlab.errors import ValidationError
from mswlab.grading import files, safe_zip
from mswlab.grading.course_config import course_directory
from mswlab.grading.roster import RosterEntry, read_roster

FORM_FILE = "form_answers.json"
# What an LMS download can hold: larger than one submission's limits (files.Limits), still bounded.
DOWNLOAD_LIMITS = files.Limits(total_bytes=4 * 1024**3, entries=50_000, depth=6)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's Exchange.timestamp_format, in UTC
CANVAS_FILE = re.compile(r"(?P<name>[^_/]+?)(?:_late)?_(?P<user>\d+)_(?P<attachment>\d+)_(?P<file>.+)", re.IGNORECASE)
MOODLE_FOLDER = re.compile(r"(?P<name>.+?)_(?P<user>\d+)_assignsubmission_\w*")
NBGRADER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]*")
COPY_SUFFIX = re.compile(r"(?:-\d+| \(\d+\))(?=\.[^.]+$)")  # "-1" (Canvas) or " (1)" (browsers) before the extension
JUNK = ("__MACOSX", ".ipynb_checkpoints")


@dataclass(eq=False)  # one per student found, told apart by identity
class Found:
    """One student's files in the download, and what the LMS calls them."""

    source: str  # as shown in the table: the folder, or the LMS name and id
    names: tuple[str, ...]  # names to look up in the roster
    ids: tuple[str, ...]  # LMS ids (Canvas user id, Moodle participant id, or the folder's name)
    files: dict[str, str] = field(default_factory=dict)  # path in the download -> the student's own file name


@dataclass(frozen=True)
class Row:
    source: str
    student: str
    status: str  # imported, replaced, unchanged, skipped
    detail: str = ""


# ---------------------------------------------------------------- finding whose files are whose


def _ignored(rel: str) -> bool:
    """Files the student did not hand in: a Mac's zip folder, notebook checkpoints, hidden files."""
    return any(part in JUNK or (part.startswith(".") and part != "..") for part in rel.split("/"))


def refused_row(entry: str) -> Row:
    """A row for an entry refused as ``path (why)`` (by ``files.walk`` or ``safe_zip.unpack``)."""
    parts = re.fullmatch(r"(.*) \((.*)\)", entry, re.DOTALL)
    return Row(parts[1], "-", "skipped", parts[2]) if parts else Row(entry, "-", "skipped", "refused")


def discover(root: Path) -> tuple[list[Found], list[Row]]:
    """Each student's files under ``root``, and a row for each entry that is refused or belongs to no one."""
    found: dict[tuple[str, str], Found] = {}
    rows: list[Row] = []
    for kind, rel, fd in files.walk(root, DOWNLOAD_LIMITS):
        if fd is not None:
            os.close(fd)
        row = refused_row(rel) if kind == "refused" else None
        if _ignored(row.source if row else rel):
            continue
        if row:
            rows.append(row)
        elif kind == "file" and "/" not in rel:
            canvas = CANVAS_FILE.fullmatch(rel)
            if canvas is None:
                rows.append(
                    Row(
                        rel,
                        "-",
                        "skipped",
                        "cannot tell whose file this is: keep the LMS's file names "
                        "(name_userid_..._file) or put each student's files in a folder of their own",
                    )
                )
                continue
            key = ("file", canvas["user"])
            entry = found.setdefault(
                key, Found(f"{canvas['name']} ({canvas['user']})", (canvas["name"],), (canvas["user"],))
            )
            entry.files[rel] = canvas["file"]
        elif kind == "file":
            folder = rel.split("/")[0]
            moodle = MOODLE_FOLDER.fullmatch(folder)
            names, ids = ((moodle["name"],), (moodle["user"],)) if moodle else ((folder,), (folder,))
            entry = found.setdefault(("folder", folder), Found(folder + "/", names, ids))
            entry.files[rel] = rel.rsplit("/", 1)[-1]
    return list(found.values()), rows


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _name_keys(name: str) -> set[str]:
    """A roster name as LMS file names may give it: 'Nguyen, Thi' and 'Thi Nguyen' both match 'nguyenthi'."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return {"".join(words), "".join(words[1:] + words[:1]), "".join(words[-1:] + words[:-1])} - {""}


def nbgrader_id(entry: RosterEntry) -> str:
    """The id a roster line gives: our roster's nbgrader_id; in Canvas's export, the login the exporter matches."""
    return entry.nbgrader_id or entry.sis_login_id or entry.sis_user_id


def match(found: Found, roster: list[RosterEntry]) -> tuple[str | None, str]:
    """The nbgrader id for ``found`` from the roster: by LMS id first, then by name; or None and why not."""
    hits = [
        e
        for e in roster
        if any(
            i in (e.canvas_id, e.sis_user_id)
            or i.casefold() in {e.sis_login_id.casefold(), e.nbgrader_id.casefold()} - {""}
            for i in found.ids
        )
    ]
    if not hits:
        wanted = {_plain(n) for n in found.names} - {""}
        hits = [
            e for e in roster if wanted & (_name_keys(e.name) | {_plain(e.nbgrader_id), _plain(e.sis_login_id)} - {""})
        ]
    if len(hits) == 1:
        student = nbgrader_id(hits[0])
        return (student, "") if student else (None, f"roster line {hits[0].line} has no SIS Login ID or SIS User ID")
    if hits:
        lines = ", ".join(str(e.line) for e in hits)
        return None, f"matches {len(hits)} roster lines ({lines}); fix the roster"
    return None, "not on the roster (add a line with their nbgrader id and LMS id)"


def own_id(found: Found) -> str | None:
    """Without a roster: the folder's name or the LMS name, if it can be an nbgrader id as it is or made plain."""
    for candidate in (found.ids[0] if not found.ids[0].isdigit() else found.names[0], _plain(found.names[0])):
        if NBGRADER_ID.fullmatch(candidate):
            return candidate
    return None


# ---------------------------------------------------------------- choosing and copying the files


def choose(found: Found, notebooks: list[str]) -> tuple[dict[str, str], str]:
    """Which file becomes which notebook of the assignment (plus the forms' file); or {} and why."""

    def plain_name(original: str) -> str:
        return COPY_SUFFIX.sub("", original)

    candidates = {rel: plain_name(name) for rel, name in found.files.items() if name.lower().endswith(".ipynb")}
    if not candidates:
        shown = ", ".join(sorted(found.files.values())[:4])
        return {}, f"no notebook (.ipynb) among its files ({shown})"
    chosen: dict[str, str] = {}
    for notebook in notebooks:
        named = [rel for rel, name in candidates.items() if name == notebook]
        if len(named) == 1:
            chosen[named[0]] = notebook
        elif len(notebooks) == 1 and len(candidates) == 1:
            chosen[next(iter(candidates))] = notebook
    if not chosen:
        shown = ", ".join(sorted(candidates))
        return {}, f"cannot tell which notebook to grade ({shown}); expected {', '.join(notebooks)}"
    folders = {rel.rsplit("/", 1)[0] if "/" in rel else "" for rel in chosen}
    forms = [
        rel
        for rel, name in found.files.items()
        if plain_name(name) == FORM_FILE and (rel.rsplit("/", 1)[0] if "/" in rel else "") in folders
    ]
    if len(forms) == 1:
        chosen[forms[0]] = FORM_FILE
    return chosen, ""


def timestamp(when: dt.datetime) -> str:
    """``when`` as nbgrader writes a submission's time (``2025-03-01 23:59:00.000000 UTC``)."""
    return when.astimezone(dt.UTC).strftime(TIMESTAMP_FORMAT)


def _file_time(fd: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=os.fstat(fd).st_mtime_ns // 1000)


def stage(root: Path, chosen: dict[str, str], dest: Path, deadline: dt.datetime | None) -> None:
    """Copy ``chosen`` into the new folder ``dest`` with its timestamp.txt."""
    dest.mkdir(mode=0o755)
    latest = None
    for rel, name in chosen.items():
        fd = files.open_inside(root, rel)
        try:
            files.copy_into(fd, dest, name)
            if name != FORM_FILE:
                latest = max(latest or _file_time(fd), _file_time(fd))
        finally:
            os.close(fd)
    when = deadline or latest
    assert when is not None  # choose() always picks a notebook
    files.write_new(dest / "timestamp.txt", timestamp(when).encode())


def _same(new: Path, old: Path) -> bool:
    return all((old / p.name).is_file() and (old / p.name).read_bytes() == p.read_bytes() for p in new.iterdir())


def place(staged: Path, dest: Path, force: bool) -> tuple[str, str]:
    """Move the staged submission to ``dest``: (status, detail)."""
    if dest.is_dir() and not dest.is_symlink():
        if _same(staged, dest):
            shutil.rmtree(staged)
            return "unchanged", "already imported"
        if not force:
            shutil.rmtree(staged)
            return "skipped", "a different submission is already in submitted/; --force replaces it"
        old = dest.with_name(f".{dest.name}.replaced-{os.getpid()}")
        os.rename(dest, old)
        os.rename(staged, dest)
        shutil.rmtree(old)
        return "replaced", "the earlier import was replaced"
    if dest.is_symlink() or dest.exists():
        shutil.rmtree(staged)
        return "skipped", f"{dest} exists and is not a folder"
    os.rename(staged, dest)
    return "imported", ""


# ---------------------------------------------------------------- the command


def parse_deadline(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a date and time; write it like 2025-03-01T23:59 or 2025-03-01T23:59-05:00",
            field="--deadline",
        ) from None
    return when if when.tzinfo else when.astimezone()  # no time zone given: this machine's


def import_submissions(
    assignment: str,
    source: Path,
    course: Path,
    roster: list[RosterEntry] | None,
    deadline: dt.datetime | None,
    force: bool = False,
) -> list[Row]:
    coursedir = course_directory(course)
    notebooks = _notebooks(coursedir, assignment)
    if not source.exists():
        raise ValidationError("not found; give the LMS download (a zip file or a folder)", file=str(source))
    source = source.resolve()  # the instructor's own path; links inside the download are never followed
    with tempfile.TemporaryDirectory(prefix="mswlab-import-") as unpacked:
        rows: list[Row] = []
        if source.is_dir():
            root = source
        elif zipfile_like(source):
            root = Path(unpacked)
            rows += [refused_row(entry) for entry in safe_zip.unpack(source, root, DOWNLOAD_LIMITS)]
        else:
            raise ValidationError("is neither a folder nor a zip file", file=str(source))
        students, unclaimed = discover(root)
        rows += unclaimed
        rows += _import_all(students, root, coursedir, assignment, notebooks, roster, deadline, force)
    return rows


def zipfile_like(path: Path) -> bool:
    import zipfile

    return path.is_file() and zipfile.is_zipfile(path)


def _notebooks(coursedir, assignment: str) -> list[str]:
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    notebooks = sorted(p.name for p in source.glob("*.ipynb")) if source.is_dir() else []
    if not notebooks:
        where = Path(coursedir.format_path(coursedir.source_directory, ".", "."))
        known = sorted(p.name for p in where.iterdir() if p.is_dir()) if where.is_dir() else []
        raise ValidationError(
            f"assignment '{assignment}' has no notebook in {source} (assignments here: {', '.join(known) or 'none'})"
        )
    return notebooks


def _import_all(students, root, coursedir, assignment, notebooks, roster, deadline, force) -> list[Row]:
    rows: list[Row] = []
    ids: dict[Found, tuple[str | None, str]] = {}  # Found hashes by identity
    for found in students:
        ids[found] = match(found, roster) if roster is not None else (own_id(found), "no usable id; give --roster")
    claimed: dict[str, list[Found]] = {}
    for found, (student, _) in ids.items():
        if student:
            claimed.setdefault(student, []).append(found)
    for found in sorted(students, key=lambda f: f.source.casefold()):
        student, why = ids[found]
        if student is None:
            rows.append(Row(found.source, "-", "skipped", why))
            continue
        if len(claimed[student]) > 1:
            others = ", ".join(f.source for f in claimed[student] if f is not found)
            rows.append(Row(found.source, student, "skipped", f"{others} also maps to {student}; fix the roster"))
            continue
        chosen, why = choose(found, notebooks)
        if not chosen:
            rows.append(Row(found.source, student, "skipped", why))
            continue
        dest = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        dest.parent.mkdir(parents=True, exist_ok=True)
        staged = dest.with_name(f".{dest.name}.importing-{os.getpid()}")
        shutil.rmtree(staged, ignore_errors=True)
        try:
            stage(root, chosen, staged, deadline)
        except OSError as err:
            shutil.rmtree(staged, ignore_errors=True)
            rows.append(Row(found.source, student, "skipped", f"cannot be copied ({err.strerror or err})"))
            continue
        status, detail = place(staged, dest, force)
        rows.append(Row(found.source, student, status, detail or ", ".join(sorted(set(chosen.values())))))
    return rows


def table(rows: list[Row]) -> str:
    header = Row("from the download", "student", "status", "details")
    widths = [min(40, max(len(getattr(r, f)) for r in [header, *rows])) for f in ("source", "student", "status")]
    return "\n".join(
        f"{r.source:<{widths[0]}}  {r.student:<{widths[1]}}  {r.status:<{widths[2]}}  {r.detail}"
        for r in [header, *rows]
    )


def main(args: argparse.Namespace) -> int:
    course = Path(args.course_dir or os.getcwd()).resolve()
    deadline = parse_deadline(args.deadline)
    roster = None
    if args.roster:
        if not Path(args.roster).is_file():
            raise ValidationError("not found; give the roster CSV with --roster", file=args.roster)
        roster = list(read_roster(Path(args.roster)).entries)
    rows = import_submissions(args.assignment, Path(args.source), course, roster, deadline, args.force)
    print(table(rows))
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("imported", "replaced", "unchanged", "skipped")}
    print("\n" + ", ".join(f"{n} {s}" for s, n in counts.items() if n or s in ("imported", "skipped")) + ".")
    if counts["imported"] or counts["replaced"]:
        print(f"Next: mswlab course autograde {args.assignment}")
    return 0
