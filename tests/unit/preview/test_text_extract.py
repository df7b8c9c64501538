"""Text out of attachments: Thai PDFs (pypdfium2), docx structure, bounded xlsx reading."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from desktop.domain.errors import UserError
from desktop.domain.personal_data import PersonalDataKind, scan_texts
from desktop.files.text_extract import extract_pdf_text, extract_text, read_docx, read_xlsx
from tests.unit.preview import samples


def test_pdf_text_keeps_thai_combining_marks() -> None:
    """pdfium gives back the exact Thai, marks and all (QPdfDocument.getAllText does not)."""
    data = samples.thai_pdf(pages=2, lines=(samples.THAI_SENTENCE, samples.THAI_PHONE_LINE))
    extracted = extract_pdf_text(data, "ประกาศ.pdf")
    assert extracted.page_count == 2 and len(extracted.parts) == 2
    lines = extracted.parts[0].text.split("\n")
    assert lines == [samples.THAI_SENTENCE, samples.THAI_PHONE_LINE, "หน้า 1"]
    for word in ("ที่ปรึกษา", "น้ำใจ", "กำหนดการ"):   # above- and below-base marks, sara am
        assert word in extracted.parts[0].text
    assert extracted.parts[1].location == "attachment ประกาศ.pdf page 2"
    assert "หน้า 2" in extracted.parts[1].text


def test_pdf_pages_are_bounded() -> None:
    extracted = extract_pdf_text(samples.thai_pdf(pages=5), "a.pdf", max_pages=2)
    assert len(extracted.parts) == 2 and extracted.truncated and extracted.page_count == 5


def test_broken_pdf_is_a_clear_user_error() -> None:
    with pytest.raises(UserError) as raised:
        extract_pdf_text(samples.broken_pdf(), "เสีย.pdf")
    assert raised.value.code == "preview_unreadable"
    assert "เสีย.pdf" in raised.value.text("th")


def test_personal_data_found_inside_a_pdf_page() -> None:
    data = samples.thai_pdf(pages=3, lines=(samples.THAI_SENTENCE,))
    data2 = samples.thai_pdf(pages=1, lines=(samples.THAI_PHONE_LINE,))
    parts = extract_pdf_text(data, "a.pdf").parts + extract_pdf_text(data2, "b.pdf").parts
    found = scan_texts((p.location, p.text) for p in parts)
    assert {f.kind for f in found} == {PersonalDataKind.PHONE, PersonalDataKind.EMAIL}
    assert {f.location for f in found} == {"attachment b.pdf page 1"}


def test_docx_structure() -> None:
    content = read_docx(samples.docx())
    kinds = [b.kind for b in content.blocks]
    assert kinds == ["heading", "heading", "paragraph", "list_item", "list_item", "table",
                     "image", "paragraph"]
    assert content.blocks[0].text == "รายงานผลการดำเนินงาน" and content.blocks[0].level == 1
    assert content.blocks[1].level == 2
    assert content.blocks[4].level == 1
    assert content.blocks[5].rows[1] == ("นายสมชาย ใจดี", "นักวิชาการคอมพิวเตอร์")
    assert content.images[0].image.startswith(b"\x89PNG")
    assert "081-234-5678" in content.plain_text()


def test_broken_docx() -> None:
    with pytest.raises(UserError):
        read_docx(b"PK\x03\x04 not really a zip", "x.docx")


def test_xlsx_first_rows_of_each_sheet() -> None:
    preview = read_xlsx(samples.xlsx(rows=50), max_rows=10)
    assert [s.name for s in preview.sheets] == ["สรุป", "รายละเอียด"]
    first = preview.sheets[0]
    assert first.rows[0] == ("ลำดับ", "รายการ", "จำนวนเงิน (บาท)", "หมายเหตุ")
    assert len(first.rows) == 10 and first.truncated and first.rows_read == 11


def test_big_xlsx_reads_only_the_first_rows() -> None:
    preview = read_xlsx(samples.big_xlsx(rows=5_000), max_rows=200)
    sheet = preview.sheets[0]
    assert len(sheet.rows) == 200 and sheet.truncated
    assert sheet.rows_read == 201            # never the 5,000
    assert sheet.rows[199][0] == "200"


def test_broken_xlsx() -> None:
    with pytest.raises(UserError):
        read_xlsx(b"PK\x05\x06" + b"\0" * 18, "x.xlsx")


def test_extract_text_by_kind() -> None:
    assert "02-123-4567" in extract_text(samples.xlsx(rows=5), "a.xlsx", "xlsx").text
    assert "รายงานผล" in extract_text(samples.docx(), "a.docx", "docx").text
    assert extract_text(samples.png(), "a.png", "png").parts == ()


def _with_sheet_xml(data: bytes, change: Callable[[str], str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


def test_rows_after_the_first_ones_are_never_parsed() -> None:
    """Proof by damage: the sheet XML is broken from row 500 on, yet the preview opens —
    it stops after row 201.  (Bare openpyxl load_workbook(read_only=True) parses the whole
    sheet when there is no <dimension>, and fails on this file.)"""
    def break_tail(xml: str) -> str:
        cut = xml.index('<row r="500"')
        return xml[:cut] + '<row r="500"><c r="A500"><v>1</v></c><<<not xml at all'

    data = _with_sheet_xml(samples.big_xlsx(rows=2000), break_tail)
    sheet = read_xlsx(data, max_rows=200).sheets[0]
    assert len(sheet.rows) == 200 and sheet.rows_read == 201 and sheet.truncated
    import openpyxl

    with pytest.raises(Exception):  # noqa: B017  (whatever openpyxl raises on bad XML)
        openpyxl.load_workbook(io.BytesIO(data), read_only=True)


def test_declared_dimension_is_reported() -> None:
    data = _with_sheet_xml(samples.big_xlsx(rows=50), lambda xml: xml.replace(
        "<sheetData>", '<dimension ref="A1:E50"/><sheetData>', 1))
    assert read_xlsx(data).sheets[0].declared_dimensions == "A1:E50"


def test_personal_data_in_each_kind_of_file() -> None:
    from desktop.files.text_extract import personal_data_in_file

    pdf = personal_data_in_file(samples.thai_pdf(lines=(samples.THAI_PHONE_LINE,)), "a.pdf", "pdf")
    assert {(f.kind.value, f.location) for f in pdf} == {
        ("phone", "attachment a.pdf page 1"), ("email", "attachment a.pdf page 1")}
    docx = personal_data_in_file(samples.docx(), "b.docx", "docx")
    assert {f.kind.value for f in docx} == {"phone", "email"}
    xlsx = personal_data_in_file(samples.xlsx(rows=5), "c.xlsx", "xlsx")
    assert [f.location for f in xlsx] == ["attachment c.xlsx sheet สรุป",
                                          "attachment c.xlsx sheet รายละเอียด"]
    assert personal_data_in_file(samples.broken_pdf(), "d.pdf", "pdf") == []


def _one_row_xlsx(values: list[object]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_dates_numbers_and_times_read_as_people_wrote_them() -> None:
    """A date cell has no midnight time, a date-time keeps its time (seconds only when there
    are some), a whole number stored as a float has no ".0", other floats are unchanged;
    dates are year-month-day: the preview has no language, and that form cannot be misread."""
    from datetime import date, datetime, time

    row = read_xlsx(_one_row_xlsx([
        date(2026, 10, 2), datetime(2026, 10, 2, 14, 30), datetime(2026, 10, 2, 8, 5, 9),
        12.0, 12.5, -3.0, 1e20, time(9, 15), "2026-10-02 00:00:00", 7, True,
    ])).sheets[0].rows[0]
    assert row == ("2026-10-02", "2026-10-02 14:30", "2026-10-02 08:05:09", "12", "12.5",
                   "-3", "1e+20", "09:15", "2026-10-02 00:00:00", "7", "True")
