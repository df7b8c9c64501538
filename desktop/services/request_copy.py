"""A rejected (or any) request copied into a new draft: the same content and the same current
files, registered anew by the person copying it (the original stays as it was)."""

from __future__ import annotations

from desktop.domain.errors import UserError
from desktop.domain.file_policy import request_size_problem
from desktop.domain.request import AttachmentInfo, PublicationRequest
from desktop.domain.users import User
from desktop.files.intake import inspect_file
from desktop.services import requests as rq
from desktop.services.attachments import attach_file, file_policy, read_blob
from desktop.services.context import AppContext


def copy_into_new_draft(ctx: AppContext, actor: User, request_id: int) -> int:
    """The new draft's id (run it off the GUI thread)."""
    original = rq.get_request(ctx, actor, request_id).request
    fresh = PublicationRequest().with_changes(
        title=original.title, summary=original.summary, body=original.body,
        category=original.category, subcategory=original.subcategory,
        source_owner=original.source_owner, period_start=original.period_start,
        period_end=original.period_end, external_link=original.external_link,
        remarks=original.remarks, requester=original.requester,
        received_at=original.received_at, channel=original.channel,
        letter_number=original.letter_number)
    files = [(a, read_blob(ctx, a.sha256)) for a in original.attachments]
    _check_files(ctx, files)          # a file refused now: refused before anything is made
    new_id = rq.register_request(ctx, actor, fresh)
    for a, data in files:
        attach_file(ctx, actor, new_id, a.display_name, data, caption=a.caption,
                    alt_text=a.alt_text)
    return new_id


def _check_files(ctx: AppContext, files: list[tuple[AttachmentInfo, bytes]]) -> None:
    """The file policy of today on the original's files (it may have changed since)."""
    policy = file_policy(ctx)
    for attachment, data in files:
        verdict = inspect_file(data, attachment.display_name, policy)
        if not verdict.accepted:
            raise UserError("file_refused", name=verdict.display_name,
                            reason=verdict.reason(ctx.lang), verdict=verdict)
    problem = request_size_problem([len(data) for _a, data in files], policy)
    if problem is not None:
        raise problem
