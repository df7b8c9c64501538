"""A real SSH/SFTP server in this process (asyncssh), serving one folder as its root.

For the demo (a throwaway web root with its own host key, so the host-key confirmation is
real) and for fast tests of the transfer pipeline; OpenSSH's sshd stays the server for
integration tests and fault injection.

    users = {"demo": UserAuth(password="secret"),
             "keyed": UserAuth(public_keys=("ssh-ed25519 AAAA...",))}
    with EmbeddedSftpServer.start(web_root, users) as server:
        server.port, server.host_key_line(), server.host_key_fingerprint()

Every path a client names is inside ``root``: ``..`` stops at the root, a symbolic link (made
on the server's disk) that leads out of it is refused, and clients cannot make links.  The
server speaks what WebDesk's uploader uses (open/read/write, stat/lstat/fstat, setstat,
rename and ``posix-rename@openssh.com``, remove, mkdir/rmdir, directory listing,
``statvfs@openssh.com``) and no shell.  Its asyncio loop runs in a background thread.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hmac
import logging
import os
import threading
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh
from asyncssh.sftp import SFTPName

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserAuth:
    """How one user may log in: a password, public keys (OpenSSH lines), or both."""

    password: str | None = None
    public_keys: tuple[str, ...] = ()


def write_client_key(path: Path) -> str:
    """A new ed25519 client key in OpenSSH format at ``path`` (0600, no passphrase) for a
    :class:`UserAuth`; returns its public line (``ssh-ed25519 AAAA...``).  (H5: the demo.)"""
    key = asyncssh.generate_private_key("ssh-ed25519")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o600)                # never readable by others
    with os.fdopen(descriptor, "wb") as handle:
        if hasattr(os, "fchmod"):                                     # not on Windows
            os.fchmod(handle.fileno(), 0o600)
        handle.write(key.export_private_key("openssh"))
    return key.export_public_key("openssh").decode().split("\n")[0].strip()


class EmbeddedSftpServer:
    """A running server; make one with :meth:`start`, end it with :meth:`stop` (or ``with``)."""

    def __init__(self, root: Path, host: str, host_key: asyncssh.SSHKey,
                 loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
        self.root = root
        self.host = host
        self.port = 0
        self.operations: collections.Counter[str] = collections.Counter()
        self._host_key = host_key
        self._loop = loop
        self._thread = thread
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._connections: set[asyncssh.SSHServerConnection] = set()

    @classmethod
    def start(cls, root: Path, users: Mapping[str, UserAuth], host: str = "127.0.0.1",
              port: int = 0, *, host_key: Path | None = None,
              ciphers: Sequence[str] | None = None, macs: Sequence[str] | None = None,
              ) -> EmbeddedSftpServer:
        """Listen on ``host:port`` (0: a free port) and return once it accepts connections.

        ``host_key``: an OpenSSH private key file (default: a new ed25519 key, in memory);
        ``ciphers``/``macs``: restrict the algorithms offered (tests of other ciphers)."""
        quiet = logging.getLogger("asyncssh")
        if quiet.level == logging.NOTSET:      # one INFO line per packet type otherwise
            quiet.setLevel(logging.WARNING)
        root = Path(root).resolve(strict=True)
        if not root.is_dir():
            raise NotADirectoryError(str(root))
        key = (asyncssh.read_private_key(str(host_key)) if host_key is not None
               else asyncssh.generate_private_key("ssh-ed25519"))
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="webdesk-embedded-sftp",
                                  daemon=True)
        server = cls(root, host, key, loop, thread)
        accounts = {name: _Account.of(auth) for name, auth in users.items()}
        options: dict[str, Any] = {}
        if ciphers:
            options["encryption_algs"] = list(ciphers)
        if macs:
            options["mac_algs"] = list(macs)
        thread.start()
        listening: Future[None] = asyncio.run_coroutine_threadsafe(
            server._listen(port, accounts, options), loop)
        try:
            listening.result(timeout=30)
        except BaseException:
            server._stop_loop()
            raise
        log.info("embedded SFTP server on %s:%d serving %s", host, server.port, root)
        return server

    async def _listen(self, port: int, accounts: dict[str, _Account],
                      options: dict[str, Any]) -> None:
        def sftp_factory(channel: asyncssh.SSHServerChannel[bytes]) -> _RootedSftp:
            return _RootedSftp(channel, self.root, self.operations)

        self._acceptor = await asyncssh.listen(
            self.host, port, server_factory=lambda: _Gate(accounts, self._connections),
            server_host_keys=[self._host_key], sftp_factory=sftp_factory, allow_scp=False,
            agent_forwarding=False, x11_forwarding=False, allow_pty=False,
            **options)
        self.port = int(self._acceptor.get_port())

    # -- what a client needs to trust it ---------------------------------------------------
    def host_key_line(self) -> str:
        """The host's public key as one OpenSSH line: ``ssh-ed25519 AAAA...``."""
        return self._host_key.export_public_key("openssh").decode().split("\n")[0].strip()

    def host_key_fingerprint(self) -> str:
        """``SHA256:...``, as ``ssh-keygen -l`` and WebDesk's host-key dialog show it."""
        return str(self._host_key.get_fingerprint("sha256"))

    def known_hosts_line(self) -> str:
        """A known_hosts line for this server (``[host]:port key``)."""
        name = self.host if self.port == 22 else f"[{self.host}]:{self.port}"
        return f"{name} {' '.join(self.host_key_line().split()[:2])}"

    # -- life cycle -----------------------------------------------------------------------
    def stop(self) -> None:
        """Close every connection and the listener, end the thread (idempotent)."""
        if not self._thread.is_alive():
            return
        with _suppress():
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=30)
        self._stop_loop()

    async def _close(self) -> None:
        for connection in list(self._connections):
            connection.close()
        if self._acceptor is not None:
            self._acceptor.close()
            await self._acceptor.wait_closed()
        for connection in list(self._connections):
            with _suppress():
                await asyncio.wait_for(connection.wait_closed(), 10)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        if not self._thread.is_alive():
            self._loop.close()

    def __enter__(self) -> EmbeddedSftpServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class _Account:
    password: str | None
    keys: frozenset[bytes]

    @classmethod
    def of(cls, auth: UserAuth) -> _Account:
        keys = frozenset(asyncssh.import_public_key(line).public_data
                         for line in auth.public_keys)
        return cls(auth.password, keys)


