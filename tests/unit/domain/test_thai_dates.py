"""Thai dates: month names, the Buddhist Era year and Thai digits."""

from __future__ import annotations

from datetime import date, datetime

from desktop.domain.thai_dates import (
    be_year,
    ce_year,
    format_date,
    format_english_date,
    format_thai_date,
    format_thai_datetime,
    thai_month_name,
    to_arabic_digits,
    to_thai_digits,
)


def test_full_and_short_thai_dates_use_the_buddhist_era() -> None:
    assert format_thai_date(date(2026, 11, 22)) == "22 พฤศจิกายน 2569"
    assert format_thai_date(date(2026, 11, 22), style="short") == "22 พ.ย. 2569"
    assert format_thai_date(date(2027, 1, 1)) == "1 มกราคม 2570"
    assert format_thai_date(datetime(2026, 2, 28, 23, 59)) == "28 กุมภาพันธ์ 2569"
    assert format_thai_date(None) == ""


def test_thai_digits_both_ways() -> None:
    assert format_thai_date(date(2026, 11, 22), thai_digits=True) == "๒๒ พฤศจิกายน ๒๕๖๙"
    assert to_thai_digits(2569) == "๒๕๖๙"
    assert to_arabic_digits("พ.ศ. ๒๕๖๙") == "พ.ศ. 2569"


def test_years_months_and_times() -> None:
    assert be_year(2026) == 2569 and ce_year(2569) == 2026
    assert thai_month_name(12) == "ธันวาคม" and thai_month_name(5, "short") == "พ.ค."
    assert format_thai_datetime(datetime(2026, 11, 22, 14, 5)) == \
        "22 พฤศจิกายน 2569 เวลา 14:05 น."
    assert format_english_date(date(2026, 11, 22)) == "22 November 2026"
    assert format_date(date(2026, 11, 22), "en") == "22 November 2026"
    assert format_date(date(2026, 11, 22), "th", "short") == "22 พ.ย. 2569"
