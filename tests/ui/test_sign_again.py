"""pytest-qt: an approval made before keys existed is signed again from the inbox."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.store.models import SignoffRow
from desktop.ui.decision_dialog import DecisionDialog
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import session_for


def test_the_director_signs_an_old_approval_again(qtbot, demo_ctx) -> None:  # noqa: ANN001
    approved = rq.list_requests(demo_ctx, rq.RequestQuery(states=(RequestState.APPROVED,)))[0]
    with demo_ctx.db.write() as session:               # as it was before keys existed
        for row in session.execute(select(SignoffRow).where(
                SignoffRow.request_id == approved.id)).scalars():
            row.record, row.signature = "", ""
            row.user_key_id = row.certificate_id = None
    window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.inbox is not None and any(
        i.needs_resign and i.request_id == approved.id for i in window.inbox.model.items),
        timeout=15000)
    window.inbox.select_request(approved.id)
    qtbot.waitUntil(lambda: window.inbox.detail is not None
                    and window.inbox.detail.detail.request.id == approved.id, timeout=10000)
    assert window.inbox.resign_button.isVisibleTo(window)
    qtbot.waitUntil(window.inbox.resign_button.isEnabled, timeout=10000)
    window.inbox.resign_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DecisionDialog),
                    timeout=10000)
    dialog = QApplication.activeModalWidget()
    dialog.password.setText("director-demo-1")
    dialog.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=15000)
    assert approved.title in dialog.confirmation.text()
    with qtbot.waitSignal(window.inbox.inbox_loaded, timeout=15000):
        dialog.done_button.click()
    assert not any(i.needs_resign and i.request_id == approved.id
                   for i in window.inbox.model.items)
    with demo_ctx.db.read() as session:
        rows = session.execute(select(SignoffRow).where(
            SignoffRow.request_id == approved.id)).scalars().all()
        assert rows and all(row.signature for row in rows if row.decision == "approve")
