"""The recorded steps of publishing and takedown, shared by the use cases and by reconcile.

Publishing one item:  upload to staging (no record yet: nothing public)  ->  record
"publishing" (manifest hash, the exact files)  ->  rename into the web root  ->  rewrite the
folder's index and feed  ->  record "published" with the URL, in the transaction that moves the
request to PUBLISHED.  Takedown:  record "taking_down"  ->  move the item to the archive  ->
rewrite the index  ->  record "taken_down" with the request's transition.

Between the first and the last record the site may be ahead of the records; whoever finds
such an open record — the failing attempt itself, its retry, or reconcile after a crash —
looks at the server and either completes the step (the item is live: it gets recorded) or
rolls it back (it is moved to the archive, the index rewritten without it).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain.errors import UserError
from desktop.domain.manifest import manifest_hash
from desktop.domain.messages import register
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState, Role
from desktop.publish import steps
from desktop.publish.connection import SftpConnection
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.takedown import take_down
from desktop.publish.uploader import ItemUploader, PageWritten, StagedItem
from desktop.services import local_processes
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.services.requests import fire
from desktop.services.site_index import folder_index, record_pages, write_folder_index
from desktop.store import audit, locks
from desktop.store import publication_records as records
from desktop.store.mapping import to_request
from desktop.store.requests_repo import load as _load

register({
    "publish_already_running": (
        "คำขอนี้กำลังเผยแพร่จากเครื่อง {workstation} อยู่ — รอให้เสร็จก่อน แล้วดูผลในรายการคำขอ",
        "This request is being published from {workstation} right now — wait for it to "
        "finish, then look at the request in the queue.",
    ),
    "publish_request_changed": (
        "คำขอถูกเปลี่ยนแปลงระหว่างการอัปโหลด (สถานะหรือเนื้อหาไม่ตรงกับที่อนุมัติ)",
        "The request changed while it was uploading (its state or content is no longer what "
        "was approved).",
    ),
    "publisher_gone": (
        "ผู้ที่เริ่มเผยแพร่ ({name}) ไม่มีสิทธิ์ดำเนินการต่อแล้ว",
        "The person who started publishing ({name}) can no longer complete it.",
    ),
})

log = logging.getLogger(__name__)
SITE_LOCK_WAIT = 30.0
SITE_LOCK_TTL = timedelta(minutes=10)
UPLOAD_CLAIM_TTL = timedelta(minutes=5)
UPLOAD_CLAIM_RENEW = 60.0       # seconds between two renewals while the upload runs


@dataclass(frozen=True)
class Job:
    """One publish or takedown: who, which request, through which profile."""

    ctx: AppContext
    actor: User
    profile: ServerProfile
    request_id: int

    @property
    def site(self) -> str:
        return self.profile.site_id


@dataclass
class SiteLock:
    name: str
    holder: str
    held: bool = True       # False once a transaction released it along with its records


@contextmanager
def site_lock(ctx: AppContext, site: str, *,
              then: Callable[[records.Transaction], None] | None = None) -> Iterator[SiteLock]:
    """One writer per site at a time (reconcile, renames, index pages, records).  A lock left
    by a process of this workstation that no longer runs (killed) is taken over.  ``then``
    runs in the transaction that takes the lock (committed with it, or not at all)."""
    lock = SiteLock(f"site:{site}"[:300],
                    f"{ctx.workstation}:{os.getpid()}:{threading.get_ident()}")
    deadline = time.monotonic() + SITE_LOCK_WAIT
    while not records.take_lock(ctx.db, lock.name, lock.holder, ctx.now(), SITE_LOCK_TTL,
                                lambda found: _dead_local_holder(ctx, found), then):
        if time.monotonic() > deadline:
            raise UserError("lock_busy", name=site)
        time.sleep(0.2)
    try:
        yield lock
    finally:
        if lock.held:
            locks.release(ctx.db, lock.name, lock.holder)


@contextmanager
def upload_claim(job: Job) -> Iterator[SiteLock]:
    """One upload of a request to a site at a time, from whichever PC or process: two
    publishers of one request would stage into the same folder (its name comes from the
    request's content, so that a retry resumes), and one could truncate a file the other
    had verified just before renaming the folder onto the site.  Refused at once, naming
    the PC that holds it.  A helper thread renews the claim while the upload runs, however
    long; a claim left by a killed process of this PC is taken over at once, one left by a
    PC that went away lapses UPLOAD_CLAIM_TTL after its last renewal."""
    ctx = job.ctx
    claim = SiteLock(f"upload:{job.site}:{job.request_id}"[:300],
                     f"{ctx.workstation}:{os.getpid()}:{threading.get_ident()}")
    if not records.take_lock(ctx.db, claim.name, claim.holder, ctx.now(), UPLOAD_CLAIM_TTL,
                             lambda found: found == claim.holder       # (a release failed)
                             or _dead_local_holder(ctx, found)):
        holder = locks.holder_of(ctx.db, claim.name) or "-"
        raise UserError("publish_already_running", workstation=holder.rsplit(":", 2)[0])
    stop = threading.Event()
    renewer = threading.Thread(target=_renew_claim, args=(ctx, claim, stop),
                               name="upload-claim", daemon=True)
    renewer.start()
    try:
        yield claim
    finally:
        stop.set()
        renewer.join()
        try:
            locks.release(ctx.db, claim.name, claim.holder)
        except Exception:           # the database went away: what happened is what matters;
            log.warning("upload claim %s not released", claim.name, exc_info=True)  # it lapses


def _renew_claim(ctx: AppContext, claim: SiteLock, stop: threading.Event) -> None:
    while not stop.wait(UPLOAD_CLAIM_RENEW):
        try:
            locks.renew(ctx.db, claim.name, claim.holder, ctx.now() + UPLOAD_CLAIM_TTL)
        except Exception:       # the database is away for now: the next renewal tries again
            log.warning("upload claim %s not renewed", claim.name, exc_info=True)


def _dead_local_holder(ctx: AppContext, holder: str) -> bool:
    """``holder`` is "workstation:pid:thread" of a process on this PC that has exited."""
    parts = holder.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != ctx.workstation or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    return pid != os.getpid() and not local_processes.running(pid)


@dataclass(frozen=True)
class Traffic:
    """One SFTP session for the traffic log (kept 90 days): always written, with the file
    bytes really sent over every connection of the session (retries included)."""

    actor: User
    profile: ServerProfile
    request_id: int | None
    operation: str
    started: datetime
    result: str
    files: int = 0
    bytes_sent: int = 0
    detail: str = ""

    def append(self, session: records.Transaction, ctx: AppContext) -> None:
        profile = self.profile
        audit.append(session, action="sftp_session", actor_id=self.actor.id or None,
                     actor_name=self.actor.username, workstation=ctx.workstation,
                     request_id=self.request_id,
                     details={"operation": self.operation, "server": profile.name,
                              "host": profile.host, "port": profile.port, "user": profile.user,
                              "start": self.started.isoformat(timespec="seconds"),
                              "end": ctx.now().isoformat(timespec="seconds"),
                              "files": self.files, "bytes": self.bytes_sent,
                              "result": self.result, "detail": self.detail[:500]})


def record_session(ctx: AppContext, actor: User, profile: ServerProfile,
                   request_id: int | None, operation: str, started: datetime, result: str,
                   files: int = 0, bytes_sent: int = 0, detail: str = "") -> None:
    """Write the :class:`Traffic` row on its own."""
    with ctx.db.write() as session:
        Traffic(actor, profile, request_id, operation, started, result, files, bytes_sent,
                detail).append(session, ctx)


def leave_witness(ctx: AppContext, connection: SftpConnection, profile: ServerProfile,
                  warnings: list[str]) -> None:
    """The audit chain's head on the server, after a publish or takedown (issue 10's server
    witness).  The item is already recorded: a failure here only warns."""
    from desktop.services.audit_server import write_witness

    try:
        write_witness(ctx, connection, profile)
    except (UserError, OSError, EOFError) as exc:
        warnings.append(f"audit head not written on the server: {exc}")


def _site_mode(profile: ServerProfile) -> bool:
    return profile.mode == PublishMode.SITE


def url_of(profile: ServerProfile, record: records.PublicationRecord) -> str:
    files = [f["name"] for f in record.files]
    page = "" if profile.mode == PublishMode.SITE else (files[0] if files else "")
    return profile.public_url(f"{record.folder}/{page}")


# -- publishing -------------------------------------------------------------------------------

def begin_publishing(job: Job, digest: str, staged: StagedItem,
                     files: list[dict[str, object]]) -> records.PublicationRecord:
    """Record "publishing" — the request still approved with the approved content — before
    anything is renamed into the web root."""
    with job.ctx.db.write() as session:
        return _record_publishing(session, job, digest, staged, files)


@contextmanager
def publishing_locked(job: Job, digest: str, staged: StagedItem,
                      files: list[dict[str, object]],
                      ) -> Iterator[tuple[SiteLock, records.PublicationRecord]]:
    """:func:`site_lock` and :func:`begin_publishing` in ONE transaction: the lock is taken
    and "publishing" recorded together (or neither, when the request changed)."""
    made: dict[str, records.PublicationRecord] = {}

    def record(session: records.Transaction) -> None:   # again on each try for the lock
        made["record"] = _record_publishing(session, job, digest, staged, files)

    with site_lock(job.ctx, job.site, then=record) as lock:
        yield lock, made["record"]


def _record_publishing(session: records.Transaction, job: Job, digest: str, staged: StagedItem,
                       files: list[dict[str, object]]) -> records.PublicationRecord:
    ctx = job.ctx
    actor = acting_in(session, job.actor, Role.WEBMASTER, now=ctx.now())
    row = _load(session, job.request_id, lock=True)
    if RequestState(row.state) != RequestState.APPROVED or \
            manifest_hash(to_request(row)) != digest:
        raise UserError("publish_request_changed")
    publication = records.add_publishing(
        session, request_id=job.request_id, server=job.profile.name, site=job.site,
        folder=staged.result.relative_folder, remote_path=staged.target,
        manifest_hash=digest, files=files, actor_id=actor.id, actor_name=actor.username,
        now=ctx.now())
    return records.get(session, publication)


def finish_publishing(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
                      record: records.PublicationRecord, actor: User, *,
                      reconciled: bool = False, lock: SiteLock | None = None,
                      traffic: Callable[[], Traffic] | None = None) -> str:
    """The item is live: rewrite its folder's index and feed with it, then record it
    published (the request's PUBLISH transition, in the same transaction).  Raises a
    UserError when the request may no longer be published (the caller then rolls back)."""
    written = write_folder_index(ctx, uploader, profile,
                                 folder_index(ctx, record.site, record.category_folder,
                                              extra=record)) if _site_mode(profile) else []
    steps.reached(steps.PUBLISH_BEFORE_COMMIT, record.folder)
    url = url_of(profile, record)
    with ctx.db.write() as session:
        current = records.get(session, record.id, lock=True)
        if current.status == records.PUBLISHED:
            return current.url
        fresh = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        row = _load(session, record.request_id, lock=True)
        if RequestState(row.state) != RequestState.APPROVED or \
                manifest_hash(to_request(row)) != record.manifest_hash:
            raise UserError("publish_request_changed")
        fire(session, ctx, fresh, row, Action.PUBLISH, None,
             extra={"url": url, "server": profile.name, "site": record.site,
                    "manifest_hash": record.manifest_hash, "reconciled": reconciled})
        row.public_url = url
        records.set_status(session, record.id, records.PUBLISHED, ctx.now(), url=url)
        record_pages(session, ctx, record.site, written)
        if traffic is not None:             # the session's row, in the same commit
            traffic().append(session, ctx)
        if lock is not None:                # and the site's lock released with them
            records.drop_lock(session, lock.name, lock.holder)
    if lock is not None:
        lock.held = False
    steps.reached(steps.PUBLISH_AFTER_COMMIT, record.folder)
    return url


def roll_back_publishing(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
                         record: records.PublicationRecord, reason: str, *,
                         live: bool, actor_name: str) -> str | None:
    """Take the item back off the site (to the archive, never deleted), rewrite the folder's
    index from the records, and mark the publication rolled back.  Returns the archive path
    (None when nothing had gone live)."""
    archive: str | None = None
    written: list[PageWritten] = []
    with ctx.db.read() as session:
        if records.get(session, record.id).status != records.PUBLISHING:
            return None                      # resolved meanwhile (a commit, or reconcile)
    if live:
        moved = take_down(uploader.connection, record.category_folder, record.item)
        archive = moved.archive_path
        written = write_folder_index(ctx, uploader, profile, folder_index(
            ctx, record.site, record.category_folder)) if _site_mode(profile) else []
    with ctx.db.write() as session:
        records.set_status(session, record.id, records.ROLLED_BACK, ctx.now(),
                           archive_path=archive or "", note=reason)
        record_pages(session, ctx, record.site, written)
        audit.append(session, action="publish_rolled_back", actor_name=actor_name,
                     workstation=ctx.workstation, request_id=record.request_id,
                     details={"site": record.site, "folder": record.folder,
                              "server": profile.name, "archive": archive or "",
                              "was_live": live, "reason": reason[:500]})
    return archive


# -- takedown ---------------------------------------------------------------------------------

def begin_takedown(job: Job, record: records.PublicationRecord) -> records.PublicationRecord:
    ctx = job.ctx
    with ctx.db.write() as session:
        actor = acting_in(session, job.actor, Role.WEBMASTER, Role.SCHEDULER, now=ctx.now())
        records.set_status(session, record.id, records.TAKING_DOWN, ctx.now())
        records.set_actor(session, record.id, actor.id, actor.username)
        return records.get(session, record.id)


def finish_takedown(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
                    record: records.PublicationRecord, actor: User, archive: str | None,
                    reason: str, *, note: str = "", reconciled: bool = False) -> None:
    """The item is off the site: rewrite the folder's index without it, then record the
    takedown with the request's transition."""
    written = write_folder_index(ctx, uploader, profile, folder_index(
        ctx, record.site, record.category_folder)) if _site_mode(profile) else []
    steps.reached(steps.TAKEDOWN_BEFORE_COMMIT, record.folder)
    with ctx.db.write() as session:
        current = records.get(session, record.id, lock=True)
        if current.status == records.TAKEN_DOWN:
            return
        fresh = acting_in(session, actor, Role.WEBMASTER, Role.SCHEDULER, now=ctx.now())
        row = _load(session, record.request_id, lock=True)
        if RequestState(row.state) == RequestState.PUBLISHED:
            fire(session, ctx, fresh, row, Action.TAKE_DOWN, reason or None,
                 extra={"archive": archive or "", "server": profile.name, "site": record.site,
                        "reconciled": reconciled, "note": note})
        records.set_status(session, record.id, records.TAKEN_DOWN, ctx.now(),
                           archive_path=archive or "", note=note or None)
        record_pages(session, ctx, record.site, written)
    steps.reached(steps.TAKEDOWN_AFTER_COMMIT, record.folder)


def undo_takedown_record(ctx: AppContext, record: records.PublicationRecord) -> None:
    """The item never left the site: the publication is simply published again."""
    with ctx.db.write() as session:
        records.set_status(session, record.id, records.PUBLISHED, ctx.now())
