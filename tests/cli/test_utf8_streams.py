"""A redirected stdout/stderr is written in UTF-8 whatever the code page says.

Windows writes a pipe or a file in the ANSI code page (cp1252 has no Thai): without this a
Thai message became backslash escapes on stderr and UnicodeEncodeError on stdout.
PYTHONIOENCODING=cp1252 gives the same streams on Linux.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_thai_reaches_a_cp1252_pipe_as_utf8(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--lang", "th", "--home", str(tmp_path / "profile"),
         "request", "no-such-command"],
        env=env, capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 2
    text = done.stderr.decode("utf-8")
    assert "ไม่มีคำสั่ง 'no-such-command'" in text
    assert "\\u0e" not in text
