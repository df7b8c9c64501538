"""Publish an approved request to the agency web server, and take it down when it expires.

What is uploaded is exactly what was approved: the manifest is checked against the sign-off
before the upload and again in the transaction that marks the request published.  Every SFTP
session is written to the audit log (the traffic log kept for 90 days).
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.manifest import manifest_hash
from desktop.domain.messages import register
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState, Role
from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.pages import (
    PageItem,
    SiteConfig,
    page_bundle,
    page_item_from_request,
    render_atom_feed,
    render_category_index,
)
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.retry import with_reconnect
from desktop.publish.takedown import take_down
from desktop.publish.transfer import ProgressCallback, PublishFile
from desktop.publish.uploader import ItemUploader, PublishResult
from desktop.services.context import AppContext
from desktop.services.requests import _load, ensure_matches_signoff, fire
from desktop.services.servers import host_key_store
from desktop.store import audit, blobs, locks
from desktop.store.mapping import current_attachments, to_request
from desktop.store.models import PublicationRow, RequestRow, UploadJournalRow

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
})

register({
    "scheduler_not_due": (
        "บัญชีระบบนำลงอัตโนมัติ นำลงได้เฉพาะรายการที่ครบกำหนดแล้ว (คำขอนี้ครบกำหนด {expiry})",
        "The scheduler account may only take down items whose expiry date has come "
        "(this one: {expiry}).",
    ),
})


class DatabaseJournal:
    """The resume journal in the database: a retry skips files already uploaded and verified."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def record_file_verified(self, item: str, name: str, sha256: str) -> None:
        with self.ctx.db.write() as session:
            row = session.get(UploadJournalRow, (item, name))
            if row is None:
                session.add(UploadJournalRow(item=item, name=name, sha256=sha256,
                                             verified_at=self.ctx.now()))
            else:
                row.sha256, row.verified_at = sha256, self.ctx.now()

    def verified_files(self, item: str) -> set[tuple[str, str]]:
        with self.ctx.db.read() as session:
            rows = session.execute(select(UploadJournalRow.name, UploadJournalRow.sha256)
                                   .where(UploadJournalRow.item == item)).all()
        return {(name, sha) for name, sha in rows}

    def forget_item(self, item: str) -> None:
        with self.ctx.db.write() as session:
            session.execute(delete(UploadJournalRow).where(UploadJournalRow.item == item))


@dataclass(frozen=True)
class PublishOutcome:
    request_id: int
    url: str
    remote_folder: str
    files: list[str]
    uploaded: list[str]
    skipped: list[str]
    bytes_sent: int


@dataclass
class PublishControls:
    """What the GUI hands in: progress reports and a cancel switch."""

    on_progress: ProgressCallback | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    attempts: int = 4
    first_delay: float = 1.0


def item_slug(request: PublicationRequest) -> str:
    return request.reference.lower()


def site_config(ctx: AppContext, profile: ServerProfile, category: str) -> SiteConfig:
    agency = str(ctx.setting("agency_name", "") or "")
    era = str(ctx.setting("site_era", "BE") or "BE")
    folder = profile.folder_for(category)
    return SiteConfig(site_name=agency or "เว็บไซต์หน่วยงาน", agency_name=agency,
                      base_url=profile.public_url(folder), era=era)


def _category_name(ctx: AppContext, code: str) -> str:
    found = ctx.catalogue.get(code)
    return found.th if found else code


# The scanned, signed paper request form (attached with this caption by the request dialog)
# belongs to the record and the sign-off, not to the website.
PAPER_FORM_CAPTION = "แบบฟอร์มคำขอ (สแกน)"


def for_the_site(request: PublicationRequest) -> PublicationRequest:
    """The request as the site shows it: without the scanned paper form."""
    from dataclasses import replace

    return replace(request, attachments=tuple(a for a in request.attachments
                                              if a.caption != PAPER_FORM_CAPTION))


def _page_item(ctx: AppContext, request: PublicationRequest) -> PageItem:
    request = for_the_site(request)
    sub = _category_name(ctx, request.subcategory) if request.subcategory else ""
    item = page_item_from_request(request, item_slug(request),
                                  _category_name(ctx, request.category), sub)
    sizes = {a.web_name: a.published_size or a.size for a in request.attachments}
    from dataclasses import replace

    return replace(item, photos=tuple(replace(p, size=sizes.get(p.web_name, p.size))
                                      for p in item.photos),
                   files=tuple(replace(f, size=sizes.get(f.web_name, f.size))
                               for f in item.files))


