"""The fast path's self-check: its packets must be exactly what stock paramiko reads.

For every cipher and MAC paramiko can negotiate that the fast path handles, two paramiko
``Packetizer`` objects are joined by a socket pair and given the same fresh keys, the way
``Transport._activate_outbound``/``_activate_inbound`` would.  One sends a stock message,
then channel data through :func:`fast_send.write_packets` (pieces of several sizes, crossing
a lowered re-key threshold), then another stock message; the other side reads it all with
paramiko's own ``read_message``, which decrypts and checks every MAC/tag and sequence number.
The payloads must come out intact, the sender's counters must match the receiver's, and the
re-key must have been asked for.  Then the reverse: stock packets read through the buffered
reader of :mod:`fast_receive`.  A reused nonce, a wrong counter, padding or MAC fails here.
"""

from __future__ import annotations

import os
import socket
import struct
import types
from collections.abc import Iterator
from typing import Any

import paramiko
from paramiko.common import cMSG_IGNORE
from paramiko.packet import Packetizer
from paramiko.transport import Transport

from desktop.publish import fast_receive, fast_send
from desktop.publish.fast_path import CheckResult
from desktop.publish.fast_send import Mode, P

CHANNEL_ID = 0x01020304
PIECES = (1, 15, 16, 17, 1000, 32704 + 7)     # data piece sizes sent in one batch
PIECE_SIZE = 32704                            # as over OpenSSH: 32 KiB packets minus 64


class CheckFailed(Exception):
    pass


def run_self_check() -> CheckResult:
    """Check every mode; the first failure (or an unexpected error) fails the whole check."""
    modes: set[Mode] = set()
    checked: list[str] = []
    try:
        for cipher, mac in candidate_modes():
            sender, receiver, sockets = _pair(cipher, mac)
            try:
                mode = fast_send.outbound_mode(sender)
                if mode is None:
                    raise CheckFailed(f"{cipher}/{mac}: packetizer state not recognised")
                _check_send(sender, receiver, f"{cipher}/{mac}")
                _check_receive(receiver, sender, f"{cipher}/{mac}")
            finally:
                for sock in sockets:
                    sock.close()
            modes.add(mode)
            checked.append(f"{cipher}+{mac}" if mac else cipher)
    except CheckFailed as failure:
        return CheckResult(problem=str(failure), checked=checked)
    except Exception as error:       # paramiko changed in a way this code does not know
        return CheckResult(problem=f"{type(error).__name__}: {error}", checked=checked)
    return CheckResult(modes=frozenset(modes), checked=checked)


def candidate_modes() -> Iterator[tuple[str, str]]:
    """(cipher, MAC) pairs paramiko offers that the fast path handles; MAC "" for GCM."""
    for cipher in Transport._preferred_ciphers:
        info = Transport._cipher_info.get(cipher, {})
        if info.get("is_aead"):
            yield cipher, ""
        elif cipher.endswith("-ctr"):
            for mac in Transport._preferred_macs:
                yield cipher, mac


def _pair(cipher: str, mac: str) -> tuple[Any, Any, list[socket.socket]]:
    """Sender and receiver packetizers with the same fresh keys, as paramiko sets them."""
    left, right = socket.socketpair()
    for sock in (left, right):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        sock.settimeout(5.0)
    sender, receiver = Packetizer(left), Packetizer(right)
    info = Transport._cipher_info[cipher]
    aead = bool(info.get("is_aead", False))
    block_size = info["block-size"]
    key = os.urandom(info["key-size"])
    iv = os.urandom(info.get("iv-size", block_size))
    engines = types.SimpleNamespace(_cipher_info=Transport._cipher_info,
                                    _ENCRYPT=Transport._ENCRYPT, _DECRYPT=Transport._DECRYPT)

    def engine(operation: object) -> Any:
        return Transport._get_engine(engines, cipher, key, iv, operation, aead)  # type: ignore[arg-type]

    mac_engine = None if aead else Transport._mac_info[mac]["class"]
    mac_size = 16 if aead else Transport._mac_info[mac]["size"]
    mac_key = None if aead else os.urandom(mac_engine().digest_size)  # type: ignore[misc]
    etm = (not aead) and "etm@openssh.com" in mac
    sender.set_outbound_cipher(engine(Transport._ENCRYPT), block_size, mac_engine, mac_size,
                               mac_key, sdctr=cipher.endswith("-ctr"), etm=etm, aead=aead,
                               iv_out=iv if aead else None)
    receiver.set_inbound_cipher(engine(Transport._DECRYPT), block_size, mac_engine, mac_size,
                                mac_key, etm=etm, aead=aead, iv_in=iv if aead else None)
    # the reverse direction, for the buffered reader
    receiver.set_outbound_cipher(engine(Transport._ENCRYPT), block_size, mac_engine, mac_size,
                                 mac_key, sdctr=cipher.endswith("-ctr"), etm=etm, aead=aead,
                                 iv_out=iv if aead else None)
    sender.set_inbound_cipher(engine(Transport._DECRYPT), block_size, mac_engine, mac_size,
                              mac_key, etm=etm, aead=aead, iv_in=iv if aead else None)
    for packetizer in (sender, receiver):
        vars(packetizer)[P + "sequence_number_out"] = 0xFFFFFFFE    # wraps during the check
        vars(packetizer)[P + "sequence_number_in"] = 0xFFFFFFFE
        packetizer._initial_kex_done = True
    return sender, receiver, [left, right]


