"""One widget per kind of preview.  Each takes the loaded preview dataclass in ``show(preview)``.

Everything here runs in the GUI thread and only displays what a worker prepared.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap, QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.sizes import format_size
from desktop.services.file_preview import RenderCache
from desktop.ui.plain_text import PlainLabel, RichLabel
from desktop.ui.preview.loaders import (
    PDF_THUMB_BATCH,
    PDF_THUMB_WIDTH,
    PDF_THUMBNAILS,
    ArchivePreview,
    DocumentPreview,
    ImagePreview,
    LegacyOfficePreview,
    PdfPreview,
    SheetsPreview,
    UnreadablePreview,
    pdf_thumbnails,
)
from desktop.ui.tasks import task_runner


def _toolbar(*widgets: QWidget) -> QHBoxLayout:
    """A row of small controls that may shrink with the pane (a narrow screen).  A button of
    one sign (◀ ▶ − +) stays about as wide as it is tall, so that the worded ones ("พอดี
    ความกว้าง") keep their whole text in the side pane of a 1366-pixel screen."""
    row = QHBoxLayout()
    for widget in widgets:
        if isinstance(widget, QLabel):           # "จาก 12 หน้า": never cut
            row.addWidget(widget)
            continue
        widget.setMinimumWidth(28)
        if isinstance(widget, QPushButton) and len(widget.text()) == 1:
            widget.setMaximumWidth(max(28, widget.sizeHint().height() + 6))
        row.addWidget(widget)
    row.addStretch(1)
    return row


class MessageViewer(QWidget):
    """A clear message for a file that cannot be shown (never a traceback)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = PlainLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setObjectName("previewMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def show_message(self, text: str) -> None:
        self.label.setText(text)


class ImageViewer(QWidget):
    """The web copy that will be published, with fit / 100 % / zoom, dimensions and size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = QPixmap()
        self.zoom = 1.0
        self.fitting = True
        self.info = PlainLabel(self)
        self.info.setWordWrap(True)
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.actual_button = QPushButton("100 %", self)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_out_button = QPushButton("−", self)
        self.canvas = PlainLabel(self)
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(_toolbar(self.fit_button, self.actual_button, self.zoom_out_button,
                                  self.zoom_in_button))
        layout.addWidget(self.info)
        layout.addWidget(self.scroll_area, 1)
        self.fit_button.clicked.connect(self.fit)
        self.actual_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * 1.25))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / 1.25))

    def show_preview(self, preview: ImagePreview, lang: str = "th") -> None:
        self.pixmap = QPixmap.fromImage(preview.image)
        text = self.tr(
            "Web copy {w} × {h} px, {size} (original {ow} × {oh} px, {osize}). "
            "Metadata removed: {removed}") if preview.removed_metadata else self.tr(
            "Web copy {w} × {h} px, {size} (original {ow} × {oh} px, {osize}). "
            "It had no metadata to remove.")
        self.info.setText(text.format(
            w=preview.image.width(), h=preview.image.height(),
            size=format_size(preview.web_bytes, lang), ow=preview.original_width,
            oh=preview.original_height, osize=format_size(preview.size, lang),
            removed=", ".join(preview.removed_metadata)))
        self.fit()

    def fit(self) -> None:
        self.fitting = True
        if self.pixmap.isNull():
            return
        area = self.scroll_area.viewport().size()
        scale = min((area.width() - 4) / self.pixmap.width(),
                    (area.height() - 4) / self.pixmap.height(), 1.0)
        self._apply(max(scale, 0.05))

    def set_zoom(self, zoom: float) -> None:
        self.fitting = False
        self._apply(min(max(zoom, 0.05), 8.0))

    def _apply(self, zoom: float) -> None:
        self.zoom = zoom
        if self.pixmap.isNull():
            return
        size = self.pixmap.size() * zoom
        self.canvas.setPixmap(self.pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        self.canvas.resize(self.canvas.pixmap().size())

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()


class PdfViewer(QWidget):
    """QtPdf: QPdfView with page navigation, zoom, a page-thumbnail strip and the page count.

    The strip fills in the background, a batch at a time, after the document is on screen.
    """

    thumbnails_done = Signal(int)

    def __init__(self, cache: RenderCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self._generation = 0
        self._preview: PdfPreview | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.previous_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        self.count_label = PlainLabel(self)
        self.fit_button = QPushButton(self.tr("Fit width"), self)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_out_button = QPushButton("−", self)
        self.thumbnails = QListWidget(self)
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        self.thumbnails.setFixedWidth(PDF_THUMB_WIDTH + 24)
        self.thumbnails.setSpacing(6)
        self.thumbnails.setStyleSheet("QListWidget { background: #d5d9df; }")  # white pages show
        body = QHBoxLayout()
        body.addWidget(self.thumbnails)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(_toolbar(self.previous_button, self.page_box, self.count_label,
                                  self.next_button, self.fit_button, self.zoom_out_button,
                                  self.zoom_in_button))
        layout.addLayout(body, 1)
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.thumbnails.currentRowChanged.connect(self.go_to)
        self.fit_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(0.8))
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self._buffer: QBuffer | None = None
        self._bytes = QByteArray()

    def show_preview(self, preview: PdfPreview) -> None:
        self.document.close()
        self._bytes = QByteArray(preview.data)
        buffer = QBuffer(self)
        buffer.setData(self._bytes)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        self.document.load(buffer)
        if old is not None:
            old.deleteLater()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, preview.page_count))
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.count_label.setText(self.tr("of {count} pages").format(count=preview.page_count))
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        self.thumbnails.blockSignals(False)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._generation += 1
        self._preview = preview
        self._request_thumbnails(0)

    def _request_thumbnails(self, first: int) -> None:
        preview = self._preview
        if preview is None or first >= min(preview.page_count, PDF_THUMBNAILS):
            self.thumbnails_done.emit(self.thumbnails.count())
            return
        data, sha, cache, generation = preview.data, preview.sha256, self.cache, self._generation
        task_runner().render(
            lambda: pdf_thumbnails(data, sha, cache, first, PDF_THUMB_BATCH),
            lambda images: self._thumbnails_arrived(generation, first, images),
            lambda _failure: self._thumbnails_arrived(generation, first, []),  # no strip
            owner=self)

    def _thumbnails_arrived(self, generation: int, first: int, images: list[QImage]) -> None:
        if generation != self._generation:
            return
        self.thumbnails.blockSignals(True)
        for offset, image in enumerate(images):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), str(first + offset + 1))
            self.thumbnails.addItem(item)
        if images and self.thumbnails.count() == len(images):
            self.thumbnails.setIconSize(images[0].size())
        self.thumbnails.blockSignals(False)
        if images:
            self._request_thumbnails(first + len(images))
        else:
            self.thumbnails_done.emit(self.thumbnails.count())

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(self.view.zoomFactor() * factor, 0.1), 8.0))

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        if page < self.thumbnails.count():
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(page)
            self.thumbnails.blockSignals(False)


def _table(rows: list[list[str]], headers: list[str] | None = None) -> QTableWidget:
    width = max((len(r) for r in rows), default=0)
    table = QTableWidget(len(rows), max(width, len(headers or [])))
    if headers:
        table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), 360))
    return table


def column_letters(count: int) -> list[str]:
    """Spreadsheet column names: A … Z, AA, AB, …"""
    names = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, remainder = divmod(index - 1, 26)
            name = chr(65 + remainder) + name
        names.append(name)
    return names


class SheetViewer(QWidget):
    """Sheet tabs with the first rows of each sheet (bounded: see loaders.SHEET_ROWS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = PlainLabel(self)
        self.note.setWordWrap(True)
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)

    def show_preview(self, preview: SheetsPreview) -> None:
        self.tabs.clear()
        notes = []
        for sheet in preview.workbook.sheets:
            width = max((len(r) for r in sheet.rows), default=0)
            table = _table([list(r) for r in sheet.rows], column_letters(width))
            self.tabs.addTab(table, sheet.name)
            if sheet.truncated:
                notes.append(sheet.name)
        if notes:
            self.note.setText(self.tr("Showing the first {n} rows of: {sheets}").format(
                n=max(len(s.rows) for s in preview.workbook.sheets), sheets=", ".join(notes)))
        else:
            self.note.setText(self.tr("{count} sheets, every row shown").format(
                count=len(preview.workbook.sheets)))


class DocumentViewer(QWidget):
    """A .docx as readable text: headings, lists, tables and its embedded images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)

    def show_preview(self, preview: DocumentPreview) -> None:
        document = self.browser.document()
        document.clear()
        for name, image in preview.images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource,
                                 QUrl(f"docx-image:{name}"), image)
        self.browser.setHtml(docx_html(preview))


