"""The approver inbox: what awaits this person's signature (or a delegator's), most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.signoff import SIGNATURE_SETTING, SignoffOptions, options_in
from desktop.store import audit
from desktop.store.models import RequestRow, SignoffRow, UserRow

MAX_INBOX = 500


@dataclass(frozen=True)
class InboxItem:
    request_id: int
    reference: str
    title: str
    category: str
    requester_unit: str
    received_at: datetime | None
    due: date | None
    overdue: bool
    step: int
    total_steps: int
    step_title: Localized
    on_behalf_of: tuple[str, ...]  # names of the approvers this person may sign for
    may_sign_self: bool


@dataclass(frozen=True)
class SignoffView:
    step: int
    decision: str
    name: str
    position: str
    on_behalf_of: str
    decided_at: datetime
    workstation: str
    reason: str
    voided: bool


@dataclass(frozen=True)
class InboxDetail:
    detail: rq.RequestDetail
    options: SignoffOptions
    notes: tuple[audit.AuditEntry, ...]  # the webmaster's check notes: reasons and comments
    signoffs: tuple[SignoffView, ...]


def _sort_key(item: InboxItem) -> tuple[date, datetime, int]:
    return (item.due or date.max, item.received_at or datetime.max, item.request_id)


def approver_inbox(ctx: AppContext, user: User) -> list[InboxItem]:
    """Requests awaiting a signature this person may give now, by SLA due date."""
    sla = ctx.sla()
    today = ctx.today()
    items: list[InboxItem] = []
    with ctx.db.read() as session:
        rows = session.execute(
            select(RequestRow).where(RequestRow.state == RequestState.AWAITING_APPROVAL.value)
            .order_by(RequestRow.received_at, RequestRow.id).limit(MAX_INBOX)).scalars().all()
        for row in rows:
            options = options_in(session, ctx, user, row)
            if not options.may_sign:
                continue
            due = sla.publish_due(row.received_at) if row.received_at else None
            items.append(InboxItem(
                request_id=row.id, reference=row.reference, title=row.title,
                category=row.category, requester_unit=row.requester_unit,
                received_at=row.received_at, due=due, overdue=due is not None and today > due,
                step=options.step, total_steps=options.total_steps,
                step_title=options.step_title,
                on_behalf_of=tuple(u.full_name for u in options.on_behalf_choices),
                may_sign_self=options.may_sign_self))
    items.sort(key=_sort_key)
    return items


def signoffs_of_in(session: Session, request_id: int) -> list[SignoffView]:
    result = []
    for s in session.execute(select(SignoffRow).where(SignoffRow.request_id == request_id)
                             .order_by(SignoffRow.id)).scalars():
        behalf = session.get(UserRow, s.on_behalf_of_id) if s.on_behalf_of_id else None
        result.append(SignoffView(s.step, s.decision, s.approver_name, s.approver_position,
                                  behalf.full_name if behalf else "", s.decided_at,
                                  s.workstation, s.reason, s.voided_at is not None))
    return result


def inbox_detail(ctx: AppContext, user: User, request_id: int) -> InboxDetail:
    """Everything the approver needs to decide: content, manifest, check notes, history."""
    detail = rq.get_request(ctx, user, request_id)
    required = bool(ctx.setting(SIGNATURE_SETTING, False))
    with ctx.db.read() as session:
        row = rq._load(session, request_id)
        options = options_in(session, ctx, user, row, required)
        signoffs = signoffs_of_in(session, request_id)
    notes = tuple(h for h in detail.history
                  if str(h.details.get("reason") or h.details.get("comment") or "").strip())
    return InboxDetail(detail, options, notes, tuple(signoffs))
