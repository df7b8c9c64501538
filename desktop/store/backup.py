"""Backup files: one ZIP container holding the database and a description of it.

``webdesk-backup.json`` says what the payload is (a SQLite copy made with the online backup
API, a ``pg_dump`` archive, or a logical export through SQLAlchemy), the schema revision it
was taken at, the row count of every table and the audit chain head, so a restore can refuse
a newer schema before touching anything and check what it got back.  Files are 0600.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.os_reasons import os_reason

FORMAT = 1
META_NAME = "webdesk-backup.json"
PRIVATE = 0o600
# a new file for bytes: O_BINARY on Windows, where os.open opens in text mode (LF -> CRLF)
WRITE_NEW = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)

class BackupFileMessage(MessageCode):
    BACKUP_UNREADABLE = (
        "backup_unreadable",
        "ไฟล์ {path} ไม่ใช่ไฟล์สำรองข้อมูลของ WebDesk หรือไฟล์เสียหาย ({detail})",
        "{path} is not a WebDesk backup or it is damaged ({detail}).",
    )
    BACKUP_WRITE_FAILED = (
        "backup_write_failed",
        "เขียนไฟล์สำรองข้อมูล {path} ไม่ได้ ({detail})",
        "Could not write the backup file {path} ({detail}).",
    )
    BACKUP_FORMAT_TOO_NEW = (
        "backup_format_too_new",
        "ไฟล์สำรองข้อมูลนี้สร้างโดย WebDesk รุ่นที่ใหม่กว่า (รูปแบบ {format}) กรุณาปรับรุ่นโปรแกรม",
        "This backup was made by a newer WebDesk (format {format}). Please update the app.",
    )



class BackupKind(enum.StrEnum):
    SQLITE = "sqlite"      # a SQLite database file (online backup API)
    PG_DUMP = "pg_dump"    # pg_dump --format=custom
    LOGICAL = "logical"    # JSON lines through SQLAlchemy: any back end to any back end


PAYLOAD_NAMES = {BackupKind.SQLITE: "database.sqlite3", BackupKind.PG_DUMP: "database.pgdump",
                 BackupKind.LOGICAL: "database.jsonl"}


@dataclass(frozen=True)
class BackupInfo:
    kind: BackupKind
    revision: str | None
    source: str                    # "sqlite" or "postgresql"
    created_at: str
    app_version: str
    table_rows: dict[str, int] = field(default_factory=dict)
    audit_head: str = ""
    payload_sha256: str = ""
    format: int = FORMAT
    reason: str = ""

    @property
    def payload_name(self) -> str:
        return PAYLOAD_NAMES[self.kind]

    def to_json(self) -> str:
        data = asdict(self)
        data["kind"] = self.kind.value
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> BackupInfo:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("description is not an object")
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["kind"] = BackupKind(values["kind"])
        values["table_rows"] = {str(k): int(v) for k, v in dict(values.get("table_rows")
                                                              or {}).items()}
        return cls(**values)


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


@contextlib.contextmanager
def private_temp_dir(near: Path | None = None) -> Iterator[Path]:
    """A 0700 scratch folder (beside ``near`` when given, so renames stay on one disk)."""
    parent = near if near is not None and near.is_dir() else None
    with tempfile.TemporaryDirectory(prefix="webdesk-backup-", dir=parent) as folder:
        os.chmod(folder, 0o700)
        yield Path(folder)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_container(out: Path, info: BackupInfo, payload: Path,
                    extra_files: dict[str, bytes] | None = None) -> BackupInfo:
    """Write ``out`` (0600) atomically: a temporary name, then a rename."""
    info = BackupInfo(**{**asdict(info), "kind": info.kind,
                         "payload_sha256": sha256_file(payload)})
    out = out.expanduser()
    part = out.with_name(f".{out.name}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(part, WRITE_NEW, PRIVATE)
        with os.fdopen(descriptor, "wb") as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr(META_NAME, info.to_json())
            archive.write(payload, info.payload_name)
            for name, data in (extra_files or {}).items():
                archive.writestr(f"profile/{name}", data)
        os.chmod(part, PRIVATE)
        os.replace(part, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise UserError(BackupFileMessage.BACKUP_WRITE_FAILED, path=str(out),
                        detail=os_reason(exc)) from exc
    return info


def read_info(path: Path) -> BackupInfo:
    """The description of a backup file; a clear message for anything else."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = BackupInfo.from_json(archive.read(META_NAME).decode("utf-8"))
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise UserError(BackupFileMessage.BACKUP_UNREADABLE,
                        path=str(path), detail=unreadable_reason(exc)) from exc
    if info.format > FORMAT:
        raise UserError(BackupFileMessage.BACKUP_FORMAT_TOO_NEW, format=info.format)
    if info.payload_name not in names:
        raise UserError(BackupFileMessage.BACKUP_UNREADABLE, path=str(path),
                        detail=NO_PAYLOAD)
    return info


