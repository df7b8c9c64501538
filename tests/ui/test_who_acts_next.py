"""pytest-qt: who acts next, the reason of a rejection at the top, people's names in the
history, a rejected request copied into a new draft, a published one's period changed."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.period_dialog import PeriodDialog
from desktop.ui.request_dialog import RequestDialog
from desktop.ui.request_table_model import RequestTableModel
from tests.ui.conftest import session_for


def _window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    install_translator("th")
    window = MainWindow(session_for(ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    qtbot.waitUntil(lambda: bool(window.detail.people), timeout=10000)
    return window


def _show(qtbot, window: MainWindow, state: RequestState) -> rq.RequestSummary:  # noqa: ANN001
    item = next(window.model.row_at(i) for i in range(window.model.rowCount())
                if window.model.row_at(i).state == state)
    with qtbot.waitSignal(window.detail_loaded, timeout=10000):
        window.select_request(item.id)
    return item


def test_awaiting_approval_names_the_step_and_the_signer(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx)
    _show(qtbot, window, RequestState.AWAITING_APPROVAL)
    text = window.detail.view.toPlainText()
    assert "ผู้ดำเนินการถัดไป" in text and "ขั้นที่ 1 จาก 1" in text


def test_a_rejection_says_why_at_the_top_and_can_be_copied(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx)
    rejected = _show(qtbot, window, RequestState.REJECTED)
    text = window.detail.view.toPlainText()
    assert text.index("เหตุผล") < text.index(rejected.title)        # the reason comes first
    assert "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน" in text
    assert "somchai" not in text and "นายสมชาย ใจดี" in text          # names, not logins
    assert window.detail.copy_button.isVisible()
    opened: list[RequestDialog] = []
    window.request_dialog_opened.connect(opened.append)
    window.detail.copy_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=15000)
    copy_id = opened[0].request_id
    assert copy_id is not None and copy_id != rejected.id
    copy = rq.get_request(demo_ctx, window.user, copy_id).request
    original = rq.get_request(demo_ctx, window.user, rejected.id).request
    assert copy.state == RequestState.DRAFT and copy.title == original.title
    assert [a.sha256 for a in copy.attachments] == [a.sha256 for a in original.attachments]
    opened[0].close()


def test_a_published_period_is_extended(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx)
    published = _show(qtbot, window, RequestState.PUBLISHED)
    assert window.detail.period_button.isVisible()
    window.detail.period_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PeriodDialog),
                    timeout=5000)
    dialog = QApplication.activeModalWidget()
    new_date = demo_ctx.today() + timedelta(days=90)
    dialog.until.setDate(new_date)
    dialog.reason.setText("เจ้าของข้อมูลขอขยายเวลา")
    with qtbot.waitSignal(dialog.period_changed, timeout=10000):
        dialog.save()
    assert rq.get_request(demo_ctx, window.user, published.id).request.expiry_date == new_date


def test_the_state_column_names_who_acts_next(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx)
    model = window.model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    states = [r.state for r in rows if r is not None]
    assert len(states) == len(rows)
    cells = {state: model.index(i, RequestTableModel.STATE).data()
             for i, state in enumerate(states)}
    awaiting = cells[RequestState.AWAITING_APPROVAL]
    assert awaiting == "รออนุมัติ — ขั้นที่ 1/1: ผู้อนุมัติ"     # the demo's one any-approver step
    assert cells[RequestState.RETURNED].startswith("ส่งกลับแก้ไข — เจ้าของข้อมูล")
    assert cells[RequestState.DRAFT] != ""
    row = states.index(RequestState.AWAITING_APPROVAL)
    assert model.index(row, RequestTableModel.STATE).data(Qt.ItemDataRole.ToolTipRole) \
        == awaiting
