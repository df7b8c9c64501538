"""Write-only worksheets laid out the same way: a title, a subtitle, a styled header, typed
cells (Buddhist-Era dates), widths that fit Thai, frozen panes, an autofilter and a print
set-up (landscape, fit to width, title rows repeated on every page).

Everything is written with openpyxl's write-only mode: rows go straight to disk, so a
register of 100,000 requests costs little memory; styles are copied from templates made
once per column instead of being built cell by cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.reports.workbook import display_width

BE_DATE = "[$-107041E]d mmm yyyy"            # Thai Buddhist calendar: 22 พ.ย. 2569
BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm"
BE_MONTH = "[$-107041E]mmmm yyyy"            # พฤศจิกายน 2569
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name="Tahoma", bold=True, color="FFFFFF")
TITLE_FONT = Font(name="Tahoma", bold=True, size=16, color="1F4E79")
SUBTITLE_FONT = Font(name="Tahoma", size=11, color="404040")
BODY_FONT = Font(name="Tahoma", size=10)
FLAG_FILL = PatternFill("solid", fgColor="FCE4D6")
TOTAL_FONT = Font(name="Tahoma", bold=True, size=10)
THIN = Side(style="thin", color="A6A6A6")
CELL_BORDER = Border(bottom=THIN)
MAX_TEXT = 32_000            # Excel's limit is 32,767 characters per cell
MAX_WIDTH = 60.0


class Kind(StrEnum):
    TEXT = "text"
    PLAIN = "plain"           # a number or text as it is, in the default style (big tables)
    LONG_TEXT = "long_text"   # wrapped
    INTEGER = "integer"
    NUMBER = "number"         # one decimal
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"
    MONTH = "month"


_FORMATS = {Kind.INTEGER: "#,##0", Kind.NUMBER: "#,##0.0", Kind.PERCENT: "0.0%",
            Kind.DATE: BE_DATE, Kind.DATETIME: BE_DATETIME, Kind.MONTH: BE_MONTH}


@dataclass(frozen=True)
class Col:
    header: str
    kind: Kind = Kind.TEXT
    width: float | None = None        # None: fit the header and the rows given


def t(lang: str, thai: str, english: str) -> str:
    return thai if lang == "th" else english


def clean(value: Any) -> Any:
    if isinstance(value, str):
        text = value if value.isprintable() else ILLEGAL_CHARACTERS_RE.sub("", value)
        return text[:MAX_TEXT]
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


def fit_width(values: Iterable[Any], minimum: float = 6.0) -> float:
    widest = max((display_width(v) for v in values), default=0.0)
    return max(minimum, min(MAX_WIDTH, widest * 1.2 + 2))


class SheetKit:
    """One write-only sheet: call :meth:`rows` (or :meth:`row`) then :meth:`finish`."""

    def __init__(self, workbook: Workbook, name: str, title: str, subtitle: str,
                 columns: Sequence[Col], sample: Sequence[Sequence[Any]] = (), *,
                 landscape: bool = True, first_row_widths: Sequence[float] = ()) -> None:
        sheet = workbook.create_sheet(name[:31])
        assert isinstance(sheet, WriteOnlyWorksheet)
        self.sheet = sheet
        self.columns = list(columns)
        width_count = max(len(self.columns), len(first_row_widths))
        for index in range(width_count):
            col = self.columns[index] if index < len(self.columns) else None
            width = col.width if col and col.width else None
            if width is None and col is not None:
                width = fit_width([col.header, *(r[index] for r in sample if index < len(r))])
                if col.kind in (Kind.DATE, Kind.MONTH):
                    width = max(width, 14)
                elif col.kind == Kind.DATETIME:
                    width = max(width, 19)
            if index < len(first_row_widths):
                width = max(width or 0, first_row_widths[index])
            sheet.column_dimensions[get_column_letter(index + 1)].width = width or 10
        self.header_row = 4 if subtitle else 3
        sheet.freeze_panes = f"A{self.header_row + 1}"
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = "9"     # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.print_title_rows = f"1:{self.header_row}"
        self._templates = [self._template(c) for c in self.columns]
        self._plain = [c.kind in (Kind.TEXT, Kind.PLAIN) for c in self.columns]
        self._reused = []
        for template in self._templates:
            cell = WriteOnlyCell(self.sheet)
            cell._style = copy(template)
            self._reused.append(cell)
        self.written = 0
        self._title(title, subtitle)

    def _template(self, col: Col) -> Any:
        cell = WriteOnlyCell(self.sheet)
        if col.kind in _FORMATS:
            cell.number_format = _FORMATS[col.kind]
        if col.kind == Kind.LONG_TEXT:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        else:
            cell.alignment = Alignment(vertical="top")
        return cell._style

    def _title(self, title: str, subtitle: str) -> None:
        span = max(len(self.columns), 1)
        heading = WriteOnlyCell(self.sheet, clean(title))
        heading.font = TITLE_FONT
        self.sheet.append([heading])
        if span > 1:
            self.sheet.merged_cells.add(f"A1:{get_column_letter(span)}1")
        if subtitle:
            below = WriteOnlyCell(self.sheet, clean(subtitle))
            below.font = SUBTITLE_FONT
            self.sheet.append([below])
            if span > 1:
                self.sheet.merged_cells.add(f"A2:{get_column_letter(span)}2")
        self.sheet.append([])
        header = []
        for col in self.columns:
            cell = WriteOnlyCell(self.sheet, col.header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header.append(cell)
        self.sheet.append(header)

    def cells(self, values: Sequence[Any], *, flag: bool = False, total: bool = False
              ) -> list[Any]:
        """The row's cells: plain text goes as a value (the workbook's default style); typed
        columns reuse one styled cell each (openpyxl writes a row's cells before it reads the
        next row, so a cell object can carry a new value every row)."""
        out: list[Any] = []
        plain_row = not (flag or total)
        for index, value in enumerate(values[:len(self._templates)]):
            if value is None or value == "":
                out.append(None)
                continue
            formula_like = isinstance(value, str) and value[:1] == "="
            if plain_row and self._plain[index] and not formula_like:
                out.append(clean(value))
                continue
            if plain_row:
                cell = self._reused[index]
            else:
                cell = WriteOnlyCell(self.sheet)
                cell._style = copy(self._templates[index])
            cell.value = clean(value)
            if isinstance(value, str):
                cell.data_type = "s"       # text is never a formula, even "=1+1"
            if flag:
                cell.fill = FLAG_FILL
            if total:
                cell.font = TOTAL_FONT
            out.append(cell)
        return out

    def row(self, values: Sequence[Any], *, flag: bool = False, total: bool = False) -> int:
        self.sheet.append(self.cells(values, flag=flag, total=total))
        self.written += 1
        return self.header_row + self.written

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.row(values)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.sheet.append([])
            self.written += 1

    def note(self, text: str, bold: bool = False) -> int:
        cell = WriteOnlyCell(self.sheet, clean(text))
        cell.font = TOTAL_FONT if bold else BODY_FONT
        self.sheet.append([cell])
        self.written += 1
        return self.header_row + self.written

    def plain(self, values: Sequence[Any], kinds: Sequence[Kind] = (), bold: bool = False
              ) -> int:
        """A row outside the main table (a second small table further down)."""
        out: list[Any] = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(self.sheet, clean(value))
            cell.font = TOTAL_FONT if bold else BODY_FONT
            kind = kinds[index] if index < len(kinds) else Kind.TEXT
            if kind in _FORMATS:
                cell.number_format = _FORMATS[kind]
            if kind == Kind.LONG_TEXT:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, str):
                cell.data_type = "s"
            if bold:
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            out.append(cell)
        self.sheet.append(out)
        self.written += 1
        return self.header_row + self.written

    @property
    def last_row(self) -> int:
        return self.header_row + self.written

    def finish(self, table_rows: int | None = None) -> None:
        """Autofilter over the header and the table's rows (the first ``table_rows``)."""
        rows = self.written if table_rows is None else table_rows
        if self.columns:
            last = get_column_letter(len(self.columns))
            end = self.header_row + max(rows, 1)
            self.sheet.auto_filter.ref = f"A{self.header_row}:{last}{end}"


def use_body_font(workbook: Workbook) -> None:
    """Make BODY_FONT the workbook's default, so plain cells need no style of their own."""
    workbook._fonts = IndexedList([BODY_FONT])


def as_month(day: date) -> datetime:
    """A month as the first day at midnight (cells typed as dates, shown as BE months)."""
    return datetime(day.year, day.month, 1)
