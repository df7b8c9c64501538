"""The web server's access logs, read over the SFTP connection WebDesk already has.

``list_log_files`` lists the log folder of a server profile (regular files whose names match
a pattern, oldest first); ``open_log`` returns a read-only, seekable binary stream that
fetches the file window by window (several requests in flight, at most
:data:`WINDOW` bytes held), so a log of any size is streamed, never held in memory.
"""

from __future__ import annotations

import fnmatch
import io
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

import paramiko

from desktop.domain.messages import register
from desktop.publish.connection import SftpConnection
from desktop.publish.errors import ConnectionLostError, PublishError

register({
    "access_log_folder_missing": (
        "ไม่พบโฟลเดอร์บันทึกการเข้าใช้เว็บไซต์ {folder} บนเซิร์ฟเวอร์ {server}",
        "The access-log folder {folder} does not exist on the server {server}.",
    ),
    "access_log_denied": (
        "ไม่มีสิทธิ์อ่านบันทึกการเข้าใช้เว็บไซต์ {path} บนเซิร์ฟเวอร์ (ขอสิทธิ์อ่านจากผู้ดูแลเซิร์ฟเวอร์)",
        "No permission to read the access log {path} on the server (ask its administrator for "
        "read access).",
    ),
})

WINDOW = 4 << 20          # bytes fetched per round of requests
REQUEST = 32 * 1024       # bytes per SFTP read request


@dataclass(frozen=True)
class RemoteLogFile:
    name: str
    path: str
    size: int
    mtime: int


@contextmanager
def _translated(connection: SftpConnection, path: str) -> Iterator[None]:
    try:
        yield
    except PublishError:
        raise
    except PermissionError as exc:
        raise PublishError("access_log_denied", path=path) from exc
    except FileNotFoundError as exc:
        raise PublishError("access_log_folder_missing", folder=path,
                           server=connection.profile.name) from exc
    except (paramiko.SSHException, EOFError, OSError) as exc:
        raise ConnectionLostError("sftp_connection_lost", host=connection.profile.host,
                                  detail=str(exc) or type(exc).__name__) from exc


def list_log_files(connection: SftpConnection, folder: str,
                   pattern: str = "*access*") -> list[RemoteLogFile]:
    """Regular files in ``folder`` whose names match ``pattern``, oldest first."""
    folder = folder.rstrip("/") or "/"
    with _translated(connection, folder):
        entries = connection.sftp.listdir_attr(folder)
    files = [RemoteLogFile(e.filename, f"{folder}/{e.filename}", int(e.st_size or 0),
                           int(e.st_mtime or 0))
             for e in entries
             if e.st_mode is not None and stat.S_ISREG(e.st_mode)
             and fnmatch.fnmatch(e.filename, pattern)]
    files.sort(key=lambda f: (f.mtime, f.name))
    return files


class _RemoteRaw(io.RawIOBase):
    """A seekable reader of one remote file that fetches a window of requests at a time."""

    def __init__(self, connection: SftpConnection, path: str, size: int) -> None:
        super().__init__()
        self._connection = connection
        self._path = path
        self._size = size
        with _translated(connection, path):
            self._file: Any = connection.sftp.open(path, "rb")
        self._pos = 0
        self._buffer = b""
        self._buffer_at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _fill(self) -> None:
        end = min(self._size, self._pos + WINDOW)
        chunks = [(at, min(REQUEST, end - at)) for at in range(self._pos, end, REQUEST)]
        with _translated(self._connection, self._path):
            self._buffer = b"".join(self._file.readv(chunks)) if chunks else b""
        self._buffer_at = self._pos

    def readinto(self, target: Any) -> int:
        if self._pos >= self._size:
            return 0
        inside = self._buffer_at <= self._pos < self._buffer_at + len(self._buffer)
        if not inside:
            self._fill()
        start = self._pos - self._buffer_at
        piece = self._buffer[start:start + len(target)]
        target[:len(piece)] = piece
        self._pos += len(piece)
        return len(piece)

    def close(self) -> None:
        if not self.closed:
            with suppress(OSError, EOFError, paramiko.SSHException):
                self._file.close()
        super().close()


def open_log(connection: SftpConnection, log: RemoteLogFile) -> io.BufferedReader:
    """A binary stream of the remote file as it was listed (growth after listing is left
    for the next import)."""
    return io.BufferedReader(_RemoteRaw(connection, log.path, log.size), buffer_size=1 << 20)
