"""The end-of-session check of tests/conftest.py: a run that leaves a folder or a process it
created behind fails, naming them; a run that cleans up passes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support import leftovers

REPO = Path(__file__).resolve().parents[2]
LEAKY = '''
import subprocess
from pathlib import Path
from tests.support import leftovers

def test_makes_things(tmp_path_factory):
    folder = Path({folder!r})
    folder.mkdir()
    leftovers.track_path(folder)
    process = subprocess.Popen(["sleep", "600"])
    leftovers.track_process(process.pid)
    Path({pid_file!r}).write_text(str(process.pid))
    if {clean}:
        process.kill()
        process.wait()
        folder.rmdir()
'''


def run_inner(tmp_path: Path, clean: bool) -> tuple[subprocess.CompletedProcess[str], int]:
    folder, pid_file = tmp_path / "made-by-the-run", tmp_path / "pid"
    test_file = tmp_path / "test_inner.py"
    test_file.write_text(LEAKY.format(folder=str(folder), pid_file=str(pid_file), clean=clean))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-p", "tests.conftest", "--rootdir", str(tmp_path),
                             str(test_file)], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    return result, int(pid_file.read_text())


def test_a_run_that_leaves_a_folder_and_a_process_fails(tmp_path: Path) -> None:
    result, pid = run_inner(tmp_path, clean=False)
    try:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "1 passed" in result.stdout              # the test itself passed
        assert "this test run left behind" in result.stdout
        assert f"folder {tmp_path / 'made-by-the-run'}" in result.stdout
        assert f"process {pid} (sleep" in result.stdout   # its command line, or its name
    finally:
        os.kill(pid, signal.SIGKILL)


def test_what_was_removed_is_not_reported(tmp_path: Path) -> None:
    folder = tmp_path / "made-and-removed"
    folder.mkdir()
    leftovers.track_path(folder)
    process = subprocess.Popen(["sleep", "600"])
    leftovers.track_process(process.pid)
    names = {str(thing) for thing in leftovers.remaining()}
    assert f"folder {folder}" in names
    assert any(name.startswith(f"process {process.pid} ") for name in names)
    process.kill()
    process.wait()
    folder.rmdir()
    assert not any(str(folder) in str(thing) or f" {process.pid} " in f" {thing} "
                   for thing in leftovers.remaining())


def test_an_ended_process_counts_as_gone_before_it_is_reaped() -> None:
    process = subprocess.Popen(["sleep", "600"])
    assert leftovers.process_start_time(process.pid) is not None
    process.kill()
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)     # ended, still a zombie
    assert leftovers.process_start_time(process.pid) is None
    process.wait()


def test_qtbot_deadlines_have_a_floor(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A 10 ms deadline for an event 300 ms away: met only because of the floor
    (tests/support/qt_waits.py), as a 5 s deadline is on a machine under load."""
    from PySide6.QtCore import QTimer

    flipped: list[bool] = []
    QTimer.singleShot(300, lambda: flipped.append(True))
    qtbot.waitUntil(lambda: bool(flipped), timeout=10)
    assert flipped == [True]


def test_a_process_without_a_command_line_is_named_by_its_program() -> None:
    """Kernel threads have an empty /proc/PID/cmdline, as a live process once had in CI."""
    kernel_threads = [pid for pid in (int(e) for e in os.listdir("/proc") if e.isdigit())
                      if _reads(f"/proc/{pid}/cmdline") == b"" and _reads(f"/proc/{pid}/comm")]
    assert kernel_threads, "a Linux machine has kernel threads"
    pid = kernel_threads[0]
    assert leftovers._command(pid) == _reads(f"/proc/{pid}/comm").decode().strip()


def _reads(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b"?"
