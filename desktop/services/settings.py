"""Everything an admin can configure, as one typed object: read, validated, saved.

Agency-wide settings live in the shared database (one transaction, audited, admins only);
this PC's own (shared-PC mode, idle lock, render cache, fast path, daily backup) in the
profile's settings.json.  :func:`problems` names every refused value with its reason in Thai
and English, so the dialog can say why beside the field; :func:`save_settings` saves all or
nothing.
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.file_policy import EXTENSION_KINDS, FilePolicy
from desktop.domain.messages import MessageCode, message_text
from desktop.domain.os_reasons import os_reason
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.services.context import AppContext
from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.store import audit, settings_rows

MIB = 1024 * 1024
MAX_FILES_CAP = 50          # files per request: the app's hard limit
MAX_LOGO_BYTES = 512 * 1024
HOLIDAY_YEARS = (2000, 2100)  # the years a holiday may be in (first, last)
ERAS = ("BE", "CE")
LANGUAGES = ("th", "en")
SMTP_SECURITY = ("starttls", "tls", "none")
REPORT_PERIODS = ("month", "quarter", "fiscal_year")
SHARED_KEYS = ["agency_name", "agency_name_en", "agency_logo", "site_era", "default_language",
               "file_policy", "sla", "holidays", "smtp", "report_defaults", "backup_keep",
               "webmaster_contact"]

class SettingsMessage(MessageCode):
    SETTINGS_REFUSED = (
        "settings_refused",
        "ยังบันทึกการตั้งค่าไม่ได้: {problems}",
        "The settings were not saved: {problems}",
    )
    SET_REQUIRED = (
        "set_required",
        "ต้องกรอก", "is required",
    )
    SET_TOO_LONG = (
        "set_too_long",
        "ยาวเกิน {max} ตัวอักษร", "is longer than {max} characters",
    )
    SET_RANGE = (
        "set_range",
        "ต้องอยู่ระหว่าง {low} ถึง {high}", "must be from {low} to {high}",
    )
    SET_FILES_CAP = (
        "set_files_cap",
        "ไม่เกิน {cap} ไฟล์ต่อคำขอ (ขีดจำกัดของโปรแกรม)",
        "at most {cap} files per request (the app's limit)",
    )
    SET_REQUEST_SMALLER = (
        "set_request_smaller",
        "ต้องไม่น้อยกว่าขนาดไฟล์สูงสุด ({file_mb} MB)",
        "must not be less than the largest file ({file_mb} MB)",
    )
    SET_NO_TYPES = (
        "set_no_types",
        "ต้องอนุญาตอย่างน้อยหนึ่งชนิดไฟล์", "must allow at least one file type",
    )
    SET_UNKNOWN_TYPE = (
        "set_unknown_type",
        "ไม่รู้จักชนิดไฟล์ {value}", "unknown file type {value}",
    )
    SET_CHOICE = (
        "set_choice",
        "ต้องเป็นค่าใดค่าหนึ่งใน {choices}", "must be one of {choices}",
    )
    SET_BAD_DATE = (
        "set_bad_date",
        "วันที่ {value} ไม่ถูกต้อง (ใช้รูปแบบ ปปปป-ดด-วว)",
        "{value} is not a date (use YYYY-MM-DD)",
    )
    SET_STEP_LONGER = (
        "set_step_longer",
        "ต้องไม่เกินกำหนดเผยแพร่ ({days} วันทำการ)",
        "must not exceed the publishing limit ({days} working days)",
    )
    SET_BAD_HOST = (
        "set_bad_host",
        "ชื่อเครื่อง {value} ไม่ถูกต้อง", "{value} is not a host name",
    )
    SET_BAD_EMAIL = (
        "set_bad_email",
        "อีเมล {value} ไม่ถูกต้อง", "{value} is not an e-mail address",
    )
    SET_LOGO = (
        "set_logo",
        "ต้องเป็นภาพ PNG หรือ JPEG ขนาดไม่เกิน 512 KB",
        "must be a PNG or JPEG image of at most 512 KB",
    )
    CATALOGUE_UNWRITABLE = (
        "catalogue_unwritable",
        "บันทึกรายการหมวดหมู่ลงใน {path} ไม่ได้: {detail}",
        "Cannot save the category catalogue to {path}: {detail}.",
    )
    CATALOGUE_UNREADABLE = (
        "catalogue_unreadable",
        "อ่านรายการหมวดหมู่ไม่ได้ จึงไม่ได้บันทึก ({detail})",
        "The category catalogue cannot be read, so it was not saved "
        "({detail}).",
    )


FIELD_LABELS: dict[str, tuple[str, str]] = {
    "agency_name": ("ชื่อหน่วยงาน (ไทย)", "agency name (Thai)"),
    "agency_name_en": ("ชื่อหน่วยงาน (อังกฤษ)", "agency name (English)"),
    "agency_logo": ("ตราสัญลักษณ์", "logo"), "era": ("ปีศักราช", "era"),
    "language": ("ภาษา", "language"), "max_file_mb": ("ขนาดไฟล์สูงสุด", "largest file"),
    "max_request_mb": ("ขนาดรวมต่อคำขอ", "total per request"),
    "max_files": ("จำนวนไฟล์ต่อคำขอ", "files per request"),
    "allowed_kinds": ("ชนิดไฟล์ที่อนุญาต", "allowed file types"),
    "publish_within_days": ("กำหนดเผยแพร่", "publish within"),
    "step_days": ("กำหนดต่อขั้นตอน", "each step within"), "holidays": ("วันหยุด", "holidays"),
    "smtp_host": ("เซิร์ฟเวอร์อีเมล", "mail server"), "smtp_port": ("พอร์ต", "port"),
    "smtp_security": ("การเข้ารหัส", "encryption"), "smtp_from": ("อีเมลผู้ส่ง", "sender"),
    "report_period": ("ช่วงเวลารายงาน", "report period"),
    "backup_keep": ("จำนวนไฟล์สำรองที่เก็บ", "backups kept"),
    "idle_minutes": ("ล็อกหน้าจอเมื่อไม่ใช้งาน", "idle lock"),
    "render_cache_mb": ("ขนาดแคช", "cache size"),
}


@dataclass(frozen=True)
class Problem:
    name: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "th") -> str:
        label = FIELD_LABELS.get(self.name, (self.name, self.name))
        shown = label[0] if lang == "th" else label[1][:1].upper() + label[1][1:]
        return f"{shown}: {message_text(self.code, lang, **self.params)}"


@dataclass(frozen=True)
class Settings:
    # the agency (shared)
    agency_name: str = ""
    agency_name_en: str = ""
    agency_logo: bytes | None = None
    era: str = "BE"
    language: str = "th"
    # files (shared)
    max_file_mb: int = FilePolicy().max_file_bytes // MIB
    max_request_mb: int = FilePolicy().max_request_bytes // MIB
    max_files: int = FilePolicy().max_files_per_request
    allowed_kinds: tuple[str, ...] = FilePolicy().allowed_kinds
    # time limits (shared): working days
    publish_within_days: int = 3
    step_days: int = 1
    holidays: tuple[str, ...] = ()
    # e-mail, reports, backups, notice text (shared)
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_from: str = ""
    smtp_from_name: str = ""
    report_period: str = "month"
    backup_keep: int = 14
    webmaster_contact: str = ""
    # this PC
    shared_pc: bool = False
    idle_minutes: int = 5
    lock_after_decision: bool = True
    render_cache: bool = True
    render_cache_mb: int = 500
    fast_path: bool = True
    daily_backup: bool = True


def load_settings(ctx: AppContext) -> Settings:
    """The settings as stored; a value that cannot be read (a database written behind the
    app's back, a hand-edited settings.json) reads as its default, so the admin can open the
    Settings dialog and save good values over it."""
    with ctx.db.read() as session:
        shared = settings_rows.get_many(session, SHARED_KEYS)
    pc = read_pc_settings(ctx.paths.settings_file)
    policy, sla, smtp = _part(shared, "file_policy"), _part(shared, "sla"), _part(shared, "smtp")
    base = FilePolicy()
    work, cache, fast = _part(pc, "workstation"), _part(pc, "render_cache"), _part(pc, "fast_path")
    d = Settings()
    idle = _number(work.get("idle_lock_seconds"), 300.0)
    return Settings(
        agency_name=str(shared.get("agency_name") or ""),
        agency_name_en=str(shared.get("agency_name_en") or ""),
        agency_logo=_logo(shared.get("agency_logo")),
        era=str(shared.get("site_era") or d.era),
        language=str(shared.get("default_language") or d.language),
        max_file_mb=int(_number(policy.get("max_file_bytes"), base.max_file_bytes)) // MIB,
        max_request_mb=int(_number(policy.get("max_request_bytes"),
                                   base.max_request_bytes)) // MIB,
        max_files=int(_number(policy.get("max_files_per_request"),
                              base.max_files_per_request)),
        allowed_kinds=_texts(policy.get("allowed_kinds", base.allowed_kinds)),
        publish_within_days=int(_number(sla.get("publish_within_days"),
                                        d.publish_within_days)),
        step_days=int(_number(sla.get("step_days"), d.step_days)),
        holidays=_texts(shared.get("holidays")),
        smtp_host=str(smtp.get("host", "")),
        smtp_port=int(_number(smtp.get("port"), d.smtp_port)),
        smtp_security=str(smtp.get("security", d.smtp_security)),
        smtp_username=str(smtp.get("username", "")),
        smtp_from=str(smtp.get("from_address", "")),
        smtp_from_name=str(smtp.get("from_name", "")),
        report_period=str(_part(shared, "report_defaults").get("period", d.report_period)),
        backup_keep=int(_number(shared.get("backup_keep") or d.backup_keep, d.backup_keep)),
        webmaster_contact=str(shared.get("webmaster_contact") or ""),
        shared_pc=bool(work.get("shared_pc", False)),
        idle_minutes=max(1, round((idle if idle > 0 else 300.0) / 60)),
        lock_after_decision=bool(work.get("lock_after_decision", True)),
        render_cache=bool(cache.get("enabled", True)),
        render_cache_mb=int(_number(cache.get("max_mb"), d.render_cache_mb)),
        fast_path=bool(fast.get("enabled", True)),
        daily_backup=bool(_part(pc, "backups").get("daily", True)))


def _number(value: object, default: float) -> float:
    """A finite number from a stored value, else ``default`` (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        number = float(value)
    except ValueError:
        return default
    return number if math.isfinite(number) else default


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _logo(value: object) -> bytes | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:          # binascii.Error is a ValueError
        return None


def _part(data: dict[str, object], key: str) -> dict[str, Any]:
    value = data.get(key)
    return dict(value) if isinstance(value, dict) else {}


_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def problems(s: Settings) -> list[Problem]:
    """Every value that cannot be saved, with its reason (empty: all good)."""
    found: list[Problem] = []

    def within(name: str, value: int, low: int, high: int) -> None:
        if not low <= value <= high:
            found.append(Problem(name, "set_range", {"low": low, "high": high}))

    if not s.agency_name.strip():
        found.append(Problem("agency_name", "set_required"))
    for name in ("agency_name", "agency_name_en"):
        if len(getattr(s, name)) > 200:
            found.append(Problem(name, "set_too_long", {"max": 200}))
    if s.agency_logo is not None and not _is_logo(s.agency_logo):
        found.append(Problem("agency_logo", "set_logo"))
    for name, value, choices in (("era", s.era, ERAS), ("language", s.language, LANGUAGES),
                                 ("smtp_security", s.smtp_security, SMTP_SECURITY),
                                 ("report_period", s.report_period, REPORT_PERIODS)):
        if value not in choices:
            found.append(Problem(name, "set_choice", {"choices": ", ".join(choices)}))
    within("max_file_mb", s.max_file_mb, 1, 2048)
    if s.max_files > MAX_FILES_CAP:
        found.append(Problem("max_files", "set_files_cap", {"cap": MAX_FILES_CAP}))
    else:
        within("max_files", s.max_files, 1, MAX_FILES_CAP)
    within("max_request_mb", s.max_request_mb, 1, 10240)
    if s.max_request_mb < s.max_file_mb:
        found.append(Problem("max_request_mb", "set_request_smaller", {"file_mb": s.max_file_mb}))
    if not s.allowed_kinds:
        found.append(Problem("allowed_kinds", "set_no_types"))
    for kind in s.allowed_kinds:
        if kind not in EXTENSION_KINDS:
            found.append(Problem("allowed_kinds", "set_unknown_type", {"value": kind}))
    within("publish_within_days", s.publish_within_days, 1, 30)
    within("step_days", s.step_days, 1, 10)
    if s.step_days > s.publish_within_days:
        found.append(Problem("step_days", "set_step_longer", {"days": s.publish_within_days}))
    for text in s.holidays:
        try:
            if not HOLIDAY_YEARS[0] <= date.fromisoformat(text).year <= HOLIDAY_YEARS[1]:
                raise ValueError(text)
        except ValueError:
            found.append(Problem("holidays", "set_bad_date", {"value": text}))
    if s.smtp_host and not _HOST.match(s.smtp_host):
        found.append(Problem("smtp_host", "set_bad_host", {"value": s.smtp_host}))
    within("smtp_port", s.smtp_port, 1, 65535)
    if s.smtp_host and not _EMAIL.match(s.smtp_from):
        found.append(Problem("smtp_from", "set_bad_email", {"value": s.smtp_from or "-"}))
    within("backup_keep", s.backup_keep, 1, 365)
    within("idle_minutes", s.idle_minutes, 1, 240)
    within("render_cache_mb", s.render_cache_mb, 10, 100_000)
    return found


def _is_logo(data: bytes) -> bool:
    png, jpeg = data.startswith(b"\x89PNG\r\n\x1a\n"), data.startswith(b"\xff\xd8\xff")
    return len(data) <= MAX_LOGO_BYTES and (png or jpeg)


def _shared_values(ctx: AppContext, s: Settings) -> dict[str, Any]:
    with ctx.db.read() as session:
        stored = settings_rows.get_many(session, ["file_policy"])
    policy = {**dict(stored.get("file_policy") or {}),
              "max_file_bytes": s.max_file_mb * MIB, "max_request_bytes": s.max_request_mb * MIB,
              "max_files_per_request": s.max_files, "allowed_kinds": list(s.allowed_kinds)}
    FilePolicy.from_dict(policy)                      # the domain's own check, too
    return {
        "agency_name": s.agency_name.strip(), "agency_name_en": s.agency_name_en.strip(),
        "agency_logo": base64.b64encode(s.agency_logo).decode() if s.agency_logo else "",
        "site_era": s.era, "default_language": s.language, "file_policy": policy,
        "sla": {"publish_within_days": s.publish_within_days, "step_days": s.step_days},
        "holidays": sorted(set(s.holidays)),
        "smtp": {"host": s.smtp_host.strip(), "port": s.smtp_port,
                 "security": s.smtp_security, "username": s.smtp_username.strip(),
                 "from_address": s.smtp_from.strip(), "from_name": s.smtp_from_name.strip()},
        "report_defaults": {"period": s.report_period}, "backup_keep": s.backup_keep,
        "webmaster_contact": s.webmaster_contact.strip()}


def save_settings(ctx: AppContext, actor: User | None, s: Settings) -> list[str]:
    """Check everything, then save everything (an admin; ``None`` only on an empty database,
    from the first-run wizard before the first account exists).  Returns the changed keys."""
    from desktop.services.actors import acting_in

    found = problems(s)
    if found:
        raise UserError(SettingsMessage.SETTINGS_REFUSED,
                        problems="; ".join(p.text(ctx.lang) for p in found))
    values = _shared_values(ctx, s)
    if actor is not None:
        with ctx.db.read() as session:          # refused before anything is written
            acting_in(session, actor, Role.ADMIN, now=ctx.now())
    before = read_pc_settings(ctx.paths.settings_file)
    _save_pc(ctx, s)          # first: a profile that cannot be written saves nothing at all
    try:
        with ctx.db.write() as session:
            if actor is not None:
                acting_in(session, actor, Role.ADMIN, now=ctx.now())
            changed = settings_rows.put_many(session, values)
            if changed:
                audit.append(session, action="settings_changed",
                             actor_id=actor.id if actor else None,
                             actor_name=actor.username if actor else "(first run)",
                             workstation=ctx.workstation, at=ctx.now(),
                             details={"keys": changed})
    except BaseException:
        for key in PC_KEYS:                      # this PC's part back as it was
            write_pc_setting(ctx.paths, key, before.get(key))
        raise
    return changed


PC_KEYS = ("workstation", "render_cache", "fast_path", "backups")


def _save_pc(ctx: AppContext, s: Settings) -> None:
    write_pc_setting(ctx.paths, "workstation", {
        "shared_pc": s.shared_pc, "idle_lock_seconds": s.idle_minutes * 60,
        "lock_after_decision": s.lock_after_decision})
    write_pc_setting(ctx.paths, "render_cache", {"enabled": s.render_cache,
                                                 "max_mb": s.render_cache_mb})
    write_pc_setting(ctx.paths, "fast_path", {"enabled": s.fast_path})
    write_pc_setting(ctx.paths, "backups", {"daily": s.daily_backup})


def with_changes(s: Settings, **changes: Any) -> Settings:
    return replace(s, **changes)


def as_dict(s: Settings) -> dict[str, Any]:
    data = asdict(s)
    data["agency_logo"] = bool(s.agency_logo)
    return data


def catalogue_json(ctx: AppContext) -> str:
    """The category catalogue in use (the profile's edited one, else the shipped one)."""
    return ctx.catalogue.to_json()


def save_catalogue(ctx: AppContext, actor: User | None, text: str) -> None:
    """An admin's edited catalogue (names, expiry days) for this profile; audited."""
    from desktop.domain.categories import CategoryCatalogue
    from desktop.services.actors import acting_in

    try:
        catalogue = CategoryCatalogue.from_json(text)   # refuses what it cannot read
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(SettingsMessage.CATALOGUE_UNREADABLE,
                        detail=f"{type(exc).__name__}: {exc}"[:200]
                        ) from None
    target = ctx.paths.home / "categories.json"
    part = target.with_name(target.name + ".part")
    try:
        with ctx.db.write() as session:
            if actor is not None:
                acting_in(session, actor, Role.ADMIN, now=ctx.now())
            audit.append(session, action="categories_changed",
                         actor_id=actor.id if actor else None,
                         actor_name=actor.username if actor else "(first run)",
                         workstation=ctx.workstation, at=ctx.now(),
                         details={"categories": len(catalogue.categories)})
            part.write_text(catalogue.to_json(), encoding="utf-8")   # recorded only if put
            part.chmod(0o600)                                       # in place
            part.replace(target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise UserError(SettingsMessage.CATALOGUE_UNWRITABLE,
                        path=str(target), detail=os_reason(exc)
                        ) from None
    ctx.catalogue = catalogue
