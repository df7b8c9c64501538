"""Read a big local file ahead of the sender, on a helper thread that also hashes it.

While a big file uploads, the thread that frames, encrypts and sends its packets is the one
limit on a fast link.  Reading the next chunks from disk and feeding them to the file's
running SHA-256 (both release the GIL) can run beside it, on the other core: a quarter to a
third of that thread's work.  Nothing about verification changes — every byte handed out
was hashed first, in order, by the same hasher, and the sender sends exactly the bytes it is
handed.

:class:`ReadAhead` reads ``[start, size)`` in ``chunk`` pieces, at most ``depth`` chunks
ahead; :meth:`ReadAhead.take` returns them in order (a read error is raised there, as if
the read had happened on the caller's thread).  With ``prefix_digests`` each chunk carries
the SHA-256 of every byte before its end (the resume checkpoints' prefix hash).
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from pathlib import Path
from typing import BinaryIO, NamedTuple

READ_AHEAD_MIN_BYTES = 2 * 1024 * 1024   # smaller files are read on the sender's thread
DEPTH = 8                                # chunks read ahead (2 MiB of 255 KiB chunks)


class Chunk(NamedTuple):
    offset: int
    data: bytes
    prefix_sha256: str | None     # SHA-256 of the file's bytes before offset + len(data)


class _Failed(NamedTuple):
    error: BaseException


class ReadAhead:
    """Chunks of ``source`` from ``start`` to ``size``, read (and hashed) on a helper thread.

    ``running`` (if given) is fed every byte in order, by the helper thread only: the caller
    must not touch it until :meth:`close` returned.  Reading goes on after a short read, as
    the sender's own reads did; an empty chunk (the file ended before ``size``: it shrank)
    is handed out last, for the sender to refuse."""

    def __init__(self, source: Path | bytes | bytearray | memoryview, start: int, size: int,
                 chunk: int, running: hashlib._Hash | None, *, prefix_digests: bool = False,
                 depth: int = DEPTH) -> None:
        self.running = running
        self._source = source
        self._start = start
        self._size = size
        self._chunk = chunk
        self._prefix_digests = prefix_digests and running is not None
        self._handover = _Handover(max(1, depth))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="webdesk-read-ahead",
                                        daemon=True)
        self._thread.start()

    def take(self) -> Chunk:
        """The next chunk, in order (waits for the helper thread); raises its read error."""
        item = self._handover.take()
        if isinstance(item, _Failed):
            raise item.error
        return item

    def close(self) -> None:
        """Stop reading (if not done) and wait for the helper thread to end."""
        self._stop.set()
        self._handover.discard()          # a waiting put returns at once
        self._thread.join()

    # -- the helper thread ---------------------------------------------------------------
    def _run(self) -> None:
        handle: BinaryIO | None = None
        try:
            view: memoryview | None = None
            if isinstance(self._source, bytes | bytearray | memoryview):
                view = memoryview(self._source)
            else:
                handle = Path(self._source).open("rb", buffering=0)  # noqa: SIM115
                handle.seek(self._start)
            offset = self._start
            while offset < self._size and not self._stop.is_set():
                length = min(self._chunk, self._size - offset)
                data = (bytes(view[offset:offset + length]) if view is not None
                        else _read_fully(handle, length))
                digest = None
                if self.running is not None:
                    self.running.update(data)
                    if self._prefix_digests:
                        digest = self.running.copy().hexdigest()
                if not self._put(Chunk(offset, data, digest)) or not data:
                    return          # stopped, or the end of the file came early
                offset += len(data)
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            self._put(_Failed(error))
        finally:
            if handle is not None:
                handle.close()
            self._handover.end()

    def _put(self, item: Chunk | _Failed) -> bool:
        return not self._stop.is_set() and self._handover.put(item)


class _Handover:
    """A bounded queue between the reader and the sender that wakes each side as seldom as
    it can: a full reader sleeps until half of what it read was taken (not after every
    chunk), and a waiting sender is woken by the next chunk."""

    def __init__(self, depth: int) -> None:
        self._items: deque[Chunk | _Failed] = deque()
        self._depth = depth
        self._low = depth // 2
        self._changed = threading.Condition(threading.Lock())
        self._reader_waits = False
        self._taker_waits = False
        self._discarded = False
        self._ended = False

    def put(self, item: Chunk | _Failed) -> bool:
        """Hand ``item`` over (waiting for room); False once :meth:`discard` was called."""
        with self._changed:
            while len(self._items) >= self._depth and not self._discarded:
                self._reader_waits = True
                self._changed.wait()
            if self._discarded:
                return False
            self._items.append(item)
            if self._taker_waits:
                self._taker_waits = False
                self._changed.notify_all()
            return True

    def take(self) -> Chunk | _Failed:
        with self._changed:
            while not self._items:
                if self._ended:
                    raise RuntimeError("read ahead: nothing more to take")
                self._taker_waits = True
                self._changed.wait()
            item = self._items.popleft()
            if self._reader_waits and len(self._items) <= self._low:
                self._reader_waits = False
                self._changed.notify_all()
            return item

    def end(self) -> None:
        """The reader stopped: a taker waiting for more than it handed over is told so."""
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def discard(self) -> None:
        """Drop what is waiting and refuse more: a reader waiting for room returns."""
        with self._changed:
            self._discarded = True
            self._items.clear()
            self._changed.notify_all()


def _read_fully(handle: BinaryIO | None, length: int) -> bytes:
    """``length`` bytes (fewer only at the end of the file) from an unbuffered file."""
    assert handle is not None
    data = handle.read(length)
    if len(data) == length or not data:
        return data
    parts = [data]
    got = len(data)
    while got < length:
        more = handle.read(length - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)
