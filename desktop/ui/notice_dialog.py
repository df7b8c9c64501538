"""The notice to the information owner: edit if needed, copy to the clipboard or send by e-mail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.notices import Notice
from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.services.notices import PreparedNotice, log_notice, send_notice_email
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner


class NoticeDialog(QDialog):
    copied = Signal()
    sent = Signal(str)  # Message-ID

    def __init__(self, ctx: AppContext, user: User, lang: str, prepared: PreparedNotice,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self.ctx = ctx
        self.user = user
        self.lang = lang
        self.prepared = prepared
        self.setWindowTitle(self.tr("Notice to the information owner"))
        self.subject = QLineEdit(prepared.notice.subject)
        self.subject.setObjectName("noticeSubject")
        self.subject.setCursorPosition(0)       # a long subject shows its beginning (Thai first)
        self.body = QPlainTextEdit(prepared.notice.body)
        self.body.setObjectName("noticeBody")
        self.to = QLineEdit(prepared.notice.to)
        self.to.setObjectName("noticeTo")
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = PlainLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("Subject"), self.subject)
        if prepared.smtp_needs_password:
            form.addRow(self.tr("Mail server password"), self.password)
        self.copy_button = QPushButton(self.tr("Copy to clipboard"))
        self.copy_button.setObjectName("copyNotice")
        self.copy_button.clicked.connect(self.copy)
        self.send_button = QPushButton(self.tr("Send e-mail"))
        self.send_button.setObjectName("sendNotice")
        self.send_button.setEnabled(prepared.smtp_configured)
        self.send_button.setToolTip("" if prepared.smtp_configured
                                    else self.tr("No mail server is configured."))
        self.send_button.clicked.connect(self.send)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 720, 560)

    def notice(self) -> Notice:
        return replace(self.prepared.notice, subject=self.subject.text().strip(),
                       body=self.body.toPlainText(), to=self.to.text().strip())

    def copy(self) -> None:
        notice = self.notice()
        QApplication.clipboard().setText(notice.as_text())
        ctx, user, request_id = self.ctx, self.user, self.prepared.request_id
        task_runner().database(lambda: log_notice(ctx, user, request_id, notice, "copied"),
                               self._copied, self._failed)

    def _copied(self, _result: object) -> None:
        self.message.setText(self.tr("Copied. Paste it into your e-mail or letter."))
        self.copied.emit()

    def send(self) -> None:
        notice = self.notice()
        password = self.password.text()
        self.password.clear()
        self.send_button.setEnabled(False)
        self.message.setText(self.tr("Sending…"))
        ctx, user, request_id = self.ctx, self.user, self.prepared.request_id
        task_runner().network(lambda: send_notice_email(ctx, user, request_id, notice,
                                                        notice.to, password),
                              self._sent, self._failed)

    def _sent(self, message_id: str) -> None:
        self.send_button.setEnabled(True)
        self.message.setText(self.tr("Sent."))
        self.sent.emit(message_id)

    def _failed(self, failure: TaskFailure) -> None:
        self.send_button.setEnabled(True)
        error = failure.error
        self.message.setText(error.text(self.lang) if isinstance(error, UserError)
                             else self.tr("Sending failed."))


def open_notice(window: QWidget, ctx: AppContext, user: User, lang: str, request_id: int,
                on_failure: Callable[[TaskFailure], None]) -> None:
    """Prepare the notice off the GUI thread, then show it (non-blocking)."""
    from desktop.services.notices import prepare_notice

    def show(prepared: PreparedNotice) -> None:
        dialog = NoticeDialog(ctx, user, lang, prepared, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()

    task_runner().database(lambda: prepare_notice(ctx, user, request_id), show, on_failure,
                           owner=window)
