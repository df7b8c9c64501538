"""A loopback TCP relay between WebDesk and sshd that can cut the link after N bytes.

Used by the fault-injection test: ``cut_after`` counts the bytes relayed in both directions of
one connection (only those going to the server with ``upload_only``); when reached, both
sockets are closed mid-stream, as a dropped line would.  :meth:`close` stops the accept loop
and every relay still open and joins their threads: nothing of the proxy runs after it.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time

JOIN_SECONDS = 60.0      # a safety net only: the threads end as soon as their sockets are shut


class CuttingProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1",
                 delay: float = 0.0, listen_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.delay = delay            # seconds each chunk waits: a slow link
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((listen_host, 0))
        self.listener.listen(16)
        self.port = int(self.listener.getsockname()[1])
        self.cut_after: int | None = None
        self.upload_only = False      # count only what the client sends
        self.last_relayed = 0
        self.cuts = 0
        self.sessions_done = 0
        self._done = threading.Condition()
        self._closing = False
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()        # sockets of the relays still running
        self._relays: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._accept_loop, name="CuttingProxy-accept",
                                        daemon=True)
        self._thread.start()

    def _accept_loop(self) -> None:
        while not self._closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                if self._closing:
                    client.close()
                    return
                self._open.add(client)
                relay = threading.Thread(target=self._relay, args=(client, self.cut_after),
                                         name="CuttingProxy-relay", daemon=True)
                self._relays = [t for t in self._relays if t.is_alive()] + [relay]
                relay.start()                 # under the lock: close() joins started ones

    def _relay(self, client: socket.socket, limit: int | None) -> None:
        try:
            server = socket.create_connection(self.target)
        except OSError:
            with self._lock:
                self._open.discard(client)
            client.close()
            return
        with self._lock:
            self._open.add(server)
            closing = self._closing
        if closing:                      # close() ran while connecting: it missed this one
            server.shutdown(socket.SHUT_RDWR)
        for sock in (client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        relayed = 0
        peers = {client: server, server: client}
        counted = {client} if self.upload_only else {client, server}
        try:
            while True:
                readable, _, _ = select.select(list(peers), [], [], 30)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if self.delay:
                        time.sleep(self.delay)
                    if sock not in counted:
                        peers[sock].sendall(data)
                        continue
                    if limit is not None and relayed + len(data) >= limit:
                        keep = max(0, limit - relayed)
                        if keep:
                            peers[sock].sendall(data[:keep])
                        relayed += keep
                        self.cuts += 1
                        return
                    peers[sock].sendall(data)
                    relayed += len(data)
        except OSError:
            return
        finally:
            for sock in (client, server):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._open.difference_update((client, server))
            with self._done:
                self.last_relayed = relayed
                self.sessions_done += 1
                self._done.notify_all()

    def wait_sessions(self, count: int, timeout: float = 10.0) -> None:
        """Wait until ``count`` relayed connections have ended (``last_relayed`` is then set)."""
        with self._done:
            self._done.wait_for(lambda: self.sessions_done >= count, timeout)

    def close(self) -> None:
        """Stop accepting, cut the relays still open and wait for every thread to end."""
        with self._lock:
            self._closing = True
            still_open = list(self._open)
            relays = list(self._relays)
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)    # wakes the accept() (Linux)
        self.listener.close()
        for sock in still_open:                          # wakes each relay's select()
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(JOIN_SECONDS)
        for relay in relays:
            relay.join(JOIN_SECONDS)
