"""Answering WebDesk's message boxes in a test.  They are made by desktop/ui/plain_text.py
(plain text, then ``exec()``), so a test answers by replacing ``QMessageBox.exec``:
``answer(parent, title, text)`` gets what the user would read and returns the button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox


def answer_boxes(monkeypatch: pytest.MonkeyPatch,
                 answer: Callable[[Any, str, str], QMessageBox.StandardButton]) -> None:
    def exec_(box: QMessageBox) -> int:
        return int(answer(box.parent(), box.windowTitle(), box.text()).value)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
