"""The throwaway PostgreSQL server the store tests use: it answers, and databases are fresh."""

from __future__ import annotations

import sqlalchemy as sa

from tests.support.postgres import PostgresServer


def _scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql)).scalar_one()
    finally:
        engine.dispose()


def test_postgres_url_answers_select_version(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://")
    version = _scalar(postgres_url, "select version()")
    assert isinstance(version, str) and version.startswith("PostgreSQL ")
    assert _scalar(postgres_url, "select current_database()") == "webdesk_test"


def test_server_listens_on_loopback_only(postgres_url: str) -> None:
    assert _scalar(postgres_url, "show listen_addresses") == "127.0.0.1"
    assert "@127.0.0.1:" in postgres_url


def test_fresh_database_is_empty_and_private(
    fresh_postgres_url: str, postgres_server: PostgresServer
) -> None:
    engine = sa.create_engine(fresh_postgres_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        with engine.begin() as connection:
            connection.execute(sa.text("create table marker (id integer primary key)"))
        assert sa.inspect(engine).get_table_names() == ["marker"]
    finally:
        engine.dispose()
    other = postgres_server.create_database()
    try:
        other_engine = sa.create_engine(postgres_server.url(other))
        try:
            assert sa.inspect(other_engine).get_table_names() == []
        finally:
            other_engine.dispose()
    finally:
        postgres_server.drop_database(other)


def test_dropping_a_database_closes_connections_left_open(
    postgres_server: PostgresServer,
) -> None:
    name = postgres_server.create_database()
    engine = sa.create_engine(postgres_server.url(name))
    connection = engine.connect()  # left open on purpose, as a careless test would
    connection.execute(sa.text("select 1"))
    postgres_server.drop_database(name)
    listed = _scalar(
        postgres_server.url("postgres"),
        f"select count(*) from pg_database where datname = '{name}'",
    )
    assert listed == 0
    connection.invalidate()
    engine.dispose()


def test_database_url_runs_on_both_back_ends(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("create table note (id integer primary key, body text)"))
            connection.execute(sa.text("insert into note (id, body) values (1, 'สวัสดี')"))
        with engine.connect() as connection:
            body = connection.execute(sa.text("select body from note where id = 1")).scalar_one()
        assert body == "สวัสดี"
    finally:
        engine.dispose()
