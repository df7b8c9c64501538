"""The preview tabs of a request: its files, the page as the site will show it, the checklist."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QTabWidget, QWidget

from desktop.services.file_preview import RenderCache
from desktop.services.preview_data import RequestPreviewData
from desktop.ui.plain_text import plain_tooltip
from desktop.ui.preview.checklist_widget import ChecklistWidget
from desktop.ui.preview.loaders import PreviewFile
from desktop.ui.preview.page_preview import PagePreviewWidget
from desktop.ui.preview.preview_pane import PreviewPane


class RequestPreviewTabs(QTabWidget):
    checklist_blocked = Signal(bool)

    def __init__(self, lang: str, load_bytes: Callable[[str, Callable[[bytes], None]], None],
                 parent: QWidget | None = None, cache: RenderCache | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestPreviewTabs")
        self.lang = lang
        self.load_bytes = load_bytes  # (sha256, on_loaded) -> runs in the background
        self.data: RequestPreviewData | None = None
        self.file_list = QListWidget()
        self.file_list.setObjectName("previewFileList")
        self.pane = PreviewPane(cache=cache, lang=lang)
        files = QSplitter(Qt.Orientation.Vertical)    # the list above: the pane gets the width
        files.addWidget(self.file_list)
        files.addWidget(self.pane)
        self.file_list.setMinimumHeight(48)
        files.setStretchFactor(0, 1)
        files.setStretchFactor(1, 5)
        files.setSizes([80, 520])
        self.page = PagePreviewWidget()
        self.checklist = ChecklistWidget(lang)
        self.checklist.blocking_changed.connect(self.checklist_blocked.emit)
        self.files_page = files
        self.addTab(files, "")
        self.addTab(self.page, "")
        self.addTab(self.checklist, "")
        self.retranslate()
        self.file_list.currentRowChanged.connect(self._file_selected)

    def retranslate(self) -> None:
        self.setTabText(self.indexOf(self.files_page), self.tr("Files"))
        self.setTabText(self.indexOf(self.page), self.tr("Web page"))
        self.setTabText(self.indexOf(self.checklist), self.tr("Checklist"))

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.pane.lang = lang
        self.checklist.set_lang(lang)
        self.retranslate()

    def clear(self) -> None:
        self.data = None
        self.file_list.clear()
        self.pane.clear()
        self.page.clear()
        self.checklist.set_items([])

    def set_data(self, data: RequestPreviewData) -> None:
        self.data = data
        self.file_list.blockSignals(True)
        self.file_list.clear()
        for ref in data.files:
            item = QListWidgetItem(ref.info.display_name)
            item.setToolTip(plain_tooltip(f"{ref.info.kind.upper()} · {ref.info.size:,} B · "
                                          f"{ref.info.sha256[:12]}"))
            self.file_list.addItem(item)
        self.file_list.blockSignals(False)
        self.page.site = data.site
        self.page.set_page(data.page, data.contents)
        self.checklist.set_items(list(data.checklist))
        if data.files:
            self.file_list.setCurrentRow(0)

    def _file_selected(self, row: int) -> None:
        if self.data is None or not 0 <= row < len(self.data.files):
            return
        ref = self.data.files[row]
        published = self.data.contents.get(ref.info.web_name)
        if published is not None and ref.info.is_image:
            # Images: show the web copy that will be published (rotated, metadata stripped).
            self.pane.show_file(PreviewFile(ref.info.display_name, data=published,
                                            sha256=ref.info.published_sha256))
            return
        request_id = self.data.request_id

        def show(data: bytes) -> None:
            if self.data is not None and self.data.request_id == request_id:
                self.pane.show_file(PreviewFile(ref.info.display_name, data=data,
                                                sha256=ref.original_sha256))

        self.load_bytes(ref.original_sha256, show)
