"""Where one big upload's CPU goes, WebDesk against OpenSSH, same sshd (a profiling aid for
``bench_sftp.py``'s big_loopback; CPU time and counts, which mean something on a loaded
machine where wall times do not).

For each upload: wall time; the client's CPU (WebDesk by thread: the sender, paramiko's
reader, the read-ahead; OpenSSH: ``sftp`` + ``ssh``); the server's CPU (the sshd session
process and its internal-sftp child, read from /proc); WebDesk's SSH packets each way and how
many of its channel-data packets took the fast path; the phases (connect, upload, publish).

    .venv/bin/python tests/bench/sftp_profile.py --mib 256 --modes openssh,default --repeat 3

``--modes``: openssh, default (sampled read-back), sizeonly, fullsha, nofastpath.  Run it
under ``chrt -f 5`` to see the figures of a quiet machine on a busy one (real-time tasks
are not time-sliced away by other load; keep such runs short).  Last printed line: one JSON
object ``{"bench": "sftp_profile", "metrics": {...}, "ratios": {...}}`` (medians).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.publish import read_ahead  # noqa: E402
from desktop.publish.connection import connect  # noqa: E402
from desktop.publish.credentials import CredentialStore  # noqa: E402
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name  # noqa: E402
from desktop.publish.profiles import ServerProfile  # noqa: E402
from desktop.publish.uploader import ItemUploader, PublishFile  # noqa: E402
from tests.bench.bench_sftp import MiB, Setup, approved, openssh_put, warm_up  # noqa: E402
from tests.publish.sshd_server import SshdServer, descendants  # noqa: E402
from tests.support.packet_counts import Counts, count_packets  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path: str) -> float:
    fields = Path(stat_path).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def server_cpu(setup: Setup) -> float:
    """CPU of every process under sshd now (the sessions of this upload)."""
    assert setup.server.process is not None
    total = 0.0
    for pid in descendants(setup.server.process.pid):
        try:
            total += cpu_seconds(f"/proc/{pid}/stat")
        except OSError:
            continue
    return total


class ServerWatch:
    """Follows the CPU of sshd's session processes while OpenSSH uploads (they end with it)."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        assert self.setup.server.process is not None
        while not self._stop.is_set():
            for pid in descendants(self.setup.server.process.pid):
                try:
                    self.seen[pid] = cpu_seconds(f"/proc/{pid}/stat")
                except OSError:
                    continue
            self._stop.wait(0.05)      # (the last 50 ms of a session may be missed)

    def total(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.seen.values())


