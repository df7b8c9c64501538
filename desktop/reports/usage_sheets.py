"""Website usage (from the server's access logs) and Satisfaction (survey) sheets."""

from __future__ import annotations

from datetime import datetime

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.workbook import Workbook

from desktop.domain.web_stats import PathHits
from desktop.reports.report_model import ReportData
from desktop.reports.workflow_sheets import CHART_STYLE, _bar
from desktop.reports.xlsx_kit import Col, Kind, SheetKit, as_month, t

MB = 1_048_576


def write_usage(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang, usage = data.lang, data.usage
    months = usage.by_month()
    kit = SheetKit(workbook, t(lang, "สถิติเว็บไซต์", "Website usage"),
                   t(lang, "สถิติการเข้าใช้เว็บไซต์ (จากบันทึกการเข้าใช้ของเซิร์ฟเวอร์)",
                     "Website usage (from the web server's access logs)"), subtitle,
                   [Col(t(lang, "เดือน", "Month"), Kind.MONTH, 20),
                    Col(t(lang, "การเปิดดูหน้าเว็บ", "Page views"), Kind.INTEGER, 14),
                    Col(t(lang, "ผู้เข้าชม (ไม่ซ้ำต่อวัน)", "Visitors (unique per day)"),
                        Kind.INTEGER, 16),
                    Col(t(lang, "ดาวน์โหลดเอกสาร", "Downloads"), Kind.INTEGER, 14),
                    Col(t(lang, "คำขอทั้งหมด", "Requests"), Kind.INTEGER, 14),
                    Col(t(lang, "จากบอต/โปรแกรมค้นหา", "From bots"), Kind.INTEGER, 14),
                    Col(t(lang, "ปริมาณข้อมูล (MB)", "Data sent (MB)"), Kind.NUMBER, 14)],
                   first_row_widths=(34, 14, 16, 14, 14, 14, 14))
    for month, totals in months:
        kit.row([as_month(month), totals.page_views, totals.visitors, totals.downloads,
                 totals.requests, totals.bot_requests, totals.bytes_sent / MB])
    all_time = usage.totals
    kit.row([t(lang, "รวม", "Total"), all_time.page_views, all_time.visitors,
             all_time.downloads, all_time.requests, all_time.bot_requests,
             all_time.bytes_sent / MB], total=True)
    table_end = kit.last_row
    kit.finish(len(months) + 1)
    if months:
        chart = LineChart()
        chart.title = t(lang, "การเปิดดูหน้าเว็บและผู้เข้าชม รายเดือน",
                        "Page views and visitors per month")
        chart.style = CHART_STYLE
        chart.height, chart.width = 8.5, 17
        chart.y_axis.title = t(lang, "ครั้ง", "Count")
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.add_data(Reference(kit.sheet, min_col=2, max_col=3, min_row=kit.header_row,
                                 max_row=table_end - 1), titles_from_data=True)
        chart.set_categories(Reference(kit.sheet, min_col=1, min_row=kit.header_row + 1,
                                       max_row=table_end - 1))
        chart.x_axis.number_format = "[$-107041E]mmm yy"
        kit.sheet.add_chart(chart, "I4")
    kit.blank()
    statuses = usage.status_classes()
    kit.plain([t(lang, "ผลการตอบกลับของเซิร์ฟเวอร์", "Server answers"),
               t(lang, "ครั้ง", "Requests")], bold=True)
    for first, label in ((2, t(lang, "สำเร็จ (2xx)", "Success (2xx)")),
                         (3, t(lang, "เปลี่ยนเส้นทาง/ไม่เปลี่ยนแปลง (3xx)",
                               "Redirect/not modified (3xx)")),
                         (4, t(lang, "ไม่พบ/ไม่อนุญาต (4xx)", "Not found/refused (4xx)")),
                         (5, t(lang, "ข้อผิดพลาดของเซิร์ฟเวอร์ (5xx)", "Server error (5xx)"))):
        kit.plain([label, statuses[first]], [Kind.TEXT, Kind.INTEGER])
    kit.plain([t(lang, "บรรทัดบันทึกที่อ่านไม่ได้ (ข้ามไป)", "Malformed log lines (skipped)"),
               usage.malformed], [Kind.TEXT, Kind.INTEGER])
    codes: dict[int, int] = {}
    for day in usage.days:
        for code, count in day.statuses.items():
            codes[code] = codes.get(code, 0) + count
    if codes:
        kit.blank()
        kit.plain([t(lang, "รหัสผลการตอบกลับ (HTTP status)", "HTTP status code"),
                   t(lang, "ครั้ง", "Requests")], bold=True)
        for code in sorted(codes):
            kit.plain([str(code), codes[code]], [Kind.TEXT, Kind.INTEGER])
    for heading, items in ((t(lang, "หน้าที่มีผู้เปิดดูมากที่สุด", "Most viewed pages"),
                            usage.top_pages),
                           (t(lang, "เอกสารที่ดาวน์โหลดมากที่สุด", "Most downloaded files"),
                            usage.top_downloads)):
        kit.blank()
        _hits_table(kit, heading, items, lang)
    kit.blank()
    kit.plain([t(lang, "วันที่", "Day"), t(lang, "การเปิดดูหน้าเว็บ", "Page views"),
               t(lang, "ผู้เข้าชม", "Visitors"), t(lang, "ดาวน์โหลด", "Downloads"),
               t(lang, "คำขอทั้งหมด", "Requests"), t(lang, "จากบอต", "From bots"),
               t(lang, "MB", "MB")], bold=True)
    kinds = [Kind.DATE, Kind.INTEGER, Kind.INTEGER, Kind.INTEGER, Kind.INTEGER, Kind.INTEGER,
             Kind.NUMBER]
    for day in usage.days:
        kit.plain([datetime(day.day.year, day.day.month, day.day.day), day.page_views,
                   day.unique_visitors, day.downloads, day.requests, day.bot_requests,
                   day.bytes_sent / MB], kinds)
    return kit


def _hits_table(kit: SheetKit, heading: str, items: tuple[PathHits, ...], lang: str) -> None:
    kit.plain([heading, t(lang, "ครั้ง", "Times"), t(lang, "เลขที่คำขอ", "Request"),
               t(lang, "เรื่อง", "Title")], bold=True)
    if not items:
        kit.plain([t(lang, "(ยังไม่มีข้อมูล)", "(no data yet)")])
    for item in items:
        kit.plain([item.path, item.hits, item.reference, item.title],
                  [Kind.TEXT, Kind.INTEGER])


def write_satisfaction(workbook: Workbook, data: ReportData, subtitle: str) -> SheetKit:
    lang, sat = data.lang, data.satisfaction
    rows = []
    for number, question in enumerate(sat.questions, start=1):
        counts = question.counts
        rows.append([number, question.text, counts.n, counts.mean, counts.satisfied_share,
                     *counts.counts, counts.missing, counts.out_of_range])
    overall = sat.overall
    kit = SheetKit(workbook, t(lang, "ความพึงพอใจ", "Satisfaction"),
                   t(lang, "ผลการสำรวจความพึงพอใจของผู้ใช้บริการเว็บไซต์",
                     "Website satisfaction survey"),
                   subtitle + t(lang, f" — ผู้ตอบ {sat.responses:,} ราย",
                                f" — {sat.responses:,} responses"),
                   [Col(t(lang, "ข้อ", "No."), Kind.INTEGER, 6),
                    Col(t(lang, "ประเด็น", "Question"), Kind.LONG_TEXT, 46),
                    Col(t(lang, "จำนวนตอบ (n)", "Answers (n)"), Kind.INTEGER, 11),
                    Col(t(lang, "ค่าเฉลี่ย (เต็ม 5)", "Mean (of 5)"), Kind.NUMBER, 11),
                    Col(t(lang, "พึงพอใจ (4-5)", "Satisfied (4-5)"), Kind.PERCENT, 11),
                    *(Col(str(v), Kind.INTEGER, 7) for v in range(1, 6)),
                    Col(t(lang, "ไม่ตอบ", "Blank"), Kind.INTEGER, 8),
                    Col(t(lang, "นอกช่วง 1-5", "Outside 1-5"), Kind.INTEGER, 10)])
    kit.rows(rows)
    kit.row(["", t(lang, "ภาพรวม", "Overall"), overall.n, overall.mean,
             overall.satisfied_share, *overall.counts, overall.missing, overall.out_of_range],
            total=True)
    kit.finish(len(rows) + 1)
    if rows:
        chart: BarChart = _bar(t(lang, "ค่าเฉลี่ยความพึงพอใจรายข้อ", "Mean satisfaction per question"),
                               t(lang, "คะแนน (เต็ม 5)", "Score (of 5)"), horizontal=True)
        chart.add_data(Reference(kit.sheet, min_col=4, min_row=kit.header_row,
                                 max_row=kit.header_row + len(rows)), titles_from_data=True)
        chart.set_categories(Reference(kit.sheet, min_col=1, min_row=kit.header_row + 1,
                                       max_row=kit.header_row + len(rows)))
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 5
        chart.legend = None
        kit.sheet.add_chart(chart, "N4")
    kit.blank()
    kit.plain([t(lang, "แถวที่ข้าม (ไม่มีคำตอบเลย)", "Rows skipped (no answer at all)"),
               sat.skipped_rows], [Kind.TEXT, Kind.INTEGER])
    kit.blank()
    kit.plain([t(lang, "ปัญหาและข้อเสนอแนะ", "Problems and suggestions"), "",
               t(lang, "วันที่", "Date")], bold=True)
    if not sat.comments:
        kit.plain([t(lang, "(ไม่มีข้อเสนอแนะ)", "(no comments)")])
    for number, comment in enumerate(sat.comments, start=1):
        when = comment.answered_on
        kit.plain([number, comment.text, datetime(when.year, when.month, when.day) if when
                   else None], [Kind.INTEGER, Kind.TEXT, Kind.DATE])
    return kit
