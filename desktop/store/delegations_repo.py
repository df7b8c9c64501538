"""Delegation rows (ปฏิบัติราชการแทน): who may sign for whom, from when to when."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.store.models import DelegationRow, UserRow


def get(session: Session, delegation_id: int) -> DelegationRow | None:
    return session.get(DelegationRow, delegation_id)


def of_person(session: Session, user_id: int | None) -> list[DelegationRow]:
    """Delegations ``user_id`` gave or received; every one when ``user_id`` is None."""
    query = select(DelegationRow).order_by(DelegationRow.starts_on.desc(), DelegationRow.id)
    if user_id is not None:
        query = query.where(or_(DelegationRow.delegator_id == user_id,
                                DelegationRow.delegate_id == user_id))
    return list(session.execute(query).scalars())


def delegators_on(session: Session, delegate_id: int, day: date) -> list[UserRow]:
    """The (active) people who let ``delegate_id`` sign for them on ``day``."""
    rows = session.execute(
        select(UserRow).join(DelegationRow, DelegationRow.delegator_id == UserRow.id)
        .where(DelegationRow.delegate_id == delegate_id, DelegationRow.revoked_at.is_(None),
               DelegationRow.starts_on <= day, DelegationRow.ends_on >= day)
        .order_by(UserRow.full_name)).scalars().unique().all()
    return [r for r in rows if r.active]
