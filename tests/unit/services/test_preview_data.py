"""desktop.services.preview_data: everything the preview tabs show for one request in one
job — the files with the bytes that will be published, the page, the checklist."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from desktop.domain.errors import NotFound
from desktop.domain.request import PublicationRequest
from desktop.services.context import AppContext
from desktop.services.preview_data import load_request_preview
from tests.unit.services.support import assert_refusal, sqlite_only, with_files

Sample = Callable[..., PublicationRequest]


@sqlite_only
def test_the_preview_holds_the_published_bytes_the_page_and_the_checklist(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    rid = with_files(ctx, people, sample_request)
    data = load_request_preview(ctx, rid)
    assert data.request_id == rid and len(data.files) == 2
    photo = next(f for f in data.files if f.info.is_image)
    published = data.contents[photo.info.web_name]
    assert hashlib.sha256(published).hexdigest() == photo.info.published_sha256
    assert photo.original_sha256 == photo.info.sha256 != photo.info.published_sha256
    assert data.page.title == "ประกาศรับสมัครงาน ตำแหน่งนักวิชาการคอมพิวเตอร์"
    assert data.site.agency_name == "สำนักงานสาธารณสุขอำเภอบ้านหลวง" and data.site.era == "BE"
    assert {i.code for i in data.checklist} >= {"title_length", "image_alt_text"}
    assert not any(i.blocks for i in data.checklist)


@sqlite_only
def test_an_unknown_request_is_not_found(ctx: AppContext) -> None:
    with pytest.raises(NotFound) as caught:
        load_request_preview(ctx, 4242)
    assert_refusal(caught.value, "request_not_found")
