"""Publish one item atomically: stage, verify, then posix-rename the folder into place.

    <staging folder>/<item>-<token>/...        (outside the web root, 0700: see staging.py)
        -> web_root/<category folder>/<item>/...   (one rename: all or nothing)

``token`` is derived from the site, the item and its files' names, sizes and SHA-256, so a
retry after a dropped connection finds the same staging folder and skips every file the
:class:`ResumeJournal` lists as verified (after an ``lstat`` proves it is still there), and
carries on inside a file from its last verified offset.  :meth:`ItemUploader.stage_item` does
the upload; :meth:`ItemUploader.commit_staged` the renames (the caller records "publishing"
in between).  Cancel removes the staging folder: the server is left as it was.  Names,
category folders and symbolic links that would leave the web root are refused.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import paramiko
from paramiko.sftp import CMD_MKDIR, CMD_SETSTAT

from desktop.publish import remote_paths, steps
from desktop.publish.connection import SftpConnection
from desktop.publish.driver import Cancelled, run_uploads
from desktop.publish.errors import PublishCancelledError, PublishError
from desktop.publish.journal import Checkpoint, MemoryJournal, ResumeJournal
from desktop.publish.pipeline import RequestPipe, attrs, is_dir, is_file, is_symlink, ok_callback
from desktop.publish.profiles import Verify
from desktop.publish.remote_ops import RemoteOps, Survey
from desktop.publish.retry import TRANSIENT, LinkWindow
from desktop.publish.staging import (
    StagingListing,
    StagingPlace,
    ensure_root,
    page_temp_name,
    place_for,
    staging_name,
    sweep,
)
from desktop.publish.transfer import (
    DIR_MODE,
    MAX_FILES_IN_FLIGHT,
    WINDOW_BYTES,
    FileProgress,
    FileUpload,
    Lane,
    ProgressCallback,
    PublishFile,
)

MULTI_LANE_BYTES = 16 * 1024 * 1024   # smaller items: one connection, pipelined, is fastest
MULTI_LANE_MIN_RTT = 0.005            # seconds; below that (a LAN) the CPU is the limit


@dataclass(frozen=True)
class PublishResult:
    item: str
    relative_folder: str              # e.g. "news/2026-0042", relative to the web root
    remote_folder: str                # absolute path on the server
    files: list[str]
    uploaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    resumed: list[str] = field(default_factory=list)     # carried on inside the file
    staging_warning: str = ""


@dataclass
class StagedItem:
    """An item uploaded and verified in staging, not yet renamed into the web root."""

    result: PublishResult
    key: str                          # the journal's name for this attempt
    staging: str
    target: str
    staged_dirs: list[str]
    missing_category: list[str]
    replacing: bool
    aside_left: bool
    listing: StagingListing | None = None
    manifest: list[dict[str, object]] = field(default_factory=list)   # name, size, sha256

    @property
    def aside(self) -> str:
        return self.staging + ".old"


@dataclass(frozen=True)
class PageWritten:
    """A generated page put in place: what the records keep to notice a change later."""

    path: str                         # relative to the web root
    size: int
    mtime: int
    sha256: str


def verification_for(size: int, verify_sha256: bool, full_verify_max_bytes: int) -> Verify:
    """Full SHA-256 read-back up to ``full_verify_max_bytes``, sampled above (or size only
    when verification is off): reading back doubles the bytes on the wire."""
    if not verify_sha256:
        return Verify.SIZE
    return Verify.SHA256 if size <= full_verify_max_bytes else Verify.SAMPLED


class ItemUploader:
    """Publishes items over one :class:`SftpConnection` (one item at a time)."""

    def __init__(self, connection: SftpConnection, *, journal: ResumeJournal | None = None,
                 verify_sha256: bool | None = None, full_verify_max_bytes: int | None = None,
                 on_progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None, window_bytes: int = WINDOW_BYTES,
                 max_files_in_flight: int = MAX_FILES_IN_FLIGHT,
                 channels: int | None = None,
                 multi_lane_bytes: int = MULTI_LANE_BYTES,
                 multi_lane_min_rtt: float = MULTI_LANE_MIN_RTT,
                 link: LinkWindow | None = None) -> None:
        self.connection = connection
        self.profile = connection.profile
        self.journal: ResumeJournal = journal if journal is not None else MemoryJournal()
        self.verify_sha256 = (self.profile.verify_sha256 if verify_sha256 is None
                              else verify_sha256)
        self.full_verify_max_bytes = (self.profile.full_verify_max_mb * 1024 * 1024
                                      if full_verify_max_bytes is None else full_verify_max_bytes)
        self.on_progress = on_progress
        self.cancel = cancel
        self.link = link
        self.window_bytes = min(window_bytes, link.window) if link is not None else window_bytes
        self.max_files_in_flight = max_files_in_flight
        self.pipe = RequestPipe(connection.sftp)
        self.ops = RemoteOps(self.pipe, connection)
        self.web_root = self.profile.web_root.rstrip("/") or "/"
        self.channels = max(1, channels if channels is not None
                            else self.profile.parallel_connections)
        self.multi_lane_bytes = multi_lane_bytes
        self.multi_lane_min_rtt = multi_lane_min_rtt
        self._lanes = [Lane(0, self.pipe)]
        self.verified_bytes = 0          # verified on the server by this uploader (resume)
        self._verified_at: dict[int, int] = {}

    def verification(self, size: int) -> Verify:
        return verification_for(size, self.verify_sha256, self.full_verify_max_bytes)

    def staging_place(self) -> StagingPlace:
        with self.ops.translated():
            return place_for(self.connection, self.ops)

    def _lanes_for(self, total_bytes: int, round_trip: float) -> list[Lane]:
        """The lanes to start with.  For a big item over a slow link (where one channel's
        flow-control window is the limit) more SFTP channels are opened in the background
        and join when ready; on a LAN the CPU is the limit and one channel is fastest."""
        wanted = self._lane_count(total_bytes, round_trip)
        if wanted > 1:
            self.connection.request_channels(wanted - 1)
        self._joined_lanes()
        return self._lanes[:wanted]

    def _lane_count(self, total_bytes: int, round_trip: float) -> int:
        return self.channels if (total_bytes >= self.multi_lane_bytes
                                 and round_trip >= self.multi_lane_min_rtt) else 1

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for channels still opening in the background (before closing, in tests)."""
        self.connection.settle(timeout)
        self._joined_lanes()

    def _joined_lanes(self) -> list[Lane]:
        """Lanes for extra channels that finished opening since the last call."""
        joined = []
        for client in self.connection.ready_channels()[len(self._lanes) - 1:]:
            lane = Lane(len(self._lanes), RequestPipe(client))
            self._lanes.append(lane)
            joined.append(lane)
        return joined

    def _abandon_all(self) -> None:
        for lane in self._lanes:
            lane.pipe.abandon()

    # -- public API ---------------------------------------------------------------------------
    def publish_item(self, item: str, category_folder: str,
                     files: Sequence[PublishFile]) -> PublishResult:
        """Upload ``files`` as ``web_root/category_folder/item/``; all or nothing."""
        return self.commit_staged(self.stage_item(item, category_folder, files))

    def stage_item(self, item: str, category_folder: str,
                   files: Sequence[PublishFile]) -> StagedItem:
        """Upload and verify ``files`` in staging (resuming what the journal knows)."""
        item = remote_paths.safe_relative(item)
        if "/" in item:
            raise PublishError("sftp_unsafe_path", path=item)
        category = remote_paths.safe_relative(category_folder, allow_empty=True)
        names = [remote_paths.safe_relative(spec.name) for spec in files]
        if len(set(names)) != len(names) or not names:
            raise PublishError("sftp_unsafe_path", path=", ".join(sorted(names)) or "(none)")
        digests = [spec.digest() for spec in files]
        sizes = [spec.size for spec in files]
        place = self.staging_place()
        key = staging_name(item, _token(self.profile.site_id, category, item, names, digests,
                                        sizes))
        relative = "/".join(p for p in (category, item) if p)
        target = remote_paths.join(self.web_root, relative)
        staging = remote_paths.join(place.root, key)
        folders = sorted({p for name in names for p in remote_paths.prefixes(name)[:-1]})
        staged_dirs = [staging, *(remote_paths.join(staging, f) for f in folders)]
        recorded = self.journal.verified_files(key)
        partial = self.journal.progress(key)
        known = [i for i in range(len(names))
                 if (names[i], digests[i]) in recorded or names[i] in partial]
        with self.ops.translated():
            if sum(sizes) >= self.multi_lane_bytes:  # start extra channels right away
                self._lanes_for(sum(sizes), self.connection.round_trip)
            ensure_root(self.ops, place)              # rides along with the survey
            survey = self.ops.survey(
                [*(remote_paths.join(self.web_root, p) for p in remote_paths.prefixes(category)),
                 target, staging + ".old", *staged_dirs,
                 *(remote_paths.join(staging, names[i]) for i in known)],
                self.web_root, with_space=True)
            self._check_root(survey)
            missing_category = survey.check_folders(self.web_root, category)
            _refuse_non_folder(survey, target)
            missing = []
            for path in staged_dirs:
                _refuse_non_folder(survey, path)
                if survey.lstat(path) is None:
                    missing.append(path)
            skip, resume, staged_sizes = _what_is_there(survey, staging, names, digests,
                                                        sizes, recorded, partial, known)
            todo = [i for i in range(len(names)) if names[i] not in skip]
            needed = sum(sizes[i] - (resume[names[i]].offset if names[i] in resume else 0)
                         for i in todo)
            if survey.space is not None and survey.space.free_bytes < needed:
                raise PublishError("sftp_disk_full", path=self.web_root, needed=needed,
                                   free=survey.space.free_bytes)
            answered = _Replies()       # made (when missing) and their mode set whatever the
            for path in missing:        # umask did: sent without waiting, ahead of the OPEN
                self.pipe.send(CMD_MKDIR, path, attrs(DIR_MODE),
                               callback=answered.awaited(ok_callback(path)))
            for path in staged_dirs:
                self.pipe.send(CMD_SETSTAT, path, attrs(DIR_MODE),
                               callback=answered.awaited(ok_callback(path)))
            for name in sorted(skip):
                self._progress(item, name, sizes[names.index(name)], "skipped")
            listing = StagingListing(self.pipe, place.root)   # answered during the upload
            uploads = [FileUpload(item, files[i], remote_paths.join(staging, names[i]),
                                  digests[i], sizes[i], verify=self.verification(sizes[i]),
                                  on_done=self._recorder(key), on_progress=self.on_progress,
                                  resume=resume.get(names[i]),
                                  on_checkpoint=self._checkpointer(key),
                                  remote_size=staged_sizes.get(names[i], 0))
                       for i in todo]
            self._upload(item, key, staging, uploads, answered)
        result = PublishResult(item=item, relative_folder=relative, remote_folder=target,
                               files=names, uploaded=[names[i] for i in todo],
                               skipped=sorted(skip),
                               bytes_sent=sum(u.sent_bytes for u in uploads),
                               resumed=sorted(u.spec.name for u in uploads if u.resumed_from),
                               staging_warning=place.warning)
        return StagedItem(result, key, staging, target, staged_dirs, missing_category,
                          replacing=survey.lstat(target) is not None,
                          aside_left=survey.lstat(staging + ".old") is not None,
                          listing=listing,
                          manifest=[{"name": n, "size": z, "sha256": d}
                                    for n, z, d in zip(names, sizes, digests, strict=True)])

    def _upload(self, item: str, key: str, staging: str, uploads: list[FileUpload],
                folders: _Replies) -> None:
        """Run the uploads.  Other channels join only once the staged ``folders`` (made on
        this one) are answered: an OPEN there keeps no order with a MKDIR here."""
        total, round_trip = sum(u.size for u in uploads), self.connection.round_trip
        lanes = self._lanes_for(total, round_trip)
        held = lanes[1:]
        many = self._lane_count(total, round_trip) > 1

        def more_lanes() -> list[Lane]:
            held.extend(self._joined_lanes())
            if not folders.all_answered:
                return []
            joined = list(held)
            held.clear()
            return joined

        try:
            with self.ops.translated():
                try:
                    run_uploads(lanes[:1], uploads, more_lanes=more_lanes if many else None,
                                cancel=self.cancel, window_bytes=self.window_bytes,
                                max_files=self.max_files_in_flight,
                                reply_timeout=self.profile.io_timeout)
                except BaseException:
                    self._abandon_all()
                    raise
                if self.cancel is not None and self.cancel.is_set():
                    raise Cancelled()
        except Cancelled:
            self._discard_staging(key, staging)
            raise PublishCancelledError("sftp_cancelled") from None
        except PublishError as error:
            if error.code == "sftp_disk_full_write":   # free what the attempt took
                self._discard_staging(key, staging)
            if self.link is not None and error.code in TRANSIENT:
                self.link.dropped(self.verified_bytes)
            self.journal.flush()        # what is verified is kept for the retry
            raise
        except BaseException:
            self.journal.flush()
            raise
        finally:
            self.connection.bytes_sent += sum(u.sent_bytes for u in uploads)

    def commit_staged(self, staged: StagedItem) -> PublishResult:
        """The only step the public can see: one rename (two when replacing), pipelined
        behind any category folders still to be made (the staged folders' permissions were
        set, and answered, while :meth:`stage_item` uploaded)."""
        with self.ops.translated():
            if staged.aside_left:                       # an interrupted earlier replacement
                self.ops.remove_tree(staged.aside)
            for path in staged.missing_category:
                self.pipe.send(CMD_MKDIR, path, attrs(DIR_MODE), callback=_ignore_status)
            steps.reached(steps.PUBLISH_BEFORE_RENAME, staged.result.relative_folder)
            if staged.replacing:
                self.ops.send_posix_rename(staged.target, staged.aside)
            self.ops.send_posix_rename(staged.staging, staged.target)
            self.pipe.drain()
            steps.reached(steps.PUBLISH_AFTER_RENAME, staged.result.relative_folder)
            if staged.replacing:
                self.ops.remove_tree(staged.aside)
            self.journal.forget_item(staged.key)
            place = self.staging_place()
            sweep(self.ops, place.root, staged.result.item, staged.key, staged.listing)
        return staged.result

    def replace_file(self, relative_path: str, data: bytes, *,
                     mtime: float | None = None) -> str:
        """Put one generated file (item page, category index, Atom feed) in place atomically."""
        return remote_paths.join(self.web_root, self.write_page(relative_path, data,
                                                                mtime=mtime).path)

    def write_page(self, relative_path: str, data: bytes, *,
                   mtime: float | None = None) -> PageWritten:
        """Write ``data`` to a temporary in the staging folder, verify it, then posix-rename
        it over ``relative_path``: a reader sees the old or the new page, never half of one,
        and no temporary ever sits in a public folder."""
        relative = remote_paths.safe_relative(relative_path)
        parent, _, name = relative.rpartition("/")
        target = remote_paths.join(self.web_root, relative)
        stamp = int(time.time() if mtime is None else mtime)
        spec = PublishFile(name=name, source=data, mtime=stamp)
        with self.ops.translated():
            place = self.staging_place()
            ensure_root(self.ops, place)
            temporary = remote_paths.join(place.root, page_temp_name())
            survey = self.ops.survey(
                [*(remote_paths.join(self.web_root, p) for p in remote_paths.prefixes(parent)),
                 target], self.web_root)
            self._check_root(survey)
            self.ops.make_dirs(survey.check_folders(self.web_root, parent), DIR_MODE)
            existing = survey.lstat(target)
            if existing is not None and not is_file(existing):
                raise PublishError("sftp_remote_symlink", path=target)
            upload = FileUpload("", spec, temporary, spec.digest(), len(data),
                                verify=Verify.SHA256, on_done=lambda _u: None, on_progress=None)
            try:
                with self.ops.translated():        # judge a full disk before cleaning up
                    try:
                        run_uploads(self._lanes[:1], [upload],
                                    reply_timeout=self.profile.io_timeout)
                    finally:
                        self.connection.bytes_sent += upload.sent_bytes
                    steps.reached(steps.PAGE_UPLOADED, relative)
                    self.ops.posix_rename(temporary, target)
            except BaseException:
                self.ops.remove_quietly(temporary)
                raise
            steps.reached(steps.PAGE_RENAMED, relative)
        return PageWritten(relative, len(data), stamp, hashlib.sha256(data).hexdigest())

    # -- steps --------------------------------------------------------------------------------
    def _check_root(self, survey: Survey) -> None:
        if survey.root is None or not is_dir(survey.root):
            raise PublishError("sftp_remote_missing", path=self.web_root)

    def _discard_staging(self, key: str, staging: str) -> None:
        for lane in self._lanes:
            lane.pipe.abandon()
            lane.pipe.drain()
        self.ops.remove_tree(staging)
        self.journal.forget_item(key)

    def _recorder(self, key: str) -> Callable[[FileUpload], None]:
        def record(upload: FileUpload) -> None:
            self.journal.record_file_verified(key, upload.spec.name, upload.sha256)
            self.connection.files_sent += 1
            self._verified(upload, upload.size)
        return record

    def _checkpointer(self, key: str) -> Callable[[FileUpload, Checkpoint], None]:
        def record(upload: FileUpload, checkpoint: Checkpoint) -> None:
            self.journal.record_progress(key, upload.spec.name, checkpoint)
            self._verified(upload, checkpoint.offset)
        return record

    def _verified(self, upload: FileUpload, offset: int) -> None:
        before = self._verified_at.get(id(upload), upload.resumed_from)
        self.verified_bytes += max(0, offset - before)
        self._verified_at[id(upload)] = max(before, offset)

    def _progress(self, item: str, name: str, size: int, state: str) -> None:
        if self.on_progress is not None:
            self.on_progress(FileProgress(item, name, size, size, state))


