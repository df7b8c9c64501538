"""An SFTP subsystem with a faulty disk: OpenSSH's own sftp-server behind a filter that flips
one byte of file content on its way to the disk.

sshd runs it as ``Subsystem sftp python3 faulty_sftp_server.py OFFSET``: every WRITE whose data
covers the absolute file offset OFFSET has that byte inverted, and the server still answers OK
(as a failing disk or a buggy storage layer would).  Everything else passes through unchanged.
Stdlib only: it runs under the system python3 as the SSH user.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import threading
from typing import BinaryIO

SFTP_SERVER = "/usr/lib/openssh/sftp-server"
SSH_FXP_WRITE = 6


def read_exactly(stream: BinaryIO, count: int) -> bytes:
    data = b""
    while len(data) < count:
        part = stream.read(count - len(data))
        if not part:
            raise EOFError
        data += part
    return data


def corrupt(packet: bytearray, target: int) -> None:
    """Invert the byte at file offset ``target`` if this WRITE request carries it."""
    position = 1 + 4                                    # type, request id
    (handle_length,) = struct.unpack_from(">I", packet, position)
    position += 4 + handle_length
    (offset,) = struct.unpack_from(">Q", packet, position)
    position += 8
    (data_length,) = struct.unpack_from(">I", packet, position)
    position += 4
    if offset <= target < offset + data_length:
        packet[position + target - offset] ^= 0xFF


def pump_replies(source: BinaryIO, sink: BinaryIO) -> None:
    while block := source.read1(65536):  # type: ignore[attr-defined]
        sink.write(block)
        sink.flush()


def main() -> None:
    target = int(sys.argv[1])
    server = subprocess.Popen([SFTP_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdin is not None and server.stdout is not None
    threading.Thread(target=pump_replies, args=(server.stdout, sys.stdout.buffer),
                     daemon=True).start()
    requests = sys.stdin.buffer
    try:
        while True:
            header = read_exactly(requests, 4)
            packet = bytearray(read_exactly(requests, struct.unpack(">I", header)[0]))
            if packet and packet[0] == SSH_FXP_WRITE:
                corrupt(packet, target)
            server.stdin.write(header + packet)
            server.stdin.flush()
    except EOFError:
        pass
    finally:
        server.stdin.close()
        server.wait()


if __name__ == "__main__":
    main()