def _approved_content(ctx: AppContext, request_id: int, folder: Path,
                      ) -> tuple[PublicationRequest, str, dict[str, Path]]:
    """The request as approved, and every file as it will be published: written into
    ``folder`` chunk by chunk from the blob store (verified there; a 500 MB video is never
    held in memory), each file named by the SHA-256 it must have on the server."""
    with ctx.db.read() as session:
        row = _load(session, request_id)
        state = RequestState(row.state)
        if state != RequestState.APPROVED:
            from desktop.domain.workflow import localized
            raise UserError("not_approved", state=localized(state))
        digest = ensure_matches_signoff(session, row)
        contents: dict[str, Path] = {}
        for a in current_attachments(row):
            if a.caption == PAPER_FORM_CAPTION:
                continue
            path = contents[a.web_name] = folder / (a.web_copy_sha256 or a.sha256)
            try:
                if not path.exists():        # the same content twice is exported once
                    blobs.export(session, path.name, path)
            except OSError as exc:
                raise UserError("publish_temp_failed", folder=str(folder),
                                detail=exc.strerror or str(exc)) from exc
        return to_request(row), digest, contents


def _files_for(ctx: AppContext, profile: ServerProfile, request: PublicationRequest,
               contents: dict[str, Path]) -> list[PublishFile]:
    """What goes to the server; a file from the blob store is checked against its name
    (its SHA-256), the generated page against what it was rendered to."""
    if profile.mode == PublishMode.SITE:
        site = site_config(ctx, profile, request.category)
        bundle = page_bundle(_page_item(ctx, request), site, contents)
    else:
        bundle = dict(contents)
    return [PublishFile(name=name, source=data,
                        sha256=data.name if isinstance(data, Path) else None)
            for name, data in bundle.items()]


def _published_items(ctx: AppContext, profile: ServerProfile, category: str,
                     extra: PublicationRequest | None, without: int | None) -> list[PageItem]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(RequestRow).join(PublicationRow, PublicationRow.request_id == RequestRow.id)
            .where(PublicationRow.server == profile.name, PublicationRow.taken_down_at.is_(None),
                   RequestRow.category == category)).scalars().unique().all()
        requests = [to_request(r) for r in rows if r.id != without]
    if extra is not None and all(r.id != extra.id for r in requests):
        requests.append(extra)
    return [_page_item(ctx, r) for r in requests]


def _refresh_index(ctx: AppContext, connection: SftpConnection, uploader: ItemUploader,
                   profile: ServerProfile, category: str, extra: PublicationRequest | None,
                   without: int | None) -> None:
    """Regenerate the category index page and Atom feed (temp name, then rename), locked."""
    if profile.mode != PublishMode.SITE:
        return
    folder = profile.folder_for(category)
    lock_name = f"index:{profile.name}:{folder}"
    with locks.held(ctx.db, lock_name, f"{ctx.workstation}:{threading.get_ident()}", ctx.now):
        items = _published_items(ctx, profile, category, extra, without)
        site = site_config(ctx, profile, category)
        heading = _category_name(ctx, category)
        prefix = f"{folder}/" if folder else ""
        uploader.replace_file(f"{prefix}index.html",
                              render_category_index(heading, items, site).encode("utf-8"))
        uploader.replace_file(f"{prefix}feed.xml",
                              render_atom_feed(heading, items, site).encode("utf-8"))


def _traffic(ctx: AppContext, actor: User, profile: ServerProfile, request_id: int,
             operation: str, started: datetime, result: str, files: int = 0,
             bytes_sent: int = 0, detail: str = "") -> None:
    with ctx.db.write() as session:
        audit.append(session, action="sftp_session", actor_id=actor.id or None,
                     actor_name=actor.username, workstation=ctx.workstation,
                     request_id=request_id,
                     details={"operation": operation, "server": profile.name,
                              "host": profile.host, "port": profile.port, "user": profile.user,
                              "start": started.isoformat(timespec="seconds"),
                              "end": ctx.now().isoformat(timespec="seconds"), "files": files,
                              "bytes": bytes_sent, "result": result, "detail": detail[:500]})


def publish_request(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                    credentials: CredentialStore,
                    controls: PublishControls | None = None) -> PublishOutcome:
    """Upload an approved request (all or nothing), then mark it published with its URL."""
    controls = controls or PublishControls()
    if Role.WEBMASTER not in actor.roles:
        from desktop.domain.errors import PermissionDenied
        from desktop.domain.workflow import localized
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
        files = _files_for(ctx, profile, request, contents)
        return _upload_and_record(ctx, actor, request_id, profile, credentials, controls,
                                  request, digest, files)


