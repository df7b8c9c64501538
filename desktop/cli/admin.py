"""``webdesk db``, ``audit``, ``cache``, ``inspect``: looking after the profile."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from desktop.cli.arguments import positive_int
from desktop.cli.common import Io, opened, paths_of, read_secret
from desktop.cli.db_check import add_check_command
from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode

if TYPE_CHECKING:
    from desktop.services.context import AppContext


class AdminCommandMessage(MessageCode):
    DATE_RANGE_REVERSED = (
        "date_range_reversed",
        "วันที่เริ่ม ({start}) อยู่หลังวันที่สิ้นสุด ({end})",
        "The start date ({start}) is after the end date ({end}).",
    )


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="upgrade the schema to this version (as the "
                                "database owner)")
    upgrade.add_argument("--grant-app-role", metavar="ROLE",
                         help="PostgreSQL: give ROLE the application's rights (audit rows: "
                              "read and insert only)")
    upgrade.set_defaults(handler=db_command)
    db_sub.add_parser("current", help="print the schema revision").set_defaults(
        handler=db_command)
    add_check_command(db_sub)               # webdesk db check (desktop/cli/db_check.py)

    aud = sub.add_parser("audit", help="the audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", required=True)
    verify = aud_sub.add_parser("verify", help="check the hash chain, its signed checkpoints "
                                "and witnesses; print the head")
    verify.add_argument("--server", help="also compare with the head the last publish left "
                        "on this server")
    verify.set_defaults(handler=audit_command)
    export = aud_sub.add_parser("export", help="export rows to .csv or .xlsx")
    export.add_argument("--from", dest="date_from", required=True)
    export.add_argument("--to", dest="date_to", required=True)
    export.add_argument("--out", required=True)
    export.set_defaults(handler=audit_command)
    purge = aud_sub.add_parser("purge", help="purge rows older than a date (admin)")
    purge.add_argument("--before", required=True)
    purge.add_argument("--admin", required=True, help="admin user; password from stdin")
    purge.set_defaults(handler=audit_command)

    cache = sub.add_parser("cache", help="this PC's thumbnail and render cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    cache_sub.add_parser("clear", help="delete every cached thumbnail and page render"
                         ).set_defaults(handler=cache_command)
    cache_sub.add_parser("info", help="where the cache is, its limit and its size"
                         ).set_defaults(handler=cache_command)
    cache_set = cache_sub.add_parser("set", help="size limit, or switch the cache off/on")
    cache_set.add_argument("--max-mb", type=positive_int)
    switch = cache_set.add_mutually_exclusive_group()
    switch.add_argument("--off", action="store_true")
    switch.add_argument("--on", action="store_true")
    cache_set.set_defaults(handler=cache_command)

    insp = sub.add_parser("inspect", help="run the file policy on files without registering them")
    insp.add_argument("paths", nargs="+")
    insp.add_argument("--json", action="store_true", help="one JSON object per file, a line each")
    insp.set_defaults(handler=inspect_command)


def parse_date(text: str) -> date:
    """A date typed on the command line (ISO, BE, 5/12/69, 5 ธ.ค. 69 ...)."""
    from desktop.domain.date_input import parse_user_date

    return parse_user_date(text)


def db_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import maintenance

    with opened(args, io, upgrade=False) as ctx:
        if args.db_command == "current":
            io.say(maintenance.schema_revision(ctx) or "(empty)")
            return 0
        status = maintenance.upgrade_schema(ctx)
        if status.before == status.after:
            io.say(f"already at {status.head}")
        else:
            io.say(f"upgraded {status.before or '(empty)'} -> {status.after}")
            if status.backup:
                io.say(f"backup: {status.backup}")
        role = getattr(args, "grant_app_role", None)
        if role:
            maintenance.grant_app_role(ctx, role)
            io.say(f"granted the application's rights to {role} (audit rows: read and insert "
                   "only)")
        return 0


def cache_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import maintenance
    from desktop.services import render_cache_settings as rc

    paths = paths_of(args)
    if args.cache_command == "clear":
        io.say(f"removed {rc.clear_render_cache(paths)} cached files")
        return 0
    if args.cache_command == "set":
        settings = rc.load_settings(paths)
        settings = rc.RenderCacheSettings(
            enabled=False if args.off else True if args.on else settings.enabled,
            max_mb=args.max_mb if args.max_mb and args.max_mb > 0 else settings.max_mb)
        rc.save_settings(paths, settings)
    usage = maintenance.render_cache_usage(paths)
    io.say(f"{usage.folder}\t{'on' if usage.enabled else 'off'}\t"
           f"limit {usage.max_mb} MB\tused {usage.used_bytes / 1048576:.1f} MB")
    return 0


def inspect_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.maintenance import inspect_files

    return inspect_files(args.paths, args.json, io.lang, io.out)


def audit_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services import audit_log

    with opened(args, io) as ctx:
        if args.audit_command == "verify":
            return _verify(ctx, args, io)
        if args.audit_command == "export":
            start, end = parse_date(args.date_from), parse_date(args.date_to)
            if start > end:
                raise UserError(AdminCommandMessage.DATE_RANGE_REVERSED,
                                start=args.date_from, end=args.date_to)
            count = audit_log.export(ctx, start, end, args.out)
            io.say(f"exported {count} rows to {args.out}")
            return 0
        password = read_secret(io)
        removed = audit_log.purge(ctx, args.admin, password, parse_date(args.before))
        io.say(f"purged {removed} rows")
        return 0


def _verify(ctx: AppContext, args: argparse.Namespace, io: Io) -> int:
    from desktop.services import audit_log

    server = None
    if args.server:
        from desktop.services.audit_server import read_witness
        from desktop.services.servers import credential_store, get_server

        server = read_witness(ctx, get_server(ctx, args.server), credential_store())
    report = audit_log.verify_all(ctx, server_witness=server)
    head_id, head_hash = report.head
    if report.ok:
        io.say(f"OK: {report.rows_checked} rows, chain intact; {report.checkpoints} signed "
               f"checkpoints verified; witnesses: {', '.join(report.witnesses) or 'none'}")
        io.say(f"head: row {head_id} {head_hash}")
        return 0
    io.say(f"BROKEN: {report.problem} — at: {report.where}")
    io.say(f"last good head: row {head_id} {head_hash}")
    return 1
