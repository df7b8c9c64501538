"""Extend or shorten a published item's period (its takedown date), with a reason; audited."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.request import PublicationRequest
from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.ui.reason_dialog import ChangeWithReasonDialog
from desktop.ui.request_dates import ThaiDateEdit


class PeriodDialog(ChangeWithReasonDialog):
    period_changed = Signal(date)     # the new takedown date

    def __init__(self, ctx: AppContext, user: User, lang: str, request: PublicationRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, lang, "periodDialog", parent)
        self.user, self.request = user, request
        self.setWindowTitle(self.tr("Change the publication period"))
        self.intro.setText(self.tr("“{title}” ({reference}) is published until {date}.").format(
            title=request.title, reference=request.reference,
            date=format_date(request.expiry_date, lang) if request.expiry_date else "–"))
        self.until = ThaiDateEdit(lang)
        self.until.setObjectName("until")
        self.until.setDate(request.expiry_date)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(self.tr("Take down on"), self.until)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.setMinimumWidth(460)

    def save(self) -> None:
        problem = self.until.problem()
        until = None if problem else self.until.date()
        if until is None:
            self.message.setText(problem or self.tr("Please give the new takedown date."))
            return
        ctx, user, request_id = self.ctx, self.user, self.request.id
        assert request_id is not None
        reason = self.reason.text().strip()
        self.run(lambda: rq.change_publication_period(ctx, user, request_id, until, reason),
                 lambda _old: self.period_changed.emit(until))
