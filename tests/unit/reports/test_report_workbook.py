"""The executive workbook against a database with known numbers: values read back with
openpyxl, every sheet and chart present, Thai-calendar dates, print set-up; and LibreOffice
(headless) opens it and prints it to PDF without an error."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.report_period import fiscal_quarter, parse_period
from desktop.services.context import AppContext
from desktop.services.report_files import write_report_workbook
from tests.support.components import require, which
from tests.unit.reports.report_seed import reference, seed_all

Q1 = parse_period("2026-10..2026-12")
SHEETS_TH = ["สรุปสำหรับผู้บริหาร", "สรุป", "ตามหมวดหมู่", "ตามหน่วยงาน", "ทะเบียนคำขอ", "การนำลง",
             "สถิติเว็บไซต์", "ความพึงพอใจ", "สรุปบันทึกการใช้งาน"]


def table(sheet: Worksheet, header_row: int = 4) -> list[list[Any]]:
    """The rows under the header until the first empty row."""
    out = []
    for row in sheet.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in row):
            break
        out.append(list(row))
    return out


def labelled(sheet: Worksheet) -> dict[str, Any]:
    """Column A -> column B for every row of the sheet (the key-figure blocks)."""
    return {str(r[0]): r[1] for r in sheet.iter_rows(values_only=True) if r and r[0] is not None
            and len(r) > 1}


@pytest.fixture
def workbook_file(report_ctx: AppContext, tmp_path: Path) -> Path:
    seed_all(report_ctx)
    written = write_report_workbook(report_ctx, Q1, tmp_path / "q1.xlsx", lang="th")
    assert written.register_rows == 6
    return written.path


def test_sheets_values_and_charts(workbook_file: Path) -> None:
    assert fiscal_quarter(2570, 1) == Q1
    book = load_workbook(workbook_file)
    assert book.sheetnames == SHEETS_TH
    summary = book["สรุป"]
    months = table(summary)
    assert [m[0] for m in months[:3]] == [datetime(2026, 10, 1), datetime(2026, 11, 1),
                                          datetime(2026, 12, 1)]
    assert months[:3] == [[datetime(2026, 10, 1), 3, 4, 0, 0], [datetime(2026, 11, 1), 2, 0, 1, 1],
                          [datetime(2026, 12, 1), 1, 0, 0, 0]]
    assert months[3][1:] == [6, 4, 1, 1]
    figures = labelled(summary)
    assert figures["คำขอที่รับเข้า"] == 6 and figures["เผยแพร่แล้ว"] == 4
    assert figures["ส่งกลับแก้ไข"] == 1 and figures["ไม่อนุมัติ"] == 1
    assert figures["ถอนคำขอ"] == 1 and figures["นำลงจากเว็บไซต์"] == 1
    assert figures["ระยะเวลาเผยแพร่ (มัธยฐาน, วันทำการ)"] == 3.0
    assert figures["ระยะเวลาเผยแพร่ (เปอร์เซ็นไทล์ที่ 90, วันทำการ)"] == 6.0
    assert figures["เผยแพร่ภายใน 3 วันทำการ"] == 0.75
    assert summary["A5"].number_format.startswith("[$-107041E]")

    categories = {r[0]: r[1:] for r in table(book["ตามหมวดหมู่"])}
    assert categories["ข่าวประชาสัมพันธ์"] == [3, 3, 2, None]
    assert categories["กฎหมาย ระเบียบ ข้อบังคับ"] == [1, 1, 1, None]
    assert categories["คลังความรู้"] == [1, 0, 0, "ไม่มีข้อมูลเผยแพร่อยู่"]
    assert book["ตามหมวดหมู่"]["A7"].fill.fgColor.rgb.endswith("FCE4D6")   # คลังความรู้ flagged

    units = {r[0]: r[1:] for r in table(book["ตามหน่วยงาน"])}
    assert units["กลุ่มงาน ก"] == [2, 3, 0, 0, 3.0]
    assert units["กลุ่มงาน ข"] == [2, 1, 1, 1, 3.0]

    register = book["ทะเบียนคำขอ"]
    rows = table(register)
    assert [r[0] for r in rows] == [reference(n) for n in (1, 2, 3, 4, 5, 7)]
    assert rows[0][1] == "ประกาศงดจ่ายน้ำประปาชั่วคราว กรุงเทพฯ" and rows[0][4] == "นำลงแล้ว"
    assert rows[0][20] == datetime(2026, 10, 5, 9, 0) and rows[0][26] == 2
    assert register["U5"].number_format == "[$-107041E]d mmm yyyy hh:mm"

    takedowns = table(book["การนำลง"])
    assert len(takedowns) == 1 and takedowns[0][0] == reference(1)
    assert takedowns[0][5] == datetime(2026, 12, 15, 14, 0) and takedowns[0][8] == "ตามกำหนด"

    usage = book["สถิติเว็บไซต์"]
    usage_months = table(usage)
    assert usage_months[0][:4] == [datetime(2026, 10, 1), 300, 100, 12]
    assert usage_months[1][:4] == [datetime(2026, 11, 1), 350, 110, 10]
    assert usage_months[2][1:3] == [650, 210]
    codes = {r[0]: r[1] for r in usage.iter_rows(values_only=True) if r[0] in ("200", "404")}
    assert codes == {"200": 650 + 22, "404": 80}
    cells = [r for r in usage.iter_rows(values_only=True) if r[0] ==
             "/news/wd-2569-00001/index.html"]
    assert cells and cells[0][1] == 150 and cells[0][2] == reference(1)

    satisfaction = book["ความพึงพอใจ"]
    questions = table(satisfaction)
    assert questions[0][:5] == [1, "ความสะดวกในการค้นหาข้อมูล", 10, 4.0, 0.7]
    assert questions[1][2:5] == [9, pytest.approx(35 / 9), pytest.approx(7 / 9)]
    assert questions[2][1] == "ภาพรวม" and questions[2][2] == 19
    texts = [r[1] for r in satisfaction.iter_rows(values_only=True)]
    assert "อยากให้ค้นหาเอกสารง่ายขึ้น" in texts

    audit = labelled(book["สรุปบันทึกการใช้งาน"])
    assert audit["การตรวจสอบห่วงโซ่แฮช"] == "ถูกต้อง ไม่มีการแก้ไขย้อนหลัง"

    executive = labelled(book["สรุปสำหรับผู้บริหาร"])
    assert executive["คำขอที่รับเข้า"] == 6 and executive["การเปิดดูหน้าเว็บ"] == 650
    assert executive["ความพึงพอใจเฉลี่ย (เต็ม 5)"] == pytest.approx(75 / 19)

    charts = {name: len(book[name]._charts) for name in SHEETS_TH}
    assert charts["สรุปสำหรับผู้บริหาร"] == 3 and charts["สรุป"] == 2
    assert charts["ตามหมวดหมู่"] == 1 and charts["สถิติเว็บไซต์"] == 1
    for name in SHEETS_TH:
        sheet = book[name]
        assert sheet.freeze_panes == "A5", name
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.print_title_rows == "$1:$4", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A4:"), name
        assert sheet["A4"].font.b, name


def test_english_workbook_and_a_month(report_ctx: AppContext, tmp_path: Path) -> None:
    seed_all(report_ctx)
    path = write_report_workbook(report_ctx, parse_period("2026-11"), tmp_path / "nov.xlsx",
                                 lang="en").path
    book = load_workbook(path)
    assert book.sheetnames[0] == "Executive summary" and "Register" in book.sheetnames
    figures = labelled(book["Summary"])
    assert figures["Requests received"] == 2 and figures["Rejected"] == 1
    assert book["Summary"]["A2"].value.startswith("November 2026")


def test_libreoffice_opens_every_sheet(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    soffice = which("soffice") or which("libreoffice")
    require(soffice is not None, "LibreOffice (Debian: libreoffice-calc-nogui)")
    assert soffice is not None
    seed_all(sqlite_ctx)                     # one back end is enough for LibreOffice
    workbook_file = write_report_workbook(sqlite_ctx, Q1, tmp_path / "q1.xlsx", lang="th").path
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(out), str(workbook_file)],
                            capture_output=True, timeout=240, check=False)
    pdf = out / "q1.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr.decode(errors="replace")
    text = subprocess.run([which("pdftotext") or "pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode()
    for word in ("สรุปสำหรับผู้บริหาร", "ทะเบียนคำขอ", "ประกาศงดจ่ายน้ำประปาชั่วคราว", "2569"):
        assert word in text, word
    assert date(2026, 10, 5).strftime("%Y") not in text.split("ทะเบียนคำขอ")[-1][:2000]
