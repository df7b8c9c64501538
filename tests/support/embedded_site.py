"""A site on the in-process SFTP server (:mod:`desktop.publish.embedded_sftp`), for fast tests
of the transfer pipeline: no root, no system users, no sshd.

    with embedded_site(tmp_path) as site:
        with site.connect() as connection:       # a real paramiko SftpConnection
            ItemUploader(connection).publish_item("item", "news", files)
        site.web_root / "news/item"               # the server's files, on this disk

The server root holds ``www/`` (the web root, ``/www`` for the client) and ``archive/``.
Logins: password ``site.password`` for ``site.user`` and the key ``site.key_path``.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.embedded_sftp import EmbeddedSftpServer, UserAuth
from desktop.publish.hostkeys import HostKeyStore
from desktop.publish.profiles import ServerProfile
from tests.publish.conftest import MemoryKeyring
from tests.publish.sshd_server import write_private_key


@dataclass
class EmbeddedSite:
    server: EmbeddedSftpServer
    root: Path
    known_hosts: Path
    key_path: Path
    user: str = "webmaster"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(9))
    keyring: MemoryKeyring = field(default_factory=MemoryKeyring)
    opened: list[SftpConnection] = field(default_factory=list)

    @property
    def web_root(self) -> Path:
        return self.root / "www"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    def profile(self, **changes: object) -> ServerProfile:
        """Key login by default; ``auth=AuthKind.PASSWORD`` for the password."""
        profile = ServerProfile(name="embedded", host=self.server.host, port=self.server.port,
                                user=self.user, web_root="/www", archive_dir="/archive",
                                key_path=str(self.key_path),
                                public_base_url="https://www.example.go.th",
                                connect_timeout=10.0, io_timeout=20.0, parallel_connections=1)
        return replace(profile, **changes)  # type: ignore[arg-type]

    def credentials(self) -> CredentialStore:
        return CredentialStore(backend=self.keyring)

    def connect(self, profile: ServerProfile | None = None) -> SftpConnection:
        profile = profile or self.profile()
        store = self.credentials()
        store.save(profile, SecretKind.PASSWORD, self.password)
        connection = connect(profile, HostKeyStore(self.known_hosts, use_user_file=False),
                             store)
        self.opened.append(connection)
        return connection

    def close(self) -> None:
        for connection in self.opened:
            with contextlib.suppress(Exception):
                connection.close()
        self.server.stop()


@contextlib.contextmanager
def embedded_site(folder: Path, *, ciphers: Sequence[str] | None = None,
                  macs: Sequence[str] | None = None) -> Iterator[EmbeddedSite]:
    """Start a server on a new root under ``folder``; stop it (and close connections) after."""
    root = folder / f"sftp-root-{secrets.token_hex(3)}"
    (root / "www").mkdir(parents=True)
    (root / "archive").mkdir()
    key_path = folder / f"client-key-{secrets.token_hex(3)}"
    public_key = write_private_key(key_path)
    password = secrets.token_urlsafe(9)
    server = EmbeddedSftpServer.start(
        root, {"webmaster": UserAuth(password=password, public_keys=(public_key,))},
        ciphers=ciphers, macs=macs)
    known_hosts = folder / f"known_hosts-{server.port}"
    known_hosts.write_text(server.known_hosts_line() + "\n")
    site = EmbeddedSite(server, root, known_hosts, key_path, password=password)
    try:
        yield site
    finally:
        site.close()
