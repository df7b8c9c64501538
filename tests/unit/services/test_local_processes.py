"""desktop.services.local_processes: whether a process of this PC still runs (the check
behind taking over a killed process's lock and removing its scratch folders)."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.services import local_processes


def test_a_running_process_runs_and_an_ended_one_does_not() -> None:
    assert local_processes.running(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    try:
        assert local_processes.running(child.pid)
    finally:
        child.communicate(b"")
    assert child.returncode == 0
    assert not local_processes.running(child.pid)       # ended and reaped


def test_numbers_no_process_can_have_are_not_running() -> None:
    for pid in (0, -1, -12345, 2**22 + 1, 2**40, 2**70):
        assert not local_processes.running(pid), pid


def test_the_check_sends_no_signal() -> None:
    """Asking about a process must not disturb it (signal 0 on POSIX: no signal sent)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read(); print('ok')"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for _ in range(50):
        assert local_processes.running(child.pid)
    out, _ = child.communicate(b"")
    assert (child.returncode, out.strip()) == (0, b"ok")
