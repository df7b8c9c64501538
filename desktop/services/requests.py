"""Use cases on requests: register, edit, move through the workflow, query the queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.errors import NotFound, UserError
from desktop.domain.manifest import manifest_hash
from desktop.domain.request import PublicationRequest, validate_for_draft, validate_for_submit
from desktop.domain.users import User
from desktop.domain.workflow import (
    EDITABLE_STATES,
    SIGN_OFF_ACTIONS,
    Action,
    Actors,
    RequestState,
    Transition,
    actions_from,
    check_transition,
    may_fire,
)
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.mapping import apply_request, to_request
from desktop.store.models import RequestCheckerRow, RequestRow, SignoffRow


@dataclass(frozen=True)
class RequestSummary:
    """One row of the queue."""

    id: int
    reference: str
    title: str
    category: str
    state: RequestState
    requester_unit: str
    received_at: datetime | None
    due: date | None
    expiry_date: date | None
    attachment_count: int
    updated_at: datetime


@dataclass(frozen=True)
class RequestQuery:
    states: tuple[RequestState, ...] = ()
    category: str = ""
    text: str = ""
    offset: int = 0
    limit: int = 200
    # Published items whose expiry (takedown) date is on or before this day.
    due_by: date | None = None


def _actors(session: Session, row: RequestRow) -> Actors:
    checkers = session.execute(select(RequestCheckerRow.user_id)
                               .where(RequestCheckerRow.request_id == row.id)).scalars()
    return Actors(registered_by=row.created_by, checked_by=frozenset(checkers))


def _load(session: Session, request_id: int, *, lock: bool = False) -> RequestRow:
    query = select(RequestRow).where(RequestRow.id == request_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).scalar()
    if row is None:
        raise NotFound("request_not_found", request_id=request_id)
    return row


def find_request_id(ctx: AppContext, text: str) -> int:
    """A request named by its number ("6") or its WD reference ("WD-2569-00006")."""
    value = text.strip()
    if value.isdigit():
        return int(value)
    with ctx.db.read() as session:
        found = session.execute(select(RequestRow.id)
                                .where(RequestRow.reference == value.upper())).scalar()
    if found is None:
        raise NotFound("request_not_found", request_id=value)
    return int(found)


def _next_reference(session: Session, now: datetime) -> str:
    year_be = now.year + 543
    prefix = f"WD-{year_be}-"
    last = session.execute(select(func.max(RequestRow.reference))
                           .where(RequestRow.reference.like(f"{prefix}%"))).scalar()
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def register_request(ctx: AppContext, actor: User, request: PublicationRequest) -> int:
    """A webmaster registers a request a unit sent in; it starts as a draft."""
    check_transition_role(actor, "register")
    validate_for_draft(request)
    now = ctx.now()
    with ctx.db.write() as session:
        row = RequestRow(reference=_next_reference(session, now), state=RequestState.DRAFT.value,
                         created_by=actor.id, created_at=now, updated_at=now,
                         state_changed_at=now, content_version=1)
        apply_request(row, request)
        if row.received_at is None:
            row.received_at = now
        session.add(row)
        session.flush()
        audit.append(session, action="request_registered", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation,
                     request_id=row.id, details={"reference": row.reference,
                                                 "title": row.title})
        return row.id


def check_transition_role(actor: User, what: str) -> None:
    from desktop.domain.errors import PermissionDenied
    from desktop.domain.workflow import Role, localized

    if Role.WEBMASTER not in actor.roles:
        raise PermissionDenied("role_required", action=what,
                               roles=[localized(Role.WEBMASTER)])


def update_request(ctx: AppContext, actor: User, request_id: int,
                   request: PublicationRequest) -> PublicationRequest:
    """Edit the content.  After a sign-off, a change voids it: back to review."""
    check_transition_role(actor, "edit")
    validate_for_draft(request)
    with ctx.db.write() as session:
        row = _load(session, request_id, lock=True)
        state = RequestState(row.state)
        if state not in EDITABLE_STATES:
            from desktop.domain.workflow import localized
            raise UserError("illegal_transition", action="edit", state=localized(state))
        before = manifest_hash(to_request(row))
        apply_request(row, request)
        session.flush()
        after_request = to_request(row)
        if manifest_hash(after_request) != before:
            row.content_version += 1
            row.updated_at = ctx.now()
            audit.append(session, action="request_edited", actor_id=actor.id,
                         actor_name=actor.username, workstation=ctx.workstation,
                         request_id=row.id, details={"manifest_hash": manifest_hash(after_request)})
            void_signoffs_if_needed(session, ctx, row, "content changed after sign-off")
        return to_request(row)


def void_signoffs_if_needed(session: Session, ctx: AppContext, row: RequestRow,
                            reason: str) -> bool:
    """Any change after a sign-off voids it: back to review, audited."""
    state = RequestState(row.state)
    live = session.execute(select(SignoffRow).where(SignoffRow.request_id == row.id,
                                                    SignoffRow.voided_at.is_(None))).scalars().all()
    if not live and state not in (RequestState.AWAITING_APPROVAL, RequestState.APPROVED):
        return False
    now = ctx.now()
    for signoff in live:
        signoff.voided_at = now
        signoff.void_reason = reason
    if state in (RequestState.AWAITING_APPROVAL, RequestState.APPROVED):
        _set_state(session, ctx, row, RequestState.IN_REVIEW, Action.VOID_SIGNOFF, None, reason,
                   extra={"voided_signoffs": [s.id for s in live]})
    return True


def _set_state(session: Session, ctx: AppContext, row: RequestRow, target: RequestState,
               action: Action, actor: User | None, reason: str | None,
               extra: dict[str, object] | None = None) -> None:
    before = row.state
    row.state = target.value
    row.state_changed_at = ctx.now()
    row.updated_at = ctx.now()
    details: dict[str, object] = {"from": before, "to": target.value}
    if reason:
        details["reason"] = reason
    if extra:
        details.update(extra)
    audit.append(session, action=f"state:{action.value}",
                 actor_id=actor.id if actor else None,
                 actor_name=actor.username if actor else "system",
                 workstation=ctx.workstation, request_id=row.id, details=details)


def perform_action(ctx: AppContext, actor: User, request_id: int, action: Action,
                   reason: str | None = None) -> RequestState:
    """Fire one workflow transition, with its audit row, in one transaction."""
    if action in SIGN_OFF_ACTIONS:
        # Sign-off decisions need the approver's password: desktop.services.signoff.decide.
        from desktop.domain.errors import PermissionDenied
        raise PermissionDenied("reauth_required")
    if action == Action.VOID_SIGNOFF:
        from desktop.domain.errors import PermissionDenied
        raise PermissionDenied("role_required", action=action.value, roles=["system"])
    if action in (Action.SEND_FOR_APPROVAL, Action.PUBLISH):
        with ctx.db.read() as session:  # the slow checklist, before the write lock is taken
            _check(session, ctx, actor, _load(session, request_id), action, reason)
    with ctx.db.write() as session:
        row = _load(session, request_id, lock=True)
        return fire(session, ctx, actor, row, action, reason)


def fire(session: Session, ctx: AppContext, actor: User, row: RequestRow, action: Action,
         reason: str | None, extra: dict[str, object] | None = None) -> RequestState:
    """Check and apply a transition inside the caller's transaction."""
    transition = _check(session, ctx, actor, row, action, reason)
    if transition.is_check and not session.get(RequestCheckerRow, (row.id, actor.id)):
        session.add(RequestCheckerRow(request_id=row.id, user_id=actor.id))
    if action == Action.PUBLISH:
        row.published_at = ctx.now()
    if action == Action.TAKE_DOWN:
        row.taken_down_at = ctx.now()
    _set_state(session, ctx, row, transition.target, action, actor, reason, extra)
    return transition.target


