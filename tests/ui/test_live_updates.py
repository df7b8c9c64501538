"""Live updates in the main window (issue 15): what another PC does shows without pressing
anything, and the user keeps their place — the selected request, the scroll position and
what they were typing.  The other PC is a second AppContext on the same database with its
own workstation name (its own connections); nothing here is timed, the test waits for the
window's own signals."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.workflow import Action, RequestState
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.bulk_seed import seed_bulk
from desktop.services.context import AppContext
from desktop.services.live import QueueChanges
from desktop.store.change_feed import ChangeFeed
from desktop.ui.live_updates import SWITCH
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_view import PAGE_SIZE
from desktop.ui.tasks import Lane, task_runner
from tests.ui.conftest import session_for

WAIT = 60_000


@pytest.fixture(autouse=True)
def live_updates_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "1")


@pytest.fixture
def other_pc(demo_ctx: AppContext) -> Iterator[AppContext]:
    ctx = AppContext.open(AppPaths.resolve(demo_ctx.paths.home), upgrade=False)
    ctx.workstation = "pc-2"
    yield ctx
    ctx.close()


def _window(qtbot, ctx: AppContext, username: str) -> MainWindow:  # noqa: ANN001
    """The window, its first page shown, its feed connected and the one reload that follows
    the connection done (so that a test's own waits see only its own changes)."""
    window = MainWindow(session_for(ctx, username), "th")
    qtbot.addWidget(window)
    applied: list[QueueChanges] = []
    loads: list[object] = []
    window.live.applied.connect(applied.append)
    window.queue_loaded.connect(loads.append)
    window.show()
    qtbot.waitUntil(lambda: bool(loads) and any(c.everything for c in applied), timeout=WAIT)
    qtbot.waitUntil(lambda: task_runner().running(Lane.DATABASE) == 0, timeout=WAIT)
    assert window.live.connected
    return window


def _shown_ids(window: MainWindow) -> list[int]:
    return [window.model.row_at(i).id for i in range(window.model.rowCount())]  # type: ignore[union-attr]


def test_another_pcs_request_and_edit_show_and_the_selection_stays(
        qtbot, demo_ctx: AppContext, other_pc: AppContext) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    row = next(i for i in range(window.model.rowCount())
               if window.model.row_at(i).state == RequestState.DRAFT)  # type: ignore[union-attr]
    chosen = window.model.row_at(row)
    assert chosen is not None
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT):
        window.table.selectRow(row)
    somchai = auth.sign_in(other_pc, "somchai", "somchai-demo-1")
    with qtbot.waitSignal(window.queue_loaded, timeout=WAIT):
        new = rq.register_request(other_pc, somchai, PublicationRequest(
            title="ประกาศจากเครื่องที่สอง", requester=Requester(name="ก", unit="ข")))
    assert new in _shown_ids(window)
    assert window.queue.selected_id == chosen.id
    assert window.model.row_at(window.table.currentIndex().row()).id == chosen.id  # type: ignore[union-attr]
    current = rq.get_request(other_pc, somchai, chosen.id).request

    def shows_new_title(detail: rq.RequestDetail) -> bool:
        return detail.request.title == "แก้ชื่อจากเครื่องที่สอง"

    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT, check_params_cb=shows_new_title):
        rq.update_request(other_pc, somchai, chosen.id,
                          current.with_changes(title="แก้ชื่อจากเครื่องที่สอง"))
    assert window.queue.selected_id == chosen.id
    assert "แก้ชื่อจากเครื่องที่สอง" in window.detail.view.toPlainText()


