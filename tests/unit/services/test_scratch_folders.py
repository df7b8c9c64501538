"""desktop.services.scratch_folders: the page preview's scratch folders carry their process's
number, and a start removes those of processes that ended — nothing else."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from desktop.services import scratch_folders


def _ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _folder(parent: Path, name: str, content: bool = True) -> Path:
    folder = parent / name
    (folder / "page" / "files").mkdir(parents=True)
    if content:
        (folder / "page" / "index.html").write_text("<p>ประกาศ</p>", encoding="utf-8")
        (folder / "page" / "files" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    return folder


def test_a_scratch_folder_is_private_and_named_after_this_process(tmp_path: Path) -> None:
    folder = scratch_folders.make(tmp_path)
    assert folder.parent == tmp_path and folder.is_dir()
    assert scratch_folders.owner_pid(folder) == os.getpid()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert scratch_folders.make(tmp_path) != folder                # each one its own
    assert scratch_folders.owner_pid(Path("/tmp/webdesk-page-abc")) is None
    assert scratch_folders.owner_pid(Path("/tmp/other-12-x")) is None


def test_a_start_removes_what_ended_processes_left_and_nothing_else(tmp_path: Path) -> None:
    dead = _ended_pid()
    stale = [_folder(tmp_path, f"webdesk-page-{dead}-a1b2c3"),
             _folder(tmp_path, f"webdesk-page-{dead}-zz_9", content=False)]
    (stale[0] / "page" / "files").chmod(0o500)            # read-only inside: still removed
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                            stdin=subprocess.PIPE)
    try:
        kept = [scratch_folders.make(tmp_path),                          # this process's
                _folder(tmp_path, f"webdesk-page-{live.pid}-q7"),        # a running one's
                _folder(tmp_path, "webdesk-page-notanumber-q7"),         # not our name
                _folder(tmp_path, f"webdesk-pages-{dead}-q7"),
                _folder(tmp_path, f"other-{dead}-q7")]
        target = _folder(tmp_path, "elsewhere")
        link = tmp_path / f"webdesk-page-{dead}-link"
        link.symlink_to(target)                                   # a link: never followed
        plain_file = tmp_path / f"webdesk-page-{dead}-file"
        plain_file.write_text("x")
        removed = scratch_folders.remove_stale(tmp_path)
    finally:
        live.communicate(b"")
    assert sorted(removed) == sorted(stale)
    assert not any(folder.exists() for folder in stale)
    assert all(folder.is_dir() for folder in kept)
    assert link.is_symlink() and (target / "page" / "index.html").is_file()
    assert plain_file.read_text() == "x"
    assert scratch_folders.remove_stale(tmp_path) == [kept[1]]    # the running one ended
    assert scratch_folders.remove_stale(tmp_path) == []


def test_another_users_folder_is_left_alone(tmp_path: Path) -> None:
    dead = _ended_pid()
    theirs = _folder(tmp_path, f"webdesk-page-{dead}-them")
    if os.getuid() != 0:
        assert scratch_folders.remove_stale(tmp_path) == []  # (chown needs root) theirs ==
        return                                               # ours here: nothing to prove
    os.chown(theirs, 65534, 65534)
    assert scratch_folders.remove_stale(tmp_path) == []
    assert (theirs / "page" / "index.html").is_file()


def test_a_missing_or_unreadable_temp_folder_is_no_error(tmp_path: Path) -> None:
    assert scratch_folders.remove_stale(tmp_path / "missing") == []
    (tmp_path / "a-file").write_text("x")
    assert scratch_folders.remove_stale(tmp_path / "a-file") == []