class ReadAheadClock:
    """CPU of the read-ahead threads (they end before the upload does)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        original = read_ahead.ReadAhead._run

        def timed(ahead: read_ahead.ReadAhead) -> None:
            started = time.thread_time()
            try:
                original(ahead)
            finally:
                self.seconds += time.thread_time() - started
        read_ahead.ReadAhead._run = timed  # type: ignore[method-assign,assignment]


def thread_cpu() -> dict[int, float]:
    out = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            out[int(task.name)] = cpu_seconds(str(task / "stat"))
        except OSError:
            continue
    return out


def profile_openssh(setup: Setup, port: int, local: Path) -> dict[str, Any]:
    watch = ServerWatch(setup)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    openssh_put(setup, port, local, False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"mode": "openssh", "wall_s": round(wall, 3),
            "client_cpu_s": round(after.ru_utime - before.ru_utime
                                  + after.ru_stime - before.ru_stime, 3),
            "server_cpu_s": round(watch.total(), 3)}


def profile_webdesk(setup: Setup, port: int, files: list[PublishFile], mode: str,
                    counts: Counts, ahead: ReadAheadClock) -> dict[str, Any]:
    if mode == "nofastpath":
        os.environ["WEBDESK_FAST_PATH"] = "0"
    name = setup.next_name()
    profile = ServerProfile(name="bench", host="127.0.0.1", port=port,
                            user=setup.server.key_user.name, web_root=str(setup.web_root),
                            archive_dir=str(setup.web_root.parent / "archive"),
                            key_path=str(setup.server.plain_key_path))
    counts.reset()
    ahead.seconds = 0.0
    before_threads = thread_cpu()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    try:
        with connect(profile, HostKeyStore(setup.known_hosts, use_user_file=False),
                     CredentialStore(use_default_backend=False)) as connection:
            connected = time.perf_counter()
            uploader = ItemUploader(connection, verify_sha256=mode != "sizeonly",
                                    full_verify_max_bytes=1 << 62 if mode == "fullsha"
                                    else None)
            uploader.publish_item(name, "webdesk", files)
            published = time.perf_counter()
            threads = thread_cpu()
            main = threading.main_thread().native_id
            reader = connection.transport.native_id
            state = vars(connection.transport.packetizer)
            packets = {key: state["_Packetizer__" + key] for key in
                       ("sent_packets", "received_packets")}
            cipher = connection.transport.local_cipher
            on_server = server_cpu(setup)
    finally:
        os.environ.pop("WEBDESK_FAST_PATH", None)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    shutil.rmtree(setup.web_root / "webdesk" / name)

    def used(thread_id: int | None) -> float:
        return round(threads.get(thread_id or -1, 0.0)
                     - before_threads.get(thread_id or -1, 0.0), 3)
    return {"mode": mode, "wall_s": round(wall, 3), "cipher": cipher,
            "client_cpu_s": round(after.ru_utime - before.ru_utime
                                  + after.ru_stime - before.ru_stime, 3),
            "sender_cpu_s": used(main), "ssh_reader_cpu_s": used(reader),
            "read_ahead_cpu_s": round(ahead.seconds, 3),
            "server_cpu_s": round(on_server, 3),
            "connect_s": round(connected - started, 3),
            "upload_s": round(published - connected, 3), **packets,
            "fast_data_packets": counts.fast_packets,
            "stock_data_packets": counts.stock_data_packets}


class _Patch:
    """monkeypatch.setattr for a script (the packet counters are kept for the whole run)."""

    def setattr(self, target: object, name: str, value: object) -> None:
        setattr(target, name, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--modes", default="openssh,default")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    counts = count_packets(_Patch())  # type: ignore[arg-type]
    ahead = ReadAheadClock()
    server = SshdServer.start()
    work = Path(tempfile.mkdtemp(prefix="sftp-profile-"))
    rows: list[dict[str, Any]] = []
    try:
        web_root = server.make_folder("www", server.key_user)
        server.make_folder("archive", server.key_user)
        known_hosts = work / "known_hosts"
        known_hosts.write_text(f"{known_hosts_name('127.0.0.1', server.port)} "
                               f"{server.host_public_key_line()}\n")
        setup = Setup(server, work, web_root, known_hosts)
        big = work / "big.bin"
        with big.open("wb") as handle:
            for _ in range(args.mib):
                handle.write(os.urandom(MiB))
        files = approved([big])          # the approved manifest's hash: not timed
        warm_up(setup, server.port)
        for _ in range(args.repeat):
            for mode in args.modes.split(","):
                row = (profile_openssh(setup, server.port, big) if mode == "openssh"
                       else profile_webdesk(setup, server.port, files, mode, counts, ahead))
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    metrics: dict[str, float] = {}
    for mode in args.modes.split(","):
        mine = [row for row in rows if row["mode"] == mode]
        for key in mine[0]:
            if isinstance(mine[0][key], int | float):
                metrics[f"{mode}_{key}"] = round(statistics.median(r[key] for r in mine), 3)
    ratios = {}
    if "openssh_wall_s" in metrics and "default_wall_s" in metrics:
        ratios["wall_openssh_over_default"] = round(
            metrics["openssh_wall_s"] / metrics["default_wall_s"], 3)
        ratios["cpu_openssh_over_default"] = round(
            (metrics["openssh_client_cpu_s"] + metrics["openssh_server_cpu_s"])
            / (metrics["default_client_cpu_s"] + metrics["default_server_cpu_s"]), 3)
    print(json.dumps({"bench": "sftp_profile", "metrics": metrics, "ratios": ratios}))


if __name__ == "__main__":
    main()
