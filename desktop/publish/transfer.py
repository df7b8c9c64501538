"""The pipelined transfer engine: many files in flight, large writes, read-back verification.

One :class:`FileUpload` per file walks OPEN -> (WRITE, READ)* -> FSTAT -> FSETSTAT -> CLOSE
with every request after OPEN sent without waiting.  :func:`run_uploads` keeps up to
``max_files`` files and ``window_bytes`` of data in flight on a :class:`RequestPipe`.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import paramiko
from paramiko.sftp import (
    CMD_CLOSE,
    CMD_FSETSTAT,
    CMD_FSTAT,
    CMD_OPEN,
    CMD_READ,
    CMD_WRITE,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_READ,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    int64,
)

from desktop.publish.errors import PublishError
from desktop.publish.pipeline import (
    RequestPipe,
    attrs,
    expect_attrs,
    expect_data,
    expect_handle,
    expect_ok,
)

CHUNK = 255 * 1024          # OpenSSH's sftp-server takes messages up to 256 KiB
WINDOW_BYTES = 16 * 1024 * 1024
MAX_FILES_IN_FLIGHT = 64
FILE_MODE = 0o644
DIR_MODE = 0o755


@dataclass(frozen=True)
class PublishFile:
    """One file of an item: ``name`` relative to the item folder, content from a path or bytes."""

    name: str
    source: Path | bytes
    sha256: str | None = None
    mtime: float | None = None

    @property
    def size(self) -> int:
        if isinstance(self.source, bytes | bytearray | memoryview):
            return len(self.source)
        return Path(self.source).stat().st_size

    def digest(self) -> str:
        """The SHA-256 given (from the approved manifest) or computed from the content."""
        if self.sha256:
            return self.sha256.lower()
        hasher = hashlib.sha256()
        if isinstance(self.source, bytes | bytearray | memoryview):
            hasher.update(self.source)
        else:
            with Path(self.source).open("rb") as handle:
                for block in iter(lambda: handle.read(1024 * 1024), b""):
                    hasher.update(block)
        return hasher.hexdigest()

    def modified(self) -> float:
        if self.mtime is not None:
            return self.mtime
        if isinstance(self.source, bytes | bytearray | memoryview):
            return time.time()
        return Path(self.source).stat().st_mtime


@dataclass(frozen=True)
class FileProgress:
    item: str
    name: str
    done_bytes: int
    total_bytes: int
    state: str      # "uploading" | "verified" | "skipped"


ProgressCallback = Callable[[FileProgress], None]


class _Source:
    """Reads the local content chunk by chunk (a file stays open only while it is in flight)."""

    def __init__(self, source: Path | bytes) -> None:
        self._bytes: memoryview | None = None
        self._handle: BinaryIO | None = None
        if isinstance(source, bytes | bytearray | memoryview):
            self._bytes = memoryview(source)
        else:
            self._handle = Path(source).open("rb")  # noqa: SIM115 - closed by close()
            self._fd = self._handle.fileno()

    def read(self, offset: int, length: int) -> bytes:
        if self._bytes is not None:
            return bytes(self._bytes[offset:offset + length])
        return os.pread(self._fd, length, offset)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


class FileUpload:
    """The requests for one file; replies arrive through the pipe's callbacks."""

    def __init__(self, item: str, spec: PublishFile, remote_path: str, sha256: str, size: int,
                 *, verify_sha256: bool, on_done: Callable[[FileUpload], None],
                 on_progress: ProgressCallback | None) -> None:
        self.item = item
        self.spec = spec
        self.remote_path = remote_path
        self.sha256 = sha256
        self.size = size
        self.verify_sha256 = verify_sha256
        self.on_done = on_done
        self.on_progress = on_progress
        self.handle: bytes | None = None
        self.on_ready: Callable[[FileUpload], None] = lambda _upload: None
        self.opened = False
        self.finished_sending = False
        self.done = False
        self._source: _Source | None = None
        self._next_offset = 0
        self._local_hash = hashlib.sha256()
        self._remote_hash = hashlib.sha256()
        self._read_parts: dict[int, bytes] = {}
        self._read_position = 0
        self._acked = 0
        self._remote_size = -1 if size else 0

    # -- sending -----------------------------------------------------------------------------
    def open(self, pipe: RequestPipe) -> None:
        self.opened = True
        self._source = _Source(self.spec.source)
        flags = SFTP_FLAG_READ | SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
        pipe.send(CMD_OPEN, self.remote_path, flags, attrs(FILE_MODE),
                  callback=self._opened, cost=64)

    def ready(self) -> bool:
        return self.handle is not None and not self.finished_sending

    def send_next(self, pipe: RequestPipe) -> None:
        """Send the next write (plus its read-back) or, after the last one, the closing trio."""
        assert self.handle is not None and self._source is not None
        if self._next_offset < self.size:
            offset = self._next_offset
            data = self._source.read(offset, min(CHUNK, self.size - offset))
            if not data:
                raise PublishError("sftp_verify_failed", path=self.spec.name,
                                   detail="local file shrank")
            if not self.verify_sha256:   # with read-back, the server's copy is checked instead
                self._local_hash.update(data)
            self._next_offset += len(data)
            pipe.send(CMD_WRITE, self.handle, int64(offset), data,
                      callback=self._written(len(data)), cost=len(data))
            if self.verify_sha256:       # the last read asks one byte more: proves the size
                last = self._next_offset >= self.size
                self._send_read(pipe, offset, len(data), 1 if last else 0)
            return
        self.finished_sending = True
        self._source.close()
        if self.verify_sha256:
            if self.size == 0:
                self._send_read(pipe, 0, 0, 1)
        else:
            pipe.send(CMD_FSTAT, self.handle, callback=self._stat, cost=64)
        pipe.send(CMD_FSETSTAT, self.handle, attrs(FILE_MODE, self.spec.modified()),
                  callback=self._ok, cost=64)
        pipe.send(CMD_CLOSE, self.handle, callback=self._closed, cost=64)

    def _send_read(self, pipe: RequestPipe, offset: int, length: int, extra: int) -> None:
        pipe.send(CMD_READ, self.handle, int64(offset), length + extra,
                  callback=self._read(pipe, offset, length, extra), cost=length + extra)

    # -- replies -----------------------------------------------------------------------------
    def _opened(self, kind: int, message: paramiko.Message) -> None:
        self.handle = expect_handle(kind, message, self.remote_path)
        self.on_ready(self)

    def _ok(self, kind: int, message: paramiko.Message) -> None:
        expect_ok(kind, message, self.remote_path)

    def _written(self, length: int) -> Callable[[int, paramiko.Message], None]:
        def written(kind: int, message: paramiko.Message) -> None:
            expect_ok(kind, message, self.remote_path)
            self._acked += length
            if self.on_progress is not None:
                self.on_progress(FileProgress(self.item, self.spec.name, self._acked, self.size,
                                              "uploading"))
        return written

    def _read(self, pipe: RequestPipe, offset: int, length: int,
              extra: int) -> Callable[[int, paramiko.Message], None]:
        def read(kind: int, message: paramiko.Message) -> None:
            data = expect_data(kind, message, self.remote_path)
            if len(data) > length:
                raise PublishError("sftp_verify_failed", path=self.spec.name,
                                   detail="file on the server is longer")
            if not data and length:
                raise PublishError("sftp_verify_failed", path=self.spec.name,
                                   detail="file on the server is shorter")
            if len(data) < length:       # short read: ask for the rest
                self._send_read(pipe, offset + len(data), length - len(data), extra)
            if data:
                self._read_parts[offset] = data
            while self._read_position in self._read_parts:
                part = self._read_parts.pop(self._read_position)
                self._remote_hash.update(part)
                self._read_position += len(part)
            self._remote_size = self._read_position
        return read

    def _stat(self, kind: int, message: paramiko.Message) -> None:
        self._remote_size = expect_attrs(kind, message, self.remote_path).st_size or 0

    def _closed(self, kind: int, message: paramiko.Message) -> None:
        expect_ok(kind, message, self.remote_path)
        self.handle = None
        if not self.verify_sha256 and self._local_hash.hexdigest() != self.sha256:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail="local file differs from the approved one")
        if self._remote_size != self.size:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail=f"size {self._remote_size} != {self.size}")
        if self.verify_sha256 and self._remote_hash.hexdigest() != self.sha256:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail="SHA-256 differs")
        self.done = True
        if self.on_progress is not None:
            self.on_progress(FileProgress(self.item, self.spec.name, self.size, self.size,
                                          "verified"))
        self.on_done(self)

    def abandon(self) -> None:
        if self._source is not None:
            self._source.close()


