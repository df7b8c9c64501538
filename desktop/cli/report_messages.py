"""What ``webdesk report``, ``logs`` and ``survey`` print, in Thai and English."""

from __future__ import annotations

from desktop.domain.messages import Localized, MessageCode


class ReportCliMessage(MessageCode):
    WROTE = ("cli_report_wrote", "บันทึก {path} แล้ว ({period})", "wrote {path} ({period})")
    LOG_FILE = (
        "cli_logs_file",
        "{name}: {status}, {lines} บรรทัด, รูปแบบไม่ถูกต้อง {malformed} บรรทัด",
        "{name}: {status}, {lines} lines, {malformed} malformed",
    )
    LOG_TOTALS = (
        "cli_logs_totals",
        "จำนวนคำขอ {requests}, จำนวนการเปิดหน้าเว็บ {page_views}",
        "requests {requests}, page views {page_views}",
    )
    KEEP_ON = (
        "cli_logs_keep_on",
        "เก็บสำเนาบันทึกการเข้าใช้ฉบับดิบ: เปิด ({days} วัน)",
        "keep_raw=on days={days}",
    )
    KEEP_OFF = (
        "cli_logs_keep_off",
        "เก็บสำเนาบันทึกการเข้าใช้ฉบับดิบ: ปิด",
        "keep_raw=off days={days}",
    )
    PURGED = (
        "cli_logs_purged",
        "ลบสำเนาบันทึกการเข้าใช้ที่เก็บไว้ {count} ไฟล์",
        "deleted {count} kept log file(s)",
    )
    SURVEY_MAPPING_REMEMBERED = (
        "cli_survey_mapping_remembered",
        "{name} (ใช้การจับคู่คอลัมน์ที่จำไว้)",
        "{name} (remembered mapping)",
    )
    SURVEY_MAPPING_SUGGESTED = (
        "cli_survey_mapping_suggested",
        "{name} (การจับคู่คอลัมน์ที่แนะนำ)",
        "{name} (suggested mapping)",
    )
    SURVEY_RESULT = (
        "cli_survey_result",
        "{name}: ผู้ตอบ {responses} ราย, ข้ามไป {skipped} แถว, ไม่ได้ตอบ {blank} ข้อ, "
        "อยู่นอกช่วง 1-5 {out_of_range} ข้อ, ความคิดเห็น {comments} รายการ",
        "{name}: {responses} responses, {skipped} rows skipped, {blank} blank answers, "
        "{out_of_range} outside 1-5, {comments} comments",
    )
    SURVEY_QUESTION = (
        "cli_survey_question",
        "  จำนวน {n:<5} ค่าเฉลี่ย {mean}  {text}",
        "  n={n:<5} mean={mean}  {text}",
    )


# A log file's outcome (services.report_logs.FileStatus) in words.
LOG_STATUS: dict[str, Localized] = {
    "new": Localized("ไฟล์ใหม่", "new"),
    "continued": Localized("นับต่อจากครั้งก่อน", "continued"),
    "unchanged": Localized("ไม่มีอะไรใหม่", "unchanged"),
    "empty": Localized("ไฟล์ว่าง", "empty"),
    "shrunk": Localized("ไฟล์เล็กลง (ถูกเขียนใหม่หรือหมุนเวียนแล้ว)", "shrunk"),
    "conflict": Localized("อีกเครื่องกำลังนำเข้าไฟล์นี้ จะนับครั้งหน้า", "conflict"),
    "damaged": Localized("ไฟล์เสียหาย ข้ามไป ไม่ได้บันทึกอะไร", "damaged"),
}

# A survey column's role (the words the --question/--comment/--date/--ignore options use).
SURVEY_ROLE: dict[str, Localized] = {
    "question": Localized("คำถาม", "question"),
    "comment": Localized("ความคิดเห็น", "comment"),
    "date": Localized("วันที่", "date"),
    "ignore": Localized("ไม่ใช้", "ignore"),
}


def in_words(table: dict[str, Localized], key: str, lang: str) -> str:
    """``key`` in the user's language (the key itself when the table does not know it)."""
    return table.get(key, Localized(key, key)).text(lang)
