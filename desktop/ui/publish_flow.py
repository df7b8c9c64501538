"""The publish and take-down actions of the main window, through the SFTP services."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.domain.errors import NotFound
from desktop.domain.workflow import Action, label
from desktop.publish.credentials import CredentialStore
from desktop.publish.profiles import ServerProfile
from desktop.services import publishing, servers
from desktop.services import requests as rq
from desktop.ui.i18n import tr
from desktop.ui.operations import OpFailure
from desktop.ui.publish_dialog import PublishDialog, QueueEntry
from desktop.ui.simple_dialogs import ReasonDialog

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

_SESSION_CREDENTIALS: dict[int, CredentialStore] = {}


def session_credentials(window: MainWindow) -> CredentialStore:
    """One credential store per signed-in session (passwords asked once, never written)."""
    key = id(window)
    if key not in _SESSION_CREDENTIALS:
        _SESSION_CREDENTIALS.clear()  # a new person: forget the previous session's secrets
        _SESSION_CREDENTIALS[key] = servers.credential_store()
    return _SESSION_CREDENTIALS[key]


def handles(action: Action) -> bool:
    return action in (Action.PUBLISH, Action.TAKE_DOWN)


def _with_profile(window: MainWindow, then: Callable[[ServerProfile], None],
                  missing: Callable[[NotFound], object]) -> None:
    """Read the server profile on the database worker, then go on (or say none is set up)."""
    def failed(failure: OpFailure) -> None:
        if isinstance(failure.error, NotFound):
            missing(failure.error)
        else:
            window._failed(failure)
    window.runner.run(lambda: servers.get_server(window.ctx), then, failed)


def run(window: MainWindow, action: Action, detail: rq.RequestDetail) -> None:
    """Publish or take down the shown request."""
    _with_profile(window, lambda profile: _with_server(window, action, detail, profile),
                  lambda _missing: _without_server(window, action, detail))


def _with_server(window: MainWindow, action: Action, detail: rq.RequestDetail,
                 profile: ServerProfile) -> None:
    request = detail.request
    assert request.id is not None
    if action == Action.PUBLISH:
        publish_queue(window, [QueueEntry(request.id, request.title)], profile)
        return
    dialog = ReasonDialog(label(action, window.lang),
                          tr("PublishFlow", "Reason for taking the item down:"), [], False,
                          window)
    if dialog.exec() != ReasonDialog.DialogCode.Accepted:
        return
    reason = dialog.reason()
    request_id = request.id
    window.runner.run(lambda: publishing.take_down_request(
        window.ctx, window.user, request_id, profile, session_credentials(window), reason),
        lambda _r: window._action_done(rq.RequestState.TAKEN_DOWN), window._failed,
        network=True)


def publish_queue(window: MainWindow, entries: list[QueueEntry],
                  profile: ServerProfile) -> PublishDialog:
    dialog = PublishDialog(window.ctx, window.user, entries, profile,
                           session_credentials(window), window.runner, window.lang, window)
    dialog.item_published.connect(lambda _o: window.refresh())
    dialog.queue_finished.connect(lambda _n: _reload_selected(window))
    dialog.show()
    dialog.start()
    return dialog


def publish_rows(window: MainWindow, rows: list[rq.RequestSummary]) -> None:
    if not rows:
        QMessageBox.information(window, "WebDesk",
                                tr("PublishFlow", "No approved requests are waiting."))
        return
    entries = [QueueEntry(r.id, r.title) for r in rows]
    _with_profile(window, lambda profile: _open_queue(window, entries, profile),
                  lambda missing: QMessageBox.information(window, "WebDesk",
                                                          missing.text(window.lang)))


def _open_queue(window: MainWindow, entries: list[QueueEntry], profile: ServerProfile) -> None:
    publish_queue(window, entries, profile)


def _reload_selected(window: MainWindow) -> None:
    if window._selected_id is not None:
        window.load_detail(window._selected_id)


def _without_server(window: MainWindow, action: Action, detail: rq.RequestDetail) -> None:
    """No SFTP server configured: the webmaster may record that it was done by other means."""
    answer = QMessageBox.question(
        window, label(action, window.lang),
        tr("PublishFlow", "No publishing server is set up on this PC.\nRecord that this was "
                          "done by other means (e.g. pasted into the CMS)?"))
    if answer != QMessageBox.StandardButton.Yes:
        return
    request_id = detail.request.id
    assert request_id is not None
    window.runner.run(lambda: rq.perform_action(window.ctx, window.user, request_id, action,
                                                None), window._action_done, window._failed)
