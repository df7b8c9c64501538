"""Screenshots of the real app under Xvfb (xcb platform), in Thai and in English.

    python tools/screenshot_main_window.py [OUT_DIR]

Seeds a demo profile, starts Xvfb, signs in through the real sign-in dialog and saves the
whole virtual screen as PNG: sign-in, main window (th), main window (en).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(home: str, out: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.session import SessionController

    app = QApplication([])
    apply_app_font(app)
    install_translator("th")
    ctx = AppContext.open(AppPaths.resolve(home), lang="th")
    controller = SessionController(ctx, "th")
    screen = app.primaryScreen()

    def shot(name: str) -> None:
        screen.grabWindow(0).save(str(out / name))
        print("saved", out / name)

    lock = controller.show_lock_screen()
    lock.move(0, 0)
    lock.resize(1366, 768)

    def opened(window) -> None:  # noqa: ANN001
        window.move(0, 0)
        window.resize(1366, 768)
        window.queue_loaded.connect(lambda _n: QTimer.singleShot(300, lambda: pick(window)))

    controller.window_opened.connect(opened)

    def sign_in() -> None:
        shot("signin-th.png")
        lock.form.username.setText("somsri")
        lock.form.password.setText("somsri-demo-1")
        lock.form.try_sign_in()

    def pick(window) -> None:  # noqa: ANN001
        if getattr(window, "_picked", False):
            return
        window._picked = True
        window.select_request(window.model.row_at(window.model.rowCount() - 1).id)
        def tabs():  # noqa: ANN202 - the preview tabs, made when first needed
            return window.detail.ensure_preview()

        steps = [lambda: shot("main-th.png"),
                 lambda: tabs().setCurrentIndex(1), lambda: shot("main-files-pdf-th.png"),
                 lambda: tabs().file_list.setCurrentRow(1),
                 lambda: shot("main-files-jpg-th.png"),
                 lambda: tabs().file_list.setCurrentRow(2),
                 lambda: shot("main-files-xlsx-th.png"),
                 lambda: tabs().setCurrentIndex(2), lambda: shot("main-page-th.png"),
                 lambda: tabs().setCurrentIndex(3), lambda: shot("main-checklist-th.png"),
                 lambda: tabs().setCurrentIndex(0), window.toggle_language,
                 lambda: shot("main-en.png"), app.quit]

        def run(i: int = 0) -> None:
            try:
                steps[i]()
            except Exception:            # a broken step ends the tool, never hangs it
                traceback.print_exc()
                app.exit(1)
                return
            if i + 1 < len(steps):
                QTimer.singleShot(900, lambda: run(i + 1))

        QTimer.singleShot(1200, run)

    QTimer.singleShot(500, sign_in)
    return app.exec()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "artifacts" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo import seed_demo
    from tests.support.xvfb import xvfb_display

    home = tempfile.mkdtemp(prefix="webdesk-shots-")
    try:
        ctx = AppContext.open(AppPaths.resolve(home))
        seed_demo(ctx, io.StringIO())
        ctx.close()
        with xvfb_display() as display:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
            done = subprocess.run([sys.executable, __file__, "--child", home, str(out)],
                                  env=env, timeout=120, check=False)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return done.returncode


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(child(sys.argv[2], Path(sys.argv[3])))
    raise SystemExit(main())
