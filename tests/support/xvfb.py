"""Xvfb on a free display number, for screenshot scripts and tests that need a real X server.

    with xvfb_display() as display:
        subprocess.run([...], env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support import leftovers

X11_SOCKET_DIR = Path("/tmp/.X11-unix")
FIRST_DISPLAY = 99
LAST_DISPLAY = 199


class XvfbStartError(RuntimeError):
    """Xvfb is missing or did not come up; the message holds what it printed."""


def display_is_taken(number: int) -> bool:
    return (X11_SOCKET_DIR / f"X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()


def free_display_number(first: int = FIRST_DISPLAY, last: int = LAST_DISPLAY) -> int:
    for number in range(first, last + 1):
        if not display_is_taken(number):
            return number
    raise XvfbStartError(f"no free X display between :{first} and :{last}")


@contextmanager
def xvfb_display(size: str = "1600x1000x24", timeout: float = 120.0) -> Iterator[str]:
    """Start Xvfb, yield its DISPLAY string (":99"), stop it afterwards.

    ``os.environ`` is left alone: pass the display to the child process you start.
    """
    executable = shutil.which("Xvfb")
    if executable is None:
        raise XvfbStartError("Xvfb is not installed (Debian: xvfb)")
    for _attempt in range(3):
        number = free_display_number()
        with tempfile.TemporaryFile(mode="w+") as output:
            process = subprocess.Popen(
                [executable, f":{number}", "-screen", "0", size, "-nolisten", "tcp",
                 "-noreset"],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            )
            leftovers.track_process(process.pid)
            if _wait_for_socket(process, number, timeout):
                try:
                    yield f":{number}"
                finally:
                    _stop(process)
                return
            _stop(process)
            output.seek(0)
            printed = output.read()
        if "already active" not in printed and "Server is already" not in printed:
            raise XvfbStartError(f"Xvfb :{number} did not start:\n{printed}")
    raise XvfbStartError("Xvfb found every display it tried already taken")


def _wait_for_socket(process: subprocess.Popen[bytes], number: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    socket_path = X11_SOCKET_DIR / f"X{number}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if socket_path.exists():
            return True
        time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def environment_for(display: str, **extra: str) -> dict[str, str]:
    """A copy of os.environ that points Qt at ``display`` through the xcb platform."""
    environment = dict(os.environ)
    environment.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    environment.pop("WAYLAND_DISPLAY", None)
    environment.update(extra)
    return environment
