"""What is on a site, in one pipelined round of folder listings — for reconcile.

:func:`scan` lists the web root, the category folders asked for, the staging folder and (when
staging lives outside the web root) the old hidden fallback inside it.  The result answers
what reconcile compares with the records: which item folders exist, the size and time of each
index page and feed, and which temporaries a crash left (in public folders: page temporaries
of older versions, rename probes; in staging: page temporaries, probes, uploads).
"""

from __future__ import annotations

from dataclasses import dataclass

from paramiko.sftp import CMD_REMOVE
from paramiko.sftp_attr import SFTPAttributes

from desktop.publish import remote_paths
from desktop.publish.connection import SftpConnection
from desktop.publish.pipeline import RequestPipe, is_dir, is_symlink, ok_callback
from desktop.publish.remote_ops import RemoteOps
from desktop.publish.staging import (
    LEGACY_PAGE_TEMP,
    PROBE_IN_WEB_ROOT,
    STAGING,
    StagingListing,
    StagingPlace,
    place_for,
)

Entries = dict[str, SFTPAttributes]


@dataclass
class SiteScan:
    web_root: str
    place: StagingPlace
    root: Entries
    folders: dict[str, Entries | None]      # category folder (relative) -> entries, None: none
    staging: Entries
    fallback: Entries | None                 # web_root/.webdesk-staging when not the place

    def entry(self, relative: str) -> SFTPAttributes | None:
        """The listed entry for ``folder/name`` (None: not there, or its folder not listed)."""
        folder, _, name = relative.rpartition("/")
        entries = self.root if not folder else self.folders.get(folder)
        return None if entries is None else entries.get(name)

    def item_folders(self, folder: str) -> list[str]:
        """Sub-folders of a category folder that could be items (not hidden, not links)."""
        entries = self.folders.get(folder) or {}
        return sorted(name for name, e in entries.items()
                      if is_dir(e) and not is_symlink(e) and not name.startswith("."))

    def public_temporaries(self) -> tuple[list[str], list[str]]:
        """Absolute paths of temporaries in public folders — page temporaries written next
        to the page by older versions, rename probes left in the web root — as (files,
        folders)."""
        found = [(remote_paths.join(self.web_root, name), entry)
                 for name, entry in self.root.items()
                 if name.startswith(PROBE_IN_WEB_ROOT) or LEGACY_PAGE_TEMP.match(name)]
        for folder, entries in self.folders.items():
            if folder and entries:
                found += [(remote_paths.join(self.web_root, folder, name), entry)
                          for name, entry in entries.items() if LEGACY_PAGE_TEMP.match(name)]
        folders = sorted(path for path, e in found if is_dir(e) and not is_symlink(e))
        return sorted(path for path, _e in found if path not in folders), folders


def scan(connection: SftpConnection, ops: RemoteOps, category_folders: list[str]) -> SiteScan:
    """List everything reconcile needs, pipelined (one round trip on a quiet link)."""
    web_root = connection.profile.web_root.rstrip("/") or "/"
    place = place_for(connection, ops)
    folders = sorted({f for f in category_folders if f})
    fallback_path = remote_paths.join(web_root, STAGING)
    listings = {
        "": StagingListing(ops.pipe, web_root),
        **{f: StagingListing(ops.pipe, remote_paths.join(web_root, f)) for f in folders},
    }
    staging = StagingListing(ops.pipe, place.root)
    fallback = None if place.root == fallback_path else StagingListing(ops.pipe, fallback_path)
    ops.pipe.drain()
    root = _entries(listings.pop("")) or {}
    return SiteScan(web_root, place, root, {f: _entries(x) for f, x in listings.items()},
                    _entries(staging) or {},
                    None if fallback is None else _entries(fallback))


def _entries(listing: StagingListing) -> Entries | None:
    if not listing.complete:
        return None
    return {e.filename: e for e in listing.entries}


def remove_paths(ops: RemoteOps, paths: list[str], folders: list[str]) -> None:
    """Remove files (pipelined) and whole folders WebDesk made (never following links)."""
    pipe: RequestPipe = ops.pipe
    for path in paths:
        pipe.send(CMD_REMOVE, path, callback=ok_callback(path))
    pipe.drain()
    for folder in folders:
        ops.remove_tree(folder)
