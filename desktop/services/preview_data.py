"""Everything the preview tabs show for one request: files, the page as the site will show it,
and the pre-publish checklist — loaded in one background job."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.checklist import ChecklistItem
from desktop.domain.request import AttachmentInfo
from desktop.publish.pages import PageItem, SiteConfig
from desktop.services.checklist import checklist_in
from desktop.services.context import AppContext
from desktop.store import blobs
from desktop.store.mapping import attachment_info, current_attachments, to_request


@dataclass(frozen=True)
class PreviewFileRef:
    info: AttachmentInfo
    original_sha256: str


@dataclass(frozen=True)
class RequestPreviewData:
    request_id: int
    files: tuple[PreviewFileRef, ...]
    page: PageItem
    site: SiteConfig
    contents: dict[str, bytes]          # web_name -> the bytes that will be published
    checklist: tuple[ChecklistItem, ...]


def load_request_preview(ctx: AppContext, request_id: int) -> RequestPreviewData:
    from desktop.services.publishing import _page_item
    from desktop.services.requests import _load

    with ctx.db.read() as session:
        row = _load(session, request_id)
        request = to_request(row)
        attachments = current_attachments(row)
        contents = {a.web_name: blobs.read_bytes(session, a.web_copy_sha256 or a.sha256)
                    for a in attachments}
        report = checklist_in(session, ctx, row)
        files = tuple(PreviewFileRef(attachment_info(a), a.sha256) for a in attachments)
    agency = str(ctx.setting("agency_name", "") or "")
    site = SiteConfig(site_name=agency or "เว็บไซต์หน่วยงาน", agency_name=agency,
                      era=str(ctx.setting("site_era", "BE") or "BE"), lang=ctx.lang)
    return RequestPreviewData(request_id, files, _page_item(ctx, request), site, contents,
                              report.items)
