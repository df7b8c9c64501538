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
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import paramiko
from paramiko.sftp import CMD_EXTENDED, CMD_LSTAT, CMD_MKDIR, CMD_SETSTAT, CMD_STAT

from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import ConnectionLostError, PublishCancelledError, PublishError
from desktop.publish.journal import MemoryJournal, ResumeJournal
from desktop.publish.pipeline import (
    RemoteStatus,
    RequestPipe,
    attrs,
    expect_attrs,
    expect_ok,
    is_dir,
    is_file,
    is_symlink,
    statvfs,
)
from desktop.publish.remote_ops import RemoteOps
from desktop.publish.transfer import (
    DIR_MODE,
    MAX_FILES_IN_FLIGHT,
    WINDOW_BYTES,
    Cancelled,
    FileUpload,
    ProgressCallback,
    PublishFile,
    run_uploads,
)

STAGING = ".webdesk-staging"


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
                 verify_sha256: bool | None = None, on_progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None, window_bytes: int = WINDOW_BYTES,
                 max_files_in_flight: int = MAX_FILES_IN_FLIGHT) -> None:
        self.connection = connection
        self.profile = connection.profile
        self.journal: ResumeJournal = journal if journal is not None else MemoryJournal()
        self.verify_sha256 = (self.profile.verify_sha256 if verify_sha256 is None
                              else verify_sha256)
        self.on_progress = on_progress
        self.cancel = cancel
        self.window_bytes = window_bytes
        self.max_files_in_flight = max_files_in_flight
        self.pipe = RequestPipe(connection.sftp)
        self.ops = RemoteOps(self.pipe, connection)
        self.web_root = self.profile.web_root.rstrip("/") or "/"

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
        with self.ops.translated():
            self.ops.require_posix_rename()
            self._check_web_root()
            self.ops.check_no_symlinks(self.web_root, category, must_be_dirs=True)
            target_attrs = self.ops.lstat_or_none(target)
            if target_attrs is not None and (is_symlink(target_attrs)
                                             or not is_dir(target_attrs)):
                raise PublishError("sftp_remote_symlink", path=target)
            staging_root = self._staging_root()
            staging = remote_paths.join(staging_root, f"{item}-{token}")
            aside = staging + ".old"
            self.ops.ensure_dir(staging, DIR_MODE)
            folders = sorted({p for name in names for p in remote_paths.prefixes(name)[:-1]})
            for folder in folders:
                self.ops.ensure_dir(remote_paths.join(staging, folder), DIR_MODE)
            skip = self._already_staged(item, staging, names, digests, sizes)
            todo = [i for i in range(len(names)) if names[i] not in skip]
            self._check_space(sum(sizes[i] for i in todo))
            for name in skip:
                self._progress(item, name, sizes[names.index(name)], "skipped")
            uploads = [FileUpload(item, files[i], remote_paths.join(staging, names[i]),
                                  digests[i], sizes[i], verify_sha256=self.verify_sha256,
                                  on_done=self._recorder(item), on_progress=self.on_progress)
                       for i in todo]
            try:
                run_uploads(self.pipe, uploads, cancel=self.cancel,
                            window_bytes=self.window_bytes,
                            max_files=self.max_files_in_flight)
            except Cancelled:
                self._cancel_cleanup(item, staging)
                raise PublishCancelledError("sftp_cancelled") from None
            if self.cancel is not None and self.cancel.is_set():
                self._cancel_cleanup(item, staging)
                raise PublishCancelledError("sftp_cancelled")
            self._commit(staging, folders, category, target, aside)
            self.journal.forget_item(item)
        return PublishResult(item=item, relative_folder=relative, remote_folder=target,
                             files=names, uploaded=[names[i] for i in todo],
                             skipped=sorted(skip), bytes_sent=sum(sizes[i] for i in todo))

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
            self.ops.require_posix_rename()
            self._check_web_root()
            self.ops.check_no_symlinks(self.web_root, parent, must_be_dirs=True)
            for folder in remote_paths.prefixes(parent):
                self.ops.ensure_dir(remote_paths.join(self.web_root, folder), DIR_MODE)
            existing = self.ops.lstat_or_none(target)
            if existing is not None and not is_file(existing):
                raise PublishError("sftp_remote_symlink", path=target)
            upload = FileUpload("", spec, temporary, spec.digest(), len(data),
                                verify_sha256=True, on_done=lambda _u: None, on_progress=None)
            try:
                with self.ops.translated():        # judge a full disk before cleaning up
                    run_uploads(self.pipe, [upload])
                    self.ops.posix_rename(temporary, target)
            except BaseException:
                self.ops.remove_quietly(temporary)
                raise
        return target

    # -- steps --------------------------------------------------------------------------------
    def _check_web_root(self) -> None:
        kind, message = self.pipe.call(CMD_STAT, self.web_root)
        root = expect_attrs(kind, message, self.web_root)
        if not is_dir(root):
            raise PublishError("sftp_remote_missing", path=self.web_root)

    def _staging_root(self) -> str:
        staging_root = remote_paths.join(self.web_root, STAGING)
        existing = self.ops.lstat_or_none(staging_root)
        if existing is not None and (is_symlink(existing) or not is_dir(existing)):
            raise PublishError("sftp_remote_symlink", path=staging_root)
        if existing is None:
            self.ops.ensure_dir(staging_root, 0o700)
        return staging_root

    def _already_staged(self, item: str, staging: str, names: list[str], digests: list[str],
                        sizes: list[int]) -> set[str]:
        """Names the journal lists as verified whose staged copy is still there, whole."""
        recorded = self.journal.verified_files(item)
        candidates = [i for i in range(len(names)) if (names[i], digests[i]) in recorded]
        present: set[str] = set()

        def checker(index: int):  # type: ignore[no-untyped-def]
            def check(kind: int, message: paramiko.Message) -> None:
                try:
                    found = expect_attrs(kind, message)
                except RemoteStatus:
                    return
                if is_file(found) and found.st_size == sizes[index]:
                    present.add(names[index])
            return check

        for index in candidates:
            self.pipe.send(CMD_LSTAT, remote_paths.join(staging, names[index]),
                           callback=checker(index))
        self.pipe.drain()
        return present

    def _check_space(self, needed: int) -> None:
        if not self.connection.supports_statvfs or needed == 0:
            return
        space = statvfs(self.pipe, self.web_root)
        if space is not None and space.free_bytes < needed:
            raise PublishError("sftp_disk_full", path=self.web_root, needed=needed,
                               free=space.free_bytes)

    def _recorder(self, item: str):  # type: ignore[no-untyped-def]
        def record(upload: FileUpload) -> None:
            self.journal.record_file_verified(item, upload.spec.name, upload.sha256)
        return record

    def _progress(self, item: str, name: str, size: int, state: str) -> None:
        if self.on_progress is not None:
            from desktop.publish.transfer import FileProgress
            self.on_progress(FileProgress(item, name, size, size, state))

    def _commit(self, staging: str, folders: list[str], category: str, target: str,
                aside: str) -> None:
        """The only step the public can see: one rename (two when replacing)."""
        for folder in [*folders, ""]:
            path = remote_paths.join(staging, folder)
            self.pipe.send(CMD_SETSTAT, path, attrs(DIR_MODE),
                           callback=lambda k, m, p=path: expect_ok(k, m, p))
        self.pipe.drain()
        for folder in remote_paths.prefixes(category):
            self.ops.ensure_dir(remote_paths.join(self.web_root, folder), DIR_MODE,
                                refuse_symlink=True)
        existing = self.ops.lstat_or_none(target)
        if existing is not None:
            if self.ops.lstat_or_none(aside) is not None:
                self.ops.remove_tree(aside)
            self.ops.posix_rename(target, aside)
        self.ops.posix_rename(staging, target)
        if self.ops.lstat_or_none(aside) is not None:
            self.ops.remove_tree(aside)

    def _cancel_cleanup(self, item: str, staging: str) -> None:
        self.pipe.drain()
        self.ops.remove_tree(staging)
        self.journal.forget_item(item)


def _token(category: str, item: str, names: list[str], digests: list[str],
           sizes: list[int]) -> str:
    hasher = hashlib.sha256(f"{category}\0{item}".encode())
    for name, digest, size in sorted(zip(names, digests, sizes, strict=True)):
        hasher.update(f"\0{name}\0{digest}\0{size}".encode())
    return hasher.hexdigest()[:16]

