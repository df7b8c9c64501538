"""Reconcile: make a site and its records agree again after a crash, a cut or a kill -9.

Runs at start-up, before every publish and takedown (on the same connection, under the site
lock) and as ``webdesk reconcile --server NAME``.  It compares the records with one listing of
the server (:mod:`desktop.publish.site_scan`) and repairs, auditing what it did:

* an open "publishing" record: the item is live -> completed (index, then "published"); not
  live -> rolled back; the request can no longer be published -> taken off to the archive;
* an open "taking_down" record: the item is still live -> back to "published"; gone (or
  parked half-way to an archive on another disk) -> the takedown is completed;
* an item folder on the site that the records do not hold live, but that WebDesk put there
  (a known folder or a request's reference) -> moved to the archive;
* a recorded item missing from the site -> reported (a person decides);
* temporaries in public folders (older versions' page temporaries, rename probes) and in
  staging (page temporaries, probes, uploads nobody will resume) -> removed;
* an index page or feed that is not the one last written, or whose folder changed -> rewritten.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field

from desktop.domain.errors import NotFound, UserError
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.pipeline import is_dir, is_symlink
from desktop.publish.profiles import AuthKind, PublishMode, ServerProfile
from desktop.publish.retry import RetryPolicy, with_reconnect
from desktop.publish.site_scan import SiteScan, remove_paths, scan
from desktop.publish.staging import STAGING, STALE_AFTER, is_temporary, item_of
from desktop.publish.takedown import take_down
from desktop.publish.uploader import ItemUploader
from desktop.services import publish_txn as txn
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.services.servers import host_key_store
from desktop.services.site_index import (
    FEED,
    INDEX_PAGE,
    folder_index,
    record_pages,
    write_folder_index,
)
from desktop.store import audit
from desktop.store import publication_records as records

UNCLAIMED_UPLOAD_GRACE = 3600.0     # an upload folder nobody journalled: maybe another PC's
PARKED = "takedown-"


@dataclass
class ReconcileReport:
    server: str
    site: str
    completed: list[str] = field(default_factory=list)
    rolled_back: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_for_resume: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    staging: str = ""
    staging_warning: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.completed or self.rolled_back or self.archived or self.removed
                    or self.rewritten)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def lines(self) -> list[str]:
        """What it found and did, one line each (English; item names are not translated)."""
        labels = (("completed", "completed"), ("rolled_back", "rolled back"),
                  ("archived", "live without a record, moved to the archive"),
                  ("missing", "recorded but NOT on the server"),
                  ("removed", "temporary removed"), ("kept_for_resume", "kept for a resume"),
                  ("rewritten", "rewritten"))
        out = [f"{label}: {entry}" for name, label in labels
               for entry in getattr(self, name)]
        if self.staging_warning:
            out.append(f"warning: {self.staging_warning}")
        return out


def read_site_records(ctx: AppContext, site: str) -> records.SiteRecords:
    """What the records say about ``site`` (the first half of a look, see ``known`` below)."""
    with ctx.db.read() as session:
        return records.site_records(session, site)


class RecordsAhead:
    """The site's records read on a helper thread while the SSH connection is being made
    (mostly waiting for the server); the reconcile that starts a publish uses them.
    ``take()`` gives them once (None when the read failed: the caller
    then reads them itself and meets the error there)."""

    def __init__(self, ctx: AppContext, site: str) -> None:
        self._found: records.SiteRecords | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._read, args=(ctx, site),
                                        name="webdesk-records-ahead", daemon=True)
        self._thread.start()

    def _read(self, ctx: AppContext, site: str) -> None:
        try:
            self._found = read_site_records(ctx, site)
        except Exception:  # noqa: BLE001 - read again by the caller, which reports it
            self._found = None

    def take(self) -> records.SiteRecords | None:
        self._thread.join()
        if self._taken:
            return None
        self._taken = True
        return self._found

    def close(self) -> None:
        """Wait for the helper thread (it touches the database only briefly)."""
        self._thread.join()


def reconcile_site(ctx: AppContext, connection: SftpConnection, profile: ServerProfile,
                   actor_name: str, folders: tuple[str, ...] = (),
                   known: records.SiteRecords | None = None) -> ReconcileReport:
    """Reconcile before a publish or takedown: look first (no lock, no writes); only when
    something needs repair, take the site lock and reconcile again under it.  The category
    folders looked at are those the records know plus ``folders`` (the one about to change);
    :func:`reconcile_server` (start-up, ``webdesk reconcile``) looks at every category's.
    ``known``: the records of the site read just before (e.g. while connecting) — the look
    takes no lock anyway, and a repair reads them again under the lock."""
    uploader = ItemUploader(connection)
    known, found = _scan(ctx, connection, uploader, profile, folders, known)
    if _needs_repair(ctx, profile, known, found):
        with txn.site_lock(ctx, profile.site_id):
            return reconcile_connection(ctx, connection, profile, actor_name, folders)
    report = ReconcileReport(profile.name, profile.site_id, staging=found.place.root,
                             staging_warning=found.place.warning)
    report.kept_for_resume.extend(_staging_plan(known, found).kept)
    _missing(known, found, report)
    if report.missing:
        with ctx.db.write() as session:
            audit.append(session, action="reconcile", actor_name=actor_name,
                         workstation=ctx.workstation, details=report.as_dict())
    return report


def _needs_repair(ctx: AppContext, profile: ServerProfile, known: records.SiteRecords,
                  found: SiteScan) -> bool:
    plan = _staging_plan(known, found)
    if known.open or plan.files or plan.folders or plan.parked or plan.fallback_empties:
        return True
    if profile.mode == PublishMode.SITE and any(
            folder and not _pages_as_written(found, known.pages, folder)
            for folder in _index_folders(known)):
        return True
    return bool(_unrecorded(ctx, known, found))


def reconcile_connection(ctx: AppContext, connection: SftpConnection, profile: ServerProfile,
                         actor_name: str, folders: tuple[str, ...] | None = None,
                         ) -> ReconcileReport:
    """Compare and repair (the caller holds :func:`publish_txn.site_lock`).  ``folders``
    None: every category's folder is looked at, else the recorded ones and these."""
    site = profile.site_id
    uploader = ItemUploader(connection)
    report = ReconcileReport(profile.name, site)
    touched: set[str] = set()
    known, found = _scan(ctx, connection, uploader, profile, folders)
    report.staging, report.staging_warning = found.place.root, found.place.warning
    for record in known.open:
        _resolve(ctx, uploader, profile, record, found, report)
        touched.add(record.category_folder)
    if known.open:
        known, found = _scan(ctx, connection, uploader, profile, folders)
    for folder, name in _unrecorded(ctx, known, found):
        moved = take_down(uploader.connection, folder, name)
        report.archived.append(f"{folder}/{name} -> {moved.archive_path}")
        touched.add(folder)
    _missing(known, found, report)
    _temporaries(uploader, known, found, report)
    _indexes(ctx, uploader, profile, known, found, report, touched)
    if report.changed or report.missing:
        with ctx.db.write() as session:
            audit.append(session, action="reconcile", actor_name=actor_name,
                         workstation=ctx.workstation, details=report.as_dict())
    return report


