"""The pre-publish checklist shown beside the preview.

Each check is *Required* (a failure blocks sending to approval and publishing), *Recommended*
(a failure warns) or *off*, configurable per category with :class:`ChecklistConfig`::

    config = ChecklistConfig.from_dict({"levels": {"summary_present": "required"},
                                        "categories": {"pr_news": {"expiry_date": "required"}}})
    items = run_checklist(request, ChecklistInput(verdicts=..., required_fields=...), config)
    if blocking(items): ...
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.file_policy import Verdict
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.personal_data import PersonalDataFinding
from desktop.domain.request import PublicationRequest, field_label, missing_fields
from desktop.domain.sizes import format_size

MIB = 1024 * 1024
_URL = re.compile(r"^https?://[A-Za-z0-9\-._~%]+(?::\d{1,5})?(?:[/?#][^\s<>\"]*)?$",
                  re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()]+", re.IGNORECASE)
_IMAGE_KINDS = ("jpg", "jpeg", "png", "image")


class ChecklistLevel(enum.StrEnum):
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    OFF = "off"


class CheckCode(enum.StrEnum):
    TITLE_LENGTH = "title_length"
    SUMMARY_PRESENT = "summary_present"
    CATEGORY_FIELDS = "category_fields"
    IMAGE_ALT_TEXT = "image_alt_text"
    FILE_POLICY = "file_policy"
    EXPIRY_DATE = "expiry_date"
    LINK_FORMAT = "link_format"
    PAGE_WEIGHT = "page_weight"
    PERSONAL_DATA = "personal_data"


DEFAULT_LEVELS: dict[str, ChecklistLevel] = {
    CheckCode.TITLE_LENGTH: ChecklistLevel.REQUIRED,
    CheckCode.SUMMARY_PRESENT: ChecklistLevel.RECOMMENDED,
    CheckCode.CATEGORY_FIELDS: ChecklistLevel.REQUIRED,
    CheckCode.IMAGE_ALT_TEXT: ChecklistLevel.REQUIRED,
    CheckCode.FILE_POLICY: ChecklistLevel.REQUIRED,
    CheckCode.EXPIRY_DATE: ChecklistLevel.RECOMMENDED,
    CheckCode.LINK_FORMAT: ChecklistLevel.REQUIRED,
    CheckCode.PAGE_WEIGHT: ChecklistLevel.RECOMMENDED,
    CheckCode.PERSONAL_DATA: ChecklistLevel.REQUIRED,
}

class ChecklistRuleMessage(MessageCode):
    CHECKLIST_CONFIG_INVALID = (
        "checklist_config_invalid",
        "การตั้งค่ารายการตรวจสอบไม่ถูกต้อง: {field}",
        "The checklist settings are not valid: {field}",
    )



@dataclass(frozen=True)
class ChecklistConfig:
    """Levels per check, overridden per category code; limits for title and page weight."""

    levels: dict[str, ChecklistLevel] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    categories: dict[str, dict[str, ChecklistLevel]] = field(default_factory=dict)
    title_min_chars: int = 10
    title_max_chars: int = 200
    max_page_bytes: int = 10 * MIB

    def level(self, code: str, category: str = "", subcategory: str = "") -> ChecklistLevel:
        level = self.levels.get(code, DEFAULT_LEVELS.get(code, ChecklistLevel.RECOMMENDED))
        for key in (category, subcategory):
            if key and code in self.categories.get(key, {}):
                level = self.categories[key][code]
        return level

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChecklistConfig:
        """Admin-edited JSON: ``{"levels": {code: level}, "categories": {cat: {code: level}},
        "title_min_chars": n, "title_max_chars": n, "max_page_bytes": n}``."""
        if not isinstance(data, dict):
            raise UserError(ChecklistRuleMessage.CHECKLIST_CONFIG_INVALID, field="(root)")
        levels = dict(DEFAULT_LEVELS)
        levels.update(_parse_levels(data.get("levels", {}), "levels"))
        categories = {str(cat): _parse_levels(value, f"categories.{cat}")
                      for cat, value in dict(data.get("categories", {})).items()}
        numbers: dict[str, int] = {}
        for key in ("title_min_chars", "title_max_chars", "max_page_bytes"):
            if key in data:
                value = data[key]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise UserError(ChecklistRuleMessage.CHECKLIST_CONFIG_INVALID, field=key)
                numbers[key] = value
        return cls(levels=levels, categories=categories, **numbers)


def _parse_levels(value: Any, where: str) -> dict[str, ChecklistLevel]:
    if not isinstance(value, dict):
        raise UserError(ChecklistRuleMessage.CHECKLIST_CONFIG_INVALID, field=where)
    parsed: dict[str, ChecklistLevel] = {}
    for code, level in value.items():
        if code not in DEFAULT_LEVELS:
            raise UserError(ChecklistRuleMessage.CHECKLIST_CONFIG_INVALID, field=f"{where}.{code}")
        try:
            parsed[code] = ChecklistLevel(str(level))
        except ValueError:
            raise UserError(ChecklistRuleMessage.CHECKLIST_CONFIG_INVALID,
                            field=f"{where}.{code}") from None
    return parsed


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    level: ChecklistLevel
    passed: bool
    message: Localized
    details: tuple[Localized, ...] = ()

    @property
    def blocks(self) -> bool:
        return self.level is ChecklistLevel.REQUIRED and not self.passed


@dataclass(frozen=True)
class ChecklistInput:
    """What the checks need besides the request.

    ``verdicts``: the file policy's verdict on every file; ``required_fields``: the category's
    (``CategoryCatalogue.required_fields``); ``personal_data``: findings of the PDPA scan over the
    body and the attachments' text; ``page_bytes``: total bytes the page will upload (page HTML
    plus web copies and files) — ``None`` sums the attachments' sizes.
    """

    verdicts: Sequence[Verdict] = ()
    required_fields: tuple[str, ...] = ()
    personal_data: Sequence[PersonalDataFinding] = ()
    page_bytes: int | None = None


def blocking(items: Sequence[ChecklistItem]) -> bool:
    """True when a Required item failed: sending to approval and publishing must stop."""
    return any(item.blocks for item in items)


def run_checklist(request: PublicationRequest, given: ChecklistInput,
                  config: ChecklistConfig | None = None) -> list[ChecklistItem]:
    config = config or ChecklistConfig()
    checks = (
        (CheckCode.TITLE_LENGTH, _title_length),
        (CheckCode.SUMMARY_PRESENT, _summary_present),
        (CheckCode.CATEGORY_FIELDS, _category_fields),
        (CheckCode.IMAGE_ALT_TEXT, _image_alt_text),
        (CheckCode.FILE_POLICY, _file_policy),
        (CheckCode.EXPIRY_DATE, _expiry_date),
        (CheckCode.LINK_FORMAT, _link_format),
        (CheckCode.PAGE_WEIGHT, _page_weight),
        (CheckCode.PERSONAL_DATA, _personal_data),
    )
    items = []
    for code, check in checks:
        level = config.level(code, request.category, request.subcategory)
        if level is ChecklistLevel.OFF:
            continue
        passed, message, details = check(request, given, config)
        items.append(ChecklistItem(str(code), level, passed, message, tuple(details)))
    return items


_Result = tuple[bool, Localized, list[Localized]]


def _title_length(request: PublicationRequest, given: ChecklistInput,
                  config: ChecklistConfig) -> _Result:
    length = len(request.title.strip())
    low, high = config.title_min_chars, config.title_max_chars
    if length < low:
        return False, Localized(f"หัวข้อสั้นเกินไป ({length} ตัวอักษร ควรมีอย่างน้อย {low})",
                                f"The title is too short ({length} characters, at least {low})"), []
    if length > high:
        return False, Localized(f"หัวข้อยาวเกินไป ({length} ตัวอักษร ไม่ควรเกิน {high})",
                                f"The title is too long ({length} characters, at most {high})"), []
    return True, Localized(f"ความยาวหัวข้อเหมาะสม ({length} ตัวอักษร)",
                           f"Title length is fine ({length} characters)"), []


def _summary_present(request: PublicationRequest, given: ChecklistInput,
                     config: ChecklistConfig) -> _Result:
    if request.summary.strip():
        return True, Localized("มีรายละเอียดโดยย่อ", "A summary is present"), []
    return False, Localized("ยังไม่มีรายละเอียดโดยย่อ", "There is no summary"), []


def _category_fields(request: PublicationRequest, given: ChecklistInput,
                     config: ChecklistConfig) -> _Result:
    missing = [name for name in missing_fields(request, given.required_fields)
               if name in given.required_fields]
    if not missing:
        return True, Localized("ข้อมูลที่หมวดหมู่กำหนดครบถ้วน",
                               "Every field the category requires is filled in"), []
    labels = [field_label(name) for name in missing]
    return False, Localized("ข้อมูลที่หมวดหมู่กำหนดยังไม่ครบ: " + ", ".join(x.th for x in labels),
                            "Fields the category requires are missing: "
                            + ", ".join(x.en for x in labels)), labels


def _image_alt_text(request: PublicationRequest, given: ChecklistInput,
                    config: ChecklistConfig) -> _Result:
    images = [a for a in request.attachments
              if a.kind.lower() in _IMAGE_KINDS or a.media_type.startswith("image/")]
    lacking = [a.display_name for a in images if not a.alt_text.strip()]
    if not lacking:
        return True, Localized(f"ภาพทุกภาพมีข้อความแทนภาพ ({len(images)} ภาพ)",
                               f"Every image has alt text ({len(images)} images)"), []
    return False, Localized(f"ภาพ {len(lacking)} ภาพยังไม่มีข้อความแทนภาพ (alt text)",
                            f"{len(lacking)} images have no alt text"), \
        [Localized(name, name) for name in lacking]


def _file_policy(request: PublicationRequest, given: ChecklistInput,
                 config: ChecklistConfig) -> _Result:
    refused = [v for v in given.verdicts if not v.accepted]
    count = len(given.verdicts)
    if not refused:
        return True, Localized(f"ไฟล์ทุกไฟล์ผ่านนโยบายไฟล์ ({count} ไฟล์)",
                               f"Every file passes the file policy ({count} files)"), []
    details = [Localized(f"{v.display_name}: {v.reason('th')}",
                         f"{v.display_name}: {v.reason('en')}") for v in refused]
    return False, Localized(f"ไฟล์ {len(refused)} ไฟล์ไม่ผ่านนโยบายไฟล์",
                            f"{len(refused)} files fail the file policy"), details


def _expiry_date(request: PublicationRequest, given: ChecklistInput,
                 config: ChecklistConfig) -> _Result:
    if request.expiry_date is not None:
        return True, Localized("กำหนดวันที่นำลงแล้ว", "An expiry (takedown) date is set"), []
    return False, Localized("ยังไม่ได้กำหนดวันที่นำลง", "No expiry (takedown) date is set"), []


def _link_format(request: PublicationRequest, given: ChecklistInput,
                 config: ChecklistConfig) -> _Result:
    links = [request.external_link.strip()] if request.external_link.strip() else []
    links += [m.group(0).rstrip(".,;:") for m in _URL_IN_TEXT.finditer(request.body)]
    bad = [link for link in links if not _URL.match(link)]
    if not bad:
        return True, Localized(f"ลิงก์ถูกต้อง ({len(links)} ลิงก์)",
                               f"Links are well-formed ({len(links)} links)"), []
    return False, Localized(f"ลิงก์ไม่ถูกต้อง {len(bad)} ลิงก์", f"{len(bad)} links are malformed"), \
        [Localized(link, link) for link in bad]


def _page_weight(request: PublicationRequest, given: ChecklistInput,
                 config: ChecklistConfig) -> _Result:
    total = given.page_bytes if given.page_bytes is not None else \
        sum(a.size for a in request.attachments)
    shown, limit = format_size(total), format_size(config.max_page_bytes)
    if total <= config.max_page_bytes:
        return True, Localized(f"ขนาดรวมของหน้า {shown} (ไม่เกิน {limit})",
                               f"Total page weight {shown} (limit {limit})"), []
    return False, Localized(f"ขนาดรวมของหน้า {shown} เกินกว่า {limit}",
                            f"Total page weight {shown} is over {limit}"), []


def _personal_data(request: PublicationRequest, given: ChecklistInput,
                   config: ChecklistConfig) -> _Result:
    found = list(given.personal_data)
    if not found:
        return True, Localized("ไม่พบข้อมูลส่วนบุคคล (เลขบัตรประชาชน โทรศัพท์ อีเมล)",
                               "No personal data found (national IDs, phones, e-mails)"), []
    details = [Localized(f.describe("th"), f.describe("en")) for f in found]
    return False, Localized(f"พบข้อมูลส่วนบุคคล {len(found)} รายการ (PDPA)",
                            f"Personal data found: {len(found)} items (PDPA)"), details
