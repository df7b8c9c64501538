"""Small dialogs: a reason for an action."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.plain_text import PlainLabel


class ReasonDialog(QDialog):
    """Ask for a reason (required where the workflow says so), with quick reasons."""

    def __init__(self, title: str, prompt: str, quick: list[str], required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.required = required
        self.quick = QComboBox()
        self.quick.setObjectName("quickReasons")
        self.quick.addItem("")
        self.quick.addItems(quick)
        self.quick.setVisible(bool(quick))
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.quick.currentTextChanged.connect(self._use_quick)
        self.message = PlainLabel("")
        self.message.setStyleSheet("color: #b91c1c;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(prompt))
        layout.addWidget(self.quick)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def _use_quick(self, value: str) -> None:
        if value:
            self.text.setPlainText(value)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _accept(self) -> None:
        if self.required and not self.reason():
            self.message.setText(self.tr("Please give a reason."))
            return
        self.accept()
