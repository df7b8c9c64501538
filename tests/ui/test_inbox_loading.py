"""pytest-qt: the approver's inbox on a slow database never shows one request's content
under another's selection."""

from __future__ import annotations

import threading

from sqlalchemy import select

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.store.models import SignoffRow
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import task_runner
from tests.ui.conftest import session_for


def test_a_slow_request_in_the_inbox_says_loading_not_the_last_ones_content(
        qtbot, demo_ctx, tmp_path) -> None:  # noqa: ANN001
    """A job ahead on the database worker holds the next request back: the inbox stops
    showing the request the director left (its title, content, files) and says, in Thai,
    that it is loading; nothing can be signed meanwhile (not even "sign again", from the
    moment the row is chosen, nor print the form of the one left); the next request comes
    when the database is free."""
    approved = rq.list_requests(demo_ctx, rq.RequestQuery(states=(RequestState.APPROVED,)))[0]
    with demo_ctx.db.write() as session:       # signed before keys existed: a second item
        for row in session.execute(select(SignoffRow).where(
                SignoffRow.request_id == approved.id)).scalars():
            row.record, row.signature = "", ""
            row.user_key_id = row.certificate_id = None
    install_translator("th")
    window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.inbox is not None and len(window.inbox.model.items) >= 2,
                    timeout=15000)
    inbox = window.inbox
    left = next(i for i in inbox.model.items if i.request_id != approved.id)
    with qtbot.waitSignal(inbox.detail_loaded, timeout=10000):
        inbox.select_request(left.request_id)
    qtbot.waitUntil(lambda: inbox.tabs.file_list.count() > 0, timeout=10000)
    left_title = inbox.detail.detail.request.title
    assert left_title in inbox.heading.text() and inbox.approve_button.isEnabled()
    free = threading.Event()
    task_runner().database(lambda: free.wait(60), lambda _r: None, lambda _f: None, owner=window)
    try:
        inbox.select_request(approved.id)
        assert inbox.resign_button.isVisible()     # it needs signing again, but not yet:
        assert not inbox.resign_button.isEnabled()  # what is on screen is still the one left
        assert not inbox.form_button.isEnabled()    # (nor print the one left as if chosen,
        assert not window.toolbar_actions.form.isEnabled()   # from the toolbar either)
        assert window.tabs.selected_request_id() is None
        qtbot.waitUntil(lambda: inbox.heading.text() == "กำลังโหลดคำขอ…", timeout=10000)
        assert inbox.content_view.toPlainText() == ""
        assert inbox.tabs.file_list.count() == 0
        assert not any(b.isEnabled() for b in (inbox.approve_button, inbox.reject_button,
                                               inbox.changes_button, inbox.form_button,
                                               inbox.resign_button))
        assert window.grab().save(str(tmp_path / "inbox-loading.png"))
        with qtbot.waitSignal(inbox.detail_loaded, timeout=10000) as signal:
            free.set()
    finally:
        free.set()
    assert signal.args[0].detail.request.id == approved.id
    assert approved.title in inbox.heading.text()
    assert inbox.resign_button.isEnabled() and inbox.form_button.isEnabled()
    assert window.toolbar_actions.form.isEnabled()
    with qtbot.waitSignal(inbox.inbox_loaded, timeout=10000):
        inbox.refresh()             # the same request reselected, its detail reloading:
    assert inbox.resign_button.isEnabled()      # still the one on screen, so they stay
    assert inbox.form_button.isEnabled()