def _scan(ctx: AppContext, connection: SftpConnection, uploader: ItemUploader,
          profile: ServerProfile, extra: tuple[str, ...] | None,
          known: records.SiteRecords | None = None,
          ) -> tuple[records.SiteRecords, SiteScan]:
    if known is None:
        known = read_site_records(ctx, profile.site_id)
    folders = {folder.rpartition("/")[0] for folder in known.known}
    folders |= {path.rpartition("/")[0] for path in known.pages}
    if extra is None:
        folders |= {profile.folder_for(code) for code in _category_codes(ctx)}
    else:
        folders |= set(extra)
    with uploader.ops.translated():
        return known, scan(connection, uploader.ops, sorted(f for f in folders if f))


def _category_codes(ctx: AppContext) -> list[str]:
    codes: list[str] = []
    for category in ctx.catalogue.categories:
        codes.append(category.code)
        codes.extend(child.code for child in category.children)
    return codes


def _is_live(found: SiteScan, folder: str) -> bool:
    entry = found.entry(folder)
    return entry is not None and is_dir(entry) and not is_symlink(entry)


def _resolve(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
             record: records.PublicationRecord, found: SiteScan,
             report: ReconcileReport) -> None:
    live = _is_live(found, record.folder)
    if record.status == records.PUBLISHING:
        if not live:
            txn.roll_back_publishing(ctx, uploader, profile, record,
                                     "reconcile: never went live", live=False,
                                     actor_name="reconcile")
            report.rolled_back.append(record.folder)
            return
        try:
            txn.finish_publishing(ctx, uploader, profile, record, _actor(ctx, record),
                                  reconciled=True)
            report.completed.append(f"published {record.folder}")
        except UserError as refused:
            txn.roll_back_publishing(ctx, uploader, profile, record,
                                     f"reconcile: {refused.text('en')}", live=True,
                                     actor_name="reconcile")
            report.rolled_back.append(record.folder)
        return
    if live:                                     # the takedown never moved it
        txn.undo_takedown_record(ctx, record)
        report.rolled_back.append(f"takedown of {record.folder}")
        return
    moved = take_down(uploader.connection, record.category_folder, record.item)
    txn.finish_takedown(ctx, uploader, profile, record, _actor(ctx, record),
                        moved.archive_path, "", note="completed by reconcile",
                        reconciled=True)
    report.completed.append(f"taken down {record.folder}")


