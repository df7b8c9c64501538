"""This workstation's witness of the audit chain: the last head (id, hash) it saw committed.

Kept in the profile folder, outside the database, so that someone who rewrites or shortens
the chain in the database is caught by ``webdesk audit verify`` on any PC that saw the old
head.  Written after every commit that appended to the log; it only moves forward.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.paths import AppPaths

FILE_NAME = "audit-witness.json"
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Witness:
    where: str        # which witness: "this PC (name)" or "server NAME"
    audit_id: int
    audit_hash: str
    seen_at: str


def database_identity(database_url: str) -> str:
    """The database URL without its password."""
    if "@" in database_url and "://" in database_url:
        scheme, rest = database_url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return database_url


def _path(paths: AppPaths) -> Path:
    return paths.home / FILE_NAME


def _read(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(paths: AppPaths, database_url: str, head: tuple[int, str]) -> None:
    """Remember ``head`` for this database if it is newer than what was seen before."""
    key = database_identity(database_url)
    path = _path(paths)
    with _LOCK:
        data = _read(path)
        if _seen_id(data.get(key)) >= head[0]:
            return
        data[key] = {"id": head[0], "hash": head[1],
                     "at": datetime.now().isoformat(timespec="seconds")}
        tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.{threading.get_ident()}")
        try:
            descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                                 | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a witness that cannot be written is not fatal


def _seen_id(seen: object) -> int:
    """The row id a witness entry names; 0 for a damaged entry (it is then replaced)."""
    if not isinstance(seen, dict):
        return 0
    try:
        return int(str(seen.get("id", 0)))
    except ValueError:
        return 0


def this_pc(paths: AppPaths, database_url: str) -> Witness | None:
    seen = _read(_path(paths)).get(database_identity(database_url))
    if not isinstance(seen, dict):
        return None
    try:
        return Witness(f"this PC ({socket.gethostname()})", int(str(seen["id"])),
                       str(seen["hash"]), str(seen.get("at", "")))
    except (KeyError, ValueError):
        return None


def reset(paths: AppPaths, database_url: str) -> None:
    """Forget this PC's witness for a database (after an admin restored an older backup: the
    chain legitimately went back; the restore itself is audited)."""
    key = database_identity(database_url)
    path = _path(paths)
    with _LOCK:
        data = _read(path)
        if data.pop(key, None) is not None:
            path.write_text(json.dumps(data), encoding="utf-8")
