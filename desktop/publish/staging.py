"""The hidden staging folder under the web root, and sweeping what earlier attempts left there.

An upload that was dropped and never retried, or an item whose files changed before the retry
(so its staging name changed), leaves a folder in ``web_root/.webdesk-staging``.  After each
successful publish WebDesk removes the other staging folders of the same item and any staging
folder untouched for ``STALE_AFTER`` (a resumable upload older than that is not worth keeping).
The folder is 0700, so nothing in it was ever visible to the public.

The folder is listed while the files upload (:class:`StagingListing`: its requests ride the
same pipelined channel), so the usual case — nothing to sweep — costs no round trip at all.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import paramiko
from paramiko.sftp import CMD_CLOSE, CMD_NAME, CMD_OPENDIR, CMD_READDIR
from paramiko.sftp_attr import SFTPAttributes

from desktop.publish import remote_paths
from desktop.publish.errors import PublishError
from desktop.publish.pipeline import RemoteStatus, RequestPipe, expect_handle, status_of
from desktop.publish.remote_ops import RemoteOps

STAGING = ".webdesk-staging"
STAGING_MODE = 0o700        # the web server cannot read what is not published yet
STALE_AFTER = 7 * 24 * 3600.0
_NAME = re.compile(r"^(?P<item>.+)-(?P<token>[0-9a-f]{16})(?:\.old)?$")


@dataclass(frozen=True)
class SweepResult:
    removed: list[str]
    failed: list[str]


def make_root(ops: RemoteOps, staging_root: str) -> None:
    """Create the staging folder, readable by nobody but the SSH user (the web server never
    serves what is not published yet)."""
    ops.make_dirs([staging_root], STAGING_MODE)
    ops.set_mode([staging_root], STAGING_MODE)      # whatever the server's umask made of it


def staging_name(item: str, token: str) -> str:
    return f"{item}-{token}"


class StagingListing:
    """The staging folder's entries, read in the background on a :class:`RequestPipe`
    (OPENDIR, READDIR until end of folder, CLOSE — each sent from the previous reply)."""

    def __init__(self, pipe: RequestPipe, folder: str) -> None:
        self.pipe = pipe
        self.folder = folder
        self.entries: list[SFTPAttributes] = []
        self.complete = False
        self._handle = b""
        pipe.send(CMD_OPENDIR, folder, callback=self._opened)

    def _opened(self, kind: int, message: paramiko.Message) -> None:
        try:
            self._handle = expect_handle(kind, message, self.folder)
        except RemoteStatus:
            return                      # not listable: nothing is swept
        self.pipe.send(CMD_READDIR, self._handle, callback=self._names)

    def _names(self, kind: int, message: paramiko.Message) -> None:
        if kind == CMD_NAME:
            for _ in range(message.get_int()):
                name, long_name = message.get_text(), message.get_text()
                entry = SFTPAttributes._from_msg(message, name, long_name)  # always consumed
                if name not in (".", ".."):
                    self.entries.append(entry)
            self.pipe.send(CMD_READDIR, self._handle, callback=self._names)
            return
        status = status_of(kind, message, self.folder)
        self.complete = status is not None and status.eof
        self.pipe.send(CMD_CLOSE, self._handle, callback=lambda _k, _m: None)


def sweep(ops: RemoteOps, staging_root: str, item: str, keep: str,
          listing: StagingListing | None = None, *, now: float | None = None,
          stale_after: float = STALE_AFTER) -> SweepResult:
    """Remove leftovers in ``staging_root``: other attempts of ``item`` and anything stale.
    ``keep`` (a name in the folder) is never removed.  Best effort: a folder that cannot be
    removed is reported, not raised — the item itself is already published."""
    now = time.time() if now is None else now
    removed: list[str] = []
    failed: list[str] = []
    try:
        ops.pipe.drain()
        entries = (listing.entries if listing is not None and listing.complete
                   else ops.pipe.client.listdir_attr(staging_root))
    except (OSError, RemoteStatus, PublishError):
        return SweepResult(removed, failed)
    for entry in entries:
        match = _NAME.match(entry.filename)
        if entry.filename == keep or match is None:
            continue                      # not ours: leave it alone
        same_item = match.group("item") == item
        stale = (entry.st_mtime or 0) < now - stale_after
        if not (same_item or stale):
            continue
        path = remote_paths.join(staging_root, entry.filename)
        try:
            ops.remove_tree(path)
            removed.append(entry.filename)
        except (OSError, RemoteStatus, PublishError):
            failed.append(entry.filename)
    return SweepResult(removed, failed)
