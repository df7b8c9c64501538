"""The resume journal: what of an upload is already on the server, verified, in staging.

Two grains:

* a whole file uploaded and verified (``record_file_verified``): a retry skips it, after an
  ``lstat`` proves it is still there at its full size;
* a verified prefix of a file being uploaded (``record_progress``): the offset up to which
  every byte was acknowledged (and read back, when the profile verifies by SHA-256), with the
  SHA-256 of that prefix — a chunk hash chain.  A retry hashes its local copy of the prefix;
  when that matches it carries on writing from the offset, reading back only the rest.

``key`` names one staging attempt (the item and a token of its content), so a changed item
never resumes from an older one.  The uploader calls ``flush`` after every attempt (also a
failed one); a journal kept in a database may write progress there in batches.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Checkpoint:
    """``offset`` bytes of the file are on the server, verified; ``prefix_sha256`` is the
    SHA-256 of exactly those bytes."""

    sha256: str                 # of the whole file (which file this belongs to)
    offset: int
    prefix_sha256: str


class ResumeJournal(Protocol):
    def record_file_verified(self, key: str, name: str, sha256: str) -> None:
        """``name`` (relative to the item folder) was uploaded to staging and verified."""

    def verified_files(self, key: str) -> set[tuple[str, str]]:
        """The ``(name, sha256)`` pairs recorded for ``key`` and not forgotten since."""

    def record_progress(self, key: str, name: str, checkpoint: Checkpoint) -> None:
        """A longer verified prefix of ``name``."""

    def progress(self, key: str) -> dict[str, Checkpoint]:
        """The last checkpoint of each file of ``key`` not yet complete."""

    def forget_item(self, key: str) -> None:
        """The item was published (or cancelled): its staging is gone, drop its records."""

    def flush(self) -> None:
        """Write whatever is kept back (called after every attempt)."""


class MemoryJournal:
    """A thread-safe in-memory :class:`ResumeJournal` (lives as long as the app session)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, dict[str, str]] = {}
        self._progress: dict[str, dict[str, Checkpoint]] = {}

    def record_file_verified(self, key: str, name: str, sha256: str) -> None:
        with self._lock:
            self._files.setdefault(key, {})[name] = sha256
            self._progress.get(key, {}).pop(name, None)

    def verified_files(self, key: str) -> set[tuple[str, str]]:
        with self._lock:
            return set(self._files.get(key, {}).items())

    def record_progress(self, key: str, name: str, checkpoint: Checkpoint) -> None:
        with self._lock:
            self._progress.setdefault(key, {})[name] = checkpoint

    def progress(self, key: str) -> dict[str, Checkpoint]:
        with self._lock:
            return dict(self._progress.get(key, {}))

    def forget_item(self, key: str) -> None:
        with self._lock:
            self._files.pop(key, None)
            self._progress.pop(key, None)

    def flush(self) -> None:
        return None
