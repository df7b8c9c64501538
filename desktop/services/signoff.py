"""Sign-off decisions: the approver re-enters their password; the decision is bound to the
content manifest hash; approving stores the approved version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.errors import UserError
from desktop.domain.manifest import manifest_hash, manifest_of
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState
from desktop.services.auth import reauthenticate_in
from desktop.services.context import AppContext
from desktop.services.requests import _load, fire
from desktop.store.mapping import to_request
from desktop.store.models import ApprovedVersionRow, SignoffRow


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


def decide(ctx: AppContext, approver: User, request_id: int, decision: Decision,
           password: str, reason: str = "", on_behalf_of: int | None = None) -> SignoffResult:
    """Record an approver's decision.  A wrong password records nothing but the failure."""
    error: UserError | None = None
    result: SignoffResult | None = None
    with ctx.db.write() as session:
        error = reauthenticate_in(session, ctx, approver, password)
        if error is None:
            row = _load(session, request_id, lock=True)
            request = to_request(row)
            digest = manifest_hash(request)
            signoff = SignoffRow(request_id=row.id, step=1, approver_id=approver.id,
                                 on_behalf_of_id=on_behalf_of, approver_name=approver.full_name,
                                 approver_position=approver.position, decided_at=ctx.now(),
                                 workstation=ctx.workstation, decision=decision.value,
                                 reason=reason.strip(), manifest_hash=digest)
            session.add(signoff)
            session.flush()
            state = fire(session, ctx, approver, row, _ACTION[decision], reason,
                         extra={"signoff_id": signoff.id, "manifest_hash": digest,
                                "signoff": signoff_fingerprint(signoff)})
            if decision == Decision.APPROVE:
                session.add(ApprovedVersionRow(
                    request_id=row.id, manifest_hash=digest,
                    manifest_json=json.dumps(manifest_of(request), ensure_ascii=False),
                    approved_at=ctx.now()))
            result = SignoffResult(signoff.id, state, digest)
    if error is not None:
        raise error
    assert result is not None
    return result


def signoff_fingerprint(row: SignoffRow) -> str:
    """A hash of the sign-off's content, kept in the audit chain so edits to the row show."""
    import hashlib

    content = {"id": row.id, "request_id": row.request_id, "step": row.step,
               "approver_id": row.approver_id, "on_behalf_of_id": row.on_behalf_of_id,
               "approver_name": row.approver_name, "position": row.approver_position,
               "decided_at": row.decided_at.isoformat(timespec="microseconds"),
               "workstation": row.workstation, "decision": row.decision, "reason": row.reason,
               "manifest_hash": row.manifest_hash, "signature": row.signature_sha256}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()
