"""Ready-to-send notices to the information owner (seed 002: the owner is told the outcome,
with the reason when refused), in polite official Thai and in English.

Built from plain values only: copy :meth:`Notice.as_text` to the clipboard, or hand the
notice to ``desktop.reports.mailer.send_notice``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.errors import ValidationFailed
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.request import PublicationRequest
from desktop.domain.thai_dates import format_english_date, format_thai_date


class NoticeRuleMessage(MessageCode):
    NOTICE_REASON_REQUIRED = (
        "notice_reason_required",
        "กรุณาระบุเหตุผลสำหรับหนังสือแจ้ง{kind}",
        "Please give the reason for the “{kind}” notice.",
    )
    NOTICE_URL_REQUIRED = (
        "notice_url_required",
        "กรุณาระบุที่อยู่เว็บ (URL) ของข้อมูลที่เผยแพร่แล้ว",
        "Please give the web address (URL) of the published information.",
    )



class NoticeKind(StrEnum):
    RETURNED = "returned"
    REJECTED = "rejected"
    APPROVED = "approved"
    PUBLISHED = "published"


NOTICE_KIND_LABELS: dict[NoticeKind, tuple[str, str]] = {
    NoticeKind.RETURNED: ("ส่งกลับแก้ไข", "returned for changes"),
    NoticeKind.REJECTED: ("ไม่อนุมัติ", "not approved"),
    NoticeKind.APPROVED: ("อนุมัติ", "approved"),
    NoticeKind.PUBLISHED: ("เผยแพร่แล้ว", "published"),
}


@dataclass(frozen=True)
class NoticeFacts:
    """Everything a notice says; all plain values."""

    kind: NoticeKind
    reference: str
    title: str
    requester_name: str = ""
    unit: str = ""
    requester_email: str = ""
    reason: str = ""
    url: str = ""
    received_on: date | None = None
    decided_on: date | None = None  # the day of the decision or of publication
    agency_name: str = ""
    sender_name: str = ""
    sender_position: str = ""
    contact: str = ""  # e.g. "โทร 0 5471 0000 ต่อ 12 / webmaster@example.go.th"


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    lang: str
    subject: str
    body: str
    to: str = ""

    def as_text(self) -> str:
        """Subject and body, for the clipboard."""
        return f"{self.subject}\n\n{self.body}"


def notice_facts_from(request: PublicationRequest, kind: NoticeKind, *, reason: str = "",
                      url: str = "", decided_on: date | None = None, agency_name: str = "",
                      sender_name: str = "", sender_position: str = "",
                      contact: str = "") -> NoticeFacts:
    """The facts of a notice about ``request`` (the URL defaults to its public URL)."""
    return NoticeFacts(
        kind=kind, reference=request.reference, title=request.title,
        requester_name=request.requester.name, unit=request.requester.unit,
        requester_email=request.requester.email, reason=reason,
        url=url or request.public_url,
        received_on=request.received_at.date() if request.received_at else None,
        decided_on=decided_on, agency_name=agency_name, sender_name=sender_name,
        sender_position=sender_position, contact=contact)


def _check(facts: NoticeFacts) -> None:
    if facts.kind in (NoticeKind.RETURNED, NoticeKind.REJECTED) and not facts.reason.strip():
        thai, english = NOTICE_KIND_LABELS[facts.kind]
        raise ValidationFailed(NoticeRuleMessage.NOTICE_REASON_REQUIRED,
                               kind=Localized(thai, english),
                               names=["reason"])
    if facts.kind == NoticeKind.PUBLISHED and not facts.url.strip():
        raise ValidationFailed(NoticeRuleMessage.NOTICE_URL_REQUIRED, names=["url"])


def build_notice(facts: NoticeFacts, lang: str = "th") -> Notice:
    """The notice in Thai (``"th"``) or English (``"en"``)."""
    _check(facts)
    subject, body = (_thai if lang == "th" else _english)(facts)
    return Notice(facts.kind, lang, subject, body, facts.requester_email)


def build_bilingual_notice(facts: NoticeFacts) -> Notice:
    """Thai first, then English, in one message."""
    thai, english = build_notice(facts, "th"), build_notice(facts, "en")
    return Notice(facts.kind, "th+en", f"{thai.subject} / {english.subject}",
                  f"{thai.body}\n\n{'-' * 40}\n\n{english.body}", facts.requester_email)


# -- Thai ------------------------------------------------------------------------------------

_THAI_SUBJECTS: dict[NoticeKind, str] = {
    NoticeKind.RETURNED: "ขอให้แก้ไขข้อมูลที่ขอเผยแพร่ผ่านเว็บไซต์",
    NoticeKind.REJECTED: "แจ้งผลการพิจารณาคำขอเผยแพร่ข้อมูลผ่านเว็บไซต์ (ไม่อนุมัติ)",
    NoticeKind.APPROVED: "แจ้งผลการพิจารณาคำขอเผยแพร่ข้อมูลผ่านเว็บไซต์ (อนุมัติ)",
    NoticeKind.PUBLISHED: "แจ้งการเผยแพร่ข้อมูลผ่านเว็บไซต์เรียบร้อยแล้ว",
}


def _thai(f: NoticeFacts) -> tuple[str, str]:
    subject = f"{_THAI_SUBJECTS[f.kind]}" + (f" เลขที่ {f.reference}" if f.reference else "")
    addressee = f.requester_name or "ผู้รับผิดชอบการให้ข้อมูล"
    if f.unit:
        addressee = f"{addressee} ({f.unit})"
    received = f" เมื่อวันที่ {format_thai_date(f.received_on)}" if f.received_on else ""
    decided = f" เมื่อวันที่ {format_thai_date(f.decided_on)}" if f.decided_on else ""
    ref_text = f" (เลขที่คำขอ {f.reference})" if f.reference else ""
    opening = (f"ตามที่ท่านได้ขอเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน เรื่อง “{f.title}”"
               f"{ref_text}{received} นั้น")
    closing = "จึงเรียนมาเพื่อโปรดทราบ"
    if f.kind == NoticeKind.RETURNED:
        middle = [f"ผู้ดูแลเว็บไซต์ได้ตรวจสอบแล้ว{decided} "
                  "ขอความกรุณาท่านแก้ไขหรือเพิ่มเติมข้อมูล ดังนี้",
                  _indent(f.reason),
                  "เมื่อแก้ไขเรียบร้อยแล้ว ขอได้โปรดส่งข้อมูลกลับมาเพื่อดำเนินการต่อไป"]
        closing = "จึงเรียนมาเพื่อโปรดทราบและดำเนินการ"
    elif f.kind == NoticeKind.REJECTED:
        middle = [f"ผู้มีอำนาจได้พิจารณาแล้ว{decided} ไม่อนุมัติให้เผยแพร่ข้อมูลดังกล่าว เนื่องจาก",
                  _indent(f.reason),
                  "หากท่านประสงค์จะขอเผยแพร่ข้อมูลอีกครั้ง "
                  "ขอได้โปรดปรับปรุงตามเหตุผลข้างต้นและยื่นคำขอใหม่"]
    elif f.kind == NoticeKind.APPROVED:
        middle = [f"ผู้มีอำนาจได้พิจารณาแล้ว{decided} อนุมัติให้เผยแพร่ข้อมูลดังกล่าว "
                  "ผู้ดูแลเว็บไซต์จะดำเนินการนำข้อมูลขึ้นเผยแพร่ "
                  "และจะแจ้งให้ท่านทราบอีกครั้งเมื่อเผยแพร่เรียบร้อยแล้ว"]
    else:
        middle = [f"ผู้ดูแลเว็บไซต์ได้นำข้อมูลขึ้นเผยแพร่บนเว็บไซต์ของหน่วยงานเรียบร้อยแล้ว{decided} "
                  "ท่านสามารถเข้าดูได้ที่",
                  _indent(f.url),
                  "ขอความกรุณาท่านตรวจสอบความถูกต้องของข้อมูล "
                  "หากพบข้อผิดพลาดโปรดแจ้งกลับโดยเร็ว"]
    signature = _lines(f.sender_name, f.sender_position, f.agency_name, f.contact)
    parts = [f"เรียน {addressee}", opening, *middle, closing, "ขอแสดงความนับถือ"]
    body = "\n\n".join(parts) + ("\n\n" + signature if signature else "")
    return subject, body


# -- English ---------------------------------------------------------------------------------

_ENGLISH_SUBJECTS: dict[NoticeKind, str] = {
    NoticeKind.RETURNED: "Changes needed to your request to publish on the website",
    NoticeKind.REJECTED: "Your request to publish on the website was not approved",
    NoticeKind.APPROVED: "Your request to publish on the website was approved",
    NoticeKind.PUBLISHED: "Your information is now published on the website",
}


def _english(f: NoticeFacts) -> tuple[str, str]:
    ref = f" (request {f.reference})" if f.reference else ""
    subject = f"{_ENGLISH_SUBJECTS[f.kind]}{ref}"
    name = f.requester_name or "information provider"
    when = f" on {format_english_date(f.received_on)}" if f.received_on else ""
    on = f" on {format_english_date(f.decided_on)}" if f.decided_on else ""
    number = f" {f.reference}" if f.reference else ""
    opening = f"Regarding your request{number} to publish “{f.title}” on the agency's website"
    opening += f", received{when}:" if when else ":"
    if f.kind == NoticeKind.RETURNED:
        middle = [f"The webmaster reviewed it{on} and asks you to change or complete the "
                  "following:", _indent(f.reason),
                  "Please send the corrected information back so that we can continue."]
    elif f.kind == NoticeKind.REJECTED:
        middle = [f"The approver considered it{on} and did not approve publication, "
                  "for this reason:", _indent(f.reason),
                  "If you wish to publish it, please address the reason above and file a "
                  "new request."]
    elif f.kind == NoticeKind.APPROVED:
        middle = [f"It was approved for publication{on}. The webmaster will publish it and "
                  "let you know when it is online."]
    else:
        middle = [f"It was published on the agency's website{on}. You can see it at:",
                  _indent(f.url),
                  "Please check that it is correct and tell us promptly of any error."]
    signature = _lines(f.sender_name, f.sender_position, f.agency_name, f.contact)
    parts = [f"Dear {name},", opening, *middle, "Yours sincerely,"]
    body = "\n\n".join(parts) + ("\n\n" + signature if signature else "")
    return subject, body


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.strip().splitlines())


def _lines(*values: str) -> str:
    return "\n".join(v for v in values if v)
