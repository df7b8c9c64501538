"""Generated sample files for the demo profile: a Thai PDF, a photo, a workbook."""

from __future__ import annotations

import io
from datetime import date

from desktop.domain.users import User
from desktop.paths import resources_dir
from desktop.services.attachments import attach_file
from desktop.services.context import AppContext


def sample_pdf(title: str, pages: int = 2) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("Sarabun", "", str(resources_dir() / "fonts" / "Sarabun-Regular.ttf"))
    pdf.set_text_shaping(True)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Sarabun", size=18)
        pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Sarabun", size=14)
        pdf.multi_cell(0, 8, f"หน้า {page + 1} — เอกสารตัวอย่างสำหรับทดลองใช้งาน WebDesk "
                             "ข้อมูลในเอกสารนี้สร้างขึ้นโดยอัตโนมัติ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def sample_photo(seed: int, size: tuple[int, int] = (1600, 1066)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40 + seed * 20 % 200, 120, 170))
    draw = ImageDraw.Draw(image)
    for i in range(0, size[0], 80):
        draw.rectangle([i, size[1] // 2 - (i % 240), i + 40, size[1]], fill=(230, 200 - i % 90, 80))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0110] = "Demo camera"
    image.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def sample_workbook(title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "สรุป"
    sheet.append([title])
    sheet.append(["ลำดับ", "รายการ", "จำนวน", "วันที่"])
    for i in range(1, 21):
        sheet.append([i, f"รายการที่ {i}", i * 3, date(2026, 10, i % 28 + 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attach_samples(ctx: AppContext, actor: User, request_id: int, index: int) -> None:
    """Attach a PDF to every demo request, a photo to every other, a workbook to some."""
    attach_file(ctx, actor, request_id, f"เอกสารประกอบ-{index + 1}.pdf",
                sample_pdf(f"เอกสารประกอบคำขอลำดับที่ {index + 1}"))
    if index % 2 == 0:
        attach_file(ctx, actor, request_id, f"ภาพกิจกรรม {index + 1}.jpg", sample_photo(index),
                    caption=f"ภาพกิจกรรมลำดับที่ {index + 1}", alt_text="ภาพบรรยากาศกิจกรรม")
    if index % 3 == 0:
        attach_file(ctx, actor, request_id, "สรุปข้อมูล.xlsx", sample_workbook("สรุปข้อมูล"))
