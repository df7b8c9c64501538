"""The Settings dialog and the first-run wizard, driven as a person would (pytest-qt)."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.settings import load_settings
from desktop.services.user_session import UserSession
from desktop.ui.first_run_wizard import FirstRunWizard
from desktop.ui.settings_dialog import SettingsDialog

SCREEN_W, SCREEN_H = 1366, 768


def test_settings_refuse_a_51st_file_with_the_reason_then_save(qtbot: QtBot, home: Path) -> None:
    ctx = AppContext.open(AppPaths.resolve(home))
    seed_demo(ctx, io.StringIO())
    session = UserSession.sign_in(ctx, "admin", "admin-demo-1")
    dialog = SettingsDialog(session, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isEnabled)
    assert dialog.width() <= SCREEN_W and dialog.height() <= SCREEN_H
    files = dialog.files
    files.max_files.setValue(51)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.tabs.currentIndex() == 1
    assert "at most 50 files per request" in files.refusals.text()
    assert dialog.status.text() == "Not saved: 1 value needs changing (see the red field)."
    assert "at most 50" in files.max_files.toolTip()
    assert load_settings(ctx).max_files == 50                   # nothing saved

    dialog.agency.name_th.clear()                  # two refused: the plural
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.status.text() == "Not saved: 2 values need changing (see the red fields)."

    files.max_files.setValue(30)
    dialog.agency.name_th.setText("สำนักงานทดสอบการตั้งค่า")
    holidays = load_settings(ctx).holidays
    dialog.times.holidays.setPlainText("13/04/2026\nSongkran")   # line 2 is not a date
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.tabs.currentWidget() is dialog.times
    assert dialog.times.refusals.text().startswith("Holidays: line 2: Cannot read the date "
                                                   "“Songkran”")
    assert load_settings(ctx).holidays == holidays              # nothing saved

    dialog.times.holidays.setPlainText("13/04/2026\n2569-04-14")  # pasted ISO, BE year
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Saved.")
    assert files.refusals.text() == "" and dialog.times.refusals.text() == ""
    saved = load_settings(ctx)
    assert saved.max_files == 30 and saved.agency_name == "สำนักงานทดสอบการตั้งค่า"
    assert saved.holidays == ("2026-04-13", "2026-04-14")

    from desktop.ui.server_dialog import ServerDialog

    dialog.servers_button.click()                  # server profiles: the server dialog
    [servers] = dialog.findChildren(ServerDialog)
    assert servers.isVisible()
    qtbot.waitUntil(lambda: servers.isEnabled())
    servers.close()
    dialog.close()
    ctx.close()


def test_the_wizard_sets_up_an_empty_profile_and_shows_the_agency_key(qtbot: QtBot,
                                                                        home: Path) -> None:
    ctx = AppContext.open(AppPaths.resolve(home))
    wizard = FirstRunWizard(ctx, "th")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.width() <= SCREEN_W and wizard.height() <= SCREEN_H
    agency, admin, database = wizard.agency_page, wizard.admin_page, wizard.database_page
    server, finish = wizard.server_page, wizard.finish_page

    wizard.next()                                  # an empty agency name is refused
    assert wizard.currentPage() is agency
    assert "ชื่อหน่วยงาน (ไทย)" in agency.fields.refusals.text()
    agency.fields.name_th.setText("สำนักงานสาธารณสุขอำเภอทดสอบ")
    wizard.next()
    assert wizard.currentPage() is admin
    admin.username.setText("boss")
    admin.password.setText("boss-pass-123")
    admin.again.setText("boss-pass-124")
    wizard.next()
    assert wizard.currentPage() is admin and "ไม่ตรงกัน" in admin.message.text()
    admin.again.setText("boss-pass-123")
    wizard.next()
    assert wizard.currentPage() is database and database.local.isChecked()
    wizard.next()
    assert wizard.currentPage() is server and not server.enabled.isChecked()
    wizard.next()                                  # the categories: "Create"
    wizard.next()
    assert wizard.currentPage() is finish
    qtbot.waitUntil(lambda: finish.done)
    assert finish.fingerprint.text().startswith("SHA256:")
    assert wizard.result_paths is not None
    assert [u.username for u in auth.list_users(ctx)] == ["boss"]
    assert load_settings(ctx).agency_name == "สำนักงานสาธารณสุขอำเภอทดสอบ"
    wizard.close()
    ctx.close()
