"""Send channel data as many SSH packets in one go, bypassing paramiko's one-packet-at-a-time
path (AES-GCM, and AES-CTR with any of paramiko's HMACs, plain or encrypt-then-MAC).

paramiko sends each SSH packet (OpenSSH's sshd accepts 32 KiB of data per packet) through
about a dozen Python calls and one system call.  For a 256 MiB upload that is 8,192 trips and
the main cost of the whole transfer.  :func:`send_channel_data` builds the packets for up to
``MAX_BATCH_PACKETS`` full packets in a tight loop — the framing, padding, encryption, MAC,
sequence numbers and AES-GCM invocation counter of paramiko's ``Packetizer.send_message``
(RFC 4253, 5647) — and writes them with one call, holding the same locks paramiko holds.
A batch is cut at a packet boundary (never a full packet plus a sliver: every packet costs
the server about as much as a full one).

It reads and advances paramiko's private packetizer state, so it is used only where
:mod:`desktop.publish.fast_path` allows it: on a transport it was installed on, for an
outbound mode whose packets its self-check had stock paramiko decrypt and verify.  It returns
0 (and the caller uses paramiko's own ``Channel.send``) whenever anything is unusual: another
mode, compression, packet dumping, no send window, a closed channel, a key exchange.
"""

from __future__ import annotations

import hmac
import os
import socket
import struct
import threading
from typing import Any

import paramiko

MSG_CHANNEL_DATA = 94
MAX_BATCH_PACKETS = 8      # full packets a write (256 KiB over OpenSSH: one SFTP write)
PADDING_POOL = 64 * 1024   # random padding bytes drawn from the OS at a time
P = "_Packetizer__"         # paramiko's private (name-mangled) packetizer state
ENABLED_FLAG = "_webdesk_fast_path"       # set on a packetizer by fast_path.install
_CACHE = "_webdesk_fast_send"
NEEDED = ("block_engine_out", "aead_out", "sdctr_out", "etm_out", "mac_engine_out",
          "mac_size_out", "mac_key_out", "compress_engine_out", "dump_packets", "write_lock",
          "iv_out", "sequence_number_out", "sent_bytes", "sent_packets", "need_rekey",
          "block_size_out", "socket", "received_bytes_overflow", "received_packets_overflow")

Mode = tuple[object, ...]


def outbound_mode(packetizer: Any) -> Mode | None:
    """What the fast path must reproduce for this packetizer's outgoing side, e.g.
    ``("aead", "AESGCM", 16)`` or ``("ctr", "openssl_sha256", 32, True, 16)``; None when
    it cannot (paramiko changed, CBC, compression, packet dumps, no keys yet)."""
    state = vars(packetizer)
    if not all(P + name in state for name in NEEDED):
        return None
    engine = state[P + "block_engine_out"]
    if (engine is None or state[P + "compress_engine_out"] is not None
            or state[P + "dump_packets"]):
        return None
    block_size = state[P + "block_size_out"]
    if state[P + "aead_out"]:
        return ("aead", type(engine).__name__, block_size)
    if state[P + "sdctr_out"] and state[P + "mac_engine_out"] is not None:
        mac = state[P + "mac_engine_out"]
        return ("ctr", getattr(mac, "__name__", repr(mac)), state[P + "mac_size_out"],
                bool(state[P + "etm_out"]), block_size)
    return None


def mode_name(mode: Mode) -> str:
    """A short name for logs: ``aes-gcm`` or ``aes-ctr+sha256(32)-etm``."""
    if mode[0] == "aead":
        return "aes-gcm"
    name = str(mode[1]).removeprefix("openssl_")
    return f"aes-ctr+{name}({mode[2]}){'-etm' if mode[3] else ''}"


def usable(transport: paramiko.Transport) -> bool:
    """True when the fast path was installed on this transport and its outgoing side is in
    a verified mode (remembered until the keys change: a re-key installs a new engine)."""
    state = vars(transport.packetizer)
    if not state.get(ENABLED_FLAG):
        return False
    engine = state.get(P + "block_engine_out")
    known = state.get(_CACHE)
    if known is not None and known[0] is engine:
        return bool(known[1])
    from desktop.publish import fast_path

    mode = outbound_mode(transport.packetizer)
    result = mode is not None and fast_path.mode_verified(mode)
    state[_CACHE] = (engine, result)
    return result


def batch_size(available: int, window: int, piece_size: int) -> int:
    """How many of ``available`` bytes one batch sends: at most ``MAX_BATCH_PACKETS`` full
    packets and the ``window``; cut at a packet boundary unless that leaves nothing."""
    total = min(available, window, MAX_BATCH_PACKETS * piece_size)
    if total < available and total > piece_size:
        total -= total % piece_size
    return total


def data_per_packet(channel: object) -> int:
    """The channel data one SSH packet carries: the peer's maximum packet size less 64 bytes
    for the headers, as paramiko's ``Channel._send`` cuts it (32,704 over OpenSSH)."""
    return max(1, int(getattr(channel, "out_max_packet_size", 32768)) - 64)


def send_channel_data(channel: paramiko.Channel, data: bytes | bytearray | memoryview) -> int:
    """Send up to ``MAX_BATCH_PACKETS`` packets of ``data`` on ``channel`` as CHANNEL_DATA;
    return how many bytes were sent (0: use ``channel.send`` instead)."""
    transport = channel.transport
    if transport is None or not transport.active or not transport.clear_to_send.is_set():
        return 0
    piece_size = data_per_packet(channel)
    with channel.lock:
        if channel.closed or channel.eof_sent:
            return 0
        total = batch_size(len(data), channel.out_window_size, piece_size)
        if total <= 0:
            return 0
        channel.out_window_size -= total
    view = memoryview(data)[:total]
    with transport.clear_to_send_lock:
        if not (transport.clear_to_send.is_set() and usable(transport)):
            with channel.lock:                        # give the window back: paramiko sends
                channel.out_window_size += total
            return 0
        write_packets(transport.packetizer, channel.remote_chanid, view, piece_size)
    return total


