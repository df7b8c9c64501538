"""The catalogue of user-facing messages raised below the UI, in Thai and English.

Qt's translation system covers widget text; messages that come up from the services
(and are printed by the CLI) live here so that the Qt-free core can speak both languages.
Rooms add their own entries with :func:`register`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Localized:
    """A parameter value that itself has a Thai and an English form."""

    th: str
    en: str

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        return self.th if lang == "th" else self.en


_CATALOGUE: dict[str, dict[str, str]] = {}


class MessageCode(StrEnum):
    """Codes as enums, each with its Thai and English message, registered in the one
    catalogue when the class is made::

        class RequestMessage(MessageCode):
            STALE_EDIT = ("stale_edit", "คำขอ {reference} ถูกแก้ไขโดย ...", "{reference} was ...")

        raise UserError(RequestMessage.STALE_EDIT, reference=...)

    A member is a ``str`` (its code), so ``error.code == "stale_edit"`` still holds."""

    def __new__(cls, code: str, thai: str = "", english: str = "") -> MessageCode:
        member = str.__new__(cls, code)
        member._value_ = code
        if thai or english:
            _CATALOGUE[code] = {"th": thai or english, "en": english or thai}
        return member


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add messages: ``{code: (thai, english)}``."""
    for code, (thai, english) in entries.items():
        _CATALOGUE[code] = {"th": thai, "en": english}


def message_text(code: str, lang: str = "th", **params: Any) -> str:
    entry = _CATALOGUE.get(code)
    if entry is None:
        return code if not params else f"{code}: {params}"
    template = entry.get(lang) or entry["en"]
    values = {k: (v.text(lang) if isinstance(v, Localized) else
                  ", ".join(x.text(lang) if isinstance(x, Localized) else str(x) for x in v)
                  if isinstance(v, (list, tuple)) else v)
              for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


register({
    "illegal_transition": (
        "ไม่สามารถ{action}คำขอที่อยู่ในสถานะ “{state}” ได้",
        "Cannot {action} a request that is “{state}”.",
    ),
    "role_required": (
        "การ{action}ต้องใช้สิทธิ์ {roles}",
        "To {action} you need the role: {roles}.",
    ),
    "separation_of_duties": (
        "ผู้ที่ลงทะเบียนหรือตรวจสอบคำขอนี้ไม่สามารถอนุมัติคำขอเดียวกันได้ (แบ่งแยกหน้าที่)",
        "Whoever registered or checked this request cannot approve it (separation of duties).",
    ),
    "reason_required": (
        "กรุณาระบุเหตุผลในการ{action}",
        "Please give a reason to {action}.",
    ),
    "missing_fields": (
        "ข้อมูลยังไม่ครบ: {fields}",
        "Some information is missing: {fields}",
    ),
    "invalid_fields": (
        "ข้อมูลไม่ถูกต้อง: {fields}",
        "Some information is not valid: {fields}",
    ),
    "bad_credentials": (
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "Wrong user name or password.",
    ),
    "account_locked": (
        "บัญชีถูกล็อกชั่วคราวเนื่องจากใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่หลัง {until}",
        "The account is locked after too many wrong passwords. Try again after {until}.",
    ),
    "account_disabled": ("บัญชีนี้ถูกปิดใช้งาน", "This account is disabled."),
    "request_not_found": ("ไม่พบคำขอเลขที่ {request_id}", "Request {request_id} not found."),
    "user_not_found": ("ไม่พบผู้ใช้ {name}", "User {name} not found."),
    "user_exists": ("มีผู้ใช้ชื่อ {name} อยู่แล้ว", "A user named {name} already exists."),
    "weak_password": (
        "รหัสผ่านต้องยาวอย่างน้อย {min_length} ตัวอักษร",
        "The password must be at least {min_length} characters long.",
    ),
    "database_locked": (
        "ฐานข้อมูลกำลังถูกใช้งานโดยเครื่องอื่น กรุณาลองใหม่อีกครั้ง",
        "The database is busy (locked by another user). Please try again.",
    ),
    "database_missing": (
        "ไม่พบฐานข้อมูลที่ {location}",
        "No database at {location}.",
    ),
    "database_too_new": (
        "ฐานข้อมูลนี้สร้างโดย WebDesk รุ่นที่ใหม่กว่า (รุ่นโครงสร้าง {revision}) กรุณาปรับรุ่นโปรแกรม",
        "This database was made by a newer WebDesk (schema {revision}). Please update the app.",
    ),
    "database_unreachable": (
        "เชื่อมต่อฐานข้อมูลไม่ได้: {detail}",
        "Cannot connect to the database: {detail}",
    ),
    "database_corrupt": (
        "ไฟล์ฐานข้อมูลเสียหายหรือไม่ใช่ฐานข้อมูลของ WebDesk: {location}",
        "The database file is damaged or is not a WebDesk database: {location}",
    ),
    "blob_corrupt": (
        "ไฟล์แนบ {sha256} เสียหาย (ค่า SHA-256 ไม่ตรง)",
        "Attachment {sha256} is damaged (SHA-256 mismatch).",
    ),
    "audit_retention": (
        "ไม่สามารถลบบันทึกที่อายุน้อยกว่า {days} วันได้ (พ.ร.บ.คอมพิวเตอร์ฯ)",
        "Log records younger than {days} days cannot be purged (Computer-related Crime Act).",
    ),
    "admin_required": ("ต้องใช้สิทธิ์ผู้ดูแลระบบ", "This needs the admin role."),
    "bad_date": ("วันที่ไม่ถูกต้อง: {value}", "Not a valid date: {value}"),
})

register({
    "reauth_required": (
        "การตัดสินใจอนุมัติต้องยืนยันรหัสผ่านของผู้อนุมัติอีกครั้ง",
        "A sign-off decision needs the approver to re-enter their password.",
    ),
    "manifest_mismatch": (
        "เนื้อหาไม่ตรงกับที่ได้รับอนุมัติ (ค่าแฮชของรายการเนื้อหาไม่ตรง) จึงไม่สามารถเผยแพร่ได้",
        "The content differs from what was approved (manifest hash mismatch); "
        "it cannot be published.",
    ),
})
