"""The pre-publish checklist: levels per category, each check, and what blocks."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.checklist import (
    ChecklistConfig,
    ChecklistInput,
    ChecklistLevel,
    blocking,
    run_checklist,
)
from desktop.domain.errors import UserError
from desktop.domain.file_policy import FileKind, Verdict
from desktop.domain.personal_data import scan_text
from desktop.domain.request import AttachmentInfo, PublicationRequest


def photo(alt: str = "ผู้บริหารมอบรางวัล") -> AttachmentInfo:
    return AttachmentInfo(display_name="photo.jpg", web_name="photo.jpg", media_type="image/jpeg",
                          kind="jpg", size=200_000, sha256="ab" * 32, alt_text=alt)


def good_request(**changes: object) -> PublicationRequest:
    request = PublicationRequest(
        title="ประกาศผลการคัดเลือกพนักงานราชการ ประจำปี 2569", summary="สรุปผลการคัดเลือก",
        body="รายละเอียดที่ https://www.example.go.th/news/1", category="pr_news",
        source_owner="กองการเจ้าหน้าที่", expiry_date=date(2026, 12, 31),
        external_link="https://www.example.go.th/", attachments=(photo(),))
    return request.with_changes(**changes)


def accepted(name: str = "photo.jpg") -> Verdict:
    return Verdict(accepted=True, display_name=name, size=1, sha256="0" * 64, kind=FileKind.JPEG)


def codes_failed(request: PublicationRequest, given: ChecklistInput | None = None,
                 config: ChecklistConfig | None = None) -> set[str]:
    items = run_checklist(request, given or ChecklistInput(verdicts=[accepted()]), config)
    return {item.code for item in items if not item.passed}


def test_a_good_request_passes_everything() -> None:
    items = run_checklist(good_request(), ChecklistInput(verdicts=[accepted()],
                                                         required_fields=("source_owner",)))
    assert len(items) == 9
    assert all(item.passed for item in items), [i.message.en for i in items if not i.passed]
    assert not blocking(items)


def test_each_check_fails_on_its_own_problem() -> None:
    assert codes_failed(good_request(title="สั้น")) == {"title_length"}
    assert codes_failed(good_request(title="ก" * 300)) == {"title_length"}
    assert codes_failed(good_request(summary=" ")) == {"summary_present"}
    assert codes_failed(good_request(attachments=(photo(alt=""),))) == {"image_alt_text"}
    assert codes_failed(good_request(expiry_date=None)) == {"expiry_date"}
    assert codes_failed(good_request(external_link="www.example.go.th")) == {"link_format"}
    assert codes_failed(good_request(body="ดู http://bad host/ ได้")) == set()  # stops at space
    assert codes_failed(good_request(body="ดู https:///news/1")) == {"link_format"}


def test_category_required_fields() -> None:
    given = ChecklistInput(verdicts=[accepted()], required_fields=("source_owner", "period_start"))
    items = run_checklist(good_request(), given)
    failed = [i for i in items if not i.passed]
    assert [i.code for i in failed] == ["category_fields"]
    assert "period_start" not in failed[0].message.en
    assert "Information period from" in failed[0].message.en
    assert blocking(items)


def test_refused_file_blocks_with_its_reason() -> None:
    refused = Verdict(accepted=False, display_name="virus.exe", size=10, sha256="1" * 64,
                      reason_code="file_type_not_allowed")
    items = run_checklist(good_request(), ChecklistInput(verdicts=[accepted(), refused]))
    failed = [i for i in items if not i.passed]
    assert [i.code for i in failed] == ["file_policy"]
    assert failed[0].details[0].en.startswith("virus.exe")
    assert blocking(items)


def test_page_weight_is_recommended_so_it_warns_only() -> None:
    items = run_checklist(good_request(), ChecklistInput(verdicts=[accepted()],
                                                         page_bytes=50 * 1024 * 1024))
    weight = next(i for i in items if i.code == "page_weight")
    assert not weight.passed and weight.level is ChecklistLevel.RECOMMENDED
    assert not blocking(items)


def test_personal_data_found_blocks_and_lists_where() -> None:
    findings = scan_text("โทร 081-234-5678", "attachment ผลการคัดเลือก.pdf page 2")
    items = run_checklist(good_request(), ChecklistInput(verdicts=[accepted()],
                                                         personal_data=findings))
    item = next(i for i in items if i.code == "personal_data")
    assert not item.passed and blocking(items)
    assert "page 2" in item.details[0].en and "5678" in item.details[0].th


def test_levels_are_configurable_per_category() -> None:
    config = ChecklistConfig.from_dict({
        "levels": {"summary_present": "required"},
        "categories": {"pr_news": {"expiry_date": "required", "image_alt_text": "off"}},
    })
    request = good_request(expiry_date=None, summary="", attachments=(photo(alt=""),))
    items = run_checklist(request, ChecklistInput(verdicts=[accepted()]), config)
    by_code = {i.code: i for i in items}
    assert "image_alt_text" not in by_code
    assert by_code["expiry_date"].blocks and by_code["summary_present"].blocks
    other = run_checklist(request.with_changes(category="law"),
                          ChecklistInput(verdicts=[accepted()]), config)
    assert next(i for i in other if i.code == "expiry_date").level is ChecklistLevel.RECOMMENDED


@pytest.mark.parametrize("bad", [[], {"levels": {"nope": "required"}},
                                 {"levels": {"title_length": "maybe"}},
                                 {"max_page_bytes": -1}])
def test_bad_config_is_a_user_error(bad: object) -> None:
    with pytest.raises(UserError) as raised:
        ChecklistConfig.from_dict(bad)  # type: ignore[arg-type]
    assert "ไม่ถูกต้อง" in raised.value.text("th")
