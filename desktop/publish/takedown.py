"""Take an item off the site: move its folder to the archive directory — never delete.

``web_root/<category>/<item>`` -> ``archive_dir/<category>/<item>`` (``<item>.2``, ``.3``...
when an earlier takedown of the same item is already there).  One posix-rename, so a dropped
connection leaves the item either on the site or in the archive; a retry finishes the job.
An archive on another disk (where rename fails) is handled by :mod:`archive_copy`.
An item found on neither side is reported as such (``archive_path`` None), never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.publish import archive_copy, remote_paths, steps
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError
from desktop.publish.pipeline import RemoteStatus, RequestPipe, is_dir, is_symlink
from desktop.publish.remote_ops import RemoteOps
from desktop.publish.staging import place_for


@dataclass(frozen=True)
class TakedownResult:
    item: str
    site_path: str
    archive_path: str | None      # where the item now is; None if it was on neither side
    moved: bool                   # False: it was already gone from the site (a retry)

    @property
    def missing(self) -> bool:
        """Neither on the site nor in the archive."""
        return self.archive_path is None


def take_down(connection: SftpConnection, category_folder: str, item: str) -> TakedownResult:
    """Move the item's folder into the archive; idempotent on retry."""
    profile = connection.profile
    item = remote_paths.safe_relative(item)
    if "/" in item:
        raise PublishError("sftp_unsafe_path", path=item)
    category = remote_paths.safe_relative(category_folder, allow_empty=True)
    web_root = profile.web_root.rstrip("/") or "/"
    archive_root = profile.archive_dir.rstrip("/") or "/"
    site_path = remote_paths.join(web_root, category, item)
    relative = "/".join(p for p in (category, item) if p)
    pipe = RequestPipe(connection.sftp)
    ops = RemoteOps(pipe, connection)
    with ops.translated():
        ops.require_posix_rename()
        ops.check_no_symlinks(web_root, category, must_be_dirs=True)
        archive = ops.lstat_or_none(archive_root)
        if archive is None or not is_dir(archive):
            raise PublishError("sftp_remote_missing", path=archive_root)
        ops.check_no_symlinks(archive_root, category, must_be_dirs=True)
        found = ops.lstat_or_none(site_path)
        candidates = _archive_names(archive_root, category, item)
        parked = archive_copy.parking_path(place_for(connection, ops).root, category, item)
        if found is None and ops.lstat_or_none(parked) is not None:
            destination = _free_name(ops, archive_root, category, candidates)
            archive_copy.copy_into_archive(ops, parked, destination)   # an interrupted copy
            return TakedownResult(item, site_path, destination, True)
        if found is None:
            existing = [path for path in candidates[:20] if ops.lstat_or_none(path) is not None]
            return TakedownResult(item, site_path, existing[-1] if existing else None, False)
        if is_symlink(found):
            raise PublishError("sftp_remote_symlink", path=site_path)
        destination = _free_name(ops, archive_root, category, candidates)
        steps.reached(steps.TAKEDOWN_BEFORE_RENAME, relative)
        try:
            ops.posix_rename(site_path, destination)
        except RemoteStatus as status:
            if not status.failure:
                raise
            try:                   # EXDEV: the archive is on another disk
                archive_copy.park(ops, site_path, parked)
                steps.reached(steps.TAKEDOWN_AFTER_RENAME, relative)
                archive_copy.copy_into_archive(ops, parked, destination)
            except RemoteStatus as copy_status:
                raise PublishError("sftp_archive_failed", path=site_path, archive=destination,
                                   detail=copy_status.text) from copy_status
            return TakedownResult(item, site_path, destination, True)
        steps.reached(steps.TAKEDOWN_AFTER_RENAME, relative)
    return TakedownResult(item, site_path, destination, True)


def _free_name(ops: RemoteOps, archive_root: str, category: str, candidates: list[str]) -> str:
    for folder in remote_paths.prefixes(category):
        ops.ensure_dir(remote_paths.join(archive_root, folder), 0o755)
    return next(path for path in candidates if ops.lstat_or_none(path) is None)


def _archive_names(archive_root: str, category: str, item: str) -> list[str]:
    base = remote_paths.join(archive_root, category, item)
    return [base] + [f"{base}.{n}" for n in range(2, 1000)]
