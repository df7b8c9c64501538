"""Sheets about the requests themselves: Summary, By category, By unit, Takedowns, Audit
summary (issue 13 item 3)."""

from __future__ import annotations

from collections import Counter

from openpyxl.chart import BarChart, Reference
from openpyxl.workbook import Workbook

from desktop.reports.report_model import ReportData
from desktop.reports.xlsx_kit import Col, Kind, SheetKit, as_month, t

CHART_STYLE = 10


def _bar(title: str, y_title: str, *, horizontal: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.style = CHART_STYLE
    chart.height = 8.5
    chart.width = 17
    chart.y_axis.majorGridlines = None
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    return chart


def key_figures(data: ReportData) -> list[tuple[str, object, Kind]]:
    lang, w = data.lang, data.workflow
    return [
        (t(lang, "คำขอที่รับเข้า", "Requests received"), w.received, Kind.INTEGER),
        (t(lang, "เผยแพร่แล้ว", "Published"), w.published, Kind.INTEGER),
        (t(lang, "ส่งกลับแก้ไข", "Returned for correction"), w.returned, Kind.INTEGER),
        (t(lang, "ไม่อนุมัติ", "Rejected"), w.rejected, Kind.INTEGER),
        (t(lang, "ถอนคำขอ", "Withdrawn"), w.withdrawn, Kind.INTEGER),
        (t(lang, "นำลงจากเว็บไซต์", "Taken down"), w.taken_down, Kind.INTEGER),
        (t(lang, "ยังดำเนินการอยู่", "Still open"), w.open_now, Kind.INTEGER),
        (t(lang, "ระยะเวลาเผยแพร่ (มัธยฐาน, วันทำการ)", "Turnaround, median (working days)"),
         w.median_days, Kind.NUMBER),
        (t(lang, "ระยะเวลาเผยแพร่ (เปอร์เซ็นไทล์ที่ 90, วันทำการ)",
           "Turnaround, 90th percentile (working days)"), w.p90_days, Kind.NUMBER),
        (t(lang, f"เผยแพร่ภายใน {w.target_days} วันทำการ", f"Published within {w.target_days} "
           "working days"), w.within_target_share, Kind.PERCENT),
    ]


def write_summary(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang = data.lang
    months = data.workflow.by_month
    kit = SheetKit(workbook, t(lang, "สรุป", "Summary"),
                   t(lang, "สรุปการเผยแพร่ข้อมูลผ่านเว็บไซต์", "Publishing summary"), subtitle,
                   [Col(t(lang, "เดือน", "Month"), Kind.MONTH, 18),
                    Col(t(lang, "รับเข้า", "Received"), Kind.INTEGER, 12),
                    Col(t(lang, "เผยแพร่", "Published"), Kind.INTEGER, 12),
                    Col(t(lang, "ส่งกลับแก้ไข", "Returned"), Kind.INTEGER, 12),
                    Col(t(lang, "ไม่อนุมัติ", "Rejected"), Kind.INTEGER, 12)],
                   first_row_widths=(44, 14))
    for flow in months:
        kit.row([as_month(flow.month), flow.received, flow.published, flow.returned,
                 flow.rejected])
    kit.row([t(lang, "รวม", "Total"), sum(m.received for m in months),
             sum(m.published for m in months), sum(m.returned for m in months),
             sum(m.rejected for m in months)], total=True)
    table_end = kit.last_row
    kit.finish(len(months) + 1)
    kit.blank()
    figures_at = kit.plain([t(lang, "ตัวชี้วัด", "Figure"), t(lang, "ค่า", "Value")], bold=True)
    for label, value, kind in key_figures(data):
        kit.plain([label, value if value is not None else "-"], [Kind.TEXT, kind])
    kit.blank()
    kit.plain([t(lang, "ระยะเวลา (วันทำการ)", "Working days"),
               t(lang, "จำนวนคำขอ", "Requests")], bold=True)
    spread = Counter(min(d, 6) for d in data.workflow.turnaround)
    spread_at = kit.last_row + 1
    for days in range(7):
        kit.plain([f"{days}+" if days == 6 else str(days), spread.get(days, 0)],
                  [Kind.TEXT, Kind.INTEGER])
    chart = _bar(t(lang, "คำขอรับเข้าและเผยแพร่ รายเดือน", "Requests received and published per "
                   "month"), t(lang, "คำขอ", "Requests"))
    chart.add_data(Reference(kit.sheet, min_col=2, max_col=3, min_row=kit.header_row,
                             max_row=table_end - 1), titles_from_data=True)
    chart.set_categories(Reference(kit.sheet, min_col=1, min_row=kit.header_row + 1,
                                   max_row=table_end - 1))
    chart.x_axis.number_format = "[$-107041E]mmm yy"
    kit.sheet.add_chart(chart, "G4")
    spread_chart = _bar(t(lang, "ระยะเวลาเผยแพร่", "Turnaround"), t(lang, "คำขอ", "Requests"))
    spread_chart.add_data(Reference(kit.sheet, min_col=2, min_row=spread_at,
                                    max_row=spread_at + 6), titles_from_data=False)
    spread_chart.set_categories(Reference(kit.sheet, min_col=1, min_row=spread_at,
                                          max_row=spread_at + 6))
    spread_chart.legend = None
    kit.sheet.add_chart(spread_chart, f"G{max(figures_at, 23)}")   # below the first chart
    return kit


def write_categories(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang = data.lang
    rows = [[c.name, c.received, c.published, c.current,
             t(lang, "ไม่มีข้อมูลเผยแพร่อยู่", "Nothing current") if c.nothing_current else ""]
            for c in data.categories]
    kit = SheetKit(workbook, t(lang, "ตามหมวดหมู่", "By category"),
                   t(lang, "การเผยแพร่ตามหมวดหมู่ของมาตรฐานเว็บไซต์ภาครัฐ",
                     "Publishing by Government Website Standard category"), subtitle,
                   [Col(t(lang, "หมวดหมู่", "Category")),
                    Col(t(lang, "รับเข้า", "Received"), Kind.INTEGER, 11),
                    Col(t(lang, "เผยแพร่", "Published"), Kind.INTEGER, 11),
                    Col(t(lang, "เผยแพร่อยู่ ณ สิ้นงวด", "On the site at period end"),
                        Kind.INTEGER, 16),
                    Col(t(lang, "ข้อสังเกต", "Note"))], rows)
    for row, category in zip(rows, data.categories, strict=True):
        kit.row(row, flag=category.nothing_current)
    kit.finish()
    chart = _bar(t(lang, "เผยแพร่ตามหมวดหมู่", "Published by category"),
                 t(lang, "คำขอ", "Requests"), horizontal=True)
    chart.add_data(Reference(kit.sheet, min_col=3, max_col=4, min_row=kit.header_row,
                             max_row=kit.last_row), titles_from_data=True)
    chart.set_categories(Reference(kit.sheet, min_col=1, min_row=kit.header_row + 1,
                                   max_row=kit.last_row))
    chart.height = max(8.5, 0.9 * len(rows))
    kit.sheet.add_chart(chart, "G4")
    return kit


def write_units(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang = data.lang
    rows = [[u.unit, u.received, u.published, u.returned, u.rejected, u.median_days]
            for u in data.units]
    kit = SheetKit(workbook, t(lang, "ตามหน่วยงาน", "By unit"),
                   t(lang, "คำขอตามหน่วยงานเจ้าของข้อมูล", "Requests by requesting unit"),
                   subtitle,
                   [Col(t(lang, "หน่วยงาน", "Unit")),
                    Col(t(lang, "รับเข้า", "Received"), Kind.INTEGER, 11),
                    Col(t(lang, "เผยแพร่", "Published"), Kind.INTEGER, 11),
                    Col(t(lang, "ส่งกลับแก้ไข", "Returned"), Kind.INTEGER, 12),
                    Col(t(lang, "ไม่อนุมัติ", "Rejected"), Kind.INTEGER, 11),
                    Col(t(lang, "มัธยฐาน (วันทำการ)", "Median (working days)"), Kind.NUMBER,
                        14)], rows)
    kit.rows(rows)
    kit.finish()
    return kit


def write_takedowns(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang = data.lang
    rows = []
    for item in data.takedowns:
        on_time = item.expiry_date is not None and item.when is not None and \
            item.when.date() >= item.expiry_date
        rows.append([item.reference, item.title, item.category, item.published_at,
                     item.expiry_date, item.when, item.by, item.reason,
                     t(lang, "ตามกำหนด", "On schedule") if on_time
                     else t(lang, "ก่อนกำหนด", "Early")])
    kit = SheetKit(workbook, t(lang, "การนำลง", "Takedowns"),
                   t(lang, "ข้อมูลที่นำลงจากเว็บไซต์", "Items taken down from the website"),
                   subtitle,
                   [Col(t(lang, "เลขที่คำขอ", "Reference"), width=17),
                    Col(t(lang, "หัวข้อ", "Title"), Kind.LONG_TEXT, 40),
                    Col(t(lang, "หมวดหมู่", "Category"), width=24),
                    Col(t(lang, "เผยแพร่เมื่อ", "Published"), Kind.DATETIME),
                    Col(t(lang, "กำหนดนำลง", "Due down"), Kind.DATE),
                    Col(t(lang, "นำลงเมื่อ", "Taken down"), Kind.DATETIME),
                    Col(t(lang, "โดย", "By"), width=16),
                    Col(t(lang, "เหตุผล", "Reason"), Kind.LONG_TEXT, 30),
                    Col(t(lang, "ตามกำหนด", "Schedule"), width=13)], rows)
    kit.rows(rows)
    kit.finish()
    return kit


def write_audit(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang, audit = data.lang, data.audit
    kit = SheetKit(workbook, t(lang, "สรุปบันทึกการใช้งาน", "Audit summary"),
                   t(lang, "สรุปบันทึกการใช้งานระบบ (Audit log)", "Audit log summary"), subtitle,
                   [Col(t(lang, "การดำเนินการ", "Action"), width=44),
                    Col(t(lang, "จำนวนครั้ง", "Times"), Kind.INTEGER, 12)])
    for label, count in audit.actions:
        kit.row([label, count])
    kit.row([t(lang, "รวม", "Total"), audit.rows], total=True)
    kit.finish(len(audit.actions) + 1)
    kit.blank()
    status = t(lang, "ถูกต้อง ไม่มีการแก้ไขย้อนหลัง", "intact, nothing rewritten") if audit.chain_ok \
        else t(lang, "พบความผิดปกติ: ", "BROKEN: ") + audit.chain_problem
    kit.plain([t(lang, "การตรวจสอบห่วงโซ่แฮช", "Hash chain check"), status], bold=True)
    kit.plain([t(lang, "รายการล่าสุด (head)", "Chain head"), f"#{audit.head_id}"])
    kit.plain([t(lang, "ค่าแฮชล่าสุด", "Head hash"), audit.head_hash])
    kit.plain([t(lang, "เข้าสู่ระบบ/ยืนยันรหัสผ่านไม่สำเร็จ", "Failed sign-ins and confirmations"),
               audit.failed_sign_ins], [Kind.TEXT, Kind.INTEGER])
    kit.blank()
    kit.plain([t(lang, "การเชื่อมต่อ SFTP (ผลลัพธ์)", "SFTP sessions (result)"),
               t(lang, "ครั้ง", "Sessions")], bold=True)
    for result, count in audit.sftp:
        kit.plain([result, count], [Kind.TEXT, Kind.INTEGER])
    kit.blank()
    kit.plain([t(lang, "ผู้ดำเนินการ", "Actor"), t(lang, "จำนวนครั้ง", "Times")], bold=True)
    for name, count in audit.actors:
        kit.plain([name, count], [Kind.TEXT, Kind.INTEGER])
    return kit
