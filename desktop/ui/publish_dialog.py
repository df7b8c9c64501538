"""Publishing with progress: bytes and files, speed, time left, per item and for the queue.

The upload runs on the network pool; progress comes back through a signal; Cancel sets an
event the uploader checks (the server is left as it was).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.errors import HostKeyUnknownError
from desktop.publish.profiles import AuthKind, ServerProfile
from desktop.publish.transfer import FileProgress
from desktop.services import publishing, servers
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.operations import OperationRunner, OpFailure


@dataclass(frozen=True)
class QueueEntry:
    request_id: int
    title: str


class ProgressRelay(QObject):
    """Emitted from the upload thread; delivered in the GUI thread."""

    progressed = Signal(object)  # FileProgress


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class PublishDialog(QDialog):
    item_published = Signal(object)   # PublishOutcome
    queue_finished = Signal(int)      # how many were published

    def __init__(self, ctx: AppContext, user: User, entries: list[QueueEntry],
                 profile: ServerProfile, credentials: CredentialStore,
                 runner: OperationRunner, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.ctx, self.user, self.entries, self.profile = ctx, user, entries, profile
        self.credentials, self.runner, self.lang = credentials, runner, lang
        self.controls = publishing.PublishControls()
        self.relay = ProgressRelay()
        self.relay.progressed.connect(self._progress)
        self.index = 0
        self.done_count = 0
        self.running = False
        self.outcomes: list[publishing.PublishOutcome] = []
        self._files: dict[str, tuple[int, int]] = {}
        self._started = 0.0
        self.setWindowTitle(self.tr("Publish to {server}").format(server=profile.name))
        self.item_label = QLabel()
        self.item_label.setWordWrap(True)
        self.item_bar = QProgressBar()
        self.item_bar.setObjectName("itemProgress")
        self.queue_bar = QProgressBar()
        self.queue_bar.setObjectName("queueProgress")
        self.queue_bar.setRange(0, len(entries))
        self.stats = QLabel()
        self.stats.setObjectName("stats")
        self.url = QLineEdit()
        self.url.setObjectName("publicUrl")
        self.url.setReadOnly(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.copy_button = QPushButton(self.tr("Copy link"))
        self.copy_button.clicked.connect(self.copy_link)
        self.open_button = QPushButton(self.tr("Open on site"))
        self.open_button.clicked.connect(self.open_on_site)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.item_label)
        layout.addWidget(self.item_bar)
        layout.addWidget(QLabel(self.tr("Queue")))
        layout.addWidget(self.queue_bar)
        layout.addWidget(self.stats)
        layout.addWidget(self.url)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(560, 280)
        self._set_finished_buttons(False)

    # ----- flow -----
    def start(self) -> None:
        if not self._ensure_secret():
            self.message.setText(self.tr("Publishing needs the server password."))
            self._set_finished_buttons(True)
            return
        self._next()

    def _ensure_secret(self) -> bool:
        if self.profile.auth != AuthKind.PASSWORD:
            return True
        if self.credentials.secret(self.profile, SecretKind.PASSWORD):
            return True
        text, ok = QInputDialog.getText(
            self, self.tr("Server password"),
            self.tr("Password for {user}@{host} (kept for this session only unless the "
                    "OS keyring is available):").format(user=self.profile.user,
                                                        host=self.profile.host),
            QLineEdit.EchoMode.Password)
        if not ok or not text:
            return False
        self.credentials.save(self.profile, SecretKind.PASSWORD, text)
        return True

    def _next(self) -> None:
        if self.index >= len(self.entries):
            self.running = False
            self._set_finished_buttons(True)
            self.queue_finished.emit(self.done_count)
            return
        entry = self.entries[self.index]
        self.item_label.setText(self.tr("Publishing {n} of {total}: {title}").format(
            n=self.index + 1, total=len(self.entries), title=entry.title))
        self._files.clear()
        self.item_bar.setValue(0)
        self._started = time.monotonic()
        self.running = True
        controls = publishing.PublishControls(on_progress=self.relay.progressed.emit,
                                              cancel=self.controls.cancel)
        self.runner.run(lambda: publishing.publish_request(self.ctx, self.user, entry.request_id,
                                                           self.profile, self.credentials,
                                                           controls),
                        self._published, self._failed, network=True)

    def _published(self, outcome: publishing.PublishOutcome) -> None:
        self.outcomes.append(outcome)
        self.done_count += 1
        self.url.setText(outcome.url)
        self.item_bar.setValue(self.item_bar.maximum())
        self.queue_bar.setValue(self.index + 1)
        self.item_published.emit(outcome)
        self.index += 1
        self._next()

    def _failed(self, failure: OpFailure) -> None:
        error = failure.error
        if isinstance(error, HostKeyUnknownError) and self._confirm_key(error):
            self._next()
            return
        self.running = False
        if isinstance(error, UserError):
            self.message.setText(error.text(self.lang) + "\n" + self.tr(
                "Nothing was left half-published; the request stays approved and can be "
                "published again."))
        else:
            self.message.setText(self.tr("An internal error occurred; see the log."))
            show_bug(self, self.ctx.paths, failure.exc_info)
        self._set_finished_buttons(True)

    def _confirm_key(self, error: HostKeyUnknownError) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unknown server key"),
            self.tr("This is the first connection to {host}:{port}.\nIts {type} key "
                    "fingerprint is:\n\n{fp}\n\nCompare it with the one your IT staff gave "
                    "you. Trust this server?").format(host=error.host, port=error.port,
                                                      type=error.key_type,
                                                      fp=error.fingerprint))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        servers.trust_seen_key(self.ctx, self.profile, self.user, error.host_key)
        return True

    # ----- progress -----
    def _progress(self, progress: FileProgress) -> None:
        self._files[progress.name] = (progress.done_bytes, progress.total_bytes)
        done = sum(d for d, _ in self._files.values())
        total = sum(t for _, t in self._files.values()) or 1
        self.item_bar.setRange(0, 1000)
        self.item_bar.setValue(int(1000 * done / total))
        finished = sum(1 for d, t in self._files.values() if d >= t)
        elapsed = max(time.monotonic() - self._started, 1e-3)
        speed = done / elapsed
        left = (total - done) / speed if speed > 0 else 0
        self.stats.setText(self.tr("{done} of {total} · {files} files done · {speed}/s · "
                                   "about {left} s left").format(
            done=_size(done), total=_size(total), files=finished, speed=_size(speed),
            left=int(left)))

    # ----- buttons -----
    def _set_finished_buttons(self, finished: bool) -> None:
        self.cancel_button.setEnabled(not finished)
        self.close_button.setEnabled(finished)
        has_url = bool(self.url.text())
        self.copy_button.setEnabled(has_url)
        self.open_button.setEnabled(has_url)

    def cancel(self) -> None:
        self.controls.cancel.set()
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

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.key() == Qt.Key.Key_Escape and self.running:
            self.reject()
            return
        super().keyPressEvent(event)