class Cancelled(Exception):  # noqa: N818 - internal signal, never shown to a user
    """The cancel event was set while uploading."""


def run_uploads(pipe: RequestPipe, uploads: Sequence[FileUpload], *,
                cancel: threading.Event | None = None, window_bytes: int = WINDOW_BYTES,
                max_files: int = MAX_FILES_IN_FLIGHT) -> None:
    """Drive every upload to completion (or raise; in-flight replies are then abandoned)."""
    waiting = deque(uploads)
    ready: deque[FileUpload] = deque()       # have a handle and requests still to send
    active: list[FileUpload] = []
    for upload in uploads:
        upload.on_ready = ready.append
    try:
        while waiting or active:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            while waiting and len(active) < max_files and pipe.outstanding_cost < window_bytes:
                upload = waiting.popleft()
                upload.open(pipe)
                active.append(upload)
            while ready and pipe.outstanding_cost < window_bytes:
                upload = ready[0]
                upload.send_next(pipe)
                if not upload.ready():
                    ready.popleft()
            if pipe.in_flight == 0:
                raise RuntimeError("uploads stalled with nothing in flight")
            pipe.pump()
            if active and any(upload.done for upload in active[:8]):
                active = [upload for upload in active if not upload.done]
        pipe.drain()
    finally:
        for upload in [*active, *waiting]:
            upload.abandon()
