"""Files the preview tests make for themselves: Thai PDFs, xlsx, docx, images, zips, OLE2."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from PIL import Image

from desktop.paths import resources_dir

THAI_SENTENCE = "ประกาศผลการคัดเลือกพนักงานราชการ ที่ปรึกษา น้ำใจ กำหนดการ"
THAI_PHONE_LINE = "ติดต่อ คุณสมชาย โทร 081-234-5678 อีเมล somchai@agency.go.th"


def sarabun(style: str = "Regular") -> Path:
    return resources_dir() / "fonts" / f"Sarabun-{style}.ttf"


def thai_pdf(pages: int = 1, lines: tuple[str, ...] = (THAI_SENTENCE,)) -> bytes:
    """A PDF set in Sarabun with HarfBuzz shaping (fpdf2), one or more pages of ``lines``."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("Sarabun", "", str(sarabun()))
    pdf.set_font("Sarabun", size=16)
    pdf.set_text_shaping(True)
    for number in range(1, pages + 1):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 10, f"หน้า {number}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf\n"


def xlsx(rows: int = 20, sheets: tuple[str, ...] = ("สรุป", "รายละเอียด")) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for sheet_name in sheets:
        sheet = workbook.create_sheet(sheet_name)
        sheet.append(["ลำดับ", "รายการ", "จำนวนเงิน (บาท)", "หมายเหตุ"])
        for number in range(1, rows + 1):
            sheet.append([number, f"รายการที่ {number} ของ{sheet_name}", number * 1000.5,
                          "ติดต่อ 02-123-4567" if number == 3 else ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def big_xlsx(rows: int = 100_000) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("ข้อมูล")
    for number in range(1, rows + 1):
        sheet.append([number, number * 2, number * 3, "ก", number / 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png(size: tuple[int, int] = (640, 400), color: str = "#2a6f97") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(size: tuple[int, int] = (1200, 800), color: str = "#c44536", quality: int = 85) -> bytes:
    image = Image.new("RGB", size, color)
    for x in range(0, size[0], max(1, size[0] // 12)):   # stripes, so it is not one flat colour
        image.paste("#f2e8cf", (x, 0, x + max(1, size[0] // 40), size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" '
       'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Default Extension="png" ContentType="image/png"/>'
       '<Override PartName="/word/document.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       '<Override PartName="/word/styles.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
             'relationships"><Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/image" Target="media/image1.png"/>'
             '<Relationship Id="rIdSt" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/styles" Target="styles.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W}>'
           '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>'
           '</w:styles>')


def _para(text: str, style: str = "", numbered: int | None = None) -> str:
    props = ""
    if style or numbered is not None:
        props = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        if numbered is not None:
            props += f'<w:numPr><w:ilvl w:val="{numbered}"/><w:numId w:val="1"/></w:numPr>'
        props += "</w:pPr>"
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def docx(with_image: bool = True) -> bytes:
    """A Word document: a heading (localised style id "1"), text, a list, a table, an image."""
    image = ""
    if with_image:
        image = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
                 'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.'
                 'openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic='
                 '"http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
                 '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships" r:embed="rIdImg1"/></pic:blipFill></pic:pic></a:graphicData>'
                 '</a:graphic></wp:inline></w:drawing></w:r></w:p>')
    table = ("<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{_para(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in (("ชื่อ", "ตำแหน่ง"), ("นายสมชาย ใจดี", "นักวิชาการคอมพิวเตอร์"))) + "</w:tbl>")
    body = (_para("รายงานผลการดำเนินงาน", style="1") + _para("ความเป็นมา", style="Heading2")
            + _para(THAI_SENTENCE) + _para("ข้อแรก", numbered=0) + _para("ข้อย่อย", numbered=1)
            + table + image + _para(THAI_PHONE_LINE))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}>'
                f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        if with_image:
            archive.writestr("word/media/image1.png", png((120, 80), "#e09f3e"))
    return buffer.getvalue()


def zip_archive(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("เอกสาร/ประกาศ.pdf", thai_pdf())
        archive.writestr("รูป/ภาพกิจกรรม.png", png((64, 64)))
        archive.writestr("readme.txt", "อ่านก่อน".encode())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ole2(stream: str = "WordDocument") -> bytes:
    """A minimal compound file (header, FAT, directory, one stream) — a .doc or an .xls."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = struct.pack("<4I", 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE, 0xFFFFFFFE) + \
        b"\xff" * (sector - 16)

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        raw = bytearray(128)
        raw[:len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(stream, 2, 2, 4096)
    directory += b"\0" * (sector - len(directory))
    data = b"legacy office bytes".ljust(sector, b"\0")
    return bytes(header) + fat + directory + data
