"""The file policy as admin-editable JSON, the per-request limits and the Verdict's texts."""

from __future__ import annotations

import json

import pytest

from desktop.domain.errors import UserError
from desktop.domain.file_policy import (
    EXTENSION_KINDS,
    FileKind,
    FilePolicy,
    Verdict,
    request_size_problem,
)


def test_defaults_allow_exactly_the_seed_types() -> None:
    policy = FilePolicy()
    assert set(policy.allowed_kinds) == {"pdf", "doc", "docx", "xls", "xlsx", "jpg", "png",
                                         "zip", "rar"}
    assert EXTENSION_KINDS["jpeg"] is FileKind.JPEG
    assert all(policy.allows(kind) for kind in FileKind)


def test_round_trip_through_json() -> None:
    policy = FilePolicy(max_file_bytes=1234, allowed_kinds=("pdf", "jpg"),
                        refuse_archive_executables=False)
    again = FilePolicy.from_dict(json.loads(json.dumps(policy.to_dict())))
    assert again == policy
    assert not again.allows(FileKind.ZIP)


def test_partial_json_keeps_defaults_and_normalises_kinds() -> None:
    policy = FilePolicy.from_dict({"allowed_kinds": [".PDF", "jpeg", "jpg"]})
    assert policy.allowed_kinds == ("pdf", "jpg")
    assert policy.max_file_bytes == FilePolicy().max_file_bytes


@pytest.mark.parametrize("bad", [
    {"no_such_setting": 1},
    {"max_file_bytes": -5},
    {"max_file_bytes": "big"},
    {"max_file_bytes": True},
    {"refuse_password_pdf": 1},
    {"allowed_kinds": ["exe"]},
    {"allowed_kinds": "pdf"},
    {"image_web_jpeg_quality": 100},
])
def test_invalid_settings_are_refused_with_the_field_named(bad: dict[str, object]) -> None:
    with pytest.raises(UserError) as raised:
        FilePolicy.from_dict(bad)
    assert raised.value.code == "file_policy_invalid"
    assert "ค่านโยบายไฟล์" in raised.value.text("th")


def test_request_limits() -> None:
    policy = FilePolicy(max_files_per_request=2, max_request_bytes=100)
    assert request_size_problem([10, 20], policy) is None
    too_many = request_size_problem([1, 1, 1], policy)
    assert too_many is not None and too_many.code == "request_too_many_files"
    too_big = request_size_problem([60, 60], policy)
    assert too_big is not None and too_big.code == "request_too_large"
    assert "120" in too_big.text("en")


def test_verdict_speaks_both_languages_and_serialises() -> None:
    verdict = Verdict(accepted=False, display_name="x.pdf", size=3, sha256="0" * 64,
                      reason_code="file_too_large", reason_params={"size": 3, "limit": 2})
    assert verdict.reason("en") == "The file is 3 bytes; at most 2 bytes are allowed."
    assert "ไบต์" in verdict.reason("th")
    data = verdict.to_dict("th")
    assert json.loads(json.dumps(data, ensure_ascii=False))["reason_code"] == "file_too_large"
