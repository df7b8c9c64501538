"""Benchmark: WebDesk's SFTP uploader against OpenSSH's ``sftp -b``, same sshd, same run.

Cases (interleaved A/B/A/B per case, medians reported):

* ``big_loopback``    one 256 MiB file over loopback
* ``small_loopback``  1,000 files of 32 KiB over loopback
* ``small_rtt20``     the same 1,000 files through a relay adding 20 ms round-trip time
* ``big_rtt20``       one 64 MiB file through that relay

A = OpenSSH ``sftp -b`` (``put`` / ``put -r``); B = WebDesk's :class:`ItemUploader` with
verification on as a server profile has it by default (the ratio named after the case): every
file up to 32 MiB read back in full and hashed (SHA-256), larger files checked by size plus a
read-back of their first, last and a random 1/16 of their chunks; ``<case>_fullsha`` forces the
full SHA-256 read-back for the big files too (the small files always get it); and
``<case>_sizeonly`` is size-only verification.  All include connecting and logging in.
The relay is an asyncio TCP relay holding every chunk 10 ms in each direction, keeping order.

Targets: big_loopback >= 1.0, small_loopback >= 1.0, small_rtt20 >= 10, big_rtt20 >= 1.5.
Needs root and Debian's openssh-server + openssh-client.  ``--quick`` shrinks every case.
Last printed line: one JSON object ``{"bench": "sftp", "metrics": {...}, "ratios": {...}}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.publish.connection import connect  # noqa: E402
from desktop.publish.credentials import CredentialStore  # noqa: E402
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name  # noqa: E402
from desktop.publish.profiles import ServerProfile  # noqa: E402
from desktop.publish.uploader import ItemUploader, PublishFile  # noqa: E402
from tests.publish.sshd_server import SshdServer  # noqa: E402

MiB = 1024 * 1024
DELAY = 0.010          # seconds held in each direction by the relay


# --- the latency relay ------------------------------------------------------------------------

class DelayedSide(asyncio.Protocol):
    """One end of a relayed connection: what it receives reaches the peer ``delay`` s later.

    Chunks wait in a FIFO with their due time; one timer writes whatever is due, so the
    order is kept and the relay adds latency without becoming a bandwidth limit.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.transport: asyncio.Transport | None = None
        self.peer: DelayedSide | None = None
        self.queue: deque[tuple[float, bytes | None]] = deque()
        self.timer: asyncio.TimerHandle | None = None
        self.early: list[bytes] = []          # data before the peer exists

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP,
                                                       socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self._enqueue(data)

    def eof_received(self) -> bool:
        self._enqueue(None)
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self._enqueue(None)

    def pause_writing(self) -> None:             # our outgoing buffer is full: stop the peer
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.resume_reading()

    def _enqueue(self, data: bytes | None) -> None:
        if self.peer is None:
            self.early.append(data if data is not None else b"")
            return
        self.peer.deliver_later(data)

    def deliver_later(self, data: bytes | None) -> None:
        loop = asyncio.get_running_loop()
        self.queue.append((loop.time() + self.delay, data))
        if self.timer is None:
            self.timer = loop.call_at(self.queue[0][0], self._flush)

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


