"""pytest-qt: the blockers of a webmaster's and a director's day (issue 12)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.domain.workflow import Action, RequestState
from desktop.services import requests as rq
from desktop.services.attachments import list_files
from desktop.services.demo_files import sample_pdf, sample_photo
from desktop.ui.decision_dialog import DecisionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.request_dialog import RequestDialog
from desktop.ui.simple_dialogs import ReasonDialog
from tests.ui.conftest import session_for


def _window(qtbot, ctx, username: str) -> MainWindow:  # noqa: ANN001
    window = MainWindow(session_for(ctx, username), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    return window


def _new_request(qtbot, window: MainWindow, title: str, files: list[Path]) -> RequestDialog:  # noqa: ANN001
    opened: list[RequestDialog] = []
    window.request_dialog_opened.connect(opened.append)
    window.toolbar_actions.new.trigger()
    dialog = opened[0]
    form = dialog.form
    form.line("title").setText(title)
    form.category_combo.setCurrentIndex(form.category_combo.findData("news"))
    form.subcategory_combo.setCurrentIndex(form.subcategory_combo.findData("activity_photos"))
    form.text_box("summary").setPlainText("ภาพกิจกรรมรณรงค์ป้องกันไข้เลือดออก")
    form.line("requester.unit").setText("กลุ่มงานควบคุมโรค")
    form.line("requester.name").setText("นางสาวมาลี ตั้งใจ")
    with qtbot.waitSignal(dialog.attachments.intake_finished, timeout=30000) as done:
        dialog.attachments.add_paths(files)
    assert not done.args[0].refused, done.args[0].refused
    return dialog


def test_a_jpeg_gets_alt_text_and_the_request_can_be_sent(qtbot, demo_ctx,  # noqa: ANN001
                                                          tmp_path: Path) -> None:
    photo, pdf = tmp_path / "กิจกรรม.jpg", tmp_path / "กำหนดการ.pdf"
    photo.write_bytes(sample_photo(3))
    pdf.write_bytes(sample_pdf("กำหนดการ"))
    window = _window(qtbot, demo_ctx, "somchai")
    dialog = _new_request(qtbot, window, "ภาพกิจกรรมรณรงค์", [photo, pdf])
    widget = dialog.attachments
    row = next(i for i, r in enumerate(widget.rows) if r.stored.info.kind == "jpg")
    widget.table.selectRow(row)
    assert widget.alt_text.isEnabled() and widget.caption.isEnabled()
    widget.caption.setText("ผู้อำนวยการเปิดงานรณรงค์")
    widget.alt_text.setText("ผู้อำนวยการกล่าวเปิดงานหน้าสำนักงาน")
    with qtbot.waitSignal(widget.files_loaded, timeout=10000):
        widget.text_button.click()
    rid = dialog.request_id
    assert rid is not None
    stored = next(f for f in list_files(demo_ctx, rid) if f.info.kind == "jpg")
    assert stored.info.alt_text == "ผู้อำนวยการกล่าวเปิดงานหน้าสำนักงาน"
    with qtbot.waitSignal(dialog.submitted, timeout=10000):
        dialog.submit()
    # The checker sends it for approval: the photo's alt text no longer blocks it.
    checker = session_for(demo_ctx, "somsri").user
    rq.perform_action(demo_ctx, checker, rid, Action.START_REVIEW)
    assert rq.perform_action(demo_ctx, checker, rid, Action.SEND_FOR_APPROVAL) \
        == RequestState.AWAITING_APPROVAL


def test_after_submit_the_detail_follows_the_new_request(qtbot, demo_ctx,  # noqa: ANN001
                                                         tmp_path: Path) -> None:
    pdf = tmp_path / "ประกาศ.pdf"
    pdf.write_bytes(sample_pdf("ประกาศ"))
    window = _window(qtbot, demo_ctx, "somchai")
    first = window.model.row_at(0)
    with qtbot.waitSignal(window.detail_loaded, timeout=10000):
        window.select_request(first.id)                 # something else is shown first
    dialog = _new_request(qtbot, window, "ประกาศผลการคัดเลือก", [pdf])
    new_id = dialog.request_id
    with qtbot.waitSignal(dialog.submitted, timeout=15000):
        dialog.submit()
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.id == new_id
                    and window.detail.detail.request.state == RequestState.SUBMITTED,
                    timeout=10000)
    qtbot.waitUntil(lambda: window.model.row_of(new_id) >= 0, timeout=10000)
    qtbot.waitUntil(lambda: window.table.currentIndex().row() == window.model.row_of(new_id),
                    timeout=10000)
    assert window.detail.detail is not None and window.detail.detail.request.id == new_id
    assert window.detail.detail.request.state == RequestState.SUBMITTED
    assert Action.WITHDRAW in window.detail.buttons
    # Clicking the row again reloads its detail.
    with qtbot.waitSignal(window.detail_loaded, timeout=10000) as again:
        index = window.model.index(window.model.row_of(new_id), 1)
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.table.visualRect(index).center())
    assert again.args[0].request.id == new_id


def test_the_withdraw_dialog_names_the_request(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    submitted = next(window.model.row_at(i) for i in range(window.model.rowCount())
                     if window.model.row_at(i).state == RequestState.SUBMITTED)
    with qtbot.waitSignal(window.detail_loaded, timeout=10000):
        window.select_request(submitted.id)
    asked: list[str] = []

    def answer(dialog: ReasonDialog) -> int:
        asked.append("\n".join(label.text() for label in dialog.findChildren(type(
            dialog.message))))
        return ReasonDialog.DialogCode.Rejected

    monkeypatch.setattr(ReasonDialog, "exec", answer)
    window.detail.buttons[Action.WITHDRAW].click()
    assert asked and submitted.title in asked[0] and submitted.reference in asked[0]


def test_the_password_keeps_the_focus_after_a_wrong_one(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "director")
    qtbot.waitUntil(lambda: window.inbox is not None and window.inbox.detail is not None,
                    timeout=10000)                     # the first item is selected at once
    window.activateWindow()
    window.inbox.approve_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DecisionDialog),
                    timeout=10000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, DecisionDialog)
    assert dialog.password.hasFocus()
    assert "SHA" not in dialog.findChild(type(dialog.message), "decisionSummary").text()
    dialog.password.setText("wrong password")
    dialog.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()) and dialog.password.isEnabled(),
                    timeout=10000)
    assert dialog.password.text() == "" and dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, "director-demo-1")    # typing goes into the field
    assert dialog.password.text() == "director-demo-1"
    dialog.reject()
