"""The inbox as a table: due date, reference, title, step, and for whom the person signs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from desktop.domain.audit_labels import audit_label
from desktop.domain.categories import CategoryCatalogue
from desktop.domain.thai_dates import format_date
from desktop.services.inbox import InboxItem
from desktop.ui.plain_text import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
def history_label(action: str, lang: str) -> str:
    """The audit label (desktop.services.signoff adds this room's actions to the table)."""
    import desktop.services.signoff  # noqa: F401  (registers the sign-off audit labels)

    return audit_label(action, lang)


class InboxTableModel(QAbstractTableModel):
    COLUMNS = 5

    def __init__(self, catalogue: CategoryCatalogue, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.lang = lang
        self.items: list[InboxItem] = []

    def set_items(self, items: list[InboxItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Due"), self.tr("Reference"), self.tr("Title"), self.tr("Step"),
                self.tr("Signing for"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_date(item.due, self.lang, "short") if item.due else "–"
            if column == 1:
                return item.reference
            if column == 2:
                return item.title
            if column == 3:
                return f"{item.step}/{item.total_steps} {item.step_title.text(self.lang)}"
            names = list(item.on_behalf_of)
            if item.may_sign_self:
                names.insert(0, self.tr("myself"))
            return ", ".join(names)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and item.overdue:
            return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return plain_tooltip(item.title)
        return None

    def item_at(self, row: int) -> InboxItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None
