"""A publication request: every field of the official form and of seed 002 §2.3/§2.10."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import StrEnum

from desktop.domain.errors import ValidationFailed
from desktop.domain.field_limits import REQUEST_FIELD_LIMITS, check_lengths
from desktop.domain.messages import Localized
from desktop.domain.workflow import RequestState


class Channel(StrEnum):
    LETTER = "letter"      # หนังสือราชการ
    EMAIL = "email"        # อีเมล
    OTHER = "other"        # ช่องทางอื่น


@dataclass(frozen=True)
class Requester:
    """The person responsible for providing the information (ผู้รับผิดชอบการให้ข้อมูล)."""

    name: str = ""
    position: str = ""
    unit: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AttachmentInfo:
    """One file of a request as the manifest sees it."""

    display_name: str
    web_name: str
    media_type: str
    kind: str
    size: int
    sha256: str
    position: int = 0
    caption: str = ""
    alt_text: str = ""
    # What goes on the site: the cleaned web copy for images, else the file itself.
    published_sha256: str = ""
    published_size: int = 0

    @property
    def is_image(self) -> bool:
        """JPEG and PNG photos (stored as FileKind values: ``jpg``, ``png``)."""
        return self.kind in ("jpg", "jpeg", "png")


@dataclass(frozen=True)
class PublicationRequest:
    title: str = ""
    summary: str = ""
    body: str = ""
    category: str = ""
    subcategory: str = ""
    source_owner: str = ""
    period_start: date | None = None
    period_end: date | None = None
    publish_date: date | None = None
    expiry_date: date | None = None
    external_link: str = ""
    remarks: str = ""
    requester: Requester = field(default_factory=Requester)
    received_at: datetime | None = None
    channel: Channel = Channel.LETTER
    letter_number: str = ""
    # Set by the store:
    id: int | None = None
    reference: str = ""
    state: RequestState = RequestState.DRAFT
    attachments: tuple[AttachmentInfo, ...] = ()
    public_url: str = ""
    # The version this copy was read at (0: unknown); an edit from an older version is
    # refused instead of silently overwriting someone else's change.
    version: int = 0

    def with_changes(self, **changes: object) -> PublicationRequest:
        return replace(self, **changes)  # type: ignore[arg-type]


# Content fields: those that go into the manifest and whose change voids a sign-off.
CONTENT_FIELDS: tuple[str, ...] = (
    "title", "summary", "body", "category", "subcategory", "source_owner", "period_start",
    "period_end", "publish_date", "expiry_date", "external_link", "remarks",
)

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("หัวข้อ", "Title"),
    "summary": ("รายละเอียดข้อมูลโดยย่อ", "Summary"),
    "body": ("เนื้อหา", "Body"),
    "category": ("หมวดหมู่", "Category"),
    "subcategory": ("หมวดหมู่ย่อย", "Sub-category"),
    "source_owner": ("แหล่งที่มา/เจ้าของข้อมูล", "Source / data owner"),
    "period_start": ("ข้อมูลตั้งแต่วันที่", "Information period from"),
    "period_end": ("ข้อมูลถึงวันที่", "Information period to"),
    "publish_date": ("วันที่ขอเผยแพร่", "Publish date"),
    "expiry_date": ("วันที่นำลง", "Expiry (takedown) date"),
    "external_link": ("ลิงก์ภายนอก", "External link"),
    "remarks": ("หมายเหตุ", "Remarks"),
    "requester.name": ("ชื่อผู้ขอ", "Requester name"),
    "requester.position": ("ตำแหน่ง", "Position"),
    "requester.unit": ("หน่วยงาน", "Unit"),
    "requester.phone": ("โทรศัพท์", "Phone"),
    "requester.email": ("อีเมล", "E-mail"),
    "received_at": ("วันที่รับเรื่อง", "Date received"),
    "letter_number": ("เลขที่หนังสือ", "Letter number"),
    "attachments": ("ไฟล์แนบ", "Attachments"),
}

# Always required to submit; categories add their own (see categories.py).
BASE_REQUIRED: tuple[str, ...] = (
    "title", "category", "requester.name", "requester.unit", "received_at",
)

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def field_label(name: str) -> Localized:
    thai, english = FIELD_LABELS.get(name, (name, name))
    return Localized(thai, english)


def field_value(request: PublicationRequest, name: str) -> object:
    if name.startswith("requester."):
        return getattr(request.requester, name.split(".", 1)[1])
    if name == "attachments":
        return request.attachments
    return getattr(request, name)


def missing_fields(request: PublicationRequest, required: tuple[str, ...]) -> list[str]:
    missing = []
    for name in (*BASE_REQUIRED, *required):
        value = field_value(request, name)
        if value is None or (isinstance(value, str | tuple) and not value):
            if isinstance(value, str) and value.strip():
                continue
            if name not in missing:
                missing.append(name)
        elif isinstance(value, str) and not value.strip() and name not in missing:
            missing.append(name)
    if request.channel == Channel.LETTER and "letter_number" in required \
            and not request.letter_number.strip():
        missing.append("letter_number")
    return missing


def invalid_fields(request: PublicationRequest) -> list[str]:
    bad = []
    if request.external_link and not _URL.match(request.external_link.strip()):
        bad.append("external_link")
    if request.requester.email and not _EMAIL.match(request.requester.email.strip()):
        bad.append("requester.email")
    if request.period_start and request.period_end and request.period_end < request.period_start:
        bad.append("period_end")
    if request.publish_date and request.expiry_date and request.expiry_date < request.publish_date:
        bad.append("expiry_date")
    return bad


def check_request_lengths(request: PublicationRequest) -> None:
    """Raise ValidationFailed naming every text longer than its column (field_limits)."""
    values = {name: str(field_value(request, name)) for name in REQUEST_FIELD_LIMITS}
    check_lengths(values, REQUEST_FIELD_LIMITS, FIELD_LABELS)


def validate_for_submit(request: PublicationRequest, required: tuple[str, ...]) -> None:
    """Raise ValidationFailed naming exactly what is missing or invalid."""
    missing = missing_fields(request, required)
    if missing:
        raise ValidationFailed("missing_fields", fields=[field_label(n) for n in missing],
                               names=missing)
    check_request_lengths(request)
    bad = invalid_fields(request)
    if bad:
        raise ValidationFailed("invalid_fields", fields=[field_label(n) for n in bad], names=bad)


def validate_for_draft(request: PublicationRequest) -> None:
    """A draft may be incomplete, but what is there must make sense and it needs a title."""
    if not request.title.strip():
        raise ValidationFailed("missing_fields", fields=[field_label("title")], names=["title"])
    check_request_lengths(request)
    bad = invalid_fields(request)
    if bad:
        raise ValidationFailed("invalid_fields", fields=[field_label(n) for n in bad], names=bad)


def content_field_names() -> list[str]:
    names = {f.name for f in fields(PublicationRequest)}
    return [n for n in CONTENT_FIELDS if n in names]
