"""Ready-made databases for the service tests: made once per run, copied for each test.

Making a user costs an argon2 hash, a key pair and the admin's password check (about a
second on a loaded machine), and migrating an empty database another half second.  So each
back end gets two templates per run — migrated and empty, and migrated with the usual
office (admin, two webmasters, an approver, a webmaster-approver) — and every test gets its
own copy: a SQLite file copied with SQLite's backup API, or a PostgreSQL database made with
``CREATE DATABASE ... TEMPLATE``.  The copy then behaves as if the test had made it: the
agency key is pinned and the audit head witnessed on the test's own profile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.paths import AppPaths, sqlite_path
from desktop.services import auth, keys, witness
from desktop.services.context import AppContext
from tests.support.postgres import PostgresServer

START = datetime(2026, 11, 23, 9, 0, 0)      # the FakeClock's start: the office's "now"
ADMIN_PASSWORD = "admin-pass-1"
STAFF: tuple[tuple[str, frozenset[Role], str], ...] = (
    ("web1", frozenset({Role.WEBMASTER}), "สมชาย ใจดี"),
    ("web2", frozenset({Role.WEBMASTER}), "สมศรี มีสุข"),
    ("boss", frozenset({Role.APPROVER}), "ผู้อำนวยการ"),
    ("both", frozenset({Role.WEBMASTER, Role.APPROVER}), "หัวหน้ากลุ่มงาน"),
)


def password_of(username: str) -> str:
    return f"{username}-pass-1"


@dataclass
class Template:
    url: str
    people: dict[str, User] = field(default_factory=dict)
    agency_fingerprint: str | None = None
    head: tuple[int, str] | None = None


def make_office(ctx: AppContext) -> dict[str, User]:
    """The usual office, made through the services (as the old ``people`` fixture did)."""
    admin = auth.create_user(ctx, auth.NewUser("admin", ADMIN_PASSWORD,
                                               frozenset({Role.ADMIN})), None)
    people = {"admin": admin}
    for name, roles, full_name in STAFF:
        people[name] = auth.create_user(
            ctx, auth.NewUser(name, password_of(name), roles, full_name, "ตำแหน่ง"), admin,
            actor_password=ADMIN_PASSWORD)
    return people


class Templates:
    """Both templates of both back ends, each made the first time a test asks for it."""

    def __init__(self, folder: Path, postgres: Callable[[], PostgresServer]) -> None:
        self.folder = folder
        self._postgres = postgres           # the session's PostgresServer, started lazily
        self._made: dict[tuple[str, bool], Template] = {}

    def copy_into(self, target_url: str, *, staffed: bool) -> Template:
        backend = "sqlite" if target_url.startswith("sqlite") else "postgresql"
        template = self._template(backend, staffed)
        target, source_file = sqlite_path(target_url), sqlite_path(template.url)
        if target is not None and source_file is not None:
            _copy_sqlite(source_file, target)
        else:
            server = self._postgres()
            name, source = target_url.rsplit("/", 1)[1], template.url.rsplit("/", 1)[1]
            server.drop_database(name)
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}" '
                           'OWNER "webdesk"')
        return template

    def _template(self, backend: str, staffed: bool) -> Template:
        key = (backend, staffed)
        if key not in self._made:
            self._made[key] = self._make(backend, staffed)
        return self._made[key]

    def _make(self, backend: str, staffed: bool) -> Template:
        label = f"{backend}-{'office' if staffed else 'empty'}"
        home = self.folder / label
        if backend == "sqlite":
            url = f"sqlite:///{home / 'webdesk.sqlite3'}"
        else:
            server = self._postgres()
            url = server.url(server.create_database())
        ctx = AppContext.open(AppPaths.resolve(home, url))
        ctx.clock = lambda: START
        try:
            template = Template(url)
            if staffed:
                template.people = make_office(ctx)
                template.agency_fingerprint = keys.agency_key_status(ctx).fingerprint
                seen = witness.this_pc(ctx.paths, url)
                template.head = (seen.audit_id, seen.audit_hash) if seen else None
        finally:
            ctx.close()
        return template


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy (the WAL included) through SQLite's own backup."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    target.chmod(0o600)


def adopt(ctx: AppContext, template: Template) -> None:
    """Make the copy look made here: this PC pins the agency key and witnessed the head."""
    if template.agency_fingerprint:
        keys.trust_agency_key(ctx, template.agency_fingerprint)
    if template.head is not None:
        witness.record(ctx.paths, ctx.paths.database_url, template.head)


def templates_fixture(tmp_path_factory: pytest.TempPathFactory,
                      request: pytest.FixtureRequest) -> Templates:
    return Templates(tmp_path_factory.mktemp("office-templates"),
                     lambda: request.getfixturevalue("postgres_server"))
