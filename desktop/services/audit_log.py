"""Use cases on the audit log: verify (chain and sign-off rows), export, purge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.domain.errors import PermissionDenied
from desktop.domain.workflow import Role
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.models import AuditRow, SignoffRow


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    rows_checked: int
    where: str = ""
    problem: str = ""


def verify_all(ctx: AppContext) -> VerifyReport:
    """The chain holds, and every sign-off row matches what the chain recorded for it."""
    from desktop.services.signoff import signoff_fingerprint

    with ctx.db.read() as session:
        chain = audit.verify(session)
        if not chain.ok:
            return VerifyReport(False, chain.rows_checked, f"audit_log id={chain.first_broken_id}",
                                chain.problem)
        recorded: dict[int, str] = {}
        for entry in audit.entries(session):
            signoff_id = entry.details.get("signoff_id")
            if signoff_id is not None and "signoff" in entry.details:
                recorded[int(signoff_id)] = str(entry.details["signoff"])
        for row in session.execute(select(SignoffRow).order_by(SignoffRow.id)).scalars():
            expected = recorded.get(row.id)
            if expected is None:
                return VerifyReport(False, chain.rows_checked, f"signoffs id={row.id}",
                                    "sign-off row has no audit record")
            if signoff_fingerprint(row) != expected:
                return VerifyReport(False, chain.rows_checked, f"signoffs id={row.id}",
                                    "sign-off row differs from its audit record")
        return VerifyReport(True, chain.rows_checked)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def export(ctx: AppContext, start: date, end: date, out: str | Path) -> int:
    from desktop.reports.audit_export import export_audit

    since, until = _bounds(start, end)
    with ctx.db.read() as session:
        entries = audit.entries(session, since=since, until=until)
    export_audit(entries, Path(out), lang=ctx.lang)
    return len(entries)


def purge(ctx: AppContext, admin_name: str, password: str, before: date) -> int:
    """An admin removes rows older than ``before`` (at least 90 days old); the purge is logged."""
    admin = auth.sign_in(ctx, admin_name, password)
    if Role.ADMIN not in admin.roles:
        raise PermissionDenied("admin_required")
    cutoff = datetime.combine(before, time.min)
    with ctx.db.write() as session:
        first_kept = session.execute(select(AuditRow.id).where(AuditRow.at >= cutoff)
                                     .order_by(AuditRow.id)).scalars().first()
        removed = audit.purge_before(session, cutoff, ctx.now())
        audit.append(session, action="audit_purged", actor_id=admin.id,
                     actor_name=admin.username, workstation=ctx.workstation,
                     details={"before": before.isoformat(), "rows": removed,
                              "first_kept_id": first_kept})
    return removed
