"""Reading access logs as a stream of whole-line chunks, plain or gzip, and counting them on
every core.

- Never a whole file in memory: chunks of :data:`CHUNK_SIZE` bytes, cut after a newline.
- Incremental: a log is known by the SHA-256 of its first bytes (its *head*, after
  decompression), so a file keeps its identity when logrotate renames it (``access.log`` →
  ``access.log.1``) and compresses it (``access.log.2.gz``); the offset says how many
  decompressed bytes were already counted.  A trailing line without its newline is left for
  the next import (the server may be writing it) unless the file is compressed (finished).
- Parallel: a plain local file is cut into byte ranges, each counted by a worker process that
  reads its own range; other streams (gzip, SFTP) are read here and their chunks handed to
  the workers.  Workers are started with "spawn" (safe beside Qt and database threads).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO

from desktop.reports.log_parse import Classifier, LogTally, tally_chunk

CHUNK_SIZE = 1 << 20
HEAD_SIZE = 1024
GZIP_MAGIC = b"\x1f\x8b"
PARALLEL_MIN_BYTES = 8 << 20   # below this, starting worker processes costs more than it saves
RANGES_PER_WORKER = 4


@dataclass(frozen=True)
class Head:
    """The identity of a log: how many of its first bytes were hashed, and their SHA-256."""

    length: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Head:
        data = data[:HEAD_SIZE]
        return cls(len(data), hashlib.sha256(data).hexdigest())

    def matches(self, head_bytes: bytes) -> bool:
        """True when ``head_bytes`` (a file's first bytes) start with this head."""
        return (len(head_bytes) >= self.length > 0
                and hashlib.sha256(head_bytes[:self.length]).hexdigest() == self.sha256)


def is_gzip(first_bytes: bytes) -> bool:
    return first_bytes[:2] == GZIP_MAGIC


def decompressed(raw: BinaryIO) -> BinaryIO:
    """``raw`` itself, or a gzip reader over it (by the magic number, not the name)."""
    start = raw.read(2)
    raw.seek(0)
    if is_gzip(start):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def read_head(stream: BinaryIO) -> bytes:
    """The first :data:`HEAD_SIZE` bytes of a (decompressed) stream; the stream is consumed."""
    data = b""
    while len(data) < HEAD_SIZE:
        piece = stream.read(HEAD_SIZE - len(data))
        if not piece:
            break
        data += piece
    return data


def skip(stream: BinaryIO, count: int) -> int:
    """Read and drop ``count`` bytes (gzip streams cannot seek cheaply); returns how many."""
    done = 0
    while done < count:
        piece = stream.read(min(CHUNK_SIZE, count - done))
        if not piece:
            break
        done += len(piece)
    return done


def whole_line_chunks(stream: BinaryIO, *, final: bool, limit: int | None = None,
                      chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Chunks of whole lines from the stream's current position (up to ``limit`` bytes).

    A last line without a newline is yielded only when ``final``.
    """
    rest = b""
    remaining = limit
    while True:
        size = chunk_size if remaining is None else min(chunk_size, remaining)
        piece = stream.read(size) if size > 0 else b""
        if remaining is not None:
            remaining -= len(piece)
        if not piece:
            break
        data = rest + piece if rest else piece
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            if len(rest) > 64 * chunk_size:  # a "line" of 64 MiB is not a log line
                yield rest + b"\n"
                rest = b""
            continue
        rest = data[cut:]
        yield data[:cut]
    if rest and final:
        yield rest


@dataclass
class StreamResult:
    tally: LogTally
    consumed: int  # bytes counted (whole lines), from where the stream started


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def tally_stream(stream: BinaryIO, *, final: bool, workers: int = 1,
                 on_chunk: Callable[[bytes], None] | None = None,
                 pool: ProcessPoolExecutor | None = None) -> StreamResult:
    """Count every whole line from the stream's position to its end.

    ``on_chunk`` sees each chunk (e.g. to keep a raw copy).  With ``pool`` the chunks are
    counted in worker processes (at most two per worker in flight, so memory stays flat).
    """
    total = LogTally()
    consumed = 0
    if pool is None or workers <= 1:
        classifier = Classifier()
        for chunk in whole_line_chunks(stream, final=final):
            consumed += len(chunk)
            if on_chunk is not None:
                on_chunk(chunk)
            tally_chunk(chunk, classifier, total)
        return StreamResult(total.seal(), consumed)
    pending: list[Future[LogTally]] = []
    for chunk in whole_line_chunks(stream, final=final):
        consumed += len(chunk)
        if on_chunk is not None:
            on_chunk(chunk)
        pending.append(pool.submit(_tally_chunk_job, chunk))
        if len(pending) >= 2 * workers:
            total.merge(pending.pop(0).result())
    for future in pending:
        total.merge(future.result())
    return StreamResult(total.seal(), consumed)


def _tally_chunk_job(chunk: bytes) -> LogTally:
    return tally_chunk(chunk).seal()


def line_ranges(path: Path, start: int, end: int, pieces: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into about ``pieces`` ranges, each ending just after a newline.

    Bytes after the last newline before ``end`` are not in any range (a line being written).
    """
    with open(path, "rb") as handle:
        handle.seek(max(start, end - CHUNK_SIZE))
        tail = handle.read(end - max(start, end - CHUNK_SIZE))
        last = tail.rfind(b"\n")
        if last < 0:
            return []
        end = end - len(tail) + last + 1
        cuts = [start]
        step = max((end - start) // max(pieces, 1), 1)
        for guess in range(start + step, end, step):
            handle.seek(max(guess - 1, cuts[-1]))
            window = handle.read(64 * 1024)
            newline = window.find(b"\n")
            if newline < 0:
                continue
            cut = max(guess - 1, cuts[-1]) + newline + 1
            if cuts[-1] < cut < end:
                cuts.append(cut)
        cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def tally_range(path: str, start: int, end: int) -> LogTally:
    """Count the lines in bytes ``[start, end)`` of a plain file (run in a worker)."""
    classifier = Classifier()
    total = LogTally()
    with open(path, "rb") as handle:
        handle.seek(start)
        for chunk in whole_line_chunks(handle, final=True, limit=end - start):
            tally_chunk(chunk, classifier, total)
    return total.seal()


def tally_plain_file(path: Path, start: int, end: int, *, workers: int = 1,
                     pool: ProcessPoolExecutor | None = None) -> StreamResult:
    """Count the whole lines of a plain file between ``start`` and ``end`` (its size)."""
    if end <= start:
        return StreamResult(LogTally(), 0)
    if pool is None or workers <= 1:
        with open(path, "rb") as handle:
            handle.seek(start)
            return tally_stream(handle, final=False)   # type: ignore[arg-type]
    ranges = line_ranges(path, start, end, workers * RANGES_PER_WORKER)
    total = LogTally()
    futures = [pool.submit(tally_range, str(path), a, b) for a, b in ranges]
    for future in futures:
        total.merge(future.result())
    consumed = ranges[-1][1] - start if ranges else 0
    return StreamResult(total.seal(), consumed)


class WorkerPool:
    """A pool of counting processes, started only when there is enough to count."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else default_workers()
        self._pool: ProcessPoolExecutor | None = None

    def get(self, size_hint: int) -> ProcessPoolExecutor | None:
        """The pool for a job of ``size_hint`` bytes; None: count here, in this process.

        Processes are started once, checked with a trivial job first: where they cannot
        start (a frozen app without freeze_support, a program read from stdin) everything is
        counted here instead."""
        if self.workers <= 1 or size_hint < PARALLEL_MIN_BYTES or getattr(sys, "frozen", False):
            return self._pool
        if self._pool is None:
            pool = _pool(self.workers)
            try:
                pool.submit(os.getpid).result(timeout=120)
            except (BrokenProcessPool, OSError, TimeoutError):
                pool.shutdown(wait=False, cancel_futures=True)
                self.workers = 1
                return None
            self._pool = pool
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def gzip_isize(raw: BinaryIO) -> int | None:
    """The uncompressed size mod 2**32 from a gzip file's trailer (None if unreadable)."""
    try:
        raw.seek(-4, io.SEEK_END)
        trailer = raw.read(4)
        raw.seek(0)
    except OSError:
        return None
    return int.from_bytes(trailer, "little") if len(trailer) == 4 else None
