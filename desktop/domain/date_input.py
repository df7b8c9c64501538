"""Dates as people type them in a Thai office, read into a :class:`date`.

Accepted (Thai or Arabic digits): ``2026-12-05`` / ``2569-12-05`` (ISO, BE when the year is
above 2400), ``05122569`` (DDMMYYYY), ``5/12/69``, ``5/12/2569``, ``5-12-2026``, ``5.12.69``
(a two-digit year is BE: 69 → 2569), ``5 ธ.ค. 69``, ``5 ธันวาคม 2569``, ``5 Dec 2026``.
A date that cannot be read raises :class:`DateInputError`, saying why.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.domain.errors import UserError
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.thai_dates import (
    BE_OFFSET,
    ENGLISH_MONTHS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    to_arabic_digits,
)


class DateMessage(MessageCode):
    DATE_UNREADABLE = (
        "date_unreadable",
        "อ่านวันที่ “{value}” ไม่ได้ ใช้รูปแบบ วัน/เดือน/ปี เช่น 5/12/2569, 05122569 หรือ 5 ธ.ค. 69",
        "Cannot read the date “{value}”: type day/month/year, e.g. 5/12/2569, 05122569 "
        "or 5 Dec 2026.",
    )
    DATE_NO_SUCH_DAY = (
        "date_no_such_day",
        "ไม่มีวันที่ {day} ใน{month}",
        "There is no day {day} in {month}.",
    )
    DATE_MONTH_RANGE = (
        "date_month_range",
        "เดือนต้องอยู่ระหว่าง 1 ถึง 12 (พิมพ์ไว้ {month})",
        "The month must be 1 to 12 (typed: {month}).",
    )
    DATE_YEAR_RANGE = (
        "date_year_range",
        "ปี {year} อยู่นอกช่วงที่ใช้ได้ (พ.ศ. 2400–2700 หรือ ค.ศ. 1900–2200)",
        "The year {year} is out of range (BE 2400–2700 or CE 1900–2200).",
    )



class DateInputError(UserError):
    """A typed date that could not be read; the message says why."""


_MONTH_WORDS: dict[str, int] = {}
for _number, (_full, _short, _english) in enumerate(
        zip(THAI_MONTHS, THAI_MONTHS_SHORT, ENGLISH_MONTHS, strict=True), start=1):
    _MONTH_WORDS[_full] = _number
    _MONTH_WORDS[_short] = _number
    _MONTH_WORDS[_short.replace(".", "")] = _number
    _MONTH_WORDS[_english.lower()] = _number
    _MONTH_WORDS[_english[:3].lower()] = _number

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([^\d\s]+)\s*(\d{2}|\d{4})$")


def parse_user_date(text: str) -> date:
    """The date ``text`` names (see the module docstring), or :class:`DateInputError`."""
    value = to_arabic_digits(text).strip()
    if not value:
        raise DateInputError(DateMessage.DATE_UNREADABLE, value=text)
    match = _ISO.match(value)
    if match:
        return _make(text, int(match[3]), int(match[2]), _full_year(match[1]))
    match = _COMPACT.match(value)
    if match:
        return _make(text, int(match[1]), int(match[2]), _full_year(match[3]))
    match = _NUMERIC.match(value)
    if match:
        return _make(text, int(match[1]), int(match[2]), _full_year(match[3]))
    match = _WORDS.match(value)
    if match:
        month = _MONTH_WORDS.get(match[2].strip().lower()) or _MONTH_WORDS.get(
            match[2].strip().lower().replace(".", ""))
        if month is None:
            raise DateInputError(DateMessage.DATE_UNREADABLE, value=text)
        return _make(text, int(match[1]), month, _full_year(match[3]))
    raise DateInputError(DateMessage.DATE_UNREADABLE, value=text)


def _full_year(digits: str) -> int:
    """A CE year: two digits are a BE year of the 2500s (69 → 2569 → 2026); four digits
    above 2400 are BE."""
    year = int(digits)
    if len(digits) == 2:
        year += 2500
    if year > 2400:
        if year > 2700:
            raise DateInputError(DateMessage.DATE_YEAR_RANGE, year=year)
        return year - BE_OFFSET
    if not 1900 <= year <= 2200:
        raise DateInputError(DateMessage.DATE_YEAR_RANGE, year=year)
    return year


def _make(text: str, day: int, month: int, year: int) -> date:
    if not 1 <= month <= 12:
        raise DateInputError(DateMessage.DATE_MONTH_RANGE, month=month)
    try:
        return date(year, month, day)
    except ValueError:
        month_name = Localized(f"เดือน{THAI_MONTHS[month - 1]} {year + BE_OFFSET}",
                               f"{ENGLISH_MONTHS[month - 1]} {year}")
        raise DateInputError(DateMessage.DATE_NO_SUCH_DAY, day=day, month=month_name) from None