def _upload_and_record(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                       credentials: CredentialStore, controls: PublishControls,
                       request: PublicationRequest, digest: str,
                       files: list[PublishFile]) -> PublishOutcome:
    started = ctx.now()
    def step(connection: SftpConnection) -> PublishResult:
        uploader = ItemUploader(connection, journal=DatabaseJournal(ctx),
                                on_progress=controls.on_progress, cancel=controls.cancel)
        done = uploader.publish_item(item_slug(request), profile.folder_for(request.category),
                                     files)
        _refresh_index(ctx, connection, uploader, profile, request.category, request, None)
        return done

    try:
        # A dropped link reconnects with backoff; the journal skips files already verified.
        result = with_reconnect(lambda: connect(profile, host_key_store(ctx), credentials),
                                step, attempts=controls.attempts, cancel=controls.cancel,
                                first_delay=controls.first_delay)
    except UserError as exc:
        _traffic(ctx, actor, profile, request_id, "publish", started, "failed",
                 detail=exc.text("en"))
        raise
    except Exception as exc:
        _traffic(ctx, actor, profile, request_id, "publish", started, "error",
                 detail=type(exc).__name__)
        raise
    page = "" if profile.mode == PublishMode.SITE else result.files[0] if result.files else ""
    url = profile.public_url(f"{result.relative_folder}/{page}")
    with ctx.db.write() as session:
        row = _load(session, request_id, lock=True)
        if manifest_hash(to_request(row)) != digest:
            raise UserError("manifest_mismatch")
        fire(session, ctx, actor, row, Action.PUBLISH, None,
             extra={"url": url, "server": profile.name, "manifest_hash": digest})
        row.public_url = url
        session.add(PublicationRow(request_id=row.id, server=profile.name,
                                   remote_path=result.remote_folder, url=url,
                                   manifest_hash=digest, published_at=ctx.now(),
                                   archive_path=""))
    _traffic(ctx, actor, profile, request_id, "publish", started, "ok", len(result.uploaded),
             result.bytes_sent)
    return PublishOutcome(request_id, url, result.remote_folder, result.files, result.uploaded,
                          result.skipped, result.bytes_sent)


@dataclass(frozen=True)
class TakedownOutcome:
    request_id: int
    archive_path: str | None


def take_down_request(ctx: AppContext, actor: User, request_id: int, profile: ServerProfile,
                      credentials: CredentialStore, reason: str = "") -> TakedownOutcome:
    """Move the item from the web root to the archive (never delete), then record it."""
    with ctx.db.read() as session:
        row = _load(session, request_id)
        if RequestState(row.state) != RequestState.PUBLISHED:
            raise UserError("not_published")
        if Role.WEBMASTER not in actor.roles and (
                row.expiry_date is None or row.expiry_date > ctx.today()):
            raise PermissionDenied("scheduler_not_due", expiry=row.expiry_date or "-")
        request = to_request(row)
    started = ctx.now()
    try:
        with connect(profile, host_key_store(ctx), credentials) as connection:
            result = take_down(connection, profile.folder_for(request.category),
                               item_slug(request))
            uploader = ItemUploader(connection)
            _refresh_index(ctx, connection, uploader, profile, request.category, None,
                           request_id)
    except UserError as exc:
        _traffic(ctx, actor, profile, request_id, "takedown", started, "failed",
                 detail=exc.text("en"))
        raise
    with ctx.db.write() as session:
        row = _load(session, request_id, lock=True)
        fire(session, ctx, actor, row, Action.TAKE_DOWN, reason or None,
             extra={"archive": result.archive_path, "server": profile.name})
        for publication in session.execute(select(PublicationRow).where(
                PublicationRow.request_id == request_id,
                PublicationRow.taken_down_at.is_(None))).scalars():
            publication.taken_down_at = ctx.now()
            publication.archive_path = result.archive_path or ""
    _traffic(ctx, actor, profile, request_id, "takedown", started, "ok")
    return TakedownOutcome(request_id, result.archive_path)


@dataclass(frozen=True)
class DueItem:
    request_id: int
    reference: str
    title: str
    expiry_date: date


def due_for_takedown(ctx: AppContext, today: date | None = None) -> list[DueItem]:
    """Published items whose expiry (takedown) date has come."""
    today = today or ctx.today()
    with ctx.db.read() as session:
        rows = session.execute(
            select(RequestRow).where(RequestRow.state == RequestState.PUBLISHED.value,
                                     RequestRow.expiry_date.is_not(None),
                                     RequestRow.expiry_date <= today)
            .order_by(RequestRow.expiry_date)).scalars().all()
        return [DueItem(r.id, r.reference, r.title, r.expiry_date) for r in rows
                if r.expiry_date is not None]
