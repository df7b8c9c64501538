"""Screenshots of the first-run wizard (every page) and the Settings dialog (every tab, and a
refused value with its reason), in Thai and English, on a 1366×768 screen (offscreen).

    .venv/bin/python tools/screenshot_settings.py [OUT_DIR]   # default artifacts/screenshots
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCREEN = (1366, 768)
# Windows closed here stay referenced until the end: otherwise Python's cycle collector may
# free a widget on the task runner's thread while it works, which Qt does not survive.
KEEP: list[object] = []


def wait_until(condition: Callable[[], bool], ms: int = 120_000) -> None:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    loop, deadline = QEventLoop(), QDeadlineTimer(ms)
    while not condition() and not deadline.hasExpired():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def shoot(widget: object, path: Path) -> Path:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    widget.resize(min(widget.width(), SCREEN[0]), min(widget.height(), SCREEN[1] - 40))
    wait_until(lambda: widget.isVisible(), 5_000)
    widget.grab().save(str(path))
    return path


def wizard_shots(lang: str, out: Path) -> list[Path]:
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.ui.first_run_wizard import FirstRunWizard

    shots = []
    home = Path(tempfile.mkdtemp(prefix="webdesk-shot-wizard-"))
    ctx = AppContext.open(AppPaths.resolve(home), lang=lang)
    for page in range(5):
        wizard = FirstRunWizard(ctx, lang)
        wizard.setStartId(page)
        wizard.show()
        if page == 0:
            wizard.agency_page.fields.name_th.setText("สำนักงานสาธารณสุขอำเภอบ้านหลวง จังหวัดน่าน")
            wizard.agency_page.fields.name_en.setText("Ban Luang District Public Health Office")
        if page == 3:
            wizard.server_page.enabled.setChecked(True)
        shots.append(shoot(wizard, out / f"wizard-{page + 1}-{lang}.png"))
        wizard.close()
        KEEP.append(wizard)
    wizard = FirstRunWizard(ctx, lang)                 # the last page: everything applied
    from dataclasses import replace

    from desktop.services.first_run import AdminAccount

    wizard.answers = replace(wizard.answers, settings=replace(
        wizard.answers.settings, agency_name="สำนักงานสาธารณสุขอำเภอบ้านหลวง จังหวัดน่าน"),
        admin=AdminAccount("admin", "ผู้ดูแลระบบ", "นักวิชาการคอมพิวเตอร์", "admin-pass-1",
                           "admin-pass-1"))
    wizard.setStartId(5)
    wizard.show()
    finish = wizard.finish_page
    wait_until(lambda: finish.done)
    shots.append(shoot(wizard, out / f"wizard-6-{lang}.png"))
    wizard.close()
    KEEP.append(wizard)
    ctx.close()
    shutil.rmtree(home, ignore_errors=True)         # the profile made for the shots
    return shots


def settings_shots(lang: str, out: Path) -> list[Path]:
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo import seed_demo
    from desktop.services.user_session import UserSession
    from desktop.ui.settings_dialog import SettingsDialog

    home = Path(tempfile.mkdtemp(prefix="webdesk-shot-settings-"))
    ctx = AppContext.open(AppPaths.resolve(home), lang=lang)
    seed_demo(ctx, io.StringIO())
    session = UserSession.sign_in(ctx, "admin", "admin-demo-1")
    dialog = SettingsDialog(session, lang)
    dialog.show()
    wait_until(dialog.isEnabled)
    shots = []
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        shots.append(shoot(dialog, out / f"settings-{tab + 1}-{lang}.png"))
    dialog.tabs.setCurrentIndex(1)
    dialog.files.max_files.setValue(60)             # above the 50-file cap: refused
    dialog.save()
    shots.append(shoot(dialog, out / f"settings-refused-{lang}.png"))
    dialog.close()
    KEEP.append(dialog)
    ctx.close()
    shutil.rmtree(home, ignore_errors=True)         # the profile made for the shots
    return shots


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.tasks import task_runner

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "artifacts" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    apply_app_font(app)
    made = []
    for lang in ("th", "en"):
        install_translator(lang)
        made += wizard_shots(lang, out) + settings_shots(lang, out)
    task_runner().shutdown()
    for path in made:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
