"""The approver's decision: approve, reject (reason) or return for changes; password again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.services.signoff import (
    Decision,
    SignoffOptions,
    SignoffResult,
    decide,
    require_may_sign,
    signoff_options,
)
from desktop.ui.i18n import localize_buttons
from desktop.ui.operations import OperationRunner, OpFailure
from desktop.ui.signature_pad import SignaturePad

QUICK_REJECT_REASONS = {
    "th": ["ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน", "รูปแบบไฟล์ไม่เป็นไปตามที่กำหนด",
           "ข้อมูลไม่ครบถ้วนหรือไม่ถูกต้อง", "มีข้อมูลส่วนบุคคลที่ไม่ควรเผยแพร่"],
    "en": ["Not related to the agency's mission", "File format not allowed",
           "Information incomplete or incorrect",
           "Contains personal data that must not be published"],
}


class DecisionDialog(QDialog):
    def __init__(self, decision: Decision, title: str, manifest_hash: str, lang: str,
                 parent: QWidget | None = None, options: SignoffOptions | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.setObjectName("decisionDialog")
        self.decision = decision
        names = {Decision.APPROVE: self.tr("Approve"), Decision.REJECT: self.tr("Reject"),
                 Decision.REQUEST_CHANGES: self.tr("Return for changes")}
        self.setWindowTitle(names[decision])
        self.quick = QComboBox()
        self.quick.setObjectName("quickReasons")
        self.quick.addItem("")
        self.quick.addItems(QUICK_REJECT_REASONS.get(lang, QUICK_REJECT_REASONS["en"]))
        self.quick.setVisible(decision == Decision.REJECT)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.quick.currentTextChanged.connect(self._quick_reason)
        self.reason.setVisible(decision != Decision.APPROVE)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        summary = QLabel(self.tr("Request: {title}\nContent fingerprint: {hash}")
                         .format(title=title, hash=manifest_hash[:16]))
        summary.setWordWrap(True)
        form = QFormLayout()
        self.step_label = QLabel("")
        self.step_label.setObjectName("stepLabel")
        self.on_behalf = QComboBox()
        self.on_behalf.setObjectName("onBehalfOf")
        self.pad = SignaturePad()
        pad_row = QWidget(self)
        pad_layout = QHBoxLayout(pad_row)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        pad_layout.addWidget(self.pad, 1)
        clear_pad = QPushButton(self.tr("Clear"))
        clear_pad.clicked.connect(self.pad.clear)
        pad_layout.addWidget(clear_pad)
        if options is not None:
            self.step_label.setText(self.tr("Step {step} of {total}: {title}").format(
                step=options.step, total=options.total_steps,
                title=options.step_title.text(lang)))
            form.addRow(self.tr("Approval step"), self.step_label)
            if options.may_sign_self:
                self.on_behalf.addItem(self.tr("Myself"), None)
            for principal in options.on_behalf_choices:
                self.on_behalf.addItem(self.tr("On behalf of {name} (acting for)")
                                       .format(name=principal.full_name), principal.id)
            if options.on_behalf_choices:
                form.addRow(self.tr("Signing as"), self.on_behalf)
        self.wants_signature = bool(options is not None and options.signature_required
                                    and decision == Decision.APPROVE)
        if self.wants_signature:
            form.addRow(self.tr("Signature"), pad_row)
        else:
            pad_row.hide()
        if decision != Decision.APPROVE:
            form.addRow(self.tr("Quick reason"), self.quick)
            form.addRow(self.tr("Reason / comments"), self.reason)
        form.addRow(self.tr("Your password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        localize_buttons(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign and lock") if decision == Decision.APPROVE
                   else names[decision])
        ok.setObjectName("confirmButton")
        self.buttons = buttons
        self.submit: Callable[[], None] = self.accept   # run_decision records it instead
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def _quick_reason(self, text: str) -> None:
        if text:
            self.reason.setPlainText(text)

    def on_behalf_of(self) -> int | None:
        value = self.on_behalf.currentData() if self.on_behalf.count() else None
        return int(value) if value is not None else None

    def signature_png(self) -> bytes | None:
        return self.pad.png() if self.wants_signature else None

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.password.clear()

    def _accept(self) -> None:
        if self.decision != Decision.APPROVE and not self.reason_text():
            self.message.setText(self.tr("Please give a reason."))
            return
        if (self.options is not None and self.options.signature_required
                and self.decision == Decision.APPROVE and self.pad.is_empty()):
            self.message.setText(self.tr("Please sign in the signature box."))
            return
        if not self.password.text():
            self.message.setText(self.tr("Please enter your password."))
            return
        self.submit()

    def set_busy(self, busy: bool) -> None:
        """While the decision is being recorded the buttons wait (Cancel too: it is signed
        or it is not, never half)."""
        self.buttons.setEnabled(not busy)
        self.password.setEnabled(not busy)


def run_decision(parent: QWidget, ctx: AppContext, user: User, lang: str, decision: Decision,
                 request_id: int, title: str, runner: OperationRunner,
                 on_bug: Callable[[OpFailure], None]) -> SignoffResult | None:
    """Ask for the decision (password again) until it is recorded or the person cancels.

    The password check and the write (about 0.1 s of argon2 and a transaction) run on the
    database worker while the dialog stays open; a wrong password is shown in the dialog.
    Raises the user error when this person may not sign this request at all.
    """
    options = signoff_options(ctx, user, request_id)
    require_may_sign(options)
    dialog = DecisionDialog(decision, title, options.manifest_hash, lang, parent, options)
    recorded: list[SignoffResult] = []

    def submit() -> None:
        password, reason = dialog.password.text(), dialog.reason_text()
        behalf, signature = dialog.on_behalf_of(), dialog.signature_png()
        dialog.set_busy(True)
        runner.run(lambda: decide(ctx, user, request_id, decision, password, reason, behalf,
                                  signature), done, failed)

    def done(result: SignoffResult) -> None:
        recorded.append(result)
        if dialog.isVisible():
            dialog.accept()

    def failed(failure: OpFailure) -> None:
        dialog.set_busy(False)
        if not isinstance(failure.error, UserError):
            dialog.reject()
            on_bug(failure)
            return
        dialog.show_error(failure.error.text(lang))
        if failure.error.code == "account_locked":
            dialog.reject()

    dialog.submit = submit
    try:
        dialog.exec()
        return recorded[0] if recorded else None
    finally:
        dialog.password.clear()
        dialog.deleteLater()
