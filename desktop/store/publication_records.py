"""The records of what is on each web site: publications, the resume journal, generated pages.

A publication row is written *before* anything of an item moves into a public folder
("publishing", with the manifest hash and the exact files), and completed after ("published",
with the URL) — or marked "rolled_back" when it never went (or no longer is) live.  A takedown
marks it "taking_down" before the item leaves the site and "taken_down" after.  Reconcile
(desktop/services/reconcile.py) resolves rows left open by a crash by looking at the server.
Rows are per *site* (``ServerProfile.site_id``): profiles pointing at the same site share them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.request import PublicationRequest
from desktop.store.database import Database
from desktop.store.mapping import to_request
from desktop.store.models import (
    PublicationRow,
    PublishLockRow,
    RequestRow,
    SitePageRow,
    UploadJournalRow,
)

Transaction = Session          # what ``db.write()`` yields, for the services' type hints

PUBLISHING = "publishing"
PUBLISHED = "published"
ROLLED_BACK = "rolled_back"
TAKING_DOWN = "taking_down"
TAKEN_DOWN = "taken_down"
OPEN = (PUBLISHING, TAKING_DOWN)


@dataclass(frozen=True)
class PublicationRecord:
    id: int
    request_id: int
    server: str
    site: str
    folder: str                  # relative to the web root, e.g. "news/wd-2569-00013"
    remote_path: str
    url: str
    manifest_hash: str
    status: str
    files: tuple[dict[str, Any], ...]
    actor_id: int | None
    actor_name: str
    archive_path: str

    @property
    def category_folder(self) -> str:
        return self.folder.rpartition("/")[0]

    @property
    def item(self) -> str:
        return self.folder.rpartition("/")[2]


def _record(row: PublicationRow) -> PublicationRecord:
    try:
        files = tuple(json.loads(row.files or "[]"))
    except ValueError:
        files = ()
    return PublicationRecord(row.id, row.request_id, row.server, row.site, row.folder,
                             row.remote_path, row.url, row.manifest_hash, row.status, files,
                             row.actor_id, row.actor_name, row.archive_path)


def add_publishing(session: Session, *, request_id: int, server: str, site: str, folder: str,
                   remote_path: str, manifest_hash: str, files: list[dict[str, Any]],
                   actor_id: int | None, actor_name: str, now: datetime) -> int:
    row = PublicationRow(request_id=request_id, server=server, site=site, folder=folder,
                         remote_path=remote_path, url="", manifest_hash=manifest_hash,
                         published_at=now, archive_path="", status=PUBLISHING,
                         files=json.dumps(files, ensure_ascii=False), actor_id=actor_id,
                         actor_name=actor_name, updated_at=now, note="")
    session.add(row)
    session.flush()
    return row.id


def get(session: Session, publication_id: int, *, lock: bool = False) -> PublicationRecord:
    query = select(PublicationRow).where(PublicationRow.id == publication_id)
    if lock:
        query = query.with_for_update()
    return _record(session.execute(query).scalar_one())


def set_status(session: Session, publication_id: int, status: str, now: datetime, *,
               url: str | None = None, archive_path: str | None = None,
               note: str | None = None) -> None:
    row = session.get(PublicationRow, publication_id)
    assert row is not None
    if status == PUBLISHED and row.status == PUBLISHING:
        row.published_at = now
    row.status, row.updated_at = status, now
    if status == TAKEN_DOWN:
        row.taken_down_at = now
    if url is not None:
        row.url = url
    if archive_path is not None:
        row.archive_path = archive_path
    if note is not None:
        row.note = note[:2000]


def set_actor(session: Session, publication_id: int, actor_id: int | None,
              actor_name: str) -> None:
    """Who started the step now open (reconcile completes it in their name)."""
    row = session.get(PublicationRow, publication_id)
    assert row is not None
    row.actor_id, row.actor_name = actor_id, actor_name


def open_records(session: Session, site: str) -> list[PublicationRecord]:
    rows = session.execute(select(PublicationRow).where(
        PublicationRow.site == site, PublicationRow.status.in_(OPEN))
        .order_by(PublicationRow.id)).scalars()
    return [_record(r) for r in rows]


def live_records(session: Session, site: str) -> list[PublicationRecord]:
    """Items the records say are on the site (published, or being taken down)."""
    rows = session.execute(select(PublicationRow).where(
        PublicationRow.site == site, PublicationRow.status.in_((PUBLISHED, TAKING_DOWN)))
        .order_by(PublicationRow.id)).scalars()
    return [_record(r) for r in rows]


def live_for_request(session: Session, request_id: int) -> list[PublicationRecord]:
    rows = session.execute(select(PublicationRow).where(
        PublicationRow.request_id == request_id,
        PublicationRow.status.in_((PUBLISHED, TAKING_DOWN, PUBLISHING)))
        .order_by(PublicationRow.id)).scalars()
    return [_record(r) for r in rows]


def for_request(session: Session, request_id: int) -> list[PublicationRecord]:
    rows = session.execute(select(PublicationRow).where(
        PublicationRow.request_id == request_id).order_by(PublicationRow.id)).scalars()
    return [_record(r) for r in rows]


def requests_by_id(session: Session, ids: Iterable[int]) -> dict[int, PublicationRequest]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(RequestRow).where(RequestRow.id.in_(wanted))).scalars()
    return {row.id: to_request(row) for row in rows}


def request_ids_by_reference(session: Session, references: Iterable[str]) -> dict[str, int]:
    """Request ids by lower-case reference (an item folder's name is its reference)."""
    wanted = {r.lower() for r in references}
    if not wanted:
        return {}
    rows = session.execute(select(RequestRow.id, RequestRow.reference)).all()
    return {ref.lower(): rid for rid, ref in rows if ref and ref.lower() in wanted}


@dataclass(frozen=True)
class SiteRecords:
    """Everything reconcile compares with the server, read in one go."""

    open: list[PublicationRecord]
    live: list[PublicationRecord]
    known: set[str]                   # every item folder ever recorded on the site
    pages: dict[str, PageState]
    journalled: set[str]              # staging attempts the journal keeps for a resume


def site_records(session: Session, site: str) -> SiteRecords:
    rows = [_record(r) for r in session.execute(select(PublicationRow).where(
        PublicationRow.site == site).order_by(PublicationRow.id)).scalars()]
    return SiteRecords(open=[r for r in rows if r.status in OPEN],
                       live=[r for r in rows if r.status in (PUBLISHED, TAKING_DOWN)],
                       known={r.folder for r in rows}, pages=site_pages(session, site),
                       journalled=journal_keys(session))


# -- generated pages ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PageState:
    size: int
    mtime: int
    sha256: str


def site_pages(session: Session, site: str) -> dict[str, PageState]:
    rows = session.execute(select(SitePageRow).where(SitePageRow.site == site)).scalars()
    return {r.path: PageState(r.size, r.mtime, r.sha256) for r in rows}


def save_page(session: Session, site: str, path: str, state: PageState, now: datetime) -> None:
    row = session.get(SitePageRow, (site, path))
    if row is None:
        session.add(SitePageRow(site=site, path=path, size=state.size, mtime=state.mtime,
                                sha256=state.sha256, written_at=now))
    else:
        row.size, row.mtime, row.sha256, row.written_at = (state.size, state.mtime,
                                                           state.sha256, now)


# -- the resume journal ------------------------------------------------------------------------

@dataclass(frozen=True)
class JournalEntry:
    name: str
    sha256: str
    complete: bool
    verified_bytes: int
    prefix_sha256: str


def journal_entries(db: Database, key: str) -> list[JournalEntry]:
    with db.read() as session:
        rows = session.execute(select(UploadJournalRow).where(
            UploadJournalRow.item == key)).scalars()
        return [JournalEntry(r.name, r.sha256, r.complete, r.verified_bytes, r.prefix_sha256)
                for r in rows]


def write_journal(db: Database, entries: dict[tuple[str, str], JournalEntry],
                  now: datetime) -> None:
    """Replace the journal rows ``(key, name) -> entry`` in one transaction (one delete and
    one multi-row insert per staging attempt: a thousand files cost two statements)."""
    by_key: dict[str, list[JournalEntry]] = {}
    for (key, _name), entry in entries.items():
        by_key.setdefault(key, []).append(entry)
    with db.write() as session:
        for key, rows in by_key.items():
            names = [row.name for row in rows]
            for start in range(0, len(names), 500):
                session.execute(delete(UploadJournalRow).where(
                    UploadJournalRow.item == key,
                    UploadJournalRow.name.in_(names[start:start + 500])))
            session.execute(insert(UploadJournalRow), [
                {"item": key, "name": row.name, "sha256": row.sha256, "verified_at": now,
                 "complete": row.complete, "verified_bytes": row.verified_bytes,
                 "prefix_sha256": row.prefix_sha256} for row in rows])


def forget_journal(db: Database, key: str) -> None:
    with db.write() as session:
        session.execute(delete(UploadJournalRow).where(UploadJournalRow.item == key))


def journal_keys(session: Session) -> set[str]:
    """Every staging attempt the journal still knows (kept for a resume)."""
    return set(session.execute(select(UploadJournalRow.item).distinct()).scalars())


def take_lock(db: Database, name: str, holder: str, now: datetime, ttl: timedelta,
              holder_gone: Callable[[str], bool],
              then: Callable[[Session], None] | None = None) -> bool:
    """Take the named publish lock in one transaction: free, expired, or held by a process
    that is gone (``holder_gone``, e.g. killed on this workstation).  False: held.
    ``then(session)`` runs in the same transaction once the lock is in it (what it writes is
    committed with the lock, or not at all)."""
    try:
        with db.write() as session:
            row = session.get(PublishLockRow, name)
            if row is not None:
                if row.expires_at >= now and not holder_gone(row.holder):
                    return False
                session.delete(row)
                session.flush()
            session.add(PublishLockRow(name=name, holder=holder, acquired_at=now,
                                       expires_at=now + ttl))
            if then is not None:
                then(session)
        return True
    except IntegrityError:            # another PC inserted it first
        return False


def drop_lock(session: Session, name: str, holder: str) -> None:
    """Release the named lock inside the caller's transaction."""
    session.execute(delete(PublishLockRow).where(PublishLockRow.name == name,
                                                 PublishLockRow.holder == holder))


@dataclass(frozen=True)
class DueRequest:
    request_id: int
    reference: str
    title: str
    expiry_date: Any
    servers: tuple[str, ...]          # profiles its live publications went through


def due_requests(session: Session, today: Any) -> list[DueRequest]:
    """Published requests whose expiry date has come, with the profiles they are live on."""
    from desktop.domain.workflow import RequestState

    rows = session.execute(
        select(RequestRow).where(RequestRow.state == RequestState.PUBLISHED.value,
                                 RequestRow.expiry_date.is_not(None),
                                 RequestRow.expiry_date <= today)
        .order_by(RequestRow.expiry_date, RequestRow.id)).scalars().all()
    servers: dict[int, list[str]] = {}
    if rows:
        for request_id, server in session.execute(
                select(PublicationRow.request_id, PublicationRow.server).where(
                    PublicationRow.request_id.in_([r.id for r in rows]),
                    PublicationRow.status.in_((PUBLISHED, TAKING_DOWN)))):
            servers.setdefault(request_id, []).append(server)
    return [DueRequest(r.id, r.reference, r.title, r.expiry_date,
                       tuple(dict.fromkeys(servers.get(r.id, []))))
            for r in rows if r.expiry_date is not None]
