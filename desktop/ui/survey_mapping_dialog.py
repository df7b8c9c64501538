"""Which column of a survey file is what: a question (1-5), a comment, the response date, or
nothing to count.  Shows the suggested (or remembered) role of each column with a few
sample answers; WebDesk remembers the choice for the next file of the same form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.report_surveys import SurveyPreview
from desktop.ui.plain_text import PlainLabel

ROLES = ("question", "comment", "date", "ignore")


class SurveyMappingDialog(QDialog):
    def __init__(self, preview: SurveyPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyMappingDialog")
        self.preview = preview
        self.setWindowTitle(self.tr("Survey columns"))
        names = {"question": self.tr("Question (1-5)"), "comment": self.tr("Comment"),
                 "date": self.tr("Date answered"), "ignore": self.tr("Do not count")}
        intro = PlainLabel(self.tr("Remembered from the last import of this form.")
                       if preview.remembered else
                       self.tr("Suggested from the headers and the answers; check each "
                               "column. WebDesk remembers your choice for this form."))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(preview.headers), 3)
        self.table.setObjectName("surveyColumns")
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Answers (sample)"),
                                              self.tr("Counts as")])
        self.combos: dict[str, QComboBox] = {}
        for row, header in enumerate(preview.headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            samples = ", ".join(s[row] for s in preview.sample if row < len(s) and s[row])
            self.table.setItem(row, 1, QTableWidgetItem(samples[:80]))
            combo = QComboBox()
            for role in ROLES:
                combo.addItem(names[role], role)
            combo.setCurrentIndex(ROLES.index(preview.mapping.get(header, "ignore")))
            self.table.setCellWidget(row, 2, combo)
            self.combos[header] = combo
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(preview.name))
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def mapping(self) -> dict[str, str]:
        return {header: str(combo.currentData()) for header, combo in self.combos.items()}

    def set_role(self, header: str, role: str) -> None:
        self.combos[header].setCurrentIndex(ROLES.index(role))
