"""The transfer queue, docked at the bottom of the main window (like WinSCP's queue).

One row per request to publish or take down: its state, speed and time left.  The dock
appears when a transfer starts and keeps its history while the person is signed in (Clear
finished removes what went through).  A failed item turns red and says "Failed", why, and
what to do next, in a word-wrapped box that scrolls rather than cuts; Retry and Retry all
failed start them again (what was verified on the server is not sent twice).  Cancel stops
the running item; the server is left as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.sizes import format_size
from desktop.services.server_access import ServerProfile
from desktop.services.user_session import UserSession
from desktop.ui.plain_text import PlainLabel, plain_tooltip
from desktop.ui.transfer_flow import TransferFlow
from desktop.ui.transfer_items import (
    NO_PASSWORD,
    ItemState,
    QueueEntry,
    TransferItem,
    TransferKind,
    next_step_for,
)

RED, BLUE, GREEN, GREY = "#b91c1c", "#1d4ed8", "#047857", "#4b5563"
_STATE_COLOURS = {ItemState.WAITING: GREY, ItemState.RUNNING: BLUE, ItemState.DONE: GREEN,
                  ItemState.FAILED: RED}
ITEM, STATE, SPEED, LEFT = range(4)


class TransferQueuePanel(QWidget):
    item_published = Signal(object)     # PublishOutcome
    item_taken_down = Signal(object)    # TakedownOutcome
    item_failed = Signal(object)        # TransferItem (.error says why)
    queue_finished = Signal(int)        # nothing waits: how many went through in all

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferQueue")
        self.session, self.lang = session, lang
        self.items: list[TransferItem] = []
        self.flow = TransferFlow(session, self.items, self)
        self.flow.changed.connect(self.redraw)
        self.flow.item_published.connect(self.item_published)
        self.flow.item_taken_down.connect(self.item_taken_down)
        self.flow.item_failed.connect(self._failed)
        self.flow.finished.connect(self.queue_finished)
        self.heading = PlainLabel()
        self.heading.setObjectName("queueHeading")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("transferTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self.redraw)
        self.message = PlainLabel()                      # the failure, word-wrapped, scrolled
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = QScrollArea()
        self.message_box.setObjectName("messageBox")
        self.message_box.setWidgetResizable(True)
        self.message_box.setFrameShape(QScrollArea.Shape.NoFrame)
        self.message_box.setWidget(self.message)
        self.url = PlainLabel()
        self.url.setObjectName("publicUrl")
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item_bar = QProgressBar()
        self.item_bar.setObjectName("itemProgress")
        self.item_bar.setRange(0, 1000)
        self.queue_bar = QProgressBar()
        self.queue_bar.setObjectName("queueProgress")
        self.queue_bar.setMaximumWidth(200)
        self.queue_bar.setFormat("%v / %m")
        self.stats = PlainLabel()
        self.stats.setObjectName("stats")
        self.stats.setWordWrap(True)
        self.retry_button = self._button("retryButton", self.retry_selected)
        self.retry_all_button = self._button("retryAllButton", self.retry_all)
        self.copy_button = self._button("copyLinkButton", self.copy_link)
        self.open_button = self._button("openOnSiteButton", self.open_on_site)
        self.cancel_button = self._button("cancelButton", self.cancel)
        self.clear_button = self._button("clearFinishedButton", self.clear_finished)
        self._lay_out()
        self.retranslate()

    def _button(self, name: str, slot: object) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.queue_bar)
        side = QWidget()
        side.setObjectName("transferSide")
        column = QVBoxLayout(side)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.message_box, 1)
        column.addWidget(self.url)
        column.addWidget(self.item_bar)
        column.addWidget(self.stats)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("transferSplit")
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 600])
        split.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.retry_all_button, self.copy_button,
                       self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.setMinimumHeight(240)

    # ----- what the window and tests read -----
    @property
    def running(self) -> bool:
        return self.flow.running

    @property
    def current(self) -> TransferItem | None:
        return self.flow.current

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.items if i.state == ItemState.DONE)

    @property
    def failed_count(self) -> int:
        return sum(1 for i in self.items if i.state == ItemState.FAILED)

    def selected(self) -> TransferItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    # ----- adding and running -----
    def add(self, entries: list[QueueEntry], profile: ServerProfile,
            kind: TransferKind = TransferKind.PUBLISH, reason: str = "") -> None:
        """Queue these requests and start (one after the other).  A request already waiting
        or running is not queued twice; a failed one is simply tried again."""
        for entry in entries:
            same = [i for i in self.items if i.entry.request_id == entry.request_id
                    and i.kind == kind and i.state != ItemState.DONE]
            if same:
                for item in same:
                    if item.state == ItemState.FAILED:
                        item.profile, item.reason_given = profile, reason
                        item.wait_again()
                continue
            self.items.append(TransferItem(entry, profile, kind, reason))
        self.redraw()
        self.flow.start()

    def retry_selected(self) -> None:
        item = self.selected()
        if item is not None and item.state == ItemState.FAILED:
            self._retry([item])

    def retry_all(self) -> None:
        self._retry([i for i in self.items if i.state == ItemState.FAILED])

    def _retry(self, items: list[TransferItem]) -> None:
        for item in items:
            item.wait_again()
        self.redraw()
        self.flow.start()

    def cancel(self) -> None:
        self.flow.cancel()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Cancelling… the server is left as it was."))

    def clear_finished(self) -> None:
        """Forget what went through (failed and waiting items stay)."""
        keep = [i for i in self.items if i.state != ItemState.DONE]
        self.items[:] = keep
        self.redraw()

    def copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self.url.text())

    def open_on_site(self) -> None:
        QDesktopServices.openUrl(QUrl(self.url.text()))

    def _failed(self, item: TransferItem) -> None:
        self.redraw()
        self.table.selectRow(self.items.index(item))
        self.item_failed.emit(item)

    # ----- showing -----
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("State"),
                                              self.tr("Speed"), self.tr("Time left")])
        for button, text in ((self.retry_button, self.tr("&Retry")),
                             (self.retry_all_button, self.tr("Retry &all failed")),
                             (self.copy_button, self.tr("Copy link")),
                             (self.open_button, self.tr("Open on site")),
                             (self.cancel_button, self.tr("Cancel")),
                             (self.clear_button, self.tr("Clear finished"))):
            button.setText(text)
        self.redraw()

    def failure_text(self, item: TransferItem) -> tuple[str, str]:
        """(why it failed, what to do next) in the current language."""
        if isinstance(item.error, UserError):
            return item.error.text(self.lang), next_step_for(item.error)
        if item.failure == NO_PASSWORD:
            return (self.tr("Not done: the server password was not given."),
                    self.tr("Choose Retry to enter it."))
        return (self.tr("An internal error occurred; it was written to the log."),
                self.tr("Choose Retry; if it fails again, send the log to your IT staff."))

    def state_text(self, item: TransferItem) -> str:
        publishing = item.kind == TransferKind.PUBLISH
        if item.state == ItemState.RUNNING:
            if not publishing:
                return self.tr("Taking down…")
            if not item.files:
                return self.tr("Connecting…")
            return self.tr("Uploading {percent}%").format(percent=item.per_mille() // 10)
        if item.state == ItemState.DONE:
            return self.tr("Published") if publishing else self.tr("Taken down")
        if item.state == ItemState.FAILED:
            return self.tr("Failed")
        return self.tr("Waiting") if publishing else self.tr("Waiting to take down")

    def redraw(self) -> None:
        if self.table.rowCount() != len(self.items):
            self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            self._show_row(row, item)
        self._show_selected()
        self._show_heading()
        self._enable()

    def _show_row(self, row: int, item: TransferItem) -> None:
        running = item.state == ItemState.RUNNING
        left = self.tr("{n} s").format(n=int(item.seconds_left)) \
            if running and item.seconds_left is not None else ""
        speed = f"{format_size(item.speed, self.lang)}/s" if running and item.speed else ""
        tip = item.name
        if item.state == ItemState.FAILED:
            why, then = self.failure_text(item)
            tip = f"{item.name}\n{why}\n{then}"
        elif item.url:
            tip = f"{item.name}\n{item.url}"
        for column, text in ((ITEM, item.name), (STATE, self.state_text(item)),
                             (SPEED, speed), (LEFT, left)):
            cell = self.table.item(row, column)
            if cell is None:
                cell = QTableWidgetItem()
                self.table.setItem(row, column, cell)
            cell.setText(text)
            cell.setToolTip(plain_tooltip(tip))
            if column == STATE:
                cell.setForeground(QBrush(QColor(_STATE_COLOURS[item.state])))

    def _show_selected(self) -> None:
        """The failure of the selected (or the running, or the last failed) item."""
        item = self.selected() or self.flow.current or next(
            (i for i in reversed(self.items) if i.state == ItemState.FAILED), None)
        if item is not None and item.state == ItemState.FAILED:
            why, then = self.failure_text(item)
            self.message.setStyleSheet(f"color: {RED};")
            self.message.setText(self.tr("Failed: {title}").format(title=item.name)
                                 + "\n" + why + "\n\n" + self.tr("What to do: {step}")
                                 .format(step=then))
        elif item is not None and item.state == ItemState.DONE and item.url:
            self.message.setStyleSheet(f"color: {GREEN};")
            self.message.setText(self.tr("Published: {title}").format(title=item.name))
        elif not self.items:
            self.message.setStyleSheet(f"color: {GREY};")
            self.message.setText(self.tr("Nothing has been sent yet. Publishing and taking "
                                         "down show here, with their progress."))
        elif self.message.text() and item is not None and item.state != ItemState.FAILED:
            self.message.setStyleSheet("")
            self.message.clear()
        # the link of the item shown (a failed one has none); with nothing selected, the
        # last one published
        shown = item if item is not None else next(
            (i for i in reversed(self.items) if i.url), None)
        self.url.setText(shown.url if shown is not None and shown.url else "")
        current = self.flow.current
        self.item_bar.setVisible(current is not None)     # the room goes to the message
        self.stats.setVisible(current is not None)
        if current is not None:
            self.item_bar.setValue(current.per_mille())
            sent, size = current.bytes_done()
            if size:
                self.stats.setText(self.tr("{done} of {total} · {files} files done").format(
                    done=format_size(sent, self.lang), total=format_size(size, self.lang),
                    files=current.files_done()))
        elif self.items and self.items[-1].state == ItemState.DONE:
            self.item_bar.setValue(1000)

    def _show_heading(self) -> None:
        done, failed, total = self.done_count, self.failed_count, len(self.items)
        self.queue_bar.setRange(0, max(total, 1))
        self.queue_bar.setValue(done)   # what went through: a queue that all failed is empty
        current = self.flow.current
        if current is not None:
            text = self.tr("Working on {n} of {total}: {title}").format(
                n=self.items.index(current) + 1, total=total, title=current.entry.title)
            colour = BLUE
        elif failed:
            text = self.tr("Failed: {failed} of {total} did not go through").format(
                failed=failed, total=total)
            colour = RED
        elif total and done == total:
            text = self.tr("Done: {n} of {total}").format(n=done, total=total)
            colour = GREEN
        elif total:
            text = self.tr("Waiting: {total} items").format(total=total)
            colour = GREY
        else:
            text, colour = self.tr("Transfers"), GREY
        self.heading.setText(text)
        self.heading.setStyleSheet(f"font-size: 11pt; font-weight: 600; color: {colour};")

    def _enable(self) -> None:
        selected = self.selected()
        running = self.flow.running
        self.retry_button.setEnabled(selected is not None and selected.state == ItemState.FAILED)
        self.retry_all_button.setEnabled(self.failed_count > 0)
        self.cancel_button.setEnabled(running)
        self.clear_button.setEnabled(self.done_count > 0)
        self.copy_button.setEnabled(bool(self.url.text()))
        self.open_button.setEnabled(bool(self.url.text()))


class TransferDock(QDockWidget):
    """The queue as a dock of the main window, at the bottom (movable, closable)."""

    def __init__(self, panel: TransferQueuePanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDock")
        self.panel = panel
        self.setWidget(panel)
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea
                             | Qt.DockWidgetArea.TopDockWidgetArea)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Transfers"))
        self.toggleViewAction().setText(self.tr("Transfers"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
