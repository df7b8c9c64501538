"""The append-only, hash-chained audit log.

Each row stores ``hash = SHA-256(prev_hash || canonical content)``.  Appends lock the chain
head (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite write transactions are ``BEGIN
IMMEDIATE``) in the same transaction as the change they record, so concurrent PCs queue
and the chain never forks.  The chain starts at the genesis hash, or where a signed purge
anchor says (``audit_purges``); anchors outside this table (signed checkpoints, workstation
and server witnesses) are checked by ``desktop/services/audit_log.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.store.models import AuditHeadRow, AuditRow

GENESIS = "0" * 64
RETENTION_DAYS = 90
HEAD_KEY = "audit_head"  # session.info key: the head after this transaction's appends

class AuditMessage(MessageCode):
    AUDIT_DAMAGED = (
        "audit_damaged",
        "บันทึกการตรวจสอบ (audit log) เสียหาย: ไม่พบหัวของสายบันทึก จึงบันทึกการเปลี่ยนแปลงไม่ได้ "
        "กรุณาแจ้งผู้ดูแลระบบให้ตรวจด้วยคำสั่ง webdesk audit verify",
        "The audit log is damaged (its chain head is missing), so no change can be recorded. "
        "Tell your admin to run: webdesk audit verify",
    )



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


_encode = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json's own (C)


def _number(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _canonical_fast(row_id: int, at_iso: str, actor_id: int | None, actor_name: str,
                    workstation: str, action: str, request_id: int | None,
                    details: str) -> bytes:
    """The same bytes as :func:`_canonical` (a test holds them equal), built without a dict
    and a sorted ``json.dumps`` per row: ``audit verify`` walks 100,000 rows in a second."""
    return (f'{{"action":{_encode(action)},"actor_id":{_number(actor_id)},'
            f'"actor_name":{_encode(actor_name)},"at":{_encode(at_iso)},'
            f'"details":{_encode(details)},"id":{row_id},"request_id":{_number(request_id)},'
            f'"workstation":{_encode(workstation)}}}').encode()


def _iso(value: object) -> str:
    """A timestamp as isoformat(timespec="microseconds"), from a datetime (PostgreSQL) or the
    text SQLite stores ("2026-01-01 10:00:00.000000")."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    text_value = str(value)
    if len(text_value) == 26 and text_value[10] == " ":
        return text_value[:10] + "T" + text_value[11:]
    return datetime.fromisoformat(text_value).isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def row_hash(row: AuditRow, prev_hash: str) -> str:
    return chain_hash(prev_hash, _canonical(row.id, row.at, row.actor_id, row.actor_name,
                                            row.workstation, row.action, row.request_id,
                                            row.details))


def head(session: Session, *, lock: bool = False) -> tuple[int, str]:
    """(id, hash) of the chain's last row; (0, GENESIS) for an empty log.  A missing head
    row is damage (someone deleted it): nothing more may be written until it is looked at."""
    query = select(AuditHeadRow).where(AuditHeadRow.id == 1)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).scalar()
    if row is None:
        raise UserError(AuditMessage.AUDIT_DAMAGED)
    return row.last_id, row.last_hash


