"""fpdf2 with a Thai text layer that reads back exactly.

HarfBuzz shaping (``set_text_shaping(True)``) places tone marks and vowels correctly on the
page, but the glyph-to-text map of the embedded font cannot express every Thai cluster: sara
am (ำ) is drawn as nikhahit + sara aa, so ``pdftotext`` gives "สำ นักงาน" for สำนักงาน, and
copy, search and screen readers suffer.  Every text run drawn through :class:`ThaiPDF` is
therefore wrapped in a marked-content sequence carrying the original string::

    /Span <</ActualText <FEFF...UTF-16BE...>>> BDC  ...glyphs...  EMC

(PDF 32000-1 §14.9.4), which poppler, pdf.js, Acrobat and screen readers use instead of the
glyph map.  Page breaks never split a sequence: a cell that would run past the bottom starts
the new page before the sequence is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.paths import resources_dir


class ThaiPdfMessage(MessageCode):
    REPORT_FONT_MISSING = (
        "report_font_missing",
        "ไม่พบไฟล์ฟอนต์สำหรับรายงาน: {path}",
        "The font file for the report is missing: {path}",
    )


PT = 25.4 / 72          # millimetres per point
FAMILY = "Sarabun"
PAGE_ALIAS = "{nb}"


def actual_text_operand(text: str) -> str:
    """``text`` as a PDF hex string in UTF-16BE with a byte-order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def needs_actual_text(text: str) -> bool:
    """Plain ASCII reads back as drawn; anything else gets its original text attached."""
    return bool(text) and not text.isascii()


class ThaiPDF(FPDF):
    """An FPDF whose ``cell`` text is always recoverable (see the module docstring)."""

    def cell(self, w: float | None = None, h: float | None = None, text: str = "",
             *args: Any, **kwargs: Any) -> bool:
        if not needs_actual_text(text) or PAGE_ALIAS in text:
            return bool(super().cell(w, h, text, *args, **kwargs))
        height = h if h is not None else self.font_size
        if self.auto_page_break and self.will_page_break(height):
            self.add_page(same=True)
        self._out(f"/Span <</ActualText {actual_text_operand(text)}>> BDC")
        try:
            return bool(super().cell(w, h, text, *args, **kwargs))
        finally:
            self._out("EMC")


def font_path(name: str) -> Path:
    path = resources_dir() / "fonts" / name
    if not path.is_file():
        raise UserError(ThaiPdfMessage.REPORT_FONT_MISSING, path=str(path))
    return path


def new_document(*, orientation: str = "portrait", title: str = "", margin_mm: float = 18,
                 family: str = FAMILY) -> ThaiPDF:
    """An A4 ThaiPDF with Sarabun regular and bold, shaping on, page breaks left to us."""
    pdf = ThaiPDF(orientation="L" if orientation.startswith("l") else "P", unit="mm",
                  format="A4")
    pdf.set_margins(margin_mm, margin_mm, margin_mm)
    pdf.set_auto_page_break(False)
    pdf.add_font(family, "", str(font_path("Sarabun-Regular.ttf")))
    pdf.add_font(family, "B", str(font_path("Sarabun-Bold.ttf")))
    pdf.set_text_shaping(True)
    pdf.set_creator("WebDesk")
    if title:
        pdf.set_title(title)
    pdf.set_lang("th")
    return pdf
