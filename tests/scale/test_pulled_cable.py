"""A database server that vanishes without closing the connection — a pulled cable, a VPN
that drops — is given up on with a message, not waited for forever (libpq keepalives and
TCP_USER_TIMEOUT, store/early_read.py PG_CONNECTION_GUARDS).

The PC is a process in a network namespace of its own, joined to this one by a veth pair;
a relay here passes its connection on to the test's PostgreSQL.  Taking the veth link down
drops every packet silently: nothing closes, nothing answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.store.change_feed import APPLICATION_NAME, listen_options
from desktop.store.database import make_engine
from desktop.store.early_read import PG_CONNECTION_GUARDS
from tests.publish.tcp_proxy import CuttingProxy
from tests.support.components import require

ROOT = Path(__file__).resolve().parents[2]
CLIENT = Path(__file__).with_name("cable_client.py")
APP_NAME = "webdesk-cable-test"
# keepalives give up after 10 + 3 × 5 s, a connect after 10 s: a bound far above both, far
# below forever
BOUND = 240.0


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=30)


@dataclass
class Line:
    namespace: str
    host_side: str
    host_address: str


@pytest.fixture
def line() -> Iterator[Line]:
    """A network namespace and a veth pair to it (removed afterwards)."""
    require(os.geteuid() == 0 and shutil.which("ip") is not None,
            "root and the ip command (Debian: iproute2)")
    n = os.getpid() % 100_000
    line = Line(f"webdesk-cable-{n}", f"wdc{n}h", f"10.231.{n % 250}.1")
    inside = f"wdc{n}n"
    try:
        _ip("netns", "add", line.namespace)
        _ip("link", "add", line.host_side, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", line.namespace)
        _ip("addr", "add", f"{line.host_address}/30", "dev", line.host_side)
        _ip("link", "set", line.host_side, "up")
        guest = line.host_address.rsplit(".", 1)[0] + ".2"
        _ip("-n", line.namespace, "addr", "add", f"{guest}/30", "dev", inside)
        _ip("-n", line.namespace, "link", "set", inside, "up")
        _ip("-n", line.namespace, "link", "set", "lo", "up")
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"could not make a network namespace: {exc.stderr.decode()}")
    try:
        yield line
    finally:
        subprocess.run(["ip", "link", "del", line.host_side], capture_output=True, timeout=30)
        subprocess.run(["ip", "netns", "del", line.namespace], capture_output=True,
                       timeout=30)


def _end_backends(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE application_name = :name"), {"name": APP_NAME})
    finally:
        engine.dispose()


def _sleeping(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return bool(connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
                "AND query LIKE 'SELECT pg_sleep%' AND state = 'active'"),
                {"name": APP_NAME}).scalar())
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_pulled_cable_ends_in_a_message_not_a_wait_forever(
        line: Line, fresh_postgres_url: str, qtbot) -> None:  # noqa: ANN001
    """The PC reads once, then starts a query the server takes its time over; the cable is
    pulled meanwhile.  The query ends with "the database cannot be reached" (keepalives:
    without them it waits for a reply that never comes), and so does the next try on a new
    connection (the connect gives up)."""
    url = make_url(fresh_postgres_url)
    relay = CuttingProxy(url.port or 5432, listen_host=line.host_address)
    client_url = url.set(host=line.host_address, port=relay.port,
                         query={"application_name": APP_NAME})
    process = subprocess.Popen(
        ["ip", "netns", "exec", line.namespace, sys.executable, str(CLIENT),
         client_url.render_as_string(hide_password=False), str(ROOT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().split() == ["first", "ok"]
        assert process.stdout.readline().strip() == "querying"
        qtbot.waitUntil(lambda: _sleeping(fresh_postgres_url), timeout=60_000)
        _ip("link", "set", line.host_side, "down")              # the cable is pulled
        out, err = process.communicate(timeout=BOUND)
        assert process.returncode == 0, err
        assert out.split("\n")[:2] == ["query database_unreachable",
                                      "again database_unreachable"], (out, err)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
        relay.close()
        _end_backends(fresh_postgres_url)


def test_every_connection_to_postgresql_carries_the_guards(fresh_postgres_url: str) -> None:
    """The app's engine asks libpq for keepalives and a send timeout (read back from the
    live connection), a value the URL sets itself winning; the change feed's listening
    connection asks for the same."""
    engine = make_engine(fresh_postgres_url + "?connect_timeout=7")
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            parameters = raw.info.get_parameters()          # type: ignore[attr-defined]
    finally:
        engine.dispose()
    assert parameters["connect_timeout"] == "7"
    for key, value in PG_CONNECTION_GUARDS.items():
        if key != "connect_timeout":
            assert parameters[key] == str(value), key
    options = listen_options(fresh_postgres_url)
    assert options["connect_timeout"] == 5 and options["application_name"] == APPLICATION_NAME
    assert {k: v for k, v in options.items() if k not in ("connect_timeout",
                                                           "application_name")} == {
        k: v for k, v in PG_CONNECTION_GUARDS.items() if k != "connect_timeout"}
