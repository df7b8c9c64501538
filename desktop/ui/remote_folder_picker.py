"""A small remote folder picker for the site manager: browse the server's folders over SFTP
(in the background, on the task runner's network lane) and pick the web root, the archive or
the staging folder.  Double-click a folder to open it, Up to go back, or type a path."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services.remote_folders import RemoteFolder, list_remote_folder
from desktop.services.server_access import ServerProfile
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.icons import icon
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner

# (failure, retry) -> True when it was a host key the person was asked about (retry follows)
KeyCheck = Callable[[TaskFailure, Callable[[], None]], bool]


class RemoteFolderDialog(QDialog):
    listed = Signal(RemoteFolder)
    failed = Signal(str)              # the message shown

    def __init__(self, session: UserSession, profile: ServerProfile, start: str, lang: str,
                 parent: QWidget | None = None, key_check: KeyCheck | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remoteFolderDialog")
        self.session, self.profile, self.lang = session, profile, lang
        self.key_check = key_check
        self.folder: RemoteFolder | None = None
        self.setWindowTitle(self.tr("Folders on {server}").format(
            server=f"{profile.user}@{profile.host}"))
        self.path = QLineEdit(start)
        self.path.setObjectName("remotePath")
        self.path.returnPressed.connect(lambda: self.open_folder(self.path.text()))
        self.go_button = QPushButton(self.tr("Go"))
        self.go_button.setObjectName("goButton")
        self.go_button.clicked.connect(lambda: self.open_folder(self.path.text()))
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setObjectName("upButton")
        self.up_button.clicked.connect(self.go_up)
        self.folders = QListWidget()
        self.folders.setObjectName("remoteFolders")
        self.folders.itemActivated.connect(self._activated)
        self.status = PlainLabel()
        self.status.setObjectName("remoteStatus")
        self.status.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose this folder"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.up_button)
        top.addWidget(self.path, 1)
        top.addWidget(self.go_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.folders, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_to_screen(self, 560, 480)
        self._enable(False)
        self.open_folder(start)

    def chosen(self) -> str:
        """The folder shown (the one to use), as the server names it."""
        return self.folder.path if self.folder is not None else self.path.text().strip()

    def open_folder(self, path: str) -> None:
        self._enable(False)
        self._say(self.tr("Reading the folder on the server…"), error=False)
        ctx, profile, store = self.session.ctx, self.profile, self.session.secrets.store
        task_runner().network(lambda: list_remote_folder(ctx, profile, store, path),
                              self._listed, self._failed, owner=self)

    def go_up(self) -> None:
        if self.folder is not None and self.folder.parent is not None:
            self.open_folder(self.folder.parent)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(path, str):
            self.open_folder(path)

    def _listed(self, folder: RemoteFolder) -> None:
        self.folder = folder
        self.path.setText(folder.path)
        self.folders.clear()
        base = folder.path.rstrip("/")
        for name in folder.folders:
            item = QListWidgetItem(icon("steps"), name)
            item.setData(Qt.ItemDataRole.UserRole, f"{base}/{name}")
            self.folders.addItem(item)
        text = self.tr("{folders} folders, {files} files").format(
            folders=len(folder.folders), files=folder.files)
        if folder.more:
            text += " " + self.tr("(only the first ones are shown)")
        self._say(text, error=False)
        self._enable(True)
        self.listed.emit(folder)

    def _failed(self, failure: TaskFailure) -> None:
        self._enable(self.folder is not None)
        if self.key_check is not None and self.key_check(
                failure, lambda: self.open_folder(self.path.text())):
            return
        error = failure.error
        if isinstance(error, UserError):
            text = error.text(self.lang)
            self._say(text, error=True)
            self.failed.emit(text)
            return
        show_bug(self, self.session.ctx.paths, failure.exc_info)

    def _say(self, text: str, error: bool) -> None:
        self.status.setStyleSheet("color: #b91c1c;" if error else "color: #374151;")
        self.status.setText(text)

    def _enable(self, ready: bool) -> None:
        self.choose_button.setEnabled(ready)
        self.up_button.setEnabled(ready and self.folder is not None
                                  and self.folder.parent is not None)
