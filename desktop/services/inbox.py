"""The approver inbox: what awaits this person's signature (or a delegator's), most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.signoff import SignoffOptions, options_in, signature_required
from desktop.store import audit, requests_repo, signoffs_repo, users_repo
from desktop.store.database import Session

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
    # Approved before signing keys existed: this person must sign it again to publish it.
    needs_resign: bool = False


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
    signed: bool = True    # False: made before signing keys existed (to be signed again)


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
        rows = requests_repo.in_state(session, RequestState.AWAITING_APPROVAL, MAX_INBOX)
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
        items.extend(_to_sign_again(session, ctx, user))
    items.sort(key=_sort_key)
    return items


def _to_sign_again(session: Session, ctx: AppContext, user: User) -> list[InboxItem]:
    """Approvals this person gave before keys existed, on requests not yet published."""
    found = []
    for signoff in signoffs_repo.unsigned_approvals_by(session, user.id):
        row = requests_repo.load(session, signoff.request_id)
        if RequestState(row.state) != RequestState.APPROVED:
            continue
        due = ctx.sla().publish_due(row.received_at) if row.received_at else None
        found.append(InboxItem(
            request_id=row.id, reference=row.reference, title=row.title,
            category=row.category, requester_unit=row.requester_unit,
            received_at=row.received_at, due=due,
            overdue=due is not None and ctx.today() > due, step=signoff.step,
            total_steps=signoff.step, step_title=Localized("ลงนามอีกครั้ง", "Sign again"),
            on_behalf_of=(), may_sign_self=False, needs_resign=True))
    return found


def signoffs_of_in(session: Session, request_id: int) -> list[SignoffView]:
    result = []
    for s in signoffs_repo.of_request(session, request_id):
        behalf = users_repo.by_id(session, s.on_behalf_of_id) if s.on_behalf_of_id else None
        result.append(SignoffView(s.step, s.decision, s.approver_name, s.approver_position,
                                  behalf.full_name if behalf else "", s.decided_at,
                                  s.workstation, s.reason, s.voided_at is not None,
                                  bool(s.signature)))
    return result


def inbox_detail(ctx: AppContext, user: User, request_id: int) -> InboxDetail:
    """Everything the approver needs to decide: content, manifest, check notes, history."""
    detail = rq.get_request(ctx, user, request_id)
    required = signature_required(ctx)
    with ctx.db.read() as session:
        row = requests_repo.load(session, request_id)
        options = options_in(session, ctx, user, row, required)
        signoffs = signoffs_of_in(session, request_id)
    notes = tuple(h for h in detail.history
                  if str(h.details.get("reason") or h.details.get("comment") or "").strip())
    return InboxDetail(detail, options, notes, tuple(signoffs))
