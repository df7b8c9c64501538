"""The holiday list of the settings as people type it: one date a line, day/month/year.

Shown as ``13/04/2569`` in Thai (Buddhist Era) and ``13/04/2026`` in English, like every other
date field (:func:`desktop.ui.request_dates.format_date_text`); read with the house date
reader, so ISO ``2026-04-13`` pasted from elsewhere, ``13 เม.ย. 69`` and Thai digits work too.
Stored as before: ISO dates.  A line that is not a date is a :class:`Problem` naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.date_input import DateInputError, parse_user_date
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.thai_dates import BE_OFFSET
from desktop.services.settings import HOLIDAY_YEARS, Problem
from desktop.ui.request_dates import format_date_text

FIRST_YEAR, LAST_YEAR = HOLIDAY_YEARS     # what the settings service accepts


class HolidayMessage(MessageCode):
    HOLIDAY_UNREADABLE = (
        "holiday_unreadable",
        "บรรทัดที่ {line}: {reason}",
        "line {line}: {reason}",
    )
    HOLIDAY_YEAR = (
        "holiday_year",
        "บรรทัดที่ {line} “{value}”: ปีต้องอยู่ระหว่าง พ.ศ. {first_be} ถึง {last_be}",
        "line {line}, “{value}”: the year must be from {first} to {last}",
    )


@dataclass(frozen=True)
class HolidayLines:
    dates: tuple[str, ...]                 # ISO, in the order typed
    problems: tuple[Problem, ...]          # one a line that is not a usable date


def read_holiday_lines(text: str) -> HolidayLines:
    """Each non-blank line of ``text`` as an ISO date, or a problem naming its line."""
    dates: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            day = parse_user_date(line)
        except DateInputError as error:
            problems.append(Problem("holidays", HolidayMessage.HOLIDAY_UNREADABLE, {
                "line": number, "reason": Localized(error.text("th"), error.text("en"))}))
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            problems.append(Problem("holidays", HolidayMessage.HOLIDAY_YEAR, {
                "line": number, "value": line, "first": FIRST_YEAR, "last": LAST_YEAR,
                "first_be": FIRST_YEAR + BE_OFFSET, "last_be": LAST_YEAR + BE_OFFSET}))
            continue
        dates.append(day.isoformat())
    return HolidayLines(tuple(dates), tuple(problems))


def holiday_lines_text(holidays: tuple[str, ...], lang: str) -> str:
    """The stored ISO dates as the field shows them (a stored value that is not a date is
    shown as it is, for the person to correct)."""
    lines = []
    for text in holidays:
        try:
            lines.append(format_date_text(date.fromisoformat(text), lang))
        except ValueError:
            lines.append(text)
    return "\n".join(lines)
