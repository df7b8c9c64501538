"""desktop.services.site_index: the item page as the site shows it (no scanned paper form,
category names, published sizes), the category index built from every live publication of
the site, and the record of what was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from desktop.domain.request import AttachmentInfo, PublicationRequest
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.publish.uploader import PageWritten
from desktop.services import requests as rq
from desktop.services import site_index
from desktop.services.context import AppContext
from desktop.store import publication_records as records
from tests.unit.services.support import sqlite_only

Sample = Callable[..., PublicationRequest]
PROFILE = ServerProfile(name="www", host="www.example.go.th", user="web",
                        web_root="/var/www/html", archive_dir="/var/www/archive",
                        public_base_url="https://www.example.go.th", key_path="/k",
                        category_folders={"news": "ข่าว"})


def _file(name: str, caption: str = "", kind: str = "pdf", size: int = 100,
          published: int = 0) -> AttachmentInfo:
    return AttachmentInfo(display_name=name, web_name=name, media_type="application/pdf",
                          kind=kind, size=size, sha256="a" * 64, caption=caption,
                          published_size=published)


@sqlite_only
def test_the_item_page_as_the_site_shows_it(ctx: AppContext, sample_request: Sample) -> None:
    request = sample_request(reference="WD-2569-00042", attachments=(
        _file("ประกาศ.pdf"), _file("ภาพ.jpg", kind="jpg", size=5000, published=1200),
        _file("แบบฟอร์ม.pdf", caption=site_index.PAPER_FORM_CAPTION)))
    assert site_index.item_slug(request) == "wd-2569-00042"
    shown = site_index.for_the_site(request)
    assert [a.web_name for a in shown.attachments] == ["ประกาศ.pdf", "ภาพ.jpg"]
    item = site_index.page_item(ctx, request)
    assert item.slug == "wd-2569-00042" and item.title == request.title
    assert item.category == ctx.catalogue.get("news").th          # type: ignore[union-attr]
    assert item.subcategory == ctx.catalogue.get("general_news").th  # type: ignore[union-attr]
    sizes = {f.web_name: f.size for f in (*item.photos, *item.files)}
    assert sizes == {"ประกาศ.pdf": 100, "ภาพ.jpg": 1200}         # the web copy's size
    assert site_index.category_name(ctx, "no-such-code") == "no-such-code"


@sqlite_only
def test_the_site_config_carries_the_agency_the_era_and_the_folder_url(ctx: AppContext) -> None:
    ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    ctx.set_setting("site_era", "CE")
    config = site_index.site_config(ctx, PROFILE, "news")
    assert config.base_url == "https://www.example.go.th/ข่าว"
    assert (config.agency_name, config.site_name, config.era) == (
        "สำนักงานสาธารณสุขอำเภอบ้านหลวง", "สำนักงานสาธารณสุขอำเภอบ้านหลวง", "CE")


def test_a_folder_index_lists_the_live_publications_of_the_site(ctx: AppContext, people,  # noqa: ANN001
                                                                sample_request: Sample) -> None:
    empty = site_index.folder_index(ctx, PROFILE.site_id, "ข่าว", category="news")
    assert empty.items == [] and empty.heading == ctx.catalogue.get("news").th  # type: ignore[union-attr]
    live = rq.register_request(ctx, people["web1"], sample_request(title="ข่าวที่เผยแพร่อยู่"))
    gone = rq.register_request(ctx, people["web1"], sample_request(title="ข่าวที่นำลงแล้ว"))
    with ctx.db.write() as session:
        for rid, status in ((live, records.PUBLISHED), (gone, records.TAKEN_DOWN)):
            pid = records.add_publishing(
                session, request_id=rid, server="www", site=PROFILE.site_id,
                folder=f"ข่าว/wd-{rid}", remote_path=f"/var/www/html/ข่าว/wd-{rid}",
                manifest_hash="h", files=[], actor_id=None, actor_name="", now=ctx.now())
            records.set_status(session, pid, status, ctx.now())
    index = site_index.folder_index(ctx, PROFILE.site_id, "ข่าว")
    assert [i.title for i in index.items] == ["ข่าวที่เผยแพร่อยู่"]
    assert index.items[0].slug == f"wd-{live}" and index.heading == empty.heading
    assert site_index.folder_index(ctx, "another-site", "ข่าว").items == []


@sqlite_only
def test_pages_are_written_in_site_mode_only_and_recorded(ctx: AppContext) -> None:
    files_only = replace(PROFILE, mode=PublishMode.FILES)
    index = site_index.FolderIndex("ข่าว", "ข่าวประชาสัมพันธ์", [])
    assert site_index.write_folder_index(ctx, None, files_only, index) == []  # type: ignore[arg-type]
    written = [PageWritten("ข่าว/index.html", 321, 1_800_000_000, "b" * 64)]
    with ctx.db.write() as session:
        site_index.record_pages(session, ctx, PROFILE.site_id, written)
    with ctx.db.read() as session:
        pages = records.site_records(session, PROFILE.site_id).pages
    assert pages == {"ข่าว/index.html": records.PageState(321, 1_800_000_000, "b" * 64)}
