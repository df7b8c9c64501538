"""Where uploads wait before they go public: a staging folder outside the web root.

Every upload (item folders, and the temporary copies of index pages and feeds) is written to
the profile's staging folder and only renamed into the web root once complete and verified.
The folder is, in order of preference:

1. ``profile.staging_dir`` — or, when not set, ``<parent of the web root>/.webdesk-staging-
   <profile>`` — *outside* the web root, 0700, if the server lets the SSH user create it
   there and a rename from it into the web root works (same file system: checked by renaming
   an empty probe folder, once per connection);
2. otherwise ``web_root/.webdesk-staging``: hidden and 0700, which keeps it private only if
   the web server runs as another user than the SSH account — a :class:`StagingPlace` with a
   ``warning`` the server dialog and the publish result show.

What a crash leaves there — item uploads nobody will resume, page temporaries, rename probes —
is removed by reconcile (:func:`leftovers`); :func:`sweep` tidies after each publish.
"""

from __future__ import annotations

import posixpath
import re
import secrets
import time
from dataclasses import dataclass

import paramiko
from paramiko.sftp import (
    CMD_CLOSE,
    CMD_EXTENDED,
    CMD_LSTAT,
    CMD_MKDIR,
    CMD_NAME,
    CMD_OPENDIR,
    CMD_READDIR,
    CMD_RMDIR,
    CMD_SETSTAT,
)
from paramiko.sftp_attr import SFTPAttributes

from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError
from desktop.publish.pipeline import (
    Callback,
    RemoteStatus,
    RequestPipe,
    attrs,
    expect_attrs,
    expect_handle,
    is_dir,
    is_symlink,
    status_of,
)
from desktop.publish.profiles import ServerProfile
from desktop.publish.remote_ops import RemoteOps

STAGING = ".webdesk-staging"        # the fallback, inside the web root
STAGING_MODE = 0o700                # the web server cannot read what is not published yet
STALE_AFTER = 7 * 24 * 3600.0
PROBE_IN_WEB_ROOT = ".webdesk-probe-"
_ITEM = re.compile(r"^(?P<item>.+)-(?P<token>[0-9a-f]{16})(?:\.old)?$")
_PAGE_TEMP = re.compile(r"^page-[0-9a-f]{12}\.tmp$")
_PROBE = re.compile(r"^probe-[0-9a-f]{12}$")
LEGACY_PAGE_TEMP = re.compile(r"^\..+\.webdesk-[0-9a-f]{12}\.tmp$")  # next to index.html once
_CACHE_ATTRIBUTE = "_webdesk_staging_place"
REMEMBER_FOR = 600.0        # seconds a checked place is trusted by later connections
_recent: dict[tuple[str, int, str, str, str], tuple[StagingPlace, float]] = {}


@dataclass(frozen=True)
class StagingPlace:
    root: str
    outside: bool               # False: the hidden fallback inside the web root
    warning: str = ""           # why the fallback was taken (English, for the log and tests)


@dataclass(frozen=True)
class SweepResult:
    removed: list[str]
    failed: list[str]


def default_dir(profile: ServerProfile) -> str:
    """``<parent of the web root>/.webdesk-staging-<profile>`` ("" when the web root is /)."""
    root = profile.web_root.rstrip("/")
    if not root:
        return ""
    name = re.sub(r"[^A-Za-z0-9_-]", "_", profile.name)[:60] or "profile"
    return posixpath.join(posixpath.dirname(root), f".webdesk-staging-{name}")


def staging_name(item: str, token: str) -> str:
    return f"{item}-{token}"


def page_temp_name() -> str:
    """A fresh name for the temporary copy of an index page or feed."""
    return f"page-{secrets.token_hex(6)}.tmp"


def place_for(connection: SftpConnection, ops: RemoteOps) -> StagingPlace:
    """The staging folder for this connection: checked by a probe once per connection, or
    taken from a check made within ``REMEMBER_FOR`` seconds (callers still make sure the
    folder is there: :func:`ensure_root` rides along with their first requests)."""
    cached = getattr(connection.sftp, _CACHE_ATTRIBUTE, None)
    if isinstance(cached, StagingPlace):
        return cached
    profile = connection.profile
    web_root = profile.web_root.rstrip("/") or "/"
    wanted = profile.staging_dir.rstrip("/") or default_dir(profile)
    key = (profile.host, profile.port, profile.user, web_root, wanted)
    remembered = _recent.get(key)
    if remembered is not None and time.monotonic() - remembered[1] < REMEMBER_FOR:
        setattr(connection.sftp, _CACHE_ATTRIBUTE, remembered[0])
        return remembered[0]
    problem = _try_outside(ops, wanted, web_root) if wanted else "the web root is /"
    if problem:
        inside = remote_paths.join(web_root, STAGING)
        make_root(ops, inside)
        place = StagingPlace(inside, outside=False,
                             warning=f"staging inside the web root: {wanted or '-'}: {problem}")
    else:
        place = StagingPlace(wanted, outside=True)
    setattr(connection.sftp, _CACHE_ATTRIBUTE, place)
    _recent[key] = (place, time.monotonic())
    return place


