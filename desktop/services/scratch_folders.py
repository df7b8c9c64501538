"""Scratch folders of a running app (the page preview's copies of a request's files), named
after the process that made them so that a later start can remove those a killed or crashed
process left behind.

A folder is ``<temp>/webdesk-page-<pid>-<random>``, private to this user (``mkdtemp``).  The
process removes its own when the preview goes or at exit; :func:`remove_stale` — run once at
start, in the background — removes the others whose process no longer runs.  A folder of a
process that still runs (another WebDesk window of this user) is left alone, and so is
anything not named this way or not owned by this user.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from desktop.services import local_processes

PREFIX = "webdesk-page-"
_NAME = re.compile(rf"^{re.escape(PREFIX)}(\d+)-[A-Za-z0-9_]+$")


def make(parent: Path | None = None) -> Path:
    """A new, private scratch folder for this process."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))


def owner_pid(folder: Path) -> int | None:
    """The process id in ``folder``'s name; None if it is not a scratch folder's name."""
    match = _NAME.match(folder.name)
    return int(match.group(1)) if match else None


def remove_stale(parent: Path | None = None) -> list[Path]:
    """Remove this user's scratch folders in ``parent`` (the system temp folder by default)
    whose process has ended; returns those removed.  Never raises: a folder that cannot be
    looked at or removed now is tried again at the next start."""
    removed: list[Path] = []
    folder_root = Path(parent or tempfile.gettempdir())
    try:
        candidates = [p for p in folder_root.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    for folder in candidates:
        pid = owner_pid(folder)
        if pid is None or pid == os.getpid() or local_processes.running(pid):
            continue
        try:
            if not folder.is_dir() or folder.is_symlink() or not _mine(folder):
                continue
            shutil.rmtree(folder)
        except OSError:
            continue
        removed.append(folder)
    return removed



def _mine(folder: Path) -> bool:
    """Owned by this user (POSIX; on Windows the per-user temp folder is the user's own)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or folder.stat().st_uid == getuid()
