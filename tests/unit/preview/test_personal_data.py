"""The Thai PDPA scanner: national IDs (check digit), phone numbers, e-mail addresses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.personal_data import (
    THAI_DIGITS,
    PersonalDataKind,
    is_valid_national_id,
    national_id_check_digit,
    scan_text,
    scan_texts,
)

VALID_ID = "1101700230708"   # check digit worked out by hand: sum=178, (11-178%11)%10 = 8


def with_check_digit(first_twelve: str) -> str:
    return first_twelve + str(national_id_check_digit(first_twelve))


def to_thai(text: str) -> str:
    return text.translate(str.maketrans("0123456789", THAI_DIGITS))


def kinds(text: str) -> list[PersonalDataKind]:
    return [f.kind for f in scan_text(text)]


def test_known_valid_id_and_its_check_digit() -> None:
    assert national_id_check_digit("110170023070") == 8
    assert is_valid_national_id(VALID_ID)


def test_wrong_check_digit_is_not_an_id() -> None:
    wrong = VALID_ID[:12] + "9"
    assert not is_valid_national_id(wrong)
    assert scan_text(f"เลขที่ {wrong} ของโครงการ") == []


def test_id_found_in_thai_text_with_location_and_mask() -> None:
    found = scan_text(f"ผู้ยื่นคำขอ เลขประจำตัวประชาชน {VALID_ID} อาศัยอยู่ที่", "body")
    assert len(found) == 1
    assert found[0].kind is PersonalDataKind.NATIONAL_ID
    assert found[0].location == "body"
    assert found[0].text == VALID_ID
    assert "0023070" not in found[0].masked and found[0].masked.endswith("-8")


def test_id_split_by_dashes_and_spaces() -> None:
    for written in ("1-1017-00230-70-8", "1 1017 00230 70 8", "1-1017-00230-708"):
        found = scan_text(f"บัตร {written}.")
        assert [f.kind for f in found] == [PersonalDataKind.NATIONAL_ID], written


def test_id_in_thai_digits() -> None:
    found = scan_text(f"เลข {to_thai('1-1017-00230-70-8')} ครับ")
    assert [f.kind for f in found] == [PersonalDataKind.NATIONAL_ID]


def test_longer_digit_runs_are_not_ids() -> None:
    assert PersonalDataKind.NATIONAL_ID not in kinds(f"บัญชี 9{VALID_ID}")
    assert PersonalDataKind.NATIONAL_ID not in kinds(f"{VALID_ID}1")


def test_id_starting_with_zero_is_refused() -> None:
    assert not is_valid_national_id(with_check_digit("012345678901"))


def test_phone_numbers_thai_formats() -> None:
    for phone in ("081-234-5678", "0812345678", "02-123-4567", "021234567", "053-123-456",
                  "+66 81 234 5678", "+66812345678", "๐๘๑-๒๓๔-๕๖๗๘", "096 123 4567"):
        assert kinds(f"ติดต่อ {phone} ในเวลาราชการ") == [PersonalDataKind.PHONE], phone


def test_not_phone_numbers() -> None:
    for text in ("ปี 2569", "งบประมาณ 1,234,567 บาท", "เลขที่ 12345", "ISBN 9786161234567",
                 "วันที่ 22/11/2569", "รหัส 01-23"):
        assert PersonalDataKind.PHONE not in kinds(text), text


def test_email_addresses() -> None:
    found = scan_text("ส่งมาที่ somchai.j@agency.go.th หรือ info@example.co.th")
    assert [f.kind for f in found] == [PersonalDataKind.EMAIL, PersonalDataKind.EMAIL]
    assert found[0].masked == "s" + "*" * 8 + "@agency.go.th"
    assert kinds("ไม่ใช่อีเมล a@b หรือ @agency.go.th") == []


def test_findings_are_in_text_order_and_keep_location() -> None:
    text = f"โทร 081-234-5678 อีเมล a.b@c.go.th เลข {VALID_ID}"
    found = scan_texts([("attachment a.pdf page 3", text)])
    assert [f.kind for f in found] == [PersonalDataKind.PHONE, PersonalDataKind.EMAIL,
                                       PersonalDataKind.NATIONAL_ID]
    assert {f.location for f in found} == {"attachment a.pdf page 3"}
    assert "page 3" in found[0].describe("en")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12).filter(lambda s: s[0] != "0"))
def test_every_generated_id_is_found_and_any_other_check_digit_is_not(first: str) -> None:
    good = with_check_digit(first)
    assert kinds(f"ID {good} end") == [PersonalDataKind.NATIONAL_ID]
    assert kinds(f"ID {to_thai(good)} end") == [PersonalDataKind.NATIONAL_ID]
    bad = first + str((int(good[-1]) + 1) % 10)
    assert PersonalDataKind.NATIONAL_ID not in kinds(f"ID {bad} end")


@given(st.text(max_size=200))
def test_scanner_never_raises(text: str) -> None:
    for finding in scan_text(text):
        assert finding.text in text
