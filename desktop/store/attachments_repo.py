"""Attachment rows: where else a file's content is attached, and how many versions exist."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.models import AttachmentRow, RequestRow


def other_requests_with(session: Session, sha256: str, request_id: int
                        ) -> list[tuple[int, str, str, str]]:
    """(id, reference, title, state) of other requests holding the same content."""
    rows = session.execute(
        select(RequestRow.id, RequestRow.reference, RequestRow.title, RequestRow.state)
        .join(AttachmentRow, AttachmentRow.request_id == RequestRow.id)
        .where(AttachmentRow.sha256 == sha256, RequestRow.id != request_id)
        .distinct()).all()
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def count_versions(session: Session, request_id: int) -> int:
    return int(session.execute(select(func.count()).select_from(AttachmentRow)
                               .where(AttachmentRow.request_id == request_id)).scalar_one())
