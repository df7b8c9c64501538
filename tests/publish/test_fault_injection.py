"""A TCP proxy cuts the link after a random number of bytes, 50+ times, mid-publish.

After every cut nothing partial is visible under the web root (the item folder is absent, or
complete with the old or the new content); a retry completes the item, byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError
from desktop.publish.journal import MemoryJournal
from desktop.publish.profiles import ServerProfile
from desktop.publish.retry import with_reconnect
from desktop.publish.uploader import ItemUploader, PublishFile, PublishResult
from tests.publish.conftest import make_profile, staging_of, tree, trust_port
from tests.publish.sshd_server import SshdServer
from tests.publish.tcp_proxy import CuttingProxy

CUTS = 50


def item_files(seed: int) -> list[PublishFile]:
    rng = random.Random(seed)
    sizes = [0, 1, 1000, 32 * 1024, 70_000, 255 * 1024 + 1, 300_000, 5_000]
    files = [PublishFile(f"file-{n}.bin", rng.randbytes(size)) for n, size in enumerate(sizes)]
    files.append(PublishFile("images/photo.jpg", rng.randbytes(120_000)))
    files.append(PublishFile("images/thumbs/small.png", rng.randbytes(3_000)))
    return files


def visible_state(web_root: Path, relative: str) -> dict[str, bytes] | None:
    folder = web_root / relative
    return tree(folder) if folder.exists() else None


def expected(files: list[PublishFile]) -> dict[str, bytes]:
    return {spec.name: bytes(spec.source) for spec in files}  # type: ignore[arg-type]


@pytest.mark.sshd
def test_cut_connection_never_leaves_partial_item_and_retry_completes(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path,
        open_connection: Callable[[ServerProfile], SftpConnection]) -> None:
    web_root, archive = folders
    proxy = CuttingProxy(sshd.port)
    rng = random.Random(20260522)
    journal = MemoryJournal()
    via_proxy = make_profile(sshd, web_root, archive, port=proxy.port, io_timeout=10.0)
    trust_port(known_hosts, sshd, proxy.port)
    try:
        # measure a whole session through the proxy, so that cuts land inside it
        proxy.cut_after = None
        first = item_files(0)
        with _Connected(open_connection, via_proxy) as connection:
            ItemUploader(connection, journal=journal).publish_item("measure", "news", first)
        proxy.wait_sessions(1)
        session_bytes = proxy.last_relayed
        assert session_bytes > 1_000_000
        assert visible_state(web_root, "news/measure") == expected(first)

        resumed_files = 0
        outcomes = {"cut": 0, "finished_anyway": 0}
        for attempt in range(CUTS):
            item = f"item-{attempt // 2}"            # odd attempts replace the even one's item
            files = item_files(1000 + attempt)
            before = visible_state(web_root, f"news/{item}")
            proxy.cut_after = rng.randint(1, session_bytes)
            cuts_before = proxy.cuts
            try:
                with _Connected(open_connection, via_proxy) as connection:
                    ItemUploader(connection, journal=journal).publish_item(item, "news", files)
                outcomes["finished_anyway"] += 1
                assert visible_state(web_root, f"news/{item}") == expected(files)
            except PublishError:
                outcomes["cut"] += 1
                assert proxy.cuts > cuts_before, f"attempt {attempt} failed without a cut"
            after_cut = visible_state(web_root, f"news/{item}")
            assert after_cut in (None, before, expected(files)), f"partial item after cut {attempt}"
            _assert_no_stray_files(web_root)

            proxy.cut_after = None
            with _Connected(open_connection, via_proxy) as connection:
                result = ItemUploader(connection, journal=journal).publish_item(
                    item, "news", files)
            resumed_files += len(result.skipped)
            assert visible_state(web_root, f"news/{item}") == expected(files)
            for spec in files:
                on_disk = (web_root / "news" / item / spec.name).read_bytes()
                assert hashlib.sha256(on_disk).hexdigest() == spec.digest()
        assert outcomes["cut"] > 0, outcomes           # each attempt was judged on its own
        assert resumed_files > 0, "no retry ever resumed from the journal"
        assert os.listdir(staging_of(web_root)) == []
    finally:
        proxy.close()


def _assert_no_stray_files(web_root: Path, top: str = "news") -> None:
    for name in tree(web_root):                 # staging lives outside the web root
        parts = name.split("/")
        assert parts[0] == top and len(parts) >= 3, f"stray file {name}"
        assert not parts[-1].startswith("."), f"temporary file visible: {name}"


class _Connected:
    def __init__(self, opener: Callable[[ServerProfile], SftpConnection],
                 profile: ServerProfile) -> None:
        self.opener = opener
        self.profile = profile
        self.connection: SftpConnection | None = None

    def __enter__(self) -> SftpConnection:
        self.connection = self.opener(self.profile)
        return self.connection

    def __exit__(self, *exc: object) -> None:
        if self.connection is not None:
            self.connection.close()


@pytest.mark.sshd
def test_reconnect_with_backoff_finishes_after_a_cut(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path,
        open_connection: Callable[[ServerProfile], SftpConnection]) -> None:
    web_root, archive = folders
    proxy = CuttingProxy(sshd.port)
    trust_port(known_hosts, sshd, proxy.port)
    profile = make_profile(sshd, web_root, archive, port=proxy.port)
    files = item_files(7)
    journal = MemoryJournal()
    waits: list[float] = []
    sessions: list[tuple[str, int, int]] = []          # (user, files, bytes) per connection

    def step(connection: SftpConnection) -> PublishResult:
        proxy.cut_after = None                      # only the first attempt is cut
        try:
            return ItemUploader(connection, journal=journal).publish_item("item", "news", files)
        finally:
            sessions.append((connection.profile.user, connection.files_sent,
                             connection.bytes_sent))

    def on_retry(attempt: int, error: PublishError, delay: float) -> None:
        waits.append(delay)

    proxy.cut_after = 1_300_000                     # late: some files are verified by then
    try:
        result = with_reconnect(lambda: open_connection(profile), step, first_delay=0.5,
                                on_retry=on_retry, sleep=lambda _seconds: None)
    finally:
        proxy.close()
    assert waits == [0.5]
    assert visible_state(web_root, "news/item") == expected(files)
    assert result.skipped, "the retry should skip files verified before the cut"
    assert sum(files_sent for _user, files_sent, _bytes in sessions) == len(files)
    assert sessions[-1][0] == sshd.key_user.name and sessions[-1][2] == result.bytes_sent


@pytest.mark.sshd
def test_cuts_while_striped_over_several_connections(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path,
        open_connection: Callable[[ServerProfile], SftpConnection]) -> None:
    """A big file striped over three connections: a cut on any of them leaves nothing
    partial, and the retry completes the item byte-identical."""
    web_root, archive = folders
    proxy = CuttingProxy(sshd.port)
    trust_port(known_hosts, sshd, proxy.port)
    profile = make_profile(sshd, web_root, archive, port=proxy.port, io_timeout=10.0)
    rng = random.Random(7)
    journal = MemoryJournal()
    files = [PublishFile("big.bin", rng.randbytes(9 * 1024 * 1024)),
             *(PublishFile(f"small/{n:03d}.txt", rng.randbytes(500)) for n in range(200))]
    cuts = 0

    def striped(connection: SftpConnection) -> ItemUploader:   # lanes even for loopback
        return ItemUploader(connection, journal=journal, channels=3, multi_lane_bytes=1,
                            multi_lane_min_rtt=0)

    try:
        for attempt in range(6):
            item = f"striped-{attempt}"
            proxy.cut_after = rng.randint(50_000, 6_000_000)
            try:
                with _Connected(open_connection, profile) as connection:
                    striped(connection).publish_item(item, "media", files)
            except PublishError:
                cuts += 1
            assert visible_state(web_root, f"media/{item}") in (None, expected(files))
            _assert_no_stray_files(web_root, top="media")
            proxy.cut_after = None
            with _Connected(open_connection, profile) as connection:
                striped(connection).publish_item(item, "media", files)
            assert visible_state(web_root, f"media/{item}") == expected(files)
    finally:
        proxy.close()
    assert cuts >= 4
