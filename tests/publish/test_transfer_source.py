"""The uploader's local reader (transfer._Source): a plain descriptor read at any offset, in
order or not, the same bytes as the file; closed once; bytes sources too."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.publish.transfer import PublishFile, _Source


def test_reads_at_any_offset_give_the_file_s_bytes(tmp_path: Path) -> None:
    data = os.urandom(200_000)
    path = tmp_path / "ไฟล์.bin"
    path.write_bytes(data)
    source = _Source(path)
    try:
        assert source.read(0, 32768) == data[:32768]
        assert source.read(32768, 32768) == data[32768:65536]       # in order: no seek
        assert source.read(150_000, 100_000) == data[150_000:]      # past the end: the rest
        assert source.read(200_000, 10) == b""                      # at the end: nothing
        assert source.read(5, 7) == data[5:12]                      # back again
    finally:
        source.close()
    source.close()                                                  # a second close is harmless


def test_bytes_are_read_the_same_way() -> None:
    source = _Source(b"0123456789")
    assert source.read(3, 4) == b"3456"
    assert source.read(8, 10) == b"89"
    source.close()


def test_a_file_that_shrank_reads_short(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 1000)
    source = _Source(path)
    try:
        path.write_bytes(b"y" * 10)         # truncated and rewritten while open
        assert source.read(0, 1000) == b"y" * 10
        assert source.read(500, 100) == b""
    finally:
        source.close()


def test_size_and_time_come_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"abc")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    spec = PublishFile("a.bin", path)
    assert spec.size == 3
    assert spec.modified() == 1_700_000_000
    assert PublishFile("a.bin", path, mtime=5.0).modified() == 5.0
