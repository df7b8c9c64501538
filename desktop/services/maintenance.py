"""Profile and database maintenance for the CLI: schema revision and upgrade, this PC's render
cache, and the file policy run on loose files (``webdesk inspect``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop.domain.messages import MessageCode
from desktop.paths import AppPaths
from desktop.services.context import AppContext


class MaintenanceMessage(MessageCode):
    APP_ROLE_NEEDS_POSTGRES = (
        "app_role_needs_postgres",
        "การแยกบทบาทเจ้าของฐานข้อมูลกับบทบาทของโปรแกรมใช้ได้กับ PostgreSQL เท่านั้น",
        "An application role (apart from the owner) exists on PostgreSQL only.",
    )
    APP_ROLE_NAME = (
        "app_role_name",
        "ชื่อบทบาท {role} ไม่ถูกต้อง (a-z, 0-9, _)",
        "The role name {role} is not valid (a-z, 0-9, _).",
    )



@dataclass(frozen=True)
class SchemaStatus:
    before: str | None
    after: str | None
    head: str
    backup: Path | None = None


def schema_revision(ctx: AppContext) -> str | None:
    from desktop.store.migrate import current_revision

    return current_revision(ctx.db)


def upgrade_schema(ctx: AppContext) -> SchemaStatus:
    from desktop.store.migrate import head_revision

    result = ctx.upgrade()
    return SchemaStatus(result.before, result.after, head_revision(), result.backup)


@dataclass(frozen=True)
class CacheUsage:
    folder: Path
    enabled: bool
    max_mb: int
    used_bytes: int


def render_cache_usage(paths: AppPaths) -> CacheUsage:
    from desktop.files.render_cache import RenderCache
    from desktop.services import render_cache_settings as rc

    settings = rc.load_settings(paths)
    folder = rc.cache_folder(paths)
    return CacheUsage(folder, settings.enabled, settings.max_mb, RenderCache(folder).total_bytes())


def inspect_files(paths: list[str], as_json: bool, lang: str, out: TextIO) -> int:
    """Run the file policy on files and folders; 0 when every file passes, 1 otherwise."""
    from desktop.files.inspect_command import inspect_command

    return inspect_command(paths, as_json, lang, out)


def grant_app_role(ctx: AppContext, role: str) -> list[str]:
    """PostgreSQL only, run as the owner: the application's role may insert audit rows but
    never update or delete them (see docs/postgresql.md)."""
    from desktop.domain.errors import UserError
    from desktop.store.pg_roles import grant_app_role as grant
    from desktop.store.pg_roles import valid_role_name

    if ctx.db.is_sqlite:
        raise UserError(MaintenanceMessage.APP_ROLE_NEEDS_POSTGRES)
    if not valid_role_name(role):
        raise UserError(MaintenanceMessage.APP_ROLE_NAME, role=role)
    return grant(ctx.db.write_engine, role)
