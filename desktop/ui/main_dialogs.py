"""The dialogs the main window opens from its toolbar and its detail pane.  Each dialog's module
is imported when it is first opened (start-up time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop.domain.workflow import RequestState

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def _opened(dialog: QDialog | QWidget, modal: bool = False) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if modal and isinstance(dialog, QDialog):
        dialog.open()
    else:
        dialog.show()


def edit_servers(window: MainWindow) -> None:
    from desktop.ui.server_dialog import ServerDialog

    _opened(ServerDialog(window.session, window.lang, window))


def edit_users(window: MainWindow) -> None:
    from desktop.ui.users_dialog import UsersDialog

    _opened(UsersDialog(window.session, window.lang, window))


def edit_settings(window: MainWindow) -> None:
    from desktop.ui.settings_dialog import open_settings

    open_settings(window.session, window.lang, window)


def edit_chains(window: MainWindow) -> None:
    from desktop.ui.approval_chain_dialog import ApprovalChainDialog

    _opened(ApprovalChainDialog(window.ctx, window.user, window.lang, window))


def change_period(window: MainWindow) -> None:
    """A published request's period, extended or shortened (audited by the service)."""
    from desktop.ui.period_dialog import PeriodDialog

    shown = window.detail.detail
    if shown is None or shown.request.id is None:
        return
    request_id = shown.request.id
    dialog = PeriodDialog(window.ctx, window.user, window.lang, shown.request, window)
    dialog.period_changed.connect(
        lambda _d: window.action_done(request_id, RequestState.PUBLISHED))
    _opened(dialog, modal=True)


def record_published_elsewhere(window: MainWindow) -> None:
    """An approved request recorded as published another way (admins; URL and reason,
    audited by the service)."""
    from desktop.ui.elsewhere_dialog import ElsewhereDialog

    shown = window.detail.detail
    if shown is None or shown.request.id is None:
        return
    request_id = shown.request.id
    dialog = ElsewhereDialog(window.ctx, window.user, window.lang, shown.request, window)
    dialog.recorded.connect(lambda state: window.action_done(request_id, state))
    _opened(dialog, modal=True)


def notice_for_selected(window: MainWindow) -> None:
    from desktop.ui.notice_dialog import open_notice

    if window.queue.selected_id is not None:
        open_notice(window, window.ctx, window.user, window.lang, window.queue.selected_id,
                    window.show_failure)