def _check(session: Session, ctx: AppContext, actor: User, row: RequestRow, action: Action,
           reason: str | None) -> Transition:
    """Everything that may refuse ``action``, in the order a person should hear it.  The
    checklist result is kept by manifest hash, so a second call in the write transaction
    finds it (see :mod:`desktop.services.checklist`)."""
    transition: Transition = check_transition(action, RequestState(row.state), actor.roles,
                                              actor.id, _actors(session, row), reason)
    if action in (Action.SUBMIT, Action.RESUBMIT, Action.SEND_FOR_APPROVAL):
        request = to_request(row)
        validate_for_submit(request, ctx.catalogue.required_fields(request.category,
                                                                   request.subcategory))
    if action == Action.PUBLISH:
        ensure_matches_signoff(session, row)
    if action in (Action.SEND_FOR_APPROVAL, Action.PUBLISH):
        from desktop.services.checklist import ensure_checklist_passes

        ensure_checklist_passes(session, ctx, row)
    return transition


def ensure_matches_signoff(session: Session, row: RequestRow) -> str:
    """Publishing re-checks that what is published is exactly what was signed."""
    current = manifest_hash(to_request(row))
    signed = session.execute(
        select(SignoffRow.manifest_hash).where(SignoffRow.request_id == row.id,
                                               SignoffRow.decision == "approve",
                                               SignoffRow.voided_at.is_(None))
        .order_by(SignoffRow.id.desc())).scalars().first()
    if signed is None or signed != current:
        raise UserError("manifest_mismatch")
    return current


