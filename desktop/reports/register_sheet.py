"""The Register sheet: every request of the period, every field, dates in the Buddhist Era.

Streamed row by row into a write-only sheet (fixed column widths: the rows are not known
in advance), so 100,000 requests take seconds and little memory.  Only dates (BE formats)
and the wrapped title carry a style of their own; counts and long texts are plain cells
(a register is filtered and searched more than it is printed).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.workbook import Workbook

from desktop.reports.report_model import RegisterRow
from desktop.reports.xlsx_kit import Col, Kind, SheetKit, t

CHANNELS = {"letter": ("หนังสือราชการ", "Letter"), "email": ("อีเมล", "E-mail"),
            "other": ("ช่องทางอื่น", "Other")}


def register_columns(lang: str) -> list[Col]:
    def c(thai: str, english: str, kind: Kind = Kind.TEXT, width: float = 16) -> Col:
        return Col(t(lang, thai, english), kind, width)
    return [
        c("เลขที่คำขอ", "Reference", width=17), c("หัวข้อ", "Title", Kind.LONG_TEXT, 42),
        c("หมวดหมู่", "Category", width=24), c("หมวดหมู่ย่อย", "Subcategory", width=20),
        c("สถานะ", "State", width=16), c("รายละเอียดโดยสรุป", "Summary", width=44),
        c("แหล่งที่มา/เจ้าของข้อมูล", "Source / data owner", width=22),
        c("ข้อมูลตั้งแต่", "Covers from", Kind.DATE, 14), c("ข้อมูลถึง", "Covers to", Kind.DATE, 14),
        c("วันที่ให้เผยแพร่", "Publish on", Kind.DATE, 14),
        c("วันที่นำลง (กำหนด)", "Take down on", Kind.DATE, 14),
        c("ลิงก์ภายนอก", "External link", width=28), c("หมายเหตุ", "Remarks", width=28),
        c("ผู้ขอ (ผู้รับผิดชอบข้อมูล)", "Requester", width=22),
        c("ตำแหน่ง", "Position", width=20), c("หน่วยงาน", "Unit", width=24),
        c("โทรศัพท์", "Phone", width=13), c("อีเมล", "E-mail", width=24),
        c("ช่องทาง", "Channel", width=13), c("เลขที่หนังสือ", "Letter no.", width=16),
        c("วันที่รับเรื่อง", "Received", Kind.DATETIME, 19),
        c("วันที่เผยแพร่", "Published", Kind.DATETIME, 19),
        c("วันที่นำลงจริง", "Taken down", Kind.DATETIME, 19),
        c("URL ที่เผยแพร่", "Public URL", width=34), c("จำนวนไฟล์", "Files", Kind.PLAIN, 9),
        c("ขนาดไฟล์รวม (MB)", "Files (MB)", Kind.PLAIN, 11),
        c("ระยะเวลา (วันทำการ)", "Working days", Kind.PLAIN, 11),
        c("เนื้อหา", "Body", width=50),
    ]


def register_values(row: RegisterRow, lang: str) -> list[Any]:
    channel = CHANNELS.get(row.channel)
    return [row.reference, row.title, row.category, row.subcategory, row.state, row.summary,
            row.source_owner, row.period_start, row.period_end, row.publish_date,
            row.expiry_date, row.external_link, row.remarks, row.requester_name,
            row.requester_position, row.requester_unit, row.requester_phone,
            row.requester_email, t(lang, *channel) if channel else row.channel,
            row.letter_number, row.received_at, row.published_at, row.taken_down_at,
            row.public_url, row.attachments,
            round(row.attachment_bytes / 1_048_576, 1) if row.attachment_bytes else 0,
            row.turnaround_days, row.body]


def write_register(workbook: Workbook, rows: Iterable[RegisterRow], *, lang: str,
                   subtitle: str) -> int:
    kit = SheetKit(workbook, t(lang, "ทะเบียนคำขอ", "Register"),
                   t(lang, "ทะเบียนคำขอเผยแพร่ข้อมูลผ่านเว็บไซต์", "Register of publication requests"),
                   subtitle, register_columns(lang))
    count = 0
    for row in rows:
        kit.row(register_values(row, lang))
        count += 1
    kit.finish()
    return count
