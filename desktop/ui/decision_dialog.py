"""The approver's decision: approve, reject (reason) or return for changes; password again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.signoff import Decision

QUICK_REJECT_REASONS = {
    "th": ["ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน", "รูปแบบไฟล์ไม่เป็นไปตามที่กำหนด",
           "ข้อมูลไม่ครบถ้วนหรือไม่ถูกต้อง", "มีข้อมูลส่วนบุคคลที่ไม่ควรเผยแพร่"],
    "en": ["Not related to the agency's mission", "File format not allowed",
           "Information incomplete or incorrect", "Contains personal data that must not be published"],
}


class DecisionDialog(QDialog):
    def __init__(self, decision: Decision, title: str, manifest_hash: str, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.quick.currentTextChanged.connect(lambda t: t and self.reason.setPlainText(t))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
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
        if decision != Decision.APPROVE:
            form.addRow(self.tr("Quick reason"), self.quick)
            form.addRow(self.tr("Reason / comments"), self.reason)
        form.addRow(self.tr("Your password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign and lock") if decision == Decision.APPROVE
                   else names[decision])
        ok.setObjectName("confirmButton")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.password.clear()

    def _accept(self) -> None:
        if self.decision != Decision.APPROVE and not self.reason_text():
            self.message.setText(self.tr("Please give a reason."))
            return
        if not self.password.text():
            self.message.setText(self.tr("Please enter your password."))
            return
        self.accept()
