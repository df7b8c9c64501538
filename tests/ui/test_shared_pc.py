"""pytest-qt: shared-PC mode (lock on idle, sign and lock, no trace), the approver inbox,
delegation and a two-step chain through the GUI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from desktop.domain.messages import Localized
from desktop.domain.workflow import RequestState, Role
from desktop.services import auth
from desktop.services.approval_chain import ApprovalStep, set_chain
from desktop.services.requests import RequestQuery, list_requests
from desktop.services.signoff import SIGNATURE_SETTING
from desktop.services.workstation import WorkstationSettings
from desktop.store.models import AuditRow, SignoffRow
from desktop.ui.decision_dialog import DecisionDialog
from desktop.ui.delegation_dialog import DelegationDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SessionController, visible_texts
from desktop.ui.signature_pad import SignaturePad
from tests.ui.conftest import session_for

DIRECTOR = "นายแพทย์ประเสริฐ รักษ์ดี"


@pytest.fixture
def controller_factory(demo_ctx, qtbot) -> Iterator[Callable[..., SessionController]]:  # noqa: ANN001
    made: list[SessionController] = []

    def make(idle_seconds: float = 600.0) -> SessionController:
        controller = SessionController(demo_ctx, "th", WorkstationSettings(
            shared_pc=True, idle_lock_seconds=idle_seconds))
        controller.start()
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()


def _sign_in(qtbot, controller: SessionController, username: str) -> MainWindow:  # noqa: ANN001
    screen = controller.lock_screen
    assert screen is not None and screen.isVisible()
    screen.form.username.setText(username)
    screen.form.password.setText(f"{username}-demo-1")
    with qtbot.waitSignal(controller.window_opened, timeout=10000) as opened:
        screen.form.try_sign_in()
    window = opened.args[0]
    assert window.inbox is None or isinstance(window.inbox.model.items, list)
    return window


def _wait_inbox(qtbot, window: MainWindow, count: int) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.inbox is not None
                    and window.inbox.model.rowCount() == count, timeout=10000)


def _select_first(qtbot, window: MainWindow):  # noqa: ANN001, ANN202
    assert window.inbox is not None
    with qtbot.waitSignal(window.inbox.detail_loaded, timeout=10000) as loaded:
        window.inbox.select_row(0)
    return loaded.args[0]


def _decision_dialog(qtbot) -> DecisionDialog:  # noqa: ANN001
    """The decision dialog once it is open (options are read in the background first)."""
    def shown() -> bool:
        widget = QApplication.activeModalWidget()
        return isinstance(widget, DecisionDialog) and widget.isVisible()

    qtbot.waitUntil(shown, timeout=10000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, DecisionDialog)
    assert dialog.password.hasFocus()                # type at once
    return dialog


def _sign(qtbot, dialog: DecisionDialog, password: str,  # noqa: ANN001
          on_behalf_index: int | None = None) -> None:
    """Fill in the password, confirm, and wait for the confirmation naming what was signed."""
    if on_behalf_index is not None:
        dialog.on_behalf.setCurrentIndex(on_behalf_index)
    dialog.password.setText(password)
    dialog.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10000)
    assert dialog.confirmation.text()


def _awaiting_titles(ctx) -> list[str]:  # noqa: ANN001
    return [r.title for r in list_requests(ctx, RequestQuery())]


def _assert_no_trace(texts: list[str], secrets: list[str]) -> None:
    joined = "\n".join(texts)
    for secret in secrets:
        assert secret not in joined, f"left on screen after lock: {secret!r}"


def _short_idle(controller: SessionController, msecs: int = 400) -> None:
    """Once the screen shows the person's data, make the idle time short (the setting is
    minutes in real use; a loaded machine must not lock before the test has looked)."""
    controller.idle.timer.setInterval(msecs)
    controller.idle.timer.start()


def _flush_deletes() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_opens_on_sign_in_and_locks_when_idle_leaving_no_trace(qtbot, demo_ctx,
                                                               controller_factory) -> None:
    controller = controller_factory()
    assert controller.window is None and controller.lock_screen.isVisible()
    window = _sign_in(qtbot, controller, "director")
    _wait_inbox(qtbot, window, 1)
    detail = _select_first(qtbot, window)
    title = detail.detail.request.title
    assert title in "\n".join(visible_texts(window))  # it really was on screen
    QApplication.clipboard().setText(f"copied: {title}")
    _short_idle(controller)
    why: list[str] = []
    controller.locked.connect(why.append)
    with qtbot.waitSignal(controller.sign_out_recorded, timeout=10000):
        pass  # nobody touches anything
    assert why == ["idle"]
    assert controller.window is None and controller.lock_screen.isVisible()
    assert not shiboken6.isValid(window) or not window.isVisible()
    with demo_ctx.db.read() as session:                 # the audit log says why it locked
        last = session.execute(select(AuditRow).where(AuditRow.action == "sign_out")
                               .order_by(AuditRow.id.desc())).scalars().first()
        assert last is not None and last.actor_name == "director"
        assert json.loads(last.details)["reason"] == "idle"
    _flush_deletes()
    secrets = [DIRECTOR, "director", *_awaiting_titles(demo_ctx)]
    _assert_no_trace(visible_texts(), secrets)
    assert QApplication.clipboard().text() == ""


def test_sign_and_lock_after_decision_then_a_fresh_window(qtbot, demo_ctx,
                                                          controller_factory) -> None:
    controller = controller_factory()
    window = _sign_in(qtbot, controller, "director")
    _wait_inbox(qtbot, window, 1)
    detail = _select_first(qtbot, window)
    rid = detail.detail.request.id
    window.inbox.approve_button.click()
    dialog = _decision_dialog(qtbot)
    _sign(qtbot, dialog, "director-demo-1")
    assert detail.detail.request.title in dialog.confirmation.text()
    with qtbot.waitSignal(controller.locked, timeout=10000) as locked:
        dialog.done_button.click()
    assert locked.args[0] == "decision"
    with demo_ctx.db.read() as s:
        row = s.execute(select(SignoffRow).where(SignoffRow.request_id == rid)
                        .order_by(SignoffRow.id.desc())).scalars().first()
        assert (row.decision, row.approver_name, row.workstation) == (
            "approve", DIRECTOR, demo_ctx.workstation)
    _flush_deletes()
    _assert_no_trace(visible_texts(), [DIRECTOR, detail.detail.request.title])
    nxt = _sign_in(qtbot, controller, "somsri")
    assert nxt is not window and nxt.user.username == "somsri"
    assert nxt.inbox is None  # a webmaster has no inbox
    assert DIRECTOR not in "\n".join(visible_texts(nxt))


def test_idle_lock_closes_an_open_decision_dialog(qtbot, demo_ctx, controller_factory) -> None:
    controller = controller_factory()
    window = _sign_in(qtbot, controller, "director")
    _wait_inbox(qtbot, window, 1)
    _select_first(qtbot, window)
    window.inbox.reject_button.click()
    dialog = _decision_dialog(qtbot)
    dialog.password.setText("half-typed")
    with qtbot.waitSignal(controller.locked, timeout=10000):
        _short_idle(controller)                     # idle: the lock closes the dialog
    assert not shiboken6.isValid(dialog) or dialog.password.text() == ""
    _flush_deletes()
    assert not any(isinstance(w, DecisionDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    with demo_ctx.db.read() as s:
        assert s.execute(select(SignoffRow).where(SignoffRow.decision == "reject")).all() != []
        # only the seeded rejection: nothing new was recorded
        assert len(s.execute(select(SignoffRow).where(SignoffRow.decision == "reject")).all()) == 1


def test_delegate_signs_on_behalf_of_the_director(qtbot, demo_ctx) -> None:
    admin = auth.sign_in(demo_ctx, "admin", "admin-demo-1")
    deputy = auth.create_user(demo_ctx, auth.NewUser("deputy", "deputy-demo-1", frozenset(
        {Role.WEBMASTER}), "นายรอง ปฏิบัติแทน", "รองสาธารณสุขอำเภอ"), admin,
        actor_password="admin-demo-1")
    director = auth.sign_in(demo_ctx, "director", "director-demo-1")
    # The director delegates through the GUI, for today only.
    dialog = DelegationDialog(demo_ctx, director, "th")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.delegate.findData(deputy.id) >= 0, timeout=10000)
    dialog.delegate.setCurrentIndex(dialog.delegate.findData(deputy.id))
    dialog.note.setText("ไปราชการต่างจังหวัด")
    with qtbot.waitSignal(dialog.delegation_created, timeout=10000) as created:
        dialog.add()
    assert created.args[0].delegate_id == deputy.id
    qtbot.waitUntil(lambda: dialog.existing.count() == 1, timeout=10000)
    assert not dialog.revoke_button.isEnabled()          # nothing selected: nothing to revoke
    dialog.existing.setCurrentRow(0)
    assert dialog.revoke_button.isEnabled()
    window = MainWindow(session_for(demo_ctx, "deputy"), "th")
    qtbot.addWidget(window)
    window.show()
    _wait_inbox(qtbot, window, 1)
    assert window.inbox.model.items[0].on_behalf_of == (DIRECTOR,)
    assert not window.inbox.delegate_button.isVisibleTo(window)  # not an approver
    detail = _select_first(qtbot, window)
    assert not detail.options.may_sign_self
    window.inbox.approve_button.click()
    dialog = _decision_dialog(qtbot)
    _sign(qtbot, dialog, "deputy-demo-1", on_behalf_index=0)
    with qtbot.waitSignal(window.decision_recorded, timeout=10000) as done:
        dialog.done_button.click()
    assert done.args[0].state == RequestState.APPROVED
    with demo_ctx.db.read() as s:
        row = s.execute(select(SignoffRow).where(SignoffRow.id == done.args[0].signoff_id)
                        ).scalar_one()
    assert (row.approver_id, row.on_behalf_of_id) == (deputy.id, director.id)


def test_two_step_chain_through_the_gui(qtbot, demo_ctx) -> None:
    admin = auth.sign_in(demo_ctx, "admin", "admin-demo-1")
    awaiting = list_requests(demo_ctx, RequestQuery(states=(RequestState.AWAITING_APPROVAL,)))[0]
    set_chain(demo_ctx, admin, awaiting.category, [
        ApprovalStep(1, Localized("หัวหน้ากลุ่มงาน", "Head of group"), ("head",)),
        ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("director",))])
    director_window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(director_window)
    director_window.show()
    with qtbot.waitSignal(director_window.inbox.inbox_loaded, timeout=10000):
        director_window.inbox.refresh()
    assert director_window.inbox.model.rowCount() == 0  # step 1 is the head's
    head_window = MainWindow(session_for(demo_ctx, "head"), "th")
    qtbot.addWidget(head_window)
    head_window.show()
    _wait_inbox(qtbot, head_window, 1)
    detail = _select_first(qtbot, head_window)
    assert (detail.options.step, detail.options.total_steps) == (1, 2)
    head_window.inbox.approve_button.click()
    dialog = _decision_dialog(qtbot)
    _sign(qtbot, dialog, "head-demo-1")
    with qtbot.waitSignal(head_window.decision_recorded, timeout=10000) as first:
        dialog.done_button.click()
    assert first.args[0].state == RequestState.AWAITING_APPROVAL
    _wait_inbox(qtbot, head_window, 0)
    director_window.inbox.refresh()
    _wait_inbox(qtbot, director_window, 1)
    assert "2/2" in director_window.inbox.model.index(0, 3).data()
    _select_first(qtbot, director_window)
    director_window.inbox.approve_button.click()
    dialog = _decision_dialog(qtbot)
    _sign(qtbot, dialog, "director-demo-1")
    with qtbot.waitSignal(director_window.decision_recorded, timeout=10000) as second:
        dialog.done_button.click()
    assert second.args[0].state == RequestState.APPROVED


def test_signature_pad_draws_and_is_required_when_the_agency_asks(qtbot, demo_ctx) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 140)
    pad.show()
    assert pad.png() is None
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
    for x in range(50, 300, 25):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 50)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
    assert not pad.is_empty() and pad.png() is not None
    demo_ctx.set_setting(SIGNATURE_SETTING, True)
    window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(window)
    window.show()
    _wait_inbox(qtbot, window, 1)
    _select_first(qtbot, window)

    window.inbox.approve_button.click()
    dialog = _decision_dialog(qtbot)
    assert dialog.pad.isVisibleTo(dialog)
    dialog.password.setText("director-demo-1")
    dialog.findChild(QPushButton, "confirmButton").click()  # refused: no signature yet
    assert dialog.isVisible() and dialog.message.text()
    dialog.pad.begin_stroke(QPoint(30, 80).toPointF())
    dialog.pad.extend_stroke(QPoint(200, 40).toPointF())
    dialog.pad.end_stroke()
    _sign(qtbot, dialog, "director-demo-1")
    with qtbot.waitSignal(window.decision_recorded, timeout=10000) as done:
        dialog.done_button.click()
    with demo_ctx.db.read() as s:
        row = s.execute(select(SignoffRow).where(SignoffRow.id == done.args[0].signoff_id)
                        ).scalar_one()
    assert row.signature_sha256 is not None


def test_print_form_writes_the_pdf(qtbot, demo_ctx, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    window = MainWindow(session_for(demo_ctx, "director"), "th")
    qtbot.addWidget(window)
    window.show()
    _wait_inbox(qtbot, window, 1)
    _select_first(qtbot, window)
    with qtbot.waitSignal(window.form_written, timeout=20000) as written:
        window.inbox.form_button.click()
    assert Path(written.args[0]).read_bytes()[:4] == b"%PDF"
    assert opened == [str(written.args[0])]


def test_own_pc_mode_neither_idles_nor_locks_after_a_decision(qtbot, demo_ctx) -> None:
    controller = SessionController(demo_ctx, "th", WorkstationSettings(shared_pc=False,
                                                                       idle_lock_seconds=0.2))
    controller.start()
    try:
        assert controller.lock_screen.heading.text() == "Sign in to WebDesk" or \
            controller.lock_screen.heading.text() == "เข้าสู่ระบบ WebDesk"
        window = _sign_in(qtbot, controller, "director")
        _wait_inbox(qtbot, window, 1)
        _select_first(qtbot, window)
        assert not controller.idle.timer.isActive()
        window.inbox.approve_button.click()
        dialog = _decision_dialog(qtbot)
        _sign(qtbot, dialog, "director-demo-1")
        with qtbot.waitSignal(window.decision_recorded, timeout=10000):
            dialog.done_button.click()
        _wait_inbox(qtbot, window, 0)
        assert controller.window is window and window.isVisible()
        with qtbot.waitSignal(controller.locked, timeout=10000) as locked:
            window.toolbar_actions.sign_out.trigger()  # switching user is one action
        assert locked.args[0] == "sign_out" and controller.lock_screen.isVisible()
    finally:
        controller.shutdown()


def test_closing_the_window_on_a_shared_pc_locks_it(qtbot, demo_ctx, controller_factory) -> None:
    controller = controller_factory()
    window = _sign_in(qtbot, controller, "somsri")
    with qtbot.waitSignal(controller.locked, timeout=10000) as locked:
        window.close()
    assert locked.args[0] == "closed"
    assert controller.window is None and controller.lock_screen.isVisible()


def test_user_input_anywhere_restarts_the_idle_countdown(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit

    from desktop.ui.lock_screen import IdleWatcher

    field = QLineEdit()
    qtbot.addWidget(field)
    watcher = IdleWatcher(600)
    watcher.start()
    try:
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                Qt.KeyboardModifier.NoModifier, "a"))
        assert watcher.restarts >= 1 and watcher.timer.isActive()
        watcher.stop()
        before = watcher.restarts
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B,
                                                Qt.KeyboardModifier.NoModifier, "b"))
        assert watcher.restarts == before  # stopped: no longer watching
    finally:
        watcher.stop()
