"""Publish items to a real OpenSSH server, then take them down; check everything on disk."""

from __future__ import annotations

import os
import secrets
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import paramiko
import pytest

from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishCancelledError, PublishError
from desktop.publish.journal import MemoryJournal
from desktop.publish.profiles import AuthKind, ServerProfile
from desktop.publish.takedown import take_down
from desktop.publish.transfer import FileProgress
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import make_profile, staging_of, tree
from tests.publish.sshd_server import SshdServer

pytestmark = pytest.mark.sshd
Opener = Callable[[ServerProfile], SftpConnection]
MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z


def sample_files(tmp_path: Path) -> list[PublishFile]:
    local = tmp_path / "report.pdf"
    local.write_bytes(b"%PDF-1.7\n" + os.urandom(600_000))
    return [
        PublishFile("report.pdf", local, mtime=MTIME),
        PublishFile("ประกาศ-รับสมัคร.docx", os.urandom(40_000), mtime=MTIME),
        PublishFile("images/photo-1.jpg", os.urandom(300_000), mtime=MTIME),
        PublishFile("empty.txt", b"", mtime=MTIME),
    ]


def content(spec: PublishFile) -> bytes:
    return spec.source.read_bytes() if isinstance(spec.source, Path) else bytes(spec.source)


def test_publish_then_take_down(sshd: SshdServer, folders: tuple[Path, Path], tmp_path: Path,
                                open_connection: Opener) -> None:
    web_root, archive = folders
    profile = make_profile(sshd, web_root, archive,            # passphrase from the keyring
                           key_path=str(sshd.client_key_path))
    files = sample_files(tmp_path)
    progress: list[FileProgress] = []
    with open_connection(profile) as connection:
        result = ItemUploader(connection, on_progress=progress.append).publish_item(
            "2026-0042", "news/general", files)
    item_dir = web_root / "news" / "general" / "2026-0042"
    assert result.remote_folder == str(item_dir)
    assert tree(item_dir) == {spec.name: content(spec) for spec in files}
    for spec in files:
        info = (item_dir / spec.name).stat()
        assert stat.S_IMODE(info.st_mode) == 0o644
        assert int(info.st_mtime) == MTIME
        assert info.st_uid == sshd.key_user.uid
    for folder in (item_dir, item_dir / "images", web_root / "news", web_root / "news/general"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((staging_of(web_root)).stat().st_mode) == 0o700
    assert os.listdir(staging_of(web_root)) == []
    assert {p.name for p in progress if p.state == "verified"} == {s.name for s in files}
    assert progress[-1].done_bytes == progress[-1].total_bytes

    with open_connection(profile) as connection:
        first = take_down(connection, "news/general", "2026-0042")
        again = take_down(connection, "news/general", "2026-0042")
    archived = archive / "news" / "general" / "2026-0042"
    assert first.moved and first.archive_path == str(archived)
    assert not item_dir.exists()
    assert tree(archived) == {spec.name: content(spec) for spec in files}
    assert not again.moved and again.archive_path == str(archived)


def test_republish_replaces_whole_item_and_second_takedown_keeps_both(
        sshd: SshdServer, password_folders: tuple[Path, Path], open_connection: Opener) -> None:
    web_root, archive = password_folders
    profile = make_profile(sshd, web_root, archive, auth=AuthKind.PASSWORD)
    old = [PublishFile("a.pdf", b"old a"), PublishFile("b.pdf", b"old b")]
    new = [PublishFile("a.pdf", b"new a"), PublishFile("c.pdf", b"new c")]
    with open_connection(profile) as connection:
        uploader = ItemUploader(connection, verify_sha256=False)     # size-only verification
        uploader.publish_item("item", "laws", old)
        take_down(connection, "laws", "item")
        uploader.publish_item("item", "laws", old)
        uploader.publish_item("item", "laws", new)
        assert tree(web_root / "laws" / "item") == {"a.pdf": b"new a", "c.pdf": b"new c"}
        assert (web_root / "laws/item/a.pdf").stat().st_uid == sshd.password_user.uid
        second = take_down(connection, "laws", "item")
    assert second.archive_path == str(archive / "laws" / "item.2")
    assert tree(archive / "laws" / "item") == {"a.pdf": b"old a", "b.pdf": b"old b"}
    assert tree(archive / "laws" / "item.2") == {"a.pdf": b"new a", "c.pdf": b"new c"}
    assert sorted(os.listdir(staging_of(web_root))) == []


def test_replace_file_puts_index_in_place_without_temporaries(
        sshd: SshdServer, folders: tuple[Path, Path], open_connection: Opener) -> None:
    web_root, archive = folders
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection)
        uploader.replace_file("news/index.html", "<h1>ข่าว 1</h1>".encode())
        target = uploader.replace_file("news/index.html", "<h1>ข่าว 2</h1>".encode())
        uploader.replace_file("feed.xml", b"<feed/>")
    assert target == str(web_root / "news" / "index.html")
    assert tree(web_root) == {"news/index.html": "<h1>ข่าว 2</h1>".encode(),
                              "feed.xml": b"<feed/>"}
    assert stat.S_IMODE((web_root / "news/index.html").stat().st_mode) == 0o644


