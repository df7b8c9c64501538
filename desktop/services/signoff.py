"""Sign-off decisions: the approver re-enters their password; the decision is bound to the
content manifest hash; approving stores the approved version.

Multi-step chains (:mod:`approval_chain`): an approval of an earlier step records its
``SignoffRow`` and leaves the request awaiting approval; only the last step moves it to
APPROVED.  A delegate (:mod:`delegation`) signs with their own password, "on behalf of" the
approver who delegated.  A reject or a return for changes ends the round: the earlier
approvals of the round are voided, so the next round starts at step 1.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.audit_labels import AUDIT_LABELS
from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.manifest import manifest_hash, manifest_of
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.signed_records import signoff as signoff_record
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState, Role, check_transition
from desktop.files.signature_image import trim_signature_png
from desktop.services import keys
from desktop.services.actors import acting_in
from desktop.services.approval_chain import live_approvals_in, position_in, signing_refusal
from desktop.services.auth import reauthenticate_in
from desktop.services.context import AppContext
from desktop.services.delegation import acting_for_in, delegators_in
from desktop.services.requests import _actors, _load, fire
from desktop.store import audit, blobs, settings_rows, users_repo
from desktop.store.database import Session
from desktop.store.mapping import to_request
from desktop.store.models import (
    ApprovedVersionRow,
    AuditCheckpointRow,
    RequestRow,
    SignoffRow,
    UserRow,
)

SIGNATURE_SETTING = "signature_required"  # shared (per agency) setting: bool

class SignoffMessage(MessageCode):
    SIGNATURE_REQUIRED = (
        "signature_required",
        "หน่วยงานกำหนดให้ลงลายมือชื่อในช่องลายมือชื่อก่อนอนุมัติ",
        "Your agency asks for a drawn signature before approving.",
    )
    NOTHING_TO_RESIGN = (
        "nothing_to_resign",
        "ไม่มีการอนุมัติของท่านที่ต้องลงนามใหม่ในคำขอนี้",
        "There is no approval of yours on this request to sign again.",
    )
    CANNOT_SIGN_NOW = (
        "cannot_sign_now",
        "ท่านไม่มีสิทธิ์ลงนามคำขอนี้ในขั้นตอนปัจจุบัน (ขั้นตอนที่ {step}: {label})",
        "You may not sign this request at its current step (step {step}: {label}).",
    )


# How this room's audit actions read in a request's history (the domain table has no
# register function; these keys are this room's own).
AUDIT_LABELS.update({
    "signoff_step": ("ลงนามอนุมัติตามลำดับขั้น", "signed an approval step"),
    "delegation_created": ("มอบหมายให้ปฏิบัติราชการแทน", "delegated sign-off"),
    "delegation_revoked": ("ยกเลิกการมอบหมาย", "revoked a delegation"),
    "approval_chain_set": ("กำหนดลำดับการอนุมัติ", "set an approval chain"),
    "signature_setting": ("ตั้งค่าการลงลายมือชื่อ", "changed the signature rule"),
    "notice_copied": ("คัดลอกหนังสือแจ้งเจ้าของข้อมูล", "copied the notice to the owner"),
    "notice_sent": ("ส่งอีเมลแจ้งเจ้าของข้อมูล", "e-mailed the notice to the owner"),
})


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"


_ACTION = {Decision.APPROVE: Action.APPROVE, Decision.REJECT: Action.REJECT,
           Decision.REQUEST_CHANGES: Action.REQUEST_CHANGES}


@dataclass(frozen=True)
class SignoffResult:
    signoff_id: int
    state: RequestState
    manifest_hash: str
    step: int = 1
    total_steps: int = 1


@dataclass(frozen=True)
class SignoffOptions:
    """What this person may sign on this request now (for the decision dialog and the inbox)."""

    request_id: int
    step: int
    total_steps: int
    step_title: Localized
    may_sign_self: bool
    on_behalf_choices: tuple[User, ...]  # approvers who delegated to this person today
    signature_required: bool
    manifest_hash: str

    @property
    def may_sign(self) -> bool:
        return self.may_sign_self or bool(self.on_behalf_choices)


def options_in(session: Session, ctx: AppContext, user: User, row: RequestRow,
               signature_required: bool = False) -> SignoffOptions:
    position = position_in(session, ctx.catalogue, row)
    actors = _actors(session, row)
    state = RequestState(row.state)
    awaiting = state == RequestState.AWAITING_APPROVAL
    self_ok = awaiting and Role.APPROVER in user.roles and signing_refusal(
        position, user, user, actors, state) is None
    choices = tuple(p for p in delegators_in(session, user.id, ctx.today())
                    if awaiting and signing_refusal(position, user, p, actors, state) is None)
    return SignoffOptions(row.id, position.step.number, position.total, position.step.title,
                          self_ok, choices, signature_required,
                          manifest_hash(to_request(row)))


def signature_required(ctx: AppContext) -> bool:
    """Whether the agency asks approvers for a drawn signature (an admin setting)."""
    return bool(ctx.setting(SIGNATURE_SETTING, False))


def signoff_options(ctx: AppContext, user: User, request_id: int) -> SignoffOptions:
    required = signature_required(ctx)
    with ctx.db.read() as session:
        return options_in(session, ctx, user, _load(session, request_id), required)


def decide(ctx: AppContext, approver: User, request_id: int, decision: Decision,
           password: str, reason: str = "", on_behalf_of: int | None = None,
           signature_png: bytes | None = None) -> SignoffResult:
    """Record an approver's decision, signed with their own key (unlocked by the password
    they just typed).  A wrong password records nothing but the failure."""
    signature = trim_signature_png(signature_png) if signature_png else None
    required = signature_required(ctx)
    if required and decision == Decision.APPROVE and signature is None:
        raise UserError(SignoffMessage.SIGNATURE_REQUIRED)
    error: UserError | None = None
    result: SignoffResult | None = None
    with ctx.db.write() as session:
        error = reauthenticate_in(session, ctx, approver, password)
        if error is None:
            fresh = acting_in(session, approver, now=ctx.now())
            signer = keys.signer_in(session, ctx, _user_row(session, fresh), password)
            result = _record(session, ctx, fresh, signer, request_id, decision, reason,
                             on_behalf_of, signature)
    if error is not None:
        raise error
    assert result is not None
    return result


def _user_row(session: Session, user: User) -> UserRow:
    row = users_repo.by_id(session, user.id)
    assert row is not None
    return row


def _record(session: Session, ctx: AppContext, approver: User, signer: keys.Signer,
            request_id: int, decision: Decision, reason: str, on_behalf_of: int | None,
            signature: bytes | None) -> SignoffResult:
    row = _load(session, request_id, lock=True)
    state = RequestState(row.state)
    actors = _actors(session, row)
    principal = approver
    acting = approver
    if on_behalf_of is not None and on_behalf_of != approver.id:
        principal = acting_for_in(session, approver, on_behalf_of, ctx.today())
        # The delegate holds the delegator's authority to sign, for this decision only.
        acting = dataclasses.replace(approver, roles=approver.roles | {Role.APPROVER})
    check_transition(_ACTION[decision], state, acting.roles, acting.id, actors, reason)
    position = position_in(session, ctx.catalogue, row)
    refusal = signing_refusal(position, approver, principal, actors, state)
    if refusal is not None:
        raise refusal
    request = to_request(row)
    manifest = manifest_of(request)
    digest = manifest_hash(request)
    signature_sha = blobs.put_bytes(session, signature)[0] if signature else None
    now = ctx.now()
    signoff = SignoffRow(request_id=row.id, step=position.step.number, approver_id=approver.id,
                         on_behalf_of_id=principal.id if principal.id != approver.id else None,
                         approver_name=approver.full_name, approver_position=approver.position,
                         decided_at=now, workstation=ctx.workstation,
                         decision=decision.value, reason=reason.strip(), manifest_hash=digest,
                         signature_sha256=signature_sha)
    _sign(session, ctx, signer, signoff, row.reference, manifest,
          principal.username if principal.id != approver.id else None)
    session.add(signoff)
    session.flush()
    extra: dict[str, object] = {"signoff_id": signoff.id, "manifest_hash": digest,
                                "signoff": signoff_fingerprint(signoff),
                                "signature": signoff.signature,
                                "step": position.step.number, "of": position.total}
    if signoff.on_behalf_of_id is not None:
        extra["on_behalf_of"] = principal.username
    if decision == Decision.APPROVE and not position.is_last:
        row.updated_at = now
        audit.append(session, action="signoff_step", actor_id=approver.id,
                     actor_name=approver.username, workstation=ctx.workstation,
                     request_id=row.id, at=now, details=extra)
        return SignoffResult(signoff.id, state, digest, position.step.number, position.total)
    new_state = fire(session, ctx, acting, row, _ACTION[decision], reason, extra=extra)
    if decision == Decision.APPROVE:
        session.add(ApprovedVersionRow(
            request_id=row.id, manifest_hash=digest,
            manifest_json=json.dumps(manifest, ensure_ascii=False), approved_at=now))
    else:
        for earlier in live_approvals_in(session, row.id):
            earlier.voided_at = now
            earlier.void_reason = f"round ended: {decision.value}"
    return SignoffResult(signoff.id, new_state, digest, position.step.number, position.total)


def _sign(session: Session, ctx: AppContext, signer: keys.Signer, signoff: SignoffRow,
          reference: str, manifest: dict[str, object], on_behalf_of: str | None) -> None:
    """The signed record of a decision, also kept as an audit checkpoint."""
    head = audit.head(session, lock=True)
    record = signoff_record(
        request_id=signoff.request_id, reference=reference, step=signoff.step,
        decision=signoff.decision, reason=signoff.reason, manifest=manifest,
        manifest_hash=signoff.manifest_hash, signer_id=signer.user_id, signer=signer.username,
        on_behalf_of=on_behalf_of, decided_at=signoff.decided_at,
        workstation=signoff.workstation, audit_head=head)
    signoff.record = json.dumps(record, ensure_ascii=False, sort_keys=True)
    signoff.signature = signer.sign(record)
    signoff.user_key_id = signer.user_key_id
    signoff.certificate_id = signer.certificate_id
    session.add(AuditCheckpointRow(audit_id=head[0], audit_hash=head[1], kind="signoff",
                                   record=signoff.record, signature=signoff.signature,
                                   user_key_id=signer.user_key_id,
                                   certificate_id=signer.certificate_id, signed_at=ctx.now()))


def resign(ctx: AppContext, approver: User, request_id: int, password: str) -> int:
    """Sign again, with a key, the sign-offs this approver made before keys existed (the same
    decision on the same content); returns how many.  Nothing else about them changes."""
    error: UserError | None = None
    with ctx.db.write() as session:
        error = reauthenticate_in(session, ctx, approver, password)
        if error is None:
            fresh = acting_in(session, approver, now=ctx.now())
            signer = keys.signer_in(session, ctx, _user_row(session, fresh), password)
            row = _load(session, request_id, lock=True)
            request = to_request(row)
            current = manifest_hash(request)
            unsigned = [s for s in live_approvals_in(session, row.id)
                        if not s.signature and s.approver_id == fresh.id]
            if not unsigned:
                raise UserError(SignoffMessage.NOTHING_TO_RESIGN)
            for signoff in unsigned:
                if signoff.manifest_hash != current:
                    raise UserError("manifest_mismatch")
                principal = (users_repo.by_id(session, signoff.on_behalf_of_id)
                             if signoff.on_behalf_of_id else None)
                _sign(session, ctx, signer, signoff, row.reference, manifest_of(request),
                      principal.username if principal else None)
                audit.append(session, action="signoff_resigned", actor_id=fresh.id,
                             actor_name=fresh.username, workstation=ctx.workstation,
                             request_id=row.id, at=ctx.now(),
                             details={"signoff_id": signoff.id, "step": signoff.step,
                                      "signature": signoff.signature})
            return len(unsigned)
    assert error is not None
    raise error


def signoff_fingerprint(row: SignoffRow) -> str:
    """A hash of the sign-off's content, kept in the audit chain so edits to the row show."""
    content = {"id": row.id, "request_id": row.request_id, "step": row.step,
               "approver_id": row.approver_id, "on_behalf_of_id": row.on_behalf_of_id,
               "approver_name": row.approver_name, "position": row.approver_position,
               "decided_at": row.decided_at.isoformat(timespec="microseconds"),
               "workstation": row.workstation, "decision": row.decision, "reason": row.reason,
               "manifest_hash": row.manifest_hash, "signature": row.signature_sha256}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def set_signature_required(ctx: AppContext, actor: User, required: bool) -> None:
    """An admin decides whether approvers must draw a signature (agency-wide, audited)."""
    if Role.ADMIN not in actor.roles:
        raise PermissionDenied("admin_required")
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        settings_rows.put_many(session, {SIGNATURE_SETTING: required})
        audit.append(session, action="signature_setting", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation, at=ctx.now(),
                     details={"required": required})


def require_may_sign(options: SignoffOptions) -> None:
    """Refuse before asking for a password when this person cannot sign the current step."""
    if not options.may_sign:
        raise PermissionDenied(SignoffMessage.CANNOT_SIGN_NOW,
                               step=options.step, label=options.step_title)
