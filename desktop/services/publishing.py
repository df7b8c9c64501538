"""Publish an approved request to the agency web server as a recorded transaction.

What is uploaded is exactly what was approved: before anything reaches the server, the
manifest of the exact files about to go out is checked against the sign-off
(:func:`check_upload_manifest`), and the transaction that marks the request published checks
the request again.  Every attempt starts with a reconcile of the site; the steps and their
records are in :mod:`desktop.services.publish_txn`.  A failure after the item went live is
completed or rolled back before the error reaches the caller, and the error says what is on
the site.  Every SFTP session is written to the audit log with the bytes it really sent.
Takedown lives in :mod:`desktop.services.takedowns` (re-exported here).
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.messages import register
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState, Role, localized
from desktop.publish import steps
from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.errors import PublishError
from desktop.publish.pages import PageItem, page_bundle
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.retry import TRANSIENT, LinkWindow, RetryPolicy, with_reconnect
from desktop.publish.transfer import ProgressCallback, PublishFile
from desktop.publish.uploader import ItemUploader, StagedItem
from desktop.services import publish_txn as txn
from desktop.services.context import AppContext
from desktop.services.publish_journal import DatabaseJournal
from desktop.services.reconcile import ReconcileReport, RecordsAhead, reconcile_site
from desktop.services.requests import ensure_matches_signoff
from desktop.services.servers import host_key_store
from desktop.services.signature_check import ensure_publishable_in
from desktop.services.site_index import (
    PAPER_FORM_CAPTION,
    for_the_site,
    item_slug,
    page_item,
    site_config,
)
from desktop.services.takedowns import (
    DueItem,
    TakedownOutcome,
    due_for_takedown,
    take_down_request,
)
from desktop.store import blobs
from desktop.store import publication_records as records
from desktop.store.mapping import current_attachments, to_request
from desktop.store.requests_repo import load as _load

__all__ = ["PAPER_FORM_CAPTION", "DueItem", "PublishControls", "PublishOutcome",
           "TakedownOutcome", "check_upload_manifest", "due_for_takedown", "for_the_site",
           "item_slug", "publish_request", "site_config", "take_down_request"]

register({
    "publish_temp_failed": (
        "เตรียมไฟล์สำหรับเผยแพร่ในโฟลเดอร์ {folder} ไม่ได้ ({detail}) "
        "กรุณาตรวจสอบพื้นที่ว่างของดิสก์ในเครื่องนี้",
        "Could not prepare the files for publishing in {folder} ({detail}); check the free "
        "space on this PC's disk.",
    ),
    "not_approved": (
        "เผยแพร่ได้เฉพาะคำขอที่อนุมัติแล้ว (สถานะปัจจุบัน: {state})",
        "Only approved requests can be published (now: {state}).",
    ),
    "not_published": ("คำขอนี้ยังไม่ได้เผยแพร่", "This request is not published."),
    "publish_failed_nothing_live": (
        "{detail} — ไม่มีส่วนใดของรายการนี้อยู่บนเว็บไซต์ คำขอยังคงสถานะอนุมัติและเผยแพร่ใหม่ได้",
        "{detail} — Nothing of this item is on the site; the request stays approved and can "
        "be published again.",
    ),
    "publish_failed_rolled_back": (
        "{detail} — รายการนี้ขึ้นเว็บไซต์ไปแล้วจึงถูกนำออกอีกครั้ง (ย้ายไปเก็บที่ {archive}) "
        "และหน้ารวมของหมวดไม่แสดงรายการนี้ คำขอยังคงสถานะอนุมัติ",
        "{detail} — The item had already gone on the site, so it was taken off again (moved "
        "to {archive}) and the category index does not list it; the request stays approved.",
    ),
    "publish_failed_live_unrecorded": (
        "{detail} — รายการนี้อยู่บนเว็บไซต์แล้ว แต่ยังไม่ได้บันทึกว่าเผยแพร่ โปรแกรมจะบันทึกให้ครบ"
        "หรือนำออก เมื่อเชื่อมต่อ {server} ครั้งถัดไป (เมื่อเปิดโปรแกรม ก่อนเผยแพร่ครั้งถัดไป "
        "หรือคำสั่ง webdesk reconcile --server {server})",
        "{detail} — The item IS on the site but not yet recorded as published; WebDesk "
        "completes or undoes this the next time it connects to {server} (at start-up, before "
        "the next publish, or with `webdesk reconcile --server {server}`).",
    ),
    "publish_failed_unknown": (
        "{detail} — การเชื่อมต่อหลุดระหว่างย้ายรายการขึ้นเว็บไซต์ จึงยังไม่ทราบว่ารายการอยู่บน"
        "เว็บไซต์หรือไม่ โปรแกรมจะตรวจสอบและบันทึกให้ครบหรือนำออก เมื่อเชื่อมต่อ {server} "
        "ครั้งถัดไป (หรือคำสั่ง webdesk reconcile --server {server})",
        "{detail} — The link dropped while the item was being put in place, so whether it is "
        "on the site is not known yet; WebDesk checks and completes or undoes this the next "
        "time it connects to {server} (or with `webdesk reconcile --server {server}`).",
    ),
    "publish_done_with_error": (
        "เผยแพร่และบันทึกเรียบร้อยแล้ว ({url}) แต่ขั้นตอนท้ายมีปัญหา: {detail}",
        "Published and recorded ({url}), but a last step failed: {detail}",
    ),
})


@dataclass(frozen=True)
class PublishOutcome:
    request_id: int
    url: str
    remote_folder: str
    files: list[str]
    uploaded: list[str]
    skipped: list[str]
    bytes_sent: int
    resumed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reconciled: list[str] = field(default_factory=list)   # what reconcile repaired first


@dataclass
class PublishControls:
    """What the GUI hands in: progress reports and a cancel switch; ``attempts`` and
    ``first_delay`` override the server profile's retry settings."""

    on_progress: ProgressCallback | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    attempts: int | None = None
    first_delay: float | None = None

    def policy(self, profile: ServerProfile) -> RetryPolicy:
        base = RetryPolicy.of(profile)
        return RetryPolicy(self.attempts or base.attempts,
                           base.first_delay if self.first_delay is None else self.first_delay,
                           base.max_delay)


