"""Rows <-> domain dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.domain.request import AttachmentInfo, Channel, PublicationRequest, Requester
from desktop.domain.workflow import RequestState
from desktop.store.models import AttachmentRow, RequestRow

_SIMPLE = ("title", "summary", "body", "category", "subcategory", "source_owner", "period_start",
           "period_end", "publish_date", "expiry_date", "external_link", "remarks",
           "received_at", "letter_number")


def current_attachments(row: RequestRow) -> list[AttachmentRow]:
    return [a for a in row.attachments if a.superseded_at is None]


def attachment_info(a: AttachmentRow) -> AttachmentInfo:
    return AttachmentInfo(display_name=a.display_name, web_name=a.web_name,
                          media_type=a.media_type, kind=a.kind, size=a.size, sha256=a.sha256,
                          position=a.position, caption=a.caption, alt_text=a.alt_text,
                          published_sha256=a.web_copy_sha256 or a.sha256,
                          published_size=a.web_copy_size or a.size)


def to_request(row: RequestRow) -> PublicationRequest:
    return request_of(row, tuple(attachment_info(a) for a in current_attachments(row)))


def request_of(row: Any, attachments: tuple[AttachmentInfo, ...]) -> PublicationRequest:
    """A request from anything holding the columns of ``requests`` as attributes or keys (an
    ORM row, a Core row's mapping) and its current files."""
    get = row.__getitem__ if isinstance(row, Mapping) else row.__getattribute__
    return PublicationRequest(
        **{name: get(name) for name in _SIMPLE},
        requester=Requester(name=get("requester_name"), position=get("requester_position"),
                            unit=get("requester_unit"), phone=get("requester_phone"),
                            email=get("requester_email")),
        channel=Channel(get("channel")), id=get("id"), reference=get("reference"),
        state=RequestState(get("state")), attachments=attachments,
        public_url=get("public_url"), version=get("version") or 1,
    )


def apply_request(row: RequestRow, request: PublicationRequest) -> None:
    """Copy the editable fields of ``request`` onto ``row`` (not state, not attachments)."""
    for name in _SIMPLE:
        value = getattr(request, name)
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.requester_name = request.requester.name.strip()
    row.requester_position = request.requester.position.strip()
    row.requester_unit = request.requester.unit.strip()
    row.requester_phone = request.requester.phone.strip()
    row.requester_email = request.requester.email.strip()
    row.channel = Channel(request.channel).value
