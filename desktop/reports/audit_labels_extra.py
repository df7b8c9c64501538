"""Readable audit rows: labels for actions the domain list does not name yet, labels for the
keys found in details, and details written out as a sentence instead of JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from desktop.domain.audit_labels import audit_label
from desktop.domain.sizes import format_size
from desktop.domain.workflow import RequestState, label

EXTRA_ACTIONS: dict[str, tuple[str, str]] = {
    "sftp_session": ("เชื่อมต่อเซิร์ฟเวอร์ (SFTP)", "SFTP session"),
    "signoff_step": ("ลงนามอนุมัติตามขั้นตอน", "signed an approval step"),
    "signature_setting": ("ตั้งค่าการลงลายมือชื่อ", "changed the signature rule"),
    "approval_chain_set": ("ตั้งค่าขั้นตอนการอนุมัติ", "set an approval chain"),
    "delegation_created": ("มอบหมายให้ปฏิบัติราชการแทน", "delegated signing"),
    "delegation_revoked": ("ยกเลิกการมอบหมาย", "revoked a delegation"),
    "server_saved": ("บันทึกโปรไฟล์เซิร์ฟเวอร์", "saved a server profile"),
    "host_key_trusted": ("ยอมรับกุญแจของเซิร์ฟเวอร์", "trusted a server's host key"),
    "notice_email": ("ส่งอีเมลแจ้งเจ้าของข้อมูล", "e-mailed the information owner"),
    "notice_copied": ("คัดลอกหนังสือแจ้งเจ้าของข้อมูล", "copied the notice"),
    "access_logs_imported": ("นำเข้าบันทึกการเข้าใช้เว็บไซต์", "imported access logs"),
    "survey_imported": ("นำเข้าผลสำรวจความพึงพอใจ", "imported a satisfaction survey"),
}
KEY_LABELS: dict[str, tuple[str, str]] = {
    "reason": ("เหตุผล", "reason"), "title": ("หัวข้อ", "title"), "url": ("URL", "URL"),
    "server": ("เซิร์ฟเวอร์", "server"), "host": ("เครื่อง", "host"), "port": ("พอร์ต", "port"),
    "user": ("ผู้ใช้", "user"), "files": ("ไฟล์", "files"), "file": ("ไฟล์", "file"),
    "name": ("ชื่อ", "name"), "size": ("ขนาด", "size"), "bytes": ("ข้อมูลที่ส่ง", "data sent"),
    "result": ("ผล", "result"), "detail": ("รายละเอียด", "detail"),
    "archive": ("ที่เก็บสำเนา", "archive"), "rows": ("จำนวนแถว", "rows"),
    "before": ("ก่อนวันที่", "before"), "lines": ("บรรทัด", "lines"),
    "malformed": ("บรรทัดที่อ่านไม่ได้", "malformed lines"), "site": ("เว็บไซต์", "site"),
    "page_views": ("การเปิดดูหน้าเว็บ", "page views"), "responses": ("ผู้ตอบ", "responses"),
    "skipped_rows": ("แถวที่ข้าม", "rows skipped"), "category": ("หมวดหมู่", "category"),
    "manifest_hash": ("ค่าแฮชเนื้อหา", "content hash"), "step": ("ขั้นที่", "step"),
    "decision": ("ผลการพิจารณา", "decision"), "username": ("ชื่อผู้ใช้", "user name"),
    "roles": ("บทบาท", "roles"), "operation": ("งาน", "operation"),
}
RESULTS = {"ok": ("สำเร็จ", "succeeded"), "failed": ("ไม่สำเร็จ", "failed"),
           "error": ("ขัดข้อง", "error")}
OPERATIONS = {"publish": ("เผยแพร่", "publish"), "takedown": ("นำลง", "take down")}


def action_label(action: str, lang: str) -> str:
    text = audit_label(action, lang)
    if text != action:
        return text
    if action in EXTRA_ACTIONS:
        thai, english = EXTRA_ACTIONS[action]
        return thai if lang == "th" else english
    return action.replace("_", " ")


def byte_text(count: Any, lang: str) -> str:
    """The exact count, and the size as people read it: ``5,452,595 ไบต์ (5.2 MB)``."""
    try:
        number = int(count)
    except (TypeError, ValueError):
        return str(count)
    unit = "ไบต์" if lang == "th" else "bytes"
    if number < 1024:
        return f"{number:,} {unit}"
    return f"{number:,} {unit} ({format_size(number, lang)})"


def _pick(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    if pair is None:
        return key.replace("_", " ")
    return pair[0] if lang == "th" else pair[1]


def _value(key: str, value: Any, lang: str) -> str:
    if key == "bytes":
        return byte_text(value, lang)
    if key == "result" and isinstance(value, str) and value in RESULTS:
        return _pick(RESULTS, value, lang)
    if key == "operation" and isinstance(value, str) and value in OPERATIONS:
        return _pick(OPERATIONS, value, lang)
    if isinstance(value, list):
        return ", ".join(_value(key, v, lang) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(k, v, lang)}" for k, v in value.items())
    if value is None:
        return "-"
    return str(value)


def _state(value: Any, lang: str) -> str:
    try:
        return label(RequestState(str(value)), lang)
    except ValueError:
        return str(value)


def describe(action: str, details: Any, lang: str = "th") -> str:
    """Details as a readable sentence (labels in ``lang``), not JSON."""
    if details in (None, "", {}):
        return ""
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return details
    if not isinstance(details, dict):
        return str(details)
    parts: list[str] = []
    rest = dict(details)
    if "from" in rest and "to" in rest:
        parts.append(f"{_state(rest.pop('from'), lang)} → {_state(rest.pop('to'), lang)}")
    if action == "sftp_session":
        where = f"{rest.pop('user', '')}@{rest.pop('host', '')}:{rest.pop('port', '')}"
        start, end = rest.pop("start", ""), rest.pop("end", "")
        parts.append(f"{_value('operation', rest.pop('operation', ''), lang)} "
                     f"{rest.pop('server', '')} ({where})")
        parts.append(_value("result", rest.pop("result", ""), lang))
        if start or end:
            parts.append(f"{str(start).replace('T', ' ')} – {str(end).replace('T', ' ')}")
    for key, value in rest.items():
        if value in ("", None, [], {}):
            continue
        parts.append(f"{_pick(KEY_LABELS, key, lang)}: {_value(key, value, lang)}")
    return "; ".join(p for p in parts if p.strip())
