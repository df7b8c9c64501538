"""Write the executive reports of a period (issue 13 items 3, 4): the workbook, the yearly
monitoring report PDF and the one-page executive summary PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.report_period import ReportPeriod
from desktop.reports.report_model import ReportData, Signers
from desktop.services.context import AppContext
from desktop.services.report_data import gathered

__all__ = ["Signers", "WrittenReport", "write_monitoring_report", "write_report_workbook",
           "write_summary_pdf"]

class ReportFileMessage(MessageCode):
    REPORT_KIND_UNKNOWN = (
        "report_kind_unknown",
        "ไม่รู้จักชนิดไฟล์รายงาน “{suffix}” (ใช้ .xlsx สำหรับสมุดงาน หรือ .pdf)",
        "Unknown report file type “{suffix}” (use .xlsx for the workbook, or .pdf).",
    )



@dataclass(frozen=True)
class WrittenReport:
    path: Path
    kind: str            # "workbook", "monitoring", "summary"
    register_rows: int = 0


def _target(out: str | Path, suffix: str) -> Path:
    target = Path(out)
    if target.suffix.lower() != suffix:
        raise UserError(ReportFileMessage.REPORT_KIND_UNKNOWN, suffix=target.suffix or target.name)
    return target


def write_report_workbook(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                          lang: str | None = None) -> WrittenReport:
    from desktop.reports.executive_workbook import write_workbook

    target = _target(out, ".xlsx")
    with gathered(ctx, period, lang=lang) as data:
        return WrittenReport(write_workbook(data, target), "workbook", data.register_count)


def _write_pdf(ctx: AppContext, period: ReportPeriod, out: str | Path, kind: str,
               write: Callable[[ReportData, Path], Path], lang: str | None,
               signers: Signers | None) -> WrittenReport:
    target = _target(out, ".pdf")
    with gathered(ctx, period, lang=lang, signers=signers) as data:
        return WrittenReport(write(data, target), kind)


def write_monitoring_report(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                            lang: str | None = None, signers: Signers | None = None
                            ) -> WrittenReport:
    from desktop.reports.monitoring_report import write_monitoring_pdf

    return _write_pdf(ctx, period, out, "monitoring", write_monitoring_pdf, lang, signers)


def write_summary_pdf(ctx: AppContext, period: ReportPeriod, out: str | Path, *,
                      lang: str | None = None, signers: Signers | None = None
                      ) -> WrittenReport:
    from desktop.reports.summary_pdf import write_summary_pdf as write

    return _write_pdf(ctx, period, out, "summary", write, lang, signers)
