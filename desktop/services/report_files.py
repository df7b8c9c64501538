"""Write the executive reports of a period (issue 13 items 3, 4): the workbook, the yearly
monitoring report PDF and the one-page executive summary PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import register
from desktop.domain.report_period import ReportPeriod
from desktop.reports.report_model import Signers
from desktop.services.context import AppContext
from desktop.services.report_data import gathered

__all__ = ["Signers", "WrittenReport", "write_monitoring_report", "write_report_workbook",
           "write_summary_pdf"]

register({
    "report_kind_unknown": (
        "ไม่รู้จักชนิดไฟล์รายงาน “{suffix}” (ใช้ .xlsx สำหรับสมุดงาน หรือ .pdf)",
        "Unknown report file type “{suffix}” (use .xlsx for the workbook, or .pdf).",
    ),
})


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    kind: str            # "workbook", "monitoring", "summary"
    register_rows: int = 0


def write_report_workbook(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                          lang: str | None = None) -> WrittenReport:
    from desktop.reports.executive_workbook import write_workbook

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise UserError("report_kind_unknown", suffix=target.suffix or target.name)
    with gathered(ctx, period, lang=lang) as data:
        path = write_workbook(data, target)
        return WrittenReport(path, "workbook", data.register_count)


def write_monitoring_report(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                            lang: str | None = None, signers: Signers | None = None
                            ) -> WrittenReport:
    from desktop.reports.monitoring_report import write_monitoring_pdf

    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise UserError("report_kind_unknown", suffix=target.suffix or target.name)
    with gathered(ctx, period, lang=lang, signers=signers) as data:
        return WrittenReport(write_monitoring_pdf(data, target), "monitoring")


def write_summary_pdf(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                      lang: str | None = None, signers: Signers | None = None
                      ) -> WrittenReport:
    from desktop.reports.summary_pdf import write_summary_pdf as write

    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise UserError("report_kind_unknown", suffix=target.suffix or target.name)
    with gathered(ctx, period, lang=lang, signers=signers) as data:
        return WrittenReport(write(data, target), "summary")