def _page_item(ctx: AppContext, request: PublicationRequest) -> PageItem:
    """The item page model (used by the preview)."""
    return page_item(ctx, request)


@dataclass(frozen=True)
class UploadManifest:
    """The exact bytes about to be uploaded: each file's name on the site and SHA-256."""

    request_id: int
    manifest_hash: str               # the approved manifest (metadata + every file)
    files: tuple[tuple[str, str], ...]


def check_upload_manifest(ctx: AppContext, manifest: UploadManifest) -> None:
    """THE check before anything is uploaded: the files about to go out are the files that
    were signed.  Each file's SHA-256 is the one its exported copy was verified against (and
    the uploader verifies the server's copy against it again); here it is compared with the
    approved attachments and the approved manifest with the sign-off.  (Issue 10 plugs the
    sign-off signature verification in here.)"""
    with ctx.db.read() as session:
        row = _load(session, manifest.request_id)
        if ensure_matches_signoff(session, row) != manifest.manifest_hash:
            raise UserError("manifest_mismatch")
        expected = {a.web_name: (a.web_copy_sha256 or a.sha256).lower()
                    for a in current_attachments(row) if a.caption != PAPER_FORM_CAPTION}
    if dict(manifest.files) != expected:
        raise UserError("manifest_mismatch")


def publish_request(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                    credentials: CredentialStore,
                    controls: PublishControls | None = None) -> PublishOutcome:
    """Upload an approved request (all or nothing), then mark it published with its URL."""
    controls = controls or PublishControls()
    if Role.WEBMASTER not in actor.roles:
        raise PermissionDenied("role_required", action=localized(Action.PUBLISH),
                               roles=[localized(Role.WEBMASTER)])
    from desktop.services.checklist import precheck

    try:
        ctx.paths.cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = tempfile.TemporaryDirectory(prefix="publish-", dir=ctx.paths.cache_dir)
    except OSError as exc:
        raise UserError("publish_temp_failed", folder=str(ctx.paths.cache_dir),
                        detail=exc.strerror or str(exc)) from exc
    with temporary as folder:
        request, digest, contents = _approved_content(ctx, request_id, Path(folder))
        precheck(ctx, request_id)           # before anything reaches the server
        check_upload_manifest(ctx, UploadManifest(request_id, digest, tuple(sorted(
            (name, path.name.lower()) for name, path in contents.items()))))
        files = _files_for(ctx, profile, request, contents)
        return _upload_and_record(ctx, actor, request_id, profile, credentials, controls,
                                  request, digest, files)


