"""pytest-qt: Thai first; switching relabels what is open (who acts next too); Qt's own
buttons in Thai; the choice made on the sign-in screen is remembered on this PC."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.services.ui_language import remembered_language
from desktop.services.workstation import WorkstationSettings
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SessionController
from tests.ui.conftest import session_for


def test_qt_standard_buttons_speak_thai(qtbot) -> None:  # noqa: ANN001
    install_translator("th")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        assert sorted(b.text() for b in box.buttons()) == sorted(["ตกลง", "ยกเลิก"])
        question = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        assert {b.text().replace("&", "") for b in question.buttons()} == {"ใช่", "ไม่ใช่"}
    finally:
        install_translator("en")


def test_the_sign_in_screen_switches_and_remembers_the_language(qtbot, demo_ctx) -> None:  # noqa: ANN001
    install_translator("th")
    controller = SessionController(demo_ctx, "th", WorkstationSettings(shared_pc=False))
    controller.start()
    try:
        screen = controller.lock_screen
        assert screen is not None and screen.heading.text() == "เข้าสู่ระบบ WebDesk"
        screen.language_button.click()
        assert screen.heading.text() == "Sign in to WebDesk"
        assert screen.form.button.text() == "Sign in"
        assert remembered_language(demo_ctx.paths) == "en"
        screen.language_button.click()
        assert screen.heading.text() == "เข้าสู่ระบบ WebDesk"
        assert remembered_language(demo_ctx.paths) == "th"
    finally:
        controller.shutdown()
        install_translator("en")


def test_switching_relabels_the_tabs_and_the_checklist(qtbot, demo_ctx) -> None:  # noqa: ANN001
    install_translator("th")
    window = MainWindow(session_for(demo_ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    first = window.model.row_at(window.model.rowCount() - 1)
    with qtbot.waitSignal(window.preview_loaded, timeout=15000):
        window.select_request(first.id)
    tabs = window.detail.preview
    assert tabs is not None
    names = [tabs.tabText(i) for i in range(tabs.count())]
    assert "ผู้ดูแลเว็บไซต์ที่ลงทะเบียน — ส่งคำขอ" in window.detail.view.toPlainText()
    window.toggle_language()
    try:
        english = [tabs.tabText(i) for i in range(tabs.count())]
        assert english == ["Details", "Files", "Web page", "Checklist"], english
        # who acts next is redrawn in the new language, as the rest of the pane
        next_line = [line for line in window.detail.view.toPlainText().splitlines()
                     if line.startswith("Next:")]
        assert next_line == ["Next: The webmaster who registered it — submit it"], next_line
        banner = tabs.checklist.banner.text()
        assert not any("\u0e00" <= ch <= "\u0e7f" for ch in banner), banner
        assert "1 recommendations" not in banner
    finally:
        window.toggle_language()
    assert [tabs.tabText(i) for i in range(tabs.count())] == names