def test_cancel_leaves_server_as_it_was(sshd: SshdServer, folders: tuple[Path, Path],
                                        open_connection: Opener) -> None:
    web_root, archive = folders
    cancel = threading.Event()
    journal = MemoryJournal()
    files = [PublishFile(f"f{n}.bin", os.urandom(50_000)) for n in range(40)]

    def on_progress(progress: FileProgress) -> None:
        if progress.state == "verified":
            cancel.set()

    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection, journal=journal, cancel=cancel,
                                on_progress=on_progress, max_files_in_flight=4)
        with pytest.raises(PublishCancelledError) as raised:
            uploader.publish_item("item", "news", files)
    assert "ยกเลิก" in raised.value.text("th")
    assert tree(web_root) == {}
    assert os.listdir(staging_of(web_root)) == []
    assert journal.verified_files("item") == set()


@pytest.mark.parametrize("name", ["../escape.pdf", "/etc/passwd", "a/../../b.pdf", ".htaccess",
                                  "a//b.pdf", "dir/", "back\\slash.pdf", "nul\x00.pdf"])
def test_file_names_leaving_the_web_root_are_refused(
        sshd: SshdServer, folders: tuple[Path, Path], open_connection: Opener,
        name: str) -> None:
    web_root, archive = folders
    with (open_connection(make_profile(sshd, web_root, archive)) as connection,
          pytest.raises(PublishError) as raised):
        ItemUploader(connection).publish_item("item", "news", [PublishFile(name, b"x")])
    assert raised.value.code == "sftp_unsafe_path"
    assert tree(web_root.parent) == {}


@pytest.mark.parametrize(("category", "item"), [("../archive", "item"), ("/tmp", "item"),
                                                 ("news", "../item"), ("news", "a/b"),
                                                 ("news/..", "item")])
def test_category_and_item_names_leaving_the_web_root_are_refused(
        sshd: SshdServer, folders: tuple[Path, Path], open_connection: Opener,
        category: str, item: str) -> None:
    web_root, archive = folders
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        with pytest.raises(PublishError) as raised:
            ItemUploader(connection).publish_item(item, category, [PublishFile("a.pdf", b"x")])
        with pytest.raises(PublishError):
            take_down(connection, category, item)
    assert raised.value.code == "sftp_unsafe_path"
    assert tree(web_root.parent) == {}


