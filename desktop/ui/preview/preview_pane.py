"""PreviewPane: one widget that shows any attachment, loading it off the GUI thread.

    pane = PreviewPane(cache=RenderCache(paths.cache_dir / "renders"), lang="th")
    pane.show_file(PreviewFile("ประกาศ.pdf", path=blob_path, sha256=digest))
    pane.preview_shown.connect(...)   # carries the loaded preview dataclass
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.domain.file_policy import FilePolicy
from desktop.domain.sizes import format_size
from desktop.services.file_preview import RenderCache
from desktop.ui.plain_text import PlainLabel
from desktop.ui.preview.loaders import (
    ArchivePreview,
    DocumentPreview,
    ImagePreview,
    LegacyOfficePreview,
    PdfPreview,
    Preview,
    PreviewFile,
    SheetsPreview,
    UnreadablePreview,
)
from desktop.ui.preview.viewers import (
    ArchiveViewer,
    DocumentViewer,
    ImageViewer,
    LegacyOfficeViewer,
    MessageViewer,
    PdfViewer,
    SheetViewer,
    unreadable_text,
)
from desktop.ui.preview.worker import PreviewLoaded, PreviewLoader


class PreviewPane(QWidget):
    preview_shown = Signal(object)

    def __init__(self, policy: FilePolicy | None = None, cache: RenderCache | None = None,
                 lang: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.loader = PreviewLoader(policy, cache, self)
        self.loader.loaded.connect(self._on_loaded)
        self.header = PlainLabel(self)
        self.header.setObjectName("previewHeader")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stack = QStackedWidget(self)
        self.message_viewer = MessageViewer(self)
        self.image_viewer = ImageViewer(self)
        self.pdf_viewer = PdfViewer(cache, self)
        self.sheet_viewer = SheetViewer(self)
        self.document_viewer = DocumentViewer(self)
        self.archive_viewer = ArchiveViewer(self)
        self.legacy_viewer = LegacyOfficeViewer(self)
        for viewer in (self.message_viewer, self.image_viewer, self.pdf_viewer,
                       self.sheet_viewer, self.document_viewer, self.archive_viewer,
                       self.legacy_viewer):
            self.stack.addWidget(viewer)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.current: Preview | None = None
        self.message_viewer.show_message(self.tr("Select a file to preview it."))

    def show_file(self, file: PreviewFile) -> int:
        """Start loading ``file``; the pane says so at once and never blocks."""
        self.current = None
        self.header.setText(file.display_name)
        self.message_viewer.show_message(self.tr("Loading {name}…").format(
            name=file.display_name))
        self.stack.setCurrentWidget(self.message_viewer)
        return self.loader.request(file)

    def clear(self) -> None:
        """No file: the first message again; a file still loading is not shown when it comes."""
        self.loader.forget()
        self.current = None
        self.header.clear()
        self.message_viewer.show_message(self.tr("Select a file to preview it."))
        self.stack.setCurrentWidget(self.message_viewer)

    def current_viewer(self) -> QWidget | None:
        return self.stack.currentWidget()

    @Slot(object)
    def _on_loaded(self, result: Any) -> None:
        assert isinstance(result, PreviewLoaded)
        preview = result.preview
        self.current = preview
        self.header.setText(f"{preview.display_name} — {format_size(preview.size, self.lang)}")
        if isinstance(preview, ImagePreview):
            self.stack.setCurrentWidget(self.image_viewer)
            self.image_viewer.show_preview(preview, self.lang)
        elif isinstance(preview, PdfPreview):
            self.pdf_viewer.show_preview(preview)
            self.stack.setCurrentWidget(self.pdf_viewer)
        elif isinstance(preview, SheetsPreview):
            self.sheet_viewer.show_preview(preview)
            self.stack.setCurrentWidget(self.sheet_viewer)
        elif isinstance(preview, DocumentPreview):
            self.document_viewer.show_preview(preview)
            self.stack.setCurrentWidget(self.document_viewer)
        elif isinstance(preview, ArchivePreview):
            self.archive_viewer.show_preview(preview, self.lang)
            self.stack.setCurrentWidget(self.archive_viewer)
        elif isinstance(preview, LegacyOfficePreview):
            self.legacy_viewer.show_preview(preview, self.lang)
            self.stack.setCurrentWidget(self.legacy_viewer)
        else:
            assert isinstance(preview, UnreadablePreview)
            self.message_viewer.show_message(unreadable_text(preview, self.lang))
            self.stack.setCurrentWidget(self.message_viewer)
        self.preview_shown.emit(preview)
