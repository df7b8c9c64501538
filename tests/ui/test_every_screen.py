"""Every window and dialog, opened offscreen on a 1366x768 screen (and a 1920x1080 screen at
150 %: 1280x720), in Thai and in English: every button and field lies inside the screen, and
the Thai screens show no English interface text (issue 12 items 2 and 6).

The walk runs in fresh processes (the screen's size is fixed when Qt starts), side by side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tests.ui.screen_walk import outside_screen, untranslated

WALK = Path(__file__).with_name("screen_walk.py")
RUNS = {"th-1366x768": ("th", "1366x768", "1"), "en-1366x768": ("en", "1366x768", "1"),
        "th-150%": ("th", "1280x720", "1.5")}


def test_every_screen_fits_and_the_thai_ones_speak_thai(tmp_path: Path) -> None:
    running = {}
    temp = tmp_path / "temp"     # the walks' demo profiles and page previews: they end with
    temp.mkdir()                 # os._exit (no atexit clean-up), so they go where pytest cleans
    for name, (lang, size, scale) in RUNS.items():
        report = tmp_path / f"{name}.json"
        running[name] = (report, subprocess.Popen(
            [sys.executable, str(WALK), "--lang", lang, "--size", size, "--scale", scale,
             "--report", str(report)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "TMPDIR": str(temp)}))
    problems: list[str] = []
    screens: set[str] = set()
    for name, (report, process) in running.items():
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()[-3000:]
        for screen, found in json.loads(report.read_text(encoding="utf-8")).items():
            screens.add(screen)
            problems += [f"{name} {screen}: outside the screen: {x}" for x in found["outside"]]
            problems += [f"{name} {screen}: not in Thai: {x!r}" for x in found["untranslated"]]
    assert {"lock-screen", "main-webmaster", "main-director", "main-admin", "request-new",
            "request-edit", "decision-approve", "delegation", "server", "approval-steps",
            "notice", "publish-queue"} <= screens
    assert not problems, "\n".join(problems)


def test_the_checks_find_a_cut_button_and_english_text(qtbot) -> None:  # noqa: ANN001
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("ชื่อผู้ใช้"))
    layout.addWidget(QPushButton("Save draft"))
    field_label = QLabel("Link ภายนอก")        # English beside Thai in a field's label
    field = QLineEdit("https://example.go.th/")
    field_label.setBuddy(field)
    layout.addWidget(field_label)
    layout.addWidget(field)
    layout.addWidget(QLabel("Info Graphic การดูแลสุขภาพ"))     # data: a request's title
    screen = window.screen().geometry()
    window.resize(screen.width() + 300, 200)
    window.show()
    assert any("QPushButton" in problem for problem in outside_screen(window))
    assert untranslated(window) == ["Link ภายนอก", "Save draft"]
