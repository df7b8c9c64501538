"""The suite never hangs on a modal message box offscreen: one nobody answers fails the test
that reached it, naming its text (tests/conftest.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


def test_an_unanswered_question_fails_with_its_text(qtbot) -> None:  # noqa: ANN001
    with pytest.raises(AssertionError, match="Quit anyway"):
        QMessageBox.question(None, "WebDesk", "An upload is still running. Quit anyway?")
