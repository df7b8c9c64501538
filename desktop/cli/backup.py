"""``webdesk backup --out FILE`` and ``webdesk restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import Io, opened, paths_of


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="write a backup of the whole database (0600 file)")
    backup.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    backup.add_argument("--logical", action="store_true",
                        help="a portable export through SQLAlchemy (restores into SQLite or "
                             "PostgreSQL) instead of the database's own format")
    backup.set_defaults(handler=backup_command)

    restore = sub.add_parser("restore", help="replace the database with a backup (the current "
                             "one is kept as an automatic backup first)")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--force", action="store_true",
                         help="restore even when the backup's audit chain does not verify")
    restore.set_defaults(handler=restore_command)


def backup_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.backups import backup_now

    out = Path(args.out).expanduser()
    with opened(args, io) as ctx:
        info = backup_now(ctx, out, logical=args.logical)
    rows = info.table_rows
    io.say(f"backup written: {out} ({info.kind.value}, schema {info.revision}, "
           f"{rows.get('requests', 0)} requests, {rows.get('blobs', 0)} files, "
           f"{rows.get('signoffs', 0)} sign-offs, {rows.get('audit_log', 0)} audit rows)")
    return 0


def restore_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.backups import restore_backup

    report = restore_backup(paths_of(args), Path(args.file), force=args.force, lang=io.lang)
    rows = report.rows
    io.say(f"restored {args.file} (taken {report.info.created_at}, schema "
           f"{report.info.revision}): {rows.get('requests', 0)} requests, "
           f"{rows.get('blobs', 0)} files, {rows.get('signoffs', 0)} sign-offs, "
           f"{report.audit_rows} audit rows")
    if report.chain_ok:
        io.say("audit chain verified / ตรวจสอบบันทึกการใช้งานแล้ว ครบถ้วน")
    else:
        io.warn(f"AUDIT CHAIN BROKEN (restored with --force): {report.chain_problem}")
    if report.safety_backup is not None:
        io.say(f"the replaced database was kept as: {report.safety_backup}")
    for name in report.profile_files:
        io.say(f"restored profile file: {name}")
    return 0 if report.chain_ok else 1
