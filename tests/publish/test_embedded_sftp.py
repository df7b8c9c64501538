"""The in-process SFTP server (asyncssh): its host key as clients see it, password and key
logins, the root it serves and cannot be left, the operations the uploader needs, and a
clean stop.  A plain paramiko client talks to it, as WebDesk's connection does."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest

from desktop.publish.embedded_sftp import EmbeddedSftpServer, UserAuth
from desktop.publish.errors import PublishError
from desktop.publish.profiles import AuthKind
from tests.publish.sshd_server import write_private_key
from tests.support.embedded_site import EmbeddedSite, embedded_site


@pytest.fixture
def site(tmp_path: Path) -> Iterator[EmbeddedSite]:
    with embedded_site(tmp_path) as running:
        yield running


@pytest.fixture
def sftp(site: EmbeddedSite) -> Iterator[paramiko.SFTPClient]:
    with site.connect() as connection:
        yield connection.sftp


def test_host_key_line_and_fingerprint_are_what_clients_see(site: EmbeddedSite) -> None:
    with socket.create_connection((site.server.host, site.server.port)) as sock, \
            paramiko.Transport(sock) as transport:
        transport.start_client(timeout=10)
        key = transport.get_remote_server_key()
    digest = base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")
    assert site.server.host_key_fingerprint() == f"SHA256:{digest}"
    kind, blob = site.server.host_key_line().split()
    assert kind == key.get_name() == "ssh-ed25519" and base64.b64decode(blob) == key.asbytes()
    assert site.server.known_hosts_line() == f"[127.0.0.1]:{site.server.port} {kind} {blob}"


def test_password_and_key_logins(site: EmbeddedSite, tmp_path: Path) -> None:
    with site.connect(site.profile(auth=AuthKind.PASSWORD)) as connection:
        assert connection.transport.is_authenticated()
    site.password = "wrong"
    with pytest.raises(PublishError) as wrong_password:
        site.connect(site.profile(auth=AuthKind.PASSWORD))
    other_key = tmp_path / "other_key"
    write_private_key(other_key)
    with pytest.raises(PublishError) as wrong_key:
        site.connect(site.profile(key_path=str(other_key)))
    with pytest.raises(PublishError) as unknown_user:
        site.connect(site.profile(user="nobody"))
    assert {wrong_password.value.code, wrong_key.value.code, unknown_user.value.code} == {
        "sftp_auth_failed"}


def test_a_host_key_nobody_confirmed_is_refused(site: EmbeddedSite) -> None:
    site.known_hosts.write_text("")
    with pytest.raises(PublishError) as raised:
        site.connect()
    assert site.server.host_key_fingerprint() in raised.value.text("en")


def test_the_root_cannot_be_left(site: EmbeddedSite, sftp: paramiko.SFTPClient) -> None:
    outside = site.root.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (site.web_root / "link").symlink_to(outside)
    assert sorted(sftp.listdir("/")) == ["archive", "www"]
    assert sorted(sftp.listdir("/../../..")) == ["archive", "www"]          # stops at root
    with pytest.raises(FileNotFoundError):
        sftp.open("/../outside/secret.txt")
    with pytest.raises(PermissionError):
        sftp.open("/www/link/secret.txt")                # through a link made on the disk
    with pytest.raises(PermissionError):
        sftp.listdir("/www/link")
    assert sftp.lstat("/www/link").st_mode is not None       # the link itself may be seen
    with pytest.raises(PermissionError):
        sftp.symlink("/etc", "/www/etc")
    assert not (site.web_root / "etc").exists()
    assert sftp.normalize("/www/../..") == "/"


def test_the_operations_the_uploader_uses(site: EmbeddedSite, sftp: paramiko.SFTPClient) -> None:
    sftp.mkdir("/www/d", 0o755)
    with sftp.open("/www/d/a.txt", "wb") as handle:
        handle.write(b"hello")
    sftp.utime("/www/d/a.txt", (1_767_225_600, 1_767_225_600))
    sftp.chmod("/www/d/a.txt", 0o640)
    info = sftp.stat("/www/d/a.txt")
    assert (info.st_size, info.st_mtime, (info.st_mode or 0) & 0o777) == (5, 1_767_225_600,
                                                                         0o640)
    sftp.posix_rename("/www/d/a.txt", "/www/d/b.txt")
    sftp.rename("/www/d/b.txt", "/www/d/c.txt")
    with sftp.open("/www/d/c.txt", "rb") as handle:
        assert handle.read() == b"hello"
    assert sftp.listdir("/www/d") == ["c.txt"]
    sftp.remove("/www/d/c.txt")
    sftp.rmdir("/www/d")
    assert os.listdir(site.web_root) == []
    assert site.server.operations["posix_rename"] == 1 and site.server.operations["write"] == 1


def test_no_shell_or_commands(site: EmbeddedSite) -> None:
    with site.connect() as connection:
        channel = connection.transport.open_session(timeout=10)
        with pytest.raises(paramiko.SSHException):
            channel.exec_command("id")


def test_stop_ends_the_thread_and_the_listener(tmp_path: Path) -> None:
    server = EmbeddedSftpServer.start(tmp_path, {"u": UserAuth(password="p")})
    threads = [t for t in threading.enumerate() if t.name == "webdesk-embedded-sftp"]
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        assert client.recv(4) == b"SSH-"
    with server:
        pass                                   # the context manager stops it
    server.stop()                              # and stopping twice is fine
    assert all(not thread.is_alive() for thread in threads)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()


def test_a_root_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        EmbeddedSftpServer.start(tmp_path / "missing", {})
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        EmbeddedSftpServer.start(tmp_path / "file", {})


def test_a_client_key_made_for_it_is_private_and_logs_in(tmp_path: Path) -> None:
    from desktop.publish.embedded_sftp import write_client_key

    key_path = tmp_path / "demo_key"
    key_path.write_text("old, world-readable")
    key_path.chmod(0o644)
    public = write_client_key(key_path)
    assert key_path.stat().st_mode & 0o777 == 0o600
    assert public.startswith("ssh-ed25519 ")
    with embedded_site(tmp_path) as site:
        site.server.stop()
        server = EmbeddedSftpServer.start(site.root, {"webmaster": UserAuth(
            public_keys=(public,))})
        site.server = server
        site.known_hosts.write_text(server.known_hosts_line() + "\n")
        with site.connect(site.profile(key_path=str(key_path))) as connection:
            assert connection.transport.is_authenticated()
