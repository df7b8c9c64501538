"""Server profiles (admin): the SFTP server WebDesk publishes to, with "Test connection"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.services import servers
from desktop.services.server_access import (
    AuthKind,
    HostKeyChangedError,
    HostKeyUnknownError,
    PublishMode,
    SecretKind,
    ServerProfile,
)
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.host_key_prompts import trust_changed_key, trust_new_key
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner


class ServerDialog(QDialog):
    tested = Signal(object)   # ConnectionCheck or UserError
    saved = Signal(ServerProfile)
    profiles_loaded = Signal(int)
    message_shown = Signal(str)
    folder_picker_opened = Signal(QDialog)   # the remote folder picker (browse the server)

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.session = session
        self.ctx, self.user, self.lang = session.ctx, session.user, lang
        self.setWindowTitle(self.tr("Publishing server"))
        self.existing: list[ServerProfile] = []
        self.default_name: str | None = None
        self.sites = QComboBox()
        self.sites.setObjectName("siteList")
        self.sites.currentIndexChanged.connect(lambda _i: self._site_chosen())
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. agency website"))
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        self.user_name = QLineEdit()
        self.auth = QComboBox()
        self.auth.addItem(self.tr("Key file"), AuthKind.KEY.value)
        self.auth.addItem(self.tr("Password"), AuthKind.PASSWORD.value)
        self.auth.addItem(self.tr("ssh-agent"), AuthKind.AGENT.value)
        self.key_path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        self.browse_button = browse
        browse.clicked.connect(self._browse)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("kept in the OS keyring, or for this session"))
        self.web_root = QLineEdit("/var/www/html")
        self.url = QLineEdit("https://")
        self.archive = QLineEdit("/var/www/archive")
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Site pages (files, item page, index and feed)"),
                          PublishMode.SITE.value)
        self.mode.addItem(self.tr("Files only (URLs to paste into the CMS)"),
                          PublishMode.FILES.value)
        self.parallel = QSpinBox()
        self.parallel.setRange(1, 16)
        self.parallel.setValue(4)
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setValue(15)
        self.verify = QCheckBox(self.tr("Verify every file by reading it back (SHA-256)"))
        self.verify.setChecked(True)
        self.full_verify = QSpinBox()
        self.full_verify.setRange(0, 100_000)
        self.full_verify.setValue(32)
        self.full_verify.setSuffix(" MB")
        self.full_verify.setToolTip(self.tr(
            "Larger files are checked by size and by reading back the first, the last and a "
            "random sixteenth of their chunks: reading every byte back doubles the transfer."))
        self.verify.toggled.connect(self.full_verify.setEnabled)
        self.staging = QLineEdit()
        self.staging.setObjectName("stagingDir")
        self.staging.setPlaceholderText(self.tr("empty: next to the web root"))
        self.attempts = QSpinBox()
        self.attempts.setRange(1, 1000)
        self.attempts.setValue(5)
        self.attempts.setToolTip(self.tr("Reconnects in a row that make no progress before "
                                         "publishing gives up"))
        self.default = QCheckBox(self.tr("Use this server when none is chosen (default)"))
        self.default.setObjectName("defaultServer")
        self._loaded: ServerProfile | None = None
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path, 1)
        key_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Server profiles"), self.sites)
        for label, widget in ((self.tr("Name"), self.name), (self.tr("Host"), self.host),
                              (self.tr("Port"), self.port), (self.tr("User"), self.user_name),
                              (self.tr("Sign-in by"), self.auth)):
            form.addRow(label, widget)
        form.addRow(self.tr("Key file"), key_row)
        self.browse_web_root = self._remote_browse("browseWebRoot", self.web_root)
        self.browse_archive = self._remote_browse("browseArchive", self.archive)
        self.browse_staging = self._remote_browse("browseStaging", self.staging)
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Password / passphrase"), self.secret),
            (self.tr("Web root"), _beside(self.web_root, self.browse_web_root)),
            (self.tr("Public URL of the web root"), self.url),
            (self.tr("Archive folder (outside the web root)"),
             _beside(self.archive, self.browse_archive)),
            (self.tr("Mode"), self.mode),
            (self.tr("Parallel channels"), self.parallel),
            (self.tr("Timeout (seconds)"), self.timeout))
        for caption, shown in rows:
            form.addRow(caption, shown)
        form.addRow("", self.verify)
        form.addRow(self.tr("Read back in full up to"), self.full_verify)
        form.addRow(self.tr("Staging folder (outside the web root)"),
                    _beside(self.staging, self.browse_staging))
        form.addRow(self.tr("Reconnect attempts"), self.attempts)
        form.addRow("", self.default)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self.test)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setObjectName("serverScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.auth.currentIndexChanged.connect(lambda _i: self._auth_changed())
        self._auth_changed()
        self._load_existing()
        fit_to_screen(self, 640, 600)

    def _auth_changed(self) -> None:
        """Key or password: the field that does not apply is disabled."""
        kind = AuthKind(self.auth.currentData())
        self.key_path.setEnabled(kind == AuthKind.KEY)
        self.browse_button.setEnabled(kind == AuthKind.KEY)
        self.secret.setEnabled(kind != AuthKind.AGENT)

    def _site_chosen(self) -> None:
        """The site manager's list: show the chosen profile, or an empty one to add."""
        name = self.sites.currentData()
        chosen = next((p for p in self.existing if p.name == name), None)
        if chosen is None:
            self.name.clear()
            self.host.clear()
            self.name.setFocus()
            self.default.setChecked(not self.existing)
            return
        self.set_profile(chosen)
        self.default.setChecked(chosen.name == self.default_name)

    def _load_existing(self) -> None:
        """Show the saved profile (read on the database worker; typing first wins)."""
        def show(loaded: tuple[list[ServerProfile], str | None]) -> None:
            existing, default = loaded
            self.existing, self.default_name = existing, default
            self.sites.blockSignals(True)
            self.sites.clear()
            for profile in existing:
                mark = " ★" if profile.name == default else ""
                self.sites.addItem(f"{profile.name}{mark}", profile.name)
            self.sites.addItem(self.tr("New server profile…"), "")
            self.sites.blockSignals(False)
            if existing and not self.host.text():
                chosen = next((p for p in existing if p.name == default), existing[0])
                self.sites.setCurrentIndex(self.sites.findData(chosen.name))
                self._site_chosen()
            elif self.sites.findData(self.name.text()) >= 0:
                self.sites.blockSignals(True)
                self.sites.setCurrentIndex(self.sites.findData(self.name.text()))
                self.sites.blockSignals(False)
            self.profiles_loaded.emit(len(existing))

        ctx = self.ctx
        task_runner().database(lambda: (servers.list_servers(ctx),
                                        servers.default_server_name(ctx)),
                               show, self._load_failed)

    def _load_failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            self._show(failure.error.text(self.lang), error=True)
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)

    def set_profile(self, p: ServerProfile) -> None:
        self.name.setText(p.name)
        self.host.setText(p.host)
        self.port.setValue(p.port)
        self.user_name.setText(p.user)
        self.auth.setCurrentIndex(max(self.auth.findData(p.auth.value), 0))
        self.key_path.setText(p.key_path or "")
        self.web_root.setText(p.web_root)
        self.url.setText(p.public_base_url)
        self.archive.setText(p.archive_dir)
        self.mode.setCurrentIndex(max(self.mode.findData(p.mode.value), 0))
        self.parallel.setValue(p.parallel_connections)
        self.timeout.setValue(int(p.connect_timeout))
        self.verify.setChecked(p.verify_sha256)
        self.full_verify.setValue(p.full_verify_max_mb)
        self.staging.setText(p.staging_dir)
        self.attempts.setValue(p.retry_attempts)
        self._loaded = p

    def profile(self) -> ServerProfile:
        """The profile as shown (settings the dialog does not show are kept)."""
        return replace(
            self._loaded or ServerProfile(name="", host="", user="", web_root="",
                                          archive_dir=""),
            name=self.name.text().strip(), host=self.host.text().strip(),
            port=self.port.value(), user=self.user_name.text().strip(),
            web_root=self.web_root.text().strip(), archive_dir=self.archive.text().strip(),
            public_base_url=self.url.text().strip(), auth=AuthKind(self.auth.currentData()),
            key_path=self.key_path.text().strip() or None,
            mode=PublishMode(self.mode.currentData()),
            parallel_connections=self.parallel.value(),
            connect_timeout=float(self.timeout.value()), verify_sha256=self.verify.isChecked(),
            full_verify_max_mb=self.full_verify.value(), staging_dir=self.staging.text().strip(),
            retry_attempts=self.attempts.value())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key file"))
        if path:
            self.key_path.setText(path)

    def _remember_secret(self, profile: ServerProfile) -> None:
        secret = self.secret.text()
        if secret:
            kind = SecretKind.PASSWORD if profile.auth == AuthKind.PASSWORD \
                else SecretKind.PASSPHRASE
            self.session.secrets.give(profile, secret, keep=True, kind=kind)

    def test(self) -> None:
        try:
            profile = self.profile().validate()
        except UserError as exc:
            self._show(exc.text(self.lang), error=True)
            return
        self._remember_secret(profile)
        self.test_button.setEnabled(False)
        self._show(self.tr("Connecting…"), error=False)
        ctx, store = self.ctx, self.session.secrets.store
        task_runner().network(lambda: servers.test_connection(ctx, profile, store),
                              self._tested, self._failed)

    def _tested(self, check: servers.ConnectionCheck) -> None:
        self.test_button.setEnabled(True)
        problems = []
        if not check.ok_web_root:
            problems.append(self.tr("the web root folder is missing"))
        if not check.ok_archive:
            problems.append(self.tr("the archive folder is missing"))
        if not check.posix_rename:
            problems.append(self.tr("the server cannot rename atomically (posix-rename)"))
        if check.staging and not check.staging_outside:
            problems.append(self.tr(
                "uploads wait in a hidden folder INSIDE the web root ({path}), private only if "
                "the web server runs as another user; give a staging folder outside it that "
                "this account may write to, on the same disk").format(path=check.staging))
        if problems:
            self._show(self.tr("Connected to {where}, but: {problems}").format(
                where=check.detail, problems="; ".join(problems)), error=True)
        else:
            self._show(self.tr("Connected to {where}: web root and archive are ready; uploads "
                               "wait outside the web root in {path}.")
                       .format(where=check.detail, path=check.staging), error=False)
        self.tested.emit(check)

    def _failed(self, failure: TaskFailure) -> None:
        self.test_button.setEnabled(True)
        error = failure.error
        if self.host_key_handled(failure, self.test):
            return
        if isinstance(error, UserError):
            self._show(error.text(self.lang), error=True)
            self.tested.emit(error)
            return
        show_bug(self, self.ctx.paths, failure.exc_info)

    def host_key_handled(self, failure: TaskFailure, retry: Callable[[], None]) -> bool:
        """A new server key (or a CHANGED one) was met: ask; when trusted, ``retry``.  True
        when the failure was such a key (whatever the answer: a "no" shows why below)."""
        error = failure.error
        if isinstance(error, HostKeyUnknownError):
            if not trust_new_key(self, error):
                return False
        elif not (isinstance(error, HostKeyChangedError) and error.host_key is not None
                  and trust_changed_key(self, error)):
            return False
        ctx, user, profile, key = self.ctx, self.user, self.profile(), error.host_key
        task_runner().database(lambda: servers.trust_seen_key(ctx, profile, user, key),
                               lambda _fp: retry(), self._load_failed)
        return True

    def _remote_browse(self, name: str, field: QLineEdit) -> QPushButton:
        button = QPushButton(self.tr("Browse the server…"))
        button.setObjectName(name)
        button.clicked.connect(lambda: self.browse_remote(field))
        return button

    def browse_remote(self, field: QLineEdit) -> None:
        """Pick ``field``'s folder on the server, logged in with the profile as typed."""
        from desktop.ui.remote_folder_picker import RemoteFolderDialog

        try:
            profile = self.profile().validate_connection()
        except UserError as exc:
            self._show(exc.text(self.lang), error=True)
            return
        self._remember_secret(profile)
        start = field.text().strip() or profile.web_root
        picker = RemoteFolderDialog(self.session, profile, start, self.lang, self,
                                    key_check=self.host_key_handled)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        picker.accepted.connect(lambda: field.setText(picker.chosen()))
        picker.open()
        self.folder_picker_opened.emit(picker)

    def save(self) -> None:
        ctx, user, profile = self.ctx, self.user, self.profile()
        make_default = self.default.isChecked()
        task_runner().database(lambda: servers.save_server(ctx, profile, user,
                                                           make_default=make_default),
                               self._saved, self._load_failed)

    def _saved(self, profile: ServerProfile) -> None:
        self._remember_secret(profile)
        self._show(self.tr("Saved."), error=False)
        self.saved.emit(profile)
        self.host.clear()               # the list is read again and shows what was saved
        self._load_existing()
        self.set_profile(profile)

    def _show(self, text: str, error: bool) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if error else "color: #047857;")
        self.message.setText(text)
        self.message_shown.emit(text)


def _beside(field: QWidget, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row
