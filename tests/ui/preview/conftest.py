"""Preview UI tests: Sarabun as the application font so Thai renders as it will for users."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.fonts import apply_app_font


@pytest.fixture
def thai_app(qapp: QApplication) -> QApplication:
    apply_app_font(qapp)
    assert "Sarabun" in qapp.font().family()
    return qapp
