"""pytest-qt: sign-in, the queue, filters, and only the allowed actions."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.domain.workflow import Action, RequestState
from desktop.services.requests import RequestQuery, list_requests
from desktop.ui.i18n import install_translator
from desktop.ui.lock_screen import LockScreen
from desktop.ui.main_window import MainWindow
from desktop.ui.request_table_model import RequestTableModel
from tests.ui.conftest import session_for


def _window(qtbot, ctx, username: str, lang: str = "th") -> MainWindow:  # noqa: ANN001
    window = MainWindow(session_for(ctx, username), lang)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    return window


def test_sign_in_wrong_then_right_keeps_the_focus_on_the_password(qtbot, demo_ctx) -> None:  # noqa: ANN001
    screen = LockScreen(demo_ctx, "th", shared=False)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    form = screen.form
    qtbot.keyClicks(form.username, "director")
    qtbot.keyClicks(form.password, "wrong")
    with qtbot.waitSignal(form.sign_in_refused, timeout=10000):
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert "ไม่ถูกต้อง" in form.message.text()
    assert form.password.text() == "" and form.password.hasFocus()
    qtbot.keyClicks(form.password, "director-demo-1")   # typing goes to the password field
    with qtbot.waitSignal(screen.signed_in, timeout=10000) as signal:
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert signal.args[0].user.username == "director"


def test_queue_shows_every_state_and_filters(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    assert window.model.rowCount() == 12
    index = window.queue.state_filter.findData(RequestState.PUBLISHED.value)
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.state_filter.setCurrentIndex(index)
    states = {window.model.row_at(i).state for i in range(window.model.rowCount())}
    assert states == {RequestState.PUBLISHED}
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.state_filter.setCurrentIndex(0)
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.category_filter.setCurrentIndex(window.queue.category_filter.findData("law"))
    assert all(window.model.row_at(i).category == "law" for i in range(window.model.rowCount()))
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.category_filter.setCurrentIndex(0)
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.search.setText("ไข้เลือดออก")  # keyClicks is ASCII-only (QTest asserts)
    assert window.model.rowCount() == 1
    assert "ไข้เลือดออก" in window.model.row_at(0).title


def _select(qtbot, window: MainWindow, state: RequestState):  # noqa: ANN001, ANN202
    row = next(i for i in range(window.model.rowCount()) if window.model.row_at(i).state == state)
    with qtbot.waitSignal(window.detail_loaded, timeout=5000) as signal:
        window.table.selectRow(row)
    return signal.args[0]


def test_only_allowed_actions_are_offered(qtbot, demo_ctx) -> None:  # noqa: ANN001
    webmaster = _window(qtbot, demo_ctx, "somsri")
    _select(qtbot, webmaster, RequestState.SUBMITTED)
    assert set(webmaster.detail.buttons) == {Action.START_REVIEW, Action.WITHDRAW}
    # somsri checked the awaiting request: as a webmaster she has nothing to sign.
    _select(qtbot, webmaster, RequestState.AWAITING_APPROVAL)
    assert set(webmaster.detail.buttons) == {Action.WITHDRAW}
    approver = _window(qtbot, demo_ctx, "director")
    _select(qtbot, approver, RequestState.AWAITING_APPROVAL)
    assert set(approver.detail.buttons) == {Action.APPROVE, Action.REJECT,
                                            Action.REQUEST_CHANGES}
    _select(qtbot, approver, RequestState.SUBMITTED)
    assert approver.detail.buttons == {}
    assert not approver.toolbar_actions.new.isVisible()


def test_an_action_runs_and_the_queue_follows(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    detail = _select(qtbot, window, RequestState.SUBMITTED)
    with qtbot.waitSignal(window.action_finished, timeout=5000) as done:
        qtbot.mouseClick(window.detail.buttons[Action.START_REVIEW], Qt.MouseButton.LeftButton)
    assert done.args[0] == RequestState.IN_REVIEW
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.state == RequestState.IN_REVIEW)
    assert window.detail.detail.request.id == detail.request.id


def test_illegal_action_shows_a_thai_message_not_a_traceback(qtbot, demo_ctx,
                                                             monkeypatch) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    _select(qtbot, window, RequestState.PUBLISHED)
    shown: list[str] = []
    monkeypatch.setattr("desktop.ui.errors.show_user_error",
                        lambda parent, error, lang: shown.append(error.text(lang)))
    window.run_action(Action.SUBMIT)  # not offered, but forced: the service refuses
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "ไม่สามารถ" in shown[0]


def test_language_switch(qtbot, demo_ctx) -> None:  # noqa: ANN001
    install_translator("th")
    window = _window(qtbot, demo_ctx, "somsri", "th")
    header = window.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "หัวข้อ"
    window.toggle_language()
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Title"
    assert window.toolbar_actions.new.text() == "New request"
    window.toggle_language()
    assert window.toolbar_actions.new.text() == "ลงทะเบียนคำขอใหม่"


def test_table_model_passes_qtmodeltester(qtmodeltester, demo_ctx) -> None:  # noqa: ANN001
    model = RequestTableModel(demo_ctx.catalogue, "th")
    rows = list_requests(demo_ctx, RequestQuery(limit=5))
    model.set_rows(rows, total=12)
    qtmodeltester.check(model)
    # The tester keeps watching (and fetching); paging is checked on a fresh model.
    model = RequestTableModel(demo_ctx.catalogue, "th")
    model.set_rows(rows, total=12)
    assert model.canFetchMore()
    more: list[int] = []
    model.more_requested.connect(more.append)
    model.fetchMore()
    assert more == [5]
    assert not model.canFetchMore()  # one page at a time
    model.append_rows(list_requests(demo_ctx, RequestQuery(offset=5, limit=7)))
    assert model.rowCount() == 12 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_exception_hook_logs_a_bug_and_shows_a_plain_dialog(qtbot, demo_ctx,
                                                             monkeypatch) -> None:  # noqa: ANN001
    import sys

    from desktop.ui.errors import install_exception_hook

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    old = sys.excepthook
    install_exception_hook(demo_ctx.paths)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    log = (demo_ctx.paths.log_dir / "webdesk.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log and "Traceback" in log
    assert shown and "Traceback" not in shown[0] and "boom" not in shown[0]


def test_due_for_takedown_filter_and_indicator(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from datetime import timedelta

    from sqlalchemy import text

    with demo_ctx.db.write() as s:
        s.execute(text("update requests set expiry_date = :d where state = 'published'"),
                  {"d": demo_ctx.today() - timedelta(days=1)})
    install_translator("en")
    window = _window(qtbot, demo_ctx, "somsri", "en")
    assert "1 due for takedown" in window.count_label.text()
    with qtbot.waitSignal(window.queue_loaded, timeout=5000):
        window.queue.state_filter.setCurrentIndex(window.queue.state_filter.findData("due"))
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).state == RequestState.PUBLISHED



def test_every_toolbar_action_has_a_shortcut_named_in_its_tooltip(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from PySide6.QtGui import QKeySequence

    for username in ("admin", "somchai"):
        window = _window(qtbot, demo_ctx, username)
        keys_of: dict[str, str] = {}
        for action in window.toolbar_actions.all():
            if not action.isVisible():
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            assert keys, action.objectName()
            assert action.toolTip() == f"{action.text()} ({keys})"
            keys_of[action.objectName()] = keys
        assert len(set(keys_of.values())) == len(keys_of), keys_of     # no shortcut twice
        if username == "admin":
            assert keys_of["usersAction"] == "Ctrl+Shift+U"
        window.close()


def test_a_background_check_does_not_hold_the_window_open(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Only a real upload asks "quit anyway?" on close; a background network job (the
    start-up reconcile, a folder listing) does not."""
    import threading

    from desktop.ui.tasks import task_runner

    window = _window(qtbot, demo_ctx, "somchai")
    release = threading.Event()
    task_runner().network(lambda: release.wait(60), lambda _r: None, lambda _f: None)
    try:
        assert not window.publisher.uploading
        assert window.close()                 # no modal question in the way
        assert not window.isVisible()
    finally:
        release.set()


