"""desktop.services.official_form: the official request form filled from the record — the
agency, the request, who approved it (and on whose behalf) and who published it — as a PDF
with Thai text that reads back."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import NotFound, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.official_form import AGENCY_SETTING, request_form_pdf, write_request_form
from tests.support.components import require
from tests.unit.services.support import approved, assert_refusal, sqlite_only

Sample = Callable[..., PublicationRequest]


def _text(pdf: Path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (Debian: poppler-utils)")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@sqlite_only
def test_the_form_names_the_agency_the_approver_and_the_publisher(
        ctx: AppContext, people, sample_request: Sample, tmp_path: Path) -> None:  # noqa: ANN001
    ctx.set_setting(AGENCY_SETTING, "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    rid = approved(ctx, people, sample_request)
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    out = tmp_path / "out"
    out.mkdir()
    target = write_request_form(ctx, rid, out / "แบบฟอร์ม.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["แบบฟอร์ม.pdf"]           # no .part left
    text = _text(target)
    for expected in ("สำนักงานสาธารณสุขอำเภอบ้านหลวง", "ประกาศรับสมัครงาน", "ผู้อำนวยการ",
                     "สมชาย ใจดี"):
        assert expected in text, expected


@sqlite_only
def test_a_draft_prints_with_empty_signature_blocks(ctx: AppContext, people,  # noqa: ANN001
                                                    sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    assert request_form_pdf(ctx, rid).startswith(b"%PDF")


@sqlite_only
def test_an_unknown_request_is_not_found(ctx: AppContext, people) -> None:  # noqa: ANN001
    with pytest.raises(NotFound) as caught:
        request_form_pdf(ctx, 4242)
    assert_refusal(caught.value, "request_not_found")


@sqlite_only
def test_a_target_that_is_not_a_pdf_or_cannot_be_written_is_refused(
        ctx: AppContext, people, sample_request: Sample, tmp_path: Path) -> None:  # noqa: ANN001
    rid = rq.register_request(ctx, people["web1"], sample_request())
    with pytest.raises(UserError) as not_pdf:
        write_request_form(ctx, rid, tmp_path / "form.docx")
    assert_refusal(not_pdf.value, "form_needs_pdf")
    out = tmp_path / "out"
    out.mkdir()
    (out / "form.pdf").mkdir()                          # a folder where the file should go
    with pytest.raises(UserError) as blocked:
        write_request_form(ctx, rid, out / "form.pdf")
    assert_refusal(blocked.value, "form_unwritable")
    with pytest.raises(UserError) as no_folder:
        write_request_form(ctx, rid, tmp_path / "missing" / "form.pdf")
    assert_refusal(no_folder.value, "form_unwritable")
    assert sorted(p.name for p in out.iterdir()) == ["form.pdf"]     # no .part left
