"""Benchmark: WebDesk's SFTP uploader against OpenSSH's ``sftp -b``, same sshd, same run.

Cases (interleaved per case, each round's order turned by one: see run_case; medians of
``--rounds`` reported; ``small_loopback`` takes at least SMALL_LOOPBACK_ROUNDS rounds — about a
second each — because its single rounds vary by 15-30 % on an idle VM, so a median of three
moves by more than its margin; ``big_loopback`` at least BIG_LOOPBACK_ROUNDS for the same
reason: one 256 MiB upload takes 1.1 to 2.4 s from round to round on this kind of shared VM, by
either contender, and three runs of its median of three gave 1.09, 1.42 and 1.21):

* ``big_loopback``    one 256 MiB file over loopback
* ``small_loopback``  1,000 files of 32 KiB over loopback
* ``small_rtt20``     the same 1,000 files through a relay adding 20 ms round-trip time
* ``big_rtt20``       one 64 MiB file through that relay
* ``big_wan``         one 64 MiB file over a district office's line: 40 ms round trip and
                      100 Mbit/s each way (a relay with a token-bucket link and a 512 KiB queue)

A = OpenSSH ``sftp -b`` (``put`` / ``put -r``); B = WebDesk's :class:`ItemUploader` with
verification on as a server profile has it by default (the ratio named after the case): every
file up to 32 MiB read back in full and hashed (SHA-256), larger files checked by size plus a
read-back of their first, last and a random 1/16 of their chunks; ``<case>_fullsha`` forces the
full SHA-256 read-back for the big files too (the small files always get it); and
``<case>_sizeonly`` is size-only verification; ``big_loopback_nofastpath`` switches the
batched SSH send/receive paths off (``WEBDESK_FAST_PATH=0``) to show what they win;
``<case>_recorded`` publishes through the recorded transaction with reconcile on a SQLite
profile (tests/bench/sftp_recorded.py) and ``<case>_recording_cost`` is its time over
``webdesk``'s (the median of the per-round ratios over RECORDING_PAIRS pairs: the
``--rounds`` rounds topped up with plain/recorded pairs, as single runs vary far more
than 5%).  ``resume_saving``: the file bytes a retry sends to finish a 64 MiB file cut
at 75%, over the file size.
All include connecting and logging in.  Before the first case each contender connects once,
unmeasured (``warm_up``): WebDesk's once-per-process work (imports, the fast path's
self-check) and OpenSSH's binaries and configuration being read for the first time would
otherwise make the first round of the first case stand out.
Ratios are OpenSSH's time over WebDesk's (higher is better); for ``big_wan`` also
``big_wan_link_use`` = WebDesk's goodput (file bytes over the whole time) / the link rate,
and ``big_wan_openssh_link_use`` the same for OpenSSH.  The relays (tests/bench/sftp_relay.py)
run in their own processes.

Targets: big_loopback >= 1.2, small_loopback >= 1.3, small_rtt20 >= 30, big_rtt20 >= 1.8,
big_wan_link_use >= 0.9, big_loopback_recording_cost and small_loopback_recording_cost
<= 1.05, resume_saving <= 0.3.
Needs root and Debian's openssh-server + openssh-client.  ``--quick`` shrinks every case.
Last printed line: one JSON object ``{"bench": "sftp", "metrics": {...}, "ratios": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.publish.connection import connect  # noqa: E402
from desktop.publish.credentials import CredentialStore  # noqa: E402
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name  # noqa: E402
from desktop.publish.profiles import ServerProfile  # noqa: E402
from desktop.publish.uploader import ItemUploader, PublishFile  # noqa: E402
from tests.bench.sftp_recorded import recorded_put, resume_saving  # noqa: E402
from tests.bench.sftp_relay import start_relay_process  # noqa: E402
from tests.publish.sshd_server import SshdServer  # noqa: E402
from tests.publish.tcp_proxy import CuttingProxy  # noqa: E402

MiB = 1024 * 1024
RTT20_DELAY = 0.010        # seconds held in each direction: 20 ms round trip
WAN_DELAY = 0.020          # 40 ms round trip ...
WAN_RATE = 100e6 / 8       # ... at 100 Mbit/s each way (bytes per second)
SMALL_LOOPBACK_ROUNDS = 9
BIG_LOOPBACK_ROUNDS = 5
ALL_CASES = "big_loopback,small_loopback,small_rtt20,big_rtt20,big_wan,resume_saving"


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
    """``verify``: "default" (the profile's), "fullsha" (every byte read back), "sizeonly",
    or "nofastpath" (the default with WEBDESK_FAST_PATH=0: what the fast path wins), or
    "recorded" (through the recorded transaction: sftp_recorded.py)."""
    if verify == "recorded":
        return recorded_put(setup, port, files)
    name = setup.next_name()
    if verify == "nofastpath":
        os.environ["WEBDESK_FAST_PATH"] = "0"
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
    os.environ.pop("WEBDESK_FAST_PATH", None)
    shutil.rmtree(setup.web_root / "webdesk" / name)
    return elapsed


def warm_up(setup: Setup, port: int) -> None:
    """One unmeasured connection of each contender (see the module docstring)."""
    batch = setup.work / "warm.txt"
    batch.write_text("pwd\n")
    subprocess.run(["sftp", "-q", "-b", str(batch), "-P", str(port),
                    "-i", str(setup.server.plain_key_path),
                    "-o", f"UserKnownHostsFile={setup.known_hosts}",
                    "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-o", "GlobalKnownHostsFile=/dev/null",
                    f"{setup.server.key_user.name}@127.0.0.1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    profile = ServerProfile(name="bench", host="127.0.0.1", port=port,
                            user=setup.server.key_user.name, web_root=str(setup.web_root),
                            archive_dir=str(setup.web_root.parent / "archive"),
                            key_path=str(setup.server.plain_key_path))
    with connect(profile, HostKeyStore(setup.known_hosts, use_user_file=False),
                 CredentialStore(use_default_backend=False)) as connection:
        connection.sftp.stat(str(setup.web_root))


# --- cases --------------------------------------------------------------------------------------

@dataclass
class Case:
    port: int
    local: Path                   # what OpenSSH puts (a file, or a folder with -r)
    files: list[PublishFile]      # what WebDesk publishes
    total_bytes: int
    extra: tuple[str, ...] = ("fullsha", "sizeonly")     # other WebDesk verification modes
    link_rate: float = 0.0        # bytes/s of the emulated link (0: none)
    min_rounds: int = 0           # at least this many rounds, whatever --rounds says
    recursive: bool = field(init=False)

    def __post_init__(self) -> None:
        self.recursive = self.local.is_dir()


def run_case(rounds: int, contenders: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Every contender once a round, the order turned by one each round (A B C, B C A,
    C A B, ...): no contender always runs right after the same one, so none always pays for
    what another left behind (an sshd session ending, 256 MiB just written and removed)."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        turn = round_number % len(names)
        for name in names[turn:] + names[:turn]:
            times[name].append(contenders[name]())
    return times


RECORDING_PAIRS = 15     # plain/recorded pairs behind a recording cost (see recording_pairs)


def recording_pairs(times: dict[str, list[float]], contenders: dict[str, Callable[[], float]],
                    rounds: int) -> list[float]:
    """recorded / plain for each round, paired (the load drifts between rounds), topped up to
    RECORDING_PAIRS pairs: on this kind of shared VM one 256 MiB upload takes 1.1 to 2.4 s
    from run to run, so the median of three ratios moves by about 0.1 — more than the 5% the
    target allows — while the recorded work itself is a few tens of milliseconds."""
    pairs = [recorded / plain for recorded, plain in zip(times["webdesk_recorded"],
                                                         times["webdesk"], strict=True)]
    for _ in range(max(0, RECORDING_PAIRS - rounds)):
        plain = contenders["webdesk"]()
        pairs.append(contenders["webdesk_recorded"]() / plain)
    return pairs


def measure(setup: Setup, name: str, case: Case, rounds: int,
            metrics: dict[str, float], ratios: dict[str, float]) -> None:
    contenders: dict[str, Callable[[], float]] = {
        "openssh": lambda: openssh_put(setup, case.port, case.local, case.recursive),
        "webdesk": lambda: webdesk_put(setup, case.port, case.files, "default")}
    for verify in case.extra:
        contenders[f"webdesk_{verify}"] = (
            lambda v=verify: webdesk_put(setup, case.port, case.files, v))  # type: ignore[misc]
    rounds = max(rounds, case.min_rounds)
    times = run_case(rounds, contenders)
    medians = {who: statistics.median(values) for who, values in times.items()}
    count = len(case.files)
    for who, seconds in medians.items():
        metrics[f"{name}_{who}_MiB_s"] = round(case.total_bytes / MiB / seconds, 2)
        metrics[f"{name}_{who}_files_s"] = round(count / seconds, 2)
        metrics[f"{name}_{who}_s"] = round(seconds, 3)
        if who != "openssh":
            ratios[name + who.removeprefix("webdesk")] = round(medians["openssh"] / seconds, 3)
    if "webdesk_recorded" in times:
        pairs = recording_pairs(times, contenders, rounds)
        ratios[f"{name}_recording_cost"] = round(statistics.median(pairs), 3)
        quartiles = statistics.quantiles(pairs, n=4)
        print(f"{name}_recording_cost over {len(pairs)} paired rounds: median "
              f"{statistics.median(pairs):.3f}, quartiles {quartiles[0]:.3f}-{quartiles[2]:.3f}",
              [round(p, 3) for p in pairs], flush=True)
    if case.link_rate:
        for who, key in (("webdesk", f"{name}_link_use"),
                         ("openssh", f"{name}_openssh_link_use")):
            ratios[key] = round(case.total_bytes / medians[who] / case.link_rate, 3)
    print(name, {k: v for k, v in metrics.items() if k.startswith(name)},
          {k: v for k, v in ratios.items() if k.startswith(name)},
          "every round (s):", {who: [round(t, 3) for t in values] for who, values in times.items()},
          flush=True)


def make_files(work: Path, big_size: int, rtt_big_size: int, small_count: int,
               ) -> tuple[Path, Path, Path]:
    big, rtt_big, small_dir = work / "big.bin", work / "rtt_big.bin", work / "small"
    with big.open("wb") as handle:
        for _ in range(big_size // MiB):
            handle.write(os.urandom(MiB))
    rtt_big.write_bytes(big.read_bytes()[:rtt_big_size])
    small_dir.mkdir()
    for n in range(small_count):
        (small_dir / f"file-{n:04d}.bin").write_bytes(os.urandom(32 * 1024))
    return big, rtt_big, small_dir


def approved(paths: list[Path]) -> list[PublishFile]:
    specs = [PublishFile(path.name, path) for path in paths]
    for spec in specs:                       # hashes come with the approved manifest
        object.__setattr__(spec, "sha256", spec.digest())
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cases", default=ALL_CASES)
    args = parser.parse_args()
    scale = 16 if args.quick else 1
    big_size, small_count, rtt_big_size = 256 * MiB // scale, 1000 // scale, 64 * MiB // scale

    server = SshdServer.start()
    relays = [start_relay_process(server.port, RTT20_DELAY),
              start_relay_process(server.port, WAN_DELAY, WAN_RATE)]
    (rtt20_port, wan_port) = (port for _process, port in relays)
    work = Path(tempfile.mkdtemp(prefix="bench-sftp-"))
    metrics: dict[str, float] = {}
    ratios: dict[str, float] = {}
    try:
        web_root = server.make_folder("www", server.key_user)
        server.make_folder("archive", server.key_user)
        known_hosts = work / "known_hosts"
        key_line = server.host_public_key_line()
        known_hosts.write_text("".join(f"{known_hosts_name('127.0.0.1', port)} {key_line}\n"
                                       for port in (server.port, rtt20_port, wan_port)))
        setup = Setup(server, work, web_root, known_hosts)
        big, rtt_big, small_dir = make_files(work, big_size, rtt_big_size, small_count)
        small_files = approved(sorted(small_dir.iterdir()))
        warm_up(setup, server.port)
        small_bytes = small_count * 32 * 1024
        cases = {
            "big_loopback": Case(server.port, big, approved([big]), big_size,
                                 extra=("fullsha", "sizeonly", "nofastpath", "recorded"),
                                 min_rounds=BIG_LOOPBACK_ROUNDS),
            "small_loopback": Case(server.port, small_dir, small_files, small_bytes,
                                   extra=("sizeonly", "recorded"),  # 32 KiB: all read back
                                   min_rounds=SMALL_LOOPBACK_ROUNDS),
            "small_rtt20": Case(rtt20_port, small_dir, small_files, small_bytes,
                                extra=("sizeonly",)),
            "big_rtt20": Case(rtt20_port, rtt_big, approved([rtt_big]), rtt_big_size),
            "big_wan": Case(wan_port, rtt_big, approved([rtt_big]), rtt_big_size,
                            extra=(), link_rate=WAN_RATE),
        }
        for name in args.cases.split(","):
            if name == "resume_saving":
                ratios.update(resume_saving(setup, CuttingProxy, 64 * MiB // scale))
                continue
            measure(setup, name, cases[name], args.rounds, metrics, ratios)
    finally:
        for process, _port in relays:
            process.terminate()
            process.wait(10)
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"bench": "sftp", "metrics": metrics, "ratios": ratios}))


if __name__ == "__main__":
    main()
