"""A throwaway PostgreSQL cluster on loopback for the tests, started and removed by them.

Debian's server binaries (``/usr/lib/postgresql/N/bin``) are used. ``initdb`` refuses to run
as root, so under root the cluster belongs to the ``postgres`` OS user. Authentication is
``trust`` on 127.0.0.1 and the Unix socket lives in the cluster's own temporary folder, so
nothing outside that folder is touched.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support import leftovers

SUPERUSER = "webdesk"
TEST_DATABASE = "webdesk_test"
_START_ATTEMPTS = 3


class PostgresStartError(RuntimeError):
    """The throwaway cluster could not be created or started; the message holds its log."""


@dataclass
class PostgresServer:
    """A running throwaway cluster. Use :func:`start_postgres` to get one."""

    bin_dir: Path
    base_dir: Path
    port: int
    os_user: str | None  # the OS user the server runs as (None: the current user)

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base_dir / "socket"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "server.log"

    def url(self, database: str = TEST_DATABASE) -> str:
        """SQLAlchemy URL (psycopg 3 driver) of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        """libpq connection string, for psycopg.connect()."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement in autocommit mode (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.conninfo(database), autocommit=True) as connection:
            connection.execute(sql.encode())

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a unique name when none is given) and return its name."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        _check_identifier(name)
        self.execute(f'CREATE DATABASE "{name}" OWNER "{SUPERUSER}" ENCODING \'UTF8\'')
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name`` even if a test left connections open to it."""
        _check_identifier(name)
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                _run(
                    [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data_dir),
                     "-m", "immediate", "-w", "-t", "30"],
                    self.os_user, check=False,
                )
        finally:
            shutil.rmtree(self.base_dir, ignore_errors=True)


def start_postgres(bin_dir: Path, database: str = TEST_DATABASE) -> PostgresServer:
    """initdb into a new temporary folder, start on a free loopback port, create ``database``.

    Raises :class:`PostgresStartError` (with the server log) when that fails.
    """
    os_user = "postgres" if os.geteuid() == 0 else None
    base_dir = Path(tempfile.mkdtemp(prefix="webdesk-pg-"))
    leftovers.track_path(base_dir)
    server = PostgresServer(bin_dir=bin_dir, base_dir=base_dir, port=0, os_user=os_user)
    try:
        server.socket_dir.mkdir()
        if os_user is not None:
            record = pwd.getpwnam(os_user)
            for path in (base_dir, server.socket_dir):
                os.chown(path, record.pw_uid, record.pw_gid)
        _initdb(server)
        _start_on_free_port(server)
        server.create_database(database)
    except BaseException:
        server.stop()
        raise
    return server


def _initdb(server: PostgresServer) -> None:
    result = _run(
        [str(server.bin_dir / "initdb"), "-D", str(server.data_dir), "--username", SUPERUSER,
         "--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--no-sync"],
        server.os_user, check=False,
    )
    if result.returncode != 0:
        raise PostgresStartError(f"initdb failed ({result.returncode}):\n{result.stdout}")


def _start_on_free_port(server: PostgresServer) -> None:
    output = ""
    for _attempt in range(_START_ATTEMPTS):
        server.port = free_loopback_port()
        options = (
            f"-p {server.port} -k {server.socket_dir} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = _run(
            [str(server.bin_dir / "pg_ctl"), "start", "-D", str(server.data_dir), "-w",
             "-t", "60", "-l", str(server.log_file), "-o", options],
            server.os_user, check=False,
        )
        if result.returncode == 0:
            with contextlib.suppress(OSError, ValueError, IndexError):
                pid = (server.data_dir / "postmaster.pid").read_text().split()[0]
                leftovers.track_process(int(pid))
            return
        output = result.stdout + _read_log(server.log_file)
    raise PostgresStartError(f"pg_ctl start failed {_START_ATTEMPTS} times:\n{output}")


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: Sequence[str], os_user: str | None,
         check: bool) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    environment["LC_ALL"] = "C"
    return subprocess.run(
        list(command), user=os_user, env=environment, cwd="/", check=check,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=120,
    )


def _read_log(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-4000:]
    except OSError:
        return ""


def _check_identifier(name: str) -> None:
    if not name or not all(ch.isalnum() or ch == "_" for ch in name):
        raise ValueError(f"not a plain database name: {name!r}")
