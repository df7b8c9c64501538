"""The first run on an empty profile: what the wizard asks, checked, then applied in one go.

The wizard collects :class:`FirstRunAnswers` page by page (each page's values can be checked
on their own) and :func:`apply_first_run` applies them: the database this PC uses (its own
SQLite file, or a shared PostgreSQL — joining one that already has users only pins it), the
admin account (which makes the agency key), the agency settings, the first publishing
server with the host key the admin confirmed, and the category catalogue.  Afterwards
:func:`agency_fingerprint` is what the last page shows.  Everything is changeable later.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import quote

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.publish.profiles import ServerProfile
from desktop.services.context import AppContext
from desktop.services.pc_settings import write_pc_setting
from desktop.services.settings import (
    Problem,
    Settings,
    problems,
    save_catalogue,
    save_settings,
)

DATABASE_SETTING = "database_url"   # this PC's settings.json: the shared database it uses

class FirstRunMessage(MessageCode):
    FIRST_RUN_PASSWORDS_DIFFER = (
        "first_run_passwords_differ",
        "รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passwords differ.",
    )
    FIRST_RUN_DATABASE = (
        "first_run_database",
        "เชื่อมต่อฐานข้อมูลไม่ได้: {detail}",
        "Cannot connect to the database: {detail}",
    )



@dataclass(frozen=True)
class SharedDatabase:
    host: str
    port: int
    database: str
    user: str
    password: str

    def url(self) -> str:
        return (f"postgresql+psycopg://{quote(self.user, safe='')}:"
                f"{quote(self.password, safe='')}@{self.host}:{self.port}/"
                f"{quote(self.database, safe='')}")


@dataclass(frozen=True)
class AdminAccount:
    username: str = ""
    full_name: str = ""
    position: str = ""
    password: str = ""
    password_again: str = ""


@dataclass(frozen=True)
class FirstRunAnswers:
    settings: Settings = field(default_factory=Settings)
    admin: AdminAccount = field(default_factory=AdminAccount)
    shared_database: SharedDatabase | None = None       # None: this PC's own database
    server: ServerProfile | None = None                 # None: set up later
    server_fingerprint: str = ""                        # the host key the admin confirmed
    server_password: str = ""
    catalogue_json: str | None = None                   # None: the shipped catalogue as is


@dataclass(frozen=True)
class DatabaseCheck:
    ok: bool
    detail: str               # the server's version, or why it failed
    has_users: bool = False   # an agency's existing shared database: join it


@dataclass(frozen=True)
class FirstRunResult:
    paths: AppPaths
    joined_existing: bool
    agency_fingerprint: str | None


def admin_problems(admin: AdminAccount, lang: str = "th") -> list[str]:
    """What is wrong with the admin account page (empty: fine)."""
    from desktop.domain.users import check_password_rule

    found = []
    if not admin.username.strip():
        found.append(Problem("username", "set_required").text(lang))
    if admin.password != admin.password_again:
        found.append(UserError(FirstRunMessage.FIRST_RUN_PASSWORDS_DIFFER).text(lang))
    try:
        check_password_rule(admin.password)
    except UserError as exc:
        found.append(exc.text(lang))
    return found


def settings_problems(settings: Settings, lang: str = "th") -> list[str]:
    return [p.text(lang) for p in problems(settings)]


def check_database(shared: SharedDatabase) -> DatabaseCheck:
    """Test connection: log in, read the server's version, see whether WebDesk is there."""
    from desktop.store.probe import probe_database

    try:
        version, users = probe_database(shared.url())
    except UserError as exc:
        return DatabaseCheck(False, exc.text("en"))
    return DatabaseCheck(True, version, users > 0)


def server_key(ctx: AppContext, profile: ServerProfile) -> tuple[str, str]:
    """(key type, SHA256 fingerprint) the server presents: shown for the admin to confirm."""
    from desktop.services.servers import server_fingerprint

    return server_fingerprint(ctx, profile.validate())


def apply_first_run(paths: AppPaths, answers: FirstRunAnswers) -> FirstRunResult:
    """Make it so (see the module's docstring); a refused value changes nothing."""
    from desktop.services import auth

    found = admin_problems(answers.admin) + settings_problems(answers.settings)
    if found:
        raise UserError("settings_refused", problems="; ".join(found))
    target = paths
    if answers.shared_database is not None:
        target = AppPaths(paths.home, answers.shared_database.url())
    ctx = AppContext.open(target, lang=answers.settings.language)
    try:
        if auth.count_users(ctx):                       # a second PC joins the agency's DB
            _remember_database(paths, answers)
            return FirstRunResult(target, True, agency_fingerprint(ctx))
        try:
            admin = auth.create_user(ctx, auth.NewUser(
                answers.admin.username.strip(), answers.admin.password, frozenset({Role.ADMIN}),
                answers.admin.full_name.strip(), answers.admin.position.strip()), None)
        except UserError as refused:
            if refused.code != auth.AuthMessage.FIRST_RUN_TAKEN:
                raise
            # another PC set the same new database up a moment ago: this one joins it
            _remember_database(paths, answers)
            return FirstRunResult(target, True, agency_fingerprint(ctx))
        save_settings(ctx, admin, answers.settings)
        if answers.catalogue_json is not None:
            save_catalogue(ctx, admin, answers.catalogue_json)
        if answers.server is not None:
            _add_server(ctx, admin, answers)
        _remember_database(paths, answers)
        return FirstRunResult(target, False, agency_fingerprint(ctx))
    finally:
        ctx.close()


def _remember_database(paths: AppPaths, answers: FirstRunAnswers) -> None:
    if answers.shared_database is not None:
        write_pc_setting(paths, DATABASE_SETTING, answers.shared_database.url())


def _add_server(ctx: AppContext, admin: object, answers: FirstRunAnswers) -> None:
    from desktop.domain.users import User
    from desktop.services.servers import save_server, store_server_password, trust_server

    assert isinstance(admin, User) and answers.server is not None
    profile = save_server(ctx, answers.server, admin, make_default=True)
    if answers.server_password:
        store_server_password(profile, answers.server_password)
    if answers.server_fingerprint:
        trust_server(ctx, profile, admin, lambda _prompt: False, answers.server_fingerprint)


def agency_fingerprint(ctx: AppContext) -> str | None:
    from desktop.services.keys import agency_key_status

    return agency_key_status(ctx).fingerprint


def shipped_catalogue_json(paths: AppPaths) -> str:
    from desktop.services.context import load_catalogue

    return load_catalogue(paths).to_json()


def default_answers(lang: str) -> FirstRunAnswers:
    return FirstRunAnswers(settings=replace(Settings(), language=lang))
