"""The request queue: filters, search and the paged table.  Loads through the task runner.

The selection is kept by request id, not by row: after a reload (a new request, an action) the
same request stays selected wherever its row went, and ``request_selected`` fires whenever the
selected request changes — or is clicked again, so its detail can be reloaded.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.workflow import OPEN_STATES, RequestState, label
from desktop.services import queue_page as pages
from desktop.services.early_start import first_page_early
from desktop.ui.plain_text import PlainLabel
from desktop.ui.request_table_model import RequestTableModel
from desktop.ui.tasks import TaskFailure, task_runner

if TYPE_CHECKING:
    from desktop.services.context import AppContext

PAGE_SIZE = 200
# Which order a click on a column header asks the database for (services RequestQuery.sort).
SORT_KEYS = {RequestTableModel.REFERENCE: "reference", RequestTableModel.TITLE: "title",
             RequestTableModel.CATEGORY: "category", RequestTableModel.STATE: "state",
             RequestTableModel.UNIT: "unit", RequestTableModel.RECEIVED: "received",
             RequestTableModel.DUE: "due"}


@dataclass(frozen=True)
class QueueLoaded:
    total: int           # rows matching the filters
    due_count: int       # published items due for takedown today or earlier


class QueueView(QWidget):
    request_selected = Signal(int)                  # request id
    request_activated = Signal(pages.RequestSummary)  # double-click or Enter
    queue_loaded = Signal(QueueLoaded)
    failed = Signal(TaskFailure)

    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.ctx, self.lang = ctx, lang
        self.selected_id: int | None = None
        self.due_count = 0
        self.sort_key, self.sort_descending = "updated", True   # newest change first
        self.model = RequestTableModel(ctx.catalogue, lang, self)
        self.model.set_today(ctx.today())
        self.model.more_requested.connect(self._load_more)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        for combo, letters in ((self.state_filter, 12), (self.category_filter, 14)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.state_label = PlainLabel()
        self.state_label.setBuddy(self.state_filter)
        self.category_label = PlainLabel()
        self.category_label.setBuddy(self.category_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.state_label)
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.category_label)
        filters.addWidget(self.category_filter, 1)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self._size_columns()
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self.sort_by_column)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.fill_filters()
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.category_filter.currentIndexChanged.connect(lambda _i: self.refresh())

    def _size_columns(self) -> None:
        """The title stretches; the other columns fit their content (dates never scroll)."""
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(36)
        # fitted to the rows in view, not to 1,000 (Qt's default): each new page asked the
        # model for every cell of 200 rows, ~0.15 s of Python before the table painted
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RequestTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # the state names who acts next: wide enough for the step, the rest in its tooltip
        for column, width in ((RequestTableModel.CATEGORY, 96), (RequestTableModel.UNIT, 96),
                              (RequestTableModel.STATE, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)

    # ----- text -----
    def fill_filters(self) -> None:
        state = self.state_filter.currentData()
        category = self.category_filter.currentData()
        for combo in (self.state_filter, self.category_filter):
            combo.blockSignals(True)
            combo.clear()
        self.state_filter.addItem(self.tr("All states"), None)
        self.state_filter.addItem(self.tr("Open (to do)"), "open")
        self.state_filter.addItem(self.tr("Due for takedown"), "due")
        for s in RequestState:
            self.state_filter.addItem(label(s, self.lang), s.value)
        self.category_filter.addItem(self.tr("All categories"), "")
        for c in self.ctx.catalogue.categories:
            self.category_filter.addItem(c.name(self.lang), c.code)
        for combo, value in ((self.state_filter, state), (self.category_filter, category)):
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.state_label.setText(self.tr("&State"))
        self.category_label.setText(self.tr("&Category"))
        self.search.setPlaceholderText(self.tr("Search title, reference, unit…"))
        self.fill_filters()
        self.model.set_lang(lang)

    def show_state(self, value: str | None) -> None:
        """Filter by a state value, "open", "due" or None (all) — from the home screen."""
        index = self.state_filter.findData(value)
        self.state_filter.setCurrentIndex(max(index, 0))

    # ----- loading -----
    def current_query(self, offset: int = 0, limit: int = PAGE_SIZE) -> pages.RequestQuery:
        value = self.state_filter.currentData()
        if value == "open":
            states: tuple[RequestState, ...] = tuple(s for s in RequestState if s in OPEN_STATES)
        elif value and value != "due":
            states = (RequestState(value),)
        else:
            states = ()
        today: date = self.ctx.today()
        return pages.RequestQuery(
            states=states, category=self.category_filter.currentData() or "",
            text=self.search.text(), offset=offset, limit=limit,
            due_by=today if value == "due" else None, sort=self.sort_key,
            descending=self.sort_descending)

    def refresh(self, *, keep_loaded: bool = False) -> None:
        """Load the first page again (and the counts).  ``keep_loaded`` (live updates): as
        many rows as are loaded now, and the scroll position stays where it is."""
        rows = max(PAGE_SIZE, self.model.rowCount()) if keep_loaded else PAGE_SIZE
        query = self.current_query(limit=rows)
        today = self.ctx.today()
        due_query = pages.RequestQuery(due_by=today)
        ctx = self.ctx
        scrolled = self.table.verticalScrollBar().value() if keep_loaded else 0

        def load() -> tuple[list[pages.RequestSummary], int, int]:
            early = first_page_early(ctx, query, today)   # before the database layer only
            if early is not None:
                return early
            return (_pages(ctx, query), pages.count_requests(ctx, query),
                    pages.count_requests(ctx, due_query))

        task_runner().database(load, lambda result: self._arrived(result, scrolled),
                               self.failed.emit, owner=self)

    def sort_by_column(self, column: int) -> None:
        """A click on a column header: that column's order (again: the other way round);
        the database sorts, only the first page is loaded again."""
        key = SORT_KEYS.get(column)
        header = self.table.horizontalHeader()
        if key is None:                     # not sortable: keep the indicator where it was
            current = next((c for c, k in SORT_KEYS.items() if k == self.sort_key), -1)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder
                                    if self.sort_descending else Qt.SortOrder.AscendingOrder)
            return
        self.sort_descending = not self.sort_descending if key == self.sort_key else False
        self.sort_key = key
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if self.sort_descending
                                else Qt.SortOrder.AscendingOrder)
        query = self.current_query()
        ctx, total = self.ctx, self.model.total
        task_runner().database(lambda: pages.list_requests(ctx, query),
                               lambda rows: self._arrived((rows, total, self.due_count), 0),
                               self.failed.emit, owner=self)

    def _arrived(self, result: tuple[list[pages.RequestSummary], int, int],
                 scrolled: int = 0) -> None:
        rows, total, self.due_count = result
        wanted = self.selected_id
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows, total)
        self.table.selectionModel().blockSignals(False)
        if wanted is not None:
            self.select_request(wanted, announce=False, scroll=not scrolled)
        if scrolled:
            self.table.verticalScrollBar().setValue(scrolled)
        self.queue_loaded.emit(QueueLoaded(total, self.due_count))

    def _load_more(self, offset: int) -> None:
        query = self.current_query(offset)
        ctx = self.ctx
        task_runner().database(lambda: pages.list_requests(ctx, query), self.model.append_rows,
                               self.failed.emit, owner=self)

    # ----- selection -----
    def select_request(self, request_id: int, *, announce: bool = True,
                       scroll: bool = True) -> bool:
        """Select ``request_id`` when it is in the loaded rows (True), keep it wanted."""
        self.selected_id = request_id
        row = self.model.row_of(request_id)
        if row < 0:
            return False
        model = self.table.selectionModel()
        model.blockSignals(True)
        self.table.selectRow(row)
        model.setCurrentIndex(self.model.index(row, 0),
                              model.SelectionFlag.NoUpdate)
        model.blockSignals(False)
        if scroll:
            self.table.scrollTo(self.model.index(row, 0))
        if announce:
            self.request_selected.emit(request_id)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_at(current.row()) if current.isValid() else None
        if item is not None and item.id != self.selected_id:
            self.selected_id = item.id
            self.request_selected.emit(item.id)

    def _clicked(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        if item is not None:
            self.selected_id = item.id
            self.request_selected.emit(item.id)   # again: the detail is reloaded

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        if item is not None:
            self.request_activated.emit(item)

    def clear(self) -> None:
        self.selected_id = None
        self.model.set_rows([], 0)
        self.search.clear()


def _pages(ctx: AppContext, query: pages.RequestQuery) -> list[pages.RequestSummary]:
    """``query.limit`` rows from ``query.offset``, a page of at most 1,000 at a time."""
    rows: list[pages.RequestSummary] = []
    while len(rows) < query.limit:
        wanted = min(1000, query.limit - len(rows))
        page = pages.list_requests(ctx, dataclasses.replace(
            query, offset=query.offset + len(rows), limit=wanted))
        rows += page
        if len(page) < wanted:
            break
    return rows