def _approved_content(ctx: AppContext, request_id: int, folder: Path,
                      ) -> tuple[PublicationRequest, str, dict[str, Path]]:
    """The request as approved, and every file as it will be published: written into
    ``folder`` chunk by chunk from the blob store (verified there; a 500 MB video is never
    held in memory), each file named by the SHA-256 it must have on the server."""
    with ctx.db.read() as session:
        row = _load(session, request_id)
        state = RequestState(row.state)
        if state != RequestState.APPROVED:
            raise UserError("not_approved", state=localized(state))
        digest = ensure_matches_signoff(session, row)
        contents: dict[str, Path] = {}
        for a in current_attachments(row):
            if a.caption == PAPER_FORM_CAPTION:
                continue
            path = contents[a.web_name] = folder / (a.web_copy_sha256 or a.sha256)
            try:
                if not path.exists():        # the same content twice is exported once
                    blobs.export(session, path.name, path)   # checked against its SHA-256
            except OSError as exc:
                raise UserError("publish_temp_failed", folder=str(folder),
                                detail=exc.strerror or str(exc)) from exc
        # Every step's signature, against exactly these bytes (issue: a database writer may
        # point an attachment at another blob and rewrite the manifest hash).
        ensure_publishable_in(session, ctx, row, {name: path.name
                                                  for name, path in contents.items()})
        return to_request(row), digest, contents


def _files_for(ctx: AppContext, profile: ServerProfile, request: PublicationRequest,
               contents: dict[str, Path]) -> list[PublishFile]:
    """What goes to the server; a file from the blob store is checked against its name
    (its SHA-256), the generated page against what it was rendered to."""
    if profile.mode == PublishMode.SITE:
        site = site_config(ctx, profile, request.category)
        bundle = page_bundle(page_item(ctx, request), site, contents)
    else:
        bundle = dict(contents)
    return [PublishFile(name=name, source=data,
                        sha256=data.name if isinstance(data, Path) else None)
            for name, data in bundle.items()]


@dataclass
class _Attempts:
    """What the attempts of one publish learnt, for the outcome, the error and the log."""

    started: datetime
    bytes_sent: int = 0
    files_sent: int = 0
    traffic_written: bool = False   # the "ok" row went in with the "published" record
    record: records.PublicationRecord | None = None
    live: bool | None = None        # after a failure: True live, False not, None unknown
    archive: str | None = None
    rolled_back: bool = False
    reports: list[ReconcileReport] = field(default_factory=list)
    link: LinkWindow = field(default_factory=LinkWindow)     # smaller after drops
    warnings: list[str] = field(default_factory=list)

    def reconciled(self) -> list[str]:
        return [line for report in self.reports for line in report.lines()
                if not line.startswith("kept for a resume")]


def _upload_and_record(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                       credentials: CredentialStore, controls: PublishControls,
                       request: PublicationRequest, digest: str,
                       files: list[PublishFile]) -> PublishOutcome:
    started = ctx.now()
    job = txn.Job(ctx, actor, profile, request_id)
    journal = DatabaseJournal(ctx.db, ctx.now)
    seen = _Attempts(started)
    policy = controls.policy(profile)
    ahead = RecordsAhead(ctx, profile.site_id)      # read while connecting
    connects = 0

    def open_connection() -> SftpConnection:
        nonlocal connects
        connects += 1
        return connect(profile, host_key_store(ctx), credentials)

    def step(connection: SftpConnection) -> PublishOutcome:
        ready = ahead.take()                      # the helper thread is done either way
        known = ready if connects == 1 else None  # never after a failed connect
        if known is not None:
            journal.keys_held(known.journalled)
        try:
            return _attempt(job, connection, journal, controls, request, digest, files, seen,
                            known)
        finally:
            seen.bytes_sent += connection.bytes_sent
            seen.files_sent += connection.files_sent

    try:
        with txn.upload_claim(job):
            outcome = with_reconnect(open_connection, step, attempts=policy.attempts,
                                     first_delay=policy.first_delay,
                                     max_delay=policy.max_delay, cancel=controls.cancel,
                                     progress=lambda: journal.advances)
    except UserError as exc:
        truthful = _truthful_error(ctx, job, seen, exc)
        txn.record_session(ctx, actor, profile, request_id, "publish", started, "failed",
                           seen.files_sent, seen.bytes_sent, truthful.text("en"))
        if truthful is exc:
            raise
        raise truthful from exc
    except BaseException as exc:
        txn.record_session(ctx, actor, profile, request_id, "publish", started, "error",
                           seen.files_sent, seen.bytes_sent, type(exc).__name__)
        raise
    finally:
        ahead.close()
    if not seen.traffic_written:
        txn.record_session(ctx, actor, profile, request_id, "publish", started, "ok",
                           seen.files_sent, seen.bytes_sent)
    return replace(outcome, bytes_sent=seen.bytes_sent)


