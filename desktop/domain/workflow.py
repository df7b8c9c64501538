"""The request workflow of DESIGN.md expressed as data.

```
draft → submitted → in_review ─┬→ returned (reason) → (owner corrects)
                               │     → submitted
                               └→ awaiting_approval ─┬→ approved → published → taken_down
                                                     │                             → archived
                                                     ├→ rejected (reason; final, owner told why)
                                                     └→ returned (approver asks for changes)
any open state → withdrawn (owner's request);  editing content after sign-off voids the sign-off.
```
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.errors import IllegalTransition, PermissionDenied, UserError
from desktop.domain.messages import Localized


class RequestState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"
    TAKEN_DOWN = "taken_down"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"


class Role(StrEnum):
    WEBMASTER = "webmaster"
    APPROVER = "approver"
    ADMIN = "admin"
    SYSTEM = "system"  # the app itself (e.g. voiding a sign-off when content changes)
    SCHEDULER = "scheduler"  # the unattended `takedown --due` account: takes down due items only


class Action(StrEnum):
    SUBMIT = "submit"
    START_REVIEW = "start_review"
    RETURN_FOR_CORRECTION = "return_for_correction"
    RESUBMIT = "resubmit"
    SEND_FOR_APPROVAL = "send_for_approval"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    PUBLISH = "publish"
    TAKE_DOWN = "take_down"
    ARCHIVE = "archive"
    WITHDRAW = "withdraw"
    VOID_SIGNOFF = "void_signoff"


OPEN_STATES: frozenset[RequestState] = frozenset({
    RequestState.DRAFT, RequestState.SUBMITTED, RequestState.IN_REVIEW, RequestState.RETURNED,
    RequestState.AWAITING_APPROVAL, RequestState.APPROVED,
})
FINAL_STATES: frozenset[RequestState] = frozenset({
    RequestState.REJECTED, RequestState.ARCHIVED, RequestState.WITHDRAWN,
})
# Content may be edited in these states; editing in AWAITING_APPROVAL/APPROVED voids sign-offs.
EDITABLE_STATES: frozenset[RequestState] = frozenset({
    RequestState.DRAFT, RequestState.SUBMITTED, RequestState.IN_REVIEW, RequestState.RETURNED,
    RequestState.AWAITING_APPROVAL, RequestState.APPROVED,
})
# Actions whose actor must not have registered or checked the request.
SIGN_OFF_ACTIONS: frozenset[Action] = frozenset({
    Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES,
})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[RequestState]
    target: RequestState
    roles: frozenset[Role]
    reason_required: bool = False
    # True when this transition counts as "checking" the request (separation of duties).
    is_check: bool = False


def _t(action: Action, sources: set[RequestState] | frozenset[RequestState], target: RequestState,
       roles: set[Role], *, reason: bool = False, check: bool = False) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), reason, check)


S = RequestState
WEB = {Role.WEBMASTER}
APPROVER = {Role.APPROVER}

TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUBMIT, {S.DRAFT}, S.SUBMITTED, WEB),
    _t(Action.START_REVIEW, {S.SUBMITTED}, S.IN_REVIEW, WEB, check=True),
    _t(Action.RETURN_FOR_CORRECTION, {S.IN_REVIEW}, S.RETURNED, WEB, reason=True, check=True),
    _t(Action.RESUBMIT, {S.RETURNED}, S.SUBMITTED, WEB),
    _t(Action.SEND_FOR_APPROVAL, {S.IN_REVIEW}, S.AWAITING_APPROVAL, WEB, check=True),
    _t(Action.APPROVE, {S.AWAITING_APPROVAL}, S.APPROVED, APPROVER),
    _t(Action.REJECT, {S.AWAITING_APPROVAL}, S.REJECTED, APPROVER, reason=True),
    _t(Action.REQUEST_CHANGES, {S.AWAITING_APPROVAL}, S.RETURNED, APPROVER, reason=True),
    _t(Action.PUBLISH, {S.APPROVED}, S.PUBLISHED, WEB),
    # SCHEDULER: the scheduled `webdesk takedown --due` (only when the expiry date has come).
    _t(Action.TAKE_DOWN, {S.PUBLISHED}, S.TAKEN_DOWN, {Role.WEBMASTER, Role.SCHEDULER}),
    _t(Action.ARCHIVE, {S.TAKEN_DOWN}, S.ARCHIVED, {Role.WEBMASTER, Role.ADMIN}),
    _t(Action.WITHDRAW, OPEN_STATES, S.WITHDRAWN, WEB, reason=True),
    _t(Action.VOID_SIGNOFF, {S.AWAITING_APPROVAL, S.APPROVED}, S.IN_REVIEW, {Role.SYSTEM},
       reason=True),
)

_BY_ACTION: dict[Action, Transition] = {t.action: t for t in TRANSITIONS}

STATE_LABELS: dict[RequestState, tuple[str, str]] = {
    S.DRAFT: ("ร่าง", "Draft"),
    S.SUBMITTED: ("ส่งคำขอแล้ว", "Submitted"),
    S.IN_REVIEW: ("กำลังตรวจสอบ", "In review"),
    S.RETURNED: ("ส่งกลับแก้ไข", "Returned"),
    S.AWAITING_APPROVAL: ("รออนุมัติ", "Awaiting approval"),
    S.APPROVED: ("อนุมัติแล้ว", "Approved"),
    S.REJECTED: ("ไม่อนุมัติ", "Rejected"),
    S.PUBLISHED: ("เผยแพร่แล้ว", "Published"),
    S.TAKEN_DOWN: ("นำลงแล้ว", "Taken down"),
    S.ARCHIVED: ("เก็บถาวร", "Archived"),
    S.WITHDRAWN: ("ยกเลิกคำขอ", "Withdrawn"),
}

ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.SUBMIT: ("ส่งคำขอ", "submit"),
    Action.START_REVIEW: ("เริ่มตรวจสอบ", "start review"),
    Action.RETURN_FOR_CORRECTION: ("ส่งกลับแก้ไข", "return for correction"),
    Action.RESUBMIT: ("ส่งคำขออีกครั้ง", "resubmit"),
    Action.SEND_FOR_APPROVAL: ("เสนออนุมัติ", "send for approval"),
    Action.APPROVE: ("อนุมัติ", "approve"),
    Action.REJECT: ("ไม่อนุมัติ", "reject"),
    Action.REQUEST_CHANGES: ("ขอให้แก้ไข", "request changes"),
    Action.PUBLISH: ("เผยแพร่", "publish"),
    Action.TAKE_DOWN: ("นำลง", "take down"),
    Action.ARCHIVE: ("เก็บถาวร", "archive"),
    Action.WITHDRAW: ("ยกเลิกคำขอ", "withdraw"),
    Action.VOID_SIGNOFF: ("ยกเลิกการอนุมัติ", "void the sign-off"),
}

ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.WEBMASTER: ("ผู้ดูแลเว็บไซต์", "Webmaster"),
    Role.APPROVER: ("ผู้อนุมัติ", "Approver"),
    Role.ADMIN: ("ผู้ดูแลระบบ", "Administrator"),
    Role.SYSTEM: ("ระบบ", "System"),
    Role.SCHEDULER: ("ระบบนำลงอัตโนมัติ", "Scheduler"),
}


def label(value: RequestState | Action | Role, lang: str = "th") -> str:
    table: dict = (STATE_LABELS if isinstance(value, RequestState)
                   else ACTION_LABELS if isinstance(value, Action) else ROLE_LABELS)
    thai, english = table[value]
    return thai if lang == "th" else english


def localized(value: RequestState | Action | Role) -> Localized:
    return Localized(label(value, "th"), label(value, "en"))


def transition_for(action: Action) -> Transition:
    return _BY_ACTION[action]


def actions_from(state: RequestState) -> list[Transition]:
    return [t for t in TRANSITIONS
            if state in t.sources and t.roles - {Role.SYSTEM, Role.SCHEDULER}]


@dataclass(frozen=True)
class Actors:
    """Who has touched a request so far, for separation of duties: whoever registered it,
    checked it, or changed its content or files may not approve it."""

    registered_by: int | None
    checked_by: frozenset[int]
    edited_by: frozenset[int] = frozenset()

    def involved(self, user_id: int | None) -> bool:
        return user_id is not None and (user_id == self.registered_by
                                        or user_id in self.checked_by
                                        or user_id in self.edited_by)


def may_fire(transition: Transition, roles: frozenset[Role] | set[Role], user_id: int | None,
             actors: Actors | None) -> bool:
    """True when a user with these roles may fire the transition on this request."""
    if not (transition.roles & set(roles)):
        return False
    involved = actors is not None and actors.involved(user_id)
    return not (transition.action in SIGN_OFF_ACTIONS and involved)


def check_transition(action: Action, state: RequestState, roles: frozenset[Role] | set[Role],
                     user_id: int | None, actors: Actors | None,
                     reason: str | None) -> Transition:
    """Return the transition, or raise the user error saying why it may not happen."""
    transition = _BY_ACTION[action]
    if state not in transition.sources:
        raise IllegalTransition("illegal_transition", action=localized(action),
                                state=localized(state))
    if not (transition.roles & set(roles)):
        raise PermissionDenied("role_required", action=localized(action),
                               roles=[localized(r) for r in sorted(transition.roles)])
    if not may_fire(transition, roles, user_id, actors):
        raise PermissionDenied("separation_of_duties")
    if transition.reason_required and not (reason or "").strip():
        raise UserError("reason_required", action=localized(action))
    return transition

