"""Sign-off rows: every one (for verification), or a request's live approvals."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import SignoffRow


def all_signoffs(session: Session, batch: int = 2000) -> Iterator[SignoffRow]:
    last = 0
    while True:
        rows = session.execute(select(SignoffRow).where(SignoffRow.id > last)
                               .order_by(SignoffRow.id).limit(batch)).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def live_approvals(session: Session, request_id: int) -> list[SignoffRow]:
    """The approvals of the current round (not voided), in step order."""
    return list(session.execute(
        select(SignoffRow).where(SignoffRow.request_id == request_id,
                                 SignoffRow.decision == "approve",
                                 SignoffRow.voided_at.is_(None))
        .order_by(SignoffRow.step, SignoffRow.id)).scalars())


def live_signoffs(session: Session, request_id: int) -> list[SignoffRow]:
    """Every decision of the request that is not voided (approvals, rejections, returns)."""
    return list(session.execute(select(SignoffRow).where(
        SignoffRow.request_id == request_id, SignoffRow.voided_at.is_(None))).scalars())


def latest_approved_hash(session: Session, request_id: int) -> str | None:
    return session.execute(
        select(SignoffRow.manifest_hash).where(SignoffRow.request_id == request_id,
                                               SignoffRow.decision == "approve",
                                               SignoffRow.voided_at.is_(None))
        .order_by(SignoffRow.id.desc())).scalars().first()


def of_request(session: Session, request_id: int) -> list[SignoffRow]:
    """Every decision on a request, voided or not, in the order they were made."""
    return list(session.execute(select(SignoffRow).where(SignoffRow.request_id == request_id)
                                .order_by(SignoffRow.id)).scalars())


def unsigned_approvals_by(session: Session, approver_id: int) -> list[SignoffRow]:
    """This approver's live approvals that carry no signature (made before keys existed)."""
    return list(session.execute(select(SignoffRow).where(
        SignoffRow.approver_id == approver_id, SignoffRow.decision == "approve",
        SignoffRow.voided_at.is_(None), SignoffRow.signature == "")
        .order_by(SignoffRow.request_id)).scalars())
