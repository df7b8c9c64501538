"""How audit actions read in the history of a request and in exports."""

from __future__ import annotations

from desktop.domain.workflow import Action, label

AUDIT_LABELS: dict[str, tuple[str, str]] = {
    "request_registered": ("ลงทะเบียนคำขอ", "registered the request"),
    "request_edited": ("แก้ไขข้อมูลคำขอ", "edited the request"),
    "attachment_added": ("เพิ่มไฟล์แนบ", "added a file"),
    "attachment_replaced": ("แทนที่ไฟล์แนบ (เก็บฉบับเดิมไว้)", "replaced a file (old version kept)"),
    "attachment_removed": ("นำไฟล์แนบออก", "removed a file"),
    "attachments_reordered": ("จัดลำดับไฟล์แนบ", "reordered the files"),
    "attachment_text_edited": ("แก้ไขคำบรรยาย/ข้อความแทนภาพ", "edited a caption or alt text"),
    "sign_in": ("เข้าสู่ระบบ", "signed in"),
    "sign_out": ("ออกจากระบบ", "signed out"),
    "sign_in_failed": ("เข้าสู่ระบบไม่สำเร็จ", "failed sign-in"),
    "reauth_failed": ("ยืนยันรหัสผ่านไม่สำเร็จ", "failed password confirmation"),
    "user_created": ("เพิ่มผู้ใช้", "added a user"),
    "audit_purged": ("ลบบันทึกเก่า", "purged old log rows"),
}


def audit_label(action: str, lang: str = "th") -> str:
    if action.startswith("state:"):
        try:
            return label(Action(action.split(":", 1)[1]), lang)
        except ValueError:
            return action
    thai, english = AUDIT_LABELS.get(action, (action, action))
    return thai if lang == "th" else english
