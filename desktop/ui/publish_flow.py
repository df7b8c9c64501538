"""Publishing and taking down from the main window: a controller with typed signals.

The main window asks (``run`` for the shown request, ``publish_all_approved``) and listens:
``request_changed`` when a request was published or taken down, ``failed`` for what it must
show.  The server profile is read on the database worker; the transfers themselves run in
the transfer queue docked at the bottom of the window (desktop/ui/transfer_queue.py), made
the first time something is sent, with the signed-in session's server secrets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.domain.errors import NotFound
from desktop.domain.workflow import Action, RequestState, label
from desktop.services.queue_page import RequestQuery, RequestSummary
from desktop.services.server_access import ServerProfile
from desktop.ui.plain_text import tell
from desktop.ui.simple_dialogs import ReasonDialog
from desktop.ui.tasks import TaskFailure, task_runner
from desktop.ui.transfer_items import QueueEntry, TransferKind

if TYPE_CHECKING:
    from desktop.services.requests import RequestDetail
    from desktop.services.user_session import UserSession
    from desktop.ui.transfer_queue import TransferDock, TransferQueuePanel


@dataclass(frozen=True)
class RequestChanged:
    """A request's state changed through publishing (published, taken down)."""

    request_id: int
    state: RequestState


class PublishController(QObject):
    request_changed = Signal(RequestChanged)
    queue_opened = Signal(QWidget)     # the transfer queue, each time something is queued
    failed = Signal(TaskFailure)

    def __init__(self, session: UserSession, lang: str, window: QMainWindow) -> None:
        super().__init__(window)
        self.session, self.window = session, window
        self._lang = lang
        self.panel: TransferQueuePanel | None = None
        self.dock: TransferDock | None = None

    @property
    def lang(self) -> str:
        return self._lang

    @lang.setter
    def lang(self, lang: str) -> None:
        self._lang = lang
        if self.panel is not None:
            self.panel.set_lang(lang)

    @staticmethod
    def handles(action: Action) -> bool:
        return action in (Action.PUBLISH, Action.TAKE_DOWN)

    # ----- the docked queue -----
    def transfers(self) -> TransferQueuePanel:
        """The transfer queue (made, docked at the bottom and hidden, on first use)."""
        if self.panel is None:
            from desktop.ui.transfer_queue import TransferDock, TransferQueuePanel

            panel = TransferQueuePanel(self.session, self._lang)
            panel.item_published.connect(lambda outcome: self.request_changed.emit(
                RequestChanged(outcome.request_id, RequestState.PUBLISHED)))
            panel.item_taken_down.connect(lambda outcome: self.request_changed.emit(
                RequestChanged(outcome.request_id, RequestState.TAKEN_DOWN)))
            dock = TransferDock(panel, self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
            self.panel, self.dock = panel, dock
        return self.panel

    @property
    def uploading(self) -> bool:
        """A publish or takedown is under way in the transfer queue (not a background check
        such as the start-up reconcile or a folder listing)."""
        return self.panel is not None and self.panel.running

    def show_transfers(self, shown: bool = True) -> None:
        panel = self.transfers()
        assert self.dock is not None
        self.dock.setVisible(shown)
        if shown:
            self.dock.raise_()
            panel.table.setFocus()

    def _queue(self, entries: list[QueueEntry], profile: ServerProfile,
               kind: TransferKind = TransferKind.PUBLISH, reason: str = "") -> None:
        panel = self.transfers()
        self.show_transfers()
        self.queue_opened.emit(panel)
        panel.add(entries, profile, kind, reason)

    # ----- what the window asks -----
    def run(self, action: Action, detail: RequestDetail) -> None:
        """Publish or take down the shown request."""
        request = detail.request
        assert request.id is not None
        entry = QueueEntry(request.id, request.title, request.reference)
        if action == Action.PUBLISH:
            self._with_server(lambda profile: self._queue([entry], profile))
        else:                   # through the profile the item was published with
            self._with_server(lambda profile: self._take_down(entry, profile),
                              for_takedown=request.id)

    def publish_all_approved(self) -> None:
        """Queue every approved request for upload."""
        ctx = self.session.ctx
        query = RequestQuery(states=(RequestState.APPROVED,), limit=1000)

        def approved() -> list[RequestSummary]:
            from desktop.services.queue_page import list_requests

            return list_requests(ctx, query)

        task_runner().database(approved, self._approved_listed,
                               self.failed.emit, owner=self)

    def _approved_listed(self, rows: list[RequestSummary]) -> None:
        if not rows:
            tell(self.window, "WebDesk", self.tr("No approved requests are waiting."))
            return
        entries = [QueueEntry(r.id, r.title, r.reference) for r in rows]
        self._with_server(lambda profile: self._queue(entries, profile))

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

            def profile_for_it() -> ServerProfile:
                from desktop.services.takedowns import profile_for_takedown

                return profile_for_takedown(ctx, request_id)

            task_runner().database(profile_for_it, then, failed, owner=self)
            return

        def default_profile() -> ServerProfile:
            from desktop.services import servers

            return servers.get_server(ctx)

        task_runner().database(default_profile, then, failed, owner=self)

    def _no_server(self) -> None:
        tell(
            self.window, self.tr("No publishing server"),
            self.tr("No publishing server is set up yet, so nothing can be uploaded.\n"
                    "An administrator sets one up under Publishing servers…, or, if it was "
                    "put on the site another way, records it as published elsewhere."),
            warning=True)

    def _take_down(self, entry: QueueEntry, profile: ServerProfile) -> None:
        dialog = ReasonDialog(label(Action.TAKE_DOWN, self._lang),
                              self.tr("Taking down “{title}” ({reference}).\nReason:").format(
                                  title=entry.title, reference=entry.reference),
                              [], False, self.window)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        self._queue([entry], profile, TransferKind.TAKE_DOWN, dialog.reason())
