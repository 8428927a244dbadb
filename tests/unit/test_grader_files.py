"""The grader's file handling never goes through a link (mswlab.grading.files)."""

from __future__ import annotations

import os
import stat

from mswlab.grading import files


def tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_copy_takes_regular_files_and_folders_and_names_what_it_refused(tmp_path):
    src = tmp_path / "src"
    (src / "notes").mkdir(parents=True)
    (src / "answers.ipynb").write_text("{}")
    (src / "notes" / "a.txt").write_text("notes")
    os.symlink("/etc/passwd", src / "passwd")
    os.symlink("/etc", src / "etc")
    os.mkfifo(src / "pipe")  # reading it would block the grader
    with open(src / "huge.csv", "wb") as f:
        f.truncate(2_000)
    copied = files.copy_tree(src, tmp_path / "dest", files.Limits(file_bytes=1_000))
    assert tree(tmp_path / "dest") == ["answers.ipynb", "notes", "notes/a.txt"]
    assert copied.files == ["answers.ipynb", "notes/a.txt"] and copied.bytes == 7
    assert copied.refused == [
        "etc (a link; links are never followed)",
        "huge.csv (2,000 bytes: over the grader's size limit)",
        "passwd (a link; links are never followed)",
        "pipe (not a regular file: a FIFO)",
    ]


def test_a_copy_stops_at_the_entry_and_depth_limits(tmp_path):
    src = tmp_path / "src"
    deep = src.joinpath(*"abcdef")
    deep.mkdir(parents=True)
    for i in range(5):
        (src / f"{i}.txt").write_text("x")
    copied = files.copy_tree(src, tmp_path / "dest", files.Limits(entries=4, depth=3))
    assert copied.files == ["0.txt", "1.txt", "2.txt", "3.txt"]
    assert copied.refused == ["4.txt and what follows (more than 4 entries)"]
    copied = files.copy_tree(src / "a", tmp_path / "dest2", files.Limits(depth=3))
    assert copied.refused == ["b/c/d/e/ (folders nested more than 3 deep)"]


def test_writing_replaces_a_link_instead_of_writing_through_it(tmp_path):
    precious = tmp_path / "gradebook.db"
    precious.write_text("grades")
    os.symlink(precious, tmp_path / "summary.json")
    files.write_new(tmp_path / "summary.json", b"{}")
    assert precious.read_text() == "grades"
    assert not (tmp_path / "summary.json").is_symlink() and (tmp_path / "summary.json").read_text() == "{}"


def test_permissions_are_set_on_files_but_never_through_links(tmp_path):
    precious = tmp_path / "gradebook.db"
    precious.write_text("grades")
    precious.chmod(0o640)
    folder = tmp_path / "autograded"
    folder.mkdir()
    (folder / "nb.ipynb").write_text("{}")
    os.symlink(precious, folder / "gradebook.db")
    assert files.chmod_tree(folder, 0o444) == ["gradebook.db"]
    assert stat.S_IMODE(precious.stat().st_mode) == 0o640
    assert stat.S_IMODE((folder / "nb.ipynb").stat().st_mode) == 0o444


def test_a_fingerprint_sees_links_without_following_them(tmp_path):
    (tmp_path / "a.ipynb").write_text("{}")
    os.symlink("/nowhere", tmp_path / "link")
    kinds = {path: kind for path, kind, _, _ in files.fingerprint_entries(tmp_path)}
    assert kinds == {"a.ipynb": "file", "link": "link"}
