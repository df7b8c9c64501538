"""Turn one file into what a viewer shows.  Runs in a worker thread: no widgets, no QPixmap.

:func:`load_preview` never raises: a damaged or unsupported file becomes an
:class:`UnreadablePreview` with a Thai/English message.  QImage and QPdfDocument are safe to use
off the GUI thread as long as each object stays in the thread that made it.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.domain.messages import Localized, register
from desktop.files.archive_rules import (
    EXECUTABLE_EXTENSIONS,
    NESTED_ARCHIVE_EXTENSIONS,
    extension_of,
    unsafe_entry_reason,
)
from desktop.files.findings import Refused
from desktop.files.images import prepare_image
from desktop.files.ole import ole_directory_names
from desktop.files.rar_check import rar4_entries, rar5_entries
from desktop.files.render_cache import RenderCache
from desktop.files.sniff import RAR5_SIGNATURE, sniff, sniff_foreign
from desktop.files.text_extract import DocxContent, WorkbookPreview, read_docx, read_xlsx

MAX_PREVIEW_BYTES = 200 * 1024 * 1024
PDF_THUMBNAILS = 300       # the strip shows at most this many pages
PDF_THUMB_BATCH = 12
PDF_THUMB_WIDTH = 110
PDF_FIRST_PAGE_WIDTH = 900
SHEET_ROWS = 200

register({"preview_pdf": ("{th}", "{en}")})


@dataclass(frozen=True)
class PreviewFile:
    """A file to preview: its name, its bytes *or* its path, and its SHA-256 (may be empty)."""

    display_name: str
    data: bytes | None = None
    path: Path | None = None
    sha256: str = ""

    def read(self, limit: int = MAX_PREVIEW_BYTES) -> bytes:
        if self.data is not None:
            return self.data
        if self.path is None:
            raise UserError("preview_unreadable", name=self.display_name, detail="no content")
        with Path(self.path).open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise UserError("preview_unreadable", name=self.display_name,
                            detail=f"larger than {limit // (1024 * 1024)} MB")
        return data


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
class ArchiveEntry:
    name: str
    size: int
    packed: int
    is_dir: bool
    ok: bool
    note: Localized


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


def load_preview(file: PreviewFile, policy: FilePolicy | None = None,
                 cache: RenderCache | None = None) -> Preview:
    policy = policy or FilePolicy()
    try:
        data = file.read()
    except UserError as error:
        return UnreadablePreview(file.display_name, 0, file.sha256,
                                 Localized(error.text("th"), error.text("en")))
    except OSError as error:
        return UnreadablePreview(file.display_name, 0, file.sha256, Localized(
            f"เปิดไฟล์ไม่ได้: {error.strerror}", f"Cannot open the file: {error.strerror}"))
    sha = file.sha256 or hashlib.sha256(data).hexdigest()
    base = (file.display_name, len(data), sha)
    try:
        return _dispatch(data, base, policy, cache)
    except UserError as error:
        return UnreadablePreview(*base, Localized(error.text("th"), error.text("en")))
    except Refused as refusal:
        return UnreadablePreview(*base, _damaged(refusal.code))
    except Exception as error:  # noqa: BLE001  (a viewer shows a message, never a traceback)
        return UnreadablePreview(*base, _damaged(type(error).__name__))


def _damaged(detail: str) -> Localized:
    return Localized(f"แสดงตัวอย่างไม่ได้: ไฟล์อาจเสียหาย ({detail})",
                     f"Cannot preview: the file may be damaged ({detail})")


def _dispatch(data: bytes, base: tuple[str, int, str], policy: FilePolicy,
              cache: RenderCache | None) -> Preview:
    family = sniff(data).family
    if family in ("jpeg", "png"):
        return _image(data, base, policy, cache)
    if family == "pdf":
        return load_pdf(data, base, cache)
    if family == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "word/document.xml" in names:
            content = read_docx(data, base[0])
            images = {b.image_name: image_from_bytes(b.image) for b in content.images}
            return DocumentPreview(*base, content=content, images=images)
        if "xl/workbook.xml" in names:
            return SheetsPreview(*base, workbook=read_xlsx(data, base[0], max_rows=SHEET_ROWS))
        return ArchivePreview(*base, format="ZIP", entries=tuple(zip_entries(data)))
    if family == "rar":
        return ArchivePreview(*base, format="RAR", entries=tuple(rar_entries(data)))
    if family == "ole2":
        return _legacy_office(data, base)
    label = sniff_foreign(data[:4096]).label
    return UnreadablePreview(*base, Localized(
        f"ไม่รองรับไฟล์ชนิดนี้ ({label}) จึงแสดงตัวอย่างไม่ได้",
        f"This type of file ({label}) is not supported and cannot be previewed"))


def _image(data: bytes, base: tuple[str, int, str], policy: FilePolicy,
           cache: RenderCache | None) -> ImagePreview:
    prepared = prepare_image(data, policy)
    image = image_from_bytes(prepared.web_bytes)
    if image.isNull():
        raise UserError("preview_unreadable", name=base[0], detail="web copy did not decode")
    return ImagePreview(*base, image=image, web_bytes=len(prepared.web_bytes),
                        original_width=prepared.original_width,
                        original_height=prepared.original_height,
                        removed_metadata=prepared.removed_metadata)


def image_from_bytes(data: bytes, format_name: str = "") -> QImage:
    """Decode with the format named (by magic bytes when not given): image plugins guessing
    the format in a worker thread can pick the wrong reader."""
    if not format_name:
        format_name = "JPEG" if data[:3] == b"\xff\xd8\xff" else \
            "PNG" if data[:8] == b"\x89PNG\r\n\x1a\n" else "GIF" if data[:4] == b"GIF8" else ""
    return QImage.fromData(data, format_name or None)  # type: ignore[arg-type]


def image_thumbnail(data: bytes, max_side: int = 320) -> Image.Image:
    """A small, correctly rotated copy of a JPEG/PNG: DCT-scaled decode (draft), then thumbnail."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "JPEG":
            image.draft("RGB", (max_side, max_side))
        orientation = image.getexif().get(0x0112, 1)
        image.thumbnail((max_side, max_side))
        result = image.copy() if orientation in (1, None) else ImageOps.exif_transpose(image)
    return result


