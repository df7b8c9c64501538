"""Audit export and the workbook helper: real .xlsx and .csv files, read back."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.errors import UserError
from desktop.reports.audit_export import audit_columns, audit_row, export_audit
from desktop.reports.workbook import (
    Column,
    ColumnType,
    Table,
    export_table,
    write_xlsx,
)
from desktop.store.audit import AuditEntry

AT = datetime(2026, 11, 22, 9, 15, 30)
LONG = "ตรวจสอบไฟล์แนบทั้งหมดแล้ว ขนาดไฟล์และชนิดไฟล์ถูกต้องตามประกาศของหน่วยงาน " * 3


def entries() -> list[object]:
    return [
        AuditEntry(1, AT, 7, "นางสาวกุลธิดา ศรีสุข", "PC-สารบรรณ-01", "request_registered", 42,
                   {"title": "ประกาศผลผู้ชนะการเสนอราคา", "note": LONG}, "a" * 64),
        {"id": 2, "at": AT + timedelta(minutes=5), "actor": "นายปิยะพงษ์ ผู้ใหญ่ยิ่ง",
         "workstation": "PC-ผอ", "action": "approve", "request_id": 42,
         "details": {"reason": "=HYPERLINK(\"http://evil\")"}, "hash": "b" * 64},
        {"id": 3, "at": "2026-11-22T10:00:00", "actor_name": "system", "workstation": "",
         "action": "=cmd|' /C calc'!A0", "request_id": None, "details": "", "hash": "c" * 64},
    ]


def test_xlsx_has_title_bold_frozen_header_real_dates_and_thai(tmp_path: Path) -> None:
    target = export_audit(entries(), tmp_path / "audit.xlsx",
                          exported_at=datetime(2026, 11, 22, 12, 0),
                          references={42: "WD-2569-00042"})
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "บันทึกการใช้งานระบบ (Audit log)" and sheet["A1"].font.b
    assert sheet["A2"].value == "ส่งออกเมื่อ 22 พฤศจิกายน 2569 เวลา 12:00 น. จำนวน 3 รายการ"
    header = [c.value for c in sheet[4]]
    assert header == [c.header for c in audit_columns("th")]
    assert all(c.font.b for c in sheet[4])
    assert sheet.freeze_panes == "A5"
    first = [c.value for c in sheet[5]]
    assert first[0] == 1 and first[1] == AT and isinstance(first[1], datetime)
    assert first[2] == "นางสาวกุลธิดา ศรีสุข" and first[3] == "PC-สารบรรณ-01"
    assert first[4] == "ลงทะเบียนคำขอ" and first[5] == "WD-2569-00042"
    assert first[6].startswith("หัวข้อ: ประกาศผลผู้ชนะการเสนอราคา; note: ตรวจสอบ")
    assert first[7] == "request_registered" and first[8] == "a" * 64
    assert sheet["B5"].number_format == "[$-107041E]d mmm yyyy hh:mm:ss"     # BE dates
    assert sheet.cell(row=7, column=2).value == datetime(2026, 11, 22, 10, 0)
    assert sheet.cell(row=7, column=3).value == "system"
    assert sheet.cell(row=7, column=6).value is None
    # Formula-looking text stays text.
    assert sheet.cell(row=7, column=8).value == "=cmd|' /C calc'!A0"
    assert sheet.cell(row=7, column=8).data_type == "s"
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["G"] == 60 and sheet["G5"].alignment.wrap_text  # long details wrap
    assert 18 <= widths["B"] < 30 and widths["I"] > 64


def test_csv_is_utf8_with_bom_and_safe_from_formulas(tmp_path: Path) -> None:
    target = export_audit(entries(), tmp_path / "audit.CSV", lang="en")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [c.header for c in audit_columns("en")]
    assert len(rows) == 4
    assert rows[1][:6] == ["1", "2026-11-22 09:15:30", "นางสาวกุลธิดา ศรีสุข", "PC-สารบรรณ-01",
                           "registered the request", "#42"]
    assert rows[1][6].startswith("title: ประกาศผลผู้ชนะการเสนอราคา; note:")
    assert rows[3][7] == "'=cmd|' /C calc'!A0"  # neutralised for Excel
    assert rows[3][5] == ""


def test_unknown_suffix_and_unwritable_path_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        export_audit(entries(), tmp_path / "audit.pdf")
    assert caught.value.code == "export_unknown_format"
    assert ".xlsx" in caught.value.text("th")
    with pytest.raises(UserError) as caught:
        export_audit(entries(), tmp_path / "no such folder" / "audit.xlsx")
    assert caught.value.code == "export_unwritable"
    (tmp_path / "taken.csv").mkdir()
    with pytest.raises(UserError) as caught:
        export_audit(entries(), tmp_path / "taken.csv")
    assert caught.value.code == "export_unwritable"
    assert [p.name for p in tmp_path.iterdir()] == ["taken.csv"]  # no temporary file left


def test_workbook_types_widths_and_several_sheets(tmp_path: Path) -> None:
    bangkok = timezone(timedelta(hours=7))
    columns = [Column("หน่วยงาน"), Column("จำนวนเรื่อง", ColumnType.INTEGER),
               Column("ภายในกำหนด", ColumnType.PERCENT), Column("วันที่", ColumnType.DATE),
               Column("เวลา", ColumnType.DATETIME), Column("หมายเหตุ", width=25)]
    rows = [["กลุ่มงานบริหารทั่วไป", 1250, 0.975, date(2026, 10, 1),
             datetime(2026, 10, 1, 8, 30, tzinfo=bangkok), None],
            ["งานยุทธศาสตร์", 3, 1.0, date(2026, 10, 2), datetime(2026, 10, 2, 9), "x\x07y"]]
    summary = Table("สรุป/รายเดือน", columns, rows, title="รายงานสรุปการเผยแพร่ข้อมูล ปีงบประมาณ 2570")
    empty = Table("ว่าง", columns, [])
    target = write_xlsx(tmp_path / "report.xlsx", [summary, empty])
    book = load_workbook(target)
    assert book.sheetnames == ["สรุป_รายเดือน", "ว่าง"]
    sheet = book["สรุป_รายเดือน"]
    assert sheet["A1"].value == "รายงานสรุปการเผยแพร่ข้อมูล ปีงบประมาณ 2570"
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A4"
    assert [c.value for c in sheet[4]][:3] == ["กลุ่มงานบริหารทั่วไป", 1250, 0.975]
    assert sheet["B4"].number_format == "#,##0" and sheet["C4"].number_format == "0.0%"
    assert sheet["D4"].value == datetime(2026, 10, 1)  # a real date (Excel stores datetimes)
    assert sheet["E4"].value.tzinfo is None
    assert sheet["F5"].value == "xy"  # control characters dropped
    assert sheet.column_dimensions["F"].width == 25
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width
    assert book["ว่าง"].freeze_panes == "A2" and book["ว่าง"]["A1"].value == "หน่วยงาน"


def test_export_table_by_suffix(tmp_path: Path) -> None:
    table = Table("t", [Column("ชื่อ")], [["สมชาย"]])
    assert load_workbook(export_table(tmp_path / "a.xlsx", table)).active["A2"].value == "สมชาย"
    written = export_table(tmp_path / "a.csv", table).read_bytes()
    assert written.decode("utf-8-sig") == "ชื่อ\r\nสมชาย\r\n"


def test_details_read_as_text_with_states_bytes_and_results() -> None:
    failed = {"operation": "publish", "server": "www", "host": "web.agency.go.th", "port": 22,
              "user": "deploy", "start": "2026-11-22T10:00:00", "end": "2026-11-22T10:02:10",
              "files": 3, "bytes": 5_452_595, "result": "failed",
              "detail": "The link dropped"}
    row = audit_row({"id": 9, "at": AT, "actor": "web1", "workstation": "PC1",
                     "action": "sftp_session", "request_id": 6, "details": failed,
                     "hash": "d" * 64}, "th", {6: "WD-2569-00006"})
    assert row[4] == "เชื่อมต่อเซิร์ฟเวอร์ (SFTP)" and row[5] == "WD-2569-00006"
    assert row[6] == ("เผยแพร่ www (deploy@web.agency.go.th:22); ไม่สำเร็จ; "
                      "2026-11-22 10:00:00 – 2026-11-22 10:02:10; ไฟล์: 3; "
                      "ข้อมูลที่ส่ง: 5,452,595 ไบต์ (5.2 MB); รายละเอียด: The link dropped")
    assert "{" not in row[6] and "sftp_session" not in row[4]
    english = audit_row({"action": "state:reject", "request_id": 6, "at": AT,
                         "details": '{"from": "awaiting_approval", "to": "rejected", '
                                    '"reason": "ข้อมูลไม่ครบ"}'}, "en")
    assert english[4] == "Reject" or english[4].lower().startswith("reject")
    assert english[6] == "Awaiting approval → Rejected; reason: ข้อมูลไม่ครบ"
    thai = audit_row({"action": "state:reject", "request_id": 6, "at": AT,
                      "details": {"from": "awaiting_approval", "to": "rejected"}}, "th")
    assert thai[6] == "รออนุมัติ → ไม่อนุมัติ"
    assert audit_row({"action": "some_new_thing", "at": AT}, "en")[4] == "some new thing"