def _actor(ctx: AppContext, record: records.PublicationRecord) -> User:
    from desktop.services.auth import get_user

    try:
        if record.actor_id is None:
            raise NotFound("user_not_found", name=record.actor_name)
        return get_user(ctx, record.actor_id)
    except NotFound as gone:
        raise UserError("publisher_gone", name=record.actor_name) from gone


def _unrecorded(ctx: AppContext, known: records.SiteRecords,
                found: SiteScan) -> list[tuple[str, str]]:
    """Item folders on the site that the records do not hold live but that WebDesk put
    there (a folder it recorded once, or a request's reference)."""
    live = {r.folder for r in known.live}
    candidates = [(folder, name) for folder in found.folders
                  for name in found.item_folders(folder) if f"{folder}/{name}" not in live]
    if not candidates:
        return []
    with ctx.db.read() as session:
        references = records.request_ids_by_reference(session, [n for _, n in candidates])
    return [(folder, name) for folder, name in candidates
            if f"{folder}/{name}" in known.known or name.lower() in references]


def _missing(known: records.SiteRecords, found: SiteScan, report: ReconcileReport) -> None:
    live = {r.folder for r in known.live}
    report.missing.extend(sorted(f for f in live if f.rpartition("/")[0] in found.folders
                                 and not _is_live(found, f)))


@dataclass
class _StagingPlan:
    files: list[str] = field(default_factory=list)          # to remove
    folders: list[str] = field(default_factory=list)        # to remove
    parked: list[str] = field(default_factory=list)         # half-way to the archive
    kept: list[str] = field(default_factory=list)           # uploads kept for a resume
    fallback_empties: bool = False                          # remove the hidden fallback too


def _staging_plan(known: records.SiteRecords, found: SiteScan) -> _StagingPlan:
    plan = _StagingPlan()
    plan.files, plan.folders = found.public_temporaries()
    now = time.time()
    spaces = [(found.place.root, found.staging)]
    if found.fallback is not None:
        spaces.append((remote_paths.join(found.web_root, STAGING), found.fallback))
    for root, entries in spaces:
        for name, entry in entries.items():
            path = remote_paths.join(root, name)
            if name.startswith(PARKED):
                plan.parked.append(name)
                continue
            owner = item_of(name)
            age = now - (entry.st_mtime or 0)
            if is_temporary(name) or (owner is not None and (
                    age > STALE_AFTER or (name not in known.journalled
                                          and not name.endswith(".old")
                                          and age > UNCLAIMED_UPLOAD_GRACE))):
                (plan.folders if is_dir(entry) and not is_symlink(entry)
                 else plan.files).append(path)
            elif owner is not None:
                plan.kept.append(path)
    fallback = remote_paths.join(found.web_root, STAGING) + "/"
    plan.fallback_empties = found.fallback is not None and len(found.fallback) == len(
        [p for p in [*plan.files, *plan.folders] if p.startswith(fallback)])
    return plan


