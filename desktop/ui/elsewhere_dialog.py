"""An admin records that an approved request went on the site another way (a CMS, by hand):
the page's address and a reason, nothing uploaded; the service audits it and still checks the
approvals (services.requests.record_published_elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.ui.reason_dialog import ChangeWithReasonDialog
from desktop.ui.screen_fit import fit_to_screen


class ElsewhereDialog(ChangeWithReasonDialog):
    recorded = Signal(RequestState)     # the request's new state (published)

    def __init__(self, ctx: AppContext, admin: User, lang: str, request: PublicationRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, lang, "elsewhereDialog", parent)
        self.admin, self.request = admin, request
        self.setWindowTitle(self.tr("Record as published elsewhere"))
        self.intro.setText(self.tr(
            "“{title}” ({reference}) is approved. Record it as published without uploading "
            "anything from WebDesk — for example when it was put on the site through the "
            "CMS. The address and the reason go into the audit log.").format(
                title=request.title, reference=request.reference))
        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://www.example.go.th/news/…")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 16)
        self.form.addRow(self.tr("Page address (URL)"), self.url)
        self.form.addRow(self.tr("Reason"), self.reason)
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
        self.run(lambda: rq.record_published_elsewhere(ctx, admin, request_id, url, reason),
                 self.recorded.emit)
