"""Turn one file into what a viewer shows.  Runs in a worker thread: no widgets, no QPixmap.

What a file *is* comes from :mod:`desktop.services.file_preview` (Qt-free, in desktop/files);
here it becomes pictures: QImage for photos and a document's images, the first page of a PDF
rendered with QtPdf.  :func:`load_preview` never raises: a damaged or unsupported file becomes
an :class:`UnreadablePreview` with a Thai/English message.  QImage and QPdfDocument are safe to
use off the GUI thread as long as each object stays in the thread that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.domain.messages import Localized
from desktop.services.file_preview import (
    ArchiveContent,
    ArchiveEntry,
    DocumentContent,
    DocxContent,
    ImageContent,
    LegacyOfficeContent,
    PdfContent,
    PreviewSource,
    RenderCache,
    SheetsContent,
    UnreadableContent,
    WorkbookPreview,
    damaged_file,
    preview_content,
)

PDF_THUMBNAILS = 300       # the strip shows at most this many pages
PDF_THUMB_BATCH = 12
PDF_THUMB_WIDTH = 110
PDF_FIRST_PAGE_WIDTH = 900

PreviewFile = PreviewSource        # the name the viewers use
__all__ = ["ArchiveEntry", "PreviewFile"]


@dataclass(frozen=True)
class PreviewBase:
    display_name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ImagePreview(PreviewBase):
    image: QImage
    web_bytes: int
    original_width: int
    original_height: int
    removed_metadata: tuple[str, ...]


@dataclass(frozen=True)
class PdfPreview(PreviewBase):
    data: bytes
    page_count: int
    first_page: QImage


@dataclass(frozen=True)
class SheetsPreview(PreviewBase):
    workbook: WorkbookPreview


@dataclass(frozen=True)
class DocumentPreview(PreviewBase):
    content: DocxContent
    images: dict[str, QImage] = field(default_factory=dict)


@dataclass(frozen=True)
class ArchivePreview(PreviewBase):
    format: str
    entries: tuple[ArchiveEntry, ...]


@dataclass(frozen=True)
class LegacyOfficePreview(PreviewBase):
    kind: str                     # "doc" or "xls"
    streams: tuple[str, ...]
    reason: Localized


@dataclass(frozen=True)
class UnreadablePreview(PreviewBase):
    message: Localized


Preview = (ImagePreview | PdfPreview | SheetsPreview | DocumentPreview | ArchivePreview
           | LegacyOfficePreview | UnreadablePreview)


def load_preview(file: PreviewFile, policy: FilePolicy | None = None) -> Preview:
    content = preview_content(file, policy)
    base = (content.display_name, content.size, content.sha256)
    try:
        return _pictures(content, base)
    except UserError as error:
        return UnreadablePreview(*base, Localized(error.text("th"), error.text("en")))
    except Exception:  # noqa: BLE001  (a viewer shows a message, never a traceback)
        return UnreadablePreview(*base, damaged_file(content.display_name))


def _pictures(content: object, base: tuple[str, int, str]) -> Preview:
    if isinstance(content, ImageContent):
        image = image_from_bytes(content.web_bytes)
        if image.isNull():
            raise UserError("preview_unreadable", name=base[0],
                            detail="web copy did not decode")
        return ImagePreview(*base, image=image, web_bytes=len(content.web_bytes),
                            original_width=content.original_width,
                            original_height=content.original_height,
                            removed_metadata=content.removed_metadata)
    if isinstance(content, PdfContent):
        return load_pdf(content.data, base)
    if isinstance(content, DocumentContent):
        images = {b.image_name: image_from_bytes(b.image) for b in content.content.images}
        return DocumentPreview(*base, content=content.content, images=images)
    if isinstance(content, SheetsContent):
        return SheetsPreview(*base, workbook=content.workbook)
    if isinstance(content, ArchiveContent):
        return ArchivePreview(*base, format=content.format, entries=content.entries)
    if isinstance(content, LegacyOfficeContent):
        return LegacyOfficePreview(*base, kind=content.kind, streams=content.streams,
                                   reason=content.reason)
    assert isinstance(content, UnreadableContent)
    return UnreadablePreview(*base, content.message)


def image_from_bytes(data: bytes, format_name: str = "") -> QImage:
    """Decode with the format named (by magic bytes when not given): image plugins guessing
    the format in a worker thread can pick the wrong reader."""
    if not format_name:
        format_name = "JPEG" if data[:3] == b"\xff\xd8\xff" else \
            "PNG" if data[:8] == b"\x89PNG\r\n\x1a\n" else "GIF" if data[:4] == b"GIF8" else ""
    return QImage.fromData(data, format_name or None)  # type: ignore[arg-type]


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data`` (keep the returned buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


PDF_UNREADABLE = Localized("อ่านไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหาย จึงแสดงตัวอย่างไม่ได้",
                           "This PDF cannot be read (the file may be damaged), so it cannot "
                           "be previewed")
PDF_NO_PAGES = Localized("ไฟล์ PDF นี้ไม่มีหน้าใดเลย จึงไม่มีอะไรให้แสดง",
                         "This PDF has no pages, so there is nothing to show")
_PDF_PROBLEMS: dict[QPdfDocument.Error, Localized] = {
    QPdfDocument.Error.IncorrectPassword: Localized(
        "ไฟล์ PDF นี้ตั้งรหัสผ่านไว้ จึงแสดงตัวอย่างไม่ได้",
        "This PDF is password-protected and cannot be previewed"),
    QPdfDocument.Error.UnsupportedSecurityScheme: Localized(
        "ไฟล์ PDF นี้ป้องกันไว้ด้วยวิธีที่โปรแกรมนี้เปิดไม่ได้ จึงแสดงตัวอย่างไม่ได้",
        "This PDF is protected in a way this app cannot open, so it cannot be previewed"),
    QPdfDocument.Error.InvalidFileFormat: Localized(
        "ไฟล์นี้ไม่ใช่ PDF ที่สมบูรณ์ (ไฟล์อาจเสียหายหรือส่งมาไม่ครบ) จึงแสดงตัวอย่างไม่ได้",
        "This is not a complete PDF (the file may be damaged or cut short), so it cannot be "
        "previewed"),
}


def pdf_error(document: QPdfDocument) -> Localized | None:
    """What is wrong with a loaded PDF, in words (never Qt's error name); None: nothing."""
    error = document.error()
    if error != QPdfDocument.Error.None_:
        return _PDF_PROBLEMS.get(error, PDF_UNREADABLE)
    if document.pageCount() < 1:        # pdfium opens it, Qt calls it an error: no pages
        return PDF_NO_PAGES
    return None if document.status() == QPdfDocument.Status.Ready else PDF_UNREADABLE


def render_pdf_page(document: QPdfDocument, page: int, width: int,
                    paper: bool = False) -> QImage:
    """Page ``page`` scaled to ``width`` pixels.  pdfium leaves the paper transparent;
    ``paper=True`` puts it on white (for thumbnails shown on a coloured strip)."""
    points = document.pagePointSize(page)
    scale = width / max(points.width(), 1.0)
    size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
    rendered = document.render(page, size)
    if not paper:
        return rendered
    page_image = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page_image.fill(QColor("white"))
    painter = QPainter(page_image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page_image


def load_pdf(data: bytes, base: tuple[str, int, str]) -> Preview:
    """Page count and first page only; the thumbnail strip follows (:func:`pdf_thumbnails`)."""
    document, buffer = open_pdf(data)
    try:
        problem = pdf_error(document)
        if problem is not None:
            return UnreadablePreview(*base, problem)
        count = document.pageCount()
        first = render_pdf_page(document, 0, PDF_FIRST_PAGE_WIDTH)
        return PdfPreview(*base, data=data, page_count=count, first_page=first)
    finally:
        document.close()
        buffer.close()


def pdf_thumbnails(data: bytes, sha256: str, cache: RenderCache | None, first: int,
                   count: int) -> list[QImage]:
    """Thumbnails of pages ``first`` .. ``first + count - 1`` (cached by SHA-256 and page)."""
    document, buffer = open_pdf(data)
    try:
        if pdf_error(document) is not None:
            return []
        last = min(document.pageCount(), first + count)
        return [_pdf_thumbnail(document, page, sha256, cache) for page in range(first, last)]
    finally:
        document.close()
        buffer.close()


def _pdf_thumbnail(document: QPdfDocument, page: int, sha: str,
                   cache: RenderCache | None) -> QImage:
    variant = f"pdf-p{page}"
    if cache is not None:
        hit = cache.get(sha, variant, PDF_THUMB_WIDTH)
        if hit is not None:
            image = image_from_bytes(hit, "PNG")
            if not image.isNull():
                return image
    image = render_pdf_page(document, page, PDF_THUMB_WIDTH, paper=True)
    if cache is not None:
        out = QBuffer()
        out.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(out, "PNG")  # type: ignore[call-overload]
        cache.put(sha, variant, PDF_THUMB_WIDTH, 0, bytes(out.data().data()))
    return image
