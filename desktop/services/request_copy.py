"""A rejected (or any) request copied into a new draft: the same content and the same current
files, registered anew by the person copying it (the original stays as it was)."""

from __future__ import annotations

from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.services import requests as rq
from desktop.services.attachments import attach_file, read_blob
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
    new_id = rq.register_request(ctx, actor, fresh)
    for a in original.attachments:
        attach_file(ctx, actor, new_id, a.display_name, read_blob(ctx, a.sha256),
                    caption=a.caption, alt_text=a.alt_text)
    return new_id
