"""Export audit log entries to Excel (.xlsx) or CSV (.csv, UTF-8 with BOM), by file suffix.

Entries may be ``desktop.store.audit.AuditEntry`` objects, any object with the same
attribute names, or mappings (``actor`` or ``actor_name`` for the person).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.thai_dates import format_thai_datetime
from desktop.reports.workbook import Column, ColumnType, Table, export_table

_FIELDS: tuple[tuple[str, str, str, ColumnType], ...] = (
    ("id", "ลำดับ", "No.", ColumnType.INTEGER),
    ("at", "วันเวลา", "Date and time", ColumnType.DATETIME),
    ("actor", "ผู้ดำเนินการ", "Actor", ColumnType.TEXT),
    ("workstation", "เครื่องคอมพิวเตอร์", "Workstation", ColumnType.TEXT),
    ("action", "การดำเนินการ", "Action", ColumnType.TEXT),
    ("request_id", "เลขที่คำขอ", "Request", ColumnType.INTEGER),
    ("details", "รายละเอียด", "Details", ColumnType.TEXT),
    ("hash", "ค่าแฮช (SHA-256)", "Hash (SHA-256)", ColumnType.TEXT),
)


_WIDTHS: dict[str, float] = {"hash": 68.0}  # a SHA-256 in hex is never wrapped


def audit_columns(lang: str = "th") -> list[Column]:
    return [Column(thai if lang == "th" else english, kind, _WIDTHS.get(name))
            for name, thai, english, kind in _FIELDS]


def _get(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        if name == "actor":
            return entry.get("actor", entry.get("actor_name"))
        return entry.get(name)
    if name == "actor":
        return getattr(entry, "actor", None) or getattr(entry, "actor_name", None)
    return getattr(entry, name, None)


def _details(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def audit_row(entry: Any) -> list[Any]:
    """One entry's values in column order (details as compact JSON, Thai kept)."""
    at = _get(entry, "at")
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return [_get(entry, "id"), at, _get(entry, "actor") or "", _get(entry, "workstation") or "",
            _get(entry, "action") or "", _get(entry, "request_id"),
            _details(_get(entry, "details")), _get(entry, "hash") or ""]


def audit_table(entries: Iterable[Any], *, lang: str = "th", title: str = "",
                exported_at: datetime | None = None) -> Table:
    rows = [audit_row(e) for e in entries]
    if lang == "th":
        title = title or "บันทึกการใช้งานระบบ (Audit log)"
        subtitle = (f"ส่งออกเมื่อ {format_thai_datetime(exported_at)} จำนวน {len(rows):,} รายการ"
                    if exported_at else f"จำนวน {len(rows):,} รายการ")
    else:
        title = title or "Audit log"
        subtitle = (f"Exported {exported_at:%Y-%m-%d %H:%M}, {len(rows):,} entries"
                    if exported_at else f"{len(rows):,} entries")
    return Table("Audit log", audit_columns(lang), rows, title, subtitle)


def export_audit(entries: Iterable[Any], path: Path | str, *, lang: str = "th",
                 title: str = "", exported_at: datetime | None = None) -> Path:
    """Write the entries to ``path``: .xlsx or .csv by suffix; anything else is a UserError."""
    return export_table(path, audit_table(entries, lang=lang, title=title,
                                          exported_at=exported_at))
