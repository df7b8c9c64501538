"""Attachment rows: where else a file's content is attached, and how many versions exist."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.models import AttachmentRow, RequestRow


def other_requests_with(session: Session, sha256: str, request_id: int, limit: int = 20
                        ) -> list[tuple[int, str, str, str]]:
    """(id, reference, title, state) of the most recent other requests (at most ``limit``)
    holding the same content: a form attached to thousands of requests over the years must
    not bring them all back."""
    holders = (select(AttachmentRow.request_id)
               .where(AttachmentRow.sha256 == sha256, AttachmentRow.request_id != request_id)
               .distinct().order_by(AttachmentRow.request_id.desc()).limit(limit).subquery())
    rows = session.execute(
        select(RequestRow.id, RequestRow.reference, RequestRow.title, RequestRow.state)
        .where(RequestRow.id.in_(select(holders.c.request_id)))
        .order_by(RequestRow.id.desc())).all()
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def count_versions(session: Session, request_id: int) -> int:
    return int(session.execute(select(func.count()).select_from(AttachmentRow)
                               .where(AttachmentRow.request_id == request_id)).scalar_one())