NO_PAYLOAD = Localized("ไม่มีข้อมูลฐานข้อมูลอยู่ในไฟล์", "it holds no database")
PAYLOAD_DIFFERS = Localized("ข้อมูลฐานข้อมูลในไฟล์ไม่ตรงกับค่า SHA-256 ที่บันทึกไว้",
                            "the database inside does not match its recorded SHA-256")


def unreadable_reason(exc: BaseException) -> Localized:
    """Why a file could not be read as a backup, in Thai and English."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return Localized("ไม่ใช่ไฟล์ ZIP หรือไฟล์ไม่ครบ", "not a ZIP file, or cut short")
    if isinstance(exc, (zlib.error, EOFError)):
        return Localized("ข้อมูลที่บีบอัดไว้เสียหาย", "the compressed data is damaged")
    if isinstance(exc, KeyError):
        return Localized(f"ไม่มีคำอธิบาย {META_NAME}", f"no {META_NAME} description")
    return Localized(f"อ่านคำอธิบาย {META_NAME} ไม่ได้", f"its {META_NAME} cannot be read")


def extract_payload(path: Path, info: BackupInfo, folder: Path) -> Path:
    """Unpack the payload into ``folder`` and check it against its recorded SHA-256."""
    target = folder / info.payload_name
    try:
        with zipfile.ZipFile(path) as archive, archive.open(info.payload_name) as source, \
                open(os.open(target, WRITE_NEW, PRIVATE),
                     "wb") as sink:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                sink.write(chunk)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(BackupFileMessage.BACKUP_UNREADABLE,
                        path=str(path), detail=unreadable_reason(exc)) from exc
    if info.payload_sha256 and sha256_file(target) != info.payload_sha256:
        raise UserError(BackupFileMessage.BACKUP_UNREADABLE,
                        path=str(path), detail=PAYLOAD_DIFFERS)
    return target


def profile_files(path: Path) -> dict[str, bytes]:
    """The profile files stored beside the database (catalogue, known hosts)."""
    with zipfile.ZipFile(path) as archive:
        return {name.removeprefix("profile/"): archive.read(name)
                for name in archive.namelist() if name.startswith("profile/")}


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API, WAL included).

    The copy is left in rollback-journal mode, so it is one self-contained file."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    except sqlite3.DatabaseError as exc:
        raise UserError("database_corrupt", location=str(source)) from exc
    finally:
        src.close()
    os.chmod(target, PRIVATE)


def sqlite_file_of(url: str) -> Path | None:
    """The file of a ``sqlite:///FILE`` URL (None for in-memory or other databases)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and ":memory:" not in url and len(url) > len(prefix):
        return Path(url[len(prefix):].split("?", 1)[0])
    return None


AUTOMATIC_PREFIX = "auto-"
DEFAULT_KEEP = 14          # automatic backups kept in the profile (setting "backup_keep")
SUFFIX = ".wdbackup"


def automatic_name(reason: str, when: datetime | None = None) -> str:
    """``auto-20261123-090000-daily.wdbackup``: sorts by time, says why it was taken."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{AUTOMATIC_PREFIX}{stamp}-{reason}{SUFFIX}"


def automatic_backups(folder: Path, reason: str | None = None) -> list[Path]:
    """The automatic backups in ``folder``, oldest first (``reason`` narrows them)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir()
             if p.name.startswith(AUTOMATIC_PREFIX) and p.name.endswith(SUFFIX)
             and (reason is None or p.name.endswith(f"-{reason}{SUFFIX}"))]
    return sorted(found, key=lambda p: p.name)


def prune_automatic(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; return what went."""
    doomed = automatic_backups(folder)[:-keep] if keep > 0 else automatic_backups(folder)
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed
