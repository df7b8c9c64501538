"""Database.snapshot (one statement, no transaction around it) and the pool's look at the
socket that replaced ``pool_pre_ping``: a connection the server ended is never handed out."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, select, text

from desktop.store.database import Database
from desktop.store.models import RequestRow


def _sent(db: Database) -> list[str]:
    sent: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: sent.append(statement))
    return sent


def _in_transaction(driver_connection: Any) -> bool:
    if isinstance(driver_connection, psycopg.Connection):
        return driver_connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE
    return bool(driver_connection.in_transaction)           # sqlite3


def test_a_snapshot_sends_only_its_statement_outside_any_transaction(
        database_url: str) -> None:
    db = Database(database_url)
    try:
        with db.snapshot() as connection:
            connection.execute(text("SELECT 1")).scalar_one()
        sent = _sent(db)
        with db.snapshot() as connection:
            assert connection.execute(text("SELECT 2")).scalar_one() == 2
            assert not _in_transaction(connection.connection.driver_connection)
        assert sent == ["SELECT 2"]
        with db.read() as session:               # read() still holds a transaction
            session.execute(text("SELECT 3"))
            assert _in_transaction(session.connection().connection.driver_connection)
    finally:
        db.dispose()


def test_a_snapshot_of_sqlite_holds_no_lock_against_a_writer(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'webdesk.sqlite3'}")
    try:
        with db.write() as session:
            session.execute(text("CREATE TABLE t (x INTEGER)"))
        with db.snapshot() as connection:
            connection.execute(text("SELECT count(*) FROM t")).scalar_one()
            with db.write() as session:          # not blocked by the reader
                session.execute(text("INSERT INTO t VALUES (1)"))
            assert connection.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    finally:
        db.dispose()


def _backend_pids(conninfo: str, database: str) -> list[int]:
    with psycopg.connect(conninfo, autocommit=True) as admin:
        return [int(row[0]) for row in admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,)).fetchall()]


@pytest.mark.postgres
def test_connections_the_server_ended_are_replaced_before_use(fresh_postgres_url: str) -> None:
    db = Database(fresh_postgres_url)
    database = fresh_postgres_url.rsplit("/", 1)[1]
    conninfo = fresh_postgres_url.replace("+psycopg", "")
    try:
        from desktop.store.migrate import upgrade_database

        upgrade_database(db, None)
        # several pooled connections, as the GUI's lanes leave them
        ready = threading.Barrier(3)

        def hold() -> None:
            with db.read() as session:
                session.execute(select(RequestRow.id).limit(1)).all()
                ready.wait(timeout=60)

        workers = [threading.Thread(target=hold) for _ in range(2)]
        for worker in workers:
            worker.start()
        ready.wait(timeout=60)
        for worker in workers:
            worker.join()
        pids = _backend_pids(conninfo, database)
        assert len(pids) >= 2
        with psycopg.connect(conninfo, autocommit=True) as admin:
            for pid in pids:                     # as a restart or an admin would
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        # the backends have said goodbye and closed their sockets once their processes are
        # gone (the server runs on this machine)
        for _ in range(1200):
            if not any(Path(f"/proc/{pid}").exists() for pid in pids):
                break
            threading.Event().wait(0.05)
        assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
        for _ in range(3):                       # every pooled connection in turn: no error
            with db.snapshot() as connection:
                assert connection.execute(select(RequestRow.id).limit(1)).all() == []
            with db.read() as session:
                assert session.execute(select(RequestRow.id).limit(1)).all() == []
    finally:
        db.dispose()