def _marker(text: bytes) -> paramiko.Message:
    message = paramiko.Message()
    message.add_byte(cMSG_IGNORE)
    message.add_string(text)
    return message


def _check_send(sender: Any, receiver: Any, what: str) -> None:
    data = os.urandom(sum(PIECES))
    sender.REKEY_PACKETS = 4                    # crossed inside the batch
    sender.send_message(_marker(b"before"))
    sent = 0
    start = 0
    for size in PIECES:                         # one batch per size, as the channel sends
        piece = memoryview(data)[start:start + size]
        sent += fast_send.write_packets(sender, CHANNEL_ID, piece, PIECE_SIZE)
        start += size
    if not sender.need_rekey():
        raise CheckFailed(f"{what}: the re-key was not asked for")
    sender.send_message(_marker(b"after"))
    sender_state = vars(sender)
    sender_state[P + "socket"].shutdown(socket.SHUT_WR)
    received = _read_all_messages(receiver, what)
    if received[0] != (cMSG_IGNORE[0], b"before") or received[-1] != (cMSG_IGNORE[0], b"after"):
        raise CheckFailed(f"{what}: stock messages around the batch were not read back")
    got = b""
    for kind, payload in received[1:-1]:
        channel, length = struct.unpack(">II", payload[:8])
        if kind != fast_send.MSG_CHANNEL_DATA or channel != CHANNEL_ID:
            raise CheckFailed(f"{what}: wrong message type or channel")
        got += payload[8:8 + length]
    if got != data or len(received) - 2 != sent:
        raise CheckFailed(f"{what}: channel data differs after decryption")
    receiver_state = vars(receiver)
    if (sender_state[P + "sequence_number_out"] != receiver_state[P + "sequence_number_in"]
            or sender_state[P + "sent_packets"] != sent + 2
            or sender_state.get(P + "iv_out") != receiver_state.get(P + "iv_in")):
        raise CheckFailed(f"{what}: sequence number or counter out of step")


def _check_receive(receiver: Any, sender: Any, what: str) -> None:
    """Stock packets (reverse direction) read through the buffered reader."""
    if not fast_receive.install_on(sender):
        raise CheckFailed(f"{what}: the buffered reader could not be installed")
    texts = [os.urandom(size) for size in (0, 1, 300, 70000, 5)]
    for text in texts:
        receiver.send_message(_marker(text))
    vars(receiver)[P + "socket"].shutdown(socket.SHUT_WR)
    got = _read_all_messages(sender, what)
    if got != [(cMSG_IGNORE[0], text) for text in texts]:
        raise CheckFailed(f"{what}: buffered reads returned other messages")


def _read_all_messages(packetizer: Any, what: str) -> list[tuple[int, bytes]]:
    messages: list[tuple[int, bytes]] = []
    while True:
        try:
            kind, message = packetizer.read_message()
        except EOFError:
            return messages
        except paramiko.SSHException as error:
            raise CheckFailed(f"{what}: stock paramiko refused a packet: {error}") from error
        except Exception as error:   # e.g. cryptography's InvalidTag
            raise CheckFailed(f"{what}: stock paramiko could not decrypt a packet "
                              f"({type(error).__name__})") from error
        if kind == cMSG_IGNORE[0]:
            messages.append((kind, message.get_string()))
        else:
            messages.append((kind, message.get_remainder()))
