"""Seeded profiles for the gauntlet, and what "nothing was half-saved" means for them.

Seeding (argon2 for six users, twelve requests) is slow, so it happens once per run into a
template folder (and, for PostgreSQL, a template database); each test gets a copy.  A
:class:`Snapshot` is every table's rows; :func:`assert_unchanged` allows only what a refused
command may leave: the audit rows of its sign-in and the user's failed-password count.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from desktop.store.search_index import is_model_object
from tests.cli.harness import Outcome, run_cli

DEMO_PASSWORDS = {"admin": "admin-demo-1", "somchai": "somchai-demo-1",
                  "somsri": "somsri-demo-1", "director": "director-demo-1",
                  "head": "head-demo-1", "scheduler": "scheduler-demo-1",
                  "retired": "retired-pass-1"}
DISABLED = "retired"     # a webmaster whose account the admin disabled
SERVER = "site"          # the template's server profile: an SFTP port that refuses
PROFILE_FILES = ("settings.json", "audit-witness.json")
# What a refused command may write: who tried to sign in (audited) and, for a wrong
# password, the failure count that leads to a lockout.
SIGN_IN_ACTIONS = frozenset({"sign_in", "sign_in_failed"})
SIGN_IN_COLUMNS = frozenset({"failed_count", "locked_until"})
SKIPPED_TABLES = frozenset({"audit_head"})     # follows audit_log


@dataclass(frozen=True)
class Profile:
    """One test's profile: ``home`` and the database URL it uses."""

    home: Path
    database_url: str

    def argv(self, lang: str, *args: str) -> list[str]:
        head = ["--home", str(self.home), "--lang", lang]
        if not self.database_url.startswith("sqlite"):
            head += ["--database", self.database_url]
        return [*head, *args]

    def run(self, lang: str, *args: str, stdin: str | None = "") -> Outcome:
        return run_cli(self.argv(lang, *args), stdin)

    def snapshot(self) -> Snapshot:
        return take_snapshot(self.database_url)

    def audit_verifies(self) -> bool:
        """``webdesk audit verify`` passes (through the service: the same check, no parser)."""
        from desktop.paths import AppPaths
        from desktop.services.audit_log import verify_all
        from desktop.services.context import AppContext

        ctx = AppContext.open(AppPaths.resolve(self.home, self.database_url), upgrade=False)
        try:
            return verify_all(ctx).ok
        finally:
            ctx.close()


def seed_template(home: Path, database_url: str | None, server_port: int) -> Profile:
    """The demo (six users, twelve requests in every state), a disabled webmaster
    ``retired``, and a server profile ``site`` (ssh-agent, 127.0.0.1:``server_port``, which
    refuses connections), the default."""
    url = database_url or f"sqlite:///{home / 'webdesk.sqlite3'}"
    profile = Profile(home, url)
    seeded = profile.run("en", "seed-demo")
    assert seeded.code == 0, seeded.err
    for args, stdin in (
            (("user", "add", DISABLED, "--role", "webmaster", "--full-name", "Retired"),
             f"admin-demo-1\n{DEMO_PASSWORDS[DISABLED]}\n"),
            (("user", "disable", DISABLED), "admin-demo-1\n")):
        done = profile.run("en", *args, "--as", "admin", stdin=stdin)
        assert done.code == 0, done.err
    added = profile.run("en", "server", "add", SERVER, "--host", "127.0.0.1",
                        "--port", str(server_port), "--user", "web", "--agent",
                        "--web-root", "/srv/www", "--url", "http://127.0.0.1/",
                        "--archive", "/srv/archive", "--default", "--attempts", "1",
                        "--as", "admin",
                        stdin="admin-demo-1\n")
    assert added.code == 0, added.err
    return profile


def copy_profile(template: Profile, home: Path, database_url: str | None = None) -> Profile:
    """A copy of ``template``'s folder at ``home``; on SQLite its database file comes with it,
    otherwise ``database_url`` is the copy of the template's database.  The per-database
    entries of the profile's files (this PC's pinned agency key, its audit witness) are
    moved to the copy's URL, as if the copy had always been there."""
    shutil.copytree(template.home, home)
    url = database_url or f"sqlite:///{home / 'webdesk.sqlite3'}"
    for name in PROFILE_FILES:
        path = home / name
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8")
                            .replace(template.database_url, url)
                            .replace(str(template.home), str(home)), encoding="utf-8")
    return Profile(home, url)


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, dict[str, tuple[object, ...]]]     # table -> row digest -> row
    audit: dict[int, tuple[object, ...]]                 # audit_log id -> row
    audit_actions: dict[int, str]


def take_snapshot(database_url: str) -> Snapshot:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            names = [n for n in inspect(connection).get_table_names()
                     if is_model_object(n) and n not in SKIPPED_TABLES]
            tables: dict[str, dict[str, tuple[object, ...]]] = {}
            audit: dict[int, tuple[object, ...]] = {}
            actions: dict[int, str] = {}
            for name in names:
                result = connection.execute(text(f'SELECT * FROM "{name}"'))
                columns = list(result.keys())
                rows = [tuple(row) for row in result]
                if name == "audit_log":
                    at_id, at_action = columns.index("id"), columns.index("action")
                    audit = {int(row[at_id]): row for row in rows}     # type: ignore[call-overload]
                    actions = {int(row[at_id]): str(row[at_action])    # type: ignore[call-overload]
                               for row in rows}
                    continue
                if name == "users":
                    keep = [i for i, c in enumerate(columns) if c not in SIGN_IN_COLUMNS]
                    rows = [tuple(row[i] for i in keep) for row in rows]
                tables[name] = {_digest(row): row for row in rows}
    finally:
        engine.dispose()
    return Snapshot(tables, audit, actions)


def _digest(row: Iterable[object]) -> str:
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()


def assert_unchanged(before: Snapshot, after: Snapshot,
                     also: frozenset[str] = frozenset()) -> None:
    """Nothing half-saved: every table as it was, the audit log only longer by sign-ins (and
    the actions in ``also``, e.g. the traffic log's record of a failed SFTP session)."""
    changed = sorted(name for name in set(before.tables) | set(after.tables)
                     if before.tables.get(name) != after.tables.get(name))
    assert not changed, f"a refused command changed the tables: {changed}"
    rewritten = [i for i, row in before.audit.items() if after.audit.get(i) != row]
    assert not rewritten, f"audit rows changed or vanished: {rewritten}"
    added = {after.audit_actions[i] for i in set(after.audit) - set(before.audit)}
    assert added <= SIGN_IN_ACTIONS | also, f"a refused command recorded: {sorted(added)}"
