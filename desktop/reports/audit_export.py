"""Export audit log entries to Excel (.xlsx) or CSV (.csv, UTF-8 with BOM), by file suffix,
readable by people: actions and detail keys in the chosen language, details written out as
text (not JSON), requests by their WD number, byte counts as numbers with units.

Entries may be ``desktop.store.audit.AuditEntry`` objects, any object with the same
attribute names, or mappings (``actor`` or ``actor_name`` for the person).  The raw action
code is kept in its own column for filtering.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.thai_dates import format_thai_datetime
from desktop.reports.audit_labels_extra import action_label, describe
from desktop.reports.workbook import Column, ColumnType, Table, export_table

_FIELDS: tuple[tuple[str, str, str, ColumnType], ...] = (
    ("id", "ลำดับ", "No.", ColumnType.INTEGER),
    ("at", "วันเวลา", "Date and time", ColumnType.DATETIME),
    ("actor", "ผู้ดำเนินการ", "Actor", ColumnType.TEXT),
    ("workstation", "เครื่องคอมพิวเตอร์", "Workstation", ColumnType.TEXT),
    ("action", "การดำเนินการ", "Action", ColumnType.TEXT),
    ("request", "เลขที่คำขอ", "Request", ColumnType.TEXT),
    ("details", "รายละเอียด", "Details", ColumnType.TEXT),
    ("code", "รหัสการดำเนินการ", "Action code", ColumnType.TEXT),
    ("hash", "ค่าแฮช (SHA-256)", "Hash (SHA-256)", ColumnType.TEXT),
)
_WIDTHS: dict[str, float] = {"hash": 68.0}  # a SHA-256 in hex is never wrapped
BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm:ss"


def audit_columns(lang: str = "th") -> list[Column]:
    return [Column(thai if lang == "th" else english, kind, _WIDTHS.get(name),
                   BE_DATETIME if name == "at" and lang == "th" else "")
            for name, thai, english, kind in _FIELDS]


def _get(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        if name == "actor":
            return entry.get("actor", entry.get("actor_name"))
        return entry.get(name)
    if name == "actor":
        return getattr(entry, "actor", None) or getattr(entry, "actor_name", None)
    return getattr(entry, name, None)


def audit_row(entry: Any, lang: str = "th", references: Mapping[int, str] | None = None
              ) -> list[Any]:
    """One entry's values in column order."""
    at = _get(entry, "at")
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    action = str(_get(entry, "action") or "")
    request_id = _get(entry, "request_id")
    request = "" if request_id is None else (references or {}).get(
        int(request_id), f"#{request_id}")
    return [_get(entry, "id"), at, _get(entry, "actor") or "", _get(entry, "workstation") or "",
            action_label(action, lang) if action else "", request,
            describe(action, _get(entry, "details"), lang), action, _get(entry, "hash") or ""]


def audit_table(entries: Iterable[Any], *, lang: str = "th", title: str = "",
                exported_at: datetime | None = None,
                references: Mapping[int, str] | None = None) -> Table:
    rows = [audit_row(e, lang, references) for e in entries]
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
                 title: str = "", exported_at: datetime | None = None,
                 references: Mapping[int, str] | None = None) -> Path:
    """Write the entries to ``path``: .xlsx or .csv by suffix; anything else is a UserError.
    ``references`` maps request ids to their WD numbers."""
    return export_table(path, audit_table(entries, lang=lang, title=title,
                                          exported_at=exported_at, references=references))
