"""Read-back verification against a server whose disk flips a byte (a real sshd running
OpenSSH's sftp-server behind ``faulty_sftp_server.py``): the damage is caught, nothing is
published, and the same upload to a sound server then succeeds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from desktop.publish.errors import PublishError
from desktop.publish.profiles import Verify
from desktop.publish.transfer import CHUNK
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import make_profile, trust_port
from tests.publish.sshd_server import SshdServer

pytestmark = pytest.mark.sshd

FAULTY = Path(__file__).with_name("faulty_sftp_server.py")


def faulty_server(sshd: SshdServer, known_hosts: Path, flip_offset: int) -> SshdServer:
    script = sshd.root / f"faulty-{flip_offset}.py"      # readable by the SSH user
    shutil.copyfile(FAULTY, script)
    script.chmod(0o644)
    server = sshd.start_sibling(f"/usr/bin/python3 {script} {flip_offset}")
    trust_port(known_hosts, sshd, server.port)
    return server


@pytest.mark.parametrize(("verify", "flip_offset"), [
    (Verify.SHA256, 3 * CHUNK + 12345),       # anywhere in the file
    (Verify.SAMPLED, 17),                     # the first chunk is always read back
    (Verify.SAMPLED, 8 * CHUNK - 1),          # ... and so is the last
])
def test_a_flipped_byte_on_the_server_is_caught(sshd: SshdServer, folders: tuple[Path, Path],
                                                known_hosts: Path, open_connection,  # type: ignore[no-untyped-def]
                                                verify: Verify, flip_offset: int) -> None:
    web_root, archive = folders
    server = faulty_server(sshd, known_hosts, flip_offset)
    data = os.urandom(8 * CHUNK)
    files = [PublishFile("report.pdf", data), PublishFile("small.txt", b"fine")]
    limit = 0 if verify == Verify.SAMPLED else len(data)
    with open_connection(make_profile(sshd, web_root, archive, port=server.port)) as connection:
        uploader = ItemUploader(connection, full_verify_max_bytes=limit)
        assert uploader.verification(len(data)) == verify
        with pytest.raises(PublishError) as raised:
            uploader.publish_item("item", "news", files)
    assert raised.value.code == "sftp_verify_failed"
    assert "report.pdf" in raised.value.text("th") and "ตรวจสอบ" in raised.value.text("th")
    assert "differ" in raised.value.text("en")                # the content, not the size
    assert not (web_root / "news" / "item").exists()          # nothing published
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        ItemUploader(connection, full_verify_max_bytes=limit).publish_item("item", "news", files)
    assert (web_root / "news/item/report.pdf").read_bytes() == data


def test_the_faulty_server_really_damages_what_size_only_lets_through(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path,
        open_connection) -> None:  # type: ignore[no-untyped-def]
    web_root, archive = folders
    server = faulty_server(sshd, known_hosts, 5)
    data = os.urandom(CHUNK + 10)
    with open_connection(make_profile(sshd, web_root, archive, port=server.port)) as connection:
        ItemUploader(connection, verify_sha256=False).publish_item(
            "item", "news", [PublishFile("a.bin", data)])
    stored = (web_root / "news/item/a.bin").read_bytes()
    assert len(stored) == len(data) and stored[5] == data[5] ^ 0xFF    # why read-back exists


def test_size_only_does_not_read_back_but_checks_the_local_file(
        sshd: SshdServer, folders: tuple[Path, Path], open_connection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    web_root, archive = folders
    local = tmp_path / "scan.pdf"
    local.write_bytes(b"%PDF-1.7 approved")
    approved = PublishFile("scan.pdf", local).digest()
    local.write_bytes(b"%PDF-1.7 changed!")                   # same size, other content
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection, verify_sha256=False)
        assert uploader.verification(local.stat().st_size) == Verify.SIZE
        with pytest.raises(PublishError) as raised:
            uploader.publish_item("item", "news", [PublishFile("scan.pdf", local, approved)])
    assert raised.value.code == "sftp_verify_failed"
    assert not (web_root / "news" / "item").exists()


def test_full_read_back_up_to_the_limit() -> None:
    from desktop.publish.profiles import ServerProfile
    from desktop.publish.uploader import verification_for

    limit = 32 * 1024 * 1024
    assert verification_for(limit, True, limit) == Verify.SHA256
    assert verification_for(limit + 1, True, limit) == Verify.SAMPLED
    assert verification_for(1, False, limit) == Verify.SIZE
    assert "full_verify_max_mb" in ServerProfile(
        name="s", host="h", user="u", web_root="/w", archive_dir="/a",
        full_verify_max_mb=-1).problems()
