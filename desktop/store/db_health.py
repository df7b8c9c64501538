"""What ``webdesk db check`` looks at in the database itself: who we are connected as, the
server, the objects a shared PostgreSQL must have (append-only audit triggers, the change
notification, the search index) and what the connected role may do with the audit tables;
SQLite's own integrity check."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from desktop.store.pg_roles import APPEND_ONLY_TABLES, role_rights

EXPECTED_TRIGGERS = {"audit_log_append_only": "audit_log",
                     "audit_checkpoints_append_only": "audit_checkpoints",
                     "audit_log_notify": "audit_log",
                     "publish_locks_notify": "publish_locks"}
REWRITES = frozenset({"UPDATE", "DELETE", "TRUNCATE"})


@dataclass(frozen=True)
class ServerFacts:
    kind: str                       # "sqlite" | "postgresql"
    version: str
    user: str = ""
    owner: str = ""                 # who owns the tables (PostgreSQL)
    triggers: frozenset[str] = frozenset()
    search_index: bool = False
    audit_rewrites: frozenset[str] = frozenset()   # UPDATE/DELETE/TRUNCATE the user holds
    missing_rights: dict[str, frozenset[str]] = field(default_factory=dict)
    integrity: str = ""             # SQLite: "ok" or the first problem


def facts(engine: Engine) -> ServerFacts:
    """Read the facts (raises the driver's error when the server cannot be reached)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            version = str(connection.execute(text("SELECT sqlite_version()")).scalar_one())
            integrity = str(connection.execute(text("PRAGMA quick_check")).scalar_one())
            search = connection.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE name = 'search_requests'"
            )).scalar_one()
            return ServerFacts("sqlite", f"SQLite {version}", search_index=bool(search),
                               integrity=integrity)
        version = str(connection.execute(text("SHOW server_version")).scalar_one())
        user = str(connection.execute(text("SELECT current_user")).scalar_one())
        owner = str(connection.execute(text(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'requests'")).scalar() or "")
        triggers = frozenset(str(name) for name in connection.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())
        search = connection.execute(text(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'search_requests_grams'"
        )).scalar_one()
    base = ServerFacts("postgresql", f"PostgreSQL {version}", user, owner, triggers,
                       bool(search))
    return base if user == owner else role_facts(engine, base, user)


def role_facts(engine: Engine, found: ServerFacts, role: str) -> ServerFacts:
    """``found`` with what ``role`` may do: the audit rewrites it holds (there should be
    none) and the rights it lacks for its work."""
    rights = role_rights(engine, role)
    rewrites: set[str] = set()
    missing: dict[str, frozenset[str]] = {}
    for table in ("requests", "attachments", "signoffs", "publications", *APPEND_ONLY_TABLES):
        held = rights.get(table, set())
        if table in APPEND_ONLY_TABLES:
            rewrites |= held & REWRITES
            wanted = {"SELECT", "INSERT"}
        else:
            wanted = {"SELECT", "INSERT", "UPDATE", "DELETE"}
        if wanted - held:
            missing[table] = frozenset(wanted - held)
    return ServerFacts(found.kind, found.version, found.user, found.owner, found.triggers,
                       found.search_index, frozenset(rewrites), missing)


def describe_url(url: str) -> str:
    """Where the database is, without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ""
    return parsed.render_as_string(hide_password=True).split("://", 1)[1].replace(":***@", "@")
