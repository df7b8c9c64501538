"""pytest-qt: the notice to the information owner from the main window (copy is logged)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.domain.workflow import RequestState
from desktop.store.models import AuditRow
from desktop.ui.main_window import MainWindow
from desktop.ui.notice_dialog import NoticeDialog
from tests.ui.conftest import session_for


def test_webmaster_copies_the_rejection_notice(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = MainWindow(session_for(demo_ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    row = next(i for i in range(window.model.rowCount())
               if window.model.row_at(i).state == RequestState.REJECTED)
    with qtbot.waitSignal(window.detail_loaded, timeout=10000):
        window.table.selectRow(row)
    assert window.toolbar_actions.notice.isVisible()
    window.toolbar_actions.notice.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, NoticeDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NoticeDialog))
    assert "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน" in dialog.body.toPlainText()
    assert not dialog.send_button.isEnabled()  # no mail server configured
    with qtbot.waitSignal(dialog.copied, timeout=5000):
        dialog.copy_button.click()
    assert "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน" in QApplication.clipboard().text()
    with demo_ctx.db.read() as s:
        assert s.execute(select(AuditRow.action).order_by(AuditRow.id.desc())).scalars().first() \
            == "notice_copied"
    dialog.close()
    QApplication.clipboard().clear()
