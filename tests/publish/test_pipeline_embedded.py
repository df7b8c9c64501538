"""The transfer pipeline (uploader, transfer, request pipe, remote operations, takedown)
against the in-process asyncssh SFTP server: the same code paths as over OpenSSH, in a
fraction of the time, with no root and no system users.  Fault injection and the server's
own permissions stay with the real sshd (test_publish.py, test_fault_injection.py)."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.publish.errors import PublishCancelledError, PublishError
from desktop.publish.journal import MemoryJournal
from desktop.publish.profiles import Verify
from desktop.publish.takedown import take_down
from desktop.publish.transfer import CHUNK, FileProgress
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import tree
from tests.support.embedded_site import EmbeddedSite, embedded_site

MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z


@pytest.fixture
def site(tmp_path: Path) -> Iterator[EmbeddedSite]:
    with embedded_site(tmp_path) as running:
        yield running


def files_of(specs: list[PublishFile]) -> dict[str, bytes]:
    return {spec.name: (spec.source.read_bytes() if isinstance(spec.source, Path)
                        else bytes(spec.source)) for spec in specs}


def sample(tmp_path: Path) -> list[PublishFile]:
    local = tmp_path / "report.pdf"
    local.write_bytes(b"%PDF-1.7\n" + os.urandom(3 * CHUNK + 11))
    return [PublishFile("report.pdf", local, mtime=MTIME),
            PublishFile("ประกาศ-รับสมัคร.docx", os.urandom(40_000), mtime=MTIME),
            PublishFile("images/photo-1.jpg", os.urandom(CHUNK), mtime=MTIME),
            PublishFile("empty.txt", b"", mtime=MTIME)]


def test_publish_verify_and_take_down(site: EmbeddedSite, tmp_path: Path) -> None:
    files = sample(tmp_path)
    progress: list[FileProgress] = []
    with site.connect() as connection:
        uploader = ItemUploader(connection, on_progress=progress.append)
        assert uploader.verification(CHUNK) == Verify.SHA256
        result = uploader.publish_item("2026-0042", "news/general", files)
        item = site.web_root / "news/general/2026-0042"
        assert result.remote_folder == "/www/news/general/2026-0042"
        assert tree(item) == files_of(files)
        for spec in files:
            info = (item / spec.name).stat()
            assert stat.S_IMODE(info.st_mode) == 0o644 and int(info.st_mtime) == MTIME
        assert tree(site.web_root) == {f"news/general/2026-0042/{name}": data   # nothing
                                       for name, data in files_of(files).items()}  # staged
        assert {p.name for p in progress if p.state == "verified"} == set(files_of(files))
        assert progress[-1].done_bytes == progress[-1].total_bytes
        first = take_down(connection, "news/general", "2026-0042")
        again = take_down(connection, "news/general", "2026-0042")
    assert first.moved and first.archive_path == "/archive/news/general/2026-0042"
    assert not again.moved and not item.exists()
    assert tree(site.archive / "news/general/2026-0042") == files_of(files)
    reads = site.server.operations["read"]
    assert reads >= 3 + 1 + 1          # every byte read back (255 KiB requests and less)


@pytest.mark.parametrize(("verify_sha256", "limit", "reads_back"), [
    (True, 0, True),                   # sampled read-back above the limit
    (False, None, False),              # size only: nothing read back
])
def test_other_verification_modes(site: EmbeddedSite, verify_sha256: bool,
                                  limit: int | None, reads_back: bool) -> None:
    data = os.urandom(20 * CHUNK + 5)
    with site.connect() as connection:
        uploader = ItemUploader(connection, verify_sha256=verify_sha256,
                                full_verify_max_bytes=limit)
        expected = Verify.SAMPLED if verify_sha256 else Verify.SIZE
        assert uploader.verification(len(data)) == expected
        uploader.publish_item("item", "news", [PublishFile("big.bin", data)])
    assert (site.web_root / "news/item/big.bin").read_bytes() == data
    assert (site.server.operations["read"] > 0) == reads_back
    if reads_back:                     # first, last and a sample: fewer than every chunk
        assert site.server.operations["read"] < 21


def test_republish_replaces_the_item_and_takedowns_keep_both(site: EmbeddedSite) -> None:
    old = [PublishFile("a.pdf", b"old a"), PublishFile("b.pdf", b"old b")]
    new = [PublishFile("a.pdf", b"new a"), PublishFile("c.pdf", b"new c")]
    with site.connect() as connection:
        uploader = ItemUploader(connection)
        uploader.publish_item("item", "laws", old)
        take_down(connection, "laws", "item")
        uploader.publish_item("item", "laws", old)
        uploader.publish_item("item", "laws", new)
        assert tree(site.web_root / "laws/item") == {"a.pdf": b"new a", "c.pdf": b"new c"}
        second = take_down(connection, "laws", "item")
    assert second.archive_path == "/archive/laws/item.2"
    assert tree(site.archive / "laws/item") == {"a.pdf": b"old a", "b.pdf": b"old b"}
    assert tree(site.archive / "laws/item.2") == {"a.pdf": b"new a", "c.pdf": b"new c"}


def test_replace_file_leaves_no_temporaries(site: EmbeddedSite) -> None:
    with site.connect() as connection:
        uploader = ItemUploader(connection)
        uploader.replace_file("news/index.html", "<h1>ข่าว 1</h1>".encode())
        target = uploader.replace_file("news/index.html", "<h1>ข่าว 2</h1>".encode())
    assert target == "/www/news/index.html"
    assert tree(site.web_root) == {"news/index.html": "<h1>ข่าว 2</h1>".encode()}


def test_cancel_leaves_the_server_as_it_was(site: EmbeddedSite) -> None:
    cancel = threading.Event()
    journal = MemoryJournal()
    files = [PublishFile(f"f{n}.bin", os.urandom(50_000)) for n in range(40)]

    def on_progress(progress: FileProgress) -> None:
        if progress.state == "verified":
            cancel.set()

    with site.connect() as connection:
        uploader = ItemUploader(connection, journal=journal, cancel=cancel,
                                on_progress=on_progress, max_files_in_flight=4)
        with pytest.raises(PublishCancelledError):
            uploader.publish_item("item", "news", files)
    assert tree(site.web_root) == {}
    assert journal.verified_files("item") == set()


@pytest.mark.parametrize("name", ["../escape.pdf", "/etc/passwd", "a/../../b.pdf", ".htaccess"])
def test_names_leaving_the_web_root_are_refused(site: EmbeddedSite, name: str) -> None:
    with site.connect() as connection, pytest.raises(PublishError) as raised:
        ItemUploader(connection).publish_item("item", "news", [PublishFile(name, b"x")])
    assert raised.value.code == "sftp_unsafe_path"
    assert tree(site.root) == {}


def test_symlinks_on_the_server_are_refused(site: EmbeddedSite) -> None:
    outside = site.root / "elsewhere"
    outside.mkdir()
    (site.web_root / "news").symlink_to(outside)
    with site.connect() as connection, pytest.raises(PublishError) as raised:
        ItemUploader(connection).publish_item("item", "news", [PublishFile("a.pdf", b"x")])
    assert raised.value.code == "sftp_remote_symlink"
    assert list(outside.iterdir()) == []


def test_a_big_item_striped_over_several_channels(site: EmbeddedSite) -> None:
    files = [PublishFile("video.mp4", os.urandom(9 * 1024 * 1024 + 12345), mtime=MTIME),
             *(PublishFile(f"pages/p{n:03d}.html", os.urandom(n * 37), mtime=MTIME)
               for n in range(60))]
    with site.connect() as connection:
        uploader = ItemUploader(connection, channels=3, multi_lane_bytes=1,
                                multi_lane_min_rtt=0)            # loopback: force the lanes
        result = uploader.publish_item("big", "media", files)
        uploader.settle()
        assert len(connection.ready_channels()) == 2
    assert sorted(result.uploaded) == sorted(spec.name for spec in files)
    assert tree(site.web_root / "media/big") == files_of(files)
