"""Shared set-up for the offscreen screenshot tools: a Qt app in Thai over a seeded demo."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def demo_app(prefix: str, lang: str = "th") -> tuple[Any, Any, Path, Path]:
    """(QApplication, AppContext over a fresh seeded demo, its home, the output folder)."""
    from PySide6.QtWidgets import QApplication

    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo import seed_demo
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "artifacts" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    apply_app_font(app)
    install_translator(lang)
    home = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, home, True)       # the demo profile goes with the tool
    ctx = AppContext.open(AppPaths.resolve(home))
    seed_demo(ctx, io.StringIO())
    return app, ctx, home, out
