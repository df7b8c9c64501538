"""Use cases on requests: register, edit, move through the workflow, query the queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from desktop.domain.errors import NotFound, PermissionDenied, UserError
from desktop.domain.manifest import manifest_hash
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.request import PublicationRequest, validate_for_draft, validate_for_submit
from desktop.domain.text_safety import one_line
from desktop.domain.users import User
from desktop.domain.workflow import (
    EDITABLE_STATES,
    SIGN_OFF_ACTIONS,
    Action,
    Actors,
    RequestState,
    Role,
    Transition,
    actions_from,
    check_transition,
    localized,
    may_fire,
)
from desktop.services.actors import acting_in
from desktop.services.context import AppContext

# The queue's reads live in queue_page; these names stay importable from here.
from desktop.services.queue_page import (  # noqa: E402,F401
    RequestQuery,
    RequestSummary,
    count_requests,
    list_requests,
    waiting_for_in,
)
from desktop.store import audit, requests_repo, signoffs_repo
from desktop.store.database import Session
from desktop.store.mapping import apply_request, to_request
from desktop.store.models import RequestRow
from desktop.store.request_detail import read_detail


class RequestsMessage(MessageCode):
    PERIOD_NOT_PUBLISHED = (
        "period_not_published",
        "เปลี่ยนระยะเวลาเผยแพร่ได้เฉพาะรายการที่เผยแพร่อยู่ (สถานะตอนนี้: {state}) "
        "รายการที่ยังไม่เผยแพร่ให้แก้ไขวันที่ในคำขอ",
        "Only a published item's period can be changed this way (now: {state}); before "
        "publishing, edit the request's dates.",
    )
    PERIOD_IN_PAST = (
        "period_in_past",
        "วันสิ้นสุดการเผยแพร่ {until} ผ่านไปแล้ว",
        "The end of the period, {until}, is in the past.",
    )
    PERIOD_BEFORE_PUBLISH = (
        "period_before_publish",
        "วันสิ้นสุด {until} อยู่ก่อนวันเผยแพร่ {publish}",
        "The end, {until}, is before the publish date {publish}.",
    )
    ELSEWHERE_URL = (
        "elsewhere_url",
        "ที่อยู่เว็บ “{url}” ไม่ถูกต้อง (ต้องขึ้นต้นด้วย https:// หรือ http://)",
        "“{url}” is not a web address (it must start with https:// or http://).",
    )
    ELSEWHERE_NOT_APPROVED = (
        "elsewhere_not_approved",
        "บันทึกว่าเผยแพร่แล้วได้เฉพาะคำขอที่อนุมัติแล้ว (สถานะตอนนี้: {state})",
        "Only an approved request can be recorded as published (now: {state}).",
    )
    ELSEWHERE_REASON = (
        "elsewhere_reason",
        "กรุณาระบุเหตุผลที่เผยแพร่ด้วยวิธีอื่น",
        "Give the reason it was published another way.",
    )
    STALE_EDIT = (
        "stale_edit",
        "คำขอ {reference} ถูกแก้ไขโดย {name} เมื่อ {time} หลังจากที่ท่านเปิดไว้ "
        "กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง (ข้อความที่ท่านพิมพ์ยังไม่หายไป)",
        "{reference} was changed by {name} at {time} after you opened it. Reload it and make "
        "your change again (what you typed is not lost).",
    )



_load = requests_repo.load          # (for modules not yet moved to requests_repo.load)
_actors = requests_repo.actors


def find_request_id(ctx: AppContext, text: str) -> int:
    """A request named by its number ("6") or its WD reference ("WD-2569-00006")."""
    value = text.strip()
    if value.isdigit():
        return int(value)
    with ctx.db.read() as session:
        found = requests_repo.find_id(session, value.upper())
    if found is None:
        raise NotFound("request_not_found", request_id=value)
    return int(found)


def register_request(ctx: AppContext, actor: User, request: PublicationRequest) -> int:
    """A webmaster registers a request a unit sent in; it starts as a draft."""
    validate_for_draft(request)
    now = ctx.now()
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=now)
        row = RequestRow(reference=requests_repo.next_reference(session, now),
                         state=RequestState.DRAFT.value, created_by=actor.id, created_at=now,
                         updated_at=now, state_changed_at=now, content_version=1, version=1,
                         updated_by=actor.id)
        apply_request(row, request)
        if row.received_at is None:
            row.received_at = now
        session.add(row)
        session.flush()
        audit.append(session, action="request_registered", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=now,
                     request_id=row.id, details={"reference": row.reference,
                                                 "title": row.title})
        return row.id


def check_transition_role(actor: User, what: str) -> None:
    if Role.WEBMASTER not in actor.roles:
        raise PermissionDenied("role_required", action=what,
                               roles=[localized(Role.WEBMASTER)])


def ensure_current(session: Session, row: RequestRow, version: int) -> None:
    """Refuse an edit made from an older version of the request (someone else saved since):
    nothing is overwritten; the message names who changed it and when."""
    if version and version != (row.version or 1):
        when = row.updated_at.strftime("%d/%m/") + str(row.updated_at.year + 543) + \
            row.updated_at.strftime(" %H:%M")
        raise UserError(RequestsMessage.STALE_EDIT, reference=row.reference,
                        name=requests_repo.name_of(session, row.updated_by) or "-", time=when)


def update_request(ctx: AppContext, actor: User, request_id: int,
                   request: PublicationRequest) -> PublicationRequest:
    """Edit the content.  After a sign-off, a change voids it: back to review.  An edit made
    from an older version (``request.version``) is refused: no lost update."""
    validate_for_draft(request)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        row = _load(session, request_id, lock=True)
        ensure_current(session, row, request.version)
        state = RequestState(row.state)
        if state not in EDITABLE_STATES:
            raise UserError("illegal_transition", action=localized_edit(), state=localized(state))
        before = manifest_hash(to_request(row))
        apply_request(row, request)
        session.flush()
        after_request = to_request(row)
        if manifest_hash(after_request) != before:
            row.content_version += 1
            requests_repo.touched(session, row, actor.id, ctx.now())
            requests_repo.mark_editor(session, row.id, actor.id)
            audit.append(session, action="request_edited", actor_id=actor.id,
                         actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                         request_id=row.id, details={"manifest_hash": manifest_hash(after_request),
                                                     "version": row.version})
            void_signoffs_if_needed(session, ctx, row, "content changed after sign-off")
        return to_request(row)


def change_publication_period(ctx: AppContext, actor: User, request_id: int, until: date,
                              reason: str = "") -> date | None:
    """A webmaster extends or shortens the period of a published item (its takedown date);
    audited with the old and new dates.  Returns the old date."""
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        row = _load(session, request_id, lock=True)
        if RequestState(row.state) != RequestState.PUBLISHED:
            raise UserError(RequestsMessage.PERIOD_NOT_PUBLISHED,
                            state=localized(RequestState(row.state)))
        if until < ctx.today():
            raise UserError(RequestsMessage.PERIOD_IN_PAST, until=until.isoformat())
        if row.publish_date is not None and until < row.publish_date:
            raise UserError(RequestsMessage.PERIOD_BEFORE_PUBLISH, until=until.isoformat(),
                            publish=row.publish_date.isoformat())
        before = row.expiry_date
        row.expiry_date = until
        requests_repo.touched(session, row, actor.id, ctx.now())
        audit.append(session, action="publication_period_changed", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                     request_id=row.id,
                     details={"from": before.isoformat() if before else None,
                              "to": until.isoformat(), "reason": reason.strip()})
        return before


def record_published_elsewhere(ctx: AppContext, admin: User, request_id: int, url: str,
                               reason: str) -> RequestState:
    """An admin records that an approved request went on the site another way (a CMS, by
    hand): nothing is uploaded; the URL and the reason are audited.  The approvals must still
    verify — nothing unapproved can be marked published."""
    from desktop.services.signature_check import check_in

    url, reason = url.strip(), reason.strip()
    if not url.lower().startswith(("https://", "http://")) or len(url) > 2000 \
            or one_line(url) != url or " " in url:    # no control/bidi characters, no spaces
        raise UserError(RequestsMessage.ELSEWHERE_URL, url=one_line(url)[:80])
    if not reason:
        raise UserError(RequestsMessage.ELSEWHERE_REASON)
    with ctx.db.write() as session:
        admin = acting_in(session, admin, Role.ADMIN, now=ctx.now())
        row = _load(session, request_id, lock=True)
        if RequestState(row.state) != RequestState.APPROVED:
            raise UserError(RequestsMessage.ELSEWHERE_NOT_APPROVED,
                            state=localized(RequestState(row.state)))
        report = check_in(session, ctx, row)
        if not report.ok:
            raise UserError("signoff_not_verified", reference=row.reference,
                            problems="; ".join(report.problems()))
        row.public_url = url
        row.published_at = ctx.now()
        _set_state(session, ctx, row, RequestState.PUBLISHED, Action.PUBLISH, admin, reason,
                   extra={"published_elsewhere": True, "url": url})
        return RequestState.PUBLISHED


def localized_edit() -> Localized:
    return Localized("แก้ไข", "edit")


def void_signoffs_if_needed(session: Session, ctx: AppContext, row: RequestRow,
                            reason: str) -> bool:
    """Any change after a sign-off voids it: back to review, audited."""
    state = RequestState(row.state)
    live = signoffs_repo.live_signoffs(session, row.id)
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
    requests_repo.touched(session, row, actor.id if actor else None, ctx.now())
    details: dict[str, object] = {"from": before, "to": target.value}
    if reason:
        details["reason"] = reason
    if extra:
        details.update(extra)
    audit.append(session, action=f"state:{action.value}",
                 actor_id=actor.id if actor else None,
                 actor_name=actor.username if actor else "system", at=ctx.now(),
                 workstation=ctx.workstation, request_id=row.id, details=details)


def perform_action(ctx: AppContext, actor: User, request_id: int, action: Action,
                   reason: str | None = None) -> RequestState:
    """Fire one workflow transition, with its audit row, in one transaction."""
    if action in SIGN_OFF_ACTIONS:
        # Sign-off decisions need the approver's password: desktop.services.signoff.decide.
        raise PermissionDenied("reauth_required")
    if action == Action.VOID_SIGNOFF:
        raise PermissionDenied("role_required", action=action.value, roles=["system"])
    if action in (Action.SEND_FOR_APPROVAL, Action.PUBLISH):
        with ctx.db.read() as session:  # the slow checklist, before the write lock is taken
            fresh = acting_in(session, actor, now=ctx.now())
            _check(session, ctx, fresh, _load(session, request_id), action, reason)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, now=ctx.now())
        row = _load(session, request_id, lock=True)
        return fire(session, ctx, actor, row, action, reason)


def fire(session: Session, ctx: AppContext, actor: User, row: RequestRow, action: Action,
         reason: str | None, extra: dict[str, object] | None = None) -> RequestState:
    """Check and apply a transition inside the caller's transaction."""
    transition = _check(session, ctx, actor, row, action, reason)
    if transition.is_check:
        requests_repo.mark_checker(session, row.id, actor.id)
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
                                              actor.id, requests_repo.actors(session, row),
                                              reason)
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
    signed = signoffs_repo.latest_approved_hash(session, row.id)
    if signed is None or signed != current:
        raise UserError("manifest_mismatch")
    return current


@dataclass(frozen=True)
class RequestDetail:
    request: PublicationRequest
    actors: Actors
    allowed: tuple[Action, ...]
    history: tuple[audit.AuditEntry, ...]
    created_at: datetime
    updated_at: datetime
    extra: dict[str, object] = field(default_factory=dict)

    @cached_property
    def manifest_hash(self) -> str:
        """The content fingerprint of ``request`` (computed when asked: the detail pane does
        not show it)."""
        return manifest_hash(self.request)


def allowed_actions(actor: User, state: RequestState, actors: Actors) -> tuple[Action, ...]:
    return tuple(t.action for t in actions_from(state)
                 if may_fire(t, actor.roles, actor.id, actors))


def get_request(ctx: AppContext, actor: User, request_id: int) -> RequestDetail:
    """The request with its files, history and actors: one statement (one snapshot)."""
    rows = read_detail(ctx.db, request_id)
    request = rows.request
    return RequestDetail(
        request=request, actors=rows.actors,
        allowed=allowed_actions(actor, request.state, rows.actors), history=rows.history,
        created_at=rows.created_at, updated_at=rows.updated_at)
