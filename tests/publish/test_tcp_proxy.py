"""The test relay ``CuttingProxy``: it relays and cuts, and after ``close()`` none of its
threads is left (the accept loop used to stay blocked in accept() for the rest of the run)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest

from tests.publish.tcp_proxy import CuttingProxy


@pytest.fixture
def echo_port() -> Iterator[int]:
    """A loopback server that sends back what it gets (one connection at a time)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                while data := conn.recv(65536):
                    conn.sendall(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(listener.getsockname()[1])
    stop.set()
    with contextlib.suppress(OSError):
        listener.shutdown(socket.SHUT_RDWR)
    listener.close()
    thread.join(60)


def _proxy_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """The proxy's threads started since ``before`` (named CuttingProxy-*; before they were
    named, Python named them after their targets)."""
    return [t for t in threading.enumerate() if t not in before and t.is_alive()
            and (t.name.startswith("CuttingProxy") or "(_accept_loop)" in t.name
                 or "(_relay)" in t.name)]


def test_close_leaves_no_thread_of_the_proxy(echo_port: int) -> None:
    before = set(threading.enumerate())
    proxy = CuttingProxy(echo_port)
    with socket.create_connection(("127.0.0.1", proxy.port)) as idle:
        idle.sendall(b"hello")
        assert idle.recv(5) == b"hello"          # relayed, and the relay stays open, idle
        assert len(_proxy_threads(before)) == 2   # the accept loop and the relay
        proxy.close()
        assert _proxy_threads(before) == []
        assert idle.recv(1) == b""               # the idle connection was cut


def test_it_still_cuts_after_the_limit(echo_port: int) -> None:
    proxy = CuttingProxy(echo_port)
    proxy.cut_after = 8
    try:
        with socket.create_connection(("127.0.0.1", proxy.port)) as link, \
                contextlib.suppress(ConnectionResetError):
            link.sendall(b"0123456789")
            while link.recv(100):                # until the proxy cuts the link
                pass
        proxy.wait_sessions(1)
        assert proxy.cuts == 1 and proxy.last_relayed == 8
    finally:
        proxy.close()
