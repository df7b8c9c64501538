"""Take a published item off the site (into the archive, never deleted) as a recorded step.

The publication is marked "taking_down" before the item moves, "taken_down" (with the
request's transition) after its folder's index was rewritten without it.  Every attempt starts
with a reconcile of the site.  An item that is on neither the site nor the archive is not
silently recorded as taken down: that is an error unless ``allow_missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.messages import register
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, Role
from desktop.publish import steps
from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.errors import PublishError
from desktop.publish.profiles import ServerProfile
from desktop.publish.retry import TRANSIENT, RetryPolicy, with_reconnect
from desktop.publish.takedown import take_down
from desktop.publish.uploader import ItemUploader
from desktop.services import publish_txn as txn
from desktop.services.context import AppContext
from desktop.services.reconcile import reconcile_connection
from desktop.services.servers import host_key_store
from desktop.services.site_index import item_slug
from desktop.store import publication_records as records
from desktop.store.mapping import to_request
from desktop.store.requests_repo import load as _load

register({
    "scheduler_not_due": (
        "บัญชีระบบนำลงอัตโนมัติ นำลงได้เฉพาะรายการที่ครบกำหนดแล้ว (คำขอนี้ครบกำหนด {expiry})",
        "The scheduler account may only take down items whose expiry date has come "
        "(this one: {expiry}).",
    ),
    "takedown_not_on_server": (
        "ไม่พบ {folder} บนเซิร์ฟเวอร์ {server} ทั้งบนเว็บไซต์และในที่เก็บถาวร จึงไม่ได้บันทึก"
        "การนำลง (ใช้ --allow-missing หากต้องการบันทึกว่านำลงแล้ว)",
        "{folder} is not on the server {server}, neither on the site nor in the archive, so "
        "the takedown was not recorded (use --allow-missing to record it anyway).",
    ),
    "no_profile_for_site": (
        "ไม่มีโปรไฟล์เซิร์ฟเวอร์ที่ชี้ไปยังเว็บไซต์ {site} แล้ว กรุณาระบุ --server",
        "No server profile points at the site {site} any more; give --server.",
    ),
    "published_elsewhere": (
        "รายการนี้เผยแพร่ผ่านเซิร์ฟเวอร์ {servers} ไม่ใช่ {server}",
        "This item was published through {servers}, not {server}.",
    ),
    "takedown_done_with_error": (
        "นำลงและบันทึกเรียบร้อยแล้ว (ย้ายไปเก็บที่ {archive}) แต่มีขั้นตอนหนึ่งขัดข้องก่อน: {detail}",
        "Taken down and recorded (moved to {archive}), but a step failed first: {detail}",
    ),
    "takedown_failed_unrecorded": (
        "{detail} — รายการอาจออกจากเว็บไซต์แล้ว แต่ยังไม่ได้บันทึกการนำลง โปรแกรมจะบันทึกให้ครบ"
        "เมื่อเชื่อมต่อ {server} ครั้งถัดไป (หรือคำสั่ง webdesk reconcile --server {server})",
        "{detail} — The item may already be off the site but the takedown is not recorded "
        "yet; WebDesk completes it the next time it connects to {server} (or with "
        "`webdesk reconcile --server {server}`).",
    ),
})


@dataclass(frozen=True)
class TakedownOutcome:
    request_id: int
    archive_path: str | None
    server: str = ""
    missing: bool = False            # it was on neither side (recorded with allow_missing)
    reconciled: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DueItem:
    request_id: int
    reference: str
    title: str
    expiry_date: date
    servers: tuple[str, ...] = ()    # the profiles its live publications went through


def due_for_takedown(ctx: AppContext, today: date | None = None) -> list[DueItem]:
    """Published items whose expiry (takedown) date has come."""
    with ctx.db.read() as session:
        return [DueItem(d.request_id, d.reference, d.title, d.expiry_date, d.servers)
                for d in records.due_requests(session, today or ctx.today())]


def take_down_request(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                      credentials: CredentialStore, reason: str = "", *,
                      allow_missing: bool = False) -> TakedownOutcome:
    """Move the item from the web root to the archive (never delete), then record it."""
    with ctx.db.read() as session:
        row = _load(session, request_id)
        if RequestState(row.state) != RequestState.PUBLISHED:
            raise UserError("not_published")
        if Role.WEBMASTER not in actor.roles and (
                row.expiry_date is None or row.expiry_date > ctx.today()):
            raise PermissionDenied("scheduler_not_due", expiry=row.expiry_date or "-")
        slug = item_slug(to_request(row))
        category = row.category
    job = txn.Job(ctx, actor, profile, request_id)
    started = ctx.now()
    policy = RetryPolicy.of(profile)
    sent = [0, 0]

    def step(connection: SftpConnection) -> TakedownOutcome:
        try:
            return _attempt(job, connection, f"{profile.folder_for(category)}/{slug}".strip("/"),
                            reason, allow_missing)
        finally:
            sent[0] += connection.files_sent
            sent[1] += connection.bytes_sent

    try:
        outcome = with_reconnect(lambda: connect(profile, host_key_store(ctx), credentials),
                                 step, attempts=policy.attempts,
                                 first_delay=policy.first_delay, max_delay=policy.max_delay)
    except UserError as exc:
        truthful = _truthful_error(job, exc)
        txn.record_session(ctx, actor, profile, request_id, "takedown", started, "failed",
                           sent[0], sent[1], truthful.text("en"))
        if truthful is exc:
            raise
        raise truthful from exc
    except BaseException as exc:
        txn.record_session(ctx, actor, profile, request_id, "takedown", started, "error",
                           sent[0], sent[1], type(exc).__name__)
        raise
    txn.record_session(ctx, actor, profile, request_id, "takedown", started, "ok",
                       sent[0], sent[1])
    return outcome


def _attempt(job: txn.Job, connection: SftpConnection, folder: str, reason: str,
             allow_missing: bool) -> TakedownOutcome:
    ctx, profile = job.ctx, job.profile
    with txn.site_lock(ctx, job.site):
        report = reconcile_connection(ctx, connection, profile, job.actor.username,
                                      (folder.rpartition("/")[0],))
        lines = [line for line in report.lines() if not line.startswith("kept for a resume")]
        record = _live_record(job, folder)
        if record is None:                        # reconcile completed an earlier attempt
            return TakedownOutcome(job.request_id, _archived(job), profile.name,
                                   reconciled=lines)
        record = txn.begin_takedown(job, record)
        uploader = ItemUploader(connection)
        warnings: list[str] = []
        try:
            steps.reached(steps.TAKEDOWN_RECORDED, record.folder)
            moved = take_down(connection, record.category_folder, record.item)
            note = ""
            if moved.missing:
                if not allow_missing:
                    txn.undo_takedown_record(ctx, record)
                    raise UserError("takedown_not_on_server", folder=record.folder,
                                    server=profile.name)
                note = "was not on the server (--allow-missing)"
            txn.finish_takedown(ctx, uploader, profile, record, job.actor, moved.archive_path,
                                reason, note=note)
            txn.leave_witness(ctx, connection, profile, warnings)
        except PublishError as error:
            if error.code not in TRANSIENT:
                _settle(job, uploader, record, reason)
            raise
        except UserError:
            raise
        except BaseException:
            _settle(job, uploader, record, reason)
            raise
    return TakedownOutcome(job.request_id, moved.archive_path, profile.name,
                           missing=moved.missing, reconciled=lines, warnings=warnings)


def _settle(job: txn.Job, uploader: ItemUploader, record: records.PublicationRecord,
            reason: str) -> None:
    """A failure a retry will not cure: if the item never left the site, the publication is
    simply published again; if it did, the takedown is completed now (index, records) — and
    if that fails too, the open record is left for reconcile."""
    with job.ctx.db.read() as session:
        if records.get(session, record.id).status != records.TAKING_DOWN:
            return
    try:
        with uploader.ops.translated():
            still_live = uploader.ops.lstat_or_none(record.remote_path) is not None
        if still_live:
            txn.undo_takedown_record(job.ctx, record)
            return
        moved = take_down(uploader.connection, record.category_folder, record.item)
        txn.finish_takedown(job.ctx, uploader, job.profile, record, job.actor,
                            moved.archive_path, reason)
    except Exception:
        return


def _live_record(job: txn.Job, folder: str) -> records.PublicationRecord | None:
    """The request's live publication on this profile's site (an older publication made
    before the records knew sites is adopted); None when it is already taken down."""
    ctx = job.ctx
    with ctx.db.write() as session:
        row = _load(session, job.request_id, lock=True)
        if RequestState(row.state) != RequestState.PUBLISHED:
            return None
        live = records.live_for_request(session, job.request_id)
        here = [r for r in live if r.site == job.site and r.status == records.PUBLISHED]
        if here:
            return here[0]
        if any(r.site for r in live):
            raise UserError("published_elsewhere", server=job.profile.name,
                            servers=", ".join(sorted({r.server for r in live})))
        adopted = records.add_publishing(
            session, request_id=job.request_id, server=job.profile.name, site=job.site,
            folder=folder, remote_path=f"{job.profile.web_root.rstrip('/')}/{folder}",
            manifest_hash="", files=[], actor_id=None, actor_name="", now=ctx.now())
        records.set_status(session, adopted, records.PUBLISHED, ctx.now(),
                           url=row.public_url or "", note="adopted: published before records")
        return records.get(session, adopted)


def _archived(job: txn.Job) -> str | None:
    with job.ctx.db.read() as session:
        done = [r for r in records.for_request(session, job.request_id)
                if r.status == records.TAKEN_DOWN]
    return done[-1].archive_path if done else None


def _truthful_error(job: txn.Job, error: UserError) -> UserError:
    """The error as the user must hear it: with what is on the site now."""
    with job.ctx.db.read() as session:
        mine = [r for r in records.for_request(session, job.request_id) if r.site == job.site]
    if any(r.status == records.TAKING_DOWN for r in mine):
        return UserError("takedown_failed_unrecorded", detail=error.text(job.ctx.lang),
                         server=job.profile.name)
    done = [r for r in mine if r.status == records.TAKEN_DOWN]
    if done and error.code != "not_published":
        return UserError("takedown_done_with_error", detail=error.text(job.ctx.lang),
                         archive=done[-1].archive_path or "-")
    return error            # nothing is open: the site is as it was (the message stands)


def profile_for_takedown(ctx: AppContext, request_id: int,
                         server: str | None = None) -> ServerProfile:
    """The profile to take a request down through: the one named; else the one its live
    publication went through (or the only profile pointing at that site); else the default.
    Several that could apply and none named: refused, never guessed."""
    from desktop.services.servers import get_server, list_servers

    if server:
        return get_server(ctx, server)
    with ctx.db.read() as session:
        live = [r for r in records.live_for_request(session, request_id) if r.site]
    if not live:
        return get_server(ctx, None)
    profiles = list_servers(ctx)
    by_name = [p for p in profiles if p.name in {r.server for r in live}]
    if len(by_name) == 1:
        return by_name[0]
    on_site = [p for p in profiles if p.site_id in {r.site for r in live}]
    if len(on_site) == 1:
        return on_site[0]
    if not on_site:
        raise UserError("no_profile_for_site", site=", ".join(sorted({r.site for r in live})))
    raise UserError("server_ambiguous", names=", ".join(p.name for p in on_site))
