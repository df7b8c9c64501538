"""What gets signed, as plain data: certificates, sign-offs, admin actions, audit anchors.

Each record is a JSON-ready dict with a ``type``; :func:`record_bytes` is the one canonical
encoding that is signed and verified (sorted keys, no spaces, UTF-8).  Records name people
and requests the way a reader of the evidence would (username, WD reference), not only by
database ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop.domain.manifest import canonical_json

CERTIFICATE = "webdesk/certificate/1"
SIGNOFF = "webdesk/signoff/1"
ACTION = "webdesk/action/1"
PURGE = "webdesk/audit-purge/1"


def record_bytes(record: dict[str, Any]) -> bytes:
    return canonical_json(record)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def certificate(*, agency_fingerprint: str, user_id: int, username: str, full_name: str,
                roles: frozenset[str] | set[str], public_key_hex: str, user_key_id: int,
                issued_at: datetime, issued_by: str) -> dict[str, Any]:
    """The agency key vouches: this public key is this person, with these roles."""
    return {"type": CERTIFICATE, "agency_key": agency_fingerprint, "user_id": user_id,
            "username": username, "full_name": full_name, "roles": sorted(roles),
            "public_key": public_key_hex, "user_key_id": user_key_id,
            "issued_at": stamp(issued_at), "issued_by": issued_by}


def signoff(*, request_id: int, reference: str, step: int, decision: str, reason: str,
            manifest: dict[str, Any], manifest_hash: str, signer_id: int, signer: str,
            on_behalf_of: str | None, decided_at: datetime, workstation: str,
            audit_head: tuple[int, str]) -> dict[str, Any]:
    """An approver's decision on exactly this content (the manifest lists every file's
    SHA-256), at this step, at this time, on this workstation; it also anchors the audit
    chain head the approver's PC saw."""
    return {"type": SIGNOFF, "request_id": request_id, "reference": reference, "step": step,
            "decision": decision, "reason": reason, "manifest": manifest,
            "manifest_hash": manifest_hash, "signer_id": signer_id, "signer": signer,
            "on_behalf_of": on_behalf_of, "decided_at": stamp(decided_at),
            "workstation": workstation,
            "audit_head": {"id": audit_head[0], "hash": audit_head[1]}}


def action(*, kind: str, actor_id: int, actor: str, details: dict[str, Any], at: datetime,
           workstation: str, audit_head: tuple[int, str]) -> dict[str, Any]:
    """An admin's signed action (users, roles, keys), anchoring the audit chain head."""
    return {"type": ACTION, "kind": kind, "actor_id": actor_id, "actor": actor,
            "details": details, "at": stamp(at), "workstation": workstation,
            "audit_head": {"id": audit_head[0], "hash": audit_head[1]}}


def purge(*, before: str, rows: int, first_kept_id: int, first_kept_prev_hash: str,
          actor_id: int, actor: str, at: datetime, workstation: str) -> dict[str, Any]:
    """An audited purge: the chain may start at ``first_kept_id`` whose prev_hash is this."""
    return {"type": PURGE, "before": before, "rows": rows, "first_kept_id": first_kept_id,
            "first_kept_prev_hash": first_kept_prev_hash, "actor_id": actor_id,
            "actor": actor, "at": stamp(at), "workstation": workstation}


def audit_head_of(record: dict[str, Any]) -> tuple[int, str] | None:
    head = record.get("audit_head")
    if not isinstance(head, dict):
        return None
    try:
        return int(head["id"]), str(head["hash"])
    except (KeyError, TypeError, ValueError):
        return None
