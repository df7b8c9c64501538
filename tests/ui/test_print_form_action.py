"""pytest-qt: the toolbar's "Print form (PDF)" follows the request of the page shown — the
inbox's decision on the approver inbox, the queue's selection on All requests."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.main_window import MainWindow
from tests.ui.conftest import session_for


def test_print_form_follows_the_inbox_and_the_queue(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: True)
    window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.inbox is not None
                    and window.inbox.shown_request_id() is not None, timeout=20000)
    assert window.inbox is not None and window.tabs.currentWidget() is window.inbox
    shown = window.inbox.shown_request_id()
    action = window.toolbar_actions.form
    assert action.isEnabled()                   # a request is selected in the inbox
    with qtbot.waitSignal(window.form_written, timeout=20000) as written:
        action.trigger()
    assert Path(written.args[0]).name == f"request-form-{shown}.pdf"
    assert Path(written.args[0]).read_bytes()[:4] == b"%PDF"
    window.tabs.show_queue()                    # nothing selected in the queue yet
    assert window.queue.selected_id is None and not action.isEnabled()
    window.tabs.setCurrentWidget(window.inbox)
    assert action.isEnabled()
    window.inbox.clear_detail()                 # the inbox emptied (last one signed)
    assert not action.isEnabled()
