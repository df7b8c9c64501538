"""Satisfaction-survey responses from CSV or XLSX as form tools export them (Google Forms,
Microsoft Forms, LimeSurvey, a hand-made sheet): Thai or English headers, Likert answers as
numbers (1-5, Thai digits too) or words (มากที่สุด … น้อยที่สุด, ดีมาก … ควรปรับปรุง,
Very satisfied …), blank answers counted as missing, anything else as out of range.

Each column gets a role: ``date`` (when the response was given), ``question`` (a Likert
item), ``comment`` (free text for "problems and suggestions") or ``ignore``.  A mapping is
suggested from the headers and the values; the services remember the one used.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.domain.date_input import parse_user_date
from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.thai_dates import to_arabic_digits
from desktop.domain.web_stats import LikertCounts, SurveyComment


class SurveyMessage(MessageCode):
    SURVEY_UNREADABLE = (
        "survey_unreadable",
        "อ่านไฟล์แบบสำรวจ {name} ไม่ได้: {detail}",
        "Cannot read the survey file {name}: {detail}",
    )
    SURVEY_TOO_BIG = (
        "survey_too_big",
        "ไฟล์แบบสำรวจ {name} ใหญ่เกินไป ({size} MB, ไม่เกิน {limit} MB)",
        "The survey file {name} is too big ({size} MB; at most {limit} MB).",
    )
    SURVEY_NO_HEADER = (
        "survey_no_header",
        "ไม่พบแถวหัวตารางในไฟล์แบบสำรวจ {name}",
        "The survey file {name} has no header row.",
    )
    SURVEY_NO_QUESTIONS = (
        "survey_no_questions",
        "ไม่พบคอลัมน์คำถามแบบมาตราส่วน 1-5 ในไฟล์ {name} กรุณาระบุคอลัมน์คำถาม",
        "No 1-5 rating columns were found in {name}; please say which columns are questions.",
    )
    SURVEY_UNKNOWN_COLUMN = (
        "survey_unknown_column",
        "ไม่มีคอลัมน์ “{column}” ในไฟล์แบบสำรวจ (มี: {columns})",
        "The survey file has no column “{column}” (it has: {columns}).",
    )


MAX_BYTES = 50 << 20
ROLES = ("date", "question", "comment", "ignore")

_WORDS: dict[str, int] = {}
for value, words in ((5, ("มากที่สุด", "พึงพอใจมากที่สุด", "ดีมาก", "ดีเยี่ยม", "เห็นด้วยอย่างยิ่ง",
                          "very satisfied", "excellent", "strongly agree", "very good")),
                     (4, ("มาก", "พึงพอใจมาก", "ดี", "เห็นด้วย", "satisfied", "good", "agree")),
                     (3, ("ปานกลาง", "พึงพอใจปานกลาง", "พอใช้", "เฉยๆ", "ไม่แน่ใจ", "neutral", "fair",
                          "neither agree nor disagree", "average")),
                     (2, ("น้อย", "พึงพอใจน้อย", "ไม่เห็นด้วย", "dissatisfied", "poor", "disagree")),
                     (1, ("น้อยที่สุด", "พึงพอใจน้อยที่สุด", "ควรปรับปรุง", "ปรับปรุง",
                          "ไม่เห็นด้วยอย่างยิ่ง", "very dissatisfied", "very poor",
                          "strongly disagree"))):
    for word in words:
        _WORDS[word] = value
_BLANK = {"", "-", "–", "n/a", "na", "ไม่ตอบ", "ไม่ระบุ", "none", "null"}
_NO_COMMENT = _BLANK | {"ไม่มี", "ไม่มีข้อเสนอแนะ", "no", "nothing", "ok", "."}
_LEADING_NUMBER = re.compile(r"^\s*([0-9]+(?:\.0+)?)\b")
_DATE_HEADERS = ("ประทับเวลา", "timestamp", "วันที่", "date", "เวลา", "start time",
                 "completion time", "submitted")
_COMMENT_HEADERS = ("ข้อเสนอแนะ", "ปัญหา", "ความคิดเห็น", "อุปสรรค", "suggest", "comment",
                    "feedback", "problem", "remark", "อื่นๆ")


def likert(value: Any) -> int | None | str:
    """1..5; None for a blank answer; the string ``"bad"`` for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        return int(value) if value == int(value) and 1 <= value <= 5 else "bad"
    text = to_arabic_digits(str(value)).strip().lower()
    if text in _BLANK:
        return None
    if text in _WORDS:
        return _WORDS[text]
    number = _LEADING_NUMBER.match(text)
    if number:
        found = float(number.group(1))
        return int(found) if found == int(found) and 1 <= found <= 5 else "bad"
    for word, score in sorted(_WORDS.items(), key=lambda item: -len(item[0])):
        if text.startswith(word):
            return score
    return "bad"


@dataclass(frozen=True)
class SurveyTable:
    name: str
    headers: list[str]
    rows: list[list[Any]]
    sha256: str

    @property
    def signature(self) -> str:
        """The same headers (whatever the rows) give the same signature: the remembered
        mapping is found again for next month's export of the same form."""
        text = "\n".join(h.strip().lower() for h in self.headers)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp874"):          # cp874: Thai Windows ("ANSI") exports
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(SurveyMessage.SURVEY_UNREADABLE, name=name, detail="unknown text encoding")


