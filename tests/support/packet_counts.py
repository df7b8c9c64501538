"""An instrumented SSH transport for the fast-path tests: channel-data packets counted on
paramiko's own path and on the fast path, and the sends the fast path *had* to take (the
channel had window, no key exchange was running or asked for): a count that does not depend
on scheduling, since a server's window adjustments only add room and only this client starts
key exchanges."""

from __future__ import annotations

from dataclasses import dataclass, field

import paramiko
import pytest

from desktop.publish import connection as connection_module
from desktop.publish import fast_send


@dataclass
class Counts:
    """What went out: channel-data packets by path, and the sends the fast path had to take."""

    fast_packets: int = 0
    fast_bytes: int = 0
    stock_data_packets: int = 0
    must_take: int = 0
    refused: int = 0
    engines: list[object] = field(default_factory=list)
    rekeys_triggered_by_fast_path: int = 0

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


def count_packets(monkeypatch: pytest.MonkeyPatch) -> Counts:
    """Instrument every transport of this test: count packets on each path."""
    seen = Counts()
    write_packets, send_channel_data = fast_send.write_packets, fast_send.send_channel_data
    send_message = paramiko.Packetizer.send_message

    def counted_write(packetizer, channel_id, view, piece_size):  # type: ignore[no-untyped-def]
        rekey_before = packetizer.need_rekey()
        engine = vars(packetizer)[fast_send.P + "block_engine_out"]
        if engine not in seen.engines:
            seen.engines.append(engine)
        sent = write_packets(packetizer, channel_id, view, piece_size)
        seen.fast_packets += sent
        seen.fast_bytes += len(view)
        seen.rekeys_triggered_by_fast_path += packetizer.need_rekey() and not rekey_before
        return sent

    def counted_send(channel, data):  # type: ignore[no-untyped-def]
        transport = channel.transport
        must = (channel.out_window_size > 0 and transport.clear_to_send.is_set()
                and not transport.packetizer.need_rekey())
        sent = send_channel_data(channel, data)
        seen.must_take += must
        seen.refused += must and sent == 0
        return sent

    def counted_message(packetizer, message):  # type: ignore[no-untyped-def]
        seen.stock_data_packets += message.asbytes()[0] == fast_send.MSG_CHANNEL_DATA
        return send_message(packetizer, message)

    monkeypatch.setattr(fast_send, "write_packets", counted_write)
    monkeypatch.setattr(connection_module, "send_channel_data", counted_send)
    monkeypatch.setattr(paramiko.Packetizer, "send_message", counted_message)
    return seen
