"""The printed request form: real PDFs read back with poppler (pdftotext, pdfimages)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest, Requester
from desktop.reports.form_template import (
    default_template_path,
    load_form_template,
    profile_template_path,
    template_for_profile,
)
from desktop.reports.request_form import (
    FormData,
    SignatureBlock,
    SignoffInfo,
    form_data_from,
    render_request_form,
)
from tests.unit.reports.form_samples import (
    APPROVER,
    SENTENCE,
    TITLE,
    page_count,
    pdf_text,
    poppler,
    sample_form,
    signature_png,
    squeeze,
    write_pdf,
)


def test_pdf_text_has_thai_title_approver_and_buddhist_era_date(tmp_path: Path) -> None:
    pdf = render_request_form(sample_form())
    assert pdf.startswith(b"%PDF")
    text = squeeze(pdf_text(write_pdf(pdf, tmp_path)))
    assert squeeze(TITLE) in text
    assert squeeze(APPROVER) in text
    assert squeeze("แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน") in text
    assert "22พฤศจิกายน2569" in text  # form date, BE year
    assert "21พฤศจิกายน2569" in text  # approver's date
    assert "2026" not in text
    for label in ("ผู้รับผิดชอบการให้ข้อมูล", "ผู้อนุมัติรับรอง", "ปฏิบัติราชการแทน"):
        assert squeeze(label) in text


def test_short_form_fits_one_page(tmp_path: Path) -> None:
    assert page_count(write_pdf(render_request_form(sample_form()), tmp_path)) == 1


def images(pdf_file: Path) -> list[list[str]]:
    """``pdfimages -list`` rows: page num type width height ... x-ppi y-ppi size ratio."""
    out = subprocess.run([poppler("pdfimages"), "-list", str(pdf_file)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


def drawn_size_mm(row: list[str]) -> tuple[float, float]:
    width, height, x_ppi, y_ppi = int(row[3]), int(row[4]), float(row[12]), float(row[13])
    return width / x_ppi * 25.4, height / y_ppi * 25.4


def test_signature_png_is_embedded_scaled_into_the_block(tmp_path: Path) -> None:
    signed = write_pdf(render_request_form(sample_form(with_signature=True)), tmp_path, "a.pdf")
    unsigned = write_pdf(render_request_form(sample_form(with_signature=False)), tmp_path,
                         "b.pdf")
    listed = [row for row in images(signed) if row[2] == "image"]
    assert [(row[3], row[4]) for row in listed] == [("400", "120")]
    width_mm, height_mm = drawn_size_mm(listed[0])
    assert width_mm <= 170 / 3 and height_mm <= 18.2  # inside a block's signature area
    assert width_mm == pytest.approx(height_mm * 400 / 120, rel=0.05)  # aspect ratio kept
    assert images(unsigned) == []


def test_tall_signature_image_is_scaled_down_to_the_signature_area(tmp_path: Path) -> None:
    data = sample_form()
    tall = FormData(**{**data.__dict__, "approver": SignatureBlock(
        APPROVER, "ผู้อำนวยการ", date(2026, 11, 21), signature_png((120, 900)))})
    pdf = write_pdf(render_request_form(tall), tmp_path)
    assert page_count(pdf) == 1
    [row] = [row for row in images(pdf) if row[2] == "image"]
    width_mm, height_mm = drawn_size_mm(row)
    assert height_mm <= 18.2 and width_mm < 3
    assert squeeze(APPROVER) in squeeze(pdf_text(pdf))


def test_damaged_signature_image_is_a_user_error() -> None:
    data = sample_form()
    broken = FormData(**{**data.__dict__, "provider": SignatureBlock(
        "นางสาวกุลธิดา ศรีสุข", signature_png=b"not a png")})
    with pytest.raises(UserError) as caught:
        render_request_form(broken)
    assert caught.value.code == "signature_image_invalid"
    assert "กุลธิดา" in caught.value.text("th")


def test_long_details_wrap_within_the_page_and_continue_on_next_pages(tmp_path: Path) -> None:
    marker = "ข้อความสุดท้ายของรายละเอียด"
    pdf_file = write_pdf(render_request_form(sample_form(SENTENCE * 40 + marker)), tmp_path)
    assert page_count(pdf_file) > 1
    text = squeeze(pdf_text(pdf_file))
    assert squeeze(marker) in text
    assert text.count(squeeze("โดยวิธีเฉพาะเจาะจง")) == 40
    # No word lies beyond the right margin (A4 is 595 pt wide; the margin is 20 mm).
    bbox = subprocess.run([poppler("pdftotext"), "-bbox", str(pdf_file), "-"],
                          capture_output=True, text=True, check=True).stdout
    right_edges = [float(part.split('"')[1]) for part in bbox.split() if part.startswith("xMax=")]
    assert right_edges
    assert max(right_edges) <= 595.28 - 20 / 25.4 * 72 + 0.5


def test_profile_template_overrides_labels_and_agency(tmp_path: Path, home: Path) -> None:
    assert template_for_profile(home) == default_template_path()
    own = profile_template_path(home)
    own.parent.mkdir(parents=True)
    own.write_text(json.dumps({
        "title": "แบบขอเผยแพร่ข้อมูลทางเว็บไซต์ โรงพยาบาลบ้านหลวง",
        "agency_name": "โรงพยาบาลบ้านหลวง",
        "labels": {"position": "ตำแหน่งงาน"},
        "fields": [{"key": "title", "label": "เรื่อง"}, {"key": "agency_name",
                                                          "label": "หน่วยงาน"}],
    }, ensure_ascii=False), encoding="utf-8")
    assert template_for_profile(home) == own
    data = FormData(title="ทดสอบแม่แบบ")
    text = squeeze(pdf_text(write_pdf(render_request_form(data, template_for_profile(home)),
                                      tmp_path)))
    assert squeeze("แบบขอเผยแพร่ข้อมูลทางเว็บไซต์ โรงพยาบาลบ้านหลวง") in text
    assert "เรื่อง" in text and "ตำแหน่งงาน" in text
    assert "Linkภายนอก" not in text  # the copy's field list replaces the default one
    assert load_form_template(own)["labels"]["date"] == "วันที่"  # merged from the default


def test_broken_template_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "form.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        render_request_form(FormData(title="x"), bad)
    assert caught.value.code == "form_template_invalid"
    bad.write_text(json.dumps({"fields": "title"}), encoding="utf-8")
    with pytest.raises(UserError):
        render_request_form(FormData(title="x"), bad)


def test_form_data_from_request_uses_the_last_valid_approval() -> None:
    request = PublicationRequest(
        title=TITLE, summary="", external_link="https://example.go.th/a", remarks="ด่วน",
        requester=Requester("นางสาวกุลธิดา ศรีสุข", "นักวิชาการพัสดุ", "กลุ่มงานบริหารทั่วไป"),
        received_at=datetime(2026, 11, 20, 9, 30), reference="REQ-1")
    signoffs = [
        SignoffInfo("นายหัวหน้า กลุ่มงาน", "หัวหน้ากลุ่มงาน", datetime(2026, 11, 21, 10), step=1),
        SignoffInfo("นายเก่า ถูกยกเลิก", "ผู้อำนวยการ", datetime(2026, 11, 21, 11), step=2,
                    voided=True),
        SignoffInfo(APPROVER, "สาธารณสุขอำเภอ", datetime(2026, 11, 22, 8), step=2,
                    on_behalf_of="นายอำเภอบ้านหลวง", signature_png=b"png"),
        SignoffInfo("นายไม่ อนุมัติ", "ผู้อำนวยการ", datetime(2026, 11, 23), step=3,
                    decision="reject"),
    ]
    publisher = SignatureBlock("นายธีรวัฒน์ ใจดี", "นักวิชาการคอมพิวเตอร์", date(2026, 11, 23))
    data = form_data_from(request, signoffs, agency_name="สสอ.บ้านหลวง", publisher=publisher)
    assert data.approver == SignatureBlock(APPROVER, "สาธารณสุขอำเภอ", date(2026, 11, 22),
                                           b"png", "นายอำเภอบ้านหลวง")
    assert data.provider.full_name == "นางสาวกุลธิดา ศรีสุข"
    assert data.provider.position == "นักวิชาการพัสดุ กลุ่มงานบริหารทั่วไป"
    assert data.form_date == date(2026, 11, 20)
    assert data.publisher == publisher
    assert data.details == "" and data.reference == "REQ-1"
    assert [(b.full_name, b.step) for b in data.earlier_approvals] == [
        ("นายหัวหน้า กลุ่มงาน", 1)]                      # the chain's first step, kept


def test_every_step_of_an_approval_chain_is_printed(tmp_path: Path) -> None:
    request = PublicationRequest(title=TITLE, received_at=datetime(2026, 11, 20, 9, 30))
    signoffs = [
        SignoffInfo("นายหัวหน้า กลุ่มงาน", "หัวหน้ากลุ่มงานบริหาร", datetime(2026, 11, 21), step=1),
        SignoffInfo("นางรอง ผู้อำนวยการ", "รองผู้อำนวยการ", datetime(2026, 11, 21, 12), step=2),
        SignoffInfo(APPROVER, "สาธารณสุขอำเภอ", datetime(2026, 11, 22, 8), step=3),
    ]
    text = squeeze(pdf_text(write_pdf(render_request_form(form_data_from(request, signoffs)),
                                      tmp_path)))
    for expected in ("นายหัวหน้ากลุ่มงาน", "ผู้เห็นชอบขั้นที่1", "นางรองผู้อำนวยการ",
                     "ผู้เห็นชอบขั้นที่2", squeeze(APPROVER), "ผู้อนุมัติรับรอง"):
        assert expected in text, expected


def test_empty_details_print_see_attachment(tmp_path: Path) -> None:
    pdf = render_request_form(FormData(title="มีไฟล์แนบ"))
    assert "ดูเอกสารแนบ" in squeeze(pdf_text(write_pdf(pdf, tmp_path)))
