"""Many SFTP requests in flight on one channel, each reply routed to its own callback.

paramiko's :class:`SFTPClient` waits for every reply before the next request; over a link with
20 ms of round-trip time that costs ~3 round trips per file.  :class:`RequestPipe` sends
requests without waiting (OpenSSH's sftp-server answers them in order) and lets the uploader
keep dozens of files and megabytes in flight.  It rides on paramiko's request numbering
(``_async_request``/``_read_response``), so plain paramiko calls on the same client still work
once the pipe is drained.
"""

from __future__ import annotations

import errno
import stat as stat_module
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import paramiko
from paramiko.sftp import (
    CMD_ATTRS,
    CMD_DATA,
    CMD_EXTENDED,
    CMD_EXTENDED_REPLY,
    CMD_HANDLE,
    CMD_STATUS,
    CMD_WRITE,
    SFTP_EOF,
    SFTP_FAILURE,
    SFTP_NO_SUCH_FILE,
    SFTP_OK,
    SFTP_OP_UNSUPPORTED,
    SFTP_PERMISSION_DENIED,
    int64,
)
from paramiko.sftp_attr import SFTPAttributes

Callback = Callable[[int, paramiko.Message], None]


@dataclass
class RemoteStatus(Exception):  # noqa: N818 - internal, always translated to a PublishError
    """A non-OK SFTP status reply for ``path``."""

    code: int
    text: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.text} (SFTP status {self.code})"

    @property
    def missing(self) -> bool:
        return self.code == SFTP_NO_SUCH_FILE

    @property
    def denied(self) -> bool:
        return self.code == SFTP_PERMISSION_DENIED

    @property
    def unsupported(self) -> bool:
        return self.code == SFTP_OP_UNSUPPORTED

    @property
    def failure(self) -> bool:
        return self.code == SFTP_FAILURE

    @property
    def eof(self) -> bool:
        return self.code == SFTP_EOF

    def as_oserror(self) -> OSError:
        number = {SFTP_NO_SUCH_FILE: errno.ENOENT, SFTP_PERMISSION_DENIED: errno.EACCES}.get(
            self.code, errno.EIO)
        return OSError(number, self.text, self.path)


def _ignore(kind: int, message: paramiko.Message) -> None:
    return None


class _Route:
    """What paramiko calls back (``_async_response``) when the reply to a request arrives."""

    __slots__ = ("__weakref__", "callback", "cost", "pipe")

    def __init__(self, pipe: RequestPipe, callback: Callback, cost: int) -> None:
        self.pipe = pipe
        self.callback = callback
        self.cost = cost

    def _async_response(self, kind: int, message: paramiko.Message, number: int) -> None:
        self.pipe._routed(number, self)
        self.callback(kind, message)


class RequestPipe:
    """Send now, handle the reply later; ``pump()`` waits for and dispatches one reply."""

    def __init__(self, client: paramiko.SFTPClient) -> None:
        self.client = client
        cork = getattr(client, "cork", None)
        if cork is not None:
            cork()      # requests go out together right before we wait for a reply
        self._routes: dict[int, _Route] = {}
        self.outstanding_cost = 0

    @property
    def in_flight(self) -> int:
        return len(self._routes)

    @property
    def channel(self) -> Any:
        """The paramiko Channel (selectable) under this pipe's client."""
        return self.client.sock

    def send_capacity(self) -> int:
        """Bytes the server's flow-control window takes now without making a send wait."""
        pending = getattr(self.client, "_pending", None)
        window = int(getattr(self.client.sock, "out_window_size", 1 << 30))
        return window - (len(pending) if pending else 0)

    def reply_ready(self) -> bool:
        """Data from the server is waiting (a pump will not block for long)."""
        return bool(self.client.sock.recv_ready())

    def flush(self) -> None:
        flush = getattr(self.client, "flush", None)
        if flush is not None:
            flush()

    def send(self, kind: int, *args: Any, callback: Callback, cost: int = 0) -> None:
        route = _Route(self, callback, cost)
        number = self.client._async_request(route, kind, *args)
        self._routes[number] = route
        self.outstanding_cost += cost

    def send_write(self, handle: bytes, offset: int, data: bytes, *, callback: Callback,
                   cost: int = 0) -> None:
        """A WRITE request (framed without paramiko's copies when the client can)."""
        async_write = getattr(self.client, "async_write", None)
        if async_write is None:
            self.send(CMD_WRITE, handle, int64(offset), data, callback=callback, cost=cost)
            return
        route = _Route(self, callback, cost)
        self._routes[async_write(route, handle, offset, data)] = route
        self.outstanding_cost += cost

    def _routed(self, number: int, route: _Route) -> None:
        self._routes.pop(number, None)
        self.outstanding_cost -= route.cost

    def abandon(self) -> None:
        """After a failure: replies still on their way are read and ignored."""
        for route in self._routes.values():
            route.callback = _ignore

    def pump(self) -> None:
        """Wait for one reply and run its callback (callbacks may send more requests)."""
        self.client._read_response()

    def drain(self) -> None:
        while self._routes:
            self.pump()

    def call(self, kind: int, *args: Any) -> tuple[int, paramiko.Message]:
        """One request, waiting for its reply (other replies are dispatched meanwhile)."""
        box: list[tuple[int, paramiko.Message]] = []
        self.send(kind, *args, callback=lambda k, m: box.append((k, m)))
        while not box:
            self.pump()
        return box[0]


