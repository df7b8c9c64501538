"""Backups: ``webdesk backup --out FILE``, ``webdesk restore FILE``, and the automatic ones.

A restore never leaves a half-restored database in front of anyone: on SQLite the backup is
rebuilt in a scratch file beside the profile, upgraded, its audit chain verified, and only
then renamed over the live file (the old one is kept as an automatic backup first); on
PostgreSQL the current contents are backed up first and put back if the restored chain
does not verify.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from desktop import __version__
from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.paths import AppPaths
from desktop.services.context import AppContext, ensure_profile
from desktop.store import backup as container
from desktop.store.backup import DEFAULT_KEEP, BackupInfo
from desktop.store.backup_restore import (
    check_revision,
    restore_postgres,
    row_counts,
    stage_sqlite,
    swap_sqlite_file,
)
from desktop.store.backup_write import take_backup
from desktop.store.database import Database

PROFILE_FILES = ("categories.json", "known_hosts")

class BackupMessage(MessageCode):
    RESTORE_CHAIN_BROKEN = (
        "restore_chain_broken",
        "ไม่ได้นำข้อมูลสำรองกลับ: บันทึกการใช้งาน (audit log) ในไฟล์สำรองไม่ต่อเนื่อง "
        "ที่ {where} ({problem}) ฐานข้อมูลเดิมยังอยู่ครบ",
        "Nothing was restored: the audit chain in the backup is broken at {where} ({problem}). "
        "The current database is unchanged.",
    )
    RESTORE_ROWS_DIFFER = (
        "restore_rows_differ",
        "ข้อมูลที่นำกลับไม่ครบ: ตาราง {table} มี {got} แถว แต่ไฟล์สำรองระบุ {expected} แถว",
        "The restored data is incomplete: table {table} has {got} rows, the backup says "
        "{expected}.",
    )



@dataclass(frozen=True)
class RestoreReport:
    info: BackupInfo
    rows: dict[str, int]
    audit_rows: int
    chain_ok: bool
    chain_problem: str = ""
    safety_backup: Path | None = None
    profile_files: list[str] = field(default_factory=list)


def keep_count(ctx: AppContext) -> int:
    value = ctx.setting("backup_keep", DEFAULT_KEEP)
    return value if isinstance(value, int) and value > 0 else DEFAULT_KEEP


def _profile_extras(paths: AppPaths) -> dict[str, bytes]:
    return {name: (paths.home / name).read_bytes() for name in PROFILE_FILES
            if (paths.home / name).is_file()}


def backup_now(ctx: AppContext, out: Path, *, reason: str = "manual",
               logical: bool = False) -> BackupInfo:
    """Write a backup of the whole database (and the profile's catalogue and host keys)."""
    return take_backup(ctx.db, Path(out), app_version=__version__, reason=reason,
                       extra_files=_profile_extras(ctx.paths), logical=logical)


def automatic_backup(paths: AppPaths, db: Database, reason: str,
                     keep: int = DEFAULT_KEEP) -> Path:
    """A backup into the profile's backup folder, keeping the newest ``keep``."""
    target = paths.backup_dir / container.automatic_name(reason)
    take_backup(db, target, app_version=__version__, reason=reason,
                extra_files=_profile_extras(paths))
    container.prune_automatic(paths.backup_dir, keep)
    return target


def daily_backup_if_due(ctx: AppContext) -> Path | None:
    """Once a day (the app calls this at start): a backup unless one is under a day old."""
    from desktop.services.pc_settings import read_pc_settings

    choice = read_pc_settings(ctx.paths.settings_file).get("backups")
    if isinstance(choice, dict) and choice.get("daily") is False:
        return None                                   # switched off for this PC (Settings)
    latest = container.automatic_backups(ctx.paths.backup_dir, "daily")
    if latest:
        taken = datetime.fromtimestamp(latest[-1].stat().st_mtime)
        if ctx.now() - taken < timedelta(days=1):
            return None
    return automatic_backup(ctx.paths, ctx.db, "daily", keep_count(ctx))


def describe_backup(path: Path) -> BackupInfo:
    return container.read_info(Path(path))


def restore_backup(paths: AppPaths, backup: Path, *, force: bool = False,
                   lang: str = "th") -> RestoreReport:
    """Put ``backup`` in place of the profile's database; see the module's docstring."""
    backup = Path(backup).expanduser()
    info = container.read_info(backup)
    check_revision(info)
    ensure_profile(paths)
    sqlite_file = container.sqlite_file_of(paths.database_url)
    if sqlite_file is not None:
        report = _restore_sqlite(paths, backup, info, sqlite_file, force, lang)
    else:
        report = _restore_postgres(paths, backup, info, force, lang)
    restored = _restore_profile_files(paths, backup)
    from desktop.services import witness

    witness.reset(paths, paths.database_url)   # the chain legitimately went back (audited)
    _record_restore(paths, backup, info, lang)
    return replace(report, profile_files=restored)


def _record_restore(paths: AppPaths, backup: Path, info: BackupInfo, lang: str) -> None:
    """The restored chain gets one more row: what was restored, from when."""
    from desktop.store import audit

    ctx = AppContext.open(paths, upgrade=False, lang=lang)
    try:
        with ctx.db.write() as session:
            audit.append(session, action="backup_restored", actor_name="(restore)",
                         workstation=ctx.workstation,
                         details={"file": backup.name, "taken_at": info.created_at,
                                  "revision": info.revision, "kind": info.kind.value,
                                  "audit_head": info.audit_head})
    finally:
        ctx.close()


def _verify(paths: AppPaths, info: BackupInfo, lang: str) -> RestoreReport:
    from desktop.services.audit_log import verify_all

    ctx = AppContext.open(paths, upgrade=False, lang=lang)
    try:
        chain = verify_all(ctx)
        rows = row_counts(ctx.db)
    finally:
        ctx.close()
    return RestoreReport(info, rows, chain.rows_checked, chain.ok,
                         "" if chain.ok else f"{chain.where}: {chain.problem}")


def _check(report: RestoreReport, force: bool) -> None:
    if not report.chain_ok and not force:
        where, _, problem = report.chain_problem.partition(": ")
        raise UserError(BackupMessage.RESTORE_CHAIN_BROKEN, where=where, problem=problem)
    from desktop.store.migrate import head_revision

    if report.info.revision == head_revision() and not force:
        for table, expected in report.info.table_rows.items():
            got = report.rows.get(table)
            if got is not None and got != expected:
                raise UserError(BackupMessage.RESTORE_ROWS_DIFFER,
                                table=table, got=got, expected=expected)


def _restore_sqlite(paths: AppPaths, backup: Path, info: BackupInfo, target: Path,
                    force: bool, lang: str) -> RestoreReport:
    with container.private_temp_dir(near=paths.home) as folder:
        staged = stage_sqlite(backup, info, folder)
        report = _verify(AppPaths(paths.home, f"sqlite:///{staged}"), info, lang)
        _check(report, force)
        safety = None
        if target.is_file() and target.stat().st_size > 0:
            current = Database(paths.database_url)
            try:
                safety = automatic_backup(paths, current, "before-restore")
            finally:
                current.dispose()
        swap_sqlite_file(staged, target)
    return replace(report, safety_backup=safety)


def _restore_postgres(paths: AppPaths, backup: Path, info: BackupInfo, force: bool,
                      lang: str) -> RestoreReport:
    db = Database(paths.database_url)
    try:
        safety = automatic_backup(paths, db, "before-restore") if row_counts(db) else None
        with container.private_temp_dir(near=paths.home) as folder:
            restore_postgres(backup, info, db, folder)
        report = _verify(paths, info, lang)
        try:
            _check(report, force)
        except UserError:
            if safety is not None:
                with container.private_temp_dir(near=paths.home) as folder:
                    restore_postgres(safety, container.read_info(safety), db, folder)
            raise
    finally:
        db.dispose()
    return replace(report, safety_backup=safety)


def _restore_profile_files(paths: AppPaths, backup: Path) -> list[str]:
    """Put back the catalogue and host keys the profile lacks (never overwrite them)."""
    restored = []
    for name, data in container.profile_files(backup).items():
        target = paths.home / name
        if name in PROFILE_FILES and not target.exists():
            target.write_bytes(data)
            target.chmod(0o600)
            restored.append(name)
    return restored
