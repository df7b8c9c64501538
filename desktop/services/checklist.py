"""The pre-publish checklist for a stored request (Required items block approval and publishing).

Files are judged again with the current file policy and their text is scanned for personal
data (Thai PDPA) — the same code the preview pane shows.  Reports are kept (a small LRU) by
the request's manifest hash and the settings they depend on, so the preview does not redo
them on every selection, and :func:`precheck` can run them *before* a write transaction
(SQLite holds its single write lock meanwhile) — the check inside the transaction then finds
the report for the very same manifest, or computes it if the content changed in between.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from desktop.domain.checklist import (
    ChecklistConfig,
    ChecklistInput,
    ChecklistItem,
    blocking,
    run_checklist,
)
from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.domain.manifest import manifest_hash
from desktop.domain.messages import MessageCode
from desktop.domain.personal_data import PersonalDataFinding, scan_texts
from desktop.domain.request import PublicationRequest
from desktop.files.intake import inspect_file
from desktop.files.text_extract import personal_data_in_file
from desktop.services.context import AppContext
from desktop.store import blobs
from desktop.store.database import Session
from desktop.store.mapping import current_attachments, to_request
from desktop.store.models import RequestRow


class ChecklistMessage(MessageCode):
    CHECKLIST_BLOCKED = (
        "checklist_blocked",
        "ยังไม่ผ่านรายการตรวจสอบก่อนเผยแพร่ที่จำเป็น: {items}",
        "Required pre-publish checks are not met: {items}",
    )


_TEXT_KINDS = ("pdf", "docx", "xlsx")


@dataclass(frozen=True)
class ChecklistReport:
    items: tuple[ChecklistItem, ...]

    @property
    def blocked(self) -> bool:
        return blocking(self.items)


def checklist_config(ctx: AppContext) -> ChecklistConfig:
    data = ctx.setting("checklist")
    return ChecklistConfig.from_dict(data) if data else ChecklistConfig()


_CACHE_SIZE = 64
_cache: OrderedDict[str, ChecklistReport] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class _Settings:
    """What a report depends on besides the request's content (read once per check)."""

    config: ChecklistConfig
    policy: FilePolicy
    required_fields: tuple[str, ...]

    def fingerprint(self) -> str:
        text = json.dumps([repr(self.config), repr(self.policy), self.required_fields],
                          ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def checklist_in(session: Session, ctx: AppContext, row: RequestRow) -> ChecklistReport:
    """The report for the row as it is now (from the cache when nothing changed)."""
    from desktop.services.attachments import file_policy

    request = to_request(row)
    settings = _Settings(checklist_config(ctx), file_policy(ctx),
                         ctx.catalogue.required_fields(request.category, request.subcategory))
    key = manifest_hash(request) + ":" + settings.fingerprint()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    report = _compute(session, request, row, settings)
    with _cache_lock:
        _cache[key] = report
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return report


def _compute(session: Session, request: PublicationRequest, row: RequestRow,
             settings: _Settings) -> ChecklistReport:
    verdicts = []
    findings: list[PersonalDataFinding] = list(scan_texts(
        [("title", request.title), ("summary", request.summary), ("body", request.body)]))
    page_bytes = 0
    for attachment in current_attachments(row):
        data = blobs.read_bytes(session, attachment.sha256)
        verdicts.append(inspect_file(data, attachment.display_name, settings.policy))
        page_bytes += attachment.web_copy_size or attachment.size
        if attachment.kind in _TEXT_KINDS:
            # Unreadable text: the file policy verdict speaks for the file.
            with contextlib.suppress(UserError):
                findings.extend(personal_data_in_file(data, attachment.display_name,
                                                      attachment.kind))
    given = ChecklistInput(verdicts=verdicts, required_fields=settings.required_fields,
                           personal_data=findings, page_bytes=page_bytes)
    return ChecklistReport(tuple(run_checklist(request, given, settings.config)))


def request_checklist(ctx: AppContext, request_id: int) -> ChecklistReport:
    from desktop.services.requests import _load

    with ctx.db.read() as session:
        return checklist_in(session, ctx, _load(session, request_id))


def ensure_checklist_passes(session: Session, ctx: AppContext, row: RequestRow) -> None:
    _raise_if_blocked(checklist_in(session, ctx, row))


def precheck(ctx: AppContext, request_id: int) -> None:
    """Run the checklist in a read session (no write lock held); raise if it blocks."""
    _raise_if_blocked(request_checklist(ctx, request_id))


def _raise_if_blocked(report: ChecklistReport) -> None:
    failing = [item.message for item in report.items if item.blocks]
    if failing:
        raise UserError(ChecklistMessage.CHECKLIST_BLOCKED, items=failing)
