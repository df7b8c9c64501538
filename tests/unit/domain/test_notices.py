"""Notices to the information owner: every kind, both languages, reasons and URLs required."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.errors import ValidationFailed
from desktop.domain.notices import (
    NoticeFacts,
    NoticeKind,
    build_bilingual_notice,
    build_notice,
    notice_facts_from,
)
from desktop.domain.request import PublicationRequest, Requester

REASON = "ไม่ถูกต้องตามรูปแบบไฟล์ข้อมูลที่อนุญาต"
URL = "https://www.example.go.th/news/2569/0042"


def facts(kind: NoticeKind, **more: object) -> NoticeFacts:
    values: dict[str, object] = {
        "reference": "REQ-2569-0042", "title": "ประกาศผลผู้ชนะการเสนอราคา",
        "requester_name": "นางสาวกุลธิดา ศรีสุข", "unit": "กลุ่มงานบริหารทั่วไป",
        "requester_email": "kulthida@example.go.th", "reason": REASON, "url": URL,
        "received_on": date(2026, 11, 20), "decided_on": date(2026, 11, 22),
        "sender_name": "นายธีรวัฒน์ ใจดี", "sender_position": "ผู้ดูแลเว็บไซต์",
        "agency_name": "สำนักงานสาธารณสุขอำเภอบ้านหลวง"}
    values.update(more)
    return NoticeFacts(kind, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_thai_notice_is_a_polite_official_letter(kind: NoticeKind) -> None:
    notice = build_notice(facts(kind), "th")
    assert "REQ-2569-0042" in notice.subject
    body = notice.body
    assert body.startswith("เรียน นางสาวกุลธิดา ศรีสุข (กลุ่มงานบริหารทั่วไป)")
    assert "“ประกาศผลผู้ชนะการเสนอราคา”" in body
    assert "20 พฤศจิกายน 2569" in body and "22 พฤศจิกายน 2569" in body
    assert "จึงเรียนมาเพื่อโปรดทราบ" in body
    assert body.rstrip().endswith("สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    assert "2026" not in body
    assert notice.to == "kulthida@example.go.th"
    assert notice.as_text().startswith(notice.subject + "\n\n")


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_english_notice(kind: NoticeKind) -> None:
    notice = build_notice(facts(kind), "en")
    assert notice.body.startswith("Dear นางสาวกุลธิดา ศรีสุข,")
    assert "22 November 2026" in notice.body and "Yours sincerely," in notice.body
    assert "(request REQ-2569-0042)" in notice.subject


def test_reason_and_url_appear_only_where_they_belong() -> None:
    assert REASON in build_notice(facts(NoticeKind.RETURNED)).body
    assert "ดำเนินการ" in build_notice(facts(NoticeKind.RETURNED)).body
    rejected = build_notice(facts(NoticeKind.REJECTED))
    assert REASON in rejected.body and "ไม่อนุมัติ" in rejected.subject
    assert REASON not in build_notice(facts(NoticeKind.APPROVED)).body
    published = build_notice(facts(NoticeKind.PUBLISHED), "en")
    assert URL in published.body and URL not in build_notice(facts(NoticeKind.APPROVED)).body


@pytest.mark.parametrize("kind", [NoticeKind.RETURNED, NoticeKind.REJECTED])
def test_refusals_need_a_reason(kind: NoticeKind) -> None:
    with pytest.raises(ValidationFailed) as caught:
        build_notice(facts(kind, reason="  "))
    assert caught.value.code == "notice_reason_required"
    assert "เหตุผล" in caught.value.text("th")


def test_published_needs_a_url() -> None:
    with pytest.raises(ValidationFailed) as caught:
        build_notice(facts(NoticeKind.PUBLISHED, url=""))
    assert caught.value.code == "notice_url_required"


def test_bilingual_notice_puts_thai_first() -> None:
    notice = build_bilingual_notice(facts(NoticeKind.APPROVED))
    assert notice.body.index("เรียน") < notice.body.index("Dear")
    assert " / " in notice.subject


def test_facts_from_a_request_and_missing_optional_values() -> None:
    request = PublicationRequest(
        title="รายงานผลการดำเนินงาน", reference="REQ-7", public_url=URL,
        requester=Requester(name="", unit="งานยุทธศาสตร์", email="plan@example.go.th"),
        received_at=datetime(2026, 11, 2, 9))
    built = notice_facts_from(request, NoticeKind.PUBLISHED)
    assert built.url == URL and built.received_on == date(2026, 11, 2)
    notice = build_notice(built)
    assert notice.body.startswith("เรียน ผู้รับผิดชอบการให้ข้อมูล (งานยุทธศาสตร์)")
    assert "2 พฤศจิกายน 2569" in notice.body
    assert notice.to == "plan@example.go.th"