def _temporaries(uploader: ItemUploader, known: records.SiteRecords, found: SiteScan,
                 report: ReconcileReport) -> None:
    plan = _staging_plan(known, found)
    for name in plan.parked:
        _finish_parked(uploader, name, report)
    report.kept_for_resume.extend(plan.kept)
    if plan.files or plan.folders:
        with uploader.ops.translated():
            remove_paths(uploader.ops, plan.files, plan.folders)
    report.removed.extend([*plan.files, *plan.folders])
    if plan.fallback_empties:
        with uploader.ops.translated():
            uploader.ops.remove_tree(remote_paths.join(found.web_root, STAGING))
        report.removed.append(remote_paths.join(found.web_root, STAGING))


def _finish_parked(uploader: ItemUploader, name: str, report: ReconcileReport) -> None:
    """An item half-way to an archive on another disk: finish the copy (never delete it)."""
    category, _, item = name[len(PARKED):].replace("--", "/").rpartition("/")
    moved = take_down(uploader.connection, category, item)
    report.completed.append(f"archive copy of {category}/{item} -> {moved.archive_path}")


def _indexes(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
             known: records.SiteRecords, found: SiteScan, report: ReconcileReport,
             touched: set[str]) -> None:
    if profile.mode != PublishMode.SITE:
        return
    site, pages = profile.site_id, known.pages
    for folder in sorted(_index_folders(known) | touched):
        if not folder or (folder not in touched and _pages_as_written(found, pages, folder)):
            continue
        written = write_folder_index(ctx, uploader, profile, folder_index(ctx, site, folder))
        with ctx.db.write() as session:
            record_pages(session, ctx, site, written)
        report.rewritten.extend(page.path for page in written)


def _index_folders(known: records.SiteRecords) -> set[str]:
    return {r.category_folder for r in known.live} | {p.rpartition("/")[0]
                                                       for p in known.pages}


def _pages_as_written(found: SiteScan, pages: dict[str, records.PageState], folder: str) -> bool:
    for name in (INDEX_PAGE, FEED):
        path = f"{folder}/{name}"
        entry, state = found.entry(path), pages.get(path)
        if entry is None or state is None or entry.st_size != state.size \
                or int(entry.st_mtime or 0) != state.mtime:
            return False
    return True


def reconcile_server(ctx: AppContext, actor: User, profile: ServerProfile,
                     credentials: CredentialStore) -> ReconcileReport:
    """``webdesk reconcile --server NAME``: connect, reconcile the site, audit the session."""
    with ctx.db.read() as session:
        acting_in(session, actor, Role.WEBMASTER, Role.ADMIN, Role.SCHEDULER, now=ctx.now())
    started = ctx.now()
    policy = RetryPolicy.of(profile)
    sent = [0, 0]

    def step(connection: SftpConnection) -> ReconcileReport:
        try:
            with txn.site_lock(ctx, profile.site_id):
                return reconcile_connection(ctx, connection, profile, actor.username)
        finally:
            sent[0] += connection.files_sent
            sent[1] += connection.bytes_sent

    try:
        report = with_reconnect(lambda: connect(profile, host_key_store(ctx), credentials),
                                step, attempts=policy.attempts,
                                first_delay=policy.first_delay, max_delay=policy.max_delay)
    except UserError as exc:
        txn.record_session(ctx, actor, profile, None, "reconcile", started, "failed",
                           sent[0], sent[1], exc.text("en"))
        raise
    txn.record_session(ctx, actor, profile, None, "reconcile", started, "ok", sent[0], sent[1])
    return report


def reconcile_sites(ctx: AppContext, actor: User, credentials: CredentialStore,
                    ) -> list[tuple[str, ReconcileReport | UserError]]:
    """At start-up: every site once, through its default profile if it has one, skipping
    profiles whose password would have to be asked.  Failures are returned, not raised."""
    from desktop.services.servers import default_server_name, read_servers

    default = default_server_name(ctx)
    stored = read_servers(ctx)
    profiles = sorted(stored.profiles, key=lambda p: (p.name != default, p.name))
    done: set[str] = set()
    results: list[tuple[str, ReconcileReport | UserError]] = [
        (name, stored.damage([name])) for name in stored.damaged]
    for profile in profiles:
        if profile.site_id in done or (profile.auth == AuthKind.PASSWORD and credentials.secret(
                profile, SecretKind.PASSWORD) is None):
            continue
        done.add(profile.site_id)
        try:
            results.append((profile.name, reconcile_server(ctx, actor, profile, credentials)))
        except UserError as exc:
            results.append((profile.name, exc))
    return results
