"""Resume inside a file: follow the verified prefix of an upload, and pick it up again.

While a file uploads, :class:`PrefixTracker` follows how far every byte from the start is
verified — acknowledged by the server, and read back when the profile verifies by SHA-256 —
as replies arrive (in any order when the file is striped over several channels).  At each
step it reports a :class:`~desktop.publish.journal.Checkpoint`: the offset and the SHA-256 of
the bytes before it.  A later attempt calls :func:`hash_local_prefix` on its local copy: when
the digest matches, the server's prefix is the same as ours without reading a byte of it back,
and the upload carries on from the offset with the running hash already fed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol

RESUME_MIN_BYTES = 1024 * 1024     # smaller files are simply sent again


class _Reader(Protocol):
    def read(self, offset: int, length: int) -> bytes: ...


class PrefixTracker:
    """The contiguous verified prefix of one file; ``emit(offset, prefix_sha256)`` each time
    it grows by at least ``every`` bytes (and at the end)."""

    def __init__(self, start: int, size: int, emit: Callable[[int, str], None],
                 every: int = 0) -> None:
        self.verified = start
        self.size = size
        self.emit = emit
        self.every = every
        self._reported = start
        self._done: dict[int, int] = {}           # offset -> end, verified out of order
        self._digests: dict[int, str] = {}        # end -> SHA-256 of [0, end), taken at send

    def sent(self, end: int, running: hashlib._Hash) -> None:
        """A chunk ending at ``end`` went out; ``running`` has hashed every byte before it."""
        self.sent_digest(end, running.copy().hexdigest())

    def sent_digest(self, end: int, prefix_sha256: str) -> None:
        """A chunk ending at ``end`` went out; the SHA-256 of every byte before it."""
        self._digests[end] = prefix_sha256

    def done(self, offset: int, end: int) -> None:
        """The chunk [offset, end) is verified (acknowledged, or its read-back compared)."""
        self._done[offset] = end
        advanced = self.verified
        while advanced in self._done:
            advanced = self._done.pop(advanced)
        if advanced == self.verified:
            return
        self.verified = advanced
        digest = self._digests.get(advanced)
        for stale in [e for e in self._digests if e <= advanced]:
            del self._digests[stale]
        if digest is not None:
            self._maybe_emit(advanced, digest)

    def read_back(self, position: int, remote: hashlib._Hash) -> None:
        """SHA-256 verification: every byte before ``position`` was read back and hashed."""
        if position > self.verified:
            self.verified = position
            if position - self._reported >= self.every or position >= self.size:
                self._reported = position
                self.emit(position, remote.copy().hexdigest())

    def _maybe_emit(self, offset: int, digest: str) -> None:
        if offset - self._reported >= self.every or offset >= self.size:
            self._reported = offset
            self.emit(offset, digest)


def hash_local_prefix(source: _Reader, offset: int, expected: str, running: hashlib._Hash,
                      block: int = 1024 * 1024) -> bool:
    """Feed the fresh hasher ``running`` with the first ``offset`` local bytes; True when
    their SHA-256 is ``expected``.  On False, ``running`` must be thrown away."""
    position = 0
    while position < offset:
        data = source.read(position, min(block, offset - position))
        if not data:
            return False
        running.update(data)
        position += len(data)
    return running.copy().hexdigest() == expected


class ResumeProbe:
    """Read back what a staged file holds past the journal's verified offset.

    A link that dropped leaves bytes on the server that were written but never
    acknowledged to us.  Reading them back (``CHUNK`` at a time, pipelined) and comparing
    with our local bytes verifies them without sending them again; the first chunk that
    differs (or is short) is where the upload carries on.  ``running`` is fed with every
    matching byte, in order; ``finished(offset)`` is called once with the new offset."""

    def __init__(self, source: _Reader, start: int, end: int, chunk: int,
                 running: hashlib._Hash, finished: Callable[[int], None]) -> None:
        self.source = source
        self.offset = start
        self.end = end
        self.chunk = chunk
        self.running = running
        self.finished = finished
        self._pending = 0
        self._matching = True

    def requests(self) -> list[tuple[int, int]]:
        """(offset, length) of the reads to send."""
        spans = []
        for offset in range(self.offset, self.end, self.chunk):
            spans.append((offset, min(self.chunk, self.end - offset)))
        self._pending = len(spans)
        return spans

    def answer(self, offset: int, data: bytes) -> None:
        """The server's bytes at ``offset`` (replies come in order on one channel)."""
        if self._matching and offset == self.offset and data:
            local = self.source.read(offset, len(data))
            if local == data:
                self.running.update(data)
                self.offset += len(data)
            else:
                self._matching = False
        else:
            self._matching = False
        self._pending -= 1
        if self._pending == 0:
            self.finished(self.offset)
