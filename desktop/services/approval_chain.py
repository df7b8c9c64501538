"""Multi-step approval: an ordered chain of steps per category, and who may sign the next step.

A chain comes from the category's ``approval_steps`` in the catalogue (default one step, any
approver), or from the agency's override kept in the shared ``approval_chains`` setting::

    {"news": [{"th": "หัวหน้ากลุ่มงาน", "en": "Head of group", "users": ["head"]},
              {"th": "ผู้อำนวยการ", "en": "Director", "users": ["director"]}]}

A catalogue step is a string: ``"approver"`` (any approver) or ``"user:NAME[,NAME]"``.
``users`` empty means any approver may sign that step.  Separation of duties holds at every
step: whoever registered or checked the request signs no step, and nobody signs two steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.domain.categories import CategoryCatalogue
from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.field_limits import check_lengths
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.users import User, parse_roles
from desktop.domain.workflow import Actors, RequestState, Role
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.store import audit, settings_rows, signoffs_repo, users_repo
from desktop.store.database import Session
from desktop.store.models import RequestRow, SignoffRow

SETTING_KEY = "approval_chains"

class ApprovalChainMessage(MessageCode):
    NOT_YOUR_STEP = (
        "not_your_step",
        "ขั้นตอนที่ {step} ({label}) ต้องลงนามโดย {who} — ท่านไม่มีสิทธิ์ลงนามขั้นตอนนี้",
        "Step {step} ({label}) is for {who} to sign; you may not sign it.",
    )
    ALREADY_SIGNED_STEP = (
        "already_signed_step",
        "ท่านลงนามในคำขอนี้ไปแล้วในขั้นตอนก่อนหน้า ขั้นตอนถัดไปต้องเป็นผู้อื่นลงนาม",
        "You already signed an earlier step of this request; the next step needs someone else.",
    )
    CHAIN_EMPTY = (
        "chain_empty",
        "ลำดับการอนุมัติต้องมีอย่างน้อยหนึ่งขั้นตอน",
        "An approval chain needs at least one step.",
    )
    CHAIN_NOT_APPROVERS = (
        "chain_not_approvers",
        "ผู้ลงนามต่อไปนี้ไม่ใช่ผู้อนุมัติที่ใช้งานอยู่ในระบบ: {names}",
        "These signers are not active approvers: {names}",
    )
    CHAIN_UNKNOWN_CATEGORY = (
        "chain_unknown_category",
        "ไม่พบหมวดหมู่ {category}", "There is no category {category}.",
    )


ANY_APPROVER = Localized("ผู้อนุมัติ", "Approver")
STEP_TITLE_LIMITS = {"thai": 200, "english": 200}
STEP_TITLE_LABELS = {"thai": ("ชื่อขั้นตอน (ไทย)", "step title (Thai)"),
                     "english": ("ชื่อขั้นตอน (อังกฤษ)", "step title (English)")}


@dataclass(frozen=True)
class ApprovalStep:
    number: int
    title: Localized = ANY_APPROVER
    usernames: tuple[str, ...] = ()  # empty: any approver

    def allows(self, user: User) -> bool:
        return Role.APPROVER in user.roles and user.active and (
            not self.usernames or user.username in self.usernames)

    def who(self) -> Localized:
        if not self.usernames:
            return ANY_APPROVER
        names = ", ".join(self.usernames)
        return Localized(names, names)

    def to_json(self) -> dict[str, Any]:
        return {"th": self.title.th, "en": self.title.en, "users": list(self.usernames)}


def _step(number: int, spec: str | dict[str, Any]) -> ApprovalStep:
    if isinstance(spec, dict):
        users = tuple(str(u) for u in spec.get("users", ()) if str(u).strip())
        title = Localized(str(spec.get("th") or ANY_APPROVER.th),
                          str(spec.get("en") or spec.get("th") or ANY_APPROVER.en))
        return ApprovalStep(number, title, users)
    text = str(spec).strip()
    if text.startswith("user:"):
        users = tuple(u.strip() for u in text[5:].split(",") if u.strip())
        return ApprovalStep(number, ANY_APPROVER, users)
    return ApprovalStep(number)


def parse_chain(specs: Sequence[str | dict[str, Any]]) -> tuple[ApprovalStep, ...]:
    steps = tuple(_step(i, spec) for i, spec in enumerate(specs, start=1))
    return steps or (ApprovalStep(1),)


def _overrides_in(session: Session) -> dict[str, Any]:
    value = settings_rows.get_many(session, [SETTING_KEY]).get(SETTING_KEY)
    return value if isinstance(value, dict) else {}


def chain_in(session: Session, catalogue: CategoryCatalogue, category: str,
             subcategory: str = "") -> tuple[ApprovalStep, ...]:
    """The chain for a request's category: the agency override first, then the catalogue."""
    overrides = _overrides_in(session)
    for code in (subcategory, category):
        if code and overrides.get(code):
            return parse_chain(overrides[code])
    for code in (subcategory, category):
        found = catalogue.get(code) if code else None
        if found is not None:
            return parse_chain(found.approval_steps)
    return (ApprovalStep(1),)


