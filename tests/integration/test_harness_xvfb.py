"""Xvfb for screenshot scripts: it starts, Qt's xcb platform runs on it, and it stops."""

from __future__ import annotations

import subprocess
import sys

from tests.support.components import require, which
from tests.support.xvfb import X11_SOCKET_DIR, environment_for, xvfb_display

QT_ON_X = """
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
size = app.primaryScreen().size()
print(app.platformName(), size.width(), size.height())
"""


def test_qt_xcb_platform_runs_on_xvfb() -> None:
    require(which("Xvfb") is not None, "Xvfb (Debian: xvfb)")
    with xvfb_display(size="1280x800x24") as display:
        assert display.startswith(":")
        assert (X11_SOCKET_DIR / f"X{display[1:]}").exists()
        result = subprocess.run(
            [sys.executable, "-c", QT_ON_X], env=environment_for(display),
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["xcb", "1280", "800"]
    assert not (X11_SOCKET_DIR / f"X{display[1:]}").exists()
