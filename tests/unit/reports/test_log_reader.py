"""Streaming logs in whole-line chunks, plain or gzip, cut into ranges for worker processes."""

from __future__ import annotations

import gzip
import io
from datetime import datetime
from pathlib import Path

from desktop.reports.log_reader import (
    PARALLEL_MIN_BYTES,
    Head,
    WorkerPool,
    decompressed,
    gzip_isize,
    line_ranges,
    read_head,
    tally_plain_file,
    tally_stream,
    whole_line_chunks,
)
from tests.unit.reports.log_samples import synthetic_log
from tests.unit.reports.test_log_parse import assert_same

T0 = datetime(2026, 10, 1, 0, 0, 5)


def test_chunks_end_at_newlines_and_keep_a_partial_last_line_back() -> None:
    data = b"".join(b"line %d\n" % i for i in range(1000)) + b"half a li"
    chunks = list(whole_line_chunks(io.BytesIO(data), final=False, chunk_size=100))
    assert all(c.endswith(b"\n") for c in chunks)
    assert b"".join(chunks) == data[:data.rindex(b"\n") + 1]
    assert b"".join(whole_line_chunks(io.BytesIO(data), final=True, chunk_size=64)) == data
    assert b"".join(whole_line_chunks(io.BytesIO(data), final=True, limit=17)) == data[:17]


def test_gzip_is_recognised_by_content_and_its_size_read_from_the_trailer(
        tmp_path: Path) -> None:
    text = synthetic_log(200, T0).encode()
    packed = tmp_path / "access.log.2.gz"       # the name says nothing; the magic number does
    packed.write_bytes(gzip.compress(text))
    with open(packed, "rb") as raw:
        assert gzip_isize(raw) == len(text)
        stream = decompressed(raw)
        head = read_head(stream)
    assert Head.of(text).matches(head) and head == text[:1024]
    assert not Head.of(b"other" + text).matches(head)
    with open(packed, "rb") as raw:
        result = tally_stream(decompressed(raw), final=True)
    assert result.consumed == len(text)
    assert_same(result.tally, text)


def test_ranges_cover_every_whole_line_exactly_once(tmp_path: Path) -> None:
    text = synthetic_log(5000, T0).encode() + b"10.0.0.1 - - [partial"
    path = tmp_path / "access.log"
    path.write_bytes(text)
    ranges = line_ranges(path, 0, len(text), 7)
    assert ranges[0][0] == 0 and ranges[-1][1] == text.rindex(b"\n") + 1
    assert all(a < b for a, b in ranges)
    assert all(b == c for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False))
    assert all(text[b - 1:b] == b"\n" for _, b in ranges)
    offset = len(synthetic_log(1000, T0).encode())      # a start in the middle, on a line start
    later = line_ranges(path, offset, len(text), 3)
    assert later[0][0] == offset


def test_worker_processes_count_the_same_as_one_process(tmp_path: Path) -> None:
    text = synthetic_log(20_000, T0, days=4, bad_every=501).encode()
    path = tmp_path / "access.log"
    path.write_bytes(text)
    whole = text[:text.rindex(b"\n") + 1]
    with WorkerPool(2) as pool:
        assert pool.get(len(text)) is None      # a small file is counted here, no processes
        parallel = pool.get(PARALLEL_MIN_BYTES)  # (as if it were big)
        assert parallel is not None
        result = tally_plain_file(path, 0, len(text), workers=2, pool=parallel)
    assert result.consumed == len(whole)
    assert_same(result.tally, whole)


def test_counted_in_process_where_workers_cannot_start(tmp_path: Path) -> None:
    """A program read from stdin cannot re-import its main module in a spawned worker: the
    pool notices at start and everything is counted in the one process."""
    import subprocess
    import sys

    text = synthetic_log(2000, T0).encode()
    path = tmp_path / "access.log"
    with open(path, "wb") as handle:
        for _ in range(PARALLEL_MIN_BYTES // len(text) + 1):
            handle.write(text)
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})\n"
        "from pathlib import Path\n"
        "from desktop.reports.log_reader import WorkerPool, tally_plain_file\n"
        f"path = Path({str(path)!r})\n"
        "with WorkerPool(2) as pool:\n"
        "    chosen = pool.get(path.stat().st_size)\n"
        "    result = tally_plain_file(path, 0, path.stat().st_size, workers=pool.workers,\n"
        "                              pool=chosen)\n"
        "print(chosen is None, pool.workers, result.tally.lines)\n")
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = len(text.splitlines()) * (PARALLEL_MIN_BYTES // len(text) + 1)
    assert done.stdout.split() == ["True", "1", str(lines)]
