"""``webdesk backup --out FILE`` and ``webdesk restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import Io, opened, paths_of
from desktop.domain.messages import MessageCode, message_text


class BackupCliMessage(MessageCode):
    WRITTEN = (
        "cli_backup_written",
        "เขียนไฟล์สำรองข้อมูลแล้ว: {path} ({kind}, โครงสร้างรุ่น {revision}, คำขอ {requests} "
        "รายการ, ไฟล์ {files} ไฟล์, การลงนาม {signoffs} รายการ, บันทึกการใช้งาน {audit} แถว)",
        "backup written: {path} ({kind}, schema {revision}, {requests} requests, {files} "
        "files, {signoffs} sign-offs, {audit} audit rows)",
    )
    RESTORED = (
        "cli_backup_restored",
        "นำข้อมูลสำรอง {path} กลับแล้ว (สำรองเมื่อ {taken}, โครงสร้างรุ่น {revision}): คำขอ "
        "{requests} รายการ, ไฟล์ {files} ไฟล์, การลงนาม {signoffs} รายการ, บันทึกการใช้งาน "
        "{audit} แถว",
        "restored {path} (taken {taken}, schema {revision}): {requests} requests, {files} "
        "files, {signoffs} sign-offs, {audit} audit rows",
    )
    CHAIN_VERIFIED = (
        "cli_backup_chain_verified",
        "ตรวจสอบบันทึกการใช้งานแล้ว ครบถ้วน",
        "audit chain verified",
    )
    CHAIN_BROKEN = (
        "cli_backup_chain_broken",
        "บันทึกการใช้งานไม่ต่อเนื่อง (นำกลับเพราะสั่ง --force): {problem}",
        "AUDIT CHAIN BROKEN (restored with --force): {problem}",
    )
    REPLACED_KEPT = (
        "cli_backup_replaced_kept",
        "เก็บฐานข้อมูลเดิมที่ถูกแทนที่ไว้ที่: {path}",
        "the replaced database was kept as: {path}",
    )
    PROFILE_FILE = (
        "cli_backup_profile_file",
        "นำไฟล์ของโปรไฟล์กลับแล้ว: {name}",
        "restored profile file: {name}",
    )


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
    io.say(message_text(BackupCliMessage.WRITTEN, io.lang, path=out, kind=info.kind.value,
                        revision=info.revision, requests=rows.get("requests", 0),
                        files=rows.get("blobs", 0), signoffs=rows.get("signoffs", 0),
                        audit=rows.get("audit_log", 0)))
    return 0


def restore_command(args: argparse.Namespace, io: Io) -> int:
    from desktop.services.backups import restore_backup

    report = restore_backup(paths_of(args), Path(args.file), force=args.force, lang=io.lang)
    rows = report.rows
    io.say(message_text(BackupCliMessage.RESTORED, io.lang, path=args.file,
                        taken=report.info.created_at, revision=report.info.revision,
                        requests=rows.get("requests", 0), files=rows.get("blobs", 0),
                        signoffs=rows.get("signoffs", 0), audit=report.audit_rows))
    if report.chain_ok:
        io.say(message_text(BackupCliMessage.CHAIN_VERIFIED, io.lang))
    else:
        io.warn(message_text(BackupCliMessage.CHAIN_BROKEN, io.lang,
                             problem=report.chain_problem))
    if report.safety_backup is not None:
        io.say(message_text(BackupCliMessage.REPLACED_KEPT, io.lang, path=report.safety_backup))
    for name in report.profile_files:
        io.say(message_text(BackupCliMessage.PROFILE_FILE, io.lang, name=name))
    return 0 if report.chain_ok else 1
