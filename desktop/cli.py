"""The ``webdesk`` command: the GUI by default; headless subcommands for unattended work."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TextIO

from desktop import __version__
from desktop.domain.errors import UserError
from desktop.paths import AppPaths


def default_lang() -> str:
    env = os.environ.get("WEBDESK_LANG")
    if env in ("th", "en"):
        return env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    code = (locale.getlocale()[0] or "").lower()
    return "th" if code.startswith("th") else "en"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="webdesk", description="WebDesk")
    parser.add_argument("--version", action="version", version=f"webdesk {__version__}")
    parser.add_argument("--home", help="profile folder (env WEBDESK_HOME)")
    parser.add_argument("--database", help="database URL (env WEBDESK_DATABASE_URL)")
    parser.add_argument("--lang", choices=("th", "en"), help="language of messages")
    sub = parser.add_subparsers(dest="command")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="upgrade the schema to this version")
    db_sub.add_parser("current", help="print the schema revision")

    user = sub.add_parser("user", help="users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True,
                     choices=("webmaster", "approver", "admin"))
    add.add_argument("--full-name", default="")
    add.add_argument("--position", default="")
    user_sub.add_parser("list", help="list users")

    aud = sub.add_parser("audit", help="the audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", required=True)
    aud_sub.add_parser("verify", help="check the hash chain")
    export = aud_sub.add_parser("export", help="export rows to .csv or .xlsx")
    export.add_argument("--from", dest="date_from", required=True)
    export.add_argument("--to", dest="date_to", required=True)
    export.add_argument("--out", required=True)
    purge = aud_sub.add_parser("purge", help="purge rows older than a date (admin)")
    purge.add_argument("--before", required=True)
    purge.add_argument("--admin", required=True, help="admin user; password from stdin")

    sub.add_parser("seed-demo", help="fill the profile with demo users and requests")

    cache = sub.add_parser("cache", help="this PC's thumbnail and render cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True)
    cache_sub.add_parser("clear", help="delete every cached thumbnail and page render")
    cache_sub.add_parser("info", help="where the cache is, its limit and its size")
    cache_set = cache_sub.add_parser("set", help="size limit, or switch the cache off/on")
    cache_set.add_argument("--max-mb", type=int)
    cache_set.add_argument("--off", action="store_true")
    cache_set.add_argument("--on", action="store_true")

    req = sub.add_parser("request", help="requests")
    req_sub = req.add_subparsers(dest="request_command", required=True)
    lst = req_sub.add_parser("list", help="print the queue")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--state", action="append", default=[])
    lst.add_argument("--limit", type=int, default=1000)

    insp = sub.add_parser("inspect", help="run the file policy on files without registering them")
    insp.add_argument("paths", nargs="+")
    insp.add_argument("--json", action="store_true")

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# Other rooms add subcommands here: (subparsers) -> None; they set `handler` via set_defaults.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError("bad_date", value=text) from exc


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang or default_lang()
    out = stdout or sys.stdout
    inp = stdin or sys.stdin
    if args.command is None:
        from desktop.ui.app import run_gui

        return run_gui(AppPaths.resolve(args.home, args.database), lang)
    try:
        return _dispatch(args, lang, inp, out)
    except UserError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: log the traceback, show a plain message
        from desktop.logging_setup import log_bug

        where = log_bug(AppPaths.resolve(args.home, args.database))
        print(_BUG_MESSAGE[lang].format(log=where), file=sys.stderr)
        return 70


_BUG_MESSAGE = {
    "th": "เกิดข้อผิดพลาดภายในโปรแกรม รายละเอียดถูกบันทึกไว้ที่ {log} กรุณาแจ้งผู้ดูแลระบบ",
    "en": "An internal error occurred. Details were written to {log}; please tell your admin.",
}


def _load_extra_commands() -> None:
    """Subcommands that other rooms contribute (publishing, forms)."""
    import importlib

    for module in ("desktop.services.cli_publish", "desktop.services.cli_forms"):
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        register = getattr(loaded, "register_commands", None) or getattr(loaded, "register",
                                                                          None)
        if register is not None and register not in EXTRA_COMMANDS:
            EXTRA_COMMANDS.append(register)


def _open(args: argparse.Namespace, lang: str, upgrade: bool = True):  # type: ignore[no-untyped-def]
    from desktop.services.context import AppContext

    return AppContext.open(AppPaths.resolve(args.home, args.database), upgrade=upgrade,
                           lang=lang)


def _dispatch(args: argparse.Namespace, lang: str, inp: TextIO, out: TextIO) -> int:
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args, lang, inp, out))
    if args.command == "inspect":
        from desktop.files.inspect_command import inspect_command

        return inspect_command(args.paths, args.json, lang, out)
    if args.command == "db":
        return _db(args, lang, out)
    if args.command == "cache":
        return _cache(args, out)
    ctx = _open(args, lang)
    try:
        if args.command == "user":
            return _user(ctx, args, inp, out)
        if args.command == "audit":
            return _audit(ctx, args, inp, out)
        if args.command == "seed-demo":
            from desktop.services.demo import seed_demo

            seed_demo(ctx, out)
            return 0
        if args.command == "request":
            return _request_list(ctx, args, out)
    finally:
        ctx.close()
    return 2


def _db(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from desktop.store.migrate import current_revision, head_revision

    ctx = _open(args, lang, upgrade=False)
    try:
        if args.db_command == "current":
            print(current_revision(ctx.db) or "(empty)", file=out)
            return 0
        result = ctx.upgrade()
        if result.before == result.after:
            print(f"already at {head_revision()}", file=out)
        else:
            print(f"upgraded {result.before or '(empty)'} -> {result.after}", file=out)
            if result.backup:
                print(f"backup: {result.backup}", file=out)
        return 0
    finally:
        ctx.close()


def _cache(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.files.render_cache import RenderCache
    from desktop.services import render_cache_settings as rc

    paths = AppPaths.resolve(args.home, args.database)
    if args.cache_command == "clear":
        print(f"removed {rc.clear_render_cache(paths)} cached files", file=out)
        return 0
    settings = rc.load_settings(paths)
    if args.cache_command == "set":
        settings = rc.RenderCacheSettings(
            enabled=False if args.off else True if args.on else settings.enabled,
            max_mb=args.max_mb if args.max_mb and args.max_mb > 0 else settings.max_mb)
        rc.save_settings(paths, settings)
    used = RenderCache(rc.cache_folder(paths)).total_bytes()
    print(f"{rc.cache_folder(paths)}\t{'on' if settings.enabled else 'off'}\t"
          f"limit {settings.max_mb} MB\tused {used / 1048576:.1f} MB", file=out)
    return 0


def _read_secret(inp: TextIO) -> str:
    line = inp.readline()
    return line.rstrip("\r\n")


def _user(ctx, args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from desktop.domain.workflow import Role
    from desktop.services import auth

    if args.user_command == "list":
        for user in auth.list_users(ctx):
            roles = ",".join(sorted(r.value for r in user.roles))
            print(f"{user.username}\t{roles}\t{user.full_name}", file=out)
        return 0
    password = _read_secret(inp)
    user = auth.create_user(ctx, auth.NewUser(args.name, password,
                                              frozenset(Role(r) for r in args.role),
                                              args.full_name, args.position),
                            actor=None, trusted_cli=True)
    print(f"added {user.username} ({','.join(sorted(r.value for r in user.roles))})", file=out)
    return 0


def _audit(ctx, args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from desktop.services import audit_log

    if args.audit_command == "verify":
        report = audit_log.verify_all(ctx)
        if report.ok:
            print(f"OK: {report.rows_checked} rows, chain intact", file=out)
            return 0
        print(f"BROKEN: {report.problem} — first broken row: {report.where}", file=out)
        return 1
    if args.audit_command == "export":
        start = _parse_date(args.date_from)
        end = _parse_date(args.date_to)
        count = audit_log.export(ctx, start, end, args.out)
        print(f"exported {count} rows to {args.out}", file=out)
        return 0
    if args.audit_command == "purge":
        password = _read_secret(inp)
        removed = audit_log.purge(ctx, args.admin, password, _parse_date(args.before))
        print(f"purged {removed} rows", file=out)
        return 0
    return 2


def _request_list(ctx, args: argparse.Namespace, out: TextIO) -> int:  # type: ignore[no-untyped-def]
    from desktop.domain.workflow import RequestState
    from desktop.services.requests import RequestQuery, list_requests

    states = tuple(RequestState(s) for s in args.state)
    rows = list_requests(ctx, RequestQuery(states=states, limit=args.limit))
    if args.json:
        def plain(value: object) -> object:
            if isinstance(value, datetime | date):
                return value.isoformat()
            return value
        data = [{k: plain(v) for k, v in row.__dict__.items()} for row in rows]
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        for row in rows:
            print(f"{row.reference}\t{row.state.value}\t{row.title}", file=out)
    return 0