def _attempt(job: txn.Job, connection: SftpConnection, journal: DatabaseJournal,
             controls: PublishControls, request: PublicationRequest, digest: str,
             files: list[PublishFile], seen: _Attempts,
             known: records.SiteRecords | None) -> PublishOutcome:
    ctx, profile = job.ctx, job.profile
    seen.reports.append(reconcile_site(ctx, connection, profile, job.actor.username,
                                       (profile.folder_for(request.category),), known))
    done = _already_published(job, seen)
    if done is not None:
        return done
    uploader = ItemUploader(connection, journal=journal, on_progress=controls.on_progress,
                            cancel=controls.cancel, link=seen.link)
    staged = uploader.stage_item(item_slug(request), profile.folder_for(request.category),
                                 files)
    try:
        return _commit(job, connection, uploader, staged, digest, seen)
    except BaseException:
        journal.flush()             # the staged files are kept for the next attempt
        raise


def _commit(job: txn.Job, connection: SftpConnection, uploader: ItemUploader,
            staged: StagedItem, digest: str, seen: _Attempts) -> PublishOutcome:
    """Record, rename, index, record again — or settle a failure that no retry cures."""
    ctx, profile = job.ctx, job.profile
    def traffic() -> txn.Traffic:
        return txn.Traffic(job.actor, profile, job.request_id, "publish", seen.started, "ok",
                           seen.files_sent + connection.files_sent,
                           seen.bytes_sent + connection.bytes_sent)

    with txn.publishing_locked(job, digest, staged, staged.manifest) as (lock, record):
        seen.record = record
        try:
            steps.reached(steps.PUBLISH_RECORDED, record.folder)
            uploader.commit_staged(staged)
            url = txn.finish_publishing(ctx, uploader, profile, record, job.actor, lock=lock,
                                        traffic=traffic)
            seen.traffic_written = True
            txn.leave_witness(ctx, connection, profile, seen.warnings)
        except PublishError as error:
            if error.code in TRANSIENT:     # the retry's reconcile completes or rolls back
                raise
            _settle(job, uploader, staged, record, error, seen)
            raise
        except BaseException as error:
            _settle(job, uploader, staged, record, error, seen)
            raise
    return _outcome(job, staged, url, seen)


def _settle(job: txn.Job, uploader: ItemUploader, staged: StagedItem,
            record: records.PublicationRecord, error: BaseException, seen: _Attempts) -> None:
    """A failure that a retry will not cure: look whether the item went live and roll the
    publication back now (moved to the archive), so the error can say what is on the site."""
    reason = error.text("en") if isinstance(error, UserError) else type(error).__name__
    with job.ctx.db.read() as session:
        if records.get(session, record.id).status != records.PUBLISHING:
            return                   # already recorded published: nothing to undo
    try:
        with uploader.ops.translated():
            seen.live = uploader.ops.lstat_or_none(staged.target) is not None
        seen.archive = txn.roll_back_publishing(job.ctx, uploader, job.profile, record, reason,
                                                live=seen.live, actor_name=job.actor.username)
        seen.rolled_back = True
    except Exception:       # the link or the database is gone too: reconcile finishes it
        return


def _already_published(job: txn.Job, seen: _Attempts) -> PublishOutcome | None:
    """The previous attempt's record was completed by this attempt's reconcile."""
    if seen.record is None:
        return None
    with job.ctx.db.read() as session:
        record = records.get(session, seen.record.id)
    if record.status != records.PUBLISHED:
        return None
    names = [str(f["name"]) for f in record.files]
    return PublishOutcome(job.request_id, record.url, record.remote_path, names, [], names,
                          0, reconciled=seen.reconciled())


def _outcome(job: txn.Job, staged: StagedItem, url: str, seen: _Attempts) -> PublishOutcome:
    result = staged.result
    warnings = [result.staging_warning] if result.staging_warning else []
    warnings += seen.warnings
    return PublishOutcome(job.request_id, url, result.remote_folder, result.files,
                          result.uploaded, result.skipped, 0, resumed=result.resumed,
                          warnings=warnings, reconciled=seen.reconciled())


def _truthful_error(ctx: AppContext, job: txn.Job, seen: _Attempts,
                    error: UserError) -> UserError:
    """The error as the user must hear it: with what is on the site now."""
    if seen.record is None:
        return error                 # nothing was recorded, so nothing was renamed
    with ctx.db.read() as session:
        record = records.get(session, seen.record.id)
    detail = error.text(ctx.lang)
    if record.status == records.PUBLISHED:
        return UserError("publish_done_with_error", url=record.url, detail=detail)
    if record.status == records.ROLLED_BACK:
        if seen.rolled_back and seen.live:
            return UserError("publish_failed_rolled_back", detail=detail,
                             archive=seen.archive or record.archive_path or "-")
        return UserError("publish_failed_nothing_live", detail=detail)
    if seen.live:
        return UserError("publish_failed_live_unrecorded", detail=detail,
                         server=job.profile.name)
    return UserError("publish_failed_unknown", detail=detail, server=job.profile.name)
