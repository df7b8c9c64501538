"""รายงานผลการกำกับติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน — the yearly
monitoring report (issue 13 item 4; seed 002 §5-6), ready to sign: what was published per
category, by whom and how fast, what was refused and why, what was taken down, the website's
usage and satisfaction, problems and suggestions, and the audit chain head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.thai_dates import (
    BE_OFFSET,
    THAI_MONTHS_SHORT,
    format_thai_date,
    format_thai_datetime,
)
from desktop.reports.pdf_layout import Column, PdfFlow
from desktop.reports.report_model import ItemLine, ReportData
from desktop.reports.workbook import _atomic_write

TITLE = "รายงานผลการกำกับติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน"


def month_short(day: date) -> str:
    """ต.ค. 69 — a month in a chart label."""
    return f"{THAI_MONTHS_SHORT[day.month - 1]} {str(day.year + BE_OFFSET)[2:]}"


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"ร้อยละ {value * 100:.1f}"


def render_monitoring_report(data: ReportData) -> bytes:
    flow = PdfFlow(TITLE, footer=f"{TITLE[:40]}… {data.period.label('th')}")
    _header(flow, data)
    _overview(flow, data)
    _categories(flow, data)
    _published(flow, data)
    _refused_and_taken_down(flow, data)
    _usage(flow, data)
    _problems(flow, data)
    _sign(flow, data)
    return flow.finish()


def _header(flow: PdfFlow, data: ReportData) -> None:
    flow.text(TITLE, bold=True, size=17, align="C")
    if data.agency:
        flow.text(data.agency, bold=True, size=16, align="C")
    flow.text(f"{data.period.label('th')} ({data.period.dates_text('th')})", size=15,
              align="C", after=4)


def _overview(flow: PdfFlow, data: ReportData) -> None:
    w = data.workflow
    flow.heading("๑. สรุปผลการดำเนินงาน")
    flow.text(f"ในช่วง{data.period.label('th')} หน่วยงานได้รับคำขอเผยแพร่ข้อมูลผ่านเว็บไซต์ "
              f"{w.received:,} เรื่อง เผยแพร่แล้ว {w.published:,} เรื่อง ส่งกลับให้เจ้าของข้อมูลแก้ไข "
              f"{w.returned:,} เรื่อง ไม่อนุมัติ {w.rejected:,} เรื่อง และนำข้อมูลที่ครบกำหนดลงจากเว็บไซต์ "
              f"{w.taken_down:,} เรื่อง ระยะเวลาตั้งแต่รับเรื่องจนเผยแพร่มีค่ามัธยฐาน "
              f"{_number(w.median_days, 1)} วันทำการ เผยแพร่ภายใน {w.target_days} วันทำการตามมาตรฐาน "
              f"{_share(w.within_target_share)}", indent=8, after=2)
    rows = [["คำขอที่รับเข้า", _number(w.received)], ["เผยแพร่แล้ว", _number(w.published)],
            ["ส่งกลับแก้ไข", _number(w.returned)], ["ไม่อนุมัติ", _number(w.rejected)],
            ["ถอนคำขอ", _number(w.withdrawn)], ["นำลงจากเว็บไซต์", _number(w.taken_down)],
            ["ระยะเวลาเผยแพร่ มัธยฐาน (วันทำการ)", _number(w.median_days, 1)],
            ["ระยะเวลาเผยแพร่ เปอร์เซ็นไทล์ที่ ๙๐ (วันทำการ)", _number(w.p90_days, 1)],
            [f"เผยแพร่ภายใน {w.target_days} วันทำการ", _share(w.within_target_share)]]
    flow.table([Column("รายการ", 110), Column("ผล", 50, "R")], rows)
    flow.bar_chart("จำนวนคำขอรายเดือน", [month_short(m.month) for m in w.by_month],
                   [[m.received for m in w.by_month], [m.published for m in w.by_month]],
                   ["รับเข้า", "เผยแพร่"], height=58)


def _categories(flow: PdfFlow, data: ReportData) -> None:
    flow.heading("๒. การเผยแพร่ตามหมวดหมู่ของมาตรฐานเว็บไซต์ภาครัฐ")
    rows = [[c.name, _number(c.received), _number(c.published), _number(c.current),
             "ไม่มีข้อมูลเผยแพร่อยู่" if c.nothing_current else ""] for c in data.categories]
    flow.table([Column("หมวดหมู่", 70), Column("รับเข้า", 18, "R"), Column("เผยแพร่", 18, "R"),
                Column("อยู่บนเว็บไซต์", 24, "R"), Column("ข้อสังเกต", 44)], rows,
               highlight=[c.nothing_current for c in data.categories])


def _item_rows(items: tuple[ItemLine, ...], *, with_days: bool = False,
               reason: bool = False) -> list[list[str]]:
    rows = []
    for item in items:
        when = format_thai_date(item.when, "short") if item.when else "-"
        row = [item.reference, item.title, item.unit or "-", when, item.by or "-"]
        if with_days:
            row.append(_number(item.days))
        if reason:
            row.append(item.reason or "-")
        rows.append(row)
    return rows


def _published(flow: PdfFlow, data: ReportData) -> None:
    flow.heading("๓. ข้อมูลที่เผยแพร่ แยกตามหมวดหมู่")
    if not data.published:
        flow.text("ไม่มีข้อมูลที่เผยแพร่ในช่วงเวลานี้", indent=8)
        return
    by_category: dict[str, list[ItemLine]] = {}
    for item in data.published:
        by_category.setdefault(item.category, []).append(item)
    for category, items in by_category.items():
        flow.text(f"{category} ({len(items):,} เรื่อง)", bold=True, indent=4)
        flow.table([Column("เลขที่คำขอ", 31), Column("เรื่อง", 50), Column("หน่วยงาน", 26),
                    Column("วันที่เผยแพร่", 25), Column("ผู้เผยแพร่", 22),
                    Column("วันทำการ", 18, "R")], _item_rows(tuple(items), with_days=True),
                   size=11)


def _refused_and_taken_down(flow: PdfFlow, data: ReportData) -> None:
    flow.heading("๔. ข้อมูลที่ไม่อนุมัติให้เผยแพร่ และเหตุผล")
    if data.refused:
        flow.table([Column("เลขที่คำขอ", 31), Column("เรื่อง", 44), Column("หน่วยงาน", 24),
                    Column("วันที่", 21), Column("ผู้พิจารณา", 22), Column("เหตุผล", 32)],
                   _item_rows(data.refused, reason=True), size=11)
    else:
        flow.text("ไม่มี", indent=8)
    flow.heading("๕. ข้อมูลที่นำลงจากเว็บไซต์")
    if data.takedowns:
        rows = [[i.reference, i.title, format_thai_date(i.expiry_date, "short") or "-",
                 format_thai_date(i.when, "short") if i.when else "-", i.by or "-",
                 i.reason or "-"] for i in data.takedowns]
        flow.table([Column("เลขที่คำขอ", 31), Column("เรื่อง", 47), Column("กำหนดนำลง", 22),
                    Column("นำลงเมื่อ", 22), Column("ผู้ดำเนินการ", 22),
                    Column("เหตุผล", 30)], rows, size=11)
    else:
        flow.text("ไม่มี", indent=8)


def _usage(flow: PdfFlow, data: ReportData) -> None:
    totals = data.usage.totals
    sat = data.satisfaction
    overall = sat.overall
    flow.heading("๖. สถิติการเข้าใช้เว็บไซต์และความพึงพอใจของผู้ใช้บริการ")
    flow.text(f"จากบันทึกการเข้าใช้ของเซิร์ฟเวอร์เว็บไซต์ มีการเปิดดูหน้าเว็บ {totals.page_views:,} ครั้ง "
              f"ผู้เข้าชม (ไม่ซ้ำต่อวัน) รวม {totals.visitors:,} ราย ดาวน์โหลดเอกสาร {totals.downloads:,} "
              f"ครั้ง (ไม่นับโปรแกรมค้นหาอัตโนมัติ {totals.bot_requests:,} ครั้ง) ผลการสำรวจความพึงพอใจ "
              f"ผู้ตอบ {sat.responses:,} ราย ค่าเฉลี่ย {_number(overall.mean, 2)} จากคะแนนเต็ม ๕ "
              f"พึงพอใจถึงพึงพอใจมาก {_share(overall.satisfied_share)}", indent=8, after=2)
    months = data.usage.by_month()
    if months:
        flow.bar_chart("การเปิดดูหน้าเว็บรายเดือน", [month_short(m) for m, _t in months],
                       [[t.page_views for _m, t in months], [t.visitors for _m, t in months]],
                       ["การเปิดดูหน้าเว็บ", "ผู้เข้าชม"], height=55)
    if sat.questions:
        flow.table([Column("ประเด็น", 96), Column("n", 16, "R"), Column("ค่าเฉลี่ย", 22, "R"),
                    Column("พึงพอใจ (๔-๕)", 40, "R")],
                   [[q.text, _number(q.counts.n), _number(q.counts.mean, 2),
                     _share(q.counts.satisfied_share)] for q in sat.questions], size=11)


def _problems(flow: PdfFlow, data: ReportData) -> None:
    flow.heading("๗. ปัญหา อุปสรรค และข้อเสนอแนะ")
    comments = data.satisfaction.comments
    if not comments:
        flow.text("ไม่มีข้อเสนอแนะจากแบบสำรวจในช่วงเวลานี้", indent=8)
    for number, comment in enumerate(comments[:40], start=1):
        flow.text(f"{number}. {comment.text}", indent=8)
    if len(comments) > 40:
        flow.text(f"(และอีก {len(comments) - 40:,} รายการ ดูได้ในสมุดงาน แผ่น “ความพึงพอใจ”)",
                  indent=8)


def _sign(flow: PdfFlow, data: ReportData) -> None:
    flow.gap(6)
    flow.ensure(flow.line_height() * 12)
    flow.text(f"บันทึกการใช้งานระบบ: รายการล่าสุด #{data.audit.head_id} ค่าแฮช "
              f"{data.audit.head_hash[:32]}… ตรวจสอบห่วงโซ่: "
              f"{'ถูกต้อง' if data.audit.chain_ok else 'พบความผิดปกติ'} "
              f"(จัดทำเมื่อ {format_thai_datetime(data.generated_at)})", size=10, after=6)
    signers = data.signers
    top = flow.y
    half = flow.width / 2
    flow.signature("ผู้รายงาน", signers.prepared_by, signers.prepared_position, x=flow.margin,
                   width=half)
    flow.y = top
    flow.signature("ผู้อนุมัติรับรอง", signers.approver, signers.approver_position,
                   x=flow.margin + half, width=half, on_behalf_of=signers.on_behalf_of)


def write_monitoring_pdf(data: ReportData, path: Path | str) -> Path:
    content = render_monitoring_report(data)
    return _atomic_write(Path(path), lambda target: Path(target).write_bytes(content))