class _Gate(asyncssh.SSHServer):
    """Password and public-key login against the configured users; nothing else."""

    def __init__(self, accounts: dict[str, _Account],
                 connections: set[asyncssh.SSHServerConnection]) -> None:
        self._accounts = accounts
        self._connections = connections
        self._connection: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._connection = conn
        self._connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._connection is not None:
            self._connections.discard(self._connection)

    def begin_auth(self, username: str) -> bool:
        return True                      # always ask, also for unknown users

    def password_auth_supported(self) -> bool:
        return any(account.password is not None for account in self._accounts.values())

    def validate_password(self, username: str, password: str) -> bool:
        account = self._accounts.get(username)
        if account is None or account.password is None:
            return False
        return hmac.compare_digest(account.password.encode(), password.encode())

    def public_key_auth_supported(self) -> bool:
        return any(account.keys for account in self._accounts.values())

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        account = self._accounts.get(username)
        return account is not None and key.public_data in account.keys


def _local_path(path: bytes) -> bytes:
    """asyncssh names a Windows path '/C:/dir/file' (SFTP form); the OS's form has no first '/'."""
    if os.name == "nt" and path[:1] == b"/" and path[2:3] == b":":
        return path[1:]
    return path


def _os_form(path: bytes) -> bytes:
    """One spelling per path: Windows separators and letter case (identity on POSIX)."""
    return os.path.normcase(os.path.normpath(path))


class _RootedSftp(asyncssh.SFTPServer):
    """asyncssh's file server, chrooted to ``root``, counting the operations it serves."""

    def __init__(self, channel: asyncssh.SSHServerChannel[bytes], root: Path,
                 operations: collections.Counter[str]) -> None:
        super().__init__(channel, chroot=os.fsencode(root))
        self._root = os.fsencode(root)
        self._real_root = _os_form(os.path.realpath(self._root))
        self._operations = operations

    def _inside(self, local: bytes, *, follow: bool) -> bytes:
        """``local`` if it (its folder, when not following the last name) stays in root."""
        trimmed = _os_form(_local_path(local.rstrip(b"/") or b"/"))
        if trimmed == _os_form(self._root):
            return local
        real = _os_form(os.path.realpath(trimmed if follow else os.path.dirname(trimmed)))
        if real != self._real_root and not real.startswith(self._real_root + os.sep.encode()):
            raise asyncssh.SFTPPermissionDenied("path leads outside the server's root")
        return local

    def map_path(self, path: bytes) -> bytes:
        return self._inside(super().map_path(path), follow=False)

    def _followed(self, path: bytes) -> None:
        self._inside(super().map_path(path), follow=True)

    def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
        self._operations["open"] += 1
        self._followed(path)
        return super().open(path, pflags, attrs)

    def read(self, file_obj: object, offset: int, size: int) -> Any:
        self._operations["read"] += 1
        return super().read(file_obj, offset, size)

    def write(self, file_obj: object, offset: int, data: bytes) -> Any:
        self._operations["write"] += 1
        return super().write(file_obj, offset, data)

    def stat(self, path: bytes) -> Any:
        self._operations["stat"] += 1
        self._followed(path)
        return super().stat(path)

    def lstat(self, path: bytes) -> Any:
        self._operations["lstat"] += 1
        return super().lstat(path)

    def setstat(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> Any:
        self._operations["setstat"] += 1
        self._followed(path)
        return super().setstat(path, attrs)

    def rename(self, oldpath: bytes, newpath: bytes) -> Any:
        self._operations["rename"] += 1
        return super().rename(oldpath, newpath)

    def posix_rename(self, oldpath: bytes, newpath: bytes) -> Any:
        self._operations["posix_rename"] += 1
        return super().posix_rename(oldpath, newpath)

    def remove(self, path: bytes) -> Any:
        self._operations["remove"] += 1
        return super().remove(path)

    def mkdir(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> Any:
        self._operations["mkdir"] += 1
        return super().mkdir(path, attrs)

    def rmdir(self, path: bytes) -> Any:
        self._operations["rmdir"] += 1
        return super().rmdir(path)

    async def scandir(self, path: bytes) -> AsyncIterator[SFTPName]:
        self._operations["listdir"] += 1
        self._followed(path)
        async for name in super().scandir(path):
            yield name

    def statvfs(self, path: bytes) -> Any:
        self._followed(path)
        return super().statvfs(path)

    def symlink(self, oldpath: bytes, newpath: bytes) -> Any:
        raise asyncssh.SFTPPermissionDenied("links cannot be made on this server")

    def link(self, oldpath: bytes, newpath: bytes) -> Any:
        raise asyncssh.SFTPPermissionDenied("links cannot be made on this server")


@contextlib.contextmanager
def _suppress() -> Iterator[None]:
    """contextlib.suppress(Exception) that also logs what it swallowed (shutdown only)."""
    try:
        yield
    except Exception as error:
        log.debug("embedded SFTP server shutdown: %r", error)
