"""Use cases on the audit log: verify it against its anchors, export, purge.

``verify_all`` checks, in order:
1. the hash chain itself, from row 1 (genesis) or from where a signed purge left it;
2. each signed checkpoint (sign-offs and admin actions sign the head they saw): its signature,
   its certificate under the agency key pinned on this PC, and that the chain still holds the
   hash it signed at that row — a chain re-hashed or truncated by a database writer fails here;
3. the witnesses outside the database: the last head this PC saw, and with ``server`` the
   head the last publish left on that server — a chain shorter than a witness, or one that
   forked from it, is reported naming the witness;
4. every sign-off row against what the chain recorded for it.
It ends by printing the head, to be written into the monthly report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desktop.domain.errors import PermissionDenied
from desktop.domain.signed_records import audit_head_of
from desktop.domain.signed_records import purge as purge_record
from desktop.domain.workflow import Role
from desktop.services import auth, keys, witness
from desktop.services.context import AppContext
from desktop.store import audit, keys_repo, signoffs_repo, users_repo
from desktop.store.database import Session
from desktop.store.models import AuditPurgeRow


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    rows_checked: int
    where: str = ""
    problem: str = ""
    head: tuple[int, str] = (0, audit.GENESIS)
    checkpoints: int = 0
    witnesses: tuple[str, ...] = field(default_factory=tuple)


def _purge_starts(session: Session, ctx: AppContext) -> tuple[list[tuple[int, str]], str]:
    """Where signed purges let the chain start; or the reason an anchor does not verify."""
    starts = []
    for anchor in keys_repo.purge_anchors(session):
        key = keys.certified_key_in(session, ctx, anchor.user_key_id, anchor.certificate_id)
        if isinstance(key, str):
            return [], f"purge anchor {anchor.id}: {key}"
        record = json.loads(anchor.record)
        if not keys.verify_record(key, record, anchor.signature) or \
                record.get("first_kept_id") != anchor.first_kept_id or \
                record.get("first_kept_prev_hash") != anchor.first_kept_prev_hash:
            return [], f"purge anchor {anchor.id}: signature does not verify"
        starts.append((anchor.first_kept_id, anchor.first_kept_prev_hash))
    return starts, ""


def _check_witness(session: Session, seen: witness.Witness, chain: audit.ChainReport
                   ) -> str:
    if seen.audit_id > chain.head[0]:
        return (f"the chain is shorter than {seen.where} saw: it ends at row {chain.head[0]}, "
                f"{seen.where} saw row {seen.audit_id} on {seen.seen_at}")
    if seen.audit_id >= chain.first_id and seen.audit_id > 0:
        actual = audit.hash_at(session, seen.audit_id)
        if actual != seen.audit_hash:
            return (f"the chain forked from what {seen.where} saw: row {seen.audit_id} has "
                    "another hash")
    return ""


def verify_all(ctx: AppContext, *, server_witness: witness.Witness | None = None,
               this_pc: bool = True) -> VerifyReport:
    """The chain, its anchors and witnesses, and the sign-off rows (see the module doc)."""
    from desktop.services.signoff import signoff_fingerprint

    with ctx.db.read() as session:
        starts, problem = _purge_starts(session, ctx)
        if problem:
            return VerifyReport(False, 0, "audit_purges", problem)
        chain = audit.verify(session, starts)
        if not chain.ok:
            return VerifyReport(False, chain.rows_checked,
                                f"audit_log id={chain.first_broken_id}", chain.problem,
                                chain.head)
        checked = 0
        for point in keys_repo.checkpoints(session):
            where = f"audit_checkpoints id={point.id}"
            key = keys.certified_key_in(session, ctx, point.user_key_id, point.certificate_id)
            if isinstance(key, str):
                return VerifyReport(False, chain.rows_checked, where, key, chain.head)
            record = json.loads(point.record)
            if not keys.verify_record(key, record, point.signature) or \
                    audit_head_of(record) != (point.audit_id, point.audit_hash):
                return VerifyReport(False, chain.rows_checked, where,
                                    "checkpoint signature does not verify", chain.head)
            if point.audit_id > chain.head[0]:
                return VerifyReport(False, chain.rows_checked, where,
                                    f"the chain ends at row {chain.head[0]} but a signed "
                                    f"checkpoint saw row {point.audit_id}: rows were removed",
                                    chain.head)
            if point.audit_id >= max(chain.first_id, 1) and \
                    audit.hash_at(session, point.audit_id) != point.audit_hash:
                return VerifyReport(False, chain.rows_checked, where,
                                    f"row {point.audit_id} differs from the hash signed in a "
                                    "checkpoint: the chain was rewritten", chain.head)
            checked += 1
        seen_by = [w for w in (witness.this_pc(ctx.paths, ctx.paths.database_url)
                               if this_pc else None, server_witness) if w is not None]
        for seen in seen_by:
            problem = _check_witness(session, seen, chain)
            if problem:
                return VerifyReport(False, chain.rows_checked, seen.where, problem, chain.head,
                                    checked)
        recorded: dict[int, str] = {}
        for entry in audit.entries_with_key(session, "signoff_id"):
            signoff_id = entry.details.get("signoff_id")
            if signoff_id is not None and "signoff" in entry.details:
                recorded[int(signoff_id)] = str(entry.details["signoff"])
        for row in signoffs_repo.all_signoffs(session):
            expected = recorded.get(row.id)
            if expected is None:
                return VerifyReport(False, chain.rows_checked, f"signoffs id={row.id}",
                                    "sign-off row has no audit record", chain.head, checked)
            if signoff_fingerprint(row) != expected:
                return VerifyReport(False, chain.rows_checked, f"signoffs id={row.id}",
                                    "sign-off row differs from its audit record", chain.head,
                                    checked)
        return VerifyReport(True, chain.rows_checked, head=chain.head, checkpoints=checked,
                            witnesses=tuple(w.where for w in seen_by))


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def export(ctx: AppContext, start: date, end: date, out: str | Path) -> int:
    from desktop.reports.audit_export import export_audit
    from desktop.store.report_queries import references

    since, until = _bounds(start, end)
    with ctx.db.read() as session:
        entries = audit.entries(session, since=since, until=until)
        numbers = references(session, (e.request_id for e in entries if e.request_id))
    export_audit(entries, Path(out), lang=ctx.lang, references=numbers,
                 exported_at=ctx.now())
    return len(entries)


def purge(ctx: AppContext, admin_name: str, password: str, before: date) -> int:
    """An admin removes rows older than ``before`` (at least 90 days old).  The purge leaves a
    signed anchor (where the chain now starts) and is itself logged."""
    admin = auth.sign_in(ctx, admin_name, password)
    if Role.ADMIN not in admin.roles:
        raise PermissionDenied("admin_required")
    cutoff = datetime.combine(before, time.min)
    with ctx.db.write() as session:
        row = users_repo.by_id(session, admin.id, lock=True)
        assert row is not None
        signer = keys.signer_in(session, ctx, row, password)
        purged = audit.purge_before(session, cutoff, ctx.now())
        record = purge_record(before=before.isoformat(), rows=purged.rows,
                              first_kept_id=purged.first_kept_id,
                              first_kept_prev_hash=purged.first_kept_prev_hash,
                              actor_id=admin.id, actor=admin.username, at=ctx.now(),
                              workstation=ctx.workstation)
        signature = signer.sign(record)
        session.add(AuditPurgeRow(purged_at=ctx.now(), rows=purged.rows,
                                  first_kept_id=purged.first_kept_id,
                                  first_kept_prev_hash=purged.first_kept_prev_hash,
                                  record=json.dumps(record, ensure_ascii=False, sort_keys=True),
                                  signature=signature, user_key_id=signer.user_key_id,
                                  certificate_id=signer.certificate_id))
        audit.append(session, action="audit_purged", actor_id=admin.id,
                     actor_name=admin.username, workstation=ctx.workstation, at=ctx.now(),
                     details={"before": before.isoformat(), "rows": purged.rows,
                              "first_kept_id": purged.first_kept_id, "signature": signature})
    return purged.rows
