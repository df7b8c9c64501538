"""desktop.services.report_files: the executive reports of a period written as files — the
workbook (.xlsx), the monitoring report and the one-page summary (.pdf); a wrong file type is
refused before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.errors import UserError
from desktop.domain.report_period import month_period
from desktop.domain.request import PublicationRequest
from desktop.services.context import AppContext
from desktop.services.report_files import (
    Signers,
    write_monitoring_report,
    write_report_workbook,
    write_summary_pdf,
)
from tests.unit.services.support import a_month_of_work, assert_refusal, sqlite_only

Sample = Callable[..., PublicationRequest]
NOVEMBER = month_period(2026, 11)


@sqlite_only
def test_the_three_reports_of_a_month(ctx: AppContext, people, sample_request: Sample,  # noqa: ANN001
                                      tmp_path: Path) -> None:
    a_month_of_work(ctx, people, sample_request)
    workbook = write_report_workbook(ctx, NOVEMBER, tmp_path / "รายงาน.xlsx")
    assert (workbook.kind, workbook.register_rows) == ("workbook", 3)
    book = openpyxl.load_workbook(workbook.path, read_only=True)
    texts = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None}
    book.close()
    assert "ประกาศรับสมัครงาน ตำแหน่งนักวิชาการ" in texts
    signers = Signers(prepared_by="นายสมชาย ใจดี")
    monitoring = write_monitoring_report(ctx, NOVEMBER, tmp_path / "ติดตามผล.pdf",
                                         signers=signers)
    summary = write_summary_pdf(ctx, NOVEMBER, tmp_path / "สรุป.PDF", lang="en")
    for written, kind in ((monitoring, "monitoring"), (summary, "summary")):
        assert written.kind == kind and written.path.read_bytes().startswith(b"%PDF")


@sqlite_only
def test_a_wrong_file_type_is_refused_before_writing(ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        write_report_workbook(ctx, NOVEMBER, tmp_path / "รายงาน.pdf")
    assert_refusal(caught.value, "report_kind_unknown")
    with pytest.raises(UserError) as no_suffix:
        write_summary_pdf(ctx, NOVEMBER, tmp_path / "summary")
    assert_refusal(no_suffix.value, "report_kind_unknown")
    assert list(tmp_path.glob("รายงาน*")) == [] and not (tmp_path / "summary").exists()
