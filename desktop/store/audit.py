"""The append-only, hash-chained audit log.

Each row stores ``hash = SHA-256(prev_hash || canonical content)``.  Appends lock the chain
head (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite write transactions are ``BEGIN
IMMEDIATE``) in the same transaction as the change they record, so concurrent PCs queue
and the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.domain.errors import UserError
from desktop.store.models import AuditHeadRow, AuditRow

GENESIS = "0" * 64
RETENTION_DAYS = 90


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    workstation: str
    action: str
    request_id: int | None
    details: dict[str, Any]
    hash: str


def _canonical(row_id: int, at: datetime, actor_id: int | None, actor_name: str,
               workstation: str, action: str, request_id: int | None, details: str) -> bytes:
    content = {"id": row_id, "at": at.isoformat(timespec="microseconds"), "actor_id": actor_id,
               "actor_name": actor_name, "workstation": workstation, "action": action,
               "request_id": request_id, "details": details}
    return json.dumps(content, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def row_hash(row: AuditRow, prev_hash: str) -> str:
    return chain_hash(prev_hash, _canonical(row.id, row.at, row.actor_id, row.actor_name,
                                            row.workstation, row.action, row.request_id,
                                            row.details))


def append(session: Session, *, action: str, actor_id: int | None = None, actor_name: str = "",
           workstation: str = "", request_id: int | None = None,
           details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditRow:
    """Append one row, in the caller's transaction."""
    head = session.execute(
        select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()
    ).scalar_one()
    at = at or datetime.now()
    details_text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
    row = AuditRow(id=head.last_id + 1, at=at, actor_id=actor_id, actor_name=actor_name,
                   workstation=workstation, action=action, request_id=request_id,
                   details=details_text, prev_hash=head.last_hash, hash="")
    row.hash = row_hash(row, head.last_hash)
    session.add(row)
    head.last_id = row.id
    head.last_hash = row.hash
    session.flush()
    return row


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    first_broken_id: int | None = None
    problem: str = ""


def verify(session: Session, batch: int = 2000) -> ChainReport:
    """Walk the chain from its first surviving row; name the first row that does not hold."""
    prev: str | None = None
    count = 0
    last_id = 0
    expected_id: int | None = None
    for row in _iter_rows(session, batch):
        if expected_id is not None and row.id != expected_id:
            return ChainReport(False, count, expected_id, "row missing from the chain")
        if prev is None:
            prev = row.prev_hash  # rows before a purge are gone; the purge itself is logged
        elif row.prev_hash != prev:
            return ChainReport(False, count, row.id, "prev_hash does not match the row before")
        if row_hash(row, prev) != row.hash:
            return ChainReport(False, count, row.id, "content does not match its hash")
        prev = row.hash
        count += 1
        last_id = row.id
        expected_id = row.id + 1
    head = session.get(AuditHeadRow, 1)
    if head is not None and count and (head.last_id != last_id or head.last_hash != prev):
        return ChainReport(False, count, last_id, "chain head does not match the last row")
    return ChainReport(True, count)


def _iter_rows(session: Session, batch: int) -> Iterator[AuditRow]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditRow).where(AuditRow.id > last).order_by(AuditRow.id).limit(batch)
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def entries(session: Session, *, since: datetime | None = None, until: datetime | None = None,
            request_id: int | None = None, limit: int | None = None) -> list[AuditEntry]:
    query = select(AuditRow).order_by(AuditRow.id)
    if since is not None:
        query = query.where(AuditRow.at >= since)
    if until is not None:
        query = query.where(AuditRow.at < until)
    if request_id is not None:
        query = query.where(AuditRow.request_id == request_id)
    if limit is not None:
        query = query.limit(limit)
    return [AuditEntry(r.id, r.at, r.actor_id, r.actor_name, r.workstation, r.action,
                       r.request_id, json.loads(r.details or "{}"), r.hash)
            for r in session.execute(query).scalars()]


def purge_before(session: Session, cutoff: datetime, now: datetime) -> int:
    """Delete rows older than ``cutoff``; refuses anything younger than the retention period."""
    if cutoff > now - timedelta(days=RETENTION_DAYS):
        raise UserError("audit_retention", days=RETENTION_DAYS)
    doomed = session.execute(
        select(func.count()).select_from(AuditRow).where(AuditRow.at < cutoff)).scalar_one()
    session.execute(delete(AuditRow).where(AuditRow.at < cutoff))
    return int(doomed)
