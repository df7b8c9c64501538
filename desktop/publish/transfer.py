"""The pipelined transfer engine: many files in flight, large writes, read-back verification.

One :class:`FileUpload` per file walks OPEN -> (WRITE, READ)* -> FSTAT -> FSETSTAT -> CLOSE
with every request after OPEN sent without waiting (:func:`desktop.publish.driver.run_uploads`
keeps many of them in flight); after a dropped link it resumes from the journal's verified
offset, reading back what the server holds past it (:mod:`desktop.publish.resume`).
"""

from __future__ import annotations

import hashlib
import os
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import paramiko
from paramiko.sftp import (
    CMD_CLOSE,
    CMD_FSETSTAT,
    CMD_FSTAT,
    CMD_OPEN,
    CMD_READ,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_READ,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    int64,
)

from desktop.publish.errors import PublishError
from desktop.publish.journal import Checkpoint
from desktop.publish.pipeline import (
    RequestPipe,
    attrs,
    expect_attrs,
    expect_data,
    expect_handle,
    expect_ok,
    ok_callback,
)
from desktop.publish.profiles import Verify
from desktop.publish.read_ahead import READ_AHEAD_MIN_BYTES, ReadAhead
from desktop.publish.resume import (
    RESUME_MIN_BYTES,
    PrefixTracker,
    ResumeProbe,
    hash_local_prefix,
)

CHUNK = 255 * 1024          # OpenSSH's sftp-server takes messages up to 256 KiB
WINDOW_BYTES = 16 * 1024 * 1024
MAX_FILES_IN_FLIGHT = 64
SPLIT_BYTES = 8 * 1024 * 1024   # larger files are striped over every lane
PRIMARY_TAIL = 2 * 1024 * 1024  # ... but for their last bytes, sent by the primary lane alone
FILE_MODE = 0o644
DIR_MODE = 0o755
SAMPLE_EVERY = 16       # sampled verification reads back about one chunk in this many



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
        return os.stat(self.source).st_size

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
        return os.stat(self.source).st_mtime


@dataclass(frozen=True)
class FileProgress:
    item: str
    name: str
    done_bytes: int
    total_bytes: int
    state: str      # "uploading" | "verified" | "skipped"


ProgressCallback = Callable[[FileProgress], None]


class _Source:
    """Reads the local content chunk by chunk (a file stays open only while it is in flight).

    A plain descriptor, not a buffered file object: for a 32 KiB file the object layers cost
    more than the one read (publishing 1,000 small files opens 1,000 of them)."""

    def __init__(self, source: Path | bytes) -> None:
        self._bytes: memoryview | None = None
        self._fd: int | None = None
        self._position = 0          # where the descriptor is (asking costs a system call)
        if isinstance(source, bytes | bytearray | memoryview):
            self._bytes = memoryview(source)
        else:
            self._fd = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0))

    def read(self, offset: int, length: int) -> bytes:
        """Up to ``length`` bytes at ``offset``; fewer only at the end of the file."""
        if self._bytes is not None:
            return bytes(self._bytes[offset:offset + length])
        assert self._fd is not None      # seek + read: os.pread does not exist on Windows
        if self._position != offset:
            os.lseek(self._fd, offset, os.SEEK_SET)
        data = os.read(self._fd, length)
        if 0 < len(data) < length:       # a short read before the end: read on
            parts = [data]
            got = len(data)
            while got < length:
                more = os.read(self._fd, length - got)
                if not more:
                    break
                parts.append(more)
                got += len(more)
            data = b"".join(parts)
        self._position = offset + len(data)
        return data

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


class Lane:
    """One SFTP channel (its own server process and flow-control window) and its work queue."""

    def __init__(self, index: int, pipe: RequestPipe) -> None:
        self.index = index
        self.pipe = pipe
        self.ready: deque[FileUpload] = deque()   # files with requests to send on this lane


