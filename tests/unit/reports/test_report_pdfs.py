"""The yearly monitoring report and the one-page executive summary: their Thai text layer reads
back exactly (the issue's test words), the figures of the seeded period are in them, the
summary fits one page and the monitoring report ends with the two signature blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.report_period import parse_period
from desktop.reports.monitoring_report import TITLE
from desktop.services.context import AppContext
from desktop.services.report_files import Signers, write_monitoring_report, write_summary_pdf
from tests.unit.reports.form_samples import page_count
from tests.unit.reports.report_seed import reference, seed_all
from tests.unit.reports.test_thai_text_layer import assert_words_read_back, exact_text

Q1 = parse_period("2026-10..2026-12")
SIGNERS = Signers("นายธีรวัฒน์ ใจดี", "นักวิชาการคอมพิวเตอร์", "นายปิยะพงษ์ ผู้ใหญ่ยิ่ง",
                  "รองผู้อำนวยการ", "ผู้อำนวยการสำนักงานเขตพระนคร")


@pytest.fixture
def seeded(sqlite_ctx: AppContext) -> AppContext:
    sqlite_ctx.set_setting("agency_name", "สำนักงานเขตพระนคร กรุงเทพฯ")
    seed_all(sqlite_ctx)
    return sqlite_ctx


def test_monitoring_report_reads_back_and_says_what_happened(seeded: AppContext,
                                                             tmp_path: Path) -> None:
    path = write_monitoring_report(seeded, Q1, tmp_path / "monitoring.pdf",
                                   signers=SIGNERS).path
    text = exact_text(path)
    assert_words_read_back(text)
    assert TITLE in "".join(text.split())[:300]        # wrapped over two lines
    assert "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2570" in text
    for ref in (1, 2, 3, 6):                        # published in the quarter
        assert reference(ref) in text
    assert "ข้อมูลไม่ครบถ้วน" in text and "นายปิยะพงษ์" in text   # refused, why, by whom
    assert "ครบกำหนด" in text                              # taken down, why
    assert "ไม่มีข้อมูลเผยแพร่อยู่" in text                      # an empty category
    assert "อยากให้ค้นหาเอกสารง่ายขึ้น" in text                 # problems and suggestions
    assert "ปฏิบัติราชการแทน ผู้อำนวยการสำนักงานเขตพระนคร" in text
    assert "( นายธีรวัฒน์ ใจดี )" in text and "ผู้อนุมัติรับรอง" in text
    last_page = text.split("\f")[-2]
    assert "ลงชื่อ" in last_page and "ผู้รายงาน" in last_page


def test_executive_summary_is_one_page_and_reads_back(seeded: AppContext,
                                                      tmp_path: Path) -> None:
    path = write_summary_pdf(seeded, Q1, tmp_path / "summary.pdf", signers=SIGNERS).path
    assert page_count(path) == 1
    text = exact_text(path)
    assert_words_read_back(text)
    assert "ประกาศงดจ่ายน้ำประปาชั่วคราว กรุงเทพฯ" in text      # the most viewed page, by title
    assert "75%" in text and "650" in text


def test_english_summary(seeded: AppContext, tmp_path: Path) -> None:
    path = write_summary_pdf(seeded, Q1, tmp_path / "summary-en.pdf", lang="en").path
    assert page_count(path) == 1
    text = exact_text(path)
    assert "Q1 of fiscal year 2570 BE" in text and "Requests received" in text


def test_an_empty_profile_still_gives_every_report(sqlite_ctx: AppContext,
                                                   tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desktop.services.report_files import write_report_workbook

    for lang in ("th", "en"):
        book = write_report_workbook(sqlite_ctx, Q1, tmp_path / f"empty-{lang}.xlsx",
                                     lang=lang).path
        assert len(load_workbook(book).sheetnames) == 9
        monitoring = write_monitoring_report(sqlite_ctx, Q1, tmp_path / f"m-{lang}.pdf",
                                             lang=lang).path
        summary = write_summary_pdf(sqlite_ctx, Q1, tmp_path / f"s-{lang}.pdf", lang=lang).path
        assert page_count(summary) == 1 and page_count(monitoring) >= 1
    assert "ไม่มีข้อมูลที่เผยแพร่ในช่วงเวลานี้" in exact_text(tmp_path / "m-th.pdf")
