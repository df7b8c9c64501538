"""Safe names: display names cleaned but kept (Thai as is); web names URL-safe and unique."""

from __future__ import annotations

import re
import string
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.safe_names import (
    WEB_NAME_MAX,
    clean_display_name,
    display_extension,
    web_name,
    web_names,
)

WEB_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]{1,8})?$")


def test_thai_names_are_kept_for_display_and_slugged_without_transliteration() -> None:
    names = ["ประกาศรับสมัคร.pdf", "ประกาศ 2569.pdf", "Annual Report 2569.PDF"]
    assert [clean_display_name(n) for n in names] == names
    assert web_names(names) == ["file-1.pdf", "file-2-2569.pdf", "annual-report-2569.pdf"]


def test_nfd_thai_becomes_nfc() -> None:
    nfd = "ป\u0e31\u0e49าย.pdf"
    cleaned = clean_display_name(nfd)
    assert cleaned == unicodedata.normalize("NFC", nfd)


def test_paths_controls_and_bidi_overrides_are_removed() -> None:
    assert clean_display_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert clean_display_name("C:\\Users\\x\\report.pdf") == "report.pdf"
    assert clean_display_name("re\x00po\x1brt.pdf") == "report.pdf"
    assert clean_display_name("invoice\u202efdp.exe") == "invoicefdp.exe"
    assert clean_display_name("line\nbreak.pdf") == "line break.pdf"
    assert clean_display_name("  ..  ") == "file"


def test_long_names_keep_their_extension() -> None:
    cleaned = clean_display_name("ก" * 300 + ".pdf")
    assert len(cleaned) == 200 and cleaned.endswith(".pdf")
    assert len(web_name("a" * 300 + ".jpg", 1)) == WEB_NAME_MAX
    assert web_name("a" * 300 + ".jpg", 1).endswith(".jpg")


def test_web_names_are_unique_case_insensitively_and_respect_taken_names() -> None:
    names = web_names(["Report.pdf", "report.PDF", "REPORT.pdf"], taken=["report.pdf"])
    assert names == ["report-2.pdf", "report-3.pdf", "report-4.pdf"]


def test_extension_override_and_reserved_device_names() -> None:
    assert web_names(["photo.JPEG"], extensions=["jpg"]) == ["photo.jpg"]
    assert web_name("CON.pdf", 3) == "file-3-con.pdf"
    assert web_name("café crème.jpg", 1) == "cafe-creme.jpg"
    assert display_extension("x.Tar.GZ") == "gz"


def test_web_names_are_deterministic() -> None:
    names = ["รูป.jpg", "รูป.jpg", "photo.jpg", "Photo.jpg"]
    assert web_names(names) == web_names(list(names))


names_strategy = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)


@settings(max_examples=300, deadline=None)
@given(names_strategy)
def test_clean_display_name_is_safe_and_idempotent(name: str) -> None:
    cleaned = clean_display_name(name)
    assert cleaned and len(cleaned) <= 200
    assert "/" not in cleaned and "\\" not in cleaned
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in cleaned)
    assert "\u202e" not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_display_name(cleaned) == cleaned


@settings(max_examples=300, deadline=None)
@given(st.lists(names_strategy | st.sampled_from(["a.pdf", "A.PDF", "ก.pdf", "a-2.pdf"]),
                max_size=12))
def test_web_names_are_url_safe_bounded_and_unique(names: list[str]) -> None:
    result = web_names(names)
    assert len(result) == len(names)
    assert len(set(result)) == len(result)
    for name in result:
        assert WEB_NAME.match(name), name
        assert len(name) <= WEB_NAME_MAX
        assert set(name) <= set(string.ascii_lowercase + string.digits + "-.")
