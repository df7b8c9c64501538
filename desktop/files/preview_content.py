"""What a preview of one file shows, worked out without Qt: the file's kind by its content, the
web copy of a photo, a document's paragraphs, a workbook's first rows, an archive's entries
with a verdict each, what a legacy Office file is.  The UI turns this into pictures.

:func:`file_content` never raises: a damaged or unsupported file becomes an
:class:`UnreadableContent` with a Thai/English message.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.domain.messages import Localized
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
SHEET_ROWS = 200


@dataclass(frozen=True)
class PreviewSource:
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
class ContentBase:
    display_name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ImageContent(ContentBase):
    web_bytes: bytes              # the cleaned copy that will be published
    original_width: int
    original_height: int
    removed_metadata: tuple[str, ...]


@dataclass(frozen=True)
class PdfContent(ContentBase):
    data: bytes


@dataclass(frozen=True)
class SheetsContent(ContentBase):
    workbook: WorkbookPreview


@dataclass(frozen=True)
class DocumentContent(ContentBase):
    content: DocxContent


@dataclass(frozen=True)
class ArchiveEntry:
    name: str
    size: int
    packed: int
    is_dir: bool
    ok: bool
    note: Localized


@dataclass(frozen=True)
class ArchiveContent(ContentBase):
    format: str
    entries: tuple[ArchiveEntry, ...]


@dataclass(frozen=True)
class LegacyOfficeContent(ContentBase):
    kind: str                     # "doc", "xls" or "ole"
    streams: tuple[str, ...]
    reason: Localized


@dataclass(frozen=True)
class UnreadableContent(ContentBase):
    message: Localized


FileContent = (ImageContent | PdfContent | SheetsContent | DocumentContent | ArchiveContent
               | LegacyOfficeContent | UnreadableContent)


def damaged(detail: str = "") -> Localized:
    """The message for a file that could not be read; ``detail`` (a refusal's code) in
    brackets when there is one."""
    more = f" ({detail})" if detail else ""
    return Localized(f"แสดงตัวอย่างไม่ได้: ไฟล์อาจเสียหาย{more}",
                     f"Cannot preview: the file may be damaged{more}")


def damaged_file(name: str) -> Localized:
    """A file whose reading failed in an unforeseen way (a parser's own error on a file from
    outside): the person is told it may be damaged; the log keeps the error for whoever
    looks into it (not the person's screen: a Python exception name means nothing there)."""
    logging.getLogger("webdesk.preview").warning("previewing %s failed", name, exc_info=True)
    return damaged()


def file_content(source: PreviewSource, policy: FilePolicy | None = None) -> FileContent:
    """What to show of ``source`` (never raises)."""
    policy = policy or FilePolicy()
    try:
        data = source.read()
    except UserError as error:
        return UnreadableContent(source.display_name, 0, source.sha256,
                                 Localized(error.text("th"), error.text("en")))
    except OSError as error:
        return UnreadableContent(source.display_name, 0, source.sha256, Localized(
            f"เปิดไฟล์ไม่ได้: {error.strerror}", f"Cannot open the file: {error.strerror}"))
    base = ContentBase(source.display_name, len(data),
                       source.sha256 or hashlib.sha256(data).hexdigest())
    try:
        return _dispatch(data, base, policy)
    except UserError as error:
        return UnreadableContent(*_fields(base), Localized(error.text("th"), error.text("en")))
    except Refused as refusal:
        return UnreadableContent(*_fields(base), damaged(refusal.code))
    except Exception:  # noqa: BLE001  (a viewer shows a message, never a traceback)
        return UnreadableContent(*_fields(base), damaged_file(source.display_name))


def _fields(base: ContentBase) -> tuple[str, int, str]:
    return base.display_name, base.size, base.sha256


def _dispatch(data: bytes, base: ContentBase, policy: FilePolicy) -> FileContent:
    fields = _fields(base)
    family = sniff(data).family
    if family in ("jpeg", "png"):
        prepared = prepare_image(data, policy)
        return ImageContent(*fields, web_bytes=prepared.web_bytes,
                            original_width=prepared.original_width,
                            original_height=prepared.original_height,
                            removed_metadata=prepared.removed_metadata)
    if family == "pdf":
        return PdfContent(*fields, data=data)
    if family == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "word/document.xml" in names:
            return DocumentContent(*fields, content=read_docx(data, base.display_name))
        if "xl/workbook.xml" in names:
            return SheetsContent(*fields, workbook=read_xlsx(data, base.display_name,
                                                             max_rows=SHEET_ROWS))
        return ArchiveContent(*fields, format="ZIP", entries=tuple(zip_entries(data)))
    if family == "rar":
        return ArchiveContent(*fields, format="RAR", entries=tuple(rar_entries(data)))
    if family == "ole2":
        return legacy_office(data, base)
    label = sniff_foreign(data[:4096]).label
    return UnreadableContent(*fields, Localized(
        f"ไม่รองรับไฟล์ชนิดนี้ ({label}) จึงแสดงตัวอย่างไม่ได้",
        f"This type of file ({label}) is not supported and cannot be previewed"))


def legacy_office(data: bytes, base: ContentBase) -> LegacyOfficeContent:
    streams = tuple(ole_directory_names(data))
    lowered = {s.lower() for s in streams}
    fields = _fields(base)
    if "worddocument" in lowered:
        return LegacyOfficeContent(*fields, kind="doc", streams=streams, reason=Localized(
            "เอกสาร Word รุ่นเก่า (.doc) แสดงเนื้อหาในโปรแกรมนี้ไม่ได้ ไฟล์จะถูกเผยแพร่ตามต้นฉบับ "
            "กรุณาเปิดตรวจด้วย Word หรือขอไฟล์ .docx/.pdf จากเจ้าของข้อมูล",
            "Legacy Word documents (.doc) cannot be shown here; the file is published as it is. "
            "Open it in Word to check it, or ask the owner for .docx or PDF."))
    if {"workbook", "book"} & lowered:
        return LegacyOfficeContent(*fields, kind="xls", streams=streams, reason=Localized(
            "สมุดงาน Excel รุ่นเก่า (.xls) แสดงตารางในโปรแกรมนี้ไม่ได้ ไฟล์จะถูกเผยแพร่ตามต้นฉบับ "
            "กรุณาเปิดตรวจด้วย Excel หรือขอไฟล์ .xlsx จากเจ้าของข้อมูล",
            "Legacy Excel workbooks (.xls) cannot be shown as a table here; the file is published "
            "as it is. Open it in Excel to check it, or ask the owner for .xlsx."))
    return LegacyOfficeContent(*fields, kind="ole", streams=streams, reason=Localized(
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
    if head:
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
