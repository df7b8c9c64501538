"""Attaching the generated sample files (desktop/reports/demo_samples.py) to demo requests."""

from __future__ import annotations

from desktop.domain.users import User
from desktop.reports.demo_samples import sample_pdf, sample_photo, sample_workbook
from desktop.services.attachments import attach_file
from desktop.services.context import AppContext

__all__ = ["attach_samples", "sample_pdf", "sample_photo", "sample_workbook"]


def attach_samples(ctx: AppContext, actor: User, request_id: int, index: int) -> None:
    """Attach a PDF to every demo request, a photo to every other, a workbook to some."""
    attach_file(ctx, actor, request_id, f"เอกสารประกอบ-{index + 1}.pdf",
                sample_pdf(f"เอกสารประกอบคำขอลำดับที่ {index + 1}"))
    if index % 2 == 0:
        attach_file(ctx, actor, request_id, f"ภาพกิจกรรม {index + 1}.jpg", sample_photo(index),
                    caption=f"ภาพกิจกรรมลำดับที่ {index + 1}", alt_text="ภาพบรรยากาศกิจกรรม")
    if index % 3 == 0:
        attach_file(ctx, actor, request_id, "สรุปข้อมูล.xlsx", sample_workbook("สรุปข้อมูล"))