def cached_thumbnail_png(data: bytes, sha256: str, cache: RenderCache | None,
                         max_side: int = 320) -> bytes:
    """PNG bytes of :func:`image_thumbnail`, from the render cache when it is there."""
    if cache is not None:
        hit = cache.get(sha256, "thumb", max_side, max_side)
        if hit is not None:
            return hit
    buffer = io.BytesIO()
    image_thumbnail(data, max_side).save(buffer, "PNG")
    png = buffer.getvalue()
    if cache is not None:
        cache.put(sha256, "thumb", max_side, max_side, png)
    return png


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data`` (keep the returned buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def pdf_error(document: QPdfDocument) -> Localized | None:
    error = document.error()
    if error == QPdfDocument.Error.None_ and document.status() == QPdfDocument.Status.Ready:
        return None
    if error == QPdfDocument.Error.IncorrectPassword:
        return Localized("ไฟล์ PDF นี้ตั้งรหัสผ่านไว้ จึงแสดงตัวอย่างไม่ได้",
                         "This PDF is password-protected and cannot be previewed")
    return _damaged(f"PDF: {error.name}")


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


def first_pdf_page(data: bytes, width: int = PDF_FIRST_PAGE_WIDTH) -> tuple[int, QImage]:
    """Page count and the first page as an image — what appears on screen first."""
    document, buffer = open_pdf(data)
    try:
        problem = pdf_error(document)
        if problem is not None:
            raise UserError("preview_pdf", th=problem.th, en=problem.en)
        count = document.pageCount()
        if count < 1:
            raise UserError("preview_pdf", th=_damaged("no pages").th, en=_damaged("no pages").en)
        return count, render_pdf_page(document, 0, width)
    finally:
        document.close()
        buffer.close()


def load_pdf(data: bytes, base: tuple[str, int, str], cache: RenderCache | None) -> Preview:
    """Page count and first page only; the thumbnail strip follows (:func:`pdf_thumbnails`)."""
    document, buffer = open_pdf(data)
    try:
        problem = pdf_error(document)
        if problem is not None or document.pageCount() < 1:
            return UnreadablePreview(*base, problem or _damaged("no pages"))
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


def _legacy_office(data: bytes, base: tuple[str, int, str]) -> LegacyOfficePreview:
    streams = tuple(ole_directory_names(data))
    lowered = {s.lower() for s in streams}
    if "worddocument" in lowered:
        return LegacyOfficePreview(*base, kind="doc", streams=streams, reason=Localized(
            "เอกสาร Word รุ่นเก่า (.doc) แสดงเนื้อหาในโปรแกรมนี้ไม่ได้ ไฟล์จะถูกเผยแพร่ตามต้นฉบับ "
            "กรุณาเปิดตรวจด้วย Word หรือขอไฟล์ .docx/.pdf จากเจ้าของข้อมูล",
            "Legacy Word documents (.doc) cannot be shown here; the file is published as it is. "
            "Open it in Word to check it, or ask the owner for .docx or PDF."))
    if {"workbook", "book"} & lowered:
        return LegacyOfficePreview(*base, kind="xls", streams=streams, reason=Localized(
            "สมุดงาน Excel รุ่นเก่า (.xls) แสดงตารางในโปรแกรมนี้ไม่ได้ ไฟล์จะถูกเผยแพร่ตามต้นฉบับ "
            "กรุณาเปิดตรวจด้วย Excel หรือขอไฟล์ .xlsx จากเจ้าของข้อมูล",
            "Legacy Excel workbooks (.xls) cannot be shown as a table here; the file is published "
            "as it is. Open it in Excel to check it, or ask the owner for .xlsx."))
    return LegacyOfficePreview(*base, kind="ole", streams=streams, reason=Localized(
        "ไฟล์ Office รุ่นเก่าที่ไม่ใช่ Word หรือ Excel", "A legacy Office file that is not Word or Excel"))


_OK = Localized("ผ่าน", "OK")


def _entry_note(name: str, is_dir: bool, encrypted: bool, head: bytes | None) -> ArchiveEntry:
    reason = unsafe_entry_reason(name)
    ext = extension_of(name)
    if reason:
        return ArchiveEntry(name, 0, 0, is_dir, False, Localized(f"ชื่อไม่ปลอดภัย ({reason})",
                                                                 f"Unsafe name ({reason})"))
    if encrypted:
        return ArchiveEntry(name, 0, 0, is_dir, False, Localized("เข้ารหัสไว้ ตรวจไม่ได้",
                                                                 "Encrypted, cannot be checked"))
    if not is_dir and ext in EXECUTABLE_EXTENSIONS:
        return ArchiveEntry(name, 0, 0, is_dir, False, Localized(
            f"ไฟล์ที่สั่งทำงานได้ (.{ext}) ไม่อนุญาต", f"Executable or script (.{ext}) not allowed"))
    if head is not None and head:
        found = sniff_foreign(head[:4096])
        if found.family in ("executable", "script"):
            return ArchiveEntry(name, 0, 0, is_dir, False, Localized(
                f"เนื้อหาเป็น {found.label}", f"Content is a {found.label}"))
    if ext in NESTED_ARCHIVE_EXTENSIONS:
        return ArchiveEntry(name, 0, 0, is_dir, True, Localized(
            "ไฟล์บีบอัดซ้อน (ตรวจตามนโยบายไฟล์)", "Nested archive (checked by the file policy)"))
    return ArchiveEntry(name, 0, 0, is_dir, True, _OK)


def zip_entries(data: bytes, max_entries: int = 2000) -> list[ArchiveEntry]:
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist()[:max_entries]:
            head: bytes | None = None
            encrypted = bool(info.flag_bits & 0x1)
            if not info.is_dir() and not encrypted and info.file_size:
                with archive.open(info) as handle:
                    head = handle.read(64)
            entry = _entry_note(info.filename, info.is_dir(), encrypted, head)
            entries.append(ArchiveEntry(entry.name, info.file_size, info.compress_size,
                                        entry.is_dir, entry.ok, entry.note))
    return entries


def rar_entries(data: bytes) -> list[ArchiveEntry]:
    raw = rar5_entries(data) if data.startswith(RAR5_SIGNATURE) else rar4_entries(data)
    out = []
    for item in raw:
        entry = _entry_note(item.name, item.is_dir, item.encrypted, None)
        out.append(ArchiveEntry(entry.name, item.unpacked, item.packed, item.is_dir, entry.ok,
                                entry.note))
    return out