class FileUpload:
    """The requests for one file; replies arrive through the pipes' callbacks.

    ``verify`` chooses the check (:class:`Verify`); with anything but SHA256 the local content
    is hashed as it is sent, so a local file that differs from the approved one is still caught.

    A file larger than ``SPLIT_BYTES`` is striped over every lane: the primary lane creates
    (and truncates) it, the others open it once it exists, each writes and reads back the
    chunks it takes, and the primary closes last (after sizes, permissions and times).  The
    last ``PRIMARY_TAIL`` bytes go on the primary lane alone: the other lanes close while they
    are sent, so the primary's closing requests follow its last write at once instead of a
    round trip after the other lanes' closes are answered.

    ``resume`` (a checkpoint from the journal, the staged file known to be at least that long)
    starts at its offset when the local prefix hashes the same; ``on_checkpoint`` hears of
    every verified prefix of a file of ``RESUME_MIN_BYTES`` or more."""

    def __init__(self, item: str, spec: PublishFile, remote_path: str, sha256: str, size: int,
                 *, verify: Verify, on_done: Callable[[FileUpload], None],
                 on_progress: ProgressCallback | None, resume: Checkpoint | None = None,
                 on_checkpoint: Callable[[FileUpload, Checkpoint], None] | None = None,
                 remote_size: int = 0) -> None:
        self.item = item
        self.spec = spec
        self.remote_path = remote_path
        self.sha256 = sha256
        self.size = size
        self.verify = verify
        self.verify_sha256 = verify == Verify.SHA256
        self._samples = _sample_chunks(size) if verify == Verify.SAMPLED else frozenset()
        self._sent: dict[int, bytes] = {}       # sampled chunks awaiting their read-back
        self.on_done = on_done
        self.on_progress = on_progress
        self.done = False
        self._primary: Lane | None = None
        self._later_lanes: list[Lane] = []
        self._handles: dict[int, bytes] = {}
        self._lane_finished: set[int] = set()
        self._secondaries_open = 0
        self._primary_drained = False
        self._closing = False
        self._source: _Source | None = None
        self._ahead: ReadAhead | None = None     # a big file's chunks, read on a helper
        self._next_offset = 0
        self._local_hash = hashlib.sha256()
        self._remote_hash = hashlib.sha256()
        self._read_parts: dict[int, bytes] = {}
        self._read_position = 0
        self._acked = 0
        self._remote_size = -1 if size else 0
        self.resume = resume if resume is not None and 0 < resume.offset <= size else None
        self.on_checkpoint = on_checkpoint
        self.resumed_from = 0       # the offset this attempt started at
        self.sent_bytes = 0         # file bytes written in this attempt (the traffic log)
        self.remote_size = remote_size   # what the staged file holds now (resume: read back)
        self._probing = False            # reading back: no lane may send yet
        self._held: list[Lane] = []      # secondary lanes opened while probing
        self._tracker: PrefixTracker | None = None

    # -- sending -----------------------------------------------------------------------------
    def open(self, primary: Lane, others: Sequence[Lane]) -> None:
        self._primary = primary
        self._source = _Source(self.spec.source)
        flags = SFTP_FLAG_READ | SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
        if self._resume_prefix():
            flags = SFTP_FLAG_READ | SFTP_FLAG_WRITE      # it is there: keep what is verified
        self._start_tracking()
        self._later_lanes = list(others) if self.size > SPLIT_BYTES else []
        primary.pipe.send(CMD_OPEN, self.remote_path, flags, attrs(FILE_MODE),
                          callback=self._opened(primary), cost=64)

    def _resume_prefix(self) -> bool:
        """Start after the journal's verified prefix if our local bytes hash the same."""
        if self.resume is None or self.resume.sha256 != self.sha256:
            return False
        assert self._source is not None
        running = hashlib.sha256()
        if not hash_local_prefix(self._source, self.resume.offset, self.resume.prefix_sha256,
                                 running):
            return False
        if self.verify_sha256:
            self._remote_hash = running       # the server's prefix is these very bytes
            self._read_position = self.resume.offset
        else:
            self._local_hash = running
        self.resumed_from = self._next_offset = self._acked = self.resume.offset
        return True

    def _start_tracking(self) -> None:
        if self.on_checkpoint is not None and self.size >= RESUME_MIN_BYTES:
            self._tracker = PrefixTracker(self.resumed_from, self.size, self._checkpoint,
                                          every=CHUNK)

    def _probe(self, lane: Lane) -> bool:
        """After a resume: read back what the server holds past the verified offset (sent
        before the link dropped, never acknowledged) instead of sending it again."""
        end = min(self.remote_size, self.size)
        if not self.resumed_from or end <= self._next_offset:
            return False
        running = self._remote_hash if self.verify_sha256 else self._local_hash
        assert self._source is not None
        probe = ResumeProbe(self._source, self._next_offset, end, CHUNK, running,
                            lambda offset: self._probed(lane, offset))
        handle = self._handles[lane.index]
        self._probing = True
        for offset, length in probe.requests():
            lane.pipe.send(CMD_READ, handle, int64(offset), length, cost=length,
                           callback=self._probe_reply(probe, offset))
        return True

    def _probe_reply(self, probe: ResumeProbe,
                     offset: int) -> Callable[[int, paramiko.Message], None]:
        def reply(kind: int, message: paramiko.Message) -> None:
            probe.answer(offset, expect_data(kind, message, self.remote_path))
        return reply

    def _probed(self, lane: Lane, offset: int) -> None:
        self._probing = False
        if offset > self._next_offset:
            verified = offset
            if self.verify_sha256:
                self._read_position = self._remote_size = offset
            self.resumed_from = self._next_offset = self._acked = verified
            self._start_tracking()
            digest = (self._remote_hash if self.verify_sha256 else self._local_hash)
            if self.on_checkpoint is not None and self.size >= RESUME_MIN_BYTES:
                self._checkpoint(verified, digest.copy().hexdigest())
        self._ready_to_send(lane)
        for held in self._held:
            held.ready.append(self)
        self._held = []

    def _checkpoint(self, offset: int, prefix_sha256: str) -> None:
        assert self.on_checkpoint is not None
        self.on_checkpoint(self, Checkpoint(self.sha256, offset, prefix_sha256))

    def add_lane(self, lane: Lane) -> None:
        """A lane that joined late: a big file still being sent is striped onto it too."""
        if (self.size <= SPLIT_BYTES or self._primary_drained or self._primary is None
                or self.size - self._next_offset <= PRIMARY_TAIL):
            return
        if self._primary.index in self._handles and not self._probing:
            self._open_secondary(lane)
        else:
            self._later_lanes.append(lane)

    def _open_secondary(self, lane: Lane) -> None:
        self._secondaries_open += 1
        flags = SFTP_FLAG_READ | SFTP_FLAG_WRITE          # it exists now: no truncation
        lane.pipe.send(CMD_OPEN, self.remote_path, flags, attrs(FILE_MODE),
                       callback=self._opened(lane), cost=64)

    @property
    def all_data_sent(self) -> bool:
        """Every byte was written: what is left (size, times, close) costs nearly nothing."""
        return self._next_offset >= self.size

    def ready_on(self, lane: Lane) -> bool:
        return lane.index in self._handles and lane.index not in self._lane_finished

    def _next_chunk(self) -> bytes:
        """The local bytes at ``_next_offset``, hashed into the local SHA-256 (unless the
        server's copy is read back in full); a big file's come from a :class:`ReadAhead`."""
        assert self._source is not None
        offset = self._next_offset
        local_hash = not self.verify_sha256
        if self._ahead is None and self.size - offset >= READ_AHEAD_MIN_BYTES:
            self._ahead = ReadAhead(self.spec.source, offset, self.size, CHUNK,
                                    self._local_hash if local_hash else None,
                                    prefix_digests=self._tracker is not None)
        if self._ahead is not None:
            chunk = self._ahead.take()
            if chunk.offset != offset:       # never: the chunks are taken in order
                raise PublishError("sftp_verify_failed", path=self.spec.name,
                                   detail=f"read ahead at {chunk.offset}, not {offset}")
            data = chunk.data
            if data and self._tracker is not None and chunk.prefix_sha256 is not None:
                self._tracker.sent_digest(offset + len(data), chunk.prefix_sha256)
        else:
            data = self._source.read(offset, min(CHUNK, self.size - offset))
            if local_hash:
                self._local_hash.update(data)
                if data and self._tracker is not None:
                    self._tracker.sent(offset + len(data), self._local_hash)
        if not data:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail="local file shrank")
        return data

    def send_next(self, lane: Lane) -> None:
        """Send the next chunk (write plus read-back) on ``lane``, or finish the lane."""
        handle = self._handles[lane.index]
        assert self._source is not None
        if self._next_offset < self.size and (lane is self._primary or
                                              self.size - self._next_offset > PRIMARY_TAIL):
            offset = self._next_offset
            data = self._next_chunk()
            self._next_offset += len(data)
            self.sent_bytes += len(data)
            sampled = not self.verify_sha256 and offset // CHUNK in self._samples
            lane.pipe.send_write(handle, offset, data,
                                 callback=self._written(offset, len(data), sampled),
                                 cost=len(data))
            if self.verify_sha256:       # the last read asks one byte more: proves the size
                last = self._next_offset >= self.size
                self._send_read(lane, offset, len(data), 1 if last else 0)
            elif sampled:
                self._sent[offset] = data
                lane.pipe.send(CMD_READ, handle, int64(offset), len(data),
                               callback=self._sample_read(offset), cost=len(data))
            return
        self._lane_finished.add(lane.index)
        if lane is self._primary:
            self._primary_drained = True
            self._close_source()
            self._maybe_finish()
        else:
            lane.pipe.send(CMD_CLOSE, handle, callback=self._secondary_closed, cost=64)

    def _maybe_finish(self) -> None:
        """Size, permissions, times and close go out on the primary lane once every other
        lane's handle is closed (so all of their writes are on disk)."""
        if self._closing or not self._primary_drained or self._secondaries_open:
            return
        self._closing = True
        lane = self._primary
        assert lane is not None
        handle = self._handles[lane.index]
        if self.verify_sha256:
            if self.resumed_from == self.size:      # nothing left to send: prove the size
                self._send_read(lane, self.size, 0, 1)
        else:
            lane.pipe.send(CMD_FSTAT, handle, callback=self._stat, cost=64)
        lane.pipe.send(CMD_FSETSTAT, handle, attrs(FILE_MODE, self.spec.modified()),
                       callback=ok_callback(self.remote_path), cost=64)
        lane.pipe.send(CMD_CLOSE, handle, callback=self._closed, cost=64)

    def _send_read(self, lane: Lane, offset: int, length: int, extra: int) -> None:
        lane.pipe.send(CMD_READ, self._handles[lane.index], int64(offset), length + extra,
                       callback=self._read(lane, offset, length, extra), cost=length + extra)

    # -- replies -----------------------------------------------------------------------------
    def _opened(self, lane: Lane) -> Callable[[int, paramiko.Message], None]:
        def opened(kind: int, message: paramiko.Message) -> None:
            self._handles[lane.index] = expect_handle(kind, message, self.remote_path)
            if lane is self._primary and self._probe(lane):
                return                      # sending starts once the read-back is judged
            if self._probing:
                self._held.append(lane)
                return
            self._ready_to_send(lane)
        return opened

    def _ready_to_send(self, lane: Lane) -> None:
        lane.ready.append(self)
        if lane is self._primary:
            for other in self._later_lanes:
                self._open_secondary(other)
            self._later_lanes = []

    def _secondary_closed(self, kind: int, message: paramiko.Message) -> None:
        expect_ok(kind, message, self.remote_path)
        self._secondaries_open -= 1
        self._maybe_finish()

    def _written(self, offset: int, length: int,
                 sampled: bool) -> Callable[[int, paramiko.Message], None]:
        def written(kind: int, message: paramiko.Message) -> None:
            expect_ok(kind, message, self.remote_path)
            if self._tracker is not None and not self.verify_sha256 and not sampled:
                self._tracker.done(offset, offset + length)
            self._acked += length
            if self.on_progress is not None:
                self.on_progress(FileProgress(self.item, self.spec.name, self._acked, self.size,
                                              "uploading"))
        return written

    def _read(self, lane: Lane, offset: int, length: int,
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
                self._send_read(lane, offset + len(data), length - len(data), extra)
            if data:
                self._read_parts[offset] = data
            while self._read_position in self._read_parts:
                part = self._read_parts.pop(self._read_position)
                self._remote_hash.update(part)
                self._read_position += len(part)
            self._remote_size = self._read_position
            if self._tracker is not None:
                self._tracker.read_back(self._read_position, self._remote_hash)
        return read

    def _sample_read(self, offset: int) -> Callable[[int, paramiko.Message], None]:
        def compare(kind: int, message: paramiko.Message) -> None:
            data = expect_data(kind, message, self.remote_path)
            sent = self._sent.pop(offset)
            if data != sent:
                raise PublishError("sftp_verify_failed", path=self.spec.name,
                                   detail=f"bytes at offset {offset} differ")
            if self._tracker is not None:
                self._tracker.done(offset, offset + len(sent))
        return compare

    def _stat(self, kind: int, message: paramiko.Message) -> None:
        self._remote_size = expect_attrs(kind, message, self.remote_path).st_size or 0

    def _closed(self, kind: int, message: paramiko.Message) -> None:
        expect_ok(kind, message, self.remote_path)
        self._handles.clear()
        self._close_source()          # (done already: the primary lane drained before)
        if not self.verify_sha256 and self._local_hash.hexdigest() != self.sha256:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail="local file differs from the approved one")
        if self._sent:
            raise PublishError("sftp_verify_failed", path=self.spec.name,
                               detail="a read-back went unanswered")
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

    def _close_source(self) -> None:
        """Close the local file; a read-ahead's thread has ended (and hashed all it read)
        once this returns."""
        if self._ahead is not None:
            self._ahead.close()
        if self._source is not None:
            self._source.close()

    def abandon(self) -> None:
        self._close_source()


def _sample_chunks(size: int) -> frozenset[int]:
    """The chunks a sampled verification reads back: the first, the last and a random
    ~1/SAMPLE_EVERY of the others (random, so that no fixed region is never checked)."""
    count = (size + CHUNK - 1) // CHUNK
    if count <= 2:
        return frozenset(range(count))
    chooser = random.SystemRandom()
    middle = chooser.sample(range(1, count - 1), max(1, (count - 2) // SAMPLE_EVERY))
    return frozenset({0, count - 1, *middle})
