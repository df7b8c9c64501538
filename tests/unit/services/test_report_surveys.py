"""desktop.services.report_surveys: satisfaction-survey files previewed with a suggested
mapping, imported once (again only when replacing), the mapping remembered per form."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.reports.survey import read_survey
from desktop.services.context import AppContext
from desktop.services.report_surveys import import_survey, preview_survey
from desktop.store import report_records as records
from tests.unit.services.support import assert_refusal, audit_actions, has_thai, sqlite_only

HEADERS = ["ประทับเวลา", "1. ความสะดวกในการค้นหาข้อมูล", "2. ความถูกต้องของข้อมูล",
           "ข้อเสนอแนะ"]
ROWS = [["20/11/2569, 10:00:00", "5", "มาก", "ดีมาก"],
        ["21/11/2569, 11:00:00", "4", "7", ""],
        ["22/11/2569, 12:00:00", "", "", ""]]                    # nothing answered: skipped


def _csv(path: Path, rows: list[list[str]] = ROWS) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


@sqlite_only
def test_a_survey_is_previewed_then_counted_and_its_mapping_remembered(
        ctx: AppContext, people, tmp_path: Path) -> None:  # noqa: ANN001
    path = _csv(tmp_path / "แบบสำรวจ.csv")
    preview = preview_survey(ctx, path)
    assert not preview.remembered and preview.headers == tuple(HEADERS)
    assert preview.mapping == {HEADERS[0]: "date", HEADERS[1]: "question",
                               HEADERS[2]: "question", HEADERS[3]: "comment"}
    result = import_survey(ctx, path, actor=people["web1"])
    assert (result.responses, result.skipped_rows, result.out_of_range, result.comments) == (
        2, 1, 1, 1)
    assert [text for text, _counts in result.questions] == HEADERS[1:3]
    assert audit_actions(ctx)[-1] == "survey_imported"
    second = _csv(tmp_path / "ธันวาคม.csv", ROWS[:1])
    assert preview_survey(ctx, second).remembered


@sqlite_only
def test_the_same_file_twice_needs_replace(ctx: AppContext, tmp_path: Path) -> None:
    path = _csv(tmp_path / "แบบสำรวจ.csv")
    first = import_survey(ctx, path)
    with pytest.raises(UserError) as caught:
        import_survey(ctx, path)
    assert_refusal(caught.value, "survey_already_imported")
    again = import_survey(ctx, path, replace=True)
    assert again.responses == first.responses
    with ctx.db.read() as session:               # one import of that file, the new one
        assert records.survey_imported(session, read_survey(path).sha256) == again.import_id


@sqlite_only
def test_a_mapping_with_an_unknown_role_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = _csv(tmp_path / "แบบสำรวจ.csv")
    with pytest.raises(UserError) as caught:
        import_survey(ctx, path, mapping={HEADERS[1]: "favourite-colour"})
    assert_refusal(caught.value, "survey_bad_role")
    assert audit_actions(ctx) == []


@sqlite_only
@pytest.mark.parametrize(("name", "data"), [("bin.csv", b"\x00\x01\x02\xff\xfe"),
                                            ("empty.csv", b""),
                                            ("broken.xlsx", b"PK\x03\x04 not a workbook")])
def test_a_file_that_is_not_a_survey_says_why(ctx: AppContext, tmp_path: Path, name: str,
                                              data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for step in (preview_survey, import_survey):
        with pytest.raises(UserError) as caught:
            step(ctx, path)
        assert has_thai(caught.value.text("th")) and name in caught.value.text("en")
    assert audit_actions(ctx) == []
