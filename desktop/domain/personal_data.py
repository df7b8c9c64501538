"""Personal data a public page must not carry (Thai PDPA): national IDs, phone numbers, e-mails.

:func:`scan_text` looks at one text and says where each finding sits (``location`` is a label
the caller gives, e.g. ``"body"`` or ``"attachment report.pdf page 3"``).  Thai digits (๐-๙)
count as digits everywhere.  A 13-digit run is a national ID only when its mod-11 check digit
is right, so order numbers and bank accounts of the same length do not raise false alarms.
Matched text is masked for display (:attr:`PersonalDataFinding.masked`); the raw text stays
in :attr:`PersonalDataFinding.text` for whoever must fix the source.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ASCII = str.maketrans(THAI_DIGITS, "0123456789")
_D = r"[0-9๐-๙]"
_SEP = r"[ \-\u00a0.]?"

# 13 digits, optionally grouped (the card prints 1-2345-67890-12-3); no digit on either side.
_ID_PATTERN = re.compile(
    rf"(?<![0-9๐-๙])({_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{5}}{_SEP}{_D}{{2}}{_SEP}{_D}"
    rf"|{_D}{{13}})(?![0-9๐-๙])"
)
# Thai mobile: 06/08/09 + 8 digits; landline: 0 + area 2/3/4/5/7 + 7 digits; or +66 forms.
_PHONE_PATTERN = re.compile(
    rf"(?<![0-9๐-๙+])("
    rf"(?:\+66|\+๖๖|0|๐){_SEP}(?:\(0\))?"
    rf"(?:[689๖๘๙]{_D}{_SEP}{_D}{{3}}{_SEP}{_D}{{4}}"        # mobile 08x-xxx-xxxx
    rf"|[23457๒๓๔๕๗]{_SEP}{_D}{{3}}{_SEP}{_D}{{4}}"          # landline 02-xxx-xxxx
    rf"|[3457๓๔๕๗]{_D}{_SEP}{_D}{{3}}{_SEP}{_D}{{3}}))"      # provincial 0xx-xxx-xxx
    rf"(?![0-9๐-๙])"
)
_EMAIL_PATTERN = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})"
    r"(?![\w-])"
)


class PersonalDataKind(enum.StrEnum):
    NATIONAL_ID = "national_id"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def label_th(self) -> str:
        return {"national_id": "เลขประจำตัวประชาชน", "phone": "หมายเลขโทรศัพท์",
                "email": "อีเมล"}[self.value]

    @property
    def label_en(self) -> str:
        return {"national_id": "Thai national ID number", "phone": "phone number",
                "email": "e-mail address"}[self.value]


@dataclass(frozen=True)
class PersonalDataFinding:
    kind: PersonalDataKind
    text: str
    masked: str
    location: str
    offset: int

    def describe(self, lang: str = "th") -> str:
        label = self.kind.label_th if lang == "th" else self.kind.label_en
        where = "ใน" if lang == "th" else "in"
        return f"{label} {self.masked} {where} {self.location}"


def ascii_digits(text: str) -> str:
    """``text`` with Thai digits turned into ASCII digits (everything else unchanged)."""
    return text.translate(_TO_ASCII)


def only_digits(text: str) -> str:
    return "".join(ch for ch in ascii_digits(text) if ch.isdigit() and ch.isascii())


def national_id_check_digit(first_twelve: str) -> int:
    """The 13th digit of a Thai national ID: (11 - sum(d_i * (13 - i)) mod 11) mod 10."""
    digits = only_digits(first_twelve)
    if len(digits) != 12:
        raise ValueError("a Thai national ID check digit needs exactly 12 digits")
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return (11 - total % 11) % 10


def is_valid_national_id(text: str) -> bool:
    digits = only_digits(text)
    if len(digits) != 13 or digits[0] == "0":
        return False
    return national_id_check_digit(digits[:12]) == int(digits[12])


def mask(kind: PersonalDataKind, text: str) -> str:
    """Hide most of a finding so the checklist can show it without spreading it."""
    if kind is PersonalDataKind.EMAIL:
        local, _, domain = text.partition("@")
        return f"{local[:1]}{'*' * max(1, len(local) - 1)}@{domain}"
    digits = only_digits(text)
    if kind is PersonalDataKind.NATIONAL_ID:
        return f"{digits[0]}-XXXX-XXXXX-{digits[10:12]}-{digits[12]}"
    return f"{digits[:3]}-XXX-{digits[-4:]}" if len(digits) >= 7 else "X" * len(digits)


def scan_text(text: str, location: str = "body") -> list[PersonalDataFinding]:
    """Every national ID, phone number and e-mail address in ``text``, in order of position."""
    findings: list[PersonalDataFinding] = []
    taken: list[tuple[int, int]] = []
    for match in _ID_PATTERN.finditer(text):
        if is_valid_national_id(match.group(1)):
            findings.append(_finding(PersonalDataKind.NATIONAL_ID, match, location))
            taken.append(match.span(1))
    for match in _PHONE_PATTERN.finditer(text):
        start, end = match.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        findings.append(_finding(PersonalDataKind.PHONE, match, location))
    for match in _EMAIL_PATTERN.finditer(text):
        findings.append(_finding(PersonalDataKind.EMAIL, match, location))
    findings.sort(key=lambda f: f.offset)
    return findings


def scan_texts(parts: Iterable[tuple[str, str]]) -> list[PersonalDataFinding]:
    """Scan ``(location, text)`` pairs, e.g. the body and each attachment page."""
    found: list[PersonalDataFinding] = []
    for location, text in parts:
        found.extend(scan_text(text, location))
    return found


def _finding(kind: PersonalDataKind, match: re.Match[str], location: str) -> PersonalDataFinding:
    raw = match.group(1)
    return PersonalDataFinding(kind=kind, text=raw, masked=mask(kind, raw), location=location,
                               offset=match.start(1))
