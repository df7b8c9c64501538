"""An admin records that an approved request went on the site another way (a CMS, by hand):
the page's address and a reason, nothing uploaded; the service audits it and still checks the
approvals (services.requests.record_published_elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner


class ElsewhereDialog(QDialog):
    recorded = Signal(RequestState)     # the request's new state (published)

    def __init__(self, ctx: AppContext, admin: User, lang: str, request: PublicationRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("elsewhereDialog")
        self.ctx, self.admin, self.lang, self.request = ctx, admin, lang, request
        self.setWindowTitle(self.tr("Record as published elsewhere"))
        intro = QLabel(self.tr(
            "“{title}” ({reference}) is approved. Record it as published without uploading "
            "anything from WebDesk — for example when it was put on the site through the "
            "CMS. The address and the reason go into the audit log.").format(
                title=request.title, reference=request.reference))
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://www.example.go.th/news/…")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 16)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        form = QFormLayout()
        form.addRow(self.tr("Page address (URL)"), self.url)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.url.setFocus()
        fit_to_screen(self, 600, max(320, self.sizeHint().height()))

    def save(self) -> None:
        """Checked here for what needs no database (so the message comes at once); the
        service checks everything again."""
        url, reason = self.url.text().strip(), self.reason.toPlainText().strip()
        if not url:
            self.message.setText(self.tr("Please give the address of the published page."))
            self.url.setFocus()
            return
        if not reason:
            self.message.setText(self.tr("Please say why it was published another way."))
            self.reason.setFocus()
            return
        ctx, admin, request_id = self.ctx, self.admin, self.request.id
        assert request_id is not None
        self.message.clear()
        self.buttons.setEnabled(False)
        task_runner().database(
            lambda: rq.record_published_elsewhere(ctx, admin, request_id, url, reason),
            self._recorded, self._failed)

    def _recorded(self, state: RequestState) -> None:
        self.recorded.emit(state)
        self.accept()

    def _failed(self, failure: TaskFailure) -> None:
        self.buttons.setEnabled(True)
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)