# --- reply decoding --------------------------------------------------------------------------

def status_of(kind: int, message: paramiko.Message, path: str = "") -> RemoteStatus | None:
    """None for an OK status, else the RemoteStatus (also for an unexpected reply type)."""
    if kind != CMD_STATUS:
        return RemoteStatus(-1, f"unexpected reply {kind}", path)
    code = message.get_int()
    if code == SFTP_OK:
        return None
    try:
        text = message.get_text()
    except Exception:
        text = ""
    return RemoteStatus(code, text or paramiko.sftp.SFTP_DESC[code]
                        if code < len(paramiko.sftp.SFTP_DESC) else text, path)


def expect_ok(kind: int, message: paramiko.Message, path: str = "") -> None:
    failure = status_of(kind, message, path)
    if failure is not None:
        raise failure


def ok_callback(path: str) -> Callback:
    """A reply callback that raises :class:`RemoteStatus` unless the status is OK."""
    def check(kind: int, message: paramiko.Message) -> None:
        expect_ok(kind, message, path)
    return check


def expect_handle(kind: int, message: paramiko.Message, path: str = "") -> bytes:
    if kind == CMD_HANDLE:
        return bytes(message.get_binary())
    raise status_of(kind, message, path) or RemoteStatus(-1, "no handle", path)


def expect_attrs(kind: int, message: paramiko.Message, path: str = "") -> SFTPAttributes:
    if kind == CMD_ATTRS:
        return SFTPAttributes._from_msg(message)
    raise status_of(kind, message, path) or RemoteStatus(-1, "no attributes", path)


def expect_data(kind: int, message: paramiko.Message, path: str = "") -> bytes:
    """The data of a READ reply; b"" at end of file."""
    if kind == CMD_DATA:
        return bytes(message.get_binary())
    failure = status_of(kind, message, path)
    if failure is None or failure.eof:
        return b""
    raise failure


def attrs(mode: int | None = None, mtime: float | None = None) -> SFTPAttributes:
    attributes = SFTPAttributes()
    if mode is not None:
        attributes.st_mode = mode
    if mtime is not None:
        attributes.st_atime = int(mtime)
        attributes.st_mtime = int(mtime)
    return attributes


def is_symlink(attributes: SFTPAttributes) -> bool:
    return stat_module.S_ISLNK(attributes.st_mode or 0)


def is_dir(attributes: SFTPAttributes) -> bool:
    return stat_module.S_ISDIR(attributes.st_mode or 0)


def is_file(attributes: SFTPAttributes) -> bool:
    return stat_module.S_ISREG(attributes.st_mode or 0)


@dataclass(frozen=True)
class DiskSpace:
    free_bytes: int
    total_bytes: int


def statvfs(pipe: RequestPipe, path: str) -> DiskSpace | None:
    """Free space via OpenSSH's ``statvfs@openssh.com``; None if the server lacks it."""
    kind, message = pipe.call(CMD_EXTENDED, "statvfs@openssh.com", path)
    return disk_space(kind, message)


def disk_space(kind: int, message: paramiko.Message) -> DiskSpace | None:
    """Decode a ``statvfs@openssh.com`` reply (None for an error status)."""
    if kind != CMD_EXTENDED_REPLY:
        return None
    values = [message.get_int64() for _ in range(11)]
    block_size, fragment_size, blocks, _free, available = values[:5]
    unit = fragment_size or block_size
    return DiskSpace(free_bytes=available * unit, total_bytes=blocks * unit)