class LatencyRelay:
    """An asyncio TCP relay: each chunk is delivered ``delay`` s later, in order, both ways."""

    def __init__(self, target_port: int, delay: float = DELAY) -> None:
        self.target_port = target_port
        self.delay = delay

    async def serve(self, announce: Callable[[int], None]) -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(self._accept, "127.0.0.1", 0)
        announce(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    def _accept(self) -> DelayedSide:
        client = DelayedSide(self.delay)
        asyncio.get_running_loop().create_task(self._connect_upstream(client))
        return client

    async def _connect_upstream(self, client: DelayedSide) -> None:
        loop = asyncio.get_running_loop()
        try:
            _transport, upstream = await loop.create_connection(
                lambda: DelayedSide(self.delay), "127.0.0.1", self.target_port)
        except OSError:
            if client.transport is not None:
                client.transport.close()
            return
        client.peer, upstream.peer = upstream, client
        for data in client.early:
            upstream.deliver_later(data or None)
        client.early.clear()


def start_relay_process(target_port: int) -> tuple[subprocess.Popen[str], int]:
    """The relay runs in its own process, so it takes no CPU time from the process measured."""
    process = subprocess.Popen([sys.executable, __file__, "--relay", str(target_port)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, port


def relay_main(target_port: int) -> None:
    def announce(port: int) -> None:
        print(port, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(LatencyRelay(target_port).serve(announce))


# --- the two contenders ------------------------------------------------------------------------

@dataclass
class Setup:
    server: SshdServer
    work: Path
    web_root: Path
    known_hosts: Path
    counter: int = 0

    def next_name(self) -> str:
        self.counter += 1
        return f"run{self.counter}"


def openssh_put(setup: Setup, port: int, local: Path, recursive: bool) -> float:
    name = setup.next_name()
    remote = setup.web_root / "openssh" / name
    remote.parent.mkdir(exist_ok=True)
    os.chown(remote.parent, setup.server.key_user.uid, setup.server.key_user.gid)
    batch = setup.work / "batch.txt"
    if recursive:
        batch.write_text(f"mkdir {remote}\nput -r {local}/* {remote}/\n")
    else:
        batch.write_text(f"mkdir {remote}\nput {local} {remote}/{local.name}\n")
    command = ["sftp", "-q", "-b", str(batch), "-P", str(port),
               "-i", str(setup.server.plain_key_path),
               "-o", f"UserKnownHostsFile={setup.known_hosts}", "-o", "StrictHostKeyChecking=yes",
               "-o", "BatchMode=yes", "-o", "GlobalKnownHostsFile=/dev/null",
               f"{setup.server.key_user.name}@127.0.0.1"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    shutil.rmtree(remote)
    return elapsed


def webdesk_put(setup: Setup, port: int, files: list[PublishFile], verify: str) -> float:
    """``verify``: "default" (the profile's), "fullsha" (every byte read back) or "sizeonly"."""
    name = setup.next_name()
    profile = ServerProfile(name="bench", host="127.0.0.1", port=port,
                            user=setup.server.key_user.name, web_root=str(setup.web_root),
                            archive_dir=str(setup.web_root.parent / "archive"),
                            key_path=str(setup.server.plain_key_path))
    started = time.perf_counter()
    with connect(profile, HostKeyStore(setup.known_hosts, use_user_file=False),
                 CredentialStore(use_default_backend=False)) as connection:
        uploader = ItemUploader(connection, verify_sha256=verify != "sizeonly",
                                full_verify_max_bytes=1 << 62 if verify == "fullsha" else None)
        uploader.publish_item(name, "webdesk", files)
    elapsed = time.perf_counter() - started
    shutil.rmtree(setup.web_root / "webdesk" / name)
    return elapsed


# --- cases --------------------------------------------------------------------------------------

def run_case(rounds: int, contenders: dict[str, Callable[[], float]]) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():          # A, B, B' then A, B, B' ...
            times[name].append(run())
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cases", default="big_loopback,small_loopback,small_rtt20,big_rtt20")
    parser.add_argument("--relay", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.relay:
        relay_main(args.relay)
        return
    scale = 16 if args.quick else 1
    big_size, small_count, rtt_big_size = 256 * MiB // scale, 1000 // scale, 64 * MiB // scale
    small_size = 32 * 1024
    wanted = args.cases.split(",")

    server = SshdServer.start()
    relay, relay_port = start_relay_process(server.port)
    work = Path(tempfile.mkdtemp(prefix="bench-sftp-"))
    try:
        web_root = server.make_folder("www", server.key_user)
        server.make_folder("archive", server.key_user)
        known_hosts = work / "known_hosts"
        key_line = server.host_public_key_line()
        known_hosts.write_text(f"{known_hosts_name('127.0.0.1', server.port)} {key_line}\n"
                               f"{known_hosts_name('127.0.0.1', relay_port)} {key_line}\n")
        setup = Setup(server, work, web_root, known_hosts)
        big = work / "big.bin"
        small_dir = work / "small"
        small_dir.mkdir()
        rtt_big = work / "rtt_big.bin"
        with big.open("wb") as handle:
            for _ in range(big_size // MiB):
                handle.write(os.urandom(MiB))
        rtt_big.write_bytes(big.read_bytes()[:rtt_big_size])
        for n in range(small_count):
            (small_dir / f"file-{n:04d}.bin").write_bytes(os.urandom(small_size))
        big_files = [PublishFile(big.name, big)]
        rtt_big_files = [PublishFile(rtt_big.name, rtt_big)]
        small_files = [PublishFile(p.name, p) for p in sorted(small_dir.iterdir())]
        for spec in [*big_files, *rtt_big_files, *small_files]:     # hashes come with the
            object.__setattr__(spec, "sha256", spec.digest())      # approved manifest
        cases = {
            "big_loopback": (server.port, big, False, big_files, big_size, 1),
            "small_loopback": (server.port, small_dir, True, small_files,
                               small_count * small_size, small_count),
            "small_rtt20": (relay_port, small_dir, True, small_files,
                            small_count * small_size, small_count),
            "big_rtt20": (relay_port, rtt_big, False, rtt_big_files, rtt_big_size, 1),
        }
        metrics: dict[str, float] = {}
        ratios: dict[str, float] = {}
        for case in wanted:
            port, local, recursive, files, total_bytes, count = cases[case]
            contenders = {
                "openssh": lambda p=port, loc=local, r=recursive: openssh_put(setup, p, loc, r),
                "webdesk": lambda p=port, f=files: webdesk_put(setup, p, f, "default"),
                "webdesk_fullsha": lambda p=port, f=files: webdesk_put(setup, p, f, "fullsha"),
                "webdesk_sizeonly": lambda p=port, f=files: webdesk_put(setup, p, f, "sizeonly"),
            }
            if count > 1:         # 32 KiB files: the default already reads every byte back
                del contenders["webdesk_fullsha"]
            medians = run_case(args.rounds, contenders)
            for name, seconds in medians.items():
                metrics[f"{case}_{name}_MiB_s"] = round(total_bytes / MiB / seconds, 2)
                metrics[f"{case}_{name}_files_s"] = round(count / seconds, 2)
                metrics[f"{case}_{name}_s"] = round(seconds, 3)
            for name, seconds in medians.items():
                if name != "openssh":
                    key = case + name.removeprefix("webdesk")
                    ratios[key] = round(medians["openssh"] / seconds, 3)
            print(case, {k: v for k, v in metrics.items() if k.startswith(case)},
                  {k: v for k, v in ratios.items() if k.startswith(case)}, flush=True)
    finally:
        relay.terminate()
        relay.wait(10)
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"bench": "sftp", "metrics": metrics, "ratios": ratios}))


if __name__ == "__main__":
    main()
