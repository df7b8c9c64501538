"""The item's web page, the category index and the Atom feed: content, escaping, dates."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from desktop.domain.request import AttachmentInfo, PublicationRequest
from desktop.publish.pages import (
    PageFile,
    PageItem,
    SiteConfig,
    format_site_date,
    page_bundle,
    page_item_from_request,
    render_atom_feed,
    render_category_index,
    render_page,
)

SITE = SiteConfig(site_name="กรมตัวอย่าง", agency_name="กรมตัวอย่าง กระทรวงทดสอบ",
                  base_url="https://www.example.go.th/news")


def item(**changes: object) -> PageItem:
    base = PageItem(
        slug="2569-0042", title="ประกาศผลการคัดเลือก <script>alert(1)</script>",
        summary="สรุปผล & รายชื่อ", body="ย่อหน้าแรก\nบรรทัดสอง\n\nย่อหน้าสอง https://example.go.th/a?b=1&c=2",
        category="ข่าวประชาสัมพันธ์", subcategory="ประกาศรับสมัครงาน",
        publish_date=date(2026, 11, 22), source_owner="กองการเจ้าหน้าที่",
        period_start=date(2026, 10, 1), period_end=date(2026, 10, 31),
        external_link="https://www.example.go.th/jobs",
        photos=(PageFile("photo-1.jpg", "ภาพ 1.jpg", "jpg", 150_000, caption="พิธีมอบรางวัล",
                         alt_text="ผู้อำนวยการมอบรางวัล \"ดีเด่น\"", width=1600, height=1067),),
        files=(PageFile("result.pdf", "ผลการคัดเลือก.pdf", "pdf", 1_572_864),
               PageFile("list.xlsx", "รายชื่อ.xlsx", "xlsx", 20_480)))
    return PageItem(**{**base.__dict__, **changes})


def test_page_has_everything_seed_002_asks_for() -> None:
    page = render_page(item(), SITE)
    assert "22 พฤศจิกายน 2569" in page
    assert "ข่าวประชาสัมพันธ์ › ประกาศรับสมัครงาน" in page
    assert "กองการเจ้าหน้าที่" in page
    assert "1 ตุลาคม 2569 ถึง 31 ตุลาคม 2569" in page
    assert 'src="files/photo-1.jpg" alt="ผู้อำนวยการมอบรางวัล &quot;ดีเด่น&quot;"' in page
    assert "<figcaption><p>พิธีมอบรางวัล</p></figcaption>" in page
    assert '<span class="type">PDF</span><a href="files/result.pdf">ผลการคัดเลือก.pdf</a>' in page
    assert "1.5 MB" in page and "20.0 KB" in page
    assert '<meta name="viewport"' in page and "@media (max-width" in page


def test_everything_is_escaped_and_nothing_external() -> None:
    page = render_page(item(), SITE)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "สรุปผล &amp; รายชื่อ" in page
    assert 'href="https://example.go.th/a?b=1&amp;c=2"' in page
    assert "บรรทัดสอง" in page and "<br>" in page
    for external in ("<link rel=\"stylesheet\"", "<script", "@import", "fonts.googleapis"):
        assert external not in page


def test_dates_be_ce_and_thai_digits() -> None:
    day = date(2026, 1, 5)
    assert format_site_date(day, SITE) == "5 มกราคม 2569"
    assert format_site_date(day, SiteConfig(era="CE")) == "5 มกราคม 2026"
    assert format_site_date(day, SiteConfig(thai_digits=True)) == "๕ มกราคม ๒๕๖๙"
    assert format_site_date(day, SiteConfig(lang="en", era="CE")) == "5 January 2026"
    assert "2026" in render_page(item(), SiteConfig(era="CE"))


def test_page_from_request_splits_photos_and_files() -> None:
    request = PublicationRequest(title="t", attachments=(
        AttachmentInfo("a.pdf", "a.pdf", "application/pdf", "pdf", 10, "0" * 64, position=1),
        AttachmentInfo("b.jpg", "b.jpg", "image/jpeg", "jpg", 20, "1" * 64, position=0,
                       alt_text="ภาพ"),
    ))
    page = page_item_from_request(request, "x", category="หมวด")
    assert [p.web_name for p in page.photos] == ["b.jpg"]
    assert [f.web_name for f in page.files] == ["a.pdf"]
    bundle = page_bundle(page, SITE, {"a.pdf": b"%PDF", "b.jpg": b"\xff\xd8"})
    assert sorted(bundle) == ["files/a.pdf", "files/b.jpg", "index.html"]


def test_category_index_newest_first() -> None:
    older = item(slug="old", title="เก่า", publish_date=date(2026, 1, 1))
    page = render_category_index("ข่าว <ใหม่>", [older, item()], SITE)
    assert page.index('href="2569-0042/"') < page.index('href="old/"')
    assert "ข่าว &lt;ใหม่&gt;" in page
    assert "ยังไม่มีรายการ" in render_category_index("ว่าง", [], SITE)


def test_atom_feed_is_valid_xml() -> None:
    feed = render_atom_feed("ข่าว", [item(), item(slug="b", title="ข & ข")], SITE)
    root = ElementTree.fromstring(feed.encode("utf-8"))
    ns = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{ns}entry")
    assert len(entries) == 2
    titles = {entry.findtext(f"{ns}title") for entry in entries}
    assert "ข & ข" in titles
    link = entries[0].find(f"{ns}link")
    assert link is not None and link.get("href", "").startswith("https://www.example.go.th/news/")
    assert root.findtext(f"{ns}updated") == "2026-11-22T00:00:00Z"