def test_typing_in_an_open_request_is_never_touched(
        qtbot, demo_ctx: AppContext, other_pc: AppContext) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somchai")
    draft = next(window.model.row_at(i) for i in range(window.model.rowCount())
                 if window.model.row_at(i).state == RequestState.DRAFT)  # type: ignore[union-attr]
    assert draft is not None
    with qtbot.waitSignal(window.request_dialog_opened, timeout=WAIT) as opened:
        window.edit_request(draft)
    dialog = opened.args[0]
    qtbot.waitSignal(dialog.loaded, timeout=WAIT).wait()
    title: QLineEdit = dialog.form.widgets["title"]
    title.setText("ชื่อที่กำลังพิมพ์ ยังไม่บันทึก")
    somsri = auth.sign_in(other_pc, "somsri", "somsri-demo-1")
    current = rq.get_request(other_pc, somsri, draft.id).request
    with qtbot.waitSignal(window.live.applied, timeout=WAIT):
        rq.update_request(other_pc, somsri, draft.id, current.with_changes(remarks="อีกเครื่อง"))
    assert title.text() == "ชื่อที่กำลังพิมพ์ ยังไม่บันทึก"
    dialog.reject()


def test_the_inbox_gets_a_request_sent_for_approval_elsewhere(
        qtbot, demo_ctx: AppContext, other_pc: AppContext) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "director")
    assert window.inbox is not None
    before = window.inbox.model.rowCount()
    somsri = auth.sign_in(other_pc, "somsri", "somsri-demo-1")
    submitted = rq.list_requests(other_pc, rq.RequestQuery(states=(RequestState.SUBMITTED,)))[0]
    rq.perform_action(other_pc, somsri, submitted.id, Action.START_REVIEW)
    with qtbot.waitSignal(window.inbox.inbox_loaded, timeout=WAIT,
                          check_params_cb=lambda n: n == before + 1):
        rq.perform_action(other_pc, somsri, submitted.id, Action.SEND_FOR_APPROVAL)


def test_a_long_queue_keeps_its_loaded_rows_and_scroll_position(
        qtbot, demo_ctx: AppContext, other_pc: AppContext) -> None:  # noqa: ANN001
    seed_bulk(other_pc, 3 * PAGE_SIZE, files_per_request=1)
    window = _window(qtbot, demo_ctx, "somsri")
    assert window.model.rowCount() == PAGE_SIZE < window.model.total   # a page, not all
    while window.model.rowCount() < 2 * PAGE_SIZE:
        count = window.model.rowCount()
        window.table.scrollToBottom()
        qtbot.waitUntil(lambda count=count: window.model.rowCount() > count, timeout=WAIT)
    loaded = window.model.rowCount()
    window.table.verticalScrollBar().setValue(window.table.verticalScrollBar().maximum() // 2)
    position = window.table.verticalScrollBar().value()
    somchai = auth.sign_in(other_pc, "somchai", "somchai-demo-1")
    with qtbot.waitSignal(window.queue_loaded, timeout=WAIT):
        rq.register_request(other_pc, somchai, PublicationRequest(title="ใหม่ระหว่างเลื่อน"))
    assert window.model.rowCount() >= loaded
    assert window.table.verticalScrollBar().value() == position


def test_a_change_made_while_the_feed_connects_shows_once_it_has(
        qtbot, demo_ctx: AppContext, other_pc: AppContext,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed reports what commits after it has connected; the window's first page was
    read before that.  A request registered in between shows when the feed connects (the
    window reloads once then), not only with the next change."""
    gate = threading.Event()
    connect = ChangeFeed._run

    def held(feed: ChangeFeed) -> None:
        gate.wait(WAIT / 1000)
        connect(feed)
    monkeypatch.setattr(ChangeFeed, "_run", held)
    window = MainWindow(session_for(demo_ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=WAIT):
        window.show()
    somchai = auth.sign_in(other_pc, "somchai", "somchai-demo-1")
    new = rq.register_request(other_pc, somchai, PublicationRequest(
        title="ลงทะเบียนระหว่างต่อสาย", requester=Requester(name="ก", unit="ข")))
    assert new not in _shown_ids(window) and not window.live.connected
    gate.set()
    qtbot.waitUntil(lambda: new in _shown_ids(window), timeout=WAIT)
