"""Runs the transfer queue: its waiting items one after another on the task runner's network
lane, with the signed-in session's server secrets (a password is asked at most once per
session), confirming a new or changed server key on the way.

The publishing services are imported when the first transfer starts, not when the window
opens (start-up time).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop.domain.errors import UserError
from desktop.domain.workflow import Role
from desktop.services.server_access import (
    AuthKind,
    FileProgress,
    HostKeyChangedError,
    HostKeyUnknownError,
)
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.host_key_prompts import trust_changed_key, trust_new_key
from desktop.ui.tasks import TaskFailure, task_runner
from desktop.ui.transfer_items import (
    INTERNAL,
    NO_PASSWORD,
    ItemState,
    TransferItem,
    TransferKind,
)

if TYPE_CHECKING:
    from desktop.services.publishing import PublishOutcome, TakedownOutcome

_WRONG_SECRET = ("sftp_auth_failed", "sftp_password_needed")


class ProgressRelay(QObject):
    """Emitted from the upload thread; delivered in the GUI thread."""

    progressed = Signal(FileProgress)


class TransferFlow(QObject):
    changed = Signal()                 # an item's state or progress moved: redraw
    item_published = Signal(object)    # PublishOutcome
    item_taken_down = Signal(object)   # TakedownOutcome
    item_failed = Signal(object)       # the TransferItem, its .error says why
    finished = Signal(int)             # nothing waits any more: how many are done in all

    def __init__(self, session: UserSession, items: list[TransferItem], owner: QWidget) -> None:
        super().__init__(owner)
        self.session, self.items, self.owner = session, items, owner
        self.current: TransferItem | None = None
        self.cancel_event = threading.Event()
        self.relay = ProgressRelay()
        self.relay.progressed.connect(self._progress)

    @property
    def running(self) -> bool:
        return self.current is not None

    def start(self) -> None:
        if self.current is None:
            self._next()

    def cancel(self) -> None:
        self.cancel_event.set()

    # ----- one item after the other -----
    def _next(self) -> None:
        item = next((i for i in self.items if i.state == ItemState.WAITING), None)
        self.current = item
        if item is None:
            self.changed.emit()
            self.finished.emit(sum(1 for i in self.items if i.state == ItemState.DONE))
            return
        if item.profile.auth != AuthKind.PASSWORD:
            self._run(item)
            return
        secrets, profile = self.session.secrets, item.profile
        self.changed.emit()
        task_runner().network(lambda: secrets.needs_secret(profile),
                              lambda needed: self._secret_checked(item, needed), self._bug,
                              owner=self)

    def _secret_checked(self, item: TransferItem, needed: bool) -> None:
        if needed and not self._ask_secret(item):
            for other in self.items:
                if other.state == ItemState.WAITING and other.profile == item.profile:
                    other.fail(None, NO_PASSWORD)
                    self.item_failed.emit(other)
            self._next()
            return
        self._run(item)

    def _ask_secret(self, item: TransferItem) -> bool:
        from desktop.ui.server_password_dialog import ServerPasswordDialog

        dialog = ServerPasswordDialog(item.profile, self.session.secrets.has_keyring, self.owner)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.session.secrets.give(item.profile, dialog.secret(), keep=dialog.keep.isChecked())
        return True

    def _run(self, item: TransferItem) -> None:
        from desktop.services import publishing

        item.begin()
        self.current = item
        self.cancel_event = threading.Event()
        self.changed.emit()
        session, profile, request_id = self.session, item.profile, item.entry.request_id
        ctx, user, store = session.ctx, session.user, session.secrets.store
        if item.kind == TransferKind.TAKE_DOWN:
            reason = item.reason_given
            task_runner().network(
                lambda: publishing.take_down_request(ctx, user, request_id, profile, store,
                                                     reason),
                lambda outcome: self._done(item, outcome),
                lambda failure: self._failed(item, failure), owner=self)
            return
        controls = publishing.PublishControls(on_progress=self.relay.progressed.emit,
                                              cancel=self.cancel_event)
        task_runner().network(
            lambda: publishing.publish_request(ctx, user, request_id, profile, store, controls),
            lambda outcome: self._done(item, outcome),
            lambda failure: self._failed(item, failure), owner=self)

    def _done(self, item: TransferItem, outcome: PublishOutcome | TakedownOutcome) -> None:
        item.state, item.seconds_left = ItemState.DONE, 0
        if item.kind == TransferKind.PUBLISH:
            item.url = getattr(outcome, "url", "")
            self.item_published.emit(outcome)
        else:
            self.item_taken_down.emit(outcome)
        self._next()

    def _failed(self, item: TransferItem, failure: TaskFailure) -> None:
        error = failure.error
        if self._key_trusted_now(item, error):
            return
        if not isinstance(error, UserError):
            item.fail(error, INTERNAL)
            self.item_failed.emit(item)
            self.current = None
            self.changed.emit()
            show_bug(self.owner, self.session.ctx.paths, failure.exc_info)
            return
        if error.code in _WRONG_SECRET:
            self.session.secrets.forget_wrong(item.profile)
        item.fail(error)
        self.item_failed.emit(item)
        self._next()

    def _key_trusted_now(self, item: TransferItem, error: BaseException) -> bool:
        """A first connection (or, for an admin, a changed key): ask; when trusted, the item
        waits again and the queue goes on."""
        unknown = isinstance(error, HostKeyUnknownError)
        changed = isinstance(error, HostKeyChangedError) and error.host_key is not None \
            and Role.ADMIN in self.session.user.roles
        if not unknown and not changed:
            return False
        assert isinstance(error, HostKeyUnknownError | HostKeyChangedError)
        trusted = trust_new_key(self.owner, error) if isinstance(error, HostKeyUnknownError) \
            else trust_changed_key(self.owner, error)
        if not trusted:
            return False
        item.wait_again()
        self.current = None
        session, profile, key = self.session, item.profile, error.host_key
        from desktop.services import servers

        task_runner().database(
            lambda: servers.trust_seen_key(session.ctx, profile, session.user, key),
            lambda _fp: self._next(), self._bug, owner=self)
        return True

    def _bug(self, failure: TaskFailure) -> None:
        if self.current is not None and self.current.state != ItemState.DONE:
            self.current.fail(failure.error, INTERNAL)
        self.current = None
        self.changed.emit()
        show_bug(self.owner, self.session.ctx.paths, failure.exc_info)

    def _progress(self, progress: FileProgress) -> None:
        item = self.current
        if item is not None and item.state == ItemState.RUNNING:
            item.progressed(progress.name, progress.done_bytes, progress.total_bytes)
            self.changed.emit()
