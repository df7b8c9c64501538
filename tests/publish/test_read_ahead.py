"""The read-ahead of big files (desktop/publish/read_ahead.py) and the fast path's batches:
every byte handed out was hashed first, in order, by the caller's own hasher; the prefix
digests are those of the bytes before each chunk's end; a file that shrank, a read error and
an early close end the helper thread cleanly; and a batch of SSH packets is cut at a packet
boundary.  Nothing here depends on timing."""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.publish import fast_send
from desktop.publish.errors import PublishError
from desktop.publish.read_ahead import ReadAhead
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.support.embedded_site import embedded_site

CHUNK = 1000


def _all_chunks(ahead: ReadAhead, start: int, size: int) -> list[bytes]:
    parts = []
    offset = start
    while offset < size:
        chunk = ahead.take()
        assert chunk.offset == offset
        parts.append(chunk.data)
        if len(chunk.data) < min(CHUNK, size - offset):
            break
        offset += len(chunk.data)
    ahead.close()
    return parts


@pytest.mark.parametrize("from_file", [True, False])
def test_chunks_come_in_order_hashed_with_the_prefix_digest_of_each(
        tmp_path: Path, from_file: bool) -> None:
    data = os.urandom(10 * CHUNK + 17)
    source: Path | bytes = data
    if from_file:
        source = tmp_path / "f.bin"
        source.write_bytes(data)
    running = hashlib.sha256(data[:3 * CHUNK])          # as after a resumed prefix
    ahead = ReadAhead(source, 3 * CHUNK, len(data), CHUNK, running, prefix_digests=True,
                      depth=2)
    seen = []
    offset = 3 * CHUNK
    while offset < len(data):
        chunk = ahead.take()
        assert chunk.offset == offset
        assert chunk.data == data[offset:offset + CHUNK]
        assert chunk.prefix_sha256 == hashlib.sha256(data[:offset + len(chunk.data)]).hexdigest()
        seen.append(chunk.data)
        offset += len(chunk.data)
    ahead.close()
    assert b"".join(seen) == data[3 * CHUNK:]
    assert running.hexdigest() == hashlib.sha256(data).hexdigest()


def test_without_a_hasher_there_are_no_digests(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK)
    ahead = ReadAhead(data, 0, len(data), CHUNK, None, prefix_digests=True)
    chunks = [ahead.take() for _ in range(3)]
    ahead.close()
    assert b"".join(c.data for c in chunks) == data
    assert all(c.prefix_sha256 is None for c in chunks)


def test_a_file_that_shrank_ends_with_an_empty_chunk(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(os.urandom(2 * CHUNK + 5))
    ahead = ReadAhead(path, 0, 5 * CHUNK, CHUNK, hashlib.sha256())
    chunks = [ahead.take() for _ in range(4)]
    ahead.close()
    assert [(c.offset, len(c.data)) for c in chunks] == [(0, CHUNK), (CHUNK, CHUNK),
                                                        (2 * CHUNK, 5), (2 * CHUNK + 5, 0)]


@dataclass(frozen=True)
class _Claimed(PublishFile):
    """A file whose approved size is bigger than what is on disk now."""

    claimed: int = 0

    @property
    def size(self) -> int:
        return self.claimed


@pytest.mark.parametrize("verify_sha256", [True, False])
def test_a_local_file_that_shrank_during_the_upload_is_refused(tmp_path: Path,
                                                               verify_sha256: bool) -> None:
    """The upload stops with the same error as without the read-ahead (not a bug), and
    nothing is published."""
    data = os.urandom(3 * 1024 * 1024)
    path = tmp_path / "big.bin"
    path.write_bytes(data[:1024 * 1024 + 7])                 # shrank after approval
    spec = _Claimed("big.bin", path, sha256=hashlib.sha256(data).hexdigest(),
                    claimed=len(data))
    with embedded_site(tmp_path / "site") as site, site.connect() as connection:
        with pytest.raises(PublishError) as caught:
            ItemUploader(connection, verify_sha256=verify_sha256).publish_item(
                "item", "news", [spec])
        assert caught.value.code == "sftp_verify_failed"
        assert "shrank" in str(caught.value.params)
        assert not (site.web_root / "news/item").exists()

def test_a_read_error_is_raised_on_the_taking_thread(tmp_path: Path) -> None:
    ahead = ReadAhead(tmp_path / "missing.bin", 0, 5 * CHUNK, CHUNK, hashlib.sha256())
    with pytest.raises(FileNotFoundError):
        ahead.take()
    ahead.close()


def _read_ahead_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "webdesk-read-ahead"}


def test_close_before_the_end_stops_the_helper_thread(tmp_path: Path) -> None:
    """Its own helper thread is gone after close() (other threads of the test process, which
    may start and stop meanwhile, are none of its business)."""
    data = os.urandom(50 * CHUNK)
    before = _read_ahead_threads()
    ahead = ReadAhead(data, 0, len(data), CHUNK, hashlib.sha256(), depth=1)
    helper = _read_ahead_threads() - before
    assert len(helper) == 1
    assert ahead.take().offset == 0
    ahead.close()                      # the helper is waiting to hand over more
    assert not any(thread.is_alive() for thread in helper)
    assert _read_ahead_threads() <= before


@pytest.mark.parametrize(("available", "window", "expected"), [
    (1_000_000, 1 << 30, fast_send.MAX_BATCH_PACKETS * 32704),   # full packets only
    (3 * 32704 + 100, 1 << 30, 3 * 32704 + 100),                 # the end of the data
    (1_000_000, 2 * 32704 + 5000, 2 * 32704),                    # window: cut at a packet
    (1_000_000, 20_000, 20_000),                                 # less than a packet left
    (1_000_000, 0, 0),
])
def test_a_batch_is_cut_at_a_packet_boundary(available: int, window: int,
                                             expected: int) -> None:
    assert fast_send.batch_size(available, window, 32704) == expected


# -- immediate acknowledgements on the buffered reader (fast_receive) ----------------------------

def test_quick_acks_are_asked_for_on_tcp_only() -> None:
    import socket

    from desktop.publish import fast_receive

    pair = socket.socketpair()
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    try:
        assert all(fast_receive._quick_ack_option(sock) is None for sock in pair)
        expected = getattr(socket, "TCP_QUICKACK", None)
        assert fast_receive._quick_ack_option(client) == expected
    finally:
        for sock in [*pair, listener, client]:
            sock.close()


def test_a_socket_that_refuses_quick_acks_is_not_asked_again() -> None:
    from desktop.publish import fast_receive

    class Refusing:
        asked = 0

        def setsockopt(self, *args: object) -> None:
            self.asked += 1
            raise OSError("not here")

    sock, acks = Refusing(), [12]
    fast_receive._acknowledge_now(sock, acks)  # type: ignore[arg-type]
    fast_receive._acknowledge_now(sock, acks)  # type: ignore[arg-type]
    assert sock.asked == 1 and acks == [None]


def test_taking_past_what_was_read_raises_instead_of_waiting_forever() -> None:
    data = os.urandom(2 * CHUNK)
    ahead = ReadAhead(data, 0, len(data), CHUNK, None)
    assert [ahead.take().offset, ahead.take().offset] == [0, CHUNK]
    with pytest.raises(RuntimeError):
        ahead.take()
    ahead.close()
