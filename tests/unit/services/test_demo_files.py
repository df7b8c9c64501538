"""desktop.services.demo_files: the generated sample files attached to demo requests — a PDF
to every one, a photo (with its texts) to every other, a workbook to some — through the same
file policy as any attachment."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.request import PublicationRequest
from desktop.services import requests as rq
from desktop.services.attachments import list_files
from desktop.services.checklist import request_checklist
from desktop.services.context import AppContext
from desktop.services.demo_files import attach_samples, sample_pdf, sample_photo, sample_workbook
from tests.unit.services.support import sqlite_only

Sample = Callable[..., PublicationRequest]


@sqlite_only
def test_which_samples_each_demo_request_gets(ctx: AppContext, people,  # noqa: ANN001
                                              sample_request: Sample) -> None:
    kinds = {}
    for index in (0, 1, 3):
        rid = rq.register_request(ctx, people["web1"], sample_request())
        attach_samples(ctx, people["web1"], rid, index)
        kinds[index] = [f.info.kind for f in list_files(ctx, rid)]
        if index == 0:
            photo = next(f for f in list_files(ctx, rid) if f.info.is_image)
            assert photo.info.alt_text and photo.info.caption
            assert not request_checklist(ctx, rid).blocked
    assert kinds == {0: ["pdf", "jpg", "xlsx"], 1: ["pdf"], 3: ["pdf", "xlsx"]}


def test_the_samples_are_real_files_of_their_kind() -> None:
    assert sample_pdf("ตัวอย่าง").startswith(b"%PDF")
    assert sample_photo(1, (64, 48))[:3] == b"\xff\xd8\xff"
    assert sample_workbook("สรุป")[:2] == b"PK"
