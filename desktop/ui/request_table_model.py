"""The request queue as a thin Qt model: rows are set from paged queries, never queried here."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.domain.categories import CategoryCatalogue
from desktop.domain.thai_dates import format_date
from desktop.domain.workflow import RequestState, label
from desktop.services.queue_page import RequestSummary
from desktop.ui.i18n import tr
from desktop.ui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

STATE_COLOURS: dict[RequestState, str] = {
    RequestState.DRAFT: "#6b7280", RequestState.SUBMITTED: "#2563eb",
    RequestState.IN_REVIEW: "#7c3aed", RequestState.RETURNED: "#d97706",
    RequestState.AWAITING_APPROVAL: "#db2777", RequestState.APPROVED: "#059669",
    RequestState.REJECTED: "#dc2626", RequestState.PUBLISHED: "#047857",
    RequestState.TAKEN_DOWN: "#4b5563", RequestState.ARCHIVED: "#9ca3af",
    RequestState.WITHDRAWN: "#9ca3af",
}


class RequestTableModel(QAbstractTableModel):
    more_requested = Signal(int)  # offset of the next page

    COLUMNS = ("Reference", "Title", "Category", "State", "Unit", "Received", "Due", "Files")
    REFERENCE, TITLE, CATEGORY, STATE, UNIT, RECEIVED, DUE, FILES = range(8)

    def __init__(self, catalogue: CategoryCatalogue, lang: str = "th",
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestSummary] = []
        self._total = 0
        self._catalogue = catalogue
        self._lang = lang
        self._today = date.today()
        self._waiting_for_more = False

    # Feeding
    def set_rows(self, rows: list[RequestSummary], total: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self._waiting_for_more = False
        self.endResetModel()

    def append_rows(self, rows: list[RequestSummary]) -> None:
        """The next page.  Rows already shown are skipped (others' changes move rows between
        pages); an empty page means the count was stale: nothing more to fetch."""
        self._waiting_for_more = False
        shown = {row.id for row in self._rows}
        rows = [row for row in rows if row.id not in shown]
        if not rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_today(self, today: date) -> None:
        self._today = today

    def row_at(self, row: int) -> RequestSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == request_id), -1)

    @property
    def total(self) -> int:
        return self._total

    # Paging
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total \
            and not self._waiting_for_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._waiting_for_more = True
            self.more_requested.emit(len(self._rows))

    # Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return tr("RequestTableModel", self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return plain_tooltip(item.title)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return plain_tooltip(self._state_text(item))
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QBrush(QColor(STATE_COLOURS[item.state]))
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and self._overdue(item):
            return QBrush(QColor("#dc2626"))
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _state_text(self, item: RequestSummary) -> str:
        """The state and who must act next ("รออนุมัติ — ขั้นที่ 1/1: ผู้อนุมัติ (นายแพทย์…)")."""
        state = label(item.state, self._lang)
        waiting = item.waiting_for.text(self._lang)
        return f"{state} — {waiting}" if waiting else state

    def _overdue(self, item: RequestSummary) -> bool:
        open_states = {RequestState.SUBMITTED, RequestState.IN_REVIEW,
                       RequestState.AWAITING_APPROVAL, RequestState.APPROVED}
        return item.due is not None and item.state in open_states and item.due < self._today

    def _display(self, item: RequestSummary, column: int) -> str:
        if column == 0:
            return item.reference
        if column == 1:
            return item.title
        if column == 2:
            category = self._catalogue.get(item.category)
            return category.name(self._lang) if category else item.category
        if column == 3:
            return self._state_text(item)
        if column == 4:
            return item.requester_unit
        if column == 5:
            return format_date(item.received_at, self._lang, "short") if item.received_at else ""
        if column == 6:
            return format_date(item.due, self._lang, "short") if item.due else ""
        if column == 7:
            return str(item.attachment_count)
        return ""
