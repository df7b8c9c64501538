"""Fixtures for the SFTP publishing tests: one real OpenSSH sshd per session.

With CI=true a missing sshd (or no root to create its users) fails the tests instead of
skipping them.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name
from desktop.publish.profiles import AuthKind, ServerProfile
from tests.publish.sshd_server import SshdServer, SshUser, sshd_available
from tests.support.components import require


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend for the tests (the product never uses a file backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="session")
def sshd() -> Iterator[SshdServer]:
    available, why = sshd_available()
    require(available, f"OpenSSH sshd: {why}")
    server = SshdServer.start()
    try:
        yield server
    finally:
        server.stop()


def site_folders(sshd: SshdServer, owner: SshUser) -> tuple[Path, Path]:
    """A fresh (web root, archive dir) pair owned by ``owner``, in a folder ``owner`` may
    write to (so the staging folder goes next to the web root, outside it)."""
    name = secrets.token_hex(4)
    sshd.make_folder("sites", None)
    sshd.make_folder(f"sites/{name}", owner)
    web_root = sshd.make_folder(f"sites/{name}/www", owner)
    archive = sshd.make_folder(f"sites/{name}/archive", owner)
    return web_root, archive


@pytest.fixture
def folders(sshd: SshdServer) -> tuple[Path, Path]:
    """A fresh (web root, archive dir) pair for the key user."""
    return site_folders(sshd, sshd.key_user)


@pytest.fixture
def password_folders(sshd: SshdServer) -> tuple[Path, Path]:
    """A fresh (web root, archive dir) pair for the password user."""
    return site_folders(sshd, sshd.password_user)


@pytest.fixture
def known_hosts(tmp_path: Path, sshd: SshdServer) -> Path:
    """The app's known_hosts, already trusting the test server."""
    path = tmp_path / "known_hosts"
    path.write_text(f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n")
    return path


def trust_port(known_hosts: Path, sshd: SshdServer, port: int) -> None:
    """Record the test server's key under another port (a relay in front of it)."""
    with known_hosts.open("a") as handle:
        handle.write(f"{known_hosts_name('127.0.0.1', port)} {sshd.host_public_key_line()}\n")


def make_profile(sshd: SshdServer, web_root: Path, archive: Path, *,
                 auth: AuthKind = AuthKind.KEY, port: int | None = None,
                 **changes: object) -> ServerProfile:
    """A profile for the test server; key auth uses the key without passphrase unless
    ``key_path=str(sshd.client_key_path)`` (passphrase in the keyring) is passed."""
    user = sshd.password_user.name if auth == AuthKind.PASSWORD else sshd.key_user.name
    values: dict[str, object] = dict(
        name="test", host="127.0.0.1", port=port or sshd.port, user=user,
        web_root=str(web_root), archive_dir=str(archive), auth=auth,
        key_path=str(sshd.plain_key_path), public_base_url="https://www.example.go.th",
        connect_timeout=10.0, io_timeout=20.0,
        parallel_connections=1)   # no background connections unless a test asks for lanes
    values.update(changes)
    return ServerProfile(**values)  # type: ignore[arg-type]


@pytest.fixture
def keyring_backend(sshd: SshdServer) -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def credentials(keyring_backend: MemoryKeyring) -> CredentialStore:
    return CredentialStore(backend=keyring_backend)


@pytest.fixture
def open_connection(sshd: SshdServer, known_hosts: Path, keyring_backend: MemoryKeyring,
                    ) -> Iterator[Callable[[ServerProfile], SftpConnection]]:
    """Connect with the key passphrase (or password) stored in the in-memory keyring."""
    opened: list[SftpConnection] = []

    def opener(profile: ServerProfile) -> SftpConnection:
        store = CredentialStore(backend=keyring_backend)
        store.save(profile, SecretKind.PASSPHRASE, sshd.client_key_passphrase)
        store.save(profile, SecretKind.PASSWORD, sshd.password_user.password)
        connection = connect(profile, HostKeyStore(known_hosts, use_user_file=False), store)
        opened.append(connection)
        return connection

    yield opener
    for connection in opened:
        connection.close()


def tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative name -> content), hidden ones included."""
    found: dict[str, bytes] = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def staging_of(web_root: Path, profile: str = "test") -> Path:
    """Where a profile's uploads wait: next to the web root, outside it (staging.py)."""
    return web_root.parent / f".webdesk-staging-{profile}"


def settled(connection: SftpConnection) -> None:
    """Wait until no key exchange is asked for or running.  paramiko's ``renegotiate_keys``
    sends its KEXINIT whether or not one is already under way (a re-key the upload's last
    packets asked for): the second KEXINIT replaces the first in the exchange hash, the
    server's signature then fails to verify, and the connection drops (a stress round saw
    it).  The wait is on a condition; its bound is only there to fail instead of hanging."""
    transport = connection.transport
    deadline = time.monotonic() + 120
    while transport.in_kex or transport.packetizer.need_rekey() \
            or not transport.clear_to_send.is_set():
        assert time.monotonic() < deadline, "a key exchange never finished"
        time.sleep(0.01)
