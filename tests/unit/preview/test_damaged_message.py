"""A file whose reading fails in an unforeseen way (a parser's own error on a file from
outside) is said to be possibly damaged in plain words; the error itself goes to the log, not
in front of the person (a Python exception name means nothing there)."""

from __future__ import annotations

import logging

import pytest

from desktop.files.preview_content import damaged, damaged_file


def test_the_message_has_no_exception_name_and_the_log_has_the_error(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="webdesk.preview")
    try:
        raise ValueError("struct unpack requires a buffer of 4 bytes")
    except ValueError:
        message = damaged_file("รายงาน.xlsx")
    assert message.th == "แสดงตัวอย่างไม่ได้: ไฟล์อาจเสียหาย"
    assert message.en == "Cannot preview: the file may be damaged"
    assert "ValueError" not in message.th + message.en
    [record] = caplog.records
    assert "รายงาน.xlsx" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ValueError


def test_a_refusal_keeps_its_code_in_brackets() -> None:
    assert damaged("zip_bomb").en == "Cannot preview: the file may be damaged (zip_bomb)"