def docx_html(preview: DocumentPreview) -> str:
    e, parts = html.escape, []
    open_list = False
    for block in preview.content.blocks:
        if block.kind != "list_item" and open_list:
            parts.append("</ul>")
            open_list = False
        if block.kind == "heading":
            level = min(max(block.level, 1), 6)
            parts.append(f"<h{level}>{e(block.text)}</h{level}>")
        elif block.kind == "list_item":
            if not open_list:
                parts.append("<ul>")
                open_list = True
            indent = block.level * 24
            parts.append(f'<li style="margin-left:{indent}px">{e(block.text)}</li>')
        elif block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            parts.append(f'<table border="1" cellspacing="0" cellpadding="4">{rows}</table>')
        elif block.kind == "image":
            image = preview.images.get(block.image_name)
            width = min(image.width(), 600) if image is not None and not image.isNull() else 200
            parts.append(f'<p><img src="docx-image:{e(block.image_name)}" width="{width}"></p>')
        else:
            parts.append(f"<p>{e(block.text).replace(chr(10), '<br>')}</p>")
    if open_list:
        parts.append("</ul>")
    if preview.content.truncated:
        parts.append("<p><i>…</i></p>")
    return "\n".join(parts)


class ArchiveViewer(QWidget):
    """A zip/rar's entries with sizes and a verdict for each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = PlainLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_preview(self, preview: ArchivePreview, lang: str = "th") -> None:
        self.table.clear()
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Size"),
                                              self.tr("Compressed"), self.tr("Verdict")])
        self.table.setRowCount(len(preview.entries))
        for row, entry in enumerate(preview.entries):
            values = [entry.name, "" if entry.is_dir else format_size(entry.size, lang),
                      "" if entry.is_dir else format_size(entry.packed, lang),
                      entry.note.text(lang)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == 3 and not entry.ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        bad = sum(1 for entry in preview.entries if not entry.ok)
        self.summary.setText(self.tr("{format} archive: {count} entries, {bad} with problems")
                             .format(format=preview.format, count=len(preview.entries), bad=bad))


class LegacyOfficeViewer(QWidget):
    """.doc / .xls: what can be said about the file, and why its content is not shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = RichLabel(self)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)

    def show_preview(self, preview: LegacyOfficePreview, lang: str = "th") -> None:
        e = html.escape
        streams = ", ".join(e(s) for s in preview.streams[:20])
        self.label.setText(
            f"<p><b>{e(preview.display_name)}</b> — {e(format_size(preview.size, lang))}</p>"
            f"<p>{e(preview.reason.text(lang))}</p>"
            f"<p>{e(self.tr('Parts inside the file'))}: {streams}</p>"
            f"<p>SHA-256: <code>{e(preview.sha256)}</code></p>")


def unreadable_text(preview: UnreadablePreview, lang: str) -> str:
    return f"{preview.display_name}\n\n{preview.message.text(lang)}"


