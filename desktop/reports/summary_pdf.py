"""The one-page executive summary (issue 13 item 4): the period's figures as big numbers and
three small charts a director reads in a minute."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.thai_dates import format_thai_datetime
from desktop.reports.monitoring_report import month_short
from desktop.reports.pdf_layout import PdfFlow
from desktop.reports.report_model import ReportData
from desktop.reports.workbook import _atomic_write
from desktop.reports.xlsx_kit import t

TILE_H = 21.0


def _tiles(data: ReportData) -> list[tuple[str, str]]:
    lang, w = data.lang, data.workflow
    usage = data.usage.totals
    sat = data.satisfaction.overall

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f}%"
    return [
        (t(lang, "คำขอที่รับเข้า", "Requests received"), f"{w.received:,}"),
        (t(lang, "เผยแพร่แล้ว", "Published"), f"{w.published:,}"),
        (t(lang, f"เผยแพร่ภายใน {w.target_days} วันทำการ", f"Within {w.target_days} working days"),
         share(w.within_target_share)),
        (t(lang, "มัธยฐาน (วันทำการ)", "Median working days"),
         "-" if w.median_days is None else f"{w.median_days:.1f}"),
        (t(lang, "ไม่อนุมัติ / ส่งกลับแก้ไข", "Rejected / returned"),
         f"{w.rejected:,} / {w.returned:,}"),
        (t(lang, "การเปิดดูหน้าเว็บ", "Page views"), f"{usage.page_views:,}"),
        (t(lang, "ผู้เข้าชม (ไม่ซ้ำต่อวัน)", "Visitors (unique per day)"), f"{usage.visitors:,}"),
        (t(lang, "ความพึงพอใจ (เต็ม 5)", "Satisfaction (of 5)"),
         "-" if sat.mean is None else f"{sat.mean:.2f} ({share(sat.satisfied_share)})"),
    ]


def render_summary_pdf(data: ReportData) -> bytes:
    lang = data.lang
    title = t(lang, "สรุปผลการเผยแพร่ข้อมูลผ่านเว็บไซต์สำหรับผู้บริหาร",
              "Website publishing: executive summary")
    flow = PdfFlow(title, orientation="portrait", margin=14, size=13)
    flow.text(title, bold=True, size=18, align="C")
    if data.agency:
        flow.text(data.agency, bold=True, size=14, align="C")
    flow.text(f"{data.period.label(lang)} ({data.period.dates_text(lang)})", size=13, align="C",
              after=3)
    tiles = _tiles(data)
    per_row = 4
    tile_w = (flow.width - (per_row - 1) * 3) / per_row
    for index, (label, value) in enumerate(tiles):
        x = flow.margin + (index % per_row) * (tile_w + 3)
        y = flow.y + (index // per_row) * (TILE_H + 3)
        flow.pdf.set_fill_color(238, 243, 249)
        flow.pdf.rect(x, y, tile_w, TILE_H, style="F")
        flow.font(True, 20)
        flow.pdf.set_xy(x, y + 1.5)
        flow.pdf.cell(tile_w, 10, value, align="C")
        flow.font(False, 10)
        flow.pdf.set_xy(x, y + 12)
        flow.pdf.cell(tile_w, 6, label, align="C")
    flow.y += ((len(tiles) + per_row - 1) // per_row) * (TILE_H + 3) + 2
    months = data.workflow.by_month
    half = (flow.width - 6) / 2
    top = flow.y
    flow.bar_chart(t(lang, "คำขอรายเดือน", "Requests per month"),
                   [month_short(m.month) for m in months],
                   [[m.received for m in months], [m.published for m in months]],
                   [t(lang, "รับเข้า", "Received"), t(lang, "เผยแพร่", "Published")],
                   height=62, width=half, x=flow.margin, size=9)
    usage_months = data.usage.by_month()
    flow.bar_chart(t(lang, "การเปิดดูหน้าเว็บรายเดือน", "Page views per month"),
                   [month_short(m) for m, _t in usage_months],
                   [[u.page_views for _m, u in usage_months]], height=62, width=half,
                   x=flow.margin + half + 6, size=9)
    flow.y = top + 66
    questions = data.satisfaction.questions[:8]
    if questions:
        flow.bar_chart(t(lang, "ความพึงพอใจรายข้อ (คะแนนเต็ม 5)", "Satisfaction per question (of 5)"),
                       [q.text if len(q.text) <= 34 else q.text[:33] + "…" for q in questions],
                       [[q.counts.mean or 0 for q in questions]], height=8 + 7.5 * len(questions),
                       label_width=70, size=9, maximum=5)
    pages = data.usage.top_pages[:5]
    if pages:
        flow.text(t(lang, "หน้าที่มีผู้เปิดดูมากที่สุด", "Most viewed pages"), bold=True, size=12)
        for item in pages:
            name = f"{item.reference} {item.title}".strip() or item.path
            flow.text(f"{item.hits:,}  {name}", size=11, indent=4)
    flow.gap(2)
    empty = [c.name for c in data.categories if c.nothing_current]
    if empty:
        flow.text(t(lang, "หมวดหมู่ที่ไม่มีข้อมูลเผยแพร่อยู่: ", "Categories with nothing current: ")
                  + ", ".join(empty), size=11)
    flow.text(t(lang, f"จัดทำโดย WebDesk เมื่อ {format_thai_datetime(data.generated_at)}",
                f"Made by WebDesk on {data.generated_at:%Y-%m-%d %H:%M}"), size=9)
    _sign(flow, data)
    return flow.finish()


def _sign(flow: PdfFlow, data: ReportData) -> None:
    """Two compact signature spots at the foot of the page: who reports, who approves."""
    signers = data.signers
    lines = 6 if signers.on_behalf_of else 5
    flow.y = max(flow.y + 2, flow.bottom - lines * flow.line_height(11))
    top = flow.y
    half = flow.width / 2
    flow.signature(t(data.lang, "ผู้รายงาน", "Reported by"), signers.prepared_by,
                   signers.prepared_position, x=flow.margin, width=half, size=11,
                   lang=data.lang)
    flow.y = top
    flow.signature(t(data.lang, "ผู้อนุมัติรับรอง", "Approved by"), signers.approver,
                   signers.approver_position, x=flow.margin + half, width=half,
                   on_behalf_of=signers.on_behalf_of, size=11, lang=data.lang)


def write_summary_pdf(data: ReportData, path: Path | str) -> Path:
    content = render_summary_pdf(data)
    return _atomic_write(Path(path), lambda target: Path(target).write_bytes(content))
