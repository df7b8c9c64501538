"""The executive workbook for a month, a quarter or a Thai fiscal year (issue 13 item 3).

Sheets, in order: Executive summary (what a director reads in a minute), Summary, By
category, By unit, Register, Takedowns, Website usage, Satisfaction, Audit summary.  Native
Excel charts on the executive summary, Summary, By category, Website usage and
Satisfaction.  The whole book is written in openpyxl's write-only mode (see xlsx_kit).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.workbook import Workbook

from desktop.domain.thai_dates import format_thai_datetime
from desktop.reports.register_sheet import write_register
from desktop.reports.report_model import ReportData
from desktop.reports.usage_sheets import write_satisfaction, write_usage
from desktop.reports.workbook import _atomic_write
from desktop.reports.workflow_sheets import (
    CHART_STYLE,
    _bar,
    key_figures,
    write_audit,
    write_categories,
    write_summary,
    write_takedowns,
    write_units,
)
from desktop.reports.xlsx_kit import Col, Kind, SheetKit, t, use_body_font

SHEET_NAMES = {
    "th": ("สรุปสำหรับผู้บริหาร", "สรุป", "ตามหมวดหมู่", "ตามหน่วยงาน", "ทะเบียนคำขอ", "การนำลง",
           "สถิติเว็บไซต์", "ความพึงพอใจ", "สรุปบันทึกการใช้งาน"),
    "en": ("Executive summary", "Summary", "By category", "By unit", "Register", "Takedowns",
           "Website usage", "Satisfaction", "Audit summary"),
}
FIRST_DATA_ROW = 5        # title, subtitle, blank, header: tables start on row 5


def subtitle_of(data: ReportData) -> str:
    lang = data.lang
    when = format_thai_datetime(data.generated_at) if lang == "th" \
        else f"{data.generated_at:%Y-%m-%d %H:%M}"
    agency = f"{data.agency} — " if data.agency else ""
    return f"{agency}{data.period.label(lang)} ({data.period.dates_text(lang)}) " + \
        t(lang, f"จัดทำเมื่อ {when}", f"made {when}")


def executive_lines(data: ReportData) -> list[tuple[str, object, Kind, str]]:
    """The figures of the executive summary: (label, value, kind, note)."""
    lang = data.lang
    lines = [(label, value, kind, "") for label, value, kind in key_figures(data)
             if kind != Kind.INTEGER or value]
    empty = [c.name for c in data.categories if c.nothing_current]
    lines.append((t(lang, "หมวดหมู่ที่ไม่มีข้อมูลเผยแพร่อยู่", "Categories with nothing current"),
                  len(empty), Kind.INTEGER, ", ".join(empty)))
    usage = data.usage.totals
    lines += [(t(lang, "การเปิดดูหน้าเว็บ", "Page views"), usage.page_views, Kind.INTEGER, ""),
              (t(lang, "ผู้เข้าชม (ไม่ซ้ำต่อวัน รวมทุกวัน)", "Visitors (unique per day, summed)"),
               usage.visitors, Kind.INTEGER, ""),
              (t(lang, "ดาวน์โหลดเอกสาร", "Downloads"), usage.downloads, Kind.INTEGER, "")]
    overall = data.satisfaction.overall
    lines += [(t(lang, "ความพึงพอใจเฉลี่ย (เต็ม 5)", "Satisfaction, mean (of 5)"), overall.mean,
               Kind.NUMBER, t(lang, f"ผู้ตอบ {data.satisfaction.responses:,} ราย",
                              f"{data.satisfaction.responses:,} responses")),
              (t(lang, "ผู้ตอบที่พึงพอใจ (4-5)", "Satisfied (4-5)"), overall.satisfied_share,
               Kind.PERCENT, ""),
              (t(lang, "ปัญหาและข้อเสนอแนะ", "Problems and suggestions"),
               len(data.satisfaction.comments), Kind.INTEGER, ""),
              (t(lang, "บันทึกการใช้งาน (ห่วงโซ่แฮช)", "Audit log (hash chain)"),
               t(lang, "ถูกต้อง", "intact") if data.audit.chain_ok
               else t(lang, "พบความผิดปกติ", "BROKEN"), Kind.TEXT,
               f"#{data.audit.head_id} {data.audit.head_hash[:16]}")]
    return lines


def _write_executive(workbook: Workbook, data: ReportData, names: tuple[str, ...]) -> None:
    lang = data.lang
    title = t(lang, "สรุปสำหรับผู้บริหาร", "Executive summary")
    kit = SheetKit(workbook, names[0], title, subtitle_of(data),
                   [Col(t(lang, "ตัวชี้วัด", "Figure"), width=46),
                    Col(t(lang, "ค่า", "Value"), width=16),
                    Col(t(lang, "หมายเหตุ", "Note"), Kind.LONG_TEXT, 34)], landscape=True)
    for label, value, kind, note in executive_lines(data):
        kit.plain([label, value if value is not None else "-", note],
                  [Kind.TEXT, kind if value is not None else Kind.TEXT, Kind.LONG_TEXT])
    kit.finish()
    months = len(data.workflow.by_month)
    flow = _bar(t(lang, "คำขอรับเข้าและเผยแพร่", "Received and published"),
                t(lang, "คำขอ", "Requests"))
    _cross_sheet(flow, names[1], 2, 3, months)
    flow.x_axis.number_format = "[$-107041E]mmm yy"
    kit.sheet.add_chart(flow, "E4")
    usage_months = len(data.usage.by_month())
    if usage_months:
        views = LineChart()
        views.title = t(lang, "การเปิดดูหน้าเว็บ", "Page views")
        views.style = CHART_STYLE
        views.height, views.width = 7.5, 15
        views.y_axis.delete = False
        views.x_axis.delete = False
        _cross_sheet(views, names[6], 2, 3, usage_months)
        views.x_axis.number_format = "[$-107041E]mmm yy"
        kit.sheet.add_chart(views, "M4")
    questions = len(data.satisfaction.questions)
    if questions:
        sat: BarChart = _bar(t(lang, "ความพึงพอใจรายข้อ (เต็ม 5)", "Satisfaction per question (of 5)"),
                             t(lang, "คะแนน", "Score"), horizontal=True)
        _cross_sheet(sat, names[7], 4, 4, questions)
        sat.y_axis.scaling.min, sat.y_axis.scaling.max = 0, 5
        sat.legend = None
        kit.sheet.add_chart(sat, "E22")


def _cross_sheet(chart: BarChart | LineChart, sheet: str, first_col: int, last_col: int,
                 rows: int) -> None:
    """Plot columns of a table on another sheet (header on row 4, ``rows`` rows of data)."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    first, last = chr(ord("A") + first_col - 1), chr(ord("A") + last_col - 1)
    end = FIRST_DATA_ROW + rows - 1
    chart.add_data(Reference(range_string=f"{quoted}!${first}$4:${last}${end}"),
                   titles_from_data=True)
    chart.set_categories(Reference(range_string=f"{quoted}!$A${FIRST_DATA_ROW}:$A${end}"))


def build_workbook(data: ReportData) -> Workbook:
    names = SHEET_NAMES["th" if data.lang == "th" else "en"]
    subtitle = subtitle_of(data)
    workbook = Workbook(write_only=True)
    use_body_font(workbook)
    _write_executive(workbook, data, names)
    write_summary(workbook, data, subtitle)
    write_categories(workbook, data, subtitle)
    write_units(workbook, data, subtitle)
    write_register(workbook, data.register(), lang=data.lang, subtitle=subtitle)
    write_takedowns(workbook, data, subtitle)
    write_usage(workbook, data, subtitle)
    write_satisfaction(workbook, data, subtitle)
    write_audit(workbook, data, subtitle)
    workbook.properties.title = t(data.lang, "รายงานการเผยแพร่ข้อมูลผ่านเว็บไซต์",
                                  "Website publishing report")
    workbook.properties.creator = "WebDesk"
    return workbook


def write_workbook(data: ReportData, path: Path | str) -> Path:
    """Write the workbook to ``path`` (a temporary file renamed into place)."""
    workbook = build_workbook(data)
    return _atomic_write(Path(path), workbook.save)