@dataclass(frozen=True)
class RequestDetail:
    request: PublicationRequest
    actors: Actors
    allowed: tuple[Action, ...]
    history: tuple[audit.AuditEntry, ...]
    manifest_hash: str
    created_at: datetime
    updated_at: datetime
    extra: dict[str, object] = field(default_factory=dict)


def allowed_actions(actor: User, state: RequestState, actors: Actors) -> tuple[Action, ...]:
    return tuple(t.action for t in actions_from(state)
                 if may_fire(t, actor.roles, actor.id, actors))


def get_request(ctx: AppContext, actor: User, request_id: int) -> RequestDetail:
    with ctx.db.read() as session:
        row = _load(session, request_id)
        request = to_request(row)
        actors = _actors(session, row)
        return RequestDetail(
            request=request, actors=actors,
            allowed=allowed_actions(actor, request.state, actors),
            history=tuple(audit.entries(session, request_id=request_id)),
            manifest_hash=manifest_hash(request), created_at=row.created_at,
            updated_at=row.updated_at)


def _filtered(query: Select, q: RequestQuery) -> Select:
    if q.states:
        query = query.where(RequestRow.state.in_([s.value for s in q.states]))
    if q.category:
        query = query.where(RequestRow.category == q.category)
    if q.due_by is not None:
        query = query.where(RequestRow.state == RequestState.PUBLISHED.value,
                            RequestRow.expiry_date.is_not(None),
                            RequestRow.expiry_date <= q.due_by)
    text = q.text.strip()
    if text:  # the words as typed: % and _ are escaped, not wildcards
        columns = (RequestRow.title, RequestRow.reference, RequestRow.requester_unit,
                   RequestRow.requester_name)
        query = query.where(or_(*(column.icontains(text, autoescape=True)
                                  for column in columns)))
    return query


def count_requests(ctx: AppContext, q: RequestQuery) -> int:
    with ctx.db.read() as session:
        return int(session.execute(_filtered(select(func.count()).select_from(RequestRow), q))
                   .scalar_one())


def list_requests(ctx: AppContext, q: RequestQuery) -> list[RequestSummary]:
    """One page of the queue (never every row)."""
    from desktop.store.models import AttachmentRow

    count = (select(func.count(AttachmentRow.id))
             .where(AttachmentRow.request_id == RequestRow.id,
                    AttachmentRow.superseded_at.is_(None)).correlate(RequestRow)
             .scalar_subquery())
    query = _filtered(select(RequestRow, count), q).order_by(RequestRow.updated_at.desc(),
                                                             RequestRow.id.desc())
    query = query.offset(max(q.offset, 0)).limit(max(1, min(q.limit, 1000)))
    sla = ctx.sla()
    with ctx.db.read() as session:
        result = []
        for row, n in session.execute(query).all():
            due = sla.publish_due(row.received_at) if row.received_at else None
            result.append(RequestSummary(
                id=row.id, reference=row.reference, title=row.title, category=row.category,
                state=RequestState(row.state), requester_unit=row.requester_unit,
                received_at=row.received_at, due=due, expiry_date=row.expiry_date,
                attachment_count=int(n or 0), updated_at=row.updated_at))
        return result
