"""Open every window and dialog of WebDesk on a demo profile, one after the other, and look at it.

Used by the 1366x768 test (every button and field inside the screen), the language test
(nothing left untranslated) and tools/screenshot_every_screen.py (a PNG of each).  Run as a
script it does the walk in a fresh process whose offscreen screen has the size asked for:

    python tests/ui/screen_walk.py --lang th --size 1366x768 --report out.json [--shots DIR]

The report is one JSON object: {screen name: {"outside": [...], "untranslated": [...]}}.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THAI = re.compile(r"[\u0E00-\u0E7F]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Words that stay as they are in a Thai UI: names, formats, protocols, units.
KEEP = {"WebDesk", "PDF", "SHA", "SFTP", "SSH", "URL", "HTML", "XLSX", "DOCX", "JPG", "JPEG",
        "PNG", "ZIP", "RAR", "English", "https", "http", "www", "agent", "keyring", "CMS",
        "ssh", "posix", "rename", "var", "html", "srv", "archive", "admin", "example", "demo",
        "director", "somsri", "somchai", "head", "PDPA", "Excel", "Word", "docx", "xlsx", "pdf",
        "jpg", "png", "zip", "rar", "doc", "xls", "SMTP", "IMAP", "TLS", "STARTTLS", "Sarabun",
        "Unicode", "PostgreSQL", "SQLite", "Alt", "ALT",
        "web", "root"}     # "โฟลเดอร์เว็บ (web root)": the server's term, in brackets


def configure_screen(size: str, scale: float = 1.0) -> None:
    """An offscreen screen of ``size`` device-independent pixels at ``scale`` (1.5: a
    1920x1080 screen at 150 % is 1280x720); must run before QApplication is made."""
    width, height = (int(v) for v in size.lower().split("x"))
    config = Path(tempfile.mkdtemp(prefix="webdesk-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "office", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": scale}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def outside_screen(window: object) -> list[str]:
    """Each visible button or field (or the scroll area holding it) not inside the screen."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractScrollArea,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QStatusBar,
        QWidget,
    )

    assert isinstance(window, QWidget)
    screen = window.screen().geometry()
    found: list[str] = []
    frame = window.frameGeometry()
    if not screen.contains(frame):
        found.append(f"window {window.objectName()} {frame.getRect()}")
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea,
             QStatusBar)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(window):
            continue
        holder: QWidget = widget
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea):
                holder = parent        # reachable by scrolling: the scroll area must show
            parent = parent.parentWidget()
        if holder.width() <= 2 or holder.height() <= 2:
            continue                   # a collapsed part of a splitter or a zero-size helper
        rect = QRect(holder.mapToGlobal(QPoint(0, 0)), holder.size())
        if not screen.contains(rect):
            name = holder.objectName() or type(holder).__name__
            text = getattr(holder, "text", lambda: "")()
            found.append(f"{name} {text!r} at {rect.getRect()}")
    return sorted(set(found))


def shown_texts(window: object) -> list[str]:
    """Texts of the interface itself: titles, labels, buttons, placeholders, tabs, group
    boxes, combo items and table headers (not the data in tables and fields)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QTabBar,
        QWidget,
    )

    assert isinstance(window, QWidget)
    texts = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QComboBox):
            texts.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QHeaderView) and w.model() is not None:
            texts.extend(str(w.model().headerData(i, w.orientation(),
                                                  Qt.ItemDataRole.DisplayRole) or "")
                         for i in range(w.count()))
    return texts


def labels_only(window: object) -> list[str]:
    """Texts that are never data: buttons, tabs, group boxes, table headers and the labels
    of fields (a label with a buddy) — an English word there is untranslated even beside
    Thai ("Link ภายนอก")."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QHeaderView, QLabel, QTabBar, QWidget

    assert isinstance(window, QWidget)
    texts = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) or isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QHeaderView) and w.model() is not None:
            texts.extend(str(w.model().headerData(i, w.orientation(),
                                                  Qt.ItemDataRole.DisplayRole) or "")
                         for i in range(w.count()))
    return texts


def _english_words(text: str) -> list[str]:
    return [w for w in LATIN_WORD.findall(text.replace("&", "")) if w not in KEEP]


def untranslated(window: object) -> list[str]:
    """Interface texts of a Thai screen that are English words (names and formats kept)."""
    found = []
    for text in shown_texts(window):
        if not text or THAI.search(text) or "@" in text or "/" in text \
                or text.startswith("SHA256:"):      # a key fingerprint: data, not words
            continue
        if _english_words(text):
            found.append(text)
    found += [text for text in labels_only(window) if THAI.search(text) and _english_words(text)]
    return sorted(set(found))


def screens(lang: str) -> Iterator[tuple[str, Callable[[], object]]]:
    """(name, opener) for every screen, on a demo profile made here."""
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo import seed_demo

    home = Path(tempfile.mkdtemp(prefix="webdesk-walk-"))
    ctx = AppContext.open(AppPaths.resolve(home), lang=lang)
    seed_demo(ctx, io.StringIO())
    from tests.ui import screen_openers as op

    yield from op.openers(ctx, lang)


def walk(lang: str, shots: Path | None,
         only: frozenset[str] = frozenset()) -> dict[str, dict[str, list[str]]]:
    """Every screen (or those named in ``only``), looked at and optionally saved."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.none_refcount import guard
    from tests.ui.screen_openers import settle

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    guard(app)          # PySide6 6.12 on Python 3.11 drops references to None
    gc.disable()        # no cycle collection on a worker thread freeing a Qt object (H5)
    kept: list[QWidget] = []
    apply_app_font(app)
    install_translator(lang)
    report: dict[str, dict[str, list[str]]] = {}
    loop = QEventLoop()
    for name, opener in screens(lang):
        if only and name not in only:
            continue
        window = opener()
        assert isinstance(window, QWidget)
        window.show()
        for _ in range(5):
            loop.processEvents()
        report[name] = {"outside": outside_screen(window),
                        "untranslated": untranslated(window) if lang == "th" else []}
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(shots / f"{name}-{lang}.png"))
        settle()
        window.close()
        kept.append(window)        # freed with the process, never by a worker thread
        loop.processEvents()
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="th")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--report", required=True)
    parser.add_argument("--shots")
    parser.add_argument("--only", default="", help="comma-separated screen names")
    args = parser.parse_args()
    configure_screen(args.size, args.scale)
    sys.path.insert(0, str(ROOT))
    only = frozenset(n for n in args.only.split(",") if n)
    report = walk(args.lang, Path(args.shots) if args.shots else None, only)
    Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    sys.stdout.flush()
    os._exit(0)   # no interpreter teardown with Qt objects alive (it can crash PySide6)


if __name__ == "__main__":
    raise SystemExit(main())