def write_packets(packetizer: Any, channel_id: int, view: memoryview, piece_size: int) -> int:
    """Frame, encrypt and write ``view`` as CHANNEL_DATA packets of at most ``piece_size``
    bytes, exactly as ``Packetizer.send_message`` would one by one; returns the packets sent.
    The caller has checked :func:`outbound_mode` (and holds paramiko's send lock)."""
    state = vars(packetizer)
    with state[P + "write_lock"]:
        pieces = [view[start:start + piece_size] for start in range(0, len(view), piece_size)]
        if state[P + "aead_out"]:
            packet_bytes = _gcm_packets(state, channel_id, pieces)
        else:
            packet_bytes = _ctr_packets(state, channel_id, pieces)
        _write_all(state[P + "socket"], packet_bytes, packetizer)
        state[P + "sent_bytes"] += len(packet_bytes)
        state[P + "sent_packets"] += len(pieces)
        if ((state[P + "sent_packets"] >= packetizer.REKEY_PACKETS
             or state[P + "sent_bytes"] >= packetizer.REKEY_BYTES)
                and not state[P + "need_rekey"]):
            state[P + "received_bytes_overflow"] = 0
            state[P + "received_packets_overflow"] = 0
            packetizer._trigger_rekey()
    return len(pieces)


def _header(padding: int, channel_id: int, piece: memoryview) -> bytes:
    return struct.pack(">BBII", padding, MSG_CHANNEL_DATA, channel_id, len(piece))


class _Padding:
    """Random padding bytes, drawn from the OS ``PADDING_POOL`` bytes at a time (one system
    call per ~3,000 packets instead of one per batch); each byte is used once."""

    def __init__(self) -> None:
        self._pool = b""
        self._used = 0
        self._lock = threading.Lock()

    def take(self, count: int) -> bytes:
        with self._lock:
            if self._used + count > len(self._pool):
                self._pool, self._used = os.urandom(max(PADDING_POOL, count)), 0
            start = self._used
            self._used += count
            return self._pool[start:start + count]


_padding = _Padding()


def _gcm_packets(state: dict[str, Any], channel_id: int, pieces: list[memoryview]) -> bytes:
    """AES-GCM (RFC 5647): the length is associated data; the 64-bit invocation counter in
    the last 8 bytes of the nonce goes up by one per packet."""
    engine = state[P + "block_engine_out"]
    block = state[P + "block_size_out"]
    iv: bytes = state[P + "iv_out"]
    fixed, counter = iv[:4], int.from_bytes(iv[4:], "big")
    randomness = _padding.take((block + 3) * len(pieces))
    out: list[bytes] = []
    for number, piece in enumerate(pieces):
        payload_length = 9 + len(piece)       # type, channel, string length, data
        padding = 3 + block - ((payload_length + 4) % block)
        length = struct.pack(">I", payload_length + padding + 1)
        start = number * (block + 3)
        plain = b"".join((_header(padding, channel_id, piece), piece,
                          randomness[start:start + padding]))
        out.append(length)
        out.append(engine.encrypt(fixed + counter.to_bytes(8, "big"), plain, length))
        counter = (counter + 1) & 0xFFFFFFFFFFFFFFFF
    state[P + "iv_out"] = fixed + counter.to_bytes(8, "big")
    state[P + "sequence_number_out"] = (state[P + "sequence_number_out"] + len(pieces)
                                        ) & 0xFFFFFFFF
    return b"".join(out)


def _ctr_packets(state: dict[str, Any], channel_id: int, pieces: list[memoryview]) -> bytes:
    """AES-CTR (RFC 4344) with an HMAC over the sequence number and the plain packet, or
    with encrypt-then-MAC over the clear length and the cipher text (OpenSSH's -etm)."""
    engine = state[P + "block_engine_out"]
    block = state[P + "block_size_out"]
    etm = bool(state[P + "etm_out"])
    mac_key, mac_engine = state[P + "mac_key_out"], state[P + "mac_engine_out"]
    mac_size: int = state[P + "mac_size_out"]
    sequence: int = state[P + "sequence_number_out"]
    out: list[bytes] = []
    for piece in pieces:
        payload_length = 9 + len(piece)
        padding = 3 + block - ((payload_length + (4 if etm else 8)) % block)
        length = struct.pack(">I", payload_length + padding + 1)
        body = b"".join((_header(padding, channel_id, piece), piece, bytes(padding)))
        if etm:        # paramiko pads CTR packets with zeros, as OpenSSH does
            sealed = length + engine.update(body)
            signed = sealed
        else:
            sealed = engine.update(length + body)
            signed = length + body
        mac = hmac.new(mac_key, struct.pack(">I", sequence) + signed, mac_engine).digest()
        out.append(sealed)
        out.append(mac[:mac_size])
        sequence = (sequence + 1) & 0xFFFFFFFF
    state[P + "sequence_number_out"] = sequence
    return b"".join(out)


def _write_all(sock: socket.socket, data: bytes, packetizer: Any) -> None:
    """paramiko's ``write_all`` without re-copying the unsent rest after a partial send."""
    view = memoryview(data)
    while view:
        try:
            sent = sock.send(view)
        except (TimeoutError, BlockingIOError):
            if packetizer.closed:
                raise EOFError() from None
            continue
        if sent <= 0:
            raise EOFError()
        view = view[sent:]
