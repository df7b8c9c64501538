"""Takedown when the archive is on another disk: posix-rename cannot cross file systems.

The item still leaves the site in one step — it is renamed into the staging folder (which is
on the web root's own disk) — and is then copied into the archive under a ``.partial`` name
(server-side with OpenSSH's ``copy-data`` extension when offered, else through WebDesk),
checked file by file, renamed into place, and only then removed from the staging folder.  A
dropped connection at any point leaves the item in the staging folder or in the archive (or
both); a retry carries on from there.  Nothing reaches the public on the way.
"""

from __future__ import annotations

import stat as stat_module

from paramiko.sftp import (
    CMD_CLOSE,
    CMD_EXTENDED,
    CMD_OPEN,
    CMD_READ,
    CMD_WRITE,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_READ,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    int64,
)

from desktop.publish import remote_paths
from desktop.publish.errors import PublishError
from desktop.publish.pipeline import (
    RequestPipe,
    attrs,
    expect_data,
    expect_handle,
    expect_ok,
    is_dir,
    is_file,
    is_symlink,
)
from desktop.publish.remote_ops import RemoteOps

COPY_BLOCK = 255 * 1024


def parking_path(staging_root: str, category: str, item: str) -> str:
    """Where an item waits, off the site, while it is copied to an archive on another disk
    (in the staging folder, which is on the web root's own disk)."""
    return remote_paths.join(staging_root, parking_name(category, item))


def parking_name(category: str, item: str) -> str:
    return "takedown-" + (f"{category}/{item}" if category else item).replace("/", "--")


def park(ops: RemoteOps, site_path: str, parked: str) -> None:
    """Take the item off the site at once: rename it into the (0700) staging folder."""
    ops.posix_rename(site_path, parked)


def copy_into_archive(ops: RemoteOps, parked: str, destination: str) -> None:
    """Copy the parked item to ``destination`` (via ``.partial``), check it, then remove the
    parked copy.  ``destination`` must not exist yet."""
    partial = destination + ".partial"
    ops.remove_tree(partial)                # an interrupted earlier copy
    entries = ops.walk(parked)
    for relative, entry in entries:
        if is_symlink(entry):
            raise PublishError("sftp_remote_symlink", path=remote_paths.join(parked, relative))
    folders = [relative for relative, entry in entries if is_dir(entry)]
    server_side = "copy-data" in getattr(ops.pipe.client, "extensions", {})
    ops.make_dirs([partial, *(remote_paths.join(partial, f) for f in folders)], 0o755)
    for relative, entry in entries:
        if not is_file(entry):
            continue
        size = entry.st_size or 0
        source = remote_paths.join(parked, relative)
        target = remote_paths.join(partial, relative)
        _copy_file(ops.pipe, source, target, size, server_side)
        copied = ops.lstat_or_none(target)
        if copied is None or copied.st_size != size:
            raise PublishError("sftp_verify_failed", path=target,
                               detail=f"size {getattr(copied, 'st_size', None)} != {size}")
        mtime = int(entry.st_mtime or 0)
        ops.pipe.client.utime(target, (mtime, mtime))
        ops.pipe.client.chmod(target, stat_module.S_IMODE(entry.st_mode or 0) or 0o644)
    for relative, entry in reversed(entries):   # folders keep their modes too
        if is_dir(entry):
            ops.pipe.client.chmod(remote_paths.join(partial, relative),
                                  stat_module.S_IMODE(entry.st_mode or 0) or 0o755)
    ops.posix_rename(partial, destination)
    ops.remove_tree(parked)


def _copy_file(pipe: RequestPipe, source: str, target: str, size: int,
               server_side: bool) -> None:
    reader = expect_handle(*pipe.call(CMD_OPEN, source, SFTP_FLAG_READ, attrs()), source)
    try:
        writer = expect_handle(*pipe.call(
            CMD_OPEN, target, SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC,
            attrs(0o600)), target)
        try:
            if server_side:          # the server copies; nothing crosses the network
                expect_ok(*pipe.call(CMD_EXTENDED, "copy-data", reader, int64(0), int64(0),
                                     writer, int64(0)), target)
            else:
                _stream(pipe, reader, writer, size, target)
        finally:
            expect_ok(*pipe.call(CMD_CLOSE, writer), target)
    finally:
        pipe.call(CMD_CLOSE, reader)


def _stream(pipe: RequestPipe, reader: bytes, writer: bytes, size: int, target: str) -> None:
    offset = 0
    while offset < size:
        data = expect_data(*pipe.call(CMD_READ, reader, int64(offset), COPY_BLOCK), target)
        if not data:
            break
        expect_ok(*pipe.call(CMD_WRITE, writer, int64(offset), data), target)
        offset += len(data)
