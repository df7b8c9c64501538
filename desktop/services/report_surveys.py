"""Import satisfaction-survey responses (issue 13 item 2): the column mapping is suggested,
then remembered per form (same headers → same mapping next time); results are counted per
question and month with what was skipped, and kept in the database for the reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.users import User
from desktop.domain.web_stats import LikertCounts
from desktop.reports.survey import (
    ROLES,
    count_survey,
    iter_preview,
    read_survey,
    suggest_mapping,
)
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store import report_records as records


class ReportSurveyMessage(MessageCode):
    SURVEY_ALREADY_IMPORTED = (
        "survey_already_imported",
        "ไฟล์แบบสำรวจนี้ ({name}) นำเข้าไปแล้ว หากต้องการนำเข้าใหม่ให้เลือก “แทนที่ของเดิม”",
        "This survey file ({name}) was imported already; choose “replace” to import it again.",
    )
    SURVEY_BAD_ROLE = (
        "survey_bad_role",
        "บทบาทของคอลัมน์ไม่ถูกต้อง: {role} (ใช้ได้: {roles})",
        "Not a column role: {role} (use one of: {roles})",
    )


MAPPING_PREFIX = "survey_mapping:"


@dataclass(frozen=True)
class SurveyPreview:
    name: str
    headers: tuple[str, ...]
    mapping: dict[str, str]
    remembered: bool
    sample: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SurveyImportResult:
    import_id: int
    name: str
    responses: int
    skipped_rows: int
    missing_answers: int
    out_of_range: int
    comments: int
    questions: tuple[tuple[str, LikertCounts], ...]     # (question text, counts)
    mapping: dict[str, str]


def remembered_mapping(ctx: AppContext, signature: str) -> dict[str, str] | None:
    value = ctx.setting(MAPPING_PREFIX + signature)
    return dict(value) if isinstance(value, dict) else None


def preview_survey(ctx: AppContext, path: Path) -> SurveyPreview:
    """Headers, the mapping that would be used (remembered or suggested) and a few rows."""
    table = read_survey(path)
    known = remembered_mapping(ctx, table.signature)
    mapping = known or suggest_mapping(table)
    return SurveyPreview(table.name, tuple(table.headers), mapping, known is not None,
                         tuple(tuple(r) for r in iter_preview(table)))


def import_survey(ctx: AppContext, path: Path, *, actor: User | None = None,
                  mapping: Mapping[str, str] | None = None, title: str = "",
                  default_day: date | None = None, replace: bool = False) -> SurveyImportResult:
    """Count the file and keep the results; the mapping used is remembered for the form."""
    table = read_survey(path)
    chosen = dict(mapping) if mapping else (remembered_mapping(ctx, table.signature)
                                            or suggest_mapping(table))
    for role in chosen.values():
        if role not in ROLES:
            raise UserError(ReportSurveyMessage.SURVEY_BAD_ROLE, role=role, roles=", ".join(ROLES))
    counted = count_survey(table, chosen, default_day or ctx.today())
    overall = counted.overall()
    with ctx.db.write() as session:
        earlier = records.survey_imported(session, table.sha256)
        if earlier is not None and not replace:
            raise UserError(ReportSurveyMessage.SURVEY_ALREADY_IMPORTED, name=table.name)
        if earlier is not None:
            records.delete_survey(session, earlier)
        months = [records.SurveyMonth(month, counted.responses.get(month, 0), questions)
                  for month, questions in sorted(counted.months.items())]
        import_id = records.save_survey(
            session, title=title or path.stem, source_name=table.name,
            source_sha256=table.sha256, imported_at=ctx.now(),
            imported_by=actor.id if actor else None, questions=counted.questions,
            months=months, comments=counted.comments, skipped_rows=counted.skipped_rows,
            missing_answers=sum(c.missing for c in overall.values()),
            out_of_range=sum(c.out_of_range for c in overall.values()))
        audit.append(session, action="survey_imported", actor_id=actor.id if actor else None,
                     actor_name=actor.username if actor else "system",
                     workstation=ctx.workstation,
                     details={"file": table.name, "responses": counted.total_responses,
                              "skipped_rows": counted.skipped_rows})
    ctx.set_setting(MAPPING_PREFIX + table.signature, chosen)
    texts = dict(counted.questions)
    return SurveyImportResult(
        import_id, table.name, counted.total_responses, counted.skipped_rows,
        sum(c.missing for c in overall.values()), sum(c.out_of_range for c in overall.values()),
        len(counted.comments), tuple((texts[k], overall[k]) for k, _t in counted.questions
                                     if k in overall), chosen)
