"""Publish one item atomically: stage, verify, then posix-rename the folder into place.

    web_root/.webdesk-staging/<item>-<token>/...   (0700 parent: never served)
        -> web_root/<category folder>/<item>/...    (one rename: all or nothing)

``token`` is derived from the item's files, so a retry after a dropped connection finds the
same staging folder and skips every file the :class:`ResumeJournal` lists as verified (after an
``lstat`` proves it is still there).  Cancel removes the staging folder: the server is left as
it was.  Names, category folders and symbolic links that would leave the web root are refused.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import paramiko
from paramiko.sftp import CMD_MKDIR, CMD_SETSTAT
from paramiko.sftp_attr import SFTPAttributes

from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishCancelledError, PublishError
from desktop.publish.journal import MemoryJournal, ResumeJournal
from desktop.publish.pipeline import (
    RequestPipe,
    attrs,
    is_dir,
    is_file,
    is_symlink,
    ok_callback,
)
from desktop.publish.profiles import Verify
from desktop.publish.remote_ops import RemoteOps, Survey
from desktop.publish.staging import (
    STAGING,
    StagingListing,
    staging_name,
    sweep,
)
from desktop.publish.staging import make_root as make_staging_root
from desktop.publish.transfer import (
    DIR_MODE,
    MAX_FILES_IN_FLIGHT,
    WINDOW_BYTES,
    Cancelled,
    FileProgress,
    FileUpload,
    Lane,
    ProgressCallback,
    PublishFile,
    run_uploads,
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


class ItemUploader:
    """Publishes items over one :class:`SftpConnection` (one item at a time)."""

    def __init__(self, connection: SftpConnection, *, journal: ResumeJournal | None = None,
                 verify_sha256: bool | None = None, full_verify_max_bytes: int | None = None,
                 on_progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None, window_bytes: int = WINDOW_BYTES,
                 max_files_in_flight: int = MAX_FILES_IN_FLIGHT,
                 channels: int | None = None,
                 multi_lane_bytes: int = MULTI_LANE_BYTES,
                 multi_lane_min_rtt: float = MULTI_LANE_MIN_RTT) -> None:
        self.connection = connection
        self.profile = connection.profile
        self.journal: ResumeJournal = journal if journal is not None else MemoryJournal()
        self.verify_sha256 = (self.profile.verify_sha256 if verify_sha256 is None
                              else verify_sha256)
        self.full_verify_max_bytes = (self.profile.full_verify_max_mb * 1024 * 1024
                                      if full_verify_max_bytes is None else full_verify_max_bytes)
        self.on_progress = on_progress
        self.cancel = cancel
        self.window_bytes = window_bytes
        self.max_files_in_flight = max_files_in_flight
        self.pipe = RequestPipe(connection.sftp)
        self.ops = RemoteOps(self.pipe, connection)
        self.web_root = self.profile.web_root.rstrip("/") or "/"
        self.channels = max(1, channels if channels is not None
                            else self.profile.parallel_connections)
        self.multi_lane_bytes = multi_lane_bytes
        self.multi_lane_min_rtt = multi_lane_min_rtt
        self._lanes = [Lane(0, self.pipe)]

    def verification(self, size: int) -> Verify:
        """Full SHA-256 read-back up to ``full_verify_max_bytes``, sampled above (or size only
        when verification is off): reading back doubles the bytes on the wire."""
        if not self.verify_sha256:
            return Verify.SIZE
        return Verify.SHA256 if size <= self.full_verify_max_bytes else Verify.SAMPLED

    def _lanes_for(self, total_bytes: int, round_trip: float) -> list[Lane]:
        """The lanes to start with.  For a big item over a slow link (where one channel's
        flow-control window is the limit) more SFTP channels are opened in the background
        and join when ready; on a LAN the CPU is the limit and one channel is fastest."""
        wanted = self.channels if (total_bytes >= self.multi_lane_bytes
                                   and round_trip >= self.multi_lane_min_rtt) else 1
        if wanted > 1:
            self.connection.request_channels(wanted - 1)
        self._joined_lanes()
        return self._lanes[:wanted]

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
        item = remote_paths.safe_relative(item)
        if "/" in item:
            raise PublishError("sftp_unsafe_path", path=item)
        category = remote_paths.safe_relative(category_folder, allow_empty=True)
        names = [remote_paths.safe_relative(spec.name) for spec in files]
        if len(set(names)) != len(names) or not names:
            raise PublishError("sftp_unsafe_path", path=", ".join(sorted(names)) or "(none)")
        digests = [spec.digest() for spec in files]
        sizes = [spec.size for spec in files]
        token = _token(category, item, names, digests, sizes)
        relative = "/".join(p for p in (category, item) if p)
        target = remote_paths.join(self.web_root, relative)
        staging_root = remote_paths.join(self.web_root, STAGING)
        staging = remote_paths.join(staging_root, staging_name(item, token))
        aside = staging + ".old"
        folders = sorted({p for name in names for p in remote_paths.prefixes(name)[:-1]})
        staged_dirs = [staging, *(remote_paths.join(staging, f) for f in folders)]
        recorded = self.journal.verified_files(item)
        candidates = [i for i in range(len(names)) if (names[i], digests[i]) in recorded]
        with self.ops.translated():
            if sum(sizes) >= self.multi_lane_bytes:  # start extra channels right away
                self._lanes_for(sum(sizes), self.connection.round_trip)
            survey = self.ops.survey(
                [*(remote_paths.join(self.web_root, p) for p in remote_paths.prefixes(category)),
                 target, aside, staging_root, *staged_dirs,
                 *(remote_paths.join(staging, names[i]) for i in candidates)],
                self.web_root, with_space=True)
            self._check_root(survey)
            missing_category = survey.check_folders(self.web_root, category)
            _refuse_non_folder(survey, target)
            _refuse_non_folder(survey, staging_root)
            missing = [] if survey.lstat(staging_root) else [staging_root]
            for path in staged_dirs:
                _refuse_non_folder(survey, path)
                if survey.lstat(path) is None:
                    missing.append(path)
            skip = {names[i] for i in candidates
                    if _whole_file(survey.lstat(remote_paths.join(staging, names[i])), sizes[i])}
            todo = [i for i in range(len(names)) if names[i] not in skip]
            needed = sum(sizes[i] for i in todo)
            if survey.space is not None and survey.space.free_bytes < needed:
                raise PublishError("sftp_disk_full", path=self.web_root, needed=needed,
                                   free=survey.space.free_bytes)
            if staging_root in missing:
                make_staging_root(self.ops, staging_root)
            self.ops.make_dirs([m for m in missing if m != staging_root], DIR_MODE)
            for name in sorted(skip):
                self._progress(item, name, sizes[names.index(name)], "skipped")
            listing = StagingListing(self.pipe, staging_root)   # answered during the upload
            uploads = [FileUpload(item, files[i], remote_paths.join(staging, names[i]),
                                  digests[i], sizes[i], verify=self.verification(sizes[i]),
                                  on_done=self._recorder(item), on_progress=self.on_progress)
                       for i in todo]
            try:
                with self.ops.translated():
                    try:
                        run_uploads(self._lanes_for(needed, self.connection.round_trip), uploads,
                                    more_lanes=self._joined_lanes,
                                    cancel=self.cancel, window_bytes=self.window_bytes,
                                    max_files=self.max_files_in_flight,
                                    reply_timeout=self.profile.io_timeout)
                    except BaseException:
                        self._abandon_all()
                        raise
                    if self.cancel is not None and self.cancel.is_set():
                        raise Cancelled()
            except Cancelled:
                self._discard_staging(item, staging)
                raise PublishCancelledError("sftp_cancelled") from None
            except PublishError as error:
                if error.code == "sftp_disk_full_write":   # free what the attempt took
                    self._discard_staging(item, staging)
                raise
            self._commit(staged_dirs, missing_category, target, staging, aside,
                         replacing=survey.lstat(target) is not None,
                         aside_left=survey.lstat(aside) is not None)
            self.journal.forget_item(item)
            sweep(self.ops, staging_root, item, staging_name(item, token), listing)
        return PublishResult(item=item, relative_folder=relative, remote_folder=target,
                             files=names, uploaded=[names[i] for i in todo],
                             skipped=sorted(skip), bytes_sent=needed)

    def replace_file(self, relative_path: str, data: bytes, *, mtime: float | None = None) -> str:
        """Put one generated file (item page, category index, Atom feed) in place atomically.

        Written to a hidden temporary name next to it, verified, then posix-renamed over the
        old one: a reader sees the old or the new file, never half of one.
        """
        relative = remote_paths.safe_relative(relative_path)
        parent, _, name = relative.rpartition("/")
        target = remote_paths.join(self.web_root, relative)
        temporary = remote_paths.join(self.web_root, parent,
                                      f".{name}.webdesk-{secrets.token_hex(6)}.tmp")
        spec = PublishFile(name=name, source=data, mtime=mtime)
        with self.ops.translated():
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
                    run_uploads(self._lanes[:1], [upload],
                                reply_timeout=self.profile.io_timeout)
                    self.ops.posix_rename(temporary, target)
            except BaseException:
                self.ops.remove_quietly(temporary)
                raise
        return target

    # -- steps --------------------------------------------------------------------------------
    def _check_root(self, survey: Survey) -> None:
        if survey.root is None or not is_dir(survey.root):
            raise PublishError("sftp_remote_missing", path=self.web_root)

    def _discard_staging(self, item: str, staging: str) -> None:
        for lane in self._lanes:
            lane.pipe.abandon()
            lane.pipe.drain()
        self.ops.remove_tree(staging)
        self.journal.forget_item(item)

    def _recorder(self, item: str) -> Callable[[FileUpload], None]:
        def record(upload: FileUpload) -> None:
            self.journal.record_file_verified(item, upload.spec.name, upload.sha256)
            self.connection.files_sent += 1
            self.connection.bytes_sent += upload.size
        return record

    def _progress(self, item: str, name: str, size: int, state: str) -> None:
        if self.on_progress is not None:
            self.on_progress(FileProgress(item, name, size, size, state))

    def _commit(self, staged_dirs: list[str], missing_category: list[str], target: str,
                staging: str, aside: str, *, replacing: bool, aside_left: bool) -> None:
        """The only step the public can see: one rename (two when replacing), pipelined
        behind the folder permissions and any category folders still to be made."""
        if aside_left:                       # an interrupted earlier replacement
            self.ops.remove_tree(aside)
        for path in staged_dirs:
            self.pipe.send(CMD_SETSTAT, path, attrs(DIR_MODE),
                           callback=ok_callback(path))
        for path in missing_category:
            self.pipe.send(CMD_MKDIR, path, attrs(DIR_MODE), callback=_ignore_status)
        if replacing:
            self.ops.send_posix_rename(target, aside)
        self.ops.send_posix_rename(staging, target)
        self.pipe.drain()
        if replacing:
            self.ops.remove_tree(aside)


def _ignore_status(kind: int, message: paramiko.Message) -> None:
    return None     # "already exists" is fine; the rename behind it reports real problems


def _refuse_non_folder(survey: Survey, path: str) -> None:
    found = survey.lstat(path)
    if found is not None and (is_symlink(found) or not is_dir(found)):
        raise PublishError("sftp_remote_symlink", path=path)


def _whole_file(found: SFTPAttributes | None, size: int) -> bool:
    return found is not None and is_file(found) and found.st_size == size


def _token(category: str, item: str, names: list[str], digests: list[str],
           sizes: list[int]) -> str:
    hasher = hashlib.sha256(f"{category}\0{item}".encode())
    for name, digest, size in sorted(zip(names, digests, sizes, strict=True)):
        hasher.update(f"\0{name}\0{digest}\0{size}".encode())
    return hasher.hexdigest()[:16]