def append(session: Session, *, action: str, actor_id: int | None = None, actor_name: str = "",
           workstation: str = "", request_id: int | None = None,
           details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditRow:
    """Append one row, in the caller's transaction."""
    head_row = session.execute(
        select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()).scalar()
    if head_row is None:
        raise UserError(AuditMessage.AUDIT_DAMAGED)
    at = at or datetime.now()
    details_text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
    row = AuditRow(id=head_row.last_id + 1, at=at, actor_id=actor_id, actor_name=actor_name,
                   workstation=workstation, action=action, request_id=request_id,
                   details=details_text, prev_hash=head_row.last_hash, hash="")
    row.hash = row_hash(row, head_row.last_hash)
    session.add(row)
    head_row.last_id = row.id
    head_row.last_hash = row.hash
    session.flush()
    session.info[HEAD_KEY] = (row.id, row.hash)
    return row


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    first_broken_id: int | None = None
    problem: str = ""
    head: tuple[int, str] = (0, GENESIS)   # the last row that holds
    first_id: int = 0


_COLUMNS = (AuditRow.id, AuditRow.at, AuditRow.actor_id, AuditRow.actor_name,
            AuditRow.workstation, AuditRow.action, AuditRow.request_id, AuditRow.details,
            AuditRow.prev_hash, AuditRow.hash)


def verify(session: Session, starts: Iterable[tuple[int, str]] = (),
           batch: int = 5000) -> ChainReport:
    """Walk the chain; name the first row that does not hold.  It must start at row 1 with
    the genesis hash, or at one of ``starts`` — (first kept id, its prev_hash) of a signed
    purge — and end where the head row says."""
    allowed = {(1, GENESIS), *starts}
    prev: str | None = None
    count = 0
    last: tuple[int, str] = (0, GENESIS)
    first_id = 0
    expected_id: int | None = None
    sha256 = hashlib.sha256
    for row in _iter_raw(session, batch):
        row_id, prev_hash, stored = row[0], row[8], row[9]
        if prev is None:
            first_id = row_id
            if (row_id, prev_hash) not in allowed:
                return ChainReport(False, 0, row_id, "the chain does not start at its beginning "
                                   "or at a signed purge: earlier rows were removed")
            prev = prev_hash
        elif row_id != expected_id:
            return ChainReport(False, count, expected_id, "row missing from the chain", last,
                               first_id)
        elif prev_hash != prev:
            return ChainReport(False, count, row_id, "prev_hash does not match the row before",
                               last, first_id)
        content = _canonical_fast(row_id, _iso(row[1]), row[2], row[3], row[4], row[5],
                                  row[6], row[7])
        if sha256(prev.encode("ascii") + content).hexdigest() != stored:
            return ChainReport(False, count, row_id, "content does not match its hash", last,
                               first_id)
        prev = stored
        count += 1
        last = (row_id, stored)
        expected_id = row_id + 1
    head_row = session.get(AuditHeadRow, 1)
    if head_row is None:
        return ChainReport(False, count, last[0] or None, "the chain head row is missing", last,
                           first_id)
    if (head_row.last_id, head_row.last_hash) != last:
        return ChainReport(False, count, last[0] or None,
                           "chain head does not match the last row", last, first_id)
    return ChainReport(True, count, head=last, first_id=first_id)


def _iter_raw(session: Session, batch: int) -> Iterator[tuple[Any, ...]]:
    """The chain's columns as the database driver returns them (no per-row conversion), in
    id order, a batch at a time, on the session's own connection and transaction."""
    names = ", ".join(column.key for column in _COLUMNS)
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    query = f"SELECT {names} FROM audit_log WHERE id > {marker} ORDER BY id LIMIT {marker}"
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        last = 0
        while True:
            cursor.execute(query, (last, batch))
            rows = cursor.fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]
    finally:
        cursor.close()


def last_of(session: Session, request_id: int, action: str) -> AuditEntry | None:
    """The latest ``action`` row about a request (e.g. who published it)."""
    found = entries_of(session, request_id, action)
    return found[-1] if found else None


def entries_of(session: Session, request_id: int, action: str) -> list[AuditEntry]:
    return entries(session, request_id=request_id, action=action)


def hash_at(session: Session, row_id: int) -> str | None:
    return session.execute(select(AuditRow.hash).where(AuditRow.id == row_id)).scalar()


def entries(session: Session, *, since: datetime | None = None, until: datetime | None = None,
            request_id: int | None = None, limit: int | None = None,
            action: str | None = None) -> list[AuditEntry]:
    query = select(AuditRow).order_by(AuditRow.id)
    if action is not None:
        query = query.where(AuditRow.action == action)
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


def entries_with_key(session: Session, key: str) -> list[AuditEntry]:
    """The rows whose details hold ``key`` (e.g. every sign-off's record), without turning
    every other row of a long log into an object: the text is searched first."""
    query = select(AuditRow).where(AuditRow.details.contains(f'"{key}"', autoescape=True)) \
        .order_by(AuditRow.id)
    found = (AuditEntry(r.id, r.at, r.actor_id, r.actor_name, r.workstation, r.action,
                        r.request_id, json.loads(r.details or "{}"), r.hash)
             for r in session.execute(query).scalars())
    return [entry for entry in found if key in entry.details]


@dataclass(frozen=True)
class Purged:
    rows: int
    first_kept_id: int
    first_kept_prev_hash: str


def purge_before(session: Session, cutoff: datetime, now: datetime) -> Purged:
    """Delete rows older than ``cutoff``; refuses anything younger than the retention period.
    On PostgreSQL through ``webdesk_audit_purge`` (the only door past the append-only
    trigger).  Returns where the chain now starts, for the caller's signed anchor."""
    if cutoff > now - timedelta(days=RETENTION_DAYS):
        raise UserError("audit_retention", days=RETENTION_DAYS)
    kept = session.execute(select(AuditRow.id, AuditRow.prev_hash).where(AuditRow.at >= cutoff)
                           .order_by(AuditRow.id).limit(1)).first()
    doomed = session.execute(
        select(func.count()).select_from(AuditRow).where(AuditRow.at < cutoff)).scalar_one()
    if session.get_bind().dialect.name == "postgresql":
        try:
            session.execute(text("SELECT webdesk_audit_purge(:cutoff)"), {"cutoff": cutoff})
        except DBAPIError as exc:     # the server's clock says younger (this PC's runs ahead)
            if "younger than 90 days" in str(exc.orig):
                raise UserError("audit_retention", days=RETENTION_DAYS) from exc
            raise
    else:
        session.execute(delete(AuditRow).where(AuditRow.at < cutoff))
    current = head(session)
    first = (int(kept[0]), str(kept[1])) if kept is not None else (current[0] + 1, current[1])
    return Purged(int(doomed), first[0], first[1])
