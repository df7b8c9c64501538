"""What a test run creates on the machine (system users, folders, processes), so that the end
of the session can check that all of it is gone (tests/conftest.py fails the run otherwise).

Helpers that make such things call :func:`track_user`, :func:`track_path` or
:func:`track_process` when they make them; :func:`remaining` lists what still exists.
Several runs may share the machine: each run tracks (and removes) only its own things.
"""

from __future__ import annotations

import os
import pwd
import threading
from dataclasses import dataclass
from pathlib import Path

_lock = threading.Lock()
_users: dict[str, int] = {}      # name -> uid
_paths: set[Path] = set()
_processes: dict[int, str] = {}      # pid -> start time (from /proc), so a reused pid is not us


@dataclass(frozen=True)
class Leftover:
    kind: str          # "user", "folder" or "process"
    name: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


def track_user(name: str, uid: int) -> None:
    with _lock:
        _users[name] = uid


def track_path(path: Path) -> None:
    with _lock:
        _paths.add(Path(path))


def track_process(pid: int) -> None:
    start = process_start_time(pid)
    if start is not None:
        with _lock:
            _processes[pid] = start


def process_start_time(pid: int) -> str | None:
    """Field 22 of /proc/PID/stat (None: no such process, or a zombie already reaped)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    if fields[0] == "Z":
        return None               # exited; only the parent's wait is missing
    return fields[19]


def processes_of_user(uid: int) -> list[int]:
    """Live processes running as ``uid`` (e.g. a test user's sshd session or subsystem)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("Uid:"):
                if int(line.split()[1]) == uid and process_start_time(int(entry)) is not None:
                    found.append(int(entry))
                break
    return found


def remaining() -> list[Leftover]:
    """Everything tracked by this run that still exists."""
    with _lock:
        users, paths, processes = dict(_users), set(_paths), dict(_processes)
    left: list[Leftover] = []
    for name, uid in sorted(users.items()):
        try:
            pwd.getpwnam(name)
            left.append(Leftover("user", name))
        except KeyError:
            pass
        if _owner_of(uid) not in (None, name):
            continue           # the uid went to another run's new user: its processes
        left.extend(Leftover("process", f"{pid} (uid {uid}, {name}: {_command(pid)})")
                    for pid in processes_of_user(uid))
    left.extend(Leftover("folder", str(path)) for path in sorted(paths) if path.exists())
    for pid, start in sorted(processes.items()):
        if process_start_time(pid) == start:
            left.append(Leftover("process", f"{pid} ({_command(pid)})"))
    return left


def _command(pid: int) -> str:
    """The process's command line; its program name when the kernel gives no command line
    (a CI run once read an empty /proc/PID/cmdline of a live ``sleep 600``)."""
    try:
        line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        return line or Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def _owner_of(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None
