"""A small page-flow layer over :class:`ThaiPDF` for report PDFs: headings, wrapped Thai
paragraphs, tables whose header repeats on every page, bar charts drawn with the PDF's own
lines, and signature blocks.  Every text run keeps its exact Thai text layer (ActualText)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.reports.text_wrap import wrap_text
from desktop.reports.thai_pdf import PT, ThaiPDF, new_document

FAMILY = "Sarabun"
LINE_FACTOR = 1.35
SERIES_COLOURS = ((31, 78, 121), (192, 80, 77), (155, 187, 89), (128, 100, 162))


@dataclass(frozen=True)
class Column:
    header: str
    width: float            # mm
    align: str = "L"        # L, C or R


class PdfFlow:
    """Writes top to bottom, starting new pages as needed (with a page number footer)."""

    def __init__(self, title: str, *, orientation: str = "portrait", margin: float = 18,
                 size: float = 14, footer: str = "") -> None:
        self.pdf: ThaiPDF = new_document(orientation=orientation, title=title,
                                         margin_mm=margin)
        self.size = size
        self.footer = footer
        self.margin = margin
        self.pdf.add_page()
        self.y = margin
        self.pages = 1

    # -- geometry -----------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.pdf.w - 2 * self.margin

    @property
    def bottom(self) -> float:
        return self.pdf.h - self.margin - 6

    def line_height(self, size: float | None = None) -> float:
        return (size or self.size) * PT * LINE_FACTOR

    def room(self) -> float:
        return self.bottom - self.y

    def new_page(self) -> None:
        self._footer()
        self.pdf.add_page()
        self.pages += 1
        self.y = self.margin

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def _footer(self) -> None:
        if not self.footer:
            return
        self.font(size=10)
        self.pdf.set_text_color(110, 110, 110)
        self.pdf.set_xy(self.margin, self.pdf.h - self.margin + 2)
        self.pdf.cell(self.width / 2, 5, self.footer, align="L")
        self.pdf.set_xy(self.margin + self.width / 2, self.pdf.h - self.margin + 2)
        self.pdf.cell(self.width / 2, 5, f"- {self.pages} -", align="R")
        self.pdf.set_text_color(0, 0, 0)

    def finish(self) -> bytes:
        self._footer()
        return bytes(self.pdf.output())

    # -- text ---------------------------------------------------------------------------------
    def font(self, bold: bool = False, size: float | None = None) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size or self.size)

    def lines(self, text: str, width: float) -> list[str]:
        return wrap_text(text, width, self.pdf.get_string_width)

    def text(self, text: str, *, bold: bool = False, size: float | None = None,
             align: str = "L", indent: float = 0, after: float = 0) -> None:
        """A wrapped paragraph (a new page when the next line does not fit)."""
        self.font(bold, size)
        height = self.line_height(size)
        for line in self.lines(text, self.width - indent):
            self.ensure(height)
            self.pdf.set_xy(self.margin + indent, self.y)
            self.pdf.cell(self.width - indent, height, line, align=align)
            self.y += height
        self.y += after

    def heading(self, text: str, size: float = 16) -> None:
        """A section title, never alone at the foot of a page."""
        self.ensure(self.line_height(size) + 4 * self.line_height(12) + 6)
        self.y += 2
        self.text(text, bold=True, size=size, after=1)

    def gap(self, mm: float) -> None:
        self.y += mm

    # -- tables -------------------------------------------------------------------------------
    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
              size: float = 12, highlight: Sequence[bool] = ()) -> None:
        """Rows wrap inside their cells; the header repeats at the top of each new page."""
        height = self.line_height(size)
        pad = 1.2

        def cell_lines(values: Sequence[str], bold: bool) -> list[list[str]]:
            self.font(bold, size)
            return [self.lines(str(v), c.width - 2 * pad) or [""]
                    for c, v in zip(columns, values, strict=False)]

        def draw(values: Sequence[str], bold: bool, fill: tuple[int, int, int] | None) -> None:
            wrapped = cell_lines(values, bold)
            row_h = max(len(w) for w in wrapped) * height + 2 * pad
            if self.y + row_h > self.bottom:
                self.new_page()
                if not bold:
                    draw([c.header for c in columns], True, (221, 229, 240))
            x = self.margin
            self.font(bold, size)
            for column, lines in zip(columns, wrapped, strict=False):
                if fill is not None:
                    self.pdf.set_fill_color(*fill)
                    self.pdf.rect(x, self.y, column.width, row_h, style="DF")
                else:
                    self.pdf.rect(x, self.y, column.width, row_h)
                for i, line in enumerate(lines):
                    self.pdf.set_xy(x + pad, self.y + pad + i * height)
                    self.pdf.cell(column.width - 2 * pad, height, line, align=column.align)
                x += column.width
            self.y += row_h

        self.pdf.set_draw_color(150, 150, 150)
        self.ensure(3 * height)
        draw([c.header for c in columns], True, (221, 229, 240))
        for index, row in enumerate(rows):
            flagged = index < len(highlight) and highlight[index]
            draw(row, False, (252, 228, 214) if flagged else None)
        self.pdf.set_draw_color(0, 0, 0)
        self.y += 2

    # -- charts -------------------------------------------------------------------------------
    def bar_chart(self, title: str, labels: Sequence[str], series: Sequence[Sequence[float]],
                  names: Sequence[str] = (), *, height: float = 55, width: float | None = None,
                  x: float | None = None, label_width: float = 0, size: float = 10,
                  maximum: float | None = None) -> None:
        """Vertical bars (or horizontal ones when ``label_width`` is given) with values."""
        width = width or self.width
        x0 = self.margin if x is None else x
        self.ensure(height)
        top = self.y
        self.font(True, size + 1)
        self.pdf.set_xy(x0, top)
        self.pdf.cell(width, self.line_height(size + 1), title, align="C")
        area_top = top + self.line_height(size + 1) + 1
        legend_h = self.line_height(size) if len(series) > 1 else 0
        area_h = height - (area_top - top) - self.line_height(size) - legend_h - 2
        peak = maximum or max((v for s in series for v in s), default=0) or 1
        self.font(False, size)
        if label_width:
            self._horizontal(labels, series, x0, area_top, width, area_h, label_width, peak,
                             size)
        else:
            self._vertical(labels, series, x0, area_top, width, area_h, peak, size)
        if legend_h:
            lx = x0
            ly = top + height - legend_h
            for index, name in enumerate(names):
                self.pdf.set_fill_color(*SERIES_COLOURS[index % len(SERIES_COLOURS)])
                self.pdf.rect(lx, ly + 1, 3, 3, style="F")
                self.pdf.set_xy(lx + 4, ly)
                self.pdf.cell(40, self.line_height(size), name)
                lx += 6 + self.pdf.get_string_width(name) + 6
        if x is None:
            self.y = top + height + 2

    def _vertical(self, labels: Sequence[str], series: Sequence[Sequence[float]], x0: float,
                  top: float, width: float, height: float, peak: float, size: float) -> None:
        groups = max(len(labels), 1)
        slot = width / groups
        bar = slot * 0.7 / max(len(series), 1)
        base = top + height
        self.pdf.line(x0, base, x0 + width, base)
        for g, label in enumerate(labels):
            for s, values in enumerate(series):
                value = values[g] if g < len(values) else 0
                h = height * 0.85 * value / peak
                bx = x0 + g * slot + slot * 0.15 + s * bar
                self.pdf.set_fill_color(*SERIES_COLOURS[s % len(SERIES_COLOURS)])
                if h > 0:
                    self.pdf.rect(bx, base - h, bar * 0.92, h, style="F")
                self.pdf.set_xy(bx - 2, base - h - self.line_height(size))
                self.pdf.cell(bar + 4, self.line_height(size), f"{value:,.0f}", align="C")
            self.pdf.set_xy(x0 + g * slot, base + 0.5)
            self.pdf.cell(slot, self.line_height(size), label, align="C")

    def _horizontal(self, labels: Sequence[str], series: Sequence[Sequence[float]], x0: float,
                    top: float, width: float, height: float, label_width: float, peak: float,
                    size: float) -> None:
        rows = max(len(labels), 1)
        slot = height / rows
        bar_area = width - label_width - 12
        for r, label in enumerate(labels):
            y = top + r * slot
            self.pdf.set_xy(x0, y)
            self.pdf.cell(label_width - 1, slot, label, align="R")
            for s, values in enumerate(series):
                value = values[r] if r < len(values) else 0
                w = bar_area * value / peak
                self.pdf.set_fill_color(*SERIES_COLOURS[s % len(SERIES_COLOURS)])
                bh = slot * 0.7 / max(len(series), 1)
                by = y + slot * 0.15 + s * bh
                if w > 0:
                    self.pdf.rect(x0 + label_width, by, w, bh * 0.9, style="F")
                self.pdf.set_xy(x0 + label_width + w + 1, by - 0.5)
                self.pdf.cell(12, bh, f"{value:,.1f}" if value % 1 else f"{value:,.0f}")

    # -- signatures ---------------------------------------------------------------------------
    def signature(self, role: str, name: str = "", position: str = "", date_text: str = "",
                  *, x: float | None = None, width: float = 80, on_behalf_of: str = "",
                  size: float | None = None, lang: str = "th") -> None:
        """ลงชื่อ ........ / ( name ) / ตำแหน่ง / [ปฏิบัติราชการแทน ...] / วันที่ / role —
        centred in ``width`` at ``x``."""
        x0 = self.margin + self.width - width if x is None else x
        height = self.line_height(size)
        self.font(size=size)
        dots = "." * 40
        sign, title, day, behalf = (("ลงชื่อ", "ตำแหน่ง", "วันที่", "ปฏิบัติราชการแทน") if lang == "th"
                                    else ("Signed", "Position", "Date", "On behalf of"))
        lines = [f"{sign} {dots}", f"( {name} )" if name else f"( {dots} )",
                 f"{title} {position}" if position else f"{title} {dots}"]
        if on_behalf_of:
            lines.append(f"{behalf} {on_behalf_of}")
        lines += [date_text or f"{day} {dots}", role]
        for line in lines:
            self.pdf.set_xy(x0, self.y)
            self.pdf.cell(width, height, line, align="C")
            self.y += height