def test_symlinks_on_the_server_are_refused(sshd: SshdServer, folders: tuple[Path, Path],
                                            open_connection: Opener) -> None:
    web_root, archive = folders
    outside = sshd.make_folder(f"outside-{web_root.parent.name}", sshd.key_user)
    (web_root / "news").symlink_to(outside)
    (web_root / "laws").mkdir()
    (web_root / "laws" / "item").symlink_to(outside)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection)
        codes = []
        for category, item in (("news", "item"), ("news/sub", "item"), ("laws", "item")):
            with pytest.raises(PublishError) as raised:
                uploader.publish_item(item, category, [PublishFile("a.pdf", b"x")])
            codes.append(raised.value.code)
        with pytest.raises(PublishError) as index_raised:
            uploader.replace_file("news/index.html", b"x")
        with pytest.raises(PublishError) as takedown_raised:
            take_down(connection, "laws", "item")
    assert codes == ["sftp_remote_symlink"] * 3
    assert index_raised.value.code == "sftp_remote_symlink"
    assert takedown_raised.value.code == "sftp_remote_symlink"
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("verify", [True, False])
def test_big_item_striped_over_several_channels(sshd: SshdServer, folders: tuple[Path, Path],
                                                open_connection: Opener, verify: bool) -> None:
    web_root, archive = folders
    files = [PublishFile("video.mp4", os.urandom(17 * 1024 * 1024 + 12345), mtime=MTIME),
             *(PublishFile(f"pages/p{n:03d}.html", os.urandom(n * 37), mtime=MTIME)
               for n in range(210))]
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection, verify_sha256=verify, channels=3,
                                multi_lane_min_rtt=0)            # loopback: force the lanes
        result = uploader.publish_item("big", "media", files)
        uploader.settle()
        assert len(connection.ready_channels()) == 2      # three lanes were opened
    assert sorted(result.uploaded) == sorted(spec.name for spec in files)
    assert tree(web_root / "media" / "big") == {spec.name: content(spec) for spec in files}
    info = (web_root / "media/big/video.mp4").stat()
    assert stat.S_IMODE(info.st_mode) == 0o644 and int(info.st_mtime) == MTIME


def test_publishing_sweeps_leftover_staging_folders(sshd: SshdServer, folders: tuple[Path, Path],
                                                    open_connection: Opener,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier attempts of the same item and week-old abandoned uploads are removed; a recent
    upload of another item (perhaps still being retried) and foreign folders are kept."""
    web_root, archive = folders
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        ItemUploader(connection).publish_item("warmup", "news", [PublishFile("a.txt", b"a")])
    staging = staging_of(web_root)
    owner = sshd.key_user
    leftovers = {"2026-0042-" + "a" * 16: 0, "2026-0042-" + "b" * 16 + ".old": 0,
                 "2026-0007-" + "c" * 16: 8, "2026-0008-" + "d" * 16: 1,
                 "2026-0042-1-" + "e" * 16: 0, "not-webdesk": 30}
    for name, days_old in leftovers.items():
        folder = staging / name
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "part.bin").write_bytes(b"partial")
        for path in (folder, folder / "sub", folder / "sub" / "part.bin"):
            os.chown(path, owner.uid, owner.gid)
        if days_old:
            when = time.time() - days_old * 86400
            os.utime(folder, (when, when))
    listed: list[str] = []
    original = paramiko.SFTPClient.listdir_attr

    def listdir_attr(self, path="."):  # type: ignore[no-untyped-def]
        listed.append(path)
        return original(self, path)
    monkeypatch.setattr(paramiko.SFTPClient, "listdir_attr", listdir_attr)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        ItemUploader(connection).publish_item("2026-0042", "news", [PublishFile("b.txt", b"b")])
    assert str(staging) not in listed           # listed during the upload, not after it
    assert sorted(os.listdir(staging)) == sorted(["2026-0008-" + "d" * 16,
                                                   "2026-0042-1-" + "e" * 16, "not-webdesk"])
    assert (web_root / "news/2026-0042/b.txt").read_bytes() == b"b"


def test_staging_falls_back_inside_the_web_root_with_a_warning(
        sshd: SshdServer, open_connection: Opener) -> None:
    """The SSH user may not write next to the web root: uploads wait in a hidden 0700 folder
    inside it, the result says so, and nothing of it is left when the item is in place."""
    name = secrets.token_hex(4)
    sshd.make_folder(f"sites/{name}", None)                  # root's: no staging next to it
    web_root = sshd.make_folder(f"sites/{name}/www", sshd.key_user)
    archive = sshd.make_folder(f"sites/{name}/archive", sshd.key_user)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        result = ItemUploader(connection).publish_item("item", "news",
                                                       [PublishFile("a.pdf", b"%PDF-1.4 a")])
    assert "inside the web root" in result.staging_warning
    hidden = web_root / ".webdesk-staging"
    assert stat.S_IMODE(hidden.stat().st_mode) == 0o700 and os.listdir(hidden) == []
    assert tree(web_root / "news") == {"item/a.pdf": b"%PDF-1.4 a"}
    assert not staging_of(web_root).exists()
