"""The period a report covers: a month, a quarter of the Thai fiscal year, a fiscal year
(October to September, named by its Buddhist Era year: ปีงบประมาณ 2570 = 1 Oct 2026 – 30 Sep
2027) or any range of months.

``parse_period("2026-10..2026-12")`` → the first quarter of fiscal year 2570;
``fiscal_year(2570)``; ``parse_period("2026-11")`` → November 2026.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.thai_dates import BE_OFFSET, ENGLISH_MONTHS, THAI_MONTHS, THAI_MONTHS_SHORT


class ReportPeriodMessage(MessageCode):
    REPORT_PERIOD_INVALID = (
        "report_period_invalid",
        "ช่วงเวลาของรายงานไม่ถูกต้อง: “{text}” (ตัวอย่าง 2026-10, 2026-10..2026-12 หรือปีงบประมาณ 2570)",
        "Not a report period: “{text}” (e.g. 2026-10, 2026-10..2026-12, or fiscal year 2570).",
    )
    REPORT_PERIOD_REVERSED = (
        "report_period_reversed",
        "ช่วงเวลาของรายงานเริ่ม ({start}) หลังวันสิ้นสุด ({end})",
        "The report period starts ({start}) after it ends ({end}).",
    )
    FISCAL_YEAR_INVALID = (
        "fiscal_year_invalid",
        "ปีงบประมาณไม่ถูกต้อง: {year} (ใช้ปีพุทธศักราช เช่น 2570)",
        "Not a fiscal year: {year} (use the Buddhist Era year, e.g. 2570).",
    )


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def fiscal_year_of(day: date) -> int:
    """The Buddhist Era fiscal year a day belongs to (October starts the next one)."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date          # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError(ReportPeriodMessage.REPORT_PERIOD_REVERSED,
                            start=self.start.isoformat(),
                            end=self.end.isoformat())

    # -- what it is -------------------------------------------------------------------------
    @property
    def is_fiscal_year(self) -> bool:
        return (self.start.month, self.start.day) == (10, 1) and \
            self.end == date(self.start.year + 1, 9, 30)

    @property
    def fiscal_quarter(self) -> int | None:
        """1-4 when the period is exactly one quarter of a fiscal year (Q1 = Oct-Dec)."""
        if self.start.day != 1 or self.start.month not in (10, 1, 4, 7):
            return None
        end_month = self.start.month + 2
        if month_end(self.start.replace(month=end_month)) != self.end:
            return None
        return {10: 1, 1: 2, 4: 3, 7: 4}[self.start.month]

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.end == month_end(self.start)

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        out = []
        current = self.start.replace(day=1)
        while current <= self.end:
            out.append(current)
            current = month_end(current) + timedelta(days=1)
        return out

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    # -- how it reads -----------------------------------------------------------------------
    def label(self, lang: str = "th") -> str:
        fiscal = fiscal_year_of(self.start)
        if self.is_fiscal_year:
            return f"ปีงบประมาณ พ.ศ. {fiscal}" if lang == "th" else f"Fiscal year {fiscal} BE " \
                f"(Oct {self.start.year} – Sep {self.end.year})"
        quarter = self.fiscal_quarter
        if quarter is not None:
            span = self._month_span(lang)
            return (f"ไตรมาสที่ {quarter} ปีงบประมาณ พ.ศ. {fiscal} ({span})" if lang == "th"
                    else f"Q{quarter} of fiscal year {fiscal} BE ({span})")
        if self.is_month:
            return self._month_name(self.start, lang, full=True)
        if self.start.day == 1 and self.end == month_end(self.end):
            return self._month_span(lang)
        return self.dates_text(lang)

    def dates_text(self, lang: str = "th") -> str:
        def one(day: date) -> str:
            if lang == "th":
                return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {day.year + BE_OFFSET}"
            return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3]} {day.year}"
        return f"{one(self.start)} – {one(self.end)}"

    def _month_span(self, lang: str) -> str:
        first, last = self.start, self.end
        if (first.year, first.month) == (last.year, last.month):
            return self._month_name(first, lang, full=True)
        return f"{self._month_name(first, lang, full=False)} – " \
               f"{self._month_name(last, lang, full=False)}"

    @staticmethod
    def _month_name(day: date, lang: str, full: bool) -> str:
        if lang == "th":
            names = THAI_MONTHS if full else THAI_MONTHS_SHORT
            return f"{names[day.month - 1]} {day.year + BE_OFFSET}"
        name = ENGLISH_MONTHS[day.month - 1]
        return f"{name if full else name[:3]} {day.year}"

    def file_stem(self) -> str:
        """A short name for files: fy2570, fy2570-q1, 2026-11, 2026-10-01_2026-12-15."""
        fiscal = fiscal_year_of(self.start)
        if self.is_fiscal_year:
            return f"fy{fiscal}"
        if self.fiscal_quarter is not None:
            return f"fy{fiscal}-q{self.fiscal_quarter}"
        if self.is_month:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"


def month_period(year: int, month: int) -> ReportPeriod:
    start = date(year, month, 1)
    return ReportPeriod(start, month_end(start))


def fiscal_year(be_year: int) -> ReportPeriod:
    """Thai fiscal year ``be_year`` (e.g. 2570): 1 October of the year before to 30 September."""
    if not 2400 <= be_year <= 2800:
        raise UserError(ReportPeriodMessage.FISCAL_YEAR_INVALID, year=be_year)
    ce = be_year - BE_OFFSET
    return ReportPeriod(date(ce - 1, 10, 1), date(ce, 9, 30))


def fiscal_quarter(be_year: int, quarter: int) -> ReportPeriod:
    year = fiscal_year(be_year)
    start_month = (10, 1, 4, 7)[quarter - 1]
    start = date(year.start.year if quarter == 1 else year.end.year, start_month, 1)
    return ReportPeriod(start, month_end(start.replace(month=start_month + 2)))


def _one(text: str, end: bool) -> date:
    month = _MONTH.match(text)
    try:
        if month:
            first = date(int(month.group(1)), int(month.group(2)), 1)
            return month_end(first) if end else first
        day = _DAY.match(text)
        if day:
            return date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
    except ValueError:
        pass
    raise UserError(ReportPeriodMessage.REPORT_PERIOD_INVALID, text=text)


def parse_period(text: str) -> ReportPeriod:
    """``2026-10``, ``2026-10..2026-12`` or ``2026-10-05..2026-11-20`` (CE dates, as ISO)."""
    if ".." in text:
        first, _, last = text.partition("..")
        return ReportPeriod(_one(first, end=False), _one(last, end=True))
    return ReportPeriod(_one(text, end=False), _one(text, end=True))


def current_fiscal_year(today: date) -> ReportPeriod:
    return fiscal_year(fiscal_year_of(today))
