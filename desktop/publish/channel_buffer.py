"""A drop-in for paramiko's channel ``BufferedPipe`` that stays fast with megabytes buffered.

paramiko keeps incoming channel data in one ``array`` and deletes every read from its front,
so each 4-byte SFTP length read moves the whole backlog: with many read-back replies in flight
that costs more than the transfer.  This keeps a deque of chunks instead (same API, same
locking, same close/event semantics).  :func:`install` swaps it in on a new channel when
paramiko's pipe has exactly the methods it replaces and the fast path is not switched off.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any

import paramiko
from paramiko.buffered_pipe import BufferedPipe, PipeTimeout

log = logging.getLogger(__name__)


class ChunkedPipe:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cv = threading.Condition(self._lock)
        self._event: threading.Event | Any = None
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._offset = 0          # bytes of _chunks[0] already read
        self._closed = False

    def set_event(self, event: Any) -> None:
        with self._lock:
            self._event = event
            if self._closed or self._size > 0:
                event.set()
            else:
                event.clear()

    def feed(self, data: bytes | str) -> None:
        chunk = data.encode() if isinstance(data, str) else bytes(data)
        with self._lock:
            if self._event is not None:
                self._event.set()
            if chunk:
                self._chunks.append(chunk)
                self._size += len(chunk)
            self._cv.notify_all()

    def read_ready(self) -> bool:
        with self._lock:
            return self._size > 0

    def read(self, nbytes: int, timeout: float | None = None) -> bytes:
        with self._lock:
            if self._size == 0:
                if self._closed:
                    return b""
                if timeout == 0.0:
                    raise PipeTimeout()
                while self._size == 0 and not self._closed:
                    then = time.time()
                    self._cv.wait(timeout)
                    if timeout is not None:
                        timeout -= time.time() - then
                        if timeout <= 0.0:
                            raise PipeTimeout()
            return self._take(nbytes)

    def _take(self, nbytes: int) -> bytes:
        parts: list[bytes] = []
        wanted = nbytes
        while wanted > 0 and self._chunks:
            chunk = self._chunks[0]
            available = len(chunk) - self._offset
            if available <= wanted:
                parts.append(chunk[self._offset:] if self._offset else chunk)
                self._chunks.popleft()
                self._offset = 0
                wanted -= available
            else:
                parts.append(chunk[self._offset:self._offset + wanted])
                self._offset += wanted
                wanted = 0
        out = parts[0] if len(parts) == 1 else b"".join(parts)
        self._size -= len(out)
        if self._size == 0 and self._event is not None and not self._closed:
            self._event.clear()
        return out

    def empty(self) -> bytes:
        with self._lock:
            return self._take(self._size) if self._size else b""

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._cv.notify_all()
            if self._event is not None:
                self._event.set()

    def __len__(self) -> int:
        with self._lock:
            return self._size


def install(channel: paramiko.Channel) -> bool:
    """Give a channel that has received nothing yet a :class:`ChunkedPipe`; False (logged)
    when the fast path is switched off or paramiko's pipe is not the one this replaces."""
    from desktop.publish import fast_path

    if fast_path.switched_off_because() is not None:
        return False
    current = getattr(channel, "in_buffer", None)
    public = {name for name in dir(BufferedPipe) if not name.startswith("_")}
    missing = sorted(name for name in public if not hasattr(ChunkedPipe, name))
    if not isinstance(current, BufferedPipe) or missing or len(current):
        log.warning("chunked channel buffer not installed (paramiko %s: %s)",
                    paramiko.__version__, ", ".join(missing) or "another kind of buffer")
        return False
    channel.in_buffer = ChunkedPipe()  # type: ignore[assignment]
    return True
