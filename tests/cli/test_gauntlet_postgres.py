"""Gauntlet on PostgreSQL: the refusals that matter most for a shared database (nothing
half-saved, audit chain intact), and what only PostgreSQL enforces — column lengths and
integer ranges SQLite lets through — plus a database that belongs to another program."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.cases import Case, case, check_refused_and_verified, params, pw
from tests.cli.harness import refused, run_cli
from tests.cli.places import Places
from tests.cli.profiles import Profile
from tests.support.postgres import PostgresServer

pytestmark = pytest.mark.postgres

POSTGRES_CASES = [
    case("add-feb-31", "request", "add", "--title", "ข่าว", "--expiry", "31/02/2569", "--as",
         "somchai", stdin=pw("somchai"), says="31"),
    case("decide-by-webmaster", "request", "decide", "5", "--approve", "--as", "somchai",
         stdin=pw("somchai"), th="สิทธิ์", en="role"),
    case("user-add-wrong-admin-password", "user", "add", "malee", "--role", "webmaster",
         "--as", "admin", stdin="guess-123\nmalee-pass-123\n", th="รหัสผ่าน", en="password"),
    case("server-add-password-missing", "server", "add", "www2", "--host", "127.0.0.1",
         "--user", "web", "--password-stdin", "--web-root", "/srv/www", "--url", "https://x",
         "--archive", "/srv/archive", "--as", "admin", stdin=pw("admin"), says="stdin"),
    case("submit-beyond-int4", "request", "submit", "1" + "0" * 18, "--as", "somchai",
         stdin=pw("somchai"), says="1" + "0" * 18),
    case("server-name-too-long", "server", "add", "n" * 1000, "--host", "127.0.0.1", "--user",
         "web", "--agent", "--web-root", "/srv/www", "--url", "https://x", "--archive",
         "/srv/archive", "--as", "admin", stdin=pw("admin"), th="ชื่อเซิร์ฟเวอร์",
         en="server name"),
    case("logs-site-too-long", "logs", "import", "{out}/binary.csv", "--site", "s" * 1000,
         says="1,000"),
    case("publish-unreachable", "publish", "6", "--as", "somchai", stdin=pw("somchai"),
         says="127.0.0.1", records=("sftp_session",)),
]


@pytest.mark.parametrize(("item", "lang"), params(POSTGRES_CASES))
def test_refusals_on_postgresql_save_nothing(pg_profile: Profile, places: Places, item: Case,
                                            lang: str) -> None:
    check_refused_and_verified(pg_profile, places, item, lang)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_another_programs_database_is_refused(postgres_server: PostgresServer,
                                              tmp_path: Path, lang: str) -> None:
    """A shared database that already holds someone else's tables is left alone."""
    name = postgres_server.create_database()
    try:
        postgres_server.execute("CREATE TABLE customers (id integer)", name)
        outcome = run_cli(["--home", str(tmp_path / "profile"), "--database",
                           postgres_server.url(name), "--lang", lang, "request", "list"])
        refused(outcome, lang, name, "WebDesk")
    finally:
        postgres_server.drop_database(name)
