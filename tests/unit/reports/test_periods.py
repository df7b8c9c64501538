"""Report periods: months, fiscal quarters and Thai fiscal years (October to September)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.errors import UserError
from desktop.domain.report_period import (
    ReportPeriod,
    current_fiscal_year,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_of,
    month_period,
    parse_period,
)


def test_fiscal_year_runs_october_to_september() -> None:
    year = fiscal_year(2570)
    assert (year.start, year.end) == (date(2026, 10, 1), date(2027, 9, 30))
    assert year.is_fiscal_year and year.fiscal_quarter is None
    assert len(year.months()) == 12 and year.months()[0] == date(2026, 10, 1)
    assert year.label("th") == "ปีงบประมาณ พ.ศ. 2570"
    assert year.file_stem() == "fy2570"
    assert fiscal_year_of(date(2026, 9, 30)) == 2569 and fiscal_year_of(date(2026, 10, 1)) == 2570
    assert current_fiscal_year(date(2027, 3, 1)) == year


def test_quarters_months_and_ranges() -> None:
    q1 = parse_period("2026-10..2026-12")
    assert q1 == fiscal_quarter(2570, 1)
    assert q1.fiscal_quarter == 1
    assert q1.label("th") == "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2570 (ต.ค. 2569 – ธ.ค. 2569)"
    assert q1.label("en") == "Q1 of fiscal year 2570 BE (Oct 2026 – Dec 2026)"
    assert fiscal_quarter(2570, 2) == parse_period("2027-01..2027-03")
    assert fiscal_quarter(2570, 4).end == date(2027, 9, 30)
    feb = parse_period("2028-02")
    assert feb == month_period(2028, 2) and feb.end == date(2028, 2, 29)
    assert feb.label("th") == "กุมภาพันธ์ 2571" and feb.is_month
    odd = parse_period("2026-10-05..2026-11-20")
    assert odd.label("th") == "5 ต.ค. 2569 – 20 พ.ย. 2569" and odd.days() == 47
    assert odd.months() == [date(2026, 10, 1), date(2026, 11, 1)]


@pytest.mark.parametrize("text", ["2026", "2026-13", "26-10", "2026-10..", "next year",
                                  "2026-02-30..2026-03-01"])
def test_bad_periods_are_clear_messages(text: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_period(text)
    assert "2026-10" in caught.value.text("th")


def test_reversed_period_and_bad_fiscal_year() -> None:
    with pytest.raises(UserError):
        parse_period("2026-12..2026-10")
    with pytest.raises(UserError) as caught:
        fiscal_year(2026)
    assert "2570" in caught.value.text("th")
    assert ReportPeriod(date(2026, 1, 1), date(2026, 1, 1)).days() == 1
