"""desktop.services.page_preview: the item's page for the preview tab — the same HTML and the
same files the publisher uploads, reached without importing the publish room."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.publish.pages import PageFile
from desktop.services.page_preview import PageItem, SiteConfig, page_bundle, render_page
from desktop.services.page_preview import __all__ as exported

ITEM = PageItem(slug="wd-2569-00001", title="ประกาศรับสมัครงาน <ด่วน>",
                summary="รายละเอียดตามเอกสารแนบ", body="ย่อหน้าแรก\n\nย่อหน้าที่สอง",
                category="ข่าวประชาสัมพันธ์", publish_date=date(2026, 11, 23))


def test_the_page_is_escaped_thai_html_with_the_buddhist_era() -> None:
    page = render_page(ITEM, SiteConfig(agency_name="สำนักงานสาธารณสุขอำเภอบ้านหลวง"))
    assert "ประกาศรับสมัครงาน &lt;ด่วน&gt;" in page and "<ด่วน>" not in page
    assert "2569" in page and "ย่อหน้าที่สอง" in page
    assert 'lang="th"' in page


def test_the_bundle_is_the_page_and_every_file_nothing_left_out() -> None:
    with_file = replace(ITEM, files=(PageFile(web_name="file-1.pdf", display_name="ประกาศ.pdf",
                                              kind="pdf", size=4),))
    bundle = page_bundle(with_file, SiteConfig(), {"file-1.pdf": b"%PDF"})
    assert sorted(bundle) == ["files/file-1.pdf", "index.html"]
    assert bundle["files/file-1.pdf"] == b"%PDF"
    assert "ประกาศ.pdf" in bytes(bundle["index.html"]).decode("utf-8")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        page_bundle(with_file, SiteConfig(), {})             # a missing file is never skipped
    assert sorted(exported) == ["PageItem", "SiteConfig", "page_bundle", "render_page"]