class _Replies:
    """Counts requests still unanswered (in whatever order the server answers them)."""

    def __init__(self) -> None:
        self.waiting = 0

    @property
    def all_answered(self) -> bool:
        return self.waiting == 0

    def awaited(self, callback: Callable[[int, paramiko.Message], None],
                ) -> Callable[[int, paramiko.Message], None]:
        self.waiting += 1

        def answered(kind: int, message: paramiko.Message) -> None:
            self.waiting -= 1
            callback(kind, message)
        return answered


def _what_is_there(survey: Survey, staging: str, names: list[str], digests: list[str],
                   sizes: list[int], recorded: set[tuple[str, str]],
                   partial: dict[str, Checkpoint], known: list[int],
                   ) -> tuple[set[str], dict[str, Checkpoint], dict[str, int]]:
    """Files complete in staging (skipped) and files to carry on from a checkpoint: the
    journal's word, checked against what ``lstat`` finds (whole size, or at least the
    verified prefix)."""
    skip: set[str] = set()
    resume: dict[str, Checkpoint] = {}
    staged_sizes: dict[str, int] = {}
    for i in known:
        found = survey.lstat(remote_paths.join(staging, names[i]))
        if found is None or not is_file(found):
            continue
        if (names[i], digests[i]) in recorded and found.st_size == sizes[i]:
            skip.add(names[i])
            continue
        checkpoint = partial.get(names[i])
        if (checkpoint is not None and checkpoint.sha256 == digests[i]
                and 0 < checkpoint.offset <= (found.st_size or 0) <= sizes[i]):
            resume[names[i]] = checkpoint
            staged_sizes[names[i]] = found.st_size or 0
    return skip, resume, staged_sizes


def _ignore_status(kind: int, message: paramiko.Message) -> None:
    return None     # "already exists" is fine; the rename behind it reports real problems


def _refuse_non_folder(survey: Survey, path: str) -> None:
    found = survey.lstat(path)
    if found is not None and (is_symlink(found) or not is_dir(found)):
        raise PublishError("sftp_remote_symlink", path=path)


def _token(site: str, category: str, item: str, names: list[str], digests: list[str],
           sizes: list[int]) -> str:
    hasher = hashlib.sha256(f"{site}\0{category}\0{item}".encode())
    for name, digest, size in sorted(zip(names, digests, sizes, strict=True)):
        hasher.update(f"\0{name}\0{digest}\0{size}".encode())
    return hasher.hexdigest()[:16]
