"""Every PDF WebDesk writes has a Thai text layer that pdftotext reads back exactly as drawn
(no squeezing of spaces: "สำ นักงาน" would be a failure)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

from desktop.reports.request_form import SignatureBlock, render_request_form
from desktop.reports.thai_pdf import actual_text_operand, needs_actual_text, new_document
from tests.unit.reports.form_samples import poppler, sample_form, write_pdf

TEST_WORDS = ("ผู้อนุมัติรับรอง", "สำนักงาน", "น้ำ", "ปฏิบัติราชการแทน", "กรุงเทพฯ")


def exact_text(pdf_file: Path) -> str:
    """pdftotext's reading, layout kept (the words must come back whole, spaces as drawn)."""
    result = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(pdf_file), "-"],
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def assert_words_read_back(text: str, words: tuple[str, ...] = TEST_WORDS) -> None:
    tokens = set(re.split(r"[\s()]+", text))
    for word in words:
        assert word in text, f"{word!r} not in the text layer: {text[:400]!r}"
    assert "สำ นัก" not in text and "ผู ้" not in text and "น ้ำ" not in text
    assert tokens  # (the text layer is not empty)


def test_actual_text_operand_is_utf16_with_bom() -> None:
    assert actual_text_operand("น้ำ") == "<FEFF0E190E490E33>"
    assert needs_actual_text("สำนักงาน") and not needs_actual_text("Page 1") \
        and not needs_actual_text("")


def test_thai_pdf_reads_back_each_test_word_exactly(tmp_path: Path) -> None:
    pdf = new_document(title="ทดสอบ")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("Sarabun", "", 16)
    for word in TEST_WORDS:
        pdf.cell(0, 9, f"คำทดสอบ {word} จบ")
        pdf.ln(9)
    pdf.set_font("Sarabun", "B", 16)
    pdf.cell(0, 9, "สำนักงานปลัดกระทรวง กรุงเทพฯ ๑๐๔๐๐")
    target = tmp_path / "words.pdf"
    target.write_bytes(bytes(pdf.output()))
    text = exact_text(target)
    for word in TEST_WORDS:
        assert f"คำทดสอบ {word} จบ" in text
    assert "สำนักงานปลัดกระทรวง กรุงเทพฯ ๑๐๔๐๐" in text
    data = target.read_bytes()
    assert data.count(b"/Span <</ActualText <FEFF") == len(TEST_WORDS) + 1
    # the operators as whole tokens: the bytes "BDC" also turn up by chance inside the
    # document's random /ID (a hex string), which made this check fail now and then
    opened, closed = (len(re.findall(rb"(?<![0-9A-Za-z])%s(?![0-9A-Za-z])" % op, data))
                      for op in (b"BDC", b"EMC"))
    assert opened == closed >= len(TEST_WORDS) + 1


def test_request_form_text_layer_has_the_test_words(tmp_path: Path) -> None:
    form = sample_form()
    form = replace(form, agency_name="สำนักงานเขตพระนคร กรุงเทพฯ",
                   title="ประกาศงดจ่ายน้ำประปาชั่วคราว",
                   approver=replace(form.approver, on_behalf_of="ผู้อำนวยการสำนักงานเขต"),
                   publisher=SignatureBlock("นายธีรวัฒน์ ใจดี", "นักวิชาการคอมพิวเตอร์"))
    text = exact_text(write_pdf(render_request_form(form), tmp_path))
    assert_words_read_back(text)
    assert "ประกาศงดจ่ายน้ำประปาชั่วคราว" in text
    assert "สำนักงานเขตพระนคร กรุงเทพฯ" in text
