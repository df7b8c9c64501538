"""Read the SSH stream in large pieces: paramiko asks the socket for each packet's header and
body separately and grows its result by concatenation, two or more system calls and copies
per 32 KiB packet.  :func:`install` gives a transport's packetizer a buffered ``read_all``
(one ``recv_into`` of up to 256 KiB, then packets are sliced out of the buffer) with
paramiko's own timeout, keep-alive and re-key behaviour.

Over TCP on Linux it also acknowledges what it read at once (``TCP_QUICKACK`` after each
read): OpenSSH's sshd leaves Nagle's algorithm on for a subsystem session, so when it
answers with two small packets the second waits for our acknowledgement of the first —
which Linux delays by 40 ms.  Opening the SFTP channel took ~45 ms on loopback for that
alone (~3 ms with it).  Only the transport's reader thread
calls ``read_all``, so the buffer needs no lock.  :mod:`desktop.publish.fast_path` decides
whether it is used (and its self-check reads stock paramiko packets through it).
"""

from __future__ import annotations

import errno
import logging
import socket
import types
from typing import Any

import paramiko
from paramiko.packet import NeedRekeyException

RECV_SIZE = 256 * 1024
_P = "_Packetizer__"
NEEDED = ("remainder", "socket", "closed", "need_rekey")
log = logging.getLogger(__name__)


def install(transport: paramiko.Transport) -> bool:
    """Buffer this transport's reads (after the key exchange); False (logged) if paramiko
    changed."""
    return install_on(transport.packetizer)


def install_on(packetizer: Any) -> bool:
    """Give ``packetizer`` the buffered ``read_all``; False, with a logged warning saying
    why, when its state is not the one this was written for."""
    state = vars(packetizer)
    missing = [name for name in NEEDED if _P + name not in state]
    if missing or not callable(getattr(packetizer, "_check_keepalive", None)):
        log.warning("buffered SSH reads not installed: paramiko %s's packetizer lacks %s",
                    paramiko.__version__, ", ".join(missing) or "_check_keepalive")
        return False
    if "read_all" in state:
        return True          # already installed
    buffer = bytearray(state[_P + "remainder"])
    state[_P + "remainder"] = b""
    scratch = bytearray(RECV_SIZE)
    quick_ack = _quick_ack_option(state[_P + "socket"])
    packetizer.read_all = types.MethodType(_reader(buffer, scratch, quick_ack), packetizer)
    return True


def _quick_ack_option(sock: Any) -> int | None:
    """``TCP_QUICKACK`` where the socket is TCP and the system has it (Linux), else None."""
    option = getattr(socket, "TCP_QUICKACK", None)
    if (option is None or not isinstance(sock, socket.socket)
            or sock.family not in (socket.AF_INET, socket.AF_INET6)
            or sock.type != socket.SOCK_STREAM):
        return None
    return int(option)


def _reader(buffer: bytearray, scratch: bytearray, quick_ack: int | None) -> Any:
    view = memoryview(scratch)
    acks = [quick_ack]

    def read_all(self: Any, n: int, check_rekey: bool = False) -> bytes:
        state = vars(self)
        sock: socket.socket = state[_P + "socket"]
        while len(buffer) < n:
            if self.handshake_timed_out():
                raise EOFError()
            got_timeout = False
            try:
                count = sock.recv_into(view)
                if count == 0:
                    raise EOFError()
                if acks[0] is not None:
                    _acknowledge_now(sock, acks)
                buffer.extend(view[:count])
            except TimeoutError:
                got_timeout = True
            except OSError as error:
                if error.errno == errno.EAGAIN:
                    got_timeout = True
                elif state[_P + "closed"]:
                    raise EOFError() from error
                else:
                    raise
            if got_timeout:
                if state[_P + "closed"]:
                    raise EOFError()
                if check_rekey and not buffer and state[_P + "need_rekey"]:
                    raise NeedRekeyException()
                self._check_keepalive()
        out = bytes(buffer[:n])
        del buffer[:n]
        return out
    return read_all


def _acknowledge_now(sock: socket.socket, acks: list[int | None]) -> None:
    """Ask for an immediate ACK of what was just read (Linux clears the flag on its own);
    a socket that refuses it is not asked again."""
    option = acks[0]
    if option is None:
        return
    try:
        sock.setsockopt(socket.IPPROTO_TCP, option, 1)
    except OSError:
        acks[0] = None
