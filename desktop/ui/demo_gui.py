"""``webdesk --demo`` with a display: the app on a throwaway demo profile, with a panel on the
sign-in screen (beside the card) naming the demo accounts, their passwords and the demo
servers."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.demo_session import DemoEnvironment, demo_environment
from desktop.ui.plain_text import PlainLabel


class DemoPanel(QWidget):
    """Who to sign in as, and where the demo publishes."""

    def __init__(self, env: DemoEnvironment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoPanel")
        self.env = env
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        self.accounts = QTableWidget(len(env.accounts), 4)
        self.accounts.setObjectName("demoAccounts")
        self.accounts.verticalHeader().setVisible(False)
        self.accounts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, values in enumerate(env.accounts):
            for column, value in enumerate(values):
                self.accounts.setItem(row, column, QTableWidgetItem(value))
        self.accounts.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.accounts.horizontalHeader().setStretchLastSection(True)
        self.server = PlainLabel(f"sftp://{env.sftp_address}")
        self.server_login = PlainLabel(f"webmaster / {env.site.password}")
        self.host_key = PlainLabel(env.site.host_key_fingerprint)
        self.web = PlainLabel(env.site.base_url + "/")
        for label in (self.server, self.server_login, self.host_key, self.web):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.open_site = QPushButton()
        self.open_site.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl(env.site.base_url + "/")))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.accounts, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.open_site)
        self.labels = [PlainLabel() for _ in range(4)]
        for caption, shown in zip(self.labels, (self.server, self.server_login, self.host_key,
                                                self.web), strict=True):
            self.form.addRow(caption, shown)
        self.retranslate()
        self.resize(620, 420)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:     # switched on the sign-in screen
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("WebDesk demo: accounts and servers"))
        self.intro.setText(self.tr(
            "This is a demo on a throwaway profile: everything is removed when you quit. "
            "Sign in as one of these people (webmasters register and publish, the director "
            "approves, the admin manages)."))
        self.accounts.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Password"), self.tr("Roles"), self.tr("Name")])
        for caption, text in zip(self.labels, (self.tr("Demo SFTP server"),
                                             self.tr("Server login / password"),
                                             self.tr("Server host key"),
                                             self.tr("Demo web site")), strict=True):
            caption.setText(text)
        self.open_site.setText(self.tr("Open the demo web site"))
        self.accounts.setMinimumHeight(      # every account in sight, no scrolling
            self.accounts.verticalHeader().length() + 2 * self.accounts.frameWidth()
            + self.accounts.horizontalHeader().sizeHint().height() + 6)


def run_demo_gui(lang: str) -> int:
    """Prepare the demo (a few seconds), open the app on it, remove everything after."""
    from desktop.ui.app import run_gui
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_app_font(app)
    install_translator(lang)
    print("กำลังเตรียมข้อมูลตัวอย่าง… / Preparing the demo…", file=sys.stderr, flush=True)
    with demo_environment() as env:
        return run_gui(env.paths, lang, notice=lambda: DemoPanel(env))
