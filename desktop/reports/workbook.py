"""Small building blocks for executive reports: a typed table written as an Excel sheet
(title row in Thai, bold frozen header, auto widths, real dates) or as a CSV that Excel
opens with Thai intact (UTF-8 with BOM).

``export_table(path, table)`` picks the format from the file suffix (.xlsx or .csv).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.os_reasons import os_reason


class WorkbookMessage(MessageCode):
    EXPORT_UNKNOWN_FORMAT = (
        "export_unknown_format",
        "ไม่รองรับไฟล์ชนิด “{suffix}” กรุณาใช้ {supported}",
        "Files of type “{suffix}” are not supported; use {supported}.",
    )
    EXPORT_UNWRITABLE = (
        "export_unwritable",
        "บันทึกไฟล์ {path} ไม่ได้ (ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น หรือไม่มีสิทธิ์เขียนโฟลเดอร์นี้): {detail}",
        "Cannot save {path} (is it open in another program, or is the folder read-only?): "
        "{detail}",
    )


SUPPORTED_SUFFIXES = (".xlsx", ".csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ZERO_WIDTH = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                        "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
MAX_WIDTH = 60.0


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"


_FORMATS: dict[ColumnType, str] = {
    ColumnType.INTEGER: "#,##0",
    ColumnType.NUMBER: "#,##0.00",
    ColumnType.PERCENT: "0.0%",
    ColumnType.DATE: "yyyy-mm-dd",
    ColumnType.DATETIME: "yyyy-mm-dd hh:mm:ss",
}


@dataclass(frozen=True)
class Column:
    header: str
    type: ColumnType = ColumnType.TEXT
    width: float | None = None  # None: fit the content (up to MAX_WIDTH)
    number_format: str = ""     # overrides the type's format


@dataclass(frozen=True)
class Table:
    """One sheet: columns, rows (values in column order), an optional title above them."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    title: str = ""
    subtitle: str = ""


def display_width(value: Any) -> float:
    """Roughly how many character cells ``value`` takes (Thai marks take none)."""
    text = format_plain(value)
    longest = max((sum(ch not in _ZERO_WIDTH for ch in line) for line in text.splitlines()),
                  default=0)
    return float(longest)


def format_plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _excel_value(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def add_sheet(workbook: Workbook, table: Table) -> Worksheet:
    """Append ``table`` as a new sheet: title, bold frozen header, typed cells, widths."""
    sheet = workbook.create_sheet(title=_sheet_name(table.name))
    row = 1
    width = max(len(table.columns), 1)
    for text, size in ((table.title, 16), (table.subtitle, 11)):
        if text:
            sheet.cell(row=row, column=1, value=_excel_value(text)).font = Font(bold=True,
                                                                                 size=size)
            if width > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
    if table.title or table.subtitle:
        row += 1
    header_row = row
    fill = PatternFill("solid", fgColor="DDE5F0")
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [display_width(c.header) for c in table.columns]
    for r, values in enumerate(table.rows, start=header_row + 1):
        for col, (column, value) in enumerate(zip(table.columns, values, strict=False), start=1):
            cell = sheet.cell(row=r, column=col, value=_excel_value(value))
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, even when it starts with "="
            if value is not None and (column.number_format or column.type in _FORMATS):
                cell.number_format = column.number_format or _FORMATS[column.type]
            widths[col - 1] = max(widths[col - 1], display_width(value))
    for col, column in enumerate(table.columns, start=1):
        fitted = column.width or min(MAX_WIDTH, widths[col - 1] * 1.15 + 2)
        if column.type in (ColumnType.DATE, ColumnType.DATETIME) and not column.width:
            fitted = max(fitted, 12 if column.type == ColumnType.DATE else 20)
        sheet.column_dimensions[get_column_letter(col)].width = fitted
        if not column.width and widths[col - 1] * 1.15 + 2 > MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=col, max_col=col):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    if table.columns:
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(table.rows), 1)}"
    return sheet


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip() or "Sheet"
    return cleaned[:31]


def csv_cell(value: Any) -> str:
    """A CSV field: plain text, and never something Excel would run as a formula."""
    text = format_plain(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_xlsx(path: Path, tables: Iterable[Table]) -> Path:
    workbook = Workbook()
    default = workbook.active
    for table in tables:
        add_sheet(workbook, table)
    if default is not None and len(workbook.worksheets) > 1:
        workbook.remove(default)
    return _atomic_write(path, workbook.save)


def write_csv(path: Path, table: Table) -> Path:
    """UTF-8 with BOM (so Excel shows Thai), header row first, no title rows."""

    def write(target: str) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, dialect="excel")
            writer.writerow([c.header for c in table.columns])
            for values in table.rows:
                writer.writerow([csv_cell(v) for v in values])
    return _atomic_write(path, write)


def export_table(path: Path | str, table: Table) -> Path:
    """Write ``table`` to ``path`` as .xlsx or .csv (by suffix)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(target, [table])
    if suffix == ".csv":
        return write_csv(target, table)
    raise UserError(WorkbookMessage.EXPORT_UNKNOWN_FORMAT, suffix=target.suffix or target.name,
                    supported=", ".join(SUPPORTED_SUFFIXES))


def _atomic_write(path: Path, write: Callable[[str], Any]) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    temp_name = ""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".webdesk-", suffix=path.suffix,
                                             dir=path.parent)
        os.close(handle)
        write(temp_name)
        os.chmod(temp_name, 0o644)  # mkstemp made it private; a report is an ordinary file
        os.replace(temp_name, path)
        temp_name = ""
    except OSError as exc:
        raise UserError(WorkbookMessage.EXPORT_UNWRITABLE,
                        path=str(path), detail=os_reason(exc)) from None
    finally:
        if temp_name:
            Path(temp_name).unlink(missing_ok=True)
    return path
