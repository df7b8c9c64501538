"""Read-only queries the executive reports need: requests of a period (streamed for the
register), workflow events from the audit log, publications and takedowns, attachments,
audit counts and the chain head."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.store.models import (
    AttachmentRow,
    AuditHeadRow,
    AuditRow,
    PublicationRow,
    RequestRow,
    UserRow,
)

STREAM_BATCH = 2000


def _received_in(start: datetime, until: datetime) -> Any:
    received = func.coalesce(RequestRow.received_at, RequestRow.created_at)
    return (received >= start) & (received < until)


def requests_received(session: Session, start: datetime, until: datetime) -> Iterator[RequestRow]:
    """Requests received in ``[start, until)`` (the creation time when no receipt time),
    oldest first, fetched in batches (a register of 100,000 rows is never all in memory)."""
    query = (select(RequestRow).where(_received_in(start, until))
             .order_by(func.coalesce(RequestRow.received_at, RequestRow.created_at),
                       RequestRow.id)
             .execution_options(yield_per=STREAM_BATCH))
    yield from session.execute(query).scalars()


def count_received(session: Session, start: datetime, until: datetime) -> int:
    return int(session.execute(select(func.count(RequestRow.id))
                               .where(_received_in(start, until))).scalar() or 0)


@dataclass(frozen=True)
class RequestBrief:
    id: int
    reference: str
    title: str
    category: str
    subcategory: str
    unit: str
    state: str
    received_at: datetime | None
    created_at: datetime
    expiry_date: date | None
    public_url: str


_BRIEF = (RequestRow.id, RequestRow.reference, RequestRow.title, RequestRow.category,
          RequestRow.subcategory, RequestRow.requester_unit, RequestRow.state,
          RequestRow.received_at, RequestRow.created_at, RequestRow.expiry_date,
          RequestRow.public_url)


def briefs(session: Session, where: Any = None,
           ids: Iterable[int] | None = None) -> dict[int, RequestBrief]:
    """Short facts of requests (by a condition, or by id), keyed by id."""
    query = select(*_BRIEF)
    if where is not None:
        query = query.where(where)
    out: dict[int, RequestBrief] = {}
    if ids is not None:
        wanted = sorted(set(ids))
        for at in range(0, len(wanted), 500):
            part = query.where(RequestRow.id.in_(wanted[at:at + 500]))
            out.update((r[0], RequestBrief(*r)) for r in session.execute(part))
        return out
    return {r[0]: RequestBrief(*r) for r in session.execute(query)}


def briefs_received(session: Session, start: datetime, until: datetime) -> dict[int,
                                                                              RequestBrief]:
    return briefs(session, _received_in(start, until))


@dataclass(frozen=True)
class Event:
    request_id: int
    action: str
    at: datetime
    actor_name: str
    details: dict[str, Any]


def events(session: Session, actions: Iterable[str], start: datetime, until: datetime,
           request_ids: Iterable[int] | None = None) -> list[Event]:
    """Audit rows of the given actions in ``[start, until)`` (or for the given requests)."""
    query = select(AuditRow.request_id, AuditRow.action, AuditRow.at, AuditRow.actor_name,
                   AuditRow.details).where(AuditRow.action.in_(list(actions)),
                                           AuditRow.request_id.is_not(None))
    if request_ids is None:
        query = query.where(AuditRow.at >= start, AuditRow.at < until)
    else:
        query = query.where(AuditRow.request_id.in_(sorted(set(request_ids))))
    out = []
    for request_id, action, at, actor, details in session.execute(query.order_by(AuditRow.id)):
        try:
            parsed = json.loads(details or "{}")
        except ValueError:
            parsed = {}
        out.append(Event(int(request_id or 0), action, at, actor or "",
                         parsed if isinstance(parsed, dict) else {}))
    return out


def first_published(session: Session, request_ids: Iterable[int]) -> dict[int, datetime]:
    """When each request first went on the site (its first publish event)."""
    wanted = sorted(set(request_ids))
    out: dict[int, datetime] = {}
    for at in range(0, len(wanted), 500):
        query = (select(AuditRow.request_id, func.min(AuditRow.at))
                 .where(AuditRow.action == "state:publish",
                        AuditRow.request_id.in_(wanted[at:at + 500]))
                 .group_by(AuditRow.request_id))
        out.update((int(r or 0), t) for r, t in session.execute(query))
    return out


def attachment_totals(session: Session, start: datetime, until: datetime) -> dict[int,
                                                                                 tuple[int, int]]:
    """Current files (count, bytes) per request received in the period."""
    query = (select(AttachmentRow.request_id, func.count(AttachmentRow.id),
                    func.coalesce(func.sum(AttachmentRow.size), 0))
             .join(RequestRow, RequestRow.id == AttachmentRow.request_id)
             .where(AttachmentRow.superseded_at.is_(None), _received_in(start, until))
             .group_by(AttachmentRow.request_id))
    return {int(r): (int(n), int(size)) for r, n, size in session.execute(query)}


@dataclass(frozen=True)
class Publication:
    request_id: int
    url: str
    folder: str
    published_at: datetime
    taken_down_at: datetime | None
    archive_path: str


def publications(session: Session, *, taken_down_from: datetime | None = None,
                 taken_down_until: datetime | None = None,
                 live_on: datetime | None = None) -> list[Publication]:
    """Publications taken down in a period, or live at a moment."""
    query = select(PublicationRow.request_id, PublicationRow.url, PublicationRow.folder,
                   PublicationRow.published_at, PublicationRow.taken_down_at,
                   PublicationRow.archive_path)
    if taken_down_from is not None and taken_down_until is not None:
        query = query.where(PublicationRow.taken_down_at >= taken_down_from,
                            PublicationRow.taken_down_at < taken_down_until)
    if live_on is not None:
        query = query.where(PublicationRow.published_at < live_on,
                            PublicationRow.status.in_(("published", "taking_down", "taken_down")),
                            or_(PublicationRow.taken_down_at.is_(None),
                                PublicationRow.taken_down_at >= live_on))
    return [Publication(int(r[0]), r[1] or "", r[2] or "", r[3], r[4], r[5] or "")
            for r in session.execute(query.order_by(PublicationRow.id))]


def url_index(session: Session) -> list[tuple[int, str, str, str]]:
    """(request id, reference, title, public URL or publication URL) of everything ever
    published: maps log paths back to requests."""
    seen: list[tuple[int, str, str, str]] = []
    query = (select(RequestRow.id, RequestRow.reference, RequestRow.title, PublicationRow.url)
             .join(PublicationRow, PublicationRow.request_id == RequestRow.id))
    seen.extend((int(i), ref, title, url or "") for i, ref, title, url in session.execute(query))
    query2 = select(RequestRow.id, RequestRow.reference, RequestRow.title,
                    RequestRow.public_url).where(RequestRow.public_url != "")
    seen.extend((int(i), ref, title, url) for i, ref, title, url in session.execute(query2))
    return seen


def audit_action_counts(session: Session, start: datetime, until: datetime
                        ) -> list[tuple[str, int]]:
    count = func.count(AuditRow.id)
    query = (select(AuditRow.action, count).where(AuditRow.at >= start, AuditRow.at < until)
             .group_by(AuditRow.action).order_by(count.desc(), AuditRow.action))
    return [(a, int(n)) for a, n in session.execute(query)]


def audit_actor_counts(session: Session, start: datetime, until: datetime
                       ) -> list[tuple[str, int]]:
    count = func.count(AuditRow.id)
    query = (select(AuditRow.actor_name, count).where(AuditRow.at >= start, AuditRow.at < until)
             .group_by(AuditRow.actor_name).order_by(count.desc(), AuditRow.actor_name))
    return [(a or "", int(n)) for a, n in session.execute(query)]


def sftp_results(session: Session, start: datetime, until: datetime) -> dict[str, int]:
    """SFTP sessions of the period by result (ok / failed / error)."""
    out: dict[str, int] = {}
    query = select(AuditRow.details).where(AuditRow.action == "sftp_session",
                                           AuditRow.at >= start, AuditRow.at < until)
    for (details,) in session.execute(query):
        try:
            result = str(json.loads(details or "{}").get("result", ""))
        except (ValueError, AttributeError):
            result = ""
        out[result or "?"] = out.get(result or "?", 0) + 1
    return out


def audit_head(session: Session) -> tuple[int, str]:
    head = session.get(AuditHeadRow, 1)
    return (head.last_id, head.last_hash) if head is not None else (0, "")


def references(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    out: dict[int, str] = {}
    for at in range(0, len(wanted), 500):
        query = select(RequestRow.id, RequestRow.reference).where(
            RequestRow.id.in_(wanted[at:at + 500]))
        out.update((int(i), ref) for i, ref in session.execute(query))
    return out


def full_names(session: Session) -> dict[str, str]:
    """User name -> full name (for "by whom" in the reports)."""
    return {name: full or name for name, full in
            session.execute(select(UserRow.username, UserRow.full_name))}
