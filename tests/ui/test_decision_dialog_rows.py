"""pytest-qt: the decision dialog shows only the rows of its decision — the quick reasons
(reasons to reject) only when rejecting, no label left without its field — and its approve
button says "and lock" only when the screen will lock."""

from __future__ import annotations

from typing import cast

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.services.signoff import Decision, SignoffOptions
from desktop.ui.decision_dialog import DecisionAsked, DecisionDialog, DecisionFlow
from desktop.ui.decision_lock import mark_locks_after_decision
from desktop.ui.i18n import install_translator


@pytest.mark.parametrize(("decision", "quick", "reason"), [
    (Decision.APPROVE, False, False),
    (Decision.REJECT, True, True),
    (Decision.REQUEST_CHANGES, False, True),
])
def test_rows_of_each_decision(qtbot: QtBot, decision: Decision, quick: bool,
                               reason: bool) -> None:
    dialog = DecisionDialog(decision, "ประกาศ", "ab" * 32, "en")
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)
              if label.isVisibleTo(dialog)}
    assert ("Quick reason" in labels) == quick, labels
    assert ("Reason / comments" in labels) == reason, labels
    assert dialog.quick.isVisibleTo(dialog) == quick


def _confirm_text(dialog: DecisionDialog) -> str:
    button = dialog.findChild(QPushButton, "confirmButton")
    assert isinstance(button, QPushButton)
    return button.text()


@pytest.mark.parametrize(("locks", "english", "thai"), [
    (True, "Sign and lock", "ลงนามและล็อกหน้าจอ"),
    (False, "Sign", "ลงนาม"),
])
def test_the_approve_button_says_lock_only_when_the_screen_will_lock(
        qtbot: QtBot, locks: bool, english: str, thai: str) -> None:
    dialog = DecisionDialog(Decision.APPROVE, "ประกาศ", "ab" * 32, "en", locks_screen=locks)
    qtbot.addWidget(dialog)
    assert _confirm_text(dialog) == english
    install_translator("th")
    try:
        dialog = DecisionDialog(Decision.APPROVE, "ประกาศ", "ab" * 32, "th", locks_screen=locks)
        qtbot.addWidget(dialog)
        assert _confirm_text(dialog) == thai
    finally:
        install_translator("en")


@pytest.mark.parametrize("locks", [True, False, None])
def test_the_flow_asks_the_window_whether_signing_locks_it(qtbot: QtBot,
                                                           locks: bool | None) -> None:
    """The session controller marks the window it opens (shared PC + lock after each
    sign-off); a flow in any widget of that window passes it to its dialog.  Not marked: no
    lock (a window nobody locks)."""
    window = QWidget()
    qtbot.addWidget(window)
    inbox = QWidget(window)                      # the flow's parent: a widget in the window
    if locks is not None:
        mark_locks_after_decision(window, locks)
    flow = DecisionFlow(inbox, cast(AppContext, None), cast(User, None), "en")
    options = SignoffOptions(request_id=1, step=1, total_steps=1,
                             step_title=Localized("ผู้อำนวยการ", "Director"),
                             may_sign_self=True, on_behalf_choices=(),
                             signature_required=False, manifest_hash="ab" * 32)
    flow._ask(DecisionAsked(Decision.APPROVE, 1, "ประกาศ", "WD-2569-0001"), options)
    assert flow.dialog is not None                 # a child of the window: closed with it
    assert _confirm_text(flow.dialog) == ("Sign and lock" if locks else "Sign")
    assert flow.dialog.locks_screen is bool(locks)


@pytest.mark.parametrize(("shared", "lock_after", "marked"),
                         [(True, True, True), (True, False, False), (False, True, False)])
def test_the_session_controller_marks_the_windows_it_opens(
        qtbot: QtBot, demo_ctx: AppContext, shared: bool, lock_after: bool,
        marked: bool) -> None:
    """Only a shared PC that locks after each sign-off says "Sign and lock"."""
    from desktop.services.user_session import UserSession
    from desktop.services.workstation import WorkstationSettings
    from desktop.ui.decision_lock import locks_after_decision
    from desktop.ui.session import SessionController
    from desktop.ui.tasks import task_runner

    controller = SessionController(demo_ctx, "en", WorkstationSettings(
        shared_pc=shared, lock_after_decision=lock_after))
    try:
        window = controller.open_window(UserSession.sign_in(demo_ctx, "director",
                                                            "director-demo-1"))
        assert locks_after_decision(window) is marked
    finally:
        controller.shutdown()
        qtbot.waitUntil(lambda: task_runner().running() == 0, timeout=60_000)
