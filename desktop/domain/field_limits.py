"""The longest text each stored field may hold — the one place these numbers live.

The database columns are declared from these tables (``String(REQUEST_FIELD_LIMITS["title"])``
in :mod:`desktop.store.models`), and the validation below reads the same tables, so a value is
refused with a message naming the field and its limit before the database sees it.  PostgreSQL
would otherwise reject it with an error shown as a bug; SQLite would silently store it.
Lengths are counted in characters (code points), as PostgreSQL's ``varchar(n)`` counts them.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.errors import ValidationFailed
from desktop.domain.messages import Localized, MessageCode

#: PublicationRequest fields (``requester.*`` for the requester's) -> most characters.
REQUEST_FIELD_LIMITS: dict[str, int] = {
    "title": 500,
    "category": 60,
    "subcategory": 60,
    "source_owner": 300,
    "external_link": 2000,
    "requester.name": 200,
    "requester.position": 200,
    "requester.unit": 200,
    "requester.phone": 100,
    "requester.email": 200,
    "letter_number": 100,
}

#: Attachment texts a user types or a file name brings.
ATTACHMENT_FIELD_LIMITS: dict[str, int] = {
    "display_name": 500,
    "web_name": 200,
    "caption": 500,
    "alt_text": 500,
}

#: User account texts.
USER_FIELD_LIMITS: dict[str, int] = {
    "username": 64,
    "full_name": 200,
    "position": 200,
}

ATTACHMENT_LABELS: dict[str, tuple[str, str]] = {
    "display_name": ("ชื่อไฟล์", "File name"),
    "web_name": ("ชื่อไฟล์บนเว็บไซต์", "File name on the website"),
    "caption": ("คำบรรยายภาพ", "Caption"),
    "alt_text": ("ข้อความแทนภาพ", "Alternative text"),
}

USER_LABELS: dict[str, tuple[str, str]] = {
    "username": ("ชื่อผู้ใช้", "User name"),
    "full_name": ("ชื่อ-นามสกุล", "Full name"),
    "position": ("ตำแหน่ง", "Position"),
}

class FieldLimitMessage(MessageCode):
    FIELDS_TOO_LONG = (
        "fields_too_long",
        "ข้อความยาวเกินที่กำหนด: {fields}",
        "Too long: {fields}",
    )



def overlong(values: Mapping[str, str], limits: Mapping[str, int]) -> list[tuple[str, int, int]]:
    """``(name, length, limit)`` of every value longer than its limit, in the limits' order."""
    return [(name, len(values[name]), limit) for name, limit in limits.items()
            if name in values and len(values[name]) > limit]


def check_lengths(values: Mapping[str, str], limits: Mapping[str, int],
                  labels: Mapping[str, tuple[str, str]]) -> None:
    """Raise ``ValidationFailed("fields_too_long")`` naming each field that is too long, how
    long it is and its limit, in Thai and English; ``params["names"]`` lists the fields."""
    found = overlong(values, limits)
    if not found:
        return
    described = []
    for name, length, limit in found:
        thai, english = labels.get(name, (name, name))
        described.append(Localized(
            f"“{thai}” ยาว {length:,} ตัวอักษร (ไม่เกิน {limit:,} ตัวอักษร)",
            f"“{english}” is {length:,} characters long (at most {limit:,})"))
    raise ValidationFailed(FieldLimitMessage.FIELDS_TOO_LONG, fields=described,
                           names=[name for name, _, _ in found])
