"""pytest-qt: an admin records an approved request as published elsewhere (URL and reason,
audited); a webmaster is not offered it; a missing reason or a bad URL is said in Thai and
nothing is recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.ui.elsewhere_dialog import ElsewhereDialog
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import session_for


def _approved_shown(qtbot, ctx, username: str) -> tuple[MainWindow, int]:  # noqa: ANN001
    install_translator("th")
    window = MainWindow(session_for(ctx, username), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    window.tabs.show_queue()
    approved = next(window.model.row_at(i) for i in range(window.model.rowCount())
                    if window.model.row_at(i).state == RequestState.APPROVED)
    with qtbot.waitSignal(window.detail_loaded, timeout=10000):
        window.select_request(approved.id)
    return window, approved.id


def test_an_admin_records_an_approved_request_as_published_elsewhere(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window, request_id = _approved_shown(qtbot, demo_ctx, "admin")
    button = window.detail.elsewhere_button
    assert button.isVisible() and button.text() == "บันทึกว่าเผยแพร่ด้วยวิธีอื่นแล้ว…"
    button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ElsewhereDialog),
                    timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ElsewhereDialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "บันทึก"                                       # Thai standard buttons
    dialog.url.setText("https://www.example.go.th/news/elsewhere/")
    dialog.save()                                                      # no reason yet
    assert dialog.message.text() == "กรุณาระบุเหตุผลที่เผยแพร่ด้วยวิธีอื่น"
    assert rq.get_request(demo_ctx, window.user, request_id).request.state \
        == RequestState.APPROVED
    dialog.url.setText("ftp://example/")                               # refused by the service
    dialog.reason.setPlainText("นำขึ้นผ่านระบบจัดการเนื้อหาของกระทรวง")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text() != "" and dialog.buttons.isEnabled(),
                    timeout=10000)
    assert "ftp://example/" in dialog.message.text()
    assert rq.get_request(demo_ctx, window.user, request_id).request.state \
        == RequestState.APPROVED
    dialog.url.setText("https://www.example.go.th/news/elsewhere/")
    with qtbot.waitSignal(dialog.recorded, timeout=10000):
        dialog.save()
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.state == RequestState.PUBLISHED,
                    timeout=10000)
    detail = rq.get_request(demo_ctx, window.user, request_id)
    assert detail.request.state == RequestState.PUBLISHED
    assert detail.request.public_url == "https://www.example.go.th/news/elsewhere/"
    last = detail.history[-1]
    assert last.details.get("published_elsewhere") is True
    assert last.details.get("reason") == "นำขึ้นผ่านระบบจัดการเนื้อหาของกระทรวง"
    assert last.actor_name == "admin"
    assert not window.detail.elsewhere_button.isVisible()


def test_a_webmaster_is_not_offered_it(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window, _ = _approved_shown(qtbot, demo_ctx, "somchai")
    assert not window.detail.elsewhere_button.isVisible()
    assert window.detail.detail is not None
    assert window.detail.detail.request.state == RequestState.APPROVED
