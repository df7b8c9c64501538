"""Folder-level operations on the server over a :class:`RequestPipe`, with error translation.

Every SFTP status, dropped link or timeout leaves here as a :class:`PublishError` whose text
the user can act on (permission denied, disk full, no posix-rename, connection lost).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import paramiko
from paramiko.sftp import (
    CMD_CLOSE,
    CMD_EXTENDED,
    CMD_LSTAT,
    CMD_MKDIR,
    CMD_OPEN,
    CMD_REMOVE,
    CMD_RMDIR,
    CMD_SETSTAT,
    CMD_STAT,
    CMD_WRITE,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    int64,
)
from paramiko.sftp_attr import SFTPAttributes

from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import ConnectionLostError, PublishError
from desktop.publish.pipeline import (
    DiskSpace,
    RemoteStatus,
    RequestPipe,
    attrs,
    disk_space,
    expect_attrs,
    expect_handle,
    expect_ok,
    is_dir,
    is_symlink,
    ok_callback,
    status_of,
    statvfs,
)

LOW_SPACE = 1024 * 1024


class Survey:
    """What one batch of stat/lstat/statvfs requests found."""

    def __init__(self) -> None:
        self.root: SFTPAttributes | None = None
        self.found: dict[str, SFTPAttributes | None] = {}
        self.space: DiskSpace | None = None

    def recorder(self, path: str) -> Callable[[int, paramiko.Message], None]:
        def record(kind: int, message: paramiko.Message) -> None:
            try:
                self.found[path] = expect_attrs(kind, message, path)
            except RemoteStatus as status:
                if not status.missing:
                    raise
                self.found[path] = None
        return record

    def space_recorder(self, kind: int, message: paramiko.Message) -> None:
        self.space = disk_space(kind, message)

    def lstat(self, path: str) -> SFTPAttributes | None:
        return self.found.get(path)

    def check_folders(self, root: str, relative: str) -> list[str]:
        """Refuse symlinks and non-folders among the parts of ``root/relative`` that exist;
        return the paths still to be created (parents first)."""
        missing: list[str] = []
        for prefix in remote_paths.prefixes(relative):
            path = remote_paths.join(root, prefix)
            entry = self.found.get(path)
            if entry is None or missing:
                missing.append(path)
                continue
            if is_symlink(entry):
                raise PublishError("sftp_remote_symlink", path=path)
            if not is_dir(entry):
                raise PublishError("sftp_unsafe_path", path=path)
        return missing


class RemoteOps:
    def __init__(self, pipe: RequestPipe, connection: SftpConnection) -> None:
        self.pipe = pipe
        self.connection = connection
        self.host = connection.profile.host
        self._posix_rename_ok = False

    # -- errors -------------------------------------------------------------------------------
    @contextmanager
    def translated(self) -> Iterator[None]:
        """Turn SFTP statuses and transport failures into PublishErrors."""
        try:
            yield
        except PublishError:
            self.pipe.abandon()
            raise
        except RemoteStatus as status:
            self.pipe.abandon()
            raise self._status_error(status) from status
        except (paramiko.SSHException, EOFError, OSError) as exc:
            self.pipe.abandon()
            raise ConnectionLostError("sftp_connection_lost", host=self.host,
                                 detail=str(exc) or type(exc).__name__) from exc

    def _status_error(self, status: RemoteStatus) -> PublishError:
        if status.denied:
            return PublishError("sftp_permission_denied", path=status.path)
        if status.missing:
            return PublishError("sftp_remote_missing", path=status.path)
        if status.failure:
            space = self._free_space()
            if space is not None and space < LOW_SPACE:
                return PublishError("sftp_disk_full_write", path=status.path, free=space)
            return PublishError("sftp_write_failed", path=status.path, detail=status.text)
        return PublishError("sftp_server_error", path=status.path, detail=status.text)

    def _free_space(self) -> int | None:
        if not self.connection.supports_statvfs:
            return None
        try:
            space = statvfs(self.pipe, self.connection.profile.web_root)
        except Exception:
            return None
        return None if space is None else space.free_bytes

    # -- checks -------------------------------------------------------------------------------
    def require_posix_rename(self) -> None:
        """Refuse servers without (or denying) ``posix-rename@openssh.com`` before any upload."""
        self.survey([], None)

    def survey(self, lstat_paths: list[str], stat_path: str | None,
               *, with_space: bool = False) -> Survey:
        """Everything the checks need, in one round trip: the posix-rename probe, ``stat`` of
        the web root, ``lstat`` of each path (None: missing) and the free space."""
        found = Survey()
        probe = f"/.webdesk-probe-{secrets.token_hex(8)}/none"
        probe_status: list[RemoteStatus | None] = []
        if not self._posix_rename_ok:
            if not self.connection.supports_posix_rename:
                raise PublishError("sftp_no_posix_rename", host=self.host)
            self.pipe.send(CMD_EXTENDED, "posix-rename@openssh.com", probe, probe + "2",
                           callback=lambda k, m: probe_status.append(status_of(k, m, probe)))
        if stat_path is not None:
            def root_stat(kind: int, message: paramiko.Message) -> None:
                found.root = expect_attrs(kind, message, stat_path)
            self.pipe.send(CMD_STAT, stat_path, callback=root_stat)
        for path in dict.fromkeys(lstat_paths):
            self.pipe.send(CMD_LSTAT, path, callback=found.recorder(path))
        if with_space and self.connection.supports_statvfs:
            self.pipe.send(CMD_EXTENDED, "statvfs@openssh.com", stat_path or "/",
                           callback=found.space_recorder)
        self.pipe.drain()
        if probe_status and probe_status[0] is not None and (
                probe_status[0].unsupported or probe_status[0].denied):
            raise PublishError("sftp_no_posix_rename", host=self.host)
        self._posix_rename_ok = True
        return found

    def make_dirs(self, paths: list[str], mode: int) -> None:
        """MKDIR each path in order, pipelined (parents first); "already exists" is fine as
        long as it is a real folder."""
        failed: list[tuple[str, RemoteStatus]] = []

        def made(path: str) -> Callable[[int, paramiko.Message], None]:
            def check(kind: int, message: paramiko.Message) -> None:
                status = status_of(kind, message, path)
                if status is not None:
                    failed.append((path, status))
            return check

        for path in paths:
            self.pipe.send(CMD_MKDIR, path, attrs(mode), callback=made(path))
        self.pipe.drain()
        for path, status in failed:
            again = self.lstat_or_none(path)
            if again is None or not status.failure:
                raise status
            if is_symlink(again) or not is_dir(again):
                raise PublishError("sftp_remote_symlink", path=path)

    def lstat_or_none(self, path: str) -> SFTPAttributes | None:
        kind, message = self.pipe.call(CMD_LSTAT, path)
        try:
            return expect_attrs(kind, message, path)
        except RemoteStatus as status:
            if status.missing:
                return None
            raise

    def check_no_symlinks(self, root: str, relative: str, *, must_be_dirs: bool) -> None:
        """Every existing part of ``root/relative`` must be a real folder (not a symlink)."""
        for prefix in remote_paths.prefixes(relative):
            path = remote_paths.join(root, prefix)
            found = self.lstat_or_none(path)
            if found is None:
                return
            if is_symlink(found):
                raise PublishError("sftp_remote_symlink", path=path)
            if must_be_dirs and not is_dir(found):
                raise PublishError("sftp_unsafe_path", path=path)

    # -- changes ------------------------------------------------------------------------------
    def ensure_dir(self, path: str, mode: int, *, refuse_symlink: bool = True) -> None:
        found = self.lstat_or_none(path)
        if found is None:
            kind, message = self.pipe.call(CMD_MKDIR, path, attrs(mode))
            try:
                expect_ok(kind, message, path)
                return
            except RemoteStatus as status:
                if not status.failure:       # EEXIST is a plain "failure": look again
                    raise
                found = self.lstat_or_none(path)
                if found is None:
                    raise
        if refuse_symlink and is_symlink(found):
            raise PublishError("sftp_remote_symlink", path=path)
        if not is_dir(found):
            raise PublishError("sftp_unsafe_path", path=path)

    def posix_rename(self, old: str, new: str) -> None:
        kind, message = self.pipe.call(CMD_EXTENDED, "posix-rename@openssh.com", old, new)
        try:
            expect_ok(kind, message, old)
        except RemoteStatus as status:
            if status.unsupported:
                raise PublishError("sftp_no_posix_rename", host=self.host) from None
            raise

    def send_posix_rename(self, old: str, new: str) -> None:
        """Queue a posix-rename (its failure is raised when the pipe is drained)."""
        def renamed(kind: int, message: paramiko.Message) -> None:
            status = status_of(kind, message, old)
            if status is None:
                return
            if status.unsupported:
                raise PublishError("sftp_no_posix_rename", host=self.host)
            raise status
        self.pipe.send(CMD_EXTENDED, "posix-rename@openssh.com", old, new, callback=renamed)

    def replace_small_file(self, target: str, data: bytes, mode: int) -> None:
        """Put a small file (a few KiB, e.g. the audit head) in place: written to
        ``target.part`` — WRITE, CLOSE and the mode sent together behind the OPEN's reply —
        then posix-renamed over ``target`` once they all succeeded (three round trips; a
        failed write never replaces the file)."""
        temporary = f"{target}.part"
        with self.translated():
            flags = SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
            handle = expect_handle(*self.pipe.call(CMD_OPEN, temporary, flags, attrs(mode)),
                                   temporary)
            failed: list[RemoteStatus] = []

            def check(kind: int, message: paramiko.Message) -> None:
                status = status_of(kind, message, temporary)
                if status is not None:
                    failed.append(status)

            self.pipe.send(CMD_WRITE, handle, int64(0), data, callback=check)
            self.pipe.send(CMD_CLOSE, handle, callback=check)
            self.pipe.send(CMD_SETSTAT, temporary, attrs(mode), callback=check)
            self.pipe.drain()
            if failed:
                raise failed[0]
            self.posix_rename(temporary, target)

    def remove_quietly(self, path: str) -> None:
        try:
            self.pipe.abandon()
            self.pipe.call(CMD_REMOVE, path)
        except Exception:  # best effort: a hidden temporary file at worst
            return

    def remove_tree(self, path: str) -> None:
        """Remove a folder WebDesk created (staging); symlinks inside are removed, not followed."""
        found = self.lstat_or_none(path)
        if found is None:
            return
        if is_symlink(found) or not is_dir(found):
            expect_ok(*self.pipe.call(CMD_REMOVE, path), path)
            return
        entries = self.walk(path)
        for relative, entry in entries:
            if not is_dir(entry) or is_symlink(entry):
                child = remote_paths.join(path, relative)
                self.pipe.send(CMD_REMOVE, child, callback=ok_callback(child))
        for folder in [path, *(remote_paths.join(path, relative) for relative, entry in entries
                               if is_dir(entry) and not is_symlink(entry))][::-1]:
            self.pipe.send(CMD_RMDIR, folder, callback=ok_callback(folder))
        self.pipe.drain()

    def walk(self, root: str, relative: str = "") -> list[tuple[str, SFTPAttributes]]:
        """Everything under ``root`` as (path relative to it, lstat attributes), sorted, each
        folder before its contents; symbolic links are listed, never followed."""
        self.pipe.drain()
        folder = remote_paths.join(root, relative) if relative else root
        found: list[tuple[str, SFTPAttributes]] = []
        for entry in sorted(self.pipe.client.listdir_attr(folder), key=lambda e: e.filename):
            child = f"{relative}/{entry.filename}" if relative else entry.filename
            found.append((child, entry))
            if is_dir(entry) and not is_symlink(entry):
                found.extend(self.walk(root, child))
        return found

    def set_mode(self, paths: list[str], mode: int) -> None:
        """SETSTAT the permissions of each path, pipelined."""
        for path in paths:
            self.pipe.send(CMD_SETSTAT, path, attrs(mode), callback=ok_callback(path))
        self.pipe.drain()
