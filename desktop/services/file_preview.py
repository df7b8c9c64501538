"""Previews for the UI: what a file shows (worked out in desktop.files, without Qt), the render
cache of this PC, and thumbnails — so the UI reaches files only through this module."""

from __future__ import annotations

from desktop.domain.file_policy import FilePolicy
from desktop.files.preview_content import (
    ArchiveContent,
    ArchiveEntry,
    ContentBase,
    DocumentContent,
    FileContent,
    ImageContent,
    LegacyOfficeContent,
    PdfContent,
    PreviewSource,
    SheetsContent,
    UnreadableContent,
    cached_thumbnail_png,
    damaged_file,
    file_content,
    image_thumbnail,
)
from desktop.files.render_cache import RenderCache
from desktop.files.text_extract import DocxContent, SheetPreview, WorkbookPreview

__all__ = [
    "ArchiveContent", "ArchiveEntry", "ContentBase", "DocumentContent", "DocxContent",
    "FileContent", "ImageContent", "LegacyOfficeContent", "PdfContent", "PreviewSource",
    "RenderCache", "SheetPreview", "SheetsContent", "UnreadableContent", "WorkbookPreview",
    "cached_thumbnail_png", "damaged_file", "image_thumbnail", "preview_content",
]


def preview_content(source: PreviewSource, policy: FilePolicy | None = None) -> FileContent:
    """What to show of one file (never raises: an unreadable file says why)."""
    return file_content(source, policy)
