"""Publishing and taking down from the main window: a controller with typed signals.

The main window asks (``publish``, ``take_down``, ``publish_all_approved``) and listens:
``request_changed`` when a request was published or taken down, ``failed`` for what it must
show.  The server profile is read on the database worker; the upload runs in the publish
dialog on the network lane, with the signed-in session's server secrets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.errors import NotFound
from desktop.domain.workflow import Action, RequestState, label
from desktop.services import publishing, servers
from desktop.services import requests as rq
from desktop.services.server_access import ServerProfile
from desktop.services.takedowns import profile_for_takedown
from desktop.services.user_session import UserSession
from desktop.ui.publish_dialog import PublishDialog, QueueEntry
from desktop.ui.simple_dialogs import ReasonDialog
from desktop.ui.tasks import TaskFailure, task_runner


@dataclass(frozen=True)
class RequestChanged:
    """A request's state changed through publishing (published, taken down)."""

    request_id: int
    state: RequestState


class PublishController(QObject):
    request_changed = Signal(RequestChanged)
    queue_opened = Signal(PublishDialog)
    failed = Signal(TaskFailure)

    def __init__(self, session: UserSession, lang: str, window: QWidget) -> None:
        super().__init__(window)
        self.session, self.lang, self.window = session, lang, window

    @staticmethod
    def handles(action: Action) -> bool:
        return action in (Action.PUBLISH, Action.TAKE_DOWN)

    # ----- what the window asks -----
    def run(self, action: Action, detail: rq.RequestDetail) -> None:
        """Publish or take down the shown request."""
        request = detail.request
        assert request.id is not None
        entry = QueueEntry(request.id, request.title, request.reference)
        if action == Action.PUBLISH:
            self._with_server(lambda profile: self._open_queue([entry], profile))
        else:                   # through the profile the item was published with
            self._with_server(lambda profile: self._take_down(entry, profile),
                              for_takedown=request.id)

    def publish_all_approved(self) -> None:
        """Queue every approved request for upload (one dialog: per item and queue)."""
        ctx = self.session.ctx
        query = rq.RequestQuery(states=(RequestState.APPROVED,), limit=1000)
        task_runner().database(lambda: rq.list_requests(ctx, query), self._approved_listed,
                               self.failed.emit, owner=self)

    def _approved_listed(self, rows: list[rq.RequestSummary]) -> None:
        if not rows:
            QMessageBox.information(self.window, "WebDesk",
                                    self.tr("No approved requests are waiting."))
            return
        entries = [QueueEntry(r.id, r.title, r.reference) for r in rows]
        self._with_server(lambda profile: self._open_queue(entries, profile))

    # ----- the steps -----
    def _with_server(self, then: Callable[[ServerProfile], object],
                     for_takedown: int | None = None) -> None:
        """Read the default server profile (for a takedown: the one the item was published
        through) on the database worker, then go on."""
        ctx = self.session.ctx

        def failed(failure: TaskFailure) -> None:
            if isinstance(failure.error, NotFound):
                self._no_server()
            else:
                self.failed.emit(failure)

        if for_takedown is not None:
            request_id = for_takedown
            task_runner().database(lambda: profile_for_takedown(ctx, request_id), then, failed,
                                   owner=self)
            return
        task_runner().database(lambda: servers.get_server(ctx), then, failed, owner=self)

    def _no_server(self) -> None:
        QMessageBox.warning(
            self.window, self.tr("No publishing server"),
            self.tr("No publishing server is set up yet, so nothing can be uploaded.\n"
                    "An administrator sets one up under Publishing servers…"))

    def _open_queue(self, entries: list[QueueEntry], profile: ServerProfile) -> PublishDialog:
        dialog = PublishDialog(self.session, entries, profile, self.lang, self.window)
        dialog.item_published.connect(
            lambda outcome: self.request_changed.emit(
                RequestChanged(outcome.request_id, RequestState.PUBLISHED)))
        self.queue_opened.emit(dialog)
        dialog.show()
        dialog.start()
        return dialog

    def _take_down(self, entry: QueueEntry, profile: ServerProfile) -> None:
        dialog = ReasonDialog(label(Action.TAKE_DOWN, self.lang),
                              self.tr("Taking down “{title}” ({reference}).\nReason:").format(
                                  title=entry.title, reference=entry.reference),
                              [], False, self.window)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        reason = dialog.reason()
        session, request_id = self.session, entry.request_id
        task_runner().network(
            lambda: publishing.take_down_request(session.ctx, session.user, request_id,
                                                 profile, session.secrets.store, reason),
            lambda _outcome: self.request_changed.emit(
                RequestChanged(request_id, RequestState.TAKEN_DOWN)),
            self.failed.emit, owner=self)
