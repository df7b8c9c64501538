"""Raw access logs kept by WebDesk (when asked) for the Computer Crime Act's traffic-data
period: at least 90 days, with a warning before anything younger would be deleted.

Each import writes the bytes it read to ``<profile>/access_logs/<site>/`` as gzip, named
``<first day>_<last day>_<log id>_<offset>.log.gz``; a file is as old as its last day.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.services.context import AppContext


class RawLogMessage(MessageCode):
    RAW_LOGS_TOO_SHORT = (
        "raw_logs_too_short",
        "ต้องเก็บบันทึกการเข้าใช้เว็บไซต์ไว้อย่างน้อย {minimum} วัน (พ.ร.บ.ว่าด้วยการกระทำความผิดเกี่ยวกับ"
        "คอมพิวเตอร์) แต่ตั้งไว้ {days} วัน",
        "Access logs must be kept at least {minimum} days (Computer-related Crime Act); "
        "{days} days was asked.",
    )
    RAW_LOGS_YOUNG_DELETE = (
        "raw_logs_young_delete",
        "คำเตือน: การลบนี้จะลบบันทึกการเข้าใช้เว็บไซต์ {count} ไฟล์ที่มีอายุไม่ถึง {minimum} วัน "
        "(ใหม่สุดถึงวันที่ {newest}) ซึ่งกฎหมายกำหนดให้เก็บไว้ หากแน่ใจให้ยืนยันการลบอีกครั้ง",
        "Warning: this would delete {count} access-log file(s) younger than {minimum} days "
        "(the newest up to {newest}), which the law requires to be kept. Confirm to delete "
        "them anyway.",
    )
    RAW_LOGS_UNWRITABLE = (
        "raw_logs_unwritable",
        "บันทึกสำเนาบันทึกการเข้าใช้เว็บไซต์ที่ {path} ไม่ได้: {detail}",
        "Cannot keep a copy of the access log in {path}: {detail}",
    )


MINIMUM_DAYS = 90
KEEP_SETTING = "access_logs.keep_raw"
DAYS_SETTING = "access_logs.keep_days"
_NAME = re.compile(r"^(\d{4}-\d\d-\d\d)_(\d{4}-\d\d-\d\d)_[0-9a-f]+_\d+\.log\.gz$")


def raw_log_folder(ctx: AppContext, site: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", site) or "site"
    return ctx.paths.home / "access_logs" / safe


@dataclass(frozen=True)
class RawLogPolicy:
    keep: bool
    days: int


def raw_log_policy(ctx: AppContext) -> RawLogPolicy:
    return RawLogPolicy(bool(ctx.setting(KEEP_SETTING, False)),
                        int(ctx.setting(DAYS_SETTING, MINIMUM_DAYS) or MINIMUM_DAYS))


def set_raw_log_policy(ctx: AppContext, keep: bool, days: int = MINIMUM_DAYS) -> RawLogPolicy:
    """Keep raw logs or not; ``days`` below the legal minimum is refused."""
    if days < MINIMUM_DAYS:
        raise UserError(RawLogMessage.RAW_LOGS_TOO_SHORT, minimum=MINIMUM_DAYS, days=days)
    ctx.set_setting(KEEP_SETTING, bool(keep))
    ctx.set_setting(DAYS_SETTING, int(days))
    return RawLogPolicy(keep, days)


class RawLogWriter:
    """Collects the bytes one import read from one log into a gzip file in the archive."""

    def __init__(self, folder: Path, log_id: str, offset: int) -> None:
        self.folder = folder
        self.log_id = log_id
        self.offset = offset
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.part = folder / f".incoming_{log_id}_{offset}.log.gz"
            self._file: BinaryIO = gzip.open(  # type: ignore[assignment]  # noqa: SIM115
                self.part, "wb", compresslevel=6)
        except OSError as exc:
            raise UserError(RawLogMessage.RAW_LOGS_UNWRITABLE, path=str(folder),
                            detail=exc.strerror or str(exc)) from exc
        self.written = 0

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self.written += len(chunk)

    def copy_from(self, path: Path, start: int, length: int) -> None:
        with open(path, "rb") as handle:
            handle.seek(start)
            left = length
            while left > 0:
                piece = handle.read(min(1 << 20, left))
                if not piece:
                    break
                self.write(piece)
                left -= len(piece)

    def finish(self, first_day: date | None, last_day: date | None) -> Path | None:
        self._file.close()
        if not self.written or first_day is None or last_day is None:
            self.part.unlink(missing_ok=True)
            return None
        target = self.folder / f"{first_day}_{last_day}_{self.log_id}_{self.offset}.log.gz"
        self.part.replace(target)
        return target

    def abandon(self) -> None:
        try:
            self._file.close()
        finally:
            self.part.unlink(missing_ok=True)


@dataclass(frozen=True)
class RawLogFile:
    path: Path
    first_day: date
    last_day: date


def raw_log_files(ctx: AppContext) -> list[RawLogFile]:
    root = ctx.paths.home / "access_logs"
    found: list[RawLogFile] = []
    if not root.is_dir():
        return found
    for path in sorted(root.glob("*/*.log.gz")):
        match = _NAME.match(path.name)
        if match:
            found.append(RawLogFile(path, date.fromisoformat(match.group(1)),
                                    date.fromisoformat(match.group(2))))
    return found


@dataclass(frozen=True)
class PurgePlan:
    delete: tuple[RawLogFile, ...]
    young: tuple[RawLogFile, ...]      # among ``delete``: younger than the legal minimum


def plan_purge(ctx: AppContext, keep_days: int, today: date | None = None) -> PurgePlan:
    """Which kept logs a purge keeping ``keep_days`` days would delete."""
    today = today or ctx.today()
    cutoff = today - timedelta(days=keep_days)
    legal = today - timedelta(days=MINIMUM_DAYS)
    delete = tuple(f for f in raw_log_files(ctx) if f.last_day < cutoff)
    return PurgePlan(delete, tuple(f for f in delete if f.last_day >= legal))


def purge_raw_logs(ctx: AppContext, keep_days: int, *, confirm_young: bool = False,
                   today: date | None = None) -> list[Path]:
    """Delete kept logs older than ``keep_days``; refuses (with a warning) to delete any
    younger than 90 days unless ``confirm_young``."""
    plan = plan_purge(ctx, keep_days, today)
    if plan.young and not confirm_young:
        raise UserError(RawLogMessage.RAW_LOGS_YOUNG_DELETE,
                        count=len(plan.young), minimum=MINIMUM_DAYS,
                        newest=max(f.last_day for f in plan.young).isoformat())
    return _delete(f.path for f in plan.delete)


def _delete(paths: Iterable[Path]) -> list[Path]:
    removed = []
    for path in paths:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
