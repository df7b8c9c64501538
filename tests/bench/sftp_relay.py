"""A TCP relay that makes loopback look like a long line, for the SFTP benchmark.

Each direction is a link of its own: a chunk waits for the link to be free, takes
``size / rate`` seconds to go out (unlimited when ``rate`` is 0), then ``delay`` seconds to
arrive, in order.  The link's queue holds at most ``buffer`` bytes (a router's buffer): past
that the relay stops reading from the sender, so TCP pushes back as on a real bottleneck.
It runs in its own process (``python sftp_relay.py TARGET_PORT DELAY RATE``, the port it
listens on is printed first), so it takes no CPU time from the process measured.

    relay, port = start_relay_process(target_port, delay=0.020, rate=100e6 / 8)
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable

PIECE = 16 * 1024          # a rate-limited chunk goes out in pieces of this size
BUFFER = 512 * 1024        # bytes the link may queue before the sender is held back


class LinkSide(asyncio.Protocol):
    """One end of a relayed connection: what it receives reaches the peer over the link."""

    def __init__(self, delay: float, rate: float) -> None:
        self.delay = delay
        self.rate = rate
        self.transport: asyncio.Transport | None = None
        self.peer: LinkSide | None = None
        self.queue: deque[tuple[float, bytes | None]] = deque()
        self.timer: asyncio.TimerHandle | None = None
        self.early: list[bytes] = []          # data before the peer exists
        self.link_free_at = 0.0               # when the link towards this side is idle
        self.held: set[str] = set()           # why reading from this side is paused

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP,
                                                       socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self._forward(data)

    def eof_received(self) -> bool:
        self._forward(None)
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self._forward(None)

    def pause_writing(self) -> None:          # our outgoing buffer is full: hold the peer
        if self.peer is not None:
            self.peer.hold("output")

    def resume_writing(self) -> None:
        if self.peer is not None:
            self.peer.release("output")

    def hold(self, reason: str) -> None:
        if not self.held and self.transport is not None:
            self.transport.pause_reading()
        self.held.add(reason)

    def release(self, reason: str) -> None:
        self.held.discard(reason)
        if not self.held and self.transport is not None and not self.transport.is_closing():
            self.transport.resume_reading()

    def _forward(self, data: bytes | None) -> None:
        if self.peer is None:
            self.early.append(data if data is not None else b"")
            return
        self.peer.deliver(data, source=self)

    def deliver(self, data: bytes | None, source: LinkSide) -> None:
        """Schedule ``data`` (None: end of stream) to be written on this side."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if data is None or not self.rate:
            self._enqueue(max(now, self.link_free_at) + self.delay, data)
            return
        for start in range(0, len(data), PIECE):
            piece = data[start:start + PIECE]
            self.link_free_at = max(now, self.link_free_at) + len(piece) / self.rate
            self._enqueue(self.link_free_at + self.delay, piece)
        backlog = (self.link_free_at - now) * self.rate
        if backlog > BUFFER:                  # the queue is full: hold the sender back
            source.hold("link")
            loop.call_at(self.link_free_at - BUFFER / 2 / self.rate, source.release, "link")

    def _enqueue(self, due: float, data: bytes | None) -> None:
        self.queue.append((due, data))
        if self.timer is None:
            self.timer = asyncio.get_running_loop().call_at(self.queue[0][0], self._flush)

    def _flush(self) -> None:
        self.timer = None
        loop = asyncio.get_running_loop()
        now = loop.time()
        while self.queue and self.queue[0][0] <= now:
            _due, data = self.queue.popleft()
            if self.transport is None or self.transport.is_closing():
                self.queue.clear()
                return
            if data is None:
                self.transport.close()
                self.queue.clear()
                return
            self.transport.write(data)
        if self.queue:
            self.timer = loop.call_at(self.queue[0][0], self._flush)


class LinkRelay:
    """Accepts on a free loopback port and relays to ``target_port`` over two links."""

    def __init__(self, target_port: int, delay: float, rate: float) -> None:
        self.target_port = target_port
        self.delay = delay
        self.rate = rate

    async def serve(self, announce: Callable[[int], None]) -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(self._accept, "127.0.0.1", 0)
        announce(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    def _accept(self) -> LinkSide:
        client = LinkSide(self.delay, self.rate)
        asyncio.get_running_loop().create_task(self._connect_upstream(client))
        return client

    async def _connect_upstream(self, client: LinkSide) -> None:
        loop = asyncio.get_running_loop()
        try:
            _transport, upstream = await loop.create_connection(
                lambda: LinkSide(self.delay, self.rate), "127.0.0.1", self.target_port)
        except OSError:
            if client.transport is not None:
                client.transport.close()
            return
        client.peer, upstream.peer = upstream, client
        for data in client.early:
            upstream.deliver(data or None, source=client)
        client.early.clear()


def start_relay_process(target_port: int, delay: float, rate: float = 0.0,
                        ) -> tuple[subprocess.Popen[str], int]:
    """Start a relay process; returns it and the port it listens on."""
    process = subprocess.Popen([sys.executable, __file__, str(target_port), str(delay),
                                str(rate)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, port


def main() -> None:
    target, delay, rate = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])

    def announce(port: int) -> None:
        print(port, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(LinkRelay(target, delay, rate).serve(announce))


if __name__ == "__main__":
    main()