def test_the_first_queue_freezes_the_objects_of_the_start_once(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """gc.freeze once the first queue has arrived (a full collection then walks only what is
    new); a second window (after a sign-out) freezes nothing more."""
    gc.unfreeze()
    try:
        first = _window(qtbot, demo_ctx, "somsri")
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
        frozen = gc.get_freeze_count()
        first.close()
        second = _window(qtbot, demo_ctx, "director")
        qtbot.wait(50)                   # (its singleShot had its turn)
        assert second.model.rowCount() > 0
        assert gc.get_freeze_count() <= frozen      # frozen objects may die; none are added
    finally:
        gc.unfreeze()


def test_a_slow_detail_says_loading_instead_of_showing_the_request_left(
        qtbot, demo_ctx, tmp_path) -> None:  # noqa: ANN001
    """The database is busy (a job ahead of the detail on the database worker): the pane
    stops showing the request the user has left — its fields and its buttons — and says, in
    Thai, that it is loading; the new request comes when the database is free.  Its buttons
    are disabled from the moment another row is chosen.  A request reloaded in place (a live
    change) keeps its fields meanwhile."""
    import threading

    from desktop.ui.tasks import task_runner

    install_translator("th")
    window = _window(qtbot, demo_ctx, "somsri")
    with qtbot.waitSignal(window.preview_loaded, timeout=10000):
        left = _select(qtbot, window, RequestState.SUBMITTED)
    assert window.detail.buttons and window.detail.preview.file_list.count() > 0
    assert window.detail.preview.page.browser.toPlainText()
    free = threading.Event()
    task_runner().database(lambda: free.wait(60), lambda _r: None, lambda _f: None, owner=window)
    try:
        window.reload_detail(left.request.id)              # in place: its fields stay
        assert not window.detail.loading
        assert left.request.title in window.detail.view.toPlainText()
        wanted = next(window.model.row_at(i) for i in range(window.model.rowCount())
                      if window.model.row_at(i).state == RequestState.APPROVED)
        window.select_request(wanted.id)
        shown = [b for b in window.detail.findChildren(QPushButton) if b.isVisible()]
        assert shown and not [b for b in shown if b.isEnabled()]    # at once: not on the left
        qtbot.waitUntil(lambda: "กำลังโหลดคำขอ…" in window.detail.view.toPlainText(),
                        timeout=10000)
        assert left.request.title not in window.detail.view.toPlainText()
        assert window.detail.buttons == {} and not window.detail.edit_button.isVisible()
        assert not [b for b in window.detail.findChildren(QPushButton) if b.isVisible()]
        preview = window.detail.preview                # nor its files, page or checklist
        assert preview is not None and preview.file_list.count() == 0
        assert preview.page.browser.toPlainText() == "" and preview.pane.current is None
        assert window.grab().save(str(tmp_path / "detail-loading.png"))
        with qtbot.waitSignal(window.detail_loaded, timeout=10000) as signal:
            free.set()
    finally:
        free.set()
    assert signal.args[0].request.id == wanted.id
    assert not window.detail.loading
    assert wanted.title in window.detail.view.toPlainText()
    assert Action.PUBLISH in window.detail.buttons
