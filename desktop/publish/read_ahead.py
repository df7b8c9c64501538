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

import contextlib
import hashlib
import queue
import threading
from pathlib import Path
from typing import BinaryIO, NamedTuple

READ_AHEAD_MIN_BYTES = 2 * 1024 * 1024   # smaller files are read on the sender's thread
DEPTH = 8                                # chunks read ahead (2 MiB of 255 KiB chunks)
_PUT_WAIT = 0.5                          # seconds between looks at the stop flag


class Chunk(NamedTuple):
    offset: int
    data: bytes
    prefix_sha256: str | None     # SHA-256 of the file's bytes before offset + len(data)


class _Failed(NamedTuple):
    error: BaseException


class ReadAhead:
    """Chunks of ``source`` from ``start`` to ``size``, read (and hashed) on a helper thread.

    ``running`` (if given) is fed every byte in order, by the helper thread only: the caller
    must not touch it until :meth:`close` returned.  A chunk shorter than asked (the file
    shrank) ends the reading; it is handed out like any other."""

    def __init__(self, source: Path | bytes | bytearray | memoryview, start: int, size: int,
                 chunk: int, running: hashlib._Hash | None, *, prefix_digests: bool = False,
                 depth: int = DEPTH) -> None:
        self.running = running
        self._source = source
        self._start = start
        self._size = size
        self._chunk = chunk
        self._prefix_digests = prefix_digests and running is not None
        self._queue: queue.Queue[Chunk | _Failed] = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="webdesk-read-ahead",
                                        daemon=True)
        self._thread.start()

    def take(self) -> Chunk:
        """The next chunk, in order (waits for the helper thread); raises its read error."""
        item = self._queue.get()
        if isinstance(item, _Failed):
            raise item.error
        return item

    def close(self) -> None:
        """Stop reading (if not done) and wait for the helper thread to end."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):   # room: a waiting put returns at once
                self._queue.get_nowait()
            self._thread.join(0.05)

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
                if not self._put(Chunk(offset, data, digest)) or len(data) < length:
                    return
                offset += len(data)
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            self._put(_Failed(error))
        finally:
            if handle is not None:
                handle.close()

    def _put(self, item: Chunk | _Failed) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_PUT_WAIT)
                return True
            except queue.Full:
                continue
        return False


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
