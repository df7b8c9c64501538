"""Loading many requests at once (``webdesk seed-bulk``, for tests and benchmarks): request
rows with their attachment rows (real rows pointing at shared, content-addressed blobs) and
one audit row each, chained like any other, in the caller's transaction.

SQLite takes the rows through executemany (the FTS triggers index them as they go);
PostgreSQL through COPY.  Ids come from the table's sequence on PostgreSQL (other PCs may be
inserting at the same time) and after the largest id on SQLite (the write transaction holds
the only write lock).  Request numbers come from the per-year counters, taken under their row
lock like ``requests_repo.next_reference``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from desktop.store import audit, requests_repo, search_index
from desktop.store.models import AttachmentRow, AuditHeadRow, AuditRow, CounterRow, RequestRow

LOAD_CACHE_KIB = 128 * 1024
ANALYZED_REQUESTS = ("state", "category", "updated_at", "received_at", "expiry_date",
                     "reference", "title", "requester_unit", "requester_name")
REQUESTS: Table = RequestRow.__table__  # type: ignore[assignment]
ATTACHMENTS: Table = AttachmentRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class FileTemplate:
    """One inspected file whose blobs are stored once and shared by many attachment rows."""

    display_name: str
    extension: str
    media_type: str
    kind: str
    size: int
    sha256: str
    web_copy_sha256: str | None
    web_copy_size: int | None
    thumbnail_sha256: str | None
    verdict: str


@dataclass(frozen=True)
class BulkRequest:
    title: str
    summary: str
    category: str
    subcategory: str
    state: str
    requester_name: str
    requester_unit: str
    received_at: datetime
    updated_at: datetime
    publish_date: date | None
    expiry_date: date | None
    files: tuple[int, ...]          # indexes into the templates


@dataclass
class BulkLoader:
    """Loads batches of requests into one open transaction; :meth:`finish` closes the books
    (audit head, sequences).  Not thread-safe; one per transaction."""

    session: Session
    templates: Sequence[FileTemplate]
    workstation: str
    now: datetime
    requests: int = 0
    files: int = 0

    def __post_init__(self) -> None:
        self.dialect = self.session.get_bind().dialect.name
        head = self.session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)
                                    .with_for_update()).scalar()
        if head is None:
            raise ValueError("the audit chain head is missing")
        self.head = head
        self.last_audit = (head.last_id, head.last_hash)
        self.counters: dict[str, int] = {}
        if self.dialect == "sqlite":
            self.next_request = self._max_id(RequestRow.id) + 1
            self.next_attachment = self._max_id(AttachmentRow.id) + 1
            self.first_request = self.next_request
            # Indexing all new rows at the end is ~7x faster than a trigger per row; the
            # trigger is back before this transaction commits (SQLite DDL is transactional).
            self.paused_trigger = search_index.pause_indexing(self.session)
            # The indexes of 100,000 rows stay in memory while they grow (default: 2 MB).
            self.cache_size = self.session.execute(text("PRAGMA cache_size")).scalar()
            self.session.execute(text(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}"))

    def _max_id(self, column: Any) -> int:
        return int(self.session.execute(select(func.max(column))).scalar() or 0)

    def _ids(self, table: str, count: int) -> list[int]:
        if count == 0:
            return []
        if self.dialect == "postgresql":
            return [int(v) for v in self.session.execute(text(
                "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                {"t": table, "n": count}).scalars()]
        start = self.next_request if table == "requests" else self.next_attachment
        if table == "requests":
            self.next_request += count
        else:
            self.next_attachment += count
        return list(range(start, start + count))

    def _reference(self, received: datetime) -> str:
        prefix = f"WD-{received.year + 543}"
        if prefix not in self.counters:
            # locks the counter row; numbers continue from it
            self.counters[prefix] = requests_repo.next_number(self.session,
                                                              f"reference:{prefix}") - 1
        self.counters[prefix] += 1
        return f"{prefix}-{self.counters[prefix]:05d}"

    def add(self, batch: Sequence[BulkRequest]) -> list[int]:
        """Insert one batch of requests, their attachments and audit rows; returns the ids."""
        ids = self._ids("requests", len(batch))
        request_rows = [self._request_row(rid, item) for rid, item in zip(ids, batch,
                                                                             strict=True)]
        attachment_specs = [(rid, position, self.templates[t])
                            for rid, item in zip(ids, batch, strict=True)
                            for position, t in enumerate(item.files, start=1)]
        attachment_ids = self._ids("attachments", len(attachment_specs))
        attachment_rows = [self._attachment_row(aid, rid, position, template, received)
                           for aid, (rid, position, template), received in zip(
                               attachment_ids, attachment_specs,
                               _received_per_file(batch), strict=True)]
        self._insert(REQUESTS, request_rows)
        self._insert(ATTACHMENTS, attachment_rows)
        self._insert(AuditRow.__table__, [self._audit_row(row) for row in request_rows])
        self.requests += len(batch)
        self.files += len(attachment_rows)
        return ids

    def _request_row(self, request_id: int, item: BulkRequest) -> dict[str, Any]:
        return {
            "id": request_id, "reference": self._reference(item.received_at),
            "state": item.state, "title": item.title, "summary": item.summary, "body": "",
            "category": item.category, "subcategory": item.subcategory, "source_owner": "",
            "period_start": None, "period_end": None, "publish_date": item.publish_date,
            "expiry_date": item.expiry_date, "external_link": "", "remarks": "",
            "requester_name": item.requester_name, "requester_position": "",
            "requester_unit": item.requester_unit, "requester_phone": "",
            "requester_email": "", "received_at": item.received_at, "channel": "letter",
            "letter_number": "", "created_by": None, "created_at": item.received_at,
            "updated_at": item.updated_at, "state_changed_at": item.updated_at,
            "content_version": 1, "version": 1, "updated_by": None, "public_url": "",
            "published_at": None, "taken_down_at": None,
        }

    def _attachment_row(self, attachment_id: int, request_id: int, position: int,
                        template: FileTemplate, added_at: datetime) -> dict[str, Any]:
        return {
            "id": attachment_id, "request_id": request_id, "position": position,
            "display_name": template.display_name,
            "web_name": f"{position:02d}-file.{template.extension}",
            "media_type": template.media_type, "kind": template.kind, "size": template.size,
            "sha256": template.sha256, "web_copy_sha256": template.web_copy_sha256,
            "web_copy_size": template.web_copy_size,
            "thumbnail_sha256": template.thumbnail_sha256, "caption": "", "alt_text": "",
            "verdict": template.verdict, "version": 1, "replaces_id": None,
            "superseded_at": None, "added_by": None, "added_at": added_at,
        }

    def _audit_row(self, request: dict[str, Any]) -> dict[str, Any]:
        row_id, prev = self.last_audit[0] + 1, self.last_audit[1]
        details = json.dumps({"reference": request["reference"], "title": request["title"],
                              "bulk": True, "received": request["received_at"].isoformat(),
                              "state": request["state"]}, ensure_ascii=False, sort_keys=True)
        fields = _AuditFields(row_id, self.now, None, "seed-bulk", self.workstation,
                              "request_registered", request["id"], details)
        digest = audit.row_hash(cast(AuditRow, fields), prev)
        self.last_audit = (row_id, digest)
        return {"id": row_id, "at": self.now, "actor_id": None, "actor_name": "seed-bulk",
                "workstation": self.workstation, "action": "request_registered",
                "request_id": request["id"], "details": details, "prev_hash": prev,
                "hash": digest}

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.dialect == "postgresql":
            _copy(self.session, table, rows)
        else:
            _executemany(self.session, table, rows)

    def finish(self) -> None:
        """Move the audit head to the last row written and the counters on."""
        self.head.last_id, self.head.last_hash = self.last_audit
        for prefix, value in self.counters.items():
            counter = self.session.get(CounterRow, f"reference:{prefix}")
            assert counter is not None
            counter.value = value
        self.session.flush()
        self.session.info[audit.HEAD_KEY] = self.last_audit
        if self.dialect == "sqlite":
            search_index.resume_indexing(self.session, self.paused_trigger, self.first_request)
            self.session.execute(text(f"PRAGMA cache_size = {int(self.cache_size or -2000)}"))
        if self.dialect == "postgresql":
            # The planner hears of the new rows now, for the columns the queue filters and
            # sorts on; a full ANALYZE would also compute the search index's expression (the
            # trigrams of every sampled row: most of a 10,000-request load).  Autovacuum
            # analyses the rest later.
            self.session.execute(text(f"ANALYZE requests ({', '.join(ANALYZED_REQUESTS)})"))
            self.session.execute(text("ANALYZE attachments (request_id, superseded_at, sha256)"))


@dataclass(frozen=True)
class _AuditFields:
    """What ``audit.row_hash`` reads of a row (no ORM object per row: 100,000 of them)."""

    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    workstation: str
    action: str
    request_id: int | None
    details: str


def _received_per_file(batch: Iterable[BulkRequest]) -> Iterable[datetime]:
    for item in batch:
        for _ in item.files:
            yield item.received_at


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy stores it in SQLite (its DATETIME and DATE text formats)."""
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _executemany(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    statement = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                 f"VALUES ({', '.join('?' for _ in columns)})")
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.executemany(statement, [[_sqlite_value(row[name]) for name in columns]
                                       for row in rows])
    finally:
        cursor.close()


def _copy(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """COPY the rows in (PostgreSQL), on the session's own connection and transaction."""
    columns = list(rows[0])
    names = ", ".join(columns)
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    with dbapi.cursor() as cursor, cursor.copy(  # type: ignore[attr-defined]
            f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])
