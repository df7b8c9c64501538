"""Clear Thai/English messages, and nothing half-published, when the server says no."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from desktop.publish.connection import connect
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.errors import PublishError
from desktop.publish.hostkeys import HostKeyStore
from desktop.publish.profiles import AuthKind, ServerProfile
from desktop.publish.takedown import take_down
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import MemoryKeyring, make_profile, tree, trust_port
from tests.publish.sshd_server import SshdServer, free_port
from tests.publish.tcp_proxy import CuttingProxy
from tests.support.components import require

pytestmark = pytest.mark.sshd


def error_of(call: object) -> PublishError:
    with pytest.raises(PublishError) as raised:
        call()  # type: ignore[operator]
    for lang in ("th", "en"):
        assert raised.value.text(lang) != raised.value.code      # registered, both languages
    return raised.value


def test_wrong_password(sshd: SshdServer, password_folders: tuple[Path, Path],
                        known_hosts: Path) -> None:
    profile = make_profile(sshd, *password_folders, auth=AuthKind.PASSWORD)
    backend = MemoryKeyring()
    credentials = CredentialStore(backend=backend)
    credentials.save(profile, SecretKind.PASSWORD, "not-the-password")
    error = error_of(lambda: connect(profile, HostKeyStore(known_hosts, use_user_file=False),
                                     credentials))
    assert error.code == "sftp_auth_failed"
    assert "รหัสผ่าน" in error.text("th") and sshd.password_user.name in error.text("en")


def test_without_keyring_the_password_is_asked_once_per_session(
        sshd: SshdServer, password_folders: tuple[Path, Path], known_hosts: Path) -> None:
    profile = make_profile(sshd, *password_folders, auth=AuthKind.PASSWORD)
    hostkeys = HostKeyStore(known_hosts, use_user_file=False)
    import keyring.backends.fail
    no_keyring = CredentialStore(backend=keyring.backends.fail.Keyring())
    assert not no_keyring.has_keyring
    assert error_of(lambda: connect(profile, hostkeys, no_keyring)).code == "sftp_password_needed"

    asked: list[tuple[str, SecretKind]] = []

    def ask(asked_profile: ServerProfile, kind: SecretKind) -> str:
        asked.append((asked_profile.name, kind))
        return sshd.password_user.password

    session = CredentialStore(backend=keyring.backends.fail.Keyring(), ask=ask)
    for _ in range(2):
        with connect(profile, hostkeys, session) as connection:
            assert connection.transport.is_authenticated()
    assert asked == [("test", SecretKind.PASSWORD)]
    assert not session.save(profile, SecretKind.PASSWORD, "x")   # nowhere safe to keep it


def test_wrong_key_passphrase(sshd: SshdServer, folders: tuple[Path, Path],
                              known_hosts: Path) -> None:
    profile = make_profile(sshd, *folders, key_path=str(sshd.client_key_path))
    store = CredentialStore(use_default_backend=False, ask=lambda _p, _k: "wrong passphrase")
    error = error_of(lambda: connect(profile, HostKeyStore(known_hosts, use_user_file=False),
                                     store))
    assert error.code == "sftp_key_passphrase_wrong"


def test_host_unreachable_and_timeout(sshd: SshdServer, folders: tuple[Path, Path],
                                      known_hosts: Path) -> None:
    hostkeys = HostKeyStore(known_hosts, use_user_file=False)
    credentials = CredentialStore(use_default_backend=False)
    closed = make_profile(sshd, *folders, port=free_port())
    assert error_of(lambda: connect(closed, hostkeys, credentials)).code == "sftp_unreachable"
    with socket.socket() as silent:                   # accepts, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        mute = make_profile(sshd, *folders, port=silent.getsockname()[1], connect_timeout=1.0)
        error = error_of(lambda: connect(mute, hostkeys, credentials))
    assert error.code == "sftp_timeout"


def test_permission_denied_on_web_root(sshd: SshdServer, open_connection) -> None:  # type: ignore[no-untyped-def]
    web_root = sshd.make_folder(f"root-owned-{os.urandom(3).hex()}/www", owner=None)
    archive = sshd.make_folder(f"{web_root.parent.name}/archive", owner=None)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection)
        error = error_of(lambda: uploader.publish_item("item", "news",
                                                       [PublishFile("a.pdf", b"x")]))
        index_error = error_of(lambda: uploader.replace_file("index.html", b"x"))
    assert error.code == index_error.code == "sftp_permission_denied"
    assert "สิทธิ์" in error.text("th")
    assert tree(web_root) == {} and os.listdir(web_root) == []


def test_full_disk(sshd: SshdServer, open_connection) -> None:  # type: ignore[no-untyped-def]
    base = sshd.make_folder(f"tiny-{os.urandom(3).hex()}", sshd.key_user)
    web_root = base / "www"
    archive = sshd.make_folder(f"{base.name}/archive", sshd.key_user)
    mounted = sshd.mount_tmpfs(web_root, "1m", sshd.key_user)
    require(mounted, "mount -t tmpfs (a 1 MiB disk as web root; not permitted here)")
    big = [PublishFile(f"part-{n}.bin", os.urandom(400_000)) for n in range(3)]
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        uploader = ItemUploader(connection)
        checked = error_of(lambda: uploader.publish_item("item", "news", big))
        during = error_of(lambda: uploader.replace_file("news/index.html",
                                                        os.urandom(2_000_000)))
        assert tree(web_root) == {}                  # no partial file, no temporary left
        result = uploader.publish_item("small", "news", [PublishFile("ok.txt", b"fits")])
    assert checked.code == "sftp_disk_full" and during.code == "sftp_disk_full_write"
    assert "พื้นที่" in checked.text("th")
    assert result.uploaded == ["ok.txt"]
    assert (web_root / "news/small/ok.txt").read_bytes() == b"fits"


def test_server_without_posix_rename(sshd: SshdServer, folders: tuple[Path, Path],
                                     known_hosts: Path, open_connection) -> None:  # type: ignore[no-untyped-def]
    limited = sshd.start_sibling("internal-sftp -P posix-rename")
    trust_port(known_hosts, sshd, limited.port)
    web_root, archive = folders
    (web_root / "news" / "old").mkdir(parents=True)
    with open_connection(make_profile(sshd, web_root, archive, port=limited.port)) as connection:
        error = error_of(lambda: ItemUploader(connection).publish_item(
            "item", "news", [PublishFile("a.pdf", b"x")]))
        takedown_error = error_of(lambda: take_down(connection, "news", "old"))
    assert error.code == takedown_error.code == "sftp_no_posix_rename"
    assert "posix-rename" in error.text("th")
    assert sorted(os.listdir(web_root)) == ["news"] and os.listdir(archive) == []


def test_a_big_item_on_a_slow_link_uses_more_channels_on_one_login(
        sshd: SshdServer, password_folders: tuple[Path, Path], known_hosts: Path) -> None:
    slow = CuttingProxy(sshd.port, delay=0.01)               # a slow link (10 ms a chunk)
    trust_port(known_hosts, sshd, slow.port)
    web_root, archive = password_folders
    profile = make_profile(sshd, web_root, archive, auth=AuthKind.PASSWORD, port=slow.port,
                           parallel_connections=3)
    hostkeys = HostKeyStore(known_hosts, use_user_file=False)
    asked: list[str] = []

    def ask(_profile: object, kind: object) -> str:
        asked.append(str(kind))
        return sshd.password_user.password

    logins_before = sshd.log_text().count("Accepted password")
    data = os.urandom(3 * 1024 * 1024 + 7)
    try:
        with connect(profile, hostkeys,
                     CredentialStore(use_default_backend=False, ask=ask)) as connection:
            assert connection.round_trip >= 0.005                # the link counts as slow
            uploader = ItemUploader(connection, multi_lane_bytes=1024 * 1024)
            uploader.publish_item("clip", "media", [PublishFile("clip.mp4", data)])
            uploader.settle()
            assert len(connection.ready_channels()) == 2          # three lanes in all
    finally:
        slow.close()
    assert (web_root / "media/clip/clip.mp4").read_bytes() == data
    assert len(asked) == 1                                        # one login, one password
    assert sshd.log_text().count("Accepted password") - logins_before == 1
