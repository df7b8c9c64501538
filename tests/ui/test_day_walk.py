"""pytest-qt: the whole day on a shared PC, through the real windows, publishing to a real sshd.

A webmaster registers a request with a JPEG (caption and alt text) and a PDF and submits it;
a second webmaster checks it and sends it for approval; the director signs on the shared PC
(the screen locks after the confirmation); the first webmaster publishes it to OpenSSH's sshd
and sees it on the home screen as published.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.domain.workflow import Action, RequestState
from desktop.services import auth, servers
from desktop.services.demo_files import sample_pdf, sample_photo
from desktop.services.workstation import WorkstationSettings
from desktop.ui.decision_dialog import DecisionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SessionController
from desktop.ui.transfer_queue import TransferQueuePanel
from tests.publish.conftest import folders, make_profile, sshd  # noqa: F401  (fixtures)
from tests.support.message_boxes import answer_boxes
from tests.ui.test_day_blockers import _new_request

TITLE = "ภาพกิจกรรมวันรณรงค์ป้องกันไข้เลือดออก"


def _sign_in(qtbot, controller: SessionController, username: str) -> MainWindow:  # noqa: ANN001
    screen = controller.lock_screen
    assert screen is not None and screen.isVisible()
    screen.form.username.setText(username)
    screen.form.password.setText(f"{username}-demo-1")
    with qtbot.waitSignal(controller.window_opened, timeout=15000) as opened:
        screen.form.button.click()
    window = opened.args[0]
    qtbot.waitUntil(lambda: window.home.summary is not None, timeout=20000)
    return window


def _sign_out(qtbot, controller: SessionController, window: MainWindow) -> None:  # noqa: ANN001
    with qtbot.waitSignal(controller.sign_out_recorded, timeout=10000):
        window.toolbar_actions.sign_out.trigger()


def _act(qtbot, window: MainWindow, request_id: int, action: Action,  # noqa: ANN001
         then: RequestState) -> None:
    window.select_request(request_id)
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.id == request_id
                    and action in window.detail.buttons, timeout=10000)
    with qtbot.waitSignal(window.action_finished, timeout=10000):
        window.detail.buttons[action].click()
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.state == then, timeout=10000)


def test_the_day_of_a_webmaster_and_a_director(qtbot, demo_ctx, tmp_path: Path,  # noqa: ANN001
                                              sshd, folders, monkeypatch) -> None:  # noqa: F811
    web_root, archive = folders
    admin = auth.sign_in(demo_ctx, "admin", "admin-demo-1")
    servers.save_server(demo_ctx, make_profile(sshd, web_root, archive), admin)
    photo, pdf = tmp_path / "กิจกรรม.jpg", tmp_path / "กำหนดการ.pdf"
    photo.write_bytes(sample_photo(5))
    pdf.write_bytes(sample_pdf("กำหนดการวันรณรงค์"))
    answers: list[str] = []
    answer_boxes(monkeypatch, lambda _p, _t, text, *a, **k: (
        answers.append(text), QMessageBox.StandardButton.Yes)[1])
    controller = SessionController(demo_ctx, "th", WorkstationSettings(shared_pc=True))
    controller.start()
    try:
        # 1. The webmaster registers the request with a photo and a PDF, and submits it.
        window = _sign_in(qtbot, controller, "somchai")
        dialog = _new_request(qtbot, window, TITLE, [photo, pdf])
        rid = dialog.request_id
        assert rid is not None
        widget = dialog.attachments
        widget.table.selectRow(next(i for i, r in enumerate(widget.rows)
                                    if r.stored.info.kind == "jpg"))
        widget.caption.setText("ผู้อำนวยการเปิดงานวันรณรงค์")
        widget.alt_text.setText("ผู้อำนวยการกล่าวเปิดงานต่อหน้าประชาชน")
        with qtbot.waitSignal(widget.files_loaded, timeout=10000):
            widget.text_button.click()
        with qtbot.waitSignal(dialog.submitted, timeout=15000):
            dialog.submit()
        _sign_out(qtbot, controller, window)
        # 2. The second webmaster checks it and sends it for approval.
        window = _sign_in(qtbot, controller, "somsri")
        _act(qtbot, window, rid, Action.START_REVIEW, RequestState.IN_REVIEW)
        _act(qtbot, window, rid, Action.SEND_FOR_APPROVAL, RequestState.AWAITING_APPROVAL)
        _sign_out(qtbot, controller, window)
        # 3. The director signs on the shared PC; the screen locks after the confirmation.
        window = _sign_in(qtbot, controller, "director")
        qtbot.waitUntil(lambda: window.inbox is not None and window.inbox.model.rowCount() == 2,
                        timeout=10000)
        window.inbox.select_request(rid)
        qtbot.waitUntil(lambda: window.inbox.detail is not None
                        and window.inbox.detail.detail.request.id == rid
                        and window.inbox.approve_button.isEnabled(), timeout=10000)
        window.inbox.approve_button.click()
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DecisionDialog),
                        timeout=10000)
        decision = QApplication.activeModalWidget()
        decision.password.setText("director-demo-1")
        decision.findChild(QPushButton, "confirmButton").click()
        qtbot.waitUntil(lambda: decision.pages.currentIndex() == 1, timeout=15000)
        assert TITLE in decision.confirmation.text()
        with qtbot.waitSignal(controller.locked, timeout=10000) as locked:
            decision.done_button.click()
        assert locked.args[0] == "decision"
        # 4. The webmaster publishes it to the real sshd from the home screen.
        window = _sign_in(qtbot, controller, "somchai")
        ready = {h.key: h for h in window.home.summary.lists}["ready_to_publish"]
        assert rid in [r.id for r in ready.rows]
        with qtbot.waitSignal(window.detail_loaded, timeout=10000):
            window.home.request_opened.emit(rid)
        opened: list[TransferQueuePanel] = []
        window.publisher.queue_opened.connect(opened.append)
        window.detail.buttons[Action.PUBLISH].click()
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
        publish = opened[0]
        qtbot.waitUntil(lambda: publish.done_count + publish.failed_count == 1, timeout=60000)
        assert publish.done_count == 1, publish.message.text()
        assert any("SHA256:" in text for text in answers)   # the new host key was shown
        # 5. The home screen says it is published.
        with qtbot.waitSignal(window.home.home_loaded, timeout=20000) as loaded:
            window.refresh()
        recent = {h.key: h for h in loaded.args[0].lists}["recent"]
        assert next(r for r in recent.rows if r.id == rid).state == RequestState.PUBLISHED
        assert TITLE in window.home.view.toPlainText()
        published = [p for p in (web_root / "news").rglob("*") if p.is_file()]
        assert any(p.suffix == ".pdf" for p in published)
        assert any(p.suffix == ".jpg" for p in published)
        assert window.publisher.dock is not None and window.publisher.dock.isVisible()
    finally:
        controller.shutdown()
