"""The dashboard's figures for a period (issue 13 item 5): the same numbers as the workbook,
as plain values the UI can show (tiles, small series for charts, lists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.report_period import (
    ReportPeriod,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_of,
    month_period,
)
from desktop.domain.thai_dates import BE_OFFSET, ENGLISH_MONTHS, THAI_MONTHS_SHORT
from desktop.services.context import AppContext
from desktop.services.report_data import gathered


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    warn: bool = False


@dataclass(frozen=True)
class Series:
    title: str
    labels: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]     # one tuple per series
    names: tuple[str, ...] = ()
    maximum: float | None = None


@dataclass(frozen=True)
class DashboardFigures:
    period: ReportPeriod
    period_label: str
    tiles: tuple[Tile, ...]
    charts: tuple[Series, ...]
    top_pages: tuple[tuple[str, int], ...]
    empty_categories: tuple[str, ...]
    comments: tuple[str, ...]


def _month(day: date, lang: str) -> str:
    if lang == "th":
        return f"{THAI_MONTHS_SHORT[day.month - 1]} {str(day.year + BE_OFFSET)[2:]}"
    return f"{ENGLISH_MONTHS[day.month - 1][:3]} {str(day.year)[2:]}"


def _t(lang: str, thai: str, english: str) -> str:
    return thai if lang == "th" else english


def period_choices(today: date) -> list[tuple[str, ReportPeriod]]:
    """The periods the dashboard offers: (key, period), newest first."""
    this_month = month_period(today.year, today.month)
    last = this_month.start.replace(day=1)
    previous = month_period(last.year - (last.month == 1), (last.month - 2) % 12 + 1)
    fiscal = fiscal_year_of(today)
    quarter = {10: 1, 11: 1, 12: 1, 1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3}.get(today.month, 4)
    last_quarter = (fiscal, quarter - 1) if quarter > 1 else (fiscal - 1, 4)
    return [("this_month", this_month), ("last_month", previous),
            ("this_quarter", fiscal_quarter(fiscal, quarter)),
            ("last_quarter", fiscal_quarter(*last_quarter)),
            ("this_fiscal_year", fiscal_year(fiscal)),
            ("last_fiscal_year", fiscal_year(fiscal - 1))]


def dashboard_figures(ctx: AppContext, period: ReportPeriod, lang: str = "th"
                      ) -> DashboardFigures:
    with gathered(ctx, period, lang=lang, top=8, audit=False) as data:
        w = data.workflow
        usage = data.usage.totals
        sat = data.satisfaction.overall
        share = w.within_target_share
        tiles = (
            Tile(_t(lang, "รับเข้า", "Received"), f"{w.received:,}"),
            Tile(_t(lang, "เผยแพร่", "Published"), f"{w.published:,}"),
            Tile(_t(lang, f"ภายใน {w.target_days} วันทำการ", f"Within {w.target_days} days"),
                 "-" if share is None else f"{share * 100:.0f}%",
                 warn=share is not None and share < 0.8),
            Tile(_t(lang, "มัธยฐาน (วันทำการ)", "Median (working days)"),
                 "-" if w.median_days is None else f"{w.median_days:.1f}"),
            Tile(_t(lang, "ส่งกลับ / ไม่อนุมัติ", "Returned / rejected"),
                 f"{w.returned:,} / {w.rejected:,}"),
            Tile(_t(lang, "การเปิดดูหน้าเว็บ", "Page views"), f"{usage.page_views:,}"),
            Tile(_t(lang, "ผู้เข้าชม", "Visitors"), f"{usage.visitors:,}"),
            Tile(_t(lang, "ความพึงพอใจ (เต็ม 5)", "Satisfaction (of 5)"),
                 "-" if sat.mean is None else f"{sat.mean:.2f}",
                 warn=sat.mean is not None and sat.mean < 3.5),
        )
        months = data.workflow.by_month
        usage_months = data.usage.by_month()
        charts = (
            Series(_t(lang, "คำขอรายเดือน", "Requests per month"),
                   tuple(_month(m.month, lang) for m in months),
                   (tuple(float(m.received) for m in months),
                    tuple(float(m.published) for m in months)),
                   (_t(lang, "รับเข้า", "Received"), _t(lang, "เผยแพร่", "Published"))),
            Series(_t(lang, "การเปิดดูหน้าเว็บรายเดือน", "Page views per month"),
                   tuple(_month(m, lang) for m, _u in usage_months),
                   (tuple(float(u.page_views) for _m, u in usage_months),)),
            Series(_t(lang, "ความพึงพอใจรายข้อ", "Satisfaction per question"),
                   tuple(q.text for q in data.satisfaction.questions),
                   (tuple(q.counts.mean or 0.0 for q in data.satisfaction.questions),),
                   maximum=5.0),
        )
        top = tuple((f"{p.reference} {p.title}".strip() or p.path, p.hits)
                    for p in data.usage.top_pages)
        return DashboardFigures(period, period.label(lang), tiles, charts, top,
                                tuple(c.name for c in data.categories if c.nothing_current),
                                tuple(c.text for c in data.satisfaction.comments[:20]))
