"""pytest-qt: the home screen of each role, and a line that opens its request."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from desktop.domain.workflow import RequestState
from desktop.services.home import HomeSummary
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import session_for


def _window(qtbot, ctx, username: str) -> tuple[MainWindow, HomeSummary]:  # noqa: ANN001
    install_translator("th")
    window = MainWindow(session_for(ctx, username), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.home.home_loaded, timeout=20000) as loaded:
        window.show()
    return window, loaded.args[0]


def test_a_webmaster_sees_what_waits_and_opens_it(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window, summary = _window(qtbot, demo_ctx, "somsri")
    assert window.tabs.currentWidget() is window.home
    lists = {home_list.key: home_list for home_list in summary.lists}
    assert {r.state for r in lists["to_check"].rows} <= {RequestState.SUBMITTED,
                                                         RequestState.IN_REVIEW}
    ready = lists["ready_to_publish"].rows
    assert ready and all(r.state == RequestState.APPROVED for r in ready)
    text = window.home.view.toPlainText()
    assert "อนุมัติแล้ว พร้อมเผยแพร่" in text and ready[0].title in text
    assert f"อนุมัติแล้ว ({ready[0].waiting_for.th})" in text       # who acts next, named
    assert summary.counts[RequestState.PUBLISHED] >= 1
    with qtbot.waitSignal(window.detail_loaded, timeout=10000) as shown:
        window.home.view.anchorClicked.emit(QUrl(f"open:{ready[0].id}"))
    assert shown.args[0].request.id == ready[0].id
    assert window.tabs.currentWidget() is window.queue_page


def test_a_director_opens_on_the_inbox_and_home_lists_the_signatures(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window, summary = _window(qtbot, demo_ctx, "director")
    assert window.tabs.currentWidget() is window.inbox
    assert len(summary.to_sign) == 1 and summary.to_sign[0].due is not None
    assert "รอท่านลงนาม (1)" in window.home.view.toPlainText()


def test_an_admin_sees_the_health(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window, summary = _window(qtbot, demo_ctx, "admin")
    assert summary.health is not None and summary.health.audit_ok
    text = window.home.view.toPlainText()
    assert "สถานะของระบบ" in text and "บันทึกการใช้งาน" in text
    from PySide6.QtWidgets import QApplication

    from desktop.ui.server_dialog import ServerDialog

    window.home.view.anchorClicked.emit(QUrl("admin:servers"))    # the server line opens it
    qtbot.waitUntil(lambda: any(isinstance(w, ServerDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10000)
    for dialog in [w for w in QApplication.topLevelWidgets() if isinstance(w, ServerDialog)]:
        dialog.close()


def test_a_failed_upload_waits_on_the_home_screen(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from datetime import datetime

    from desktop.services import auth
    from desktop.services import requests as rq
    from desktop.services.publish_txn import record_session
    from desktop.services.server_access import AuthKind, ServerProfile

    approved = rq.list_requests(demo_ctx, rq.RequestQuery(states=(RequestState.APPROVED,)))[0]
    somchai = next(u for u in auth.list_users(demo_ctx) if u.username == "somchai")
    profile = ServerProfile(name="เว็บไซต์สำนักงาน", host="www.example.go.th", user="webmaster",
                            web_root="/var/www/html", archive_dir="/srv/archive",
                            auth=AuthKind.PASSWORD)
    _, before = _window(qtbot, demo_ctx, "somsri")
    assert {h.key: h for h in before.lists}["failed_uploads"].total == 0
    record_session(demo_ctx, somchai, profile, approved.id, "publish", datetime(2026, 12, 2),
                   "failed", detail="Connection refused")     # as a failed publish leaves it
    window, summary = _window(qtbot, demo_ctx, "somsri")
    failed = {h.key: h for h in summary.lists}["failed_uploads"]
    assert failed.total == 1 and failed.rows[0].id == approved.id
    assert "อัปโหลดไม่สำเร็จ: เผยแพร่อีกครั้ง (1)" in window.home.view.toPlainText()
