"""Sample form data and helpers shared by the form tests."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from desktop.reports.request_form import FormData, SignatureBlock
from tests.support.components import require, which

TITLE = "ประกาศผลผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน จำนวน ๑๒ รายการ"
APPROVER = "นายปิยะพงษ์ ผู้ใหญ่ยิ่ง"
SENTENCE = ("สำนักงานสาธารณสุขอำเภอบ้านหลวงขอประกาศผลผู้ชนะการเสนอราคาจัดซื้อวัสดุสำนักงาน "
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ โดยวิธีเฉพาะเจาะจง รายละเอียดตามเอกสารแนบท้ายประกาศนี้ ")


def signature_png(size: tuple[int, int] = (400, 120)) -> bytes:
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.line([(10, h * 3 // 4), (w // 5, h // 6), (w * 2 // 5, h * 5 // 6), (w - 10, h // 3)],
              fill=(0, 0, 140, 255), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def sample_form(details: str = SENTENCE * 2, with_signature: bool = True) -> FormData:
    return FormData(
        agency_name="สำนักงานสาธารณสุขอำเภอบ้านหลวง จังหวัดน่าน",
        form_date=date(2026, 11, 22),
        title=TITLE,
        details=details,
        external_link="https://www.example.go.th/procurement/2569/announcement-0012.pdf",
        remarks="ขอให้เผยแพร่ในหมวด “ข่าวจัดซื้อจัดจ้าง” ภายในวันที่ ๒๕ พฤศจิกายน ๒๕๖๙",
        provider=SignatureBlock("นางสาวกุลธิดา ศรีสุข", "นักวิชาการพัสดุ กลุ่มงานบริหารทั่วไป",
                                date(2026, 11, 20)),
        approver=SignatureBlock(APPROVER, "สาธารณสุขอำเภอบ้านหลวง", date(2026, 11, 21),
                                signature_png() if with_signature else None,
                                on_behalf_of="นายอำเภอบ้านหลวง"),
        publisher=SignatureBlock("นายธีรวัฒน์ ใจดี", "นักวิชาการคอมพิวเตอร์", date(2026, 11, 22)),
        reference="REQ-2569-0042",
    )


def poppler(tool: str) -> str:
    path = which(tool)
    require(path is not None, f"{tool} (Debian: poppler-utils)")
    assert path is not None
    return path


def write_pdf(pdf: bytes, folder: Path, name: str = "form.pdf") -> Path:
    target = folder / name
    target.write_bytes(pdf)
    return target


def pdf_text(pdf_file: Path) -> str:
    result = subprocess.run([poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf_file),
                             "-"],
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    """Text without any whitespace (pdftotext inserts spaces around some Thai glyphs)."""
    return "".join(text.split())


def page_count(pdf_file: Path) -> int:
    result = subprocess.run([poppler("pdfinfo"), str(pdf_file)], capture_output=True,
                            check=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")
