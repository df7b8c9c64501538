"""Delegation (ปฏิบัติราชการแทน): an approver lets another person sign for them over a date range.

The delegate signs with their own account and password; the sign-off records "on behalf of".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.errors import NotFound, PermissionDenied, UserError
from desktop.domain.messages import MessageCode
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.services.actors import acting_in
from desktop.services.auth import to_user
from desktop.services.context import AppContext
from desktop.store import audit, delegations_repo, users_repo
from desktop.store.database import Session
from desktop.store.models import DelegationRow, UserRow


class DelegationMessage(MessageCode):
    DELEGATION_SELF = (
        "delegation_self",
        "ไม่สามารถมอบหมายให้ตนเองปฏิบัติราชการแทนได้",
        "You cannot delegate to yourself.",
    )
    DELEGATION_RANGE = (
        "delegation_range",
        "วันสิ้นสุดการมอบหมายต้องไม่ก่อนวันเริ่มต้น",
        "The delegation must not end before it starts.",
    )
    DELEGATION_NOT_APPROVER = (
        "delegation_not_approver",
        "{name} ไม่ใช่ผู้อนุมัติ จึงมอบหมายอำนาจอนุมัติไม่ได้",
        "{name} is not an approver, so has no sign-off to delegate.",
    )
    DELEGATION_NOT_ALLOWED = (
        "delegation_not_allowed",
        "มอบหมายได้เฉพาะผู้อนุมัติเจ้าของอำนาจหรือผู้ดูแลระบบ",
        "Only the approver themselves or an admin may set up a delegation.",
    )
    DELEGATION_NOT_FOUND = (
        "delegation_not_found",
        "ไม่พบการมอบหมายเลขที่ {id}", "No delegation number {id}.",
    )
    DELEGATION_NOT_ACTIVE = (
        "delegation_not_active",
        "ไม่มีการมอบหมายให้ท่านปฏิบัติราชการแทน {name} ในวันนี้",
        "There is no delegation for you to act for {name} today.",
    )



@dataclass(frozen=True)
class Delegation:
    id: int
    delegator_id: int
    delegator_name: str
    delegate_id: int
    delegate_name: str
    starts_on: date
    ends_on: date
    note: str = ""
    revoked: bool = False

    def active_on(self, day: date) -> bool:
        return not self.revoked and self.starts_on <= day <= self.ends_on


def _user_row(session: Session, user_id: int) -> UserRow:
    row = users_repo.by_id(session, user_id)
    if row is None:
        raise NotFound("user_not_found", name=str(user_id))
    return row


def _to_delegation(session: Session, row: DelegationRow) -> Delegation:
    return Delegation(id=row.id, delegator_id=row.delegator_id,
                      delegator_name=_user_row(session, row.delegator_id).full_name,
                      delegate_id=row.delegate_id,
                      delegate_name=_user_row(session, row.delegate_id).full_name,
                      starts_on=row.starts_on, ends_on=row.ends_on, note=row.note,
                      revoked=row.revoked_at is not None)


def create_delegation(ctx: AppContext, actor: User, delegator_id: int, delegate_id: int,
                      starts_on: date, ends_on: date, note: str = "") -> Delegation:
    """The approver (or an admin for them) names a delegate for ``starts_on``..``ends_on``."""
    if actor.id != delegator_id and Role.ADMIN not in actor.roles:
        raise PermissionDenied(DelegationMessage.DELEGATION_NOT_ALLOWED)
    if delegator_id == delegate_id:
        raise UserError(DelegationMessage.DELEGATION_SELF)
    if ends_on < starts_on:
        raise UserError(DelegationMessage.DELEGATION_RANGE)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, now=ctx.now())
        if actor.id != delegator_id and Role.ADMIN not in actor.roles:
            raise PermissionDenied(DelegationMessage.DELEGATION_NOT_ALLOWED)
        delegator = _user_row(session, delegator_id)
        _user_row(session, delegate_id)
        if Role.APPROVER not in to_user(delegator).roles:
            raise UserError(DelegationMessage.DELEGATION_NOT_APPROVER, name=delegator.full_name)
        row = DelegationRow(delegator_id=delegator_id, delegate_id=delegate_id,
                            starts_on=starts_on, ends_on=ends_on, note=note.strip(),
                            created_by=actor.id, created_at=ctx.now())
        session.add(row)
        session.flush()
        audit.append(session, action="delegation_created", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                     details={"delegation_id": row.id, "delegator_id": delegator_id,
                              "delegate_id": delegate_id, "from": starts_on.isoformat(),
                              "to": ends_on.isoformat()})
        return _to_delegation(session, row)


def revoke_delegation(ctx: AppContext, actor: User, delegation_id: int) -> None:
    with ctx.db.write() as session:
        actor = acting_in(session, actor, now=ctx.now())
        row = delegations_repo.get(session, delegation_id)
        if row is None:
            raise NotFound(DelegationMessage.DELEGATION_NOT_FOUND, id=delegation_id)
        if actor.id != row.delegator_id and Role.ADMIN not in actor.roles:
            raise PermissionDenied(DelegationMessage.DELEGATION_NOT_ALLOWED)
        row.revoked_at = ctx.now()
        audit.append(session, action="delegation_revoked", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                     details={"delegation_id": row.id})


def list_delegations(ctx: AppContext, user: User) -> list[Delegation]:
    """Delegations this person gave or received (an admin sees all)."""
    with ctx.db.read() as session:
        rows = delegations_repo.of_person(session, None if Role.ADMIN in user.roles
                                          else user.id)
        return [_to_delegation(session, r) for r in rows]


def delegators_in(session: Session, delegate_id: int, day: date) -> list[User]:
    """The approvers for whom ``delegate_id`` may sign on ``day``."""
    return [to_user(r) for r in delegations_repo.delegators_on(session, delegate_id, day)]


def acting_for_in(session: Session, delegate: User, delegator_id: int, day: date) -> User:
    """The delegator, when ``delegate`` may act for them on ``day``; else a user error."""
    for user in delegators_in(session, delegate.id, day):
        if user.id == delegator_id:
            return user
    name = _user_row(session, delegator_id).full_name
    raise PermissionDenied(DelegationMessage.DELEGATION_NOT_ACTIVE, name=name)


def delegators_today(ctx: AppContext, delegate: User) -> list[User]:
    with ctx.db.read() as session:
        return delegators_in(session, delegate.id, ctx.today())
