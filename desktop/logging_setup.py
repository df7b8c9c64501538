"""Logging to the profile's log folder; bugs are logged with their traceback."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from desktop.paths import AppPaths

LOG_NAME = "webdesk.log"
_configured: set[Path] = set()


def configure(paths: AppPaths) -> Path:
    return _log_to(paths.log_dir / LOG_NAME)


def _log_to(log_file: Path) -> Path:
    if log_file in _configured:
        return log_file
    import logging.handlers  # here: it imports socket, pickle and queue (app start-up time)

    log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=5_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("webdesk")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    _configured.add(log_file)
    return log_file


def _temporary_log() -> Path:
    user = getattr(os, "getuid", lambda: "user")()
    return Path(tempfile.gettempdir()) / f"webdesk-{user}" / LOG_NAME


def log_bug(paths: AppPaths, exc_info: tuple[type[BaseException], BaseException,
                                             TracebackType | None] | None = None) -> Path:
    """Write the current (or given) exception with its traceback to the profile log."""
    try:
        log_file = configure(paths)
    except OSError:       # the profile cannot hold a log (e.g. it is a file): the temp folder
        try:
            log_file = _log_to(_temporary_log())
        except OSError:
            log_file = Path("(stderr)")
    info = exc_info or sys.exc_info()
    text = "".join(traceback.format_exception(*info)) if info[0] else "(no exception)"
    logging.getLogger("webdesk.bug").error("unexpected error\n%s", text)
    if str(log_file) == "(stderr)":
        sys.stderr.write(text)
    return log_file
