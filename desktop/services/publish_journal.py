"""The resume journal kept in the database: a retry — even after the app was killed — skips
files already verified in staging and carries on inside a file from its last checkpoint.

Records are kept in memory and written in one transaction by :meth:`DatabaseJournal.flush`:
after an attempt that failed (the uploader and the publishing service call it) and, during a
long upload, once the oldest progress kept back is ``flush_every`` seconds old.  An upload that
completes and is renamed into place at once never writes its journal at all; a process killed
mid-upload loses at most the last ``flush_every`` seconds of progress (the clock starts with
the first progress kept back, not with the connection or the reconcile before it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from desktop.publish.journal import Checkpoint
from desktop.store import publication_records as records
from desktop.store.database import Database


class DatabaseJournal:
    """A :class:`desktop.publish.journal.ResumeJournal` in the database."""

    def __init__(self, db: Database, clock: Callable[[], datetime], *,
                 flush_every: float = 2.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.clock = clock
        self.flush_every = flush_every
        self.monotonic = monotonic
        self.advances = 0              # grows with every verified range (the retry policy)
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], records.JournalEntry] = {}
        self._written: set[str] = set()        # keys this journal wrote to the database
        self._known: set[str] = set()          # keys found there (an earlier session's)
        self._stored: dict[str, dict[str, records.JournalEntry]] = {}
        self._oldest_pending: float | None = None    # when the oldest kept-back entry came
        self._held: set[str] | None = None     # every key with rows, as read a moment ago

    def record_file_verified(self, key: str, name: str, sha256: str) -> None:
        self._keep(key, name, records.JournalEntry(name, sha256, True, 0, ""))

    def record_progress(self, key: str, name: str, checkpoint: Checkpoint) -> None:
        self._keep(key, name, records.JournalEntry(name, checkpoint.sha256, False,
                                                   checkpoint.offset,
                                                   checkpoint.prefix_sha256))

    def _keep(self, key: str, name: str, entry: records.JournalEntry) -> None:
        now = self.monotonic()
        with self._lock:
            self._pending[(key, name)] = entry
            self.advances += 1
            if self._oldest_pending is None:
                self._oldest_pending = now
            due = now - self._oldest_pending >= self.flush_every
        if due:
            self.flush()

    def keys_held(self, keys: set[str]) -> None:
        """Every key the database held rows for, read a moment ago (with the site's records):
        another key has nothing to resume, so its rows are not read.  (Rows another PC writes
        for the very same staging attempt meanwhile are at worst not used: that upload is
        then sent again, never taken for verified.)"""
        self._held = set(keys)

    def _entries(self, key: str) -> dict[str, records.JournalEntry]:
        """The database's rows for ``key`` (read once per journal: afterwards everything
        recorded goes through this object) with what is kept back merged in."""
        stored = self._stored.get(key)
        if stored is None:
            held = self._held is None or key in self._held
            stored = self._stored[key] = {e.name: e for e in
                                          records.journal_entries(self.db, key)} if held else {}
        found = dict(stored)
        if found:
            with self._lock:
                self._known.add(key)
        with self._lock:
            found.update({name: e for (k, name), e in self._pending.items() if k == key})
        return found

    def verified_files(self, key: str) -> set[tuple[str, str]]:
        return {(e.name, e.sha256) for e in self._entries(key).values() if e.complete}

    def progress(self, key: str) -> dict[str, Checkpoint]:
        return {e.name: Checkpoint(e.sha256, e.verified_bytes, e.prefix_sha256)
                for e in self._entries(key).values() if not e.complete}

    def forget_item(self, key: str) -> None:
        with self._lock:
            for pair in [pair for pair in self._pending if pair[0] == key]:
                del self._pending[pair]
            written = key in self._written or key in self._known
            self._written.discard(key)
            self._stored.pop(key, None)
        if written:            # an attempt that never wrote its progress leaves nothing
            records.forget_journal(self.db, key)

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
            self._oldest_pending = None
        if pending:
            records.write_journal(self.db, pending, self.clock())
            with self._lock:
                self._written |= {key for key, _name in pending}
                for (key, name), entry in pending.items():
                    if key in self._stored:
                        self._stored[key][name] = entry
