"""Hostile files for the security tests and the hostile-input benchmark, all made in memory.

* :func:`jpeg_scan_bomb`: a real progressive JPEG (Pillow/libjpeg) with its last scan repeated;
  every decoder walks every block of the image once per scan.
* :func:`pdf_objects` and :func:`pdf_with_action`: a small, well-formed PDF (correct xref) whose
  catalogue carries a script or launch action under a name spelled with ``#xx`` escapes.
* :func:`docx_with_hidden_macros`: a .docx whose VBA project is a part with an innocent name
  (``word/media/image9.png``) reached through a ``vbaProject`` relationship.
"""

from __future__ import annotations

import io
import struct

from PIL import Image

from tests.unit.files import builders as b

# ----------------------------------------------------------------------------- JPEG


def _segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of every segment of a JPEG made by Pillow; a scan ends where the
    next marker starts (its entropy-coded data included)."""
    found: list[tuple[int, int, int]] = []
    pos = 2
    while pos < len(data):
        marker = data[pos + 1]
        if marker == 0xD9:
            found.append((marker, pos, pos + 2))
            break
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if marker == 0xDA:
            while True:
                end = data.index(b"\xff", end)
                if data[end + 1] == 0x00 or 0xD0 <= data[end + 1] <= 0xD7:
                    end += 2
                    continue
                break
        found.append((marker, pos, end))
        pos = end
    return found


def progressive_jpeg(width: int, height: int, mode: str = "CMYK", quality: int = 75) -> bytes:
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90),
                                gradient)).convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", progressive=True, quality=quality)
    return buffer.getvalue()


def jpeg_scan_bomb(side: int = 1600, repeats: int = 480, mode: str = "CMYK") -> bytes:
    """A progressive ``side``×``side`` JPEG whose last scan is repeated ``repeats`` times more
    (the issue's bomb: 9000, 480 — a 2 MB file that took 20 s and 770 MB to inspect)."""
    data = progressive_jpeg(side, side, mode)
    scans = [segment for segment in _segments(data) if segment[0] == 0xDA]
    _, start, end = scans[-1]
    return data[:-2] + data[start:end] * repeats + b"\xff\xd9"


def with_frame_size(data: bytes, width: int, height: int) -> bytes:
    """``data`` with its frame header (SOF0/SOF2) patched to claim ``width``×``height``."""
    patched = bytearray(data)
    for marker, start, _ in _segments(data):
        if marker in (0xC0, 0xC2):
            struct.pack_into(">HH", patched, start + 5, height, width)
            return bytes(patched)
    raise ValueError("no frame header")


# ----------------------------------------------------------------------------- PDF


def pdf_objects(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalogue) with an exact cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


_PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]


def pdf_with_action(action: bytes) -> bytes:
    """A one-page PDF that runs ``action`` (a dictionary) when it is opened."""
    return pdf_objects([b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", *_PAGES,
                        action])


def pdf_with_named_script(name: bytes = b"/J#61vaScript") -> bytes:
    """A one-page PDF with a document-level script in the Names tree, spelled ``name``."""
    return pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R /Names << " + name + b" 4 0 R >> >>", *_PAGES,
        b"<< /Names [(hello) 5 0 R] >>",
        b"<< /S " + name + b" /JS (app.alert\\(1\\)) >>",
    ])


def plain_pdf() -> bytes:
    return pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", *_PAGES])


# ----------------------------------------------------------------------------- OOXML

_MS_RELS = "http://schemas.microsoft.com/office/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def vba_project() -> bytes:
    """A compound file laid out like a VBA project (its streams at the top level)."""
    return b.ole({"_VBA_PROJECT": b"\xcc\x61" + b"\x00" * 600, "PROJECT": b"ID=\"{0}\"\r\n",
                  "dir": b"\x01" * 600})


def document_rels(*relationships: tuple[str, str]) -> bytes:
    items = "".join(f'<Relationship Id="rId{index}" Type="{kind}" Target="{target}"/>'
                    for index, (kind, target) in enumerate(relationships, start=10))
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{items}</Relationships>').encode()


def docx_with_hidden_macros(target: str = "media/image9.png", *,
                            relationship: str = f"{_MS_RELS}/vbaProject",
                            payload: bytes | None = None, extension_type: str = "image/png",
                            escape_type: bool = False) -> bytes:
    """A .docx (macro-free main type, no vbaProject.bin anywhere) whose document points at a
    VBA project stored under ``target``.  ``escape_type`` spells the relationship type with an
    XML character reference, which a regular expression over the text would miss."""
    extension = target.rsplit(".", 1)[-1]
    kind = relationship.replace("vbaProject", "vba&#80;roject") if escape_type else relationship
    types = b.content_types(b.DOCX_MAIN, extra=f'<Default Extension="{extension}" '
                            f'ContentType="{extension_type}"/>')
    return b.docx(types=types, extra={
        "word/_rels/document.xml.rels": document_rels((kind, target)),
        f"word/{target}": payload if payload is not None else vba_project(),
    })


def xlsx_with_macro_sheet() -> bytes:
    """An .xlsx whose workbook carries an Excel 4.0 (XLM) macro sheet."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(b.xlsx()))
    entries = {name: source.read(name) for name in source.namelist()}
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rId99" Type="{_MS_RELS}/xlMacrosheet" '
        'Target="macrosheets/sheet2.xml"/></Relationships>'.encode())
    entries["xl/macrosheets/sheet2.xml"] = (
        b'<?xml version="1.0"?><xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/'
        b'excel/2006/main"><sheetData/></xm:macrosheet>')
    return b.zip_of(entries)


OFFICE_RELS = _OFFICE_RELS
MS_RELS = _MS_RELS