def ensure_root(ops: RemoteOps, place: StagingPlace) -> None:
    """Send (without waiting) what recreates the staging folder if someone removed it since
    it was checked: MKDIR 0700, its failure ("it exists") ignored, and SETSTAT 0700."""
    ops.pipe.send(CMD_MKDIR, place.root, attrs(STAGING_MODE), callback=_ignore)
    ops.pipe.send(CMD_SETSTAT, place.root, attrs(STAGING_MODE), callback=_ignore)


def _ignore(kind: int, message: paramiko.Message) -> None:
    return None


def _try_outside(ops: RemoteOps, folder: str, web_root: str) -> str:
    """Make ``folder`` (0700) and rename an empty probe from it into the web root and out
    again: all in one round trip.  "" when it works, else why not."""
    token = secrets.token_hex(6)
    probe = remote_paths.join(folder, f"probe-{token}")
    public = remote_paths.join(web_root, f"{PROBE_IN_WEB_ROOT}{token}")
    statuses: dict[str, RemoteStatus | None] = {}
    found: list[SFTPAttributes | None] = []

    def keep(step: str, path: str) -> Callback:
        def callback(kind: int, message: paramiko.Message) -> None:
            statuses[step] = status_of(kind, message, path)
        return callback

    def looked(kind: int, message: paramiko.Message) -> None:
        try:
            found.append(expect_attrs(kind, message, folder))
        except RemoteStatus:
            found.append(None)

    pipe = ops.pipe
    pipe.send(CMD_MKDIR, folder, attrs(STAGING_MODE), callback=keep("mkdir", folder))
    pipe.send(CMD_LSTAT, folder, callback=looked)
    pipe.send(CMD_SETSTAT, folder, attrs(STAGING_MODE), callback=keep("mode", folder))
    pipe.send(CMD_MKDIR, probe, attrs(STAGING_MODE), callback=keep("probe", probe))
    pipe.send(CMD_EXTENDED, "posix-rename@openssh.com", probe, public,
              callback=keep("rename", probe))
    pipe.send(CMD_RMDIR, public, callback=keep("clean", public))
    pipe.send(CMD_RMDIR, probe, callback=keep("clean-probe", probe))
    pipe.drain()
    entry = found[0] if found else None
    if entry is None or is_symlink(entry) or not is_dir(entry):
        status = statuses.get("mkdir")
        return f"cannot create it ({status.text if status else 'not a folder'})"
    renamed = statuses.get("rename")
    if renamed is not None and (renamed.unsupported or renamed.denied):
        ops.require_posix_rename()      # raises when the server refuses posix-rename at all
    for step in ("mode", "probe", "rename"):
        status = statuses.get(step)
        if status is not None:
            what = {"mode": "cannot make it private", "probe": "cannot write in it",
                    "rename": "cannot rename from it into the web root"}[step]
            return f"{what} ({status.text})"
    return ""


def make_root(ops: RemoteOps, staging_root: str) -> None:
    """Create the staging folder, readable by nobody but the SSH user (the web server never
    serves what is not published yet)."""
    found = ops.lstat_or_none(staging_root)
    if found is not None and (is_symlink(found) or not is_dir(found)):
        raise PublishError("sftp_remote_symlink", path=staging_root)
    if found is None:
        ops.make_dirs([staging_root], STAGING_MODE)
    ops.set_mode([staging_root], STAGING_MODE)      # whatever the server's umask made of it


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


def is_temporary(name: str) -> bool:
    """A page temporary or a rename probe: never worth keeping once its writer is gone."""
    return bool(_PAGE_TEMP.match(name) or _PROBE.match(name))


def item_of(name: str) -> str | None:
    """The item an upload folder in staging belongs to (None: not an upload folder)."""
    match = _ITEM.match(name)
    return match.group("item") if match else None


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
        owner = item_of(entry.filename)
        if entry.filename == keep or owner is None:
            continue                      # not ours (or a page being written): leave it
        stale = (entry.st_mtime or 0) < now - stale_after
        if not (owner == item or stale):
            continue
        path = remote_paths.join(staging_root, entry.filename)
        try:
            ops.remove_tree(path)
            removed.append(entry.filename)
        except (OSError, RemoteStatus, PublishError):
            failed.append(entry.filename)
    return SweepResult(removed, failed)
