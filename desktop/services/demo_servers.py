"""The demo's own web server: a real SSH/SFTP server (asyncssh, its own host key) serving a
throwaway web root on 127.0.0.1, and a plain HTTP server showing that web root, so "Open on
site" and the headless tour see the published page as a browser would.

    with demo_site(folder) as site:
        site.profile()                # a server profile for it (its own login key)
        site.fetch(url) -> bytes      # what a browser would get
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.embedded_sftp import EmbeddedSftpServer, UserAuth, write_client_key
from desktop.publish.profiles import AuthKind, ServerProfile

SFTP_USER = "webmaster"
PROFILE_NAME = "demo-site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@dataclass
class DemoSite:
    root: Path                  # the server's root: www/ (the web root) and archive/
    sftp: EmbeddedSftpServer
    http: http.server.ThreadingHTTPServer
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    key_path: Path | None = None          # the webmaster's login key (no passphrase)
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def web_root(self) -> Path:
        return self.root / "www"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def base_url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def host_key_fingerprint(self) -> str:
        return self.sftp.host_key_fingerprint()

    def profile(self) -> ServerProfile:
        return ServerProfile(name=PROFILE_NAME, host=self.sftp.host, port=self.sftp.port,
                             user=SFTP_USER, web_root="/www", archive_dir="/archive",
                             public_base_url=self.base_url,
                             auth=AuthKind.KEY if self.key_path else AuthKind.PASSWORD,
                             key_path=str(self.key_path) if self.key_path else None,
                             parallel_connections=2, connect_timeout=15.0, io_timeout=60.0)

    def credentials(self) -> CredentialStore:
        """Secrets for this session only (never the OS keyring): the demo server's password."""
        def ask(_profile: ServerProfile, kind: SecretKind) -> str | None:
            return self.password if kind == SecretKind.PASSWORD else None

        return CredentialStore(ask=ask, use_default_backend=False)

    def fetch(self, url: str) -> tuple[int, bytes]:
        """(HTTP status, body) of ``url`` on the demo web server."""
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
                return int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), b""

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.http.shutdown()
        self.http.server_close()
        self.sftp.stop()
        for thread in self._threads:
            thread.join(timeout=10)


@contextlib.contextmanager
def demo_site(folder: Path) -> Iterator[DemoSite]:
    """Start both servers on a new root under ``folder`` (127.0.0.1, free ports); stop after."""
    root = Path(folder) / "server"
    for part in ("www", "archive"):
        (root / part).mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    keys = Path(folder) / "client"
    keys.mkdir(mode=0o700, parents=True, exist_ok=True)
    key_path = keys / "id_ed25519"
    public = write_client_key(key_path)
    sftp = EmbeddedSftpServer.start(root, {SFTP_USER: UserAuth(password=password,
                                                               public_keys=(public,))})
    try:
        handler = functools.partial(_QuietHandler, directory=str(root / "www"))
        web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    except BaseException:
        sftp.stop()
        raise
    web.daemon_threads = True
    thread = threading.Thread(target=web.serve_forever, name="webdesk-demo-http", daemon=True)
    thread.start()
    site = DemoSite(root, sftp, web, password, key_path, [thread])
    try:
        yield site
    finally:
        site.close()
