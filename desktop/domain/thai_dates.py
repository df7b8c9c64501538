"""Dates the way Thai official documents write them: Thai month names and the Buddhist Era.

``format_thai_date(date(2026, 11, 22))`` → ``"22 พฤศจิกายน 2569"``;
``style="short"`` → ``"22 พ.ย. 2569"``; ``thai_digits=True`` → ``"๒๒ พฤศจิกายน ๒๕๖๙"``.
"""

from __future__ import annotations

from datetime import date, datetime

BE_OFFSET = 543

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
ENGLISH_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def be_year(ce_year: int) -> int:
    """The Buddhist Era year of a Common Era year (2026 → 2569)."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Common Era year of a Buddhist Era year (2569 → 2026)."""
    return be - BE_OFFSET


def thai_month_name(month: int, style: str = "full") -> str:
    """Month 1..12 as ``"มกราคม"`` (full) or ``"ม.ค."`` (short)."""
    names = THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS
    return names[month - 1]


def to_thai_digits(text: str | int) -> str:
    """Replace Arabic digits with Thai digits: ``"2569"`` → ``"๒๕๖๙"``."""
    return str(text).translate(_TO_THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic digits: ``"๒๕๖๙"`` → ``"2569"``."""
    return text.translate(_TO_ARABIC_DIGITS)


def format_thai_date(d: date | datetime | None, style: str = "full",
                     thai_digits: bool = False) -> str:
    """``"22 พฤศจิกายน 2569"`` (full) or ``"22 พ.ย. 2569"`` (short); ``""`` for ``None``."""
    if d is None:
        return ""
    text = f"{d.day} {thai_month_name(d.month, style)} {be_year(d.year)}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_datetime(moment: datetime | None, style: str = "full",
                         thai_digits: bool = False) -> str:
    """``"22 พฤศจิกายน 2569 เวลา 14:05 น."``; ``""`` for ``None``."""
    if moment is None:
        return ""
    text = f"{format_thai_date(moment, style)} เวลา {moment:%H:%M} น."
    return to_thai_digits(text) if thai_digits else text


def format_english_date(d: date | datetime | None, style: str = "full") -> str:
    """``"22 November 2026"`` (full) or ``"22 Nov 2026"`` (short); ``""`` for ``None``."""
    if d is None:
        return ""
    month = ENGLISH_MONTHS[d.month - 1]
    return f"{d.day} {month[:3] if style == 'short' else month} {d.year}"


def format_date(d: date | datetime | None, lang: str = "th", style: str = "full") -> str:
    """A date in the given language: Thai with the BE year, English with the CE year."""
    return format_thai_date(d, style) if lang == "th" else format_english_date(d, style)
