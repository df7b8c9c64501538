"""The resume journal: which files of an item are already uploaded and verified in staging.

The uploader only needs this small Protocol; the lead stores it in the database later
(per-file progress of a publish job).  :class:`MemoryJournal` is the in-process version.
"""

from __future__ import annotations

import threading
from typing import Protocol


class ResumeJournal(Protocol):
    def record_file_verified(self, item: str, name: str, sha256: str) -> None:
        """``name`` (relative to the item folder) was uploaded to staging and verified."""

    def verified_files(self, item: str) -> set[tuple[str, str]]:
        """The ``(name, sha256)`` pairs recorded for ``item`` and not forgotten since."""

    def forget_item(self, item: str) -> None:
        """The item was published (or cancelled): its staging is gone, drop its records."""


class MemoryJournal:
    """A thread-safe in-memory :class:`ResumeJournal` (lives as long as the app session)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, dict[str, str]] = {}

    def record_file_verified(self, item: str, name: str, sha256: str) -> None:
        with self._lock:
            self._files.setdefault(item, {})[name] = sha256

    def verified_files(self, item: str) -> set[tuple[str, str]]:
        with self._lock:
            return set(self._files.get(item, {}).items())

    def forget_item(self, item: str) -> None:
        with self._lock:
            self._files.pop(item, None)
