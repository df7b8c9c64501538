"""Search text is matched literally: % and _ are not wildcards (issue 10: typing "%" or "_"
listed every request), and neither are the escape characters themselves."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.domain.request import PublicationRequest, Requester
from desktop.services import requests as rq
from tests.security.hostile_fixtures import Desk, desk  # noqa: F401

TITLES = [
    "ส่วนลด 50% สำหรับผู้สูงอายุ",
    "ส่วนลด 50 บาท",
    "แบบฟอร์ม form_2569",
    "แบบฟอร์ม formX2569",
    "เส้นทาง a/b และ a\\b",
    "ประกาศทั่วไป",
]


@pytest.fixture
def titled(desk: Desk) -> Desk:  # noqa: F811
    for title in TITLES:
        rq.register_request(desk.ctx, desk.webmaster, PublicationRequest(
            title=title, category="news", subcategory="general_news",
            requester=Requester(name="ผู้ขอ", unit="หน่วยงาน"),
            received_at=datetime(2026, 11, 23, 8, 30)))
    return desk


def found(desk: Desk, text: str) -> set[str]:  # noqa: F811
    rows = rq.list_requests(desk.ctx, rq.RequestQuery(text=text))
    assert rq.count_requests(desk.ctx, rq.RequestQuery(text=text)) == len(rows)
    return {row.title for row in rows}


CASES = [
    ("%", {TITLES[0]}),
    ("50%", {TITLES[0]}),
    ("_", {TITLES[2]}),
    ("form_2569", {TITLES[2]}),
    ("%%", set()),
    ("/", {TITLES[4]}),
    ("\\", {TITLES[4]}),
    ("a/b", {TITLES[4]}),
    ("ส่วนลด 50", {TITLES[0], TITLES[1]}),
    ("FORMX", {TITLES[3]}),
]


def test_search_text_is_matched_literally(titled: Desk) -> None:
    # One database per back end for all the cases (building it is the slow part).
    wrong = {text: found(titled, text) for text, expected in CASES
             if found(titled, text) != expected}
    assert wrong == {}