def read_survey(path: Path) -> SurveyTable:
    """The header row and data rows of a CSV (any common encoding/delimiter) or XLSX."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(SurveyMessage.SURVEY_TOO_BIG,
                            name=path.name, size=f"{size / 1048576:.1f}",
                            limit=MAX_BYTES >> 20)
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(SurveyMessage.SURVEY_UNREADABLE, name=path.name,
                        detail=exc.strerror or str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    if data[:2] == b"PK":
        rows = _xlsx_rows(data, path.name)
    else:
        text = _decode(data, path.name)
        try:
            dialect: Any = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    rows = [r for r in rows if any(str(v).strip() for v in r if v is not None)]
    if not rows:
        raise UserError(SurveyMessage.SURVEY_NO_HEADER, name=path.name)
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    headers = [h or f"column {i + 1}" for i, h in enumerate(headers)]
    return SurveyTable(path.name, headers, rows[1:], digest)


def _xlsx_rows(data: bytes, name: str) -> list[list[Any]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise UserError(SurveyMessage.SURVEY_UNREADABLE,
                        name=name, detail=type(exc).__name__) from exc
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def suggest_mapping(table: SurveyTable) -> dict[str, str]:
    """A role per column from its header and its values."""
    mapping: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        low = header.lower()
        values = [r[index] for r in table.rows[:500] if index < len(r)]
        present = [v for v in values if likert(v) is not None]
        rated = [v for v in present if isinstance(likert(v), int)]
        if any(word in low for word in _DATE_HEADERS) and _mostly_dates(values):
            mapping[header] = "date"
        elif any(word in low for word in _COMMENT_HEADERS):
            mapping[header] = "comment"
        elif rated and (len(rated) >= 0.5 * len(present)
                        or all(len(str(v)) <= 4 for v in present if v not in rated)):
            mapping[header] = "question"      # answers outside 1-5 are counted later
        else:
            mapping[header] = "ignore"
    return mapping


def _mostly_dates(values: Sequence[Any]) -> bool:
    filled = [v for v in values if v not in (None, "")]
    readable = sum(1 for v in filled if to_date(v) is not None or to_date(v, True) is not None)
    return bool(filled) and readable >= 0.8 * len(filled)


def to_date(value: Any, month_first: bool = False) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = to_arabic_digits(str(value or "")).strip()
    if not text:
        return None
    text = re.split(r"[ ,T]+(?=\d{1,2}:)", text)[0].strip().rstrip(",")
    if month_first:
        parts = re.split(r"[/.-]", text)
        if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
            text = f"{parts[1]}/{parts[0]}/{parts[2]}"
    try:
        return parse_user_date(text)
    except UserError:
        return None


@dataclass
class SurveyCount:
    """What a survey file adds up to, per month of response."""

    questions: list[tuple[str, str]]                         # (key, question text)
    months: dict[date, dict[str, LikertCounts]] = field(default_factory=dict)
    responses: dict[date, int] = field(default_factory=dict)
    comments: list[SurveyComment] = field(default_factory=list)
    skipped_rows: int = 0

    @property
    def total_responses(self) -> int:
        return sum(self.responses.values())

    def overall(self) -> dict[str, LikertCounts]:
        total: dict[str, LikertCounts] = {}
        for month in self.months.values():
            for key, counts in month.items():
                total[key] = total.get(key, LikertCounts()) + counts
        return total


def _month_first(values: list[Any]) -> bool:
    """US-style exports (M/D/YYYY): some value's second number is above 12."""
    for value in values:
        parts = re.split(r"[/.-]", to_arabic_digits(str(value or "")).split(" ")[0])
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) > 12:
            return True
    return False


def count_survey(table: SurveyTable, mapping: Mapping[str, str], default_day: date
                 ) -> SurveyCount:
    columns = {h: i for i, h in enumerate(table.headers)}
    for header, role in mapping.items():
        if header not in columns and role != "ignore":
            raise UserError(SurveyMessage.SURVEY_UNKNOWN_COLUMN, column=header,
                            columns=", ".join(table.headers))
    question_cols = [(f"q{n}", h, columns[h]) for n, h in enumerate(
        [h for h in table.headers if mapping.get(h) == "question"], start=1)]
    if not question_cols:
        raise UserError(SurveyMessage.SURVEY_NO_QUESTIONS, name=table.name)
    comment_cols = [(h, columns[h]) for h in table.headers if mapping.get(h) == "comment"]
    date_col = next((columns[h] for h in table.headers if mapping.get(h) == "date"), None)
    month_first = date_col is not None and _month_first(
        [r[date_col] for r in table.rows if date_col < len(r)])
    result = SurveyCount([(key, header) for key, header, _ in question_cols])
    for row in table.rows:
        cells = list(row) + [None] * (len(table.headers) - len(row))
        answers = [(key, likert(cells[i])) for key, _h, i in question_cols]
        texts = [(h, str(cells[i]).strip()) for h, i in comment_cols
                 if cells[i] is not None and str(cells[i]).strip().lower() not in _NO_COMMENT]
        if all(a is None for _k, a in answers) and not texts:
            result.skipped_rows += 1
            continue
        day = (to_date(cells[date_col], month_first) if date_col is not None else None) \
            or default_day
        month = day.replace(day=1)
        result.responses[month] = result.responses.get(month, 0) + 1
        bucket = result.months.setdefault(month, {})
        for key, answer in answers:
            counts = [0, 0, 0, 0, 0]
            missing = bad = 0
            if answer is None:
                missing = 1
            elif isinstance(answer, int):
                counts[answer - 1] = 1
            else:
                bad = 1
            bucket[key] = bucket.get(key, LikertCounts()) + LikertCounts(
                (counts[0], counts[1], counts[2], counts[3], counts[4]), missing, bad)
        for header, text in texts:
            result.comments.append(SurveyComment(text, header, day))
    return result


def iter_preview(table: SurveyTable, limit: int = 5) -> Iterator[list[str]]:
    for row in table.rows[:limit]:
        yield ["" if v is None else str(v) for v in row]
