"""Satisfaction surveys from CSV/XLSX: Thai headers, Likert words and numbers, missing and
out-of-range answers counted, empty rows skipped, comments kept, mapping remembered."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.domain.errors import UserError
from desktop.domain.report_period import parse_period
from desktop.reports.survey import likert, read_survey, suggest_mapping
from desktop.services.context import AppContext
from desktop.services.report_surveys import import_survey, preview_survey
from desktop.services.report_usage import satisfaction_figures

THAI_HEADERS = ["ประทับเวลา", "เพศ", "1. ความสะดวกในการค้นหาข้อมูล", "2. ความถูกต้องของข้อมูล",
                "3. ความรวดเร็วในการแสดงผล", "ข้อเสนอแนะเพิ่มเติม"]
THAI_ROWS = [
    ["5/11/2569, 10:01:02", "หญิง", "5", "มากที่สุด", "4", "อยากให้ค้นหาเอกสารง่ายขึ้น"],
    ["6/11/2569, 11:00:00", "ชาย", "๔", "มาก", "", "-"],                 # Thai digit, blank
    ["7/11/2569, 09:30:00", "ชาย", "3", "ปานกลาง", "6", "ไม่มี"],           # 6: out of range
    ["8/11/2569, 12:00:00", "", "", "", "", ""],                        # nothing: skipped
    ["2/12/2569, 08:00:00", "หญิง", "4 - พึงพอใจมาก", "น้อย", "abc", "หน้าเว็บโหลดช้า"],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *,
              encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)     # quotes "5/11/2569, 10:01:02"
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_likert_words_numbers_and_bad_values() -> None:
    assert [likert(v) for v in ("5", 4, 3.0, "๒", "1 - น้อยที่สุด", "มากที่สุด", "มาก",
                                "ดีมาก", "ควรปรับปรุง", "Very satisfied", "Neutral")] == \
        [5, 4, 3, 2, 1, 5, 4, 5, 1, 5, 3]
    assert [likert(v) for v in (None, "", " ", "-", "ไม่ตอบ")] == [None] * 5
    assert [likert(v) for v in ("0", 6, "7", 2.5, "abc", True)] == ["bad"] * 6


def test_thai_csv_counted_per_question_and_month(sqlite_ctx: AppContext,
                                                 tmp_path: Path) -> None:
    path = write_csv(tmp_path / "แบบสำรวจ.csv", THAI_HEADERS, THAI_ROWS)
    preview = preview_survey(sqlite_ctx, path)
    assert not preview.remembered
    assert preview.mapping == {THAI_HEADERS[0]: "date", THAI_HEADERS[1]: "ignore",
                               THAI_HEADERS[2]: "question", THAI_HEADERS[3]: "question",
                               THAI_HEADERS[4]: "question", THAI_HEADERS[5]: "comment"}
    result = import_survey(sqlite_ctx, path)
    assert (result.responses, result.skipped_rows) == (4, 1)
    assert (result.missing_answers, result.out_of_range) == (1, 2)
    assert result.comments == 2
    q1, q2, q3 = (counts for _text, counts in result.questions)
    assert q1.counts == (0, 0, 1, 2, 1) and q1.mean == 4.0 and q1.satisfied_share == 0.75
    assert q2.counts == (0, 1, 1, 1, 1)
    assert q3.counts == (0, 0, 0, 1, 0) and (q3.missing, q3.out_of_range) == (1, 2)
    with sqlite_ctx.db.read() as session:
        november = satisfaction_figures(session, parse_period("2026-11"))
        quarter = satisfaction_figures(session, parse_period("2026-10..2026-12"))
    assert november.responses == 3 and quarter.responses == 4
    assert [q.text for q in quarter.questions] == THAI_HEADERS[2:5]
    assert [c.text for c in november.comments] == ["อยากให้ค้นหาเอกสารง่ายขึ้น"]
    assert [(c.text, c.answered_on) for c in quarter.comments][-1] == \
        ("หน้าเว็บโหลดช้า", date(2026, 12, 2))
    assert quarter.skipped_rows == 1


def test_mapping_is_remembered_for_the_same_form(sqlite_ctx: AppContext,
                                                 tmp_path: Path) -> None:
    first = write_csv(tmp_path / "nov.csv", THAI_HEADERS, THAI_ROWS[:2])
    chosen = dict(preview_survey(sqlite_ctx, first).mapping)
    chosen[THAI_HEADERS[4]] = "ignore"              # the webmaster leaves out question 3
    import_survey(sqlite_ctx, first, mapping=chosen)
    second = write_csv(tmp_path / "dec.csv", THAI_HEADERS, THAI_ROWS[2:])
    preview = preview_survey(sqlite_ctx, second)
    assert preview.remembered and preview.mapping == chosen
    result = import_survey(sqlite_ctx, second)
    assert [text for text, _c in result.questions] == THAI_HEADERS[2:4]


def test_same_file_twice_is_refused_unless_replaced(sqlite_ctx: AppContext,
                                                    tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", THAI_HEADERS, THAI_ROWS)
    import_survey(sqlite_ctx, path)
    with pytest.raises(UserError) as caught:
        import_survey(sqlite_ctx, path)
    assert "นำเข้าไปแล้ว" in caught.value.text("th") and "s.csv" in caught.value.text("en")
    again = import_survey(sqlite_ctx, path, replace=True)
    with sqlite_ctx.db.read() as session:
        assert satisfaction_figures(session, parse_period("2026-11")).responses == 3
    assert again.responses == 4


def test_xlsx_with_english_labels_and_us_dates(sqlite_ctx: AppContext,
                                               tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Timestamp", "Ease of finding information", "Accuracy", "Comments"])
    sheet.append(["11/25/2026 10:00:00", "Very satisfied", "Satisfied", "Great site"])
    sheet.append([datetime(2026, 12, 3, 9, 0), "Neutral", "Very dissatisfied", None])
    sheet.append(["11/26/2026 10:00:00", 4, 5, ""])
    book.save(tmp_path / "forms.xlsx")
    result = import_survey(sqlite_ctx, tmp_path / "forms.xlsx")
    assert result.responses == 3
    ease, accuracy = (c for _t, c in result.questions)
    assert ease.counts == (0, 0, 1, 1, 1) and accuracy.counts == (1, 0, 0, 1, 1)
    with sqlite_ctx.db.read() as session:
        assert satisfaction_figures(session, parse_period("2026-11")).responses == 2


def test_thai_windows_encoding_and_semicolons(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ansi.csv", THAI_HEADERS, THAI_ROWS, encoding="cp874",
                     delimiter=";")
    table = read_survey(path)
    assert table.headers == THAI_HEADERS and table.rows[0][3] == "มากที่สุด"
    assert list(suggest_mapping(table).values()).count("question") == 3


def test_bad_files_give_clear_messages(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n\r\n")
    with pytest.raises(UserError) as no_header:
        import_survey(sqlite_ctx, empty)
    assert "empty.csv" in no_header.value.text("th")
    words = write_csv(tmp_path / "words.csv", ["ชื่อ", "ที่อยู่"], [["ก", "ข"]])
    with pytest.raises(UserError) as no_questions:
        import_survey(sqlite_ctx, words)
    assert "1-5" in no_questions.value.text("th")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UserError) as unreadable:
        import_survey(sqlite_ctx, broken)
    assert "broken.xlsx" in unreadable.value.text("en")
