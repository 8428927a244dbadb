"""Unpack an LMS download (a zip of students' files) without letting an entry escape or overwhelm.

A zip names its entries freely: ``/etc/passwd``, ``../../gradebook.db``, ``C:\\x``, a link, or a
small entry that inflates to gigabytes. Such an entry is refused and named, never written. The rest
is written, folder by folder, into a new folder made for it, with no link ever created there, so
nothing written can land outside it. Each file keeps the time the zip gives it (zip times carry no
time zone; they are read as this machine's local time).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from mswlab.errors import ValidationError
from mswlab.grading.files import CHUNK, Limits

_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW


def unsafe_name(name: str) -> str:
    """Why an entry's name may not be unpacked ('' when it may)."""
    if "\0" in name:
        return "a NUL character in its name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "'..' in its path"
    return ""


def unpack(archive: Path, dest: Path, limits: Limits) -> list[str]:
    """Unpack ``archive`` into ``dest`` (an empty folder); returns what was refused, as ``name (why)``."""
    refused: list[str] = []
    total = 0
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as err:
        raise ValidationError(f"cannot be read as a zip file ({err})", file=str(archive)) from None
    with zf:
        entries = zf.infolist()
        if len(entries) > limits.entries:
            raise ValidationError(
                f"holds {len(entries):,} entries; at most {limits.entries:,} are unpacked", file=str(archive)
            )
        for info in entries:
            why = unsafe_name(info.filename) or _unsafe_kind(info)
            if not why and info.file_size > limits.file_bytes:
                why = f"{info.file_size:,} bytes: over the size limit"
            if not why and total + info.file_size > limits.total_bytes:
                why = f"the zip unpacks to more than {limits.total_bytes:,} bytes"
            if why:
                refused.append(f"{info.filename} ({why})")
                continue
            rel = PurePosixPath(info.filename.replace("\\", "/"))
            parts = [p for p in rel.parts if p not in ("", ".")]
            if not parts:
                continue
            try:
                if info.is_dir():
                    _make_dirs(dest, parts)
                else:
                    total += _write(zf, info, dest, parts, limits.file_bytes)
            except FileExistsError:
                refused.append(f"{info.filename} (it appears twice in the zip; the first was kept)")
            except (OSError, RuntimeError, zipfile.BadZipFile) as err:  # RuntimeError: encrypted
                refused.append(f"{info.filename} (cannot be unpacked: {getattr(err, 'strerror', None) or err})")
    return refused


def _unsafe_kind(info: zipfile.ZipInfo) -> str:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a link; links are never unpacked"
    if mode and stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file"
    return ""


def _make_dirs(dest: Path, parts: list[str]) -> int:
    """The folder ``dest/parts...`` (made where missing), opened without following a link."""
    fd = os.open(dest, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    for part in parts:
        try:
            os.mkdir(part, 0o700, dir_fd=fd)
        except FileExistsError:
            pass
        try:
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        finally:
            os.close(fd)
        fd = child
    return fd


def _write(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, parts: list[str], most: int) -> int:
    folder = _make_dirs(dest, parts[:-1])
    written = 0
    try:
        out = os.open(parts[-1], _NEW_FLAGS, 0o600, dir_fd=folder)
        try:
            with zf.open(info) as src:
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    if written > most:  # the header understated it
                        raise OSError(0, "it inflates past the size limit")
                    os.write(out, chunk)
            try:
                when = dt.datetime(*info.date_time).timestamp()  # naive: local time
            except ValueError:  # a zip tool wrote no valid time; the file keeps the time of unpacking
                pass
            else:
                os.utime(out, (when, when))
        except BaseException:
            os.close(out)
            os.unlink(parts[-1], dir_fd=folder)
            raise
        os.close(out)
    finally:
        os.close(folder)
    return written
