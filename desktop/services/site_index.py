"""One site, one index: category index pages and feeds built from every publication on the
site, whichever server profile published it (profiles pointing at the same site share them).

The pages are written through the uploader (a temporary in the staging folder, renamed into
place) and what was written — size, modification time, SHA-256 — is recorded per site, so
reconcile can tell when the server's copy is not the one WebDesk last wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.request import PublicationRequest
from desktop.publish.pages import (
    PageItem,
    SiteConfig,
    page_item_from_request,
    render_atom_feed,
    render_category_index,
)
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.uploader import ItemUploader, PageWritten
from desktop.services.context import AppContext
from desktop.store import publication_records as records

# The scanned, signed paper request form (attached with this caption by the request dialog)
# belongs to the record and the sign-off, not to the website.
PAPER_FORM_CAPTION = "แบบฟอร์มคำขอ (สแกน)"
INDEX_PAGE = "index.html"
FEED = "feed.xml"


def item_slug(request: PublicationRequest) -> str:
    return request.reference.lower()


def site_config(ctx: AppContext, profile: ServerProfile, category: str) -> SiteConfig:
    return folder_site_config(ctx, profile, profile.folder_for(category))


def folder_site_config(ctx: AppContext, profile: ServerProfile, folder: str) -> SiteConfig:
    agency = str(ctx.setting("agency_name", "") or "")
    era = str(ctx.setting("site_era", "BE") or "BE")
    return SiteConfig(site_name=agency or "เว็บไซต์หน่วยงาน", agency_name=agency,
                      base_url=profile.public_url(folder), era=era)


def category_name(ctx: AppContext, code: str) -> str:
    found = ctx.catalogue.get(code)
    return found.th if found else code


def for_the_site(request: PublicationRequest) -> PublicationRequest:
    """The request as the site shows it: without the scanned paper form."""
    return replace(request, attachments=tuple(a for a in request.attachments
                                              if a.caption != PAPER_FORM_CAPTION))


def page_item(ctx: AppContext, request: PublicationRequest, slug: str | None = None) -> PageItem:
    request = for_the_site(request)
    sub = category_name(ctx, request.subcategory) if request.subcategory else ""
    item = page_item_from_request(request, slug or item_slug(request),
                                  category_name(ctx, request.category), sub)
    sizes = {a.web_name: a.published_size or a.size for a in request.attachments}
    return replace(item, photos=tuple(replace(p, size=sizes.get(p.web_name, p.size))
                                      for p in item.photos),
                   files=tuple(replace(f, size=sizes.get(f.web_name, f.size))
                               for f in item.files))


@dataclass(frozen=True)
class FolderIndex:
    """What a category folder's index shows: its heading and its items."""

    folder: str
    heading: str
    items: list[PageItem]


def folder_index(ctx: AppContext, site: str, folder: str, *,
                 extra: records.PublicationRecord | None = None,
                 category: str = "") -> FolderIndex:
    """Every item the records hold live in ``folder`` on ``site`` (plus ``extra``, the one
    being published), newest first as the template orders them."""
    with ctx.db.read() as session:
        live = [r for r in records.live_records(session, site)
                if r.category_folder == folder and r.status == records.PUBLISHED]
        if extra is not None and all(r.id != extra.id for r in live):
            live.append(extra)
        requests = records.requests_by_id(session, [r.request_id for r in live])
    items = [page_item(ctx, requests[r.request_id], r.item) for r in live
             if r.request_id in requests]
    code = category or next((requests[r.request_id].category for r in live
                             if r.request_id in requests), folder)
    return FolderIndex(folder, category_name(ctx, code), items)


def write_folder_index(ctx: AppContext, uploader: ItemUploader, profile: ServerProfile,
                       index: FolderIndex) -> list[PageWritten]:
    """Render and put in place the folder's index page and Atom feed (site mode only)."""
    if profile.mode != PublishMode.SITE:
        return []
    site = folder_site_config(ctx, profile, index.folder)
    prefix = f"{index.folder}/" if index.folder else ""
    return [
        uploader.write_page(prefix + INDEX_PAGE, render_category_index(
            index.heading, index.items, site).encode("utf-8"), mtime=_fresh_mtime(ctx)),
        uploader.write_page(prefix + FEED, render_atom_feed(
            index.heading, index.items, site).encode("utf-8"), mtime=_fresh_mtime(ctx)),
    ]


def _fresh_mtime(ctx: AppContext) -> float:
    return ctx.now().timestamp()


def record_pages(session: records.Transaction, ctx: AppContext, site: str,
                 written: list[PageWritten]) -> None:
    """Keep what was written (inside the caller's transaction)."""
    for page in written:
        records.save_page(session, site, page.path,
                          records.PageState(page.size, page.mtime, page.sha256), ctx.now())
