"""Takedown into an archive on another disk (a tmpfs): rename cannot cross file systems, so
the item is parked off the site, copied into the archive, checked, and only then removed."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError
from desktop.publish.profiles import ServerProfile
from desktop.publish.takedown import take_down
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import make_profile, staging_of, tree, trust_port
from tests.publish.sshd_server import SshdServer
from tests.support.components import require

pytestmark = pytest.mark.sshd
Opener = Callable[[ServerProfile], SftpConnection]
MTIME = 1_767_225_600


def other_disk(sshd: SshdServer, size: str) -> tuple[Path, Path]:
    base = sshd.make_folder(f"disks-{os.urandom(3).hex()}", sshd.key_user)
    web_root = sshd.make_folder(f"{base.name}/www", sshd.key_user)
    archive = base / "archive"
    require(sshd.mount_tmpfs(archive, size, sshd.key_user),
            "mount -t tmpfs (an archive on another disk; not permitted here)")
    return web_root, archive


FILES = [PublishFile("report.pdf", os.urandom(700_000), mtime=MTIME),
         PublishFile("images/photo.jpg", os.urandom(300_000), mtime=MTIME),
         PublishFile("ประกาศ.txt", "ประกาศ".encode(), mtime=MTIME)]


@pytest.mark.parametrize("copy_data", [True, False])
def test_takedown_into_an_archive_on_another_disk(sshd: SshdServer, known_hosts: Path,
                                                  open_connection: Opener,
                                                  copy_data: bool) -> None:
    web_root, archive = other_disk(sshd, "8m")
    port = sshd.port
    if not copy_data:                      # an older server: WebDesk copies the bytes itself
        port = sshd.start_sibling("internal-sftp -P copy-data").port
        trust_port(known_hosts, sshd, port)
    profile = make_profile(sshd, web_root, archive, port=port)
    with open_connection(profile) as connection:
        assert ("copy-data" in connection.sftp.extensions) == copy_data
        ItemUploader(connection).publish_item("2026-0042", "news", FILES)
        result = take_down(connection, "news", "2026-0042")
        again = take_down(connection, "news", "2026-0042")
    archived = archive / "news" / "2026-0042"
    assert result.moved and result.archive_path == str(archived)
    assert tree(archived) == {spec.name: bytes(spec.source) for spec in FILES}  # type: ignore[arg-type]
    info = (archived / "report.pdf").stat()
    assert stat.S_IMODE(info.st_mode) == 0o644 and int(info.st_mtime) == MTIME
    assert not (web_root / "news" / "2026-0042").exists()
    assert os.listdir(staging_of(web_root)) == []           # nothing parked is left
    assert not again.moved and again.archive_path == str(archived)


def test_a_full_archive_disk_keeps_the_item_and_a_retry_finishes(
        sshd: SshdServer, open_connection: Opener) -> None:
    web_root, archive = other_disk(sshd, "600k")
    profile = make_profile(sshd, web_root, archive)
    with open_connection(profile) as connection:
        ItemUploader(connection).publish_item("2026-0042", "news", FILES)
        with pytest.raises(PublishError) as raised:
            take_down(connection, "news", "2026-0042")
    assert raised.value.code == "sftp_archive_failed"
    assert "2026-0042" in raised.value.text("th")
    assert not (web_root / "news" / "2026-0042").exists()          # off the site already,
    parked = staging_of(web_root) / "takedown-news--2026-0042"
    assert tree(parked) == {spec.name: bytes(spec.source) for spec in FILES}  # type: ignore[arg-type]
    assert not (archive / "news" / "2026-0042").exists()          # nothing half-archived
    subprocess.run(["mount", "-o", "remount,size=8m", str(archive)], check=True)
    with open_connection(profile) as connection:
        result = take_down(connection, "news", "2026-0042")
    assert result.moved
    assert tree(archive / "news" / "2026-0042") == {spec.name: bytes(spec.source)  # type: ignore[arg-type]
                                                    for spec in FILES}
    assert not parked.exists()
