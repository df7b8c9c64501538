"""The transfer queue: each request to publish with its state, speed and time left.

Items are published one after the other on the task runner's network lane, with the signed-in
session's server secrets (a password is asked once per session).  A failed item turns red
and says why and what to do next, in the user's language; Retry and Retry all failed start
them again (what was verified on the server is not sent twice).  Cancel stops the running
item; the server is left as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.sizes import format_size
from desktop.domain.workflow import Role
from desktop.services import publishing, servers
from desktop.services.server_access import (
    AuthKind,
    FileProgress,
    HostKeyChangedError,
    HostKeyUnknownError,
    ServerProfile,
)
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.server_password_dialog import ServerPasswordDialog
from desktop.ui.tasks import TaskFailure, task_runner


@dataclass(frozen=True)
class QueueEntry:
    request_id: int
    title: str
    reference: str = ""


class ItemState(Enum):
    WAITING = "waiting"
    UPLOADING = "uploading"
    PUBLISHED = "published"
    FAILED = "failed"


@dataclass
class QueueItem:
    entry: QueueEntry
    state: ItemState = ItemState.WAITING
    reason: str = ""
    url: str = ""
    speed: float = 0.0
    seconds_left: float | None = None
    files: dict[str, tuple[int, int]] = field(default_factory=dict)


class ProgressRelay(QObject):
    """Emitted from the upload thread; delivered in the GUI thread."""

    progressed = Signal(FileProgress)


_STATE_COLOURS = {ItemState.WAITING: "#4b5563", ItemState.UPLOADING: "#1d4ed8",
                  ItemState.PUBLISHED: "#047857", ItemState.FAILED: "#b91c1c"}
ITEM, STATE, SPEED, LEFT = range(4)


class PublishDialog(QDialog):
    item_published = Signal(publishing.PublishOutcome)
    item_failed = Signal(UserError)
    queue_finished = Signal(int)      # how many are published

    def __init__(self, session: UserSession, entries: list[QueueEntry], profile: ServerProfile,
                 lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.session, self.profile, self.lang = session, profile, lang
        self.items = [QueueItem(e) for e in entries]
        self.controls = publishing.PublishControls()
        self.relay = ProgressRelay()
        self.relay.progressed.connect(self._progress)
        self.current: QueueItem | None = None
        self._started = 0.0
        self.setWindowTitle(self.tr("Publish to {server}").format(server=profile.name))
        self.heading = QLabel()
        self.heading.setObjectName("queueHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.table = QTableWidget(len(self.items), 4)
        self.table.setObjectName("transferQueue")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("State"),
                                              self.tr("Speed"), self.tr("Time left")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.item_bar = QProgressBar()
        self.item_bar.setObjectName("itemProgress")
        self.queue_bar = QProgressBar()
        self.queue_bar.setObjectName("queueProgress")
        self.queue_bar.setRange(0, len(self.items))
        self.stats = QLabel()
        self.stats.setObjectName("stats")
        self.stats.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url = QLabel()
        self.url.setObjectName("publicUrl")
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_all_button = QPushButton(self.tr("Retry &all failed"))
        self.retry_all_button.setObjectName("retryAllButton")
        self.retry_all_button.clicked.connect(self.retry_all)
        self.copy_button = QPushButton(self.tr("Copy link"))
        self.copy_button.clicked.connect(self.copy_link)
        self.open_button = QPushButton(self.tr("Open on site"))
        self.open_button.clicked.connect(self.open_on_site)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.retry_all_button, self.copy_button,
                       self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.item_bar)
        layout.addWidget(self.queue_bar)
        layout.addWidget(self.stats)
        layout.addWidget(self.message)
        layout.addWidget(self.url)
        layout.addLayout(buttons)
        self.setMinimumSize(640, 380)
        self.resize(760, 460)
        for row in range(len(self.items)):
            self._show_row(row)
        self._update()

    # ----- properties for the window and tests -----
    @property
    def running(self) -> bool:
        return self.current is not None

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.items if i.state == ItemState.PUBLISHED)

    @property
    def failed_count(self) -> int:
        return sum(1 for i in self.items if i.state == ItemState.FAILED)

    # ----- flow -----
    def start(self) -> None:
        """Ask for the server password when this session has none, then publish."""
        if self.profile.auth != AuthKind.PASSWORD:
            self._next()
            return
        secrets, profile = self.session.secrets, self.profile
        task_runner().network(lambda: secrets.needs_secret(profile), self._secret_checked,
                              self._bug, owner=self)

    def _secret_checked(self, needed: bool) -> None:
        if needed and not self._ask_secret():
            for item in self.items:
                if item.state == ItemState.WAITING:
                    self._fail(item, self.tr("Not published: the server password was not "
                                             "given. Choose Retry to enter it."))
            self._update()
            return
        self._next()

    def _ask_secret(self) -> bool:
        dialog = ServerPasswordDialog(self.profile, self.session.secrets.has_keyring, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.session.secrets.give(self.profile, dialog.secret(), keep=dialog.keep.isChecked())
        return True

    def _next(self) -> None:
        waiting = next((i for i in self.items if i.state == ItemState.WAITING), None)
        if waiting is None:
            self.current = None
            self._update()
            self.queue_finished.emit(self.done_count)
            return
        self._upload(waiting)

    def _upload(self, item: QueueItem) -> None:
        self.current = item
        item.state, item.reason, item.files = ItemState.UPLOADING, "", {}
        self.controls = publishing.PublishControls()
        self.item_bar.setRange(0, 1000)
        self.item_bar.setValue(0)
        self.message.clear()
        self._started = time.monotonic()
        self._show_row(self.items.index(item))
        self._update()
        session, profile, request_id = self.session, self.profile, item.entry.request_id
        controls = publishing.PublishControls(on_progress=self.relay.progressed.emit,
                                              cancel=self.controls.cancel)
        task_runner().network(
            lambda: publishing.publish_request(session.ctx, session.user, request_id, profile,
                                               session.secrets.store, controls),
            lambda outcome: self._published(item, outcome),
            lambda failure: self._failed(item, failure), owner=self)

    def _published(self, item: QueueItem, outcome: publishing.PublishOutcome) -> None:
        item.state, item.url, item.seconds_left = ItemState.PUBLISHED, outcome.url, 0
        self.item_bar.setValue(self.item_bar.maximum())
        self.url.setText(outcome.url)
        self._show_row(self.items.index(item))
        self.item_published.emit(outcome)
        self._next()

    def _failed(self, item: QueueItem, failure: TaskFailure) -> None:
        error = failure.error
        if (isinstance(error, HostKeyUnknownError) and self._confirm_key(error)) or (
                isinstance(error, HostKeyChangedError) and error.host_key is not None
                and Role.ADMIN in self.session.user.roles and self._confirm_changed(error)):
            self.current = None
            item.state = ItemState.WAITING
            profile, session = self.profile, self.session
            task_runner().database(
                lambda: servers.trust_seen_key(session.ctx, profile, session.user,
                                               error.host_key),
                lambda _fp: self._next(), self._bug, owner=self)
            return
        if not isinstance(error, UserError):
            self._fail(item, self.tr("An internal error occurred; it was written to the log."))
            self.current = None
            self._update()
            show_bug(self, self.session.ctx.paths, failure.exc_info)
            return
        if error.code in ("sftp_auth_failed", "sftp_password_needed"):
            self.session.secrets.forget_wrong(self.profile)
        self._fail(item, error.text(self.lang) + "\n" + self.tr(
            "Fix the cause and choose Retry."))
        self.item_failed.emit(error)
        self._next()

    def _fail(self, item: QueueItem, reason: str) -> None:
        item.state, item.reason, item.seconds_left = ItemState.FAILED, reason, None
        self._show_row(self.items.index(item))
        self.table.selectRow(self.items.index(item))
        self._show_selected()

    def _confirm_key(self, error: HostKeyUnknownError) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unknown server key"),
            self.tr("This is the first connection to {host}:{port}.\nIts {type} key "
                    "fingerprint is:\n\n{fp}\n\nCompare it with the one your IT staff gave "
                    "you. Trust this server?").format(host=error.host, port=error.port,
                                                      type=error.key_type,
                                                      fp=error.fingerprint))
        return answer == QMessageBox.StandardButton.Yes

    def _confirm_changed(self, error: HostKeyChangedError) -> bool:
        answer = QMessageBox.warning(
            self, self.tr("The server key CHANGED"),
            self.tr("The key of {host}:{port} CHANGED.\nBefore: {old}\nNow: {new}\n\nTrust the "
                    "new key only if your IT staff confirm that the server was changed. "
                    "Trust it?").format(host=error.host, port=error.port,
                                        old=", ".join(error.old_fingerprints),
                                        new=error.new_fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _bug(self, failure: TaskFailure) -> None:
        self.current = None
        self._update()
        show_bug(self, self.session.ctx.paths, failure.exc_info)

    # ----- retry -----
    def retry_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.items[rows[0].row()].state == ItemState.FAILED:
            self._retry([self.items[rows[0].row()]])

    def retry_all(self) -> None:
        self._retry([i for i in self.items if i.state == ItemState.FAILED])

    def _retry(self, items: list[QueueItem]) -> None:
        if not items or self.running:
            return
        for item in items:
            item.state, item.reason = ItemState.WAITING, ""
            self._show_row(self.items.index(item))
        self.start()

    # ----- progress -----
    def _progress(self, progress: FileProgress) -> None:
        item = self.current
        if item is None:
            return
        item.files[progress.name] = (progress.done_bytes, progress.total_bytes)
        done = sum(d for d, _ in item.files.values())
        total = sum(t for _, t in item.files.values()) or 1
        self.item_bar.setValue(int(1000 * done / total))
        finished = sum(1 for d, t in item.files.values() if d >= t)
        elapsed = max(time.monotonic() - self._started, 1e-3)
        item.speed = done / elapsed
        item.seconds_left = (total - done) / item.speed if item.speed > 0 else None
        self.stats.setText(self.tr("{done} of {total} · {files} files done").format(
            done=format_size(done, self.lang), total=format_size(total, self.lang),
            files=finished))
        self._show_row(self.items.index(item))

    # ----- showing -----
    def _state_text(self, item: QueueItem) -> str:
        if item.state == ItemState.UPLOADING:
            return self.tr("Uploading {percent}%").format(
                percent=self.item_bar.value() // 10)
        return {ItemState.WAITING: self.tr("Waiting"), ItemState.PUBLISHED: self.tr("Published"),
                ItemState.FAILED: self.tr("Failed")}[item.state]

    def _show_row(self, row: int) -> None:
        item = self.items[row]
        uploading = item.state == ItemState.UPLOADING
        left = "" if item.seconds_left is None or not uploading else \
            self.tr("{n} s").format(n=int(item.seconds_left))
        speed = f"{format_size(item.speed, self.lang)}/s" if uploading and item.speed else ""
        name = f"{item.entry.reference} {item.entry.title}".strip()
        for column, text in ((ITEM, name), (STATE, self._state_text(item)),
                             (SPEED, speed), (LEFT, left)):
            cell = QTableWidgetItem(text)
            if column == STATE:
                cell.setForeground(QBrush(QColor(_STATE_COLOURS[item.state])))
            cell.setToolTip(item.reason or item.url or name)
            self.table.setItem(row, column, cell)

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        item = self.items[rows[0].row()] if rows else None
        if item is not None and item.state == ItemState.FAILED:
            self.message.setStyleSheet("color: #b91c1c;")
            self.message.setText(self.tr("Failed: {title}").format(title=item.entry.title)
                                 + "\n" + item.reason)
        elif item is not None and item.url:
            self.url.setText(item.url)
        self._update()

    def _update(self) -> None:
        published, failed, total = self.done_count, self.failed_count, len(self.items)
        self.queue_bar.setValue(published + failed)
        if self.running and self.current is not None:
            self.heading.setText(self.tr("Publishing {n} of {total}: {title}").format(
                n=self.items.index(self.current) + 1, total=total,
                title=self.current.entry.title))
            self.heading.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1d4ed8;")
        elif failed:
            self.heading.setText(self.tr("Failed: {failed} of {total} not published").format(
                failed=failed, total=total))
            self.heading.setStyleSheet("font-size: 12pt; font-weight: 600; color: #b91c1c;")
        elif published == total:
            self.heading.setText(self.tr("Published: {n} of {total}").format(
                n=published, total=total))
            self.heading.setStyleSheet("font-size: 12pt; font-weight: 600; color: #047857;")
        else:
            self.heading.setText(self.tr("Waiting to publish {total} items").format(total=total))
        rows = self.table.selectionModel().selectedRows()
        selected = self.items[rows[0].row()] if rows else None
        self.retry_button.setEnabled(not self.running and selected is not None
                                     and selected.state == ItemState.FAILED)
        self.retry_all_button.setEnabled(not self.running and failed > 0)
        self.cancel_button.setEnabled(self.running)
        self.close_button.setEnabled(not self.running)
        self.copy_button.setEnabled(bool(self.url.text()))
        self.open_button.setEnabled(bool(self.url.text()))

    # ----- buttons -----
    def cancel(self) -> None:
        self.controls.cancel.set()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Cancelling… the server is left as it was."))

    def copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self.url.text())

    def open_on_site(self) -> None:
        QDesktopServices.openUrl(QUrl(self.url.text()))

    def reject(self) -> None:
        if self.running and not self._really_stop():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running and not self._really_stop():
            event.ignore()
            return
        super().closeEvent(event)

    def _really_stop(self) -> bool:
        answer = QMessageBox.question(self, self.tr("Upload running"),
                                      self.tr("An upload is running. Cancel it?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel()
        return False
