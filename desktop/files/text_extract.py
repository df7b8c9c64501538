"""Text and structure out of attachments, for the preview and the personal-data scan (Qt-free).

* PDF: pypdfium2, page by page.  (QPdfDocument.getAllText mangles Thai combining marks;
  pdfium's text page keeps them — tests/unit/preview/test_text_extract.py proves it.)
* DOCX: the OOXML zip read with zipfile + ElementTree: headings, paragraphs, list items, tables
  and embedded images, in document order.
* XLSX: openpyxl in read-only mode; only the first ``max_rows`` rows of each sheet are parsed
  (the sheet XML is streamed, the rest is never read).

Everything is bounded: pages, blocks, rows, columns, characters and seconds.  A broken file
raises :class:`desktop.domain.errors.UserError` with code ``preview_unreadable``.
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dt_time
from typing import Any
from xml.etree import ElementTree

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.personal_data import PersonalDataFinding, scan_texts


class TextExtractMessage(MessageCode):
    PREVIEW_UNREADABLE = (
        "preview_unreadable",
        "ไม่สามารถอ่านไฟล์ {name} ได้ ไฟล์อาจเสียหายหรือมีรหัสผ่าน ({detail})",
        "Cannot read {name}: the file may be damaged or password-protected ({detail})",
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAX_XML_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class TextPart:
    """Text found at one place, e.g. ``location="attachment a.pdf page 3"``."""

    location: str
    text: str


@dataclass(frozen=True)
class ExtractedText:
    parts: tuple[TextPart, ...]
    truncated: bool = False
    page_count: int = 0

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)


def _unreadable(name: str, error: BaseException | str) -> UserError:
    detail = error if isinstance(error, str) else (str(error) or type(error).__name__)
    return UserError(TextExtractMessage.PREVIEW_UNREADABLE, name=name, detail=detail[:200])


# --- PDF -------------------------------------------------------------------------------------

def extract_pdf_text(data: bytes, name: str = "file.pdf", *, max_pages: int = 300,
                     max_chars: int = 2_000_000, max_seconds: float = 20.0) -> ExtractedText:
    """Text of each page (pypdfium2), ``location`` = ``"attachment NAME page N"``."""
    import pypdfium2 as pdfium

    started = time.monotonic()
    try:
        document = pdfium.PdfDocument(data)
    except Exception as error:  # noqa: BLE001  (pdfium reports every failure as PdfiumError)
        raise _unreadable(name, error) from None
    parts: list[TextPart] = []
    truncated, chars = False, 0
    try:
        count = len(document)
        for index in range(count):
            if index >= max_pages or chars >= max_chars or \
                    time.monotonic() - started > max_seconds:
                truncated = True
                break
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = page_text(textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
            chars += len(text)
            parts.append(TextPart(f"attachment {name} page {index + 1}", text))
    except Exception as error:  # noqa: BLE001
        raise _unreadable(name, error) from None
    finally:
        document.close()
    return ExtractedText(tuple(parts), truncated, count)


_THAI_TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
_THAI_UPPER_LOWER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47")


def page_text(textpage: object) -> str:
    """The text of one pdfium text page, put right for Thai.

    pdfium's own text (``get_text_range``) starts a new line whenever a glyph is placed left of
    the one before — which shaped Thai does for every mark — and keeps glyph order, where fonts
    put the tone mark before the vowel.  So the characters are read one by one: generated line
    breaks are dropped and a break is made only where the baseline really moves; control
    characters (leftovers of split glyphs such as sara am) go; a tone mark written before an
    above/below vowel is put after it (the order Thai text is typed in).
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    handle = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(handle)
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[str] = []
    last_y: float | None = None
    last_size = 0.0
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(handle, index)
        generated = pdfium_c.FPDFText_IsGenerated(handle, index) == 1
        if code in (0x0D, 0x0A):
            if not generated and chars and chars[-1] != "\n":
                chars.append("\n")
            continue
        if (code < 0x20 and code != 0x09) or code in (0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000:
            continue
        pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
        if not generated:
            size = pdfium_c.FPDFText_GetFontSize(handle, index) or last_size or 10.0
            if last_y is not None and abs(y.value - last_y) > 0.5 * max(size, last_size) \
                    and chars and chars[-1] != "\n":
                chars.append("\n")
            last_y, last_size = y.value, size
        char = chr(code)
        if char in _THAI_UPPER_LOWER_VOWELS and chars and chars[-1] in _THAI_TONES:
            chars.insert(len(chars) - 1, char)
        else:
            chars.append(char)
    return "".join(chars).strip("\n")


# --- DOCX ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocxBlock:
    """``kind``: heading (level 1-6), paragraph, list_item (level 0..), table (rows), image."""

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    image: bytes = b""
    image_name: str = ""


@dataclass(frozen=True)
class DocxContent:
    blocks: tuple[DocxBlock, ...]
    truncated: bool = False

    def plain_text(self) -> str:
        lines: list[str] = []
        for block in self.blocks:
            if block.kind == "table":
                lines.extend("\t".join(row) for row in block.rows)
            elif block.text:
                lines.append(block.text)
        return "\n".join(lines)

    @property
    def images(self) -> list[DocxBlock]:
        return [b for b in self.blocks if b.kind == "image"]


def _read_member(archive: zipfile.ZipFile, member: str, limit: int = _MAX_XML_BYTES) -> bytes:
    info = archive.getinfo(member)
    if info.file_size > limit:
        raise ValueError(f"{member} is larger than {limit} bytes")
    with archive.open(info) as handle:
        return handle.read(limit + 1)[:limit]


def read_docx(data: bytes, name: str = "file.docx", *, max_blocks: int = 5000,
              max_image_bytes: int = 20 * 1024 * 1024) -> DocxContent:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = ElementTree.fromstring(_read_member(archive, "word/document.xml"))
            headings = _heading_styles(archive)
            relations = _relations(archive, "word/_rels/document.xml.rels", "word")
            body = document.find(f"{_W}body")
            if body is None:
                raise ValueError("no document body")
            reader = _DocxReader(archive, headings, relations, max_blocks, max_image_bytes)
            for child in body:
                if not reader.take(child):
                    break
            return DocxContent(tuple(reader.blocks), reader.truncated)
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001  (zip, XML and key errors alike)
        raise _unreadable(name, error) from None


def _heading_styles(archive: zipfile.ZipFile) -> dict[str, int]:
    """Style id -> heading level, from styles.xml (ids are localised, names are not)."""
    levels: dict[str, int] = {}
    try:
        styles = ElementTree.fromstring(_read_member(archive, "word/styles.xml", 5_000_000))
    except (KeyError, ElementTree.ParseError, ValueError):
        styles = None
    if styles is not None:
        for style in styles.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            name_el = style.find(f"{_W}name")
            style_name = (name_el.get(f"{_W}val", "") if name_el is not None else "").lower()
            level = _heading_level(style_name)
            if level:
                levels[style_id] = level
    return levels


def _heading_level(style: str) -> int:
    text = style.lower().replace(" ", "")
    if text == "title":
        return 1
    if text.startswith("heading") and text[7:].isdigit():
        return min(6, int(text[7:]))
    return 0


def _relations(archive: zipfile.ZipFile, member: str, base: str) -> dict[str, str]:
    try:
        root = ElementTree.fromstring(_read_member(archive, member, 5_000_000))
    except (KeyError, ElementTree.ParseError, ValueError):
        return {}
    found = {}
    for rel in root.iter(f"{_REL}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(base, target))
        found[rel.get("Id", "")] = path
    return found


@dataclass
class _DocxReader:
    archive: zipfile.ZipFile
    headings: dict[str, int]
    relations: dict[str, str]
    max_blocks: int
    max_image_bytes: int
    blocks: list[DocxBlock] = field(default_factory=list)
    truncated: bool = False
    image_bytes: int = 0

    def take(self, element: ElementTree.Element) -> bool:
        if len(self.blocks) >= self.max_blocks:
            self.truncated = True
            return False
        if element.tag == f"{_W}p":
            self._paragraph(element)
        elif element.tag == f"{_W}tbl":
            rows = tuple(tuple(_cell_text(cell) for cell in row.iter(f"{_W}tc"))
                         for row in element.iter(f"{_W}tr"))
            self.blocks.append(DocxBlock("table", rows=rows))
        return True

    def _paragraph(self, paragraph: ElementTree.Element) -> None:
        text = _paragraph_text(paragraph)
        props = paragraph.find(f"{_W}pPr")
        style = props.find(f"{_W}pStyle") if props is not None else None
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        level = self.headings.get(style_id) or _heading_level(style_id)
        numbering = props.find(f"{_W}numPr") if props is not None else None
        if text.strip():
            if level:
                self.blocks.append(DocxBlock("heading", text, level))
            elif numbering is not None:
                ilvl = numbering.find(f"{_W}ilvl")
                depth = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
                self.blocks.append(DocxBlock("list_item", text, depth))
            else:
                self.blocks.append(DocxBlock("paragraph", text))
        for blip in paragraph.iter(f"{_A}blip"):
            self._image(blip.get(f"{_R}embed", ""))

    def _image(self, relation_id: str) -> None:
        member = self.relations.get(relation_id)
        if not member:
            return
        try:
            info = self.archive.getinfo(member)
        except KeyError:
            return
        if self.image_bytes + info.file_size > self.max_image_bytes:
            self.truncated = True
            return
        self.image_bytes += info.file_size
        image = _read_member(self.archive, member, self.max_image_bytes)
        self.blocks.append(DocxBlock("image", image=image, image_name=posixpath.basename(member)))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    pieces: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            pieces.append(node.text)
        elif node.tag == f"{_W}tab":
            pieces.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            pieces.append("\n")
    return "".join(pieces)


def _cell_text(cell: ElementTree.Element) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip()


# --- XLSX ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SheetPreview:
    """The first rows of one sheet; ``rows_read`` counts the rows openpyxl parsed."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    rows_read: int
    truncated: bool
    declared_dimensions: str = ""


@dataclass(frozen=True)
class WorkbookPreview:
    sheets: tuple[SheetPreview, ...]
    truncated_sheets: bool = False


def read_xlsx(data: bytes, name: str = "file.xlsx", *, max_rows: int = 200, max_cols: int = 30,
              max_sheets: int = 30, max_cell_chars: int = 500) -> WorkbookPreview:
    """The first ``max_rows`` rows of each sheet, without parsing the rest of any sheet.

    openpyxl's own read-only ``load_workbook`` looks for each sheet's ``<dimension>`` with
    end-events only, so on a sheet without one (files written by openpyxl's write-only mode and
    by many report generators) it parses the *whole* sheet before returning.  The sheets are
    therefore opened here with :class:`_FirstRowsSheet`, which stops at ``<sheetData>``.
    """
    try:
        workbook, sheet_refs = _open_workbook(data)
    except Exception as error:  # noqa: BLE001
        raise _unreadable(name, error) from None
    try:
        sheets = []
        for sheet_name, target in sheet_refs[:max_sheets]:
            sheet = _FirstRowsSheet(workbook.wb, sheet_name, target, workbook.shared_strings)
            rows: list[tuple[str, ...]] = []
            truncated = False
            for row in sheet.iter_rows(min_row=1, max_row=max_rows + 1, max_col=max_cols,
                                       values_only=True):
                if len(rows) == max_rows:
                    truncated = True
                    break
                rows.append(tuple(_cell_text_value(v, max_cell_chars) for v in row))
            read = len(rows) + (1 if truncated else 0)
            width = max((_used_width(row) for row in rows), default=0)
            rows = [row[:width] for row in rows]
            sheets.append(SheetPreview(sheet_name, tuple(rows), read, truncated,
                                       sheet.declared_dimensions))
        return WorkbookPreview(tuple(sheets), len(sheet_refs) > max_sheets)
    except Exception as error:  # noqa: BLE001
        raise _unreadable(name, error) from None
    finally:
        workbook.archive.close()


def _open_workbook(data: bytes) -> tuple[Any, list[tuple[str, str]]]:
    """openpyxl's reader up to (not including) its worksheet step: strings, workbook, styles."""
    from openpyxl.reader.excel import ExcelReader, apply_stylesheet

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    refs = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    return reader, refs


def _first_rows_sheet_class() -> type:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class FirstRowsSheet(ReadOnlyWorksheet):  # type: ignore[misc]
        declared_dimensions = ""

        def _get_size(self) -> None:
            """Read ``<dimension>`` if it comes before the cells; never parse the cells."""
            source = self._get_source()
            try:
                for _event, element in ElementTree.iterparse(source, events=("start",)):
                    tag = element.tag.rsplit("}", 1)[-1]
                    if tag == "dimension":
                        self.declared_dimensions = element.get("ref", "")
                        break
                    if tag == "sheetData":
                        break
            finally:
                source.close()

    return FirstRowsSheet


class _LazySheetClass:
    cls: type | None = None

    def __call__(self, *args: Any) -> Any:
        if self.cls is None:
            self.cls = _first_rows_sheet_class()
        return self.cls(*args)


_FirstRowsSheet = _LazySheetClass()


def _used_width(row: tuple[str, ...]) -> int:
    for index in range(len(row), 0, -1):
        if row[index - 1]:
            return index
    return 0


def _cell_text_value(value: object, limit: int) -> str:
    """One cell as the preview and the personal-data scan read it (runs per cell: cheap).

    A whole number stored as a float is written without ".0" (12.0 → ``12``).  Dates are
    year-month-day (``2026-10-02``; with the time only when there is one: ``2026-10-02 14:30``):
    this text is made once per file, off the GUI thread and with no language, and is cached
    and scanned as it is, so it takes the one form that no reader can misread — neither
    day/month against month/day nor Buddhist against Common Era (the year shows which).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else str(value)
    elif isinstance(value, datetime):
        clock = value.time()
        text = value.date().isoformat() if clock == _MIDNIGHT else \
            f"{value.date().isoformat()} {_clock_text(clock)}"
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, dt_time):
        text = _clock_text(value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


_MIDNIGHT = dt_time(0, 0)


def _clock_text(clock: dt_time) -> str:
    """``14:30``, or ``14:30:15`` when the seconds are not zero."""
    return f"{clock.hour:02d}:{clock.minute:02d}" + (f":{clock.second:02d}" if clock.second
                                                      else "")


# --- For the personal-data scan --------------------------------------------------------------

def extract_text(data: bytes, name: str, kind: str) -> ExtractedText:
    """The text of a PDF, DOCX or XLSX attachment by kind (``"pdf"``, ``"docx"``, ``"xlsx"``);
    other kinds have no text to scan and return no parts."""
    if kind == "pdf":
        return extract_pdf_text(data, name)
    if kind == "docx":
        content = read_docx(data, name)
        return ExtractedText((TextPart(f"attachment {name}", content.plain_text()),),
                             content.truncated)
    if kind == "xlsx":
        workbook = read_xlsx(data, name, max_rows=2000)
        parts = tuple(TextPart(f"attachment {name} sheet {sheet.name}",
                               "\n".join("\t".join(row) for row in sheet.rows))
                      for sheet in workbook.sheets)
        return ExtractedText(parts, any(s.truncated for s in workbook.sheets))
    return ExtractedText(())


def personal_data_in_file(data: bytes, name: str, kind: str) -> list[PersonalDataFinding]:
    """The PDPA scan of one attachment's text (PDF pages, DOCX, XLSX sheets).

    A file whose text cannot be read yields no findings here; its verdict says why.
    """
    try:
        extracted = extract_text(data, name, kind)
    except UserError:
        return []
    return scan_texts((part.location, part.text) for part in extracted.parts)