def chain_for(ctx: AppContext, category: str, subcategory: str = "") -> tuple[ApprovalStep, ...]:
    with ctx.db.read() as session:
        return chain_in(session, ctx.catalogue, category, subcategory)


def set_chain(ctx: AppContext, actor: User, category: str,
              steps: Sequence[ApprovalStep]) -> None:
    """An admin sets the agency's chain for a category (empty ``steps``: back to the default)."""
    if Role.ADMIN not in actor.roles:
        raise PermissionDenied("admin_required")
    if ctx.catalogue.get(category) is None:
        raise UserError(ApprovalChainMessage.CHAIN_UNKNOWN_CATEGORY, category=category)
    for step in steps:           # a title goes on the form and the screen: bounded
        check_lengths({"thai": step.title.th, "english": step.title.en},
                      STEP_TITLE_LIMITS, STEP_TITLE_LABELS)
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        approvers = {u.username for u in users_repo.all_users(session)
                     if u.active and Role.APPROVER in parse_roles(u.roles)}
        strangers = sorted({n for s in steps for n in s.usernames if n not in approvers})
        if strangers:
            raise UserError(ApprovalChainMessage.CHAIN_NOT_APPROVERS, names=", ".join(strangers))
        overrides = _overrides_in(session)
        if steps:
            overrides[category] = [s.to_json() for s in steps]
        else:
            overrides.pop(category, None)
        settings_rows.put_many(session, {SETTING_KEY: overrides})
        audit.append(session, action="approval_chain_set", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                     details={"category": category, "steps": [s.to_json() for s in steps]})


def live_approvals_in(session: Session, request_id: int) -> list[SignoffRow]:
    """The approvals of the current round (not voided), in step order."""
    return signoffs_repo.live_approvals(session, request_id)


@dataclass(frozen=True)
class StepPosition:
    step: ApprovalStep
    total: int
    signed_by: frozenset[int]  # signers and principals of the earlier steps of this round

    @property
    def is_last(self) -> bool:
        return self.step.number >= self.total


def position_in(session: Session, catalogue: CategoryCatalogue,
                row: RequestRow) -> StepPosition:
    chain = chain_in(session, catalogue, row.category, row.subcategory)
    done = live_approvals_in(session, row.id)
    number = min(len(done) + 1, len(chain))
    signed: set[int] = set()
    for s in done:
        signed.add(s.approver_id)
        if s.on_behalf_of_id is not None:
            signed.add(s.on_behalf_of_id)
    return StepPosition(chain[number - 1], len(chain), frozenset(signed))


def signing_refusal(position: StepPosition, signer: User, principal: User,
                    actors: Actors, state: RequestState) -> UserError | None:
    """Why ``signer`` (acting for ``principal``, maybe themselves) may not sign now, or None."""
    if state != RequestState.AWAITING_APPROVAL:
        return None  # the workflow check gives the right message
    for person in {signer.id, principal.id}:
        if actors.involved(person):
            return PermissionDenied("separation_of_duties")
        if person in position.signed_by:
            return PermissionDenied(ApprovalChainMessage.ALREADY_SIGNED_STEP)
    if not position.step.allows(principal):
        return PermissionDenied(ApprovalChainMessage.NOT_YOUR_STEP, step=position.step.number,
                                label=position.step.title, who=position.step.who())
    return None
