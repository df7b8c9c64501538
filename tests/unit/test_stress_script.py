"""``installer/stress.sh`` stops cleanly on ``kill -TERM`` (the way its header says to stop
it), even started as a background job, which inherits SIGINT ignored: the running round gets
SIGINT all the same and tears down (pytest raises KeyboardInterrupt and runs its fixtures'
teardown), the CPU hogs stop, and the script says in which round it stopped.

The round here is a stand-in for ``installer/test.sh`` (the real one runs the whole suite):
a Python process that waits for KeyboardInterrupt, as pytest would, and says whether it got
one."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

from tests.publish.sshd_server import descendants

ROOT = Path(__file__).resolve().parents[2]

ROUND = """\
python3 - "$@" <<'PY'
import os, pathlib, signal, sys, time
try:      # (the interrupt may come as soon as the write returns: inside the try, not before)
    os.write({fd}, str(signal.getsignal(signal.SIGINT)).encode())   # started (SIGINT as found)
    time.sleep(600)
except KeyboardInterrupt:
    pathlib.Path("{marks}", "torn-down").write_text("yes")
    sys.exit(2)
PY
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_kill_term_stops_the_round_which_tears_down_and_the_hogs(tmp_path: Path) -> None:
    (tmp_path / "installer").mkdir()
    shutil.copy(ROOT / "installer" / "stress.sh", tmp_path / "installer" / "stress.sh")
    marks = tmp_path / "marks"
    marks.mkdir()
    started, told = os.pipe()       # the round writes here once it runs (EOF: it never did)
    (tmp_path / "installer" / "test.sh").write_text(ROUND.format(marks=marks, fd=told))
    process = subprocess.Popen(     # as `nohup bash installer/stress.sh 5 &`: SIGINT ignored
        ["bash", str(tmp_path / "installer" / "stress.sh"), "5"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, pass_fds=(told,),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    os.close(told)
    try:
        found = os.read(started, 64).decode()      # (returns as soon as anything came)
        os.close(started)
        assert found and found != str(signal.SIG_IGN), found   # it runs, and may be
        process.send_signal(signal.SIGTERM)                    # interrupted
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:       # a failed check: nothing of it may stay behind
            for pid in [*descendants(process.pid), process.pid]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, output
    assert (marks / "torn-down").read_text() == "yes"
    assert "stopped by a signal during round 1/5" in output, output
    first = output.splitlines()[0]
    hogs = [int(pid) for pid in first.split("(pids ")[1].split(")")[0].split()]
    assert len(hogs) == 2 and not any(_alive(pid) for pid in hogs), output
    logs = Path(first.rsplit("logs in ", 1)[1].strip())
    shutil.rmtree(logs)
