"""The grader's file handling: nothing it copies, writes or changes ever goes through a link.

A submission is student-made, and so is anything a kernel leaves in its working folder. A link
there could point at the instructor's source notebooks or gradebook; a FIFO would stall the
grader when read; a million files or a 20 GB file would fill the disk. So every entry is opened
relative to its own folder with ``O_NOFOLLOW`` (a link is refused, never followed), checked to be
a regular file or folder, and counted against limits. Writes and permission changes use the same
rule, on paths the grader created itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # NONBLOCK: a FIFO opens without waiting
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How much a submission may bring."""

    file_bytes: int = 50 * 1024 * 1024
    total_bytes: int = 200 * 1024 * 1024
    entries: int = 2000
    depth: int = 12


@dataclass
class Copy:
    """What a copy took and what it refused (``path (why)``)."""

    files: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    bytes: int = 0


def walk(source: Path | str, limits: Limits = Limits()) -> Iterator[tuple[str, str, int | None]]:
    """``(kind, path, fd)`` for what ``source`` holds, folders before their contents: ``("dir", path,
    None)``, ``("file", path, fd)`` with ``fd`` open for reading (the caller closes it), and
    ``("refused", "path (why)", None)`` for links, FIFOs, sockets, devices and whatever passes
    ``limits``. ``source`` itself must be a real folder, not a link."""
    fd = os.open(source, _DIR_FLAGS)
    try:
        yield from _walk(fd, "", 0, limits, _Count())
    finally:
        os.close(fd)


@dataclass
class _Count:
    entries: int = 0
    bytes: int = 0


def _walk(dir_fd: int, prefix: str, depth: int, limits: Limits, count: _Count):
    for entry in sorted(os.scandir(dir_fd), key=lambda e: e.name):
        rel = prefix + entry.name
        count.entries += 1
        if count.entries > limits.entries:
            yield "refused", f"{rel} and what follows (more than {limits.entries} entries)", None
            return
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            yield "refused", f"{rel} (a link; links are never followed)", None
        elif stat.S_ISDIR(info.st_mode):
            if depth + 1 > limits.depth:
                yield "refused", f"{rel}/ (folders nested more than {limits.depth} deep)", None
                continue
            try:
                child = os.open(entry.name, _DIR_FLAGS, dir_fd=dir_fd)
            except OSError as err:  # replaced by a link after the listing, say
                yield "refused", f"{rel}/ (cannot be opened: {err.strerror})", None
                continue
            try:
                yield "dir", rel, None
                yield from _walk(child, rel + "/", depth + 1, limits, count)
            finally:
                os.close(child)
        elif not stat.S_ISREG(info.st_mode):
            yield "refused", f"{rel} (not a regular file: {_kind(info.st_mode)})", None
        else:
            try:
                fd = os.open(entry.name, _READ_FLAGS, dir_fd=dir_fd)
            except OSError as err:
                yield "refused", f"{rel} (cannot be opened: {err.strerror})", None
                continue
            size = os.fstat(fd).st_size
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                yield "refused", f"{rel} (not a regular file)", None
            elif size > limits.file_bytes or count.bytes + size > limits.total_bytes:
                os.close(fd)
                yield "refused", f"{rel} ({size:,} bytes: over the grader's size limit)", None
            else:
                count.bytes += size
                yield "file", rel, fd


def copy_tree(source: Path | str, dest: Path | str, limits: Limits = Limits()) -> Copy:
    """Copy the regular files and folders of ``source`` into ``dest`` (which must not exist yet);
    what ``walk`` refuses is named in the result, never copied."""
    result = Copy()
    os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
    os.mkdir(dest, 0o755)
    dest_fd = os.open(dest, _DIR_FLAGS)
    try:
        for kind, rel, fd in walk(source, limits):
            if kind == "dir":
                os.mkdir(rel, 0o755, dir_fd=dest_fd)
            elif kind == "refused":
                result.refused.append(rel)
            else:
                assert fd is not None  # walk gives a file's descriptor with it
                try:
                    result.bytes += _copy_file(fd, dest_fd, rel, limits.file_bytes)
                    result.files.append(rel)
                except OSError as err:
                    result.refused.append(f"{rel} ({err.strerror or err})")
                finally:
                    os.close(fd)
    finally:
        os.close(dest_fd)
    return result


def _copy_file(fd: int, dest_fd: int, rel: str, most: int) -> int:
    out = os.open(rel, _NEW_FLAGS, 0o644, dir_fd=dest_fd)
    copied = 0
    try:
        while chunk := os.read(fd, CHUNK):
            copied += len(chunk)
            if copied > most:  # it grew while being copied
                raise OSError(0, "it grew past the size limit while it was copied")
            os.write(out, chunk)
    finally:
        os.close(out)
    return copied


def _kind(mode: int) -> str:
    return (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "an unusual file"
    )


def write_new(path: Path | str, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` through a fresh temporary name, then rename it into place: a link
    already at ``path`` is replaced, never written through."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    fd = os.open(tmp, _NEW_FLAGS, mode)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def chmod_tree(root: Path | str, file_mode: int) -> list[str]:
    """Set ``file_mode`` on every regular file under ``root`` without following links; returns
    the entries left alone because they were not regular files or folders."""
    skipped: list[str] = []
    fd = os.open(root, _DIR_FLAGS)
    try:
        _chmod_dir(fd, "", file_mode, skipped)
    finally:
        os.close(fd)
    return skipped


def _chmod_dir(dir_fd: int, prefix: str, file_mode: int, skipped: list[str]) -> None:
    for entry in os.scandir(dir_fd):
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            child = os.open(entry.name, _DIR_FLAGS, dir_fd=dir_fd)
            try:
                _chmod_dir(child, prefix + entry.name + "/", file_mode, skipped)
            finally:
                os.close(child)
        elif stat.S_ISREG(info.st_mode):
            fd = os.open(entry.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    os.fchmod(fd, file_mode)
            finally:
                os.close(fd)
        else:
            skipped.append(prefix + entry.name)


def fingerprint_entries(folder: Path | str) -> list[tuple[str, str, int, int]]:
    """(path, kind, size, mtime) of every entry under ``folder``, links included as links."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            kind = "link" if stat.S_ISLNK(info.st_mode) else "dir" if stat.S_ISDIR(info.st_mode) else "file"
            if kind != "dir":
                found.append((os.path.relpath(path, folder), kind, info.st_size, info.st_mtime_ns))
    return sorted(found)


def open_inside(root: Path | str, rel: str) -> int:
    """A descriptor for reading ``root/rel``, opened folder by folder without following a link.

    For a file found earlier by ``walk``: if anything on the way was swapped for a link or a
    non-regular file since, this raises OSError instead of reading through it."""
    parts = rel.split("/")
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in parts[:-1]:
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        found = os.open(parts[-1], _READ_FLAGS, dir_fd=fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(found).st_mode):
        os.close(found)
        raise OSError(0, f"{rel} is not a regular file")
    return found


def copy_into(fd: int, folder: Path | str, name: str, most: int = Limits.file_bytes) -> int:
    """Copy what ``fd`` reads into a new file ``folder/name`` (which must not exist yet); bytes copied."""
    dest_fd = os.open(folder, _DIR_FLAGS)
    try:
        return _copy_file(fd, dest_fd, name, most)
    finally:
        os.close(dest_fd)
