"""The printable official form "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน" as a PDF.

Set in the bundled Sarabun with HarfBuzz shaping (tone marks and vowels placed correctly) and
a text layer that reads back exactly (:mod:`thai_pdf`: every run carries its /ActualText),
dates in the Buddhist Era, long text wrapped the Thai way (see :mod:`text_wrap`), rows that
are taller than a page continue on the next.  The layout comes from a JSON template
(:mod:`form_template`) so agencies can adapt labels, order and the agency name.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.request import PublicationRequest
from desktop.domain.thai_dates import format_thai_date
from desktop.reports.form_template import font_file, load_form_template
from desktop.reports.text_wrap import wrap_text
from desktop.reports.thai_pdf import ThaiPDF


class RequestFormMessage(MessageCode):
    SIGNATURE_IMAGE_INVALID = (
        "signature_image_invalid",
        "ไฟล์ภาพลายมือชื่อของ {name} เสียหายหรือไม่ใช่ภาพ",
        "The signature image of {name} is damaged or not an image.",
    )


PT = 25.4 / 72  # millimetres per point
PAD = 1.5       # cell padding, mm
LINE_FACTOR = 1.45


@dataclass(frozen=True)
class SignatureBlock:
    """One of the three signature blocks: who, their position, when, and how they signed."""

    full_name: str = ""
    position: str = ""
    date: date | None = None
    signature_png: bytes | None = None
    on_behalf_of: str = ""
    role_label: str = ""  # empty: the template's label for this block
    step: int = 0         # an earlier step of an approval chain (labelled by the template)


@dataclass(frozen=True)
class FormData:
    agency_name: str = ""
    form_date: date | None = None
    title: str = ""
    details: str = ""  # empty: the template's "ดูเอกสารแนบ"
    external_link: str = ""
    remarks: str = ""
    provider: SignatureBlock = field(default_factory=SignatureBlock)
    approver: SignatureBlock = field(default_factory=SignatureBlock)
    publisher: SignatureBlock = field(default_factory=SignatureBlock)
    reference: str = ""
    earlier_approvals: tuple[SignatureBlock, ...] = ()   # steps before the final one


@dataclass(frozen=True)
class SignoffInfo:
    """A sign-off as plain values (services map ``SignoffRow`` to this)."""

    name: str
    position: str
    decided_at: datetime
    decision: str = "approve"
    step: int = 1
    on_behalf_of: str = ""
    signature_png: bytes | None = None
    voided: bool = False


def form_data_from(request: PublicationRequest, signoffs: Sequence[SignoffInfo] = (), *,
                   agency_name: str = "", form_date: date | None = None,
                   publisher: SignatureBlock | None = None,
                   provider_signature: bytes | None = None) -> FormData:
    """Fill the form from a request, its sign-offs and the person who published it.

    The approver block shows the last valid approval (the final step of a chain); the earlier
    steps of a chain get blocks of their own below it.  The form date is the date the request
    was received unless given.
    """
    approvals = [s for s in signoffs if s.decision == "approve" and not s.voided]
    approvals.sort(key=lambda s: (s.step, s.decided_at))
    approver = SignatureBlock()
    earlier: list[SignatureBlock] = []
    if approvals:
        last = approvals[-1]
        approver = SignatureBlock(last.name, last.position, last.decided_at.date(),
                                  last.signature_png, last.on_behalf_of)
        earlier = [SignatureBlock(s.name, s.position, s.decided_at.date(), s.signature_png,
                                  s.on_behalf_of, step=s.step)
                   for s in approvals[:-1]]
    received = request.received_at.date() if request.received_at else None
    requester = request.requester
    provider_position = " ".join(p for p in (requester.position, requester.unit) if p)
    return FormData(
        agency_name=agency_name,
        form_date=form_date or received,
        title=request.title,
        details=request.summary.strip(),
        external_link=request.external_link,
        remarks=request.remarks,
        provider=SignatureBlock(requester.name, provider_position, received,
                                provider_signature),
        approver=approver,
        publisher=publisher or SignatureBlock(),
        reference=request.reference,
        earlier_approvals=tuple(earlier),
    )


@dataclass(frozen=True)
class _BlockLayout:
    block: SignatureBlock
    header: list[str]
    body: list[str]


class _FormPDF(ThaiPDF):
    footer_font: tuple[str, float] = ("", 10.0)

    def footer(self) -> None:
        if self.pages_count < 2:
            return
        self.set_y(-12)
        self.set_font(self.footer_font[0], "", self.footer_font[1])
        self.cell(0, 6, f"หน้า {self.page_no()}/{{nb}}", align="R")


class _FormWriter:
    def __init__(self, template: dict[str, Any]) -> None:
        self.t = template
        font = template["font"]
        self.family = str(font.get("family", "Sarabun"))
        self.size = float(font.get("size", 14))
        self.line_h = self.size * PT * LINE_FACTOR
        page = template.get("page", {})
        margin = float(page.get("margin_mm", 20))
        pdf = _FormPDF(unit="mm", format=page.get("format", "A4"))
        pdf.footer_font = (self.family, float(font.get("small_size", 11)))
        pdf.set_margins(margin, margin, margin)
        pdf.set_auto_page_break(False)
        pdf.add_font(self.family, "", str(font_file(template, "regular")))
        pdf.add_font(self.family, "B", str(font_file(template, "bold")))
        pdf.set_text_shaping(True)
        pdf.set_title(str(template.get("title", "")))
        pdf.set_creator("WebDesk")
        self.pdf = pdf
        self.bottom = pdf.h - margin
        self.width = pdf.w - 2 * margin

    # -- text helpers ---------------------------------------------------------------------
    def font(self, bold: bool = False, size: float | None = None) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size or self.size)

    def lines(self, text: str, width: float) -> list[str]:
        return wrap_text(text, width - 2 * PAD, self.pdf.get_string_width)

    def text_line(self, x: float, y: float, w: float, text: str, align: str = "L",
                  h: float | None = None) -> None:
        self.pdf.set_xy(x, y)
        self.pdf.cell(w, h or self.line_h, text, align=align)

    def dotted(self, label: str, width: float) -> str:
        """``label`` followed by as many dots as fit in ``width`` (a line to write on)."""
        text = f"{label} " if label else ""
        dots = max(3, int((width - self.pdf.get_string_width(text))
                          // max(self.pdf.get_string_width("."), 0.1)) - 1)
        return text + "." * dots

    def date_text(self, d: date | None) -> str:
        return format_thai_date(d, str(self.t.get("date_style", "full")),
                                bool(self.t.get("thai_digits", False)))

    # -- parts ------------------------------------------------------------------------------
    def heading(self, data: FormData) -> None:
        pdf = self.pdf
        pdf.add_page()
        font = self.t["font"]
        y = pdf.t_margin
        self.font(True, float(font.get("title_size", 18)))
        title_h = float(font.get("title_size", 18)) * PT * LINE_FACTOR
        for line in self.lines(str(self.t.get("title", "")), self.width):
            self.text_line(pdf.l_margin, y, self.width, line, "C", title_h)
            y += title_h
        agency = data.agency_name or str(self.t.get("agency_name", ""))
        if agency and self.t.get("show_agency_heading", True):
            size = float(font.get("heading_size", 16))
            self.font(True, size)
            for line in self.lines(agency, self.width):
                self.text_line(pdf.l_margin, y, self.width, line, "C", size * PT * LINE_FACTOR)
                y += size * PT * LINE_FACTOR
        if data.reference:
            self.font(False, float(font.get("small_size", 11)))
            label = self.t.get("labels", {}).get("reference", "")
            self.text_line(pdf.l_margin, y, self.width, f"{label} {data.reference}".strip(), "R")
            y += self.line_h
        pdf.set_y(y + 3)

    def field_value(self, key: str, data: FormData) -> str:
        if key == "form_date":
            return self.date_text(data.form_date)
        if key == "agency_name":
            return data.agency_name or str(self.t.get("agency_name", ""))
        if key == "details":
            return data.details or str(self.t.get("details_placeholder", ""))
        value = getattr(data, key, "")
        return value if isinstance(value, str) else ""

    def fields(self, data: FormData) -> None:
        label_w = float(self.t.get("label_column_mm", 48))
        value_w = self.width - label_w
        for spec in self.t["fields"]:
            self.font(True)
            label_lines = self.lines(str(spec.get("label", "")), label_w)
            self.font(False)
            value_lines = self.lines(self.field_value(spec["key"], data), value_w)
            rows = max(len(label_lines), len(value_lines), int(spec.get("min_lines", 1)))
            self.row(label_lines, value_lines, rows, label_w, value_w)

    def row(self, label_lines: list[str], value_lines: list[str], rows: int,
            label_w: float, value_w: float) -> None:
        pdf = self.pdf
        done = 0
        while done < rows:
            room = int((self.bottom - pdf.get_y() - 2 * PAD) // self.line_h)
            if room < min(rows - done, 2):
                pdf.add_page()
                continue
            chunk = min(room, rows - done)
            y, x = pdf.get_y(), pdf.l_margin
            height = chunk * self.line_h + 2 * PAD
            pdf.rect(x, y, label_w, height)
            pdf.rect(x + label_w, y, value_w, height)
            for i in range(chunk):
                line_y = y + PAD + i * self.line_h
                if done + i < len(label_lines):
                    self.font(True)
                    self.text_line(x + PAD, line_y, label_w - 2 * PAD, label_lines[done + i])
                if done + i < len(value_lines):
                    self.font(False)
                    self.text_line(x + label_w + PAD, line_y, value_w - 2 * PAD,
                                   value_lines[done + i])
            done += chunk
            pdf.set_y(y + height)

    def signature_blocks(self, data: FormData) -> None:
        specs = list(self.t["signature_blocks"])
        per_row = max(1, int(self.t.get("blocks_per_row", 2)))
        gap = 4.0
        block_w = (self.width - gap * (per_row - 1)) / per_row
        self.pdf.set_y(self.pdf.get_y() + 6)
        body_size = self.size
        self.set_size(float(self.t["font"].get("block_size", body_size)))
        try:
            self.draw_block_rows(specs, data, per_row, block_w, gap)
            if data.earlier_approvals:      # a chain: who approved each step before the last
                label = str(self.t.get("labels", {}).get("approval_step",
                                                         "ผู้เห็นชอบ ขั้นที่ {step}"))
                specs = [{"block": block, "label": label.format(step=block.step)}
                         for block in data.earlier_approvals]
                self.draw_block_rows(specs, data, per_row, block_w, gap)
        finally:
            self.set_size(body_size)

    def set_size(self, size: float) -> None:
        self.size = size
        self.line_h = size * PT * LINE_FACTOR

    def draw_block_rows(self, specs: list[dict[str, Any]], data: FormData, per_row: int,
                        block_w: float, gap: float) -> None:
        sig_h = float(self.t.get("signature_height_mm", 18))
        for start in range(0, len(specs), per_row):
            group = [self.block_layout(spec, data, block_w)
                     for spec in specs[start:start + per_row]]
            header = max(len(b.header) for b in group)
            body = max(len(b.body) for b in group)
            height = 2 * PAD + (header + 1 + body) * self.line_h + sig_h
            if self.pdf.get_y() + height > self.bottom:
                self.pdf.add_page()
            y = self.pdf.get_y()
            used = len(group) * block_w + gap * (len(group) - 1)
            x = self.pdf.l_margin + (self.width - used) / 2
            for layout in group:
                self.pdf.rect(x, y, block_w, height)
                self.draw_block(x, y + PAD + header * self.line_h, block_w, layout,
                                y + PAD + (header - len(layout.header)) * self.line_h / 2)
                x += block_w + gap
            self.pdf.set_y(y + height + 4)

    def block_layout(self, spec: dict[str, Any], data: FormData, width: float) -> _BlockLayout:
        block = spec["block"] if "block" in spec else getattr(data, spec["key"], None)
        if not isinstance(block, SignatureBlock):
            block = SignatureBlock()
        labels = self.t.get("labels", {})
        inner = width - 4 * PAD
        self.font(True)
        header = self.lines(block.role_label or str(spec.get("label", "")), width)
        self.font(False)
        name = f"( {block.full_name} )" if block.full_name else f"({self.dotted('', inner - 8)})"
        position_label = str(labels.get("position", ""))
        texts = [name, f"{position_label} {block.position}" if block.position
                 else self.dotted(position_label, inner)]
        if block.on_behalf_of:
            texts.append(f"{labels.get('on_behalf', '')} {block.on_behalf_of}")
        date_label = str(labels.get("date", ""))
        texts.append(f"{date_label} {self.date_text(block.date)}" if block.date
                     else self.dotted(date_label, inner))
        body = [line for text in texts for line in self.lines(text.strip(), width)]
        return _BlockLayout(block, header, body)

    def draw_block(self, x: float, y: float, w: float, layout: _BlockLayout,
                   header_y: float) -> None:
        """Header lines centred in the header band; signature, name, position, date below."""
        self.font(True)
        for i, line in enumerate(layout.header):
            self.text_line(x, header_y + i * self.line_h, w, line, "C")
        sig_h = float(self.t.get("signature_height_mm", 18))
        if layout.block.signature_png:
            self.signature_image(layout.block, x + 3 * PAD, y, w - 6 * PAD, sig_h)
        y += sig_h
        self.font(False)
        sign_label = str(self.t.get("labels", {}).get("sign", ""))
        self.text_line(x, y, w, self.dotted(sign_label, w - 4 * PAD), "C")
        for i, line in enumerate(layout.body, start=1):
            self.text_line(x, y + i * self.line_h, w, line, "C")

    def signature_image(self, block: SignatureBlock, x: float, y: float, w: float,
                        h: float) -> None:
        assert block.signature_png is not None
        try:
            with Image.open(io.BytesIO(block.signature_png)) as image:
                image.load()
                px_w, px_h = image.size
        except (UnidentifiedImageError, OSError, ValueError):
            raise UserError(RequestFormMessage.SIGNATURE_IMAGE_INVALID,
                            name=block.full_name) from None
        scale = min(w / px_w, h / px_h)
        img_w, img_h = px_w * scale, px_h * scale
        self.pdf.image(io.BytesIO(block.signature_png), x + (w - img_w) / 2,
                       y + (h - img_h), img_w, img_h)


def render_request_form(data: FormData, template_path: Path | None = None) -> bytes:
    """The filled-in form as PDF bytes.  ``template_path``: an agency's adapted template."""
    writer = _FormWriter(load_form_template(template_path))
    writer.heading(data)
    writer.fields(data)
    writer.signature_blocks(data)
    return bytes(writer.pdf.output())
