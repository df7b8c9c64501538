"""``webdesk db check``: is this PC's database ready for work — reachable, at this version's
schema, with the roles and grants of a shared PostgreSQL (docs/postgresql.md), its audit
triggers, change notifications and search index, and a clock that agrees with this PC's?

Each finding is a :class:`Check` with a Thai and an English line; nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.messages import Localized
from desktop.services.context import AppContext
from desktop.store import db_health
from desktop.store.change_feed import notification_round_trip
from desktop.store.db_clock import server_time
from desktop.store.migrate import current_revision, head_revision

CLOCK_TOLERANCE_SECONDS = 30.0


@dataclass(frozen=True)
class Check:
    key: str
    ok: bool
    text: Localized


def _check(key: str, ok: bool, th: str, en: str) -> Check:
    return Check(key, ok, Localized(th, en))


def check_database(ctx: AppContext, app_role: str | None = None) -> list[Check]:
    url = ctx.paths.database_url
    where = db_health.describe_url
    try:
        found = db_health.facts(ctx.db.engine)
    except Exception as error:  # noqa: BLE001 - whatever the driver says, shown plainly
        detail = " ".join(str(getattr(error, "orig", None) or error).split())[:300]
        return [_check("connection", False, f"เชื่อมต่อฐานข้อมูล {where(url)} ไม่ได้: {detail}",
                       f"cannot connect to {where(url)}: {detail}")]
    who = f" ({found.user})" if found.user else ""
    checks = [_check("connection", True, f"เชื่อมต่อได้: {found.version} ที่ {where(url)}{who}",
                     f"connected: {found.version} at {where(url)}{who}"),
              _schema(ctx)]
    if found.kind == "sqlite":
        checks.append(_check("integrity", found.integrity == "ok",
                             f"ตรวจความสมบูรณ์ของแฟ้มฐานข้อมูล: {found.integrity}",
                             f"database file integrity: {found.integrity}"))
    else:
        checks += [_roles(ctx, found, app_role), _triggers(found), _clock(ctx), _live(url)]
    checks.append(_check("search", found.search_index,
                         "ดัชนีค้นหาข้อความ (ภาษาไทย): " + ("มี" if found.search_index else
                                                             "ไม่มี — สั่ง webdesk db upgrade"),
                         "text search index (Thai): " + ("present" if found.search_index else
                                                         "missing — run webdesk db upgrade")))
    return checks


def _schema(ctx: AppContext) -> Check:
    current, head = current_revision(ctx.db), head_revision()
    if current == head:
        return _check("schema", True, f"โครงสร้างฐานข้อมูลเป็นรุ่นปัจจุบัน ({head})",
                      f"schema is current ({head})")
    return _check("schema", False,
                  f"โครงสร้างฐานข้อมูลรุ่น {current or '(ว่าง)'} โปรแกรมนี้ใช้รุ่น {head}: "
                  "ให้เจ้าของฐานข้อมูลสั่ง webdesk db upgrade",
                  f"schema is at {current or '(empty)'}, this WebDesk needs {head}: the "
                  "database owner runs webdesk db upgrade")


def _roles(ctx: AppContext, found: db_health.ServerFacts, app_role: str | None) -> Check:
    if app_role:
        from desktop.store.pg_roles import valid_role_name

        if not valid_role_name(app_role):
            return _check("roles", False, f"ชื่อบทบาท {app_role} ไม่ถูกต้อง",
                          f"not a role name: {app_role}")
        found = db_health.role_facts(ctx.db.engine, found, app_role)
    elif found.user == found.owner:
        return _check("roles", True,
                      f"เชื่อมต่อในบทบาทเจ้าของ ({found.owner}): ใช้สำหรับ db upgrade เท่านั้น "
                      "เครื่องทำงานควรใช้บทบาทของโปรแกรม (ตรวจด้วย --app-role ชื่อบทบาท)",
                      f"connected as the owner ({found.owner}): for db upgrade only; the PCs "
                      "should use the application's role (check it with --app-role NAME)")
    role = app_role or found.user
    if found.audit_rewrites or found.missing_rights:
        rewrites = ", ".join(sorted(found.audit_rewrites)) or "-"
        missing = "; ".join(f"{t}: {', '.join(sorted(r))}"
                            for t, r in sorted(found.missing_rights.items())) or "-"
        return _check("roles", False,
                      f"สิทธิ์ของบทบาท {role} ไม่ถูกต้อง: แก้/ลบบันทึกตรวจสอบได้ ({rewrites}); "
                      f"ขาดสิทธิ์ ({missing}) — ให้เจ้าของสั่ง webdesk db upgrade "
                      f"--grant-app-role {role}",
                      f"the rights of {role} are wrong: may rewrite audit rows ({rewrites}); "
                      f"lacks ({missing}) — the owner runs webdesk db upgrade "
                      f"--grant-app-role {role}")
    return _check("roles", True,
                  f"บทบาท {role}: ทำงานได้ครบ บันทึกตรวจสอบเพิ่มได้อย่างเดียว (แก้/ลบไม่ได้)",
                  f"role {role}: may do its work; audit rows insert-only (no update/delete)")


def _triggers(found: db_health.ServerFacts) -> Check:
    missing = sorted(set(db_health.EXPECTED_TRIGGERS) - found.triggers)
    if missing:
        return _check("triggers", False,
                      f"ไม่มีทริกเกอร์ {', '.join(missing)} — สั่ง webdesk db upgrade",
                      f"triggers missing: {', '.join(missing)} — run webdesk db upgrade")
    return _check("triggers", True, "บันทึกตรวจสอบแก้ไม่ได้ (ทริกเกอร์) และแจ้งการเปลี่ยนแปลงได้",
                  "audit tables append-only (triggers); changes are notified")


def _clock(ctx: AppContext) -> Check:
    try:
        measured = server_time(ctx.db.engine)
    except Exception as error:  # noqa: BLE001
        return _check("clock", False, f"อ่านเวลาของเซิร์ฟเวอร์ไม่ได้: {error}",
                      f"cannot read the server's clock: {error}")
    seconds = measured.skew.total_seconds()
    ahead_th = "เร็วกว่า" if seconds > 0 else "ช้ากว่า"
    ahead_en = "ahead of" if seconds > 0 else "behind"
    ok = abs(seconds) <= CLOCK_TOLERANCE_SECONDS
    advice_th = "" if ok else " — WebDesk ลงเวลาตามนาฬิกาเซิร์ฟเวอร์ แต่ควรตั้งนาฬิกาเครื่องนี้ให้ตรง"
    advice_en = "" if ok else (" — WebDesk dates its records by the server's clock, but set "
                               "this PC's clock right")
    return _check("clock", ok,
                  f"นาฬิกาเครื่องนี้{ahead_th}เซิร์ฟเวอร์ {abs(seconds):.1f} วินาที{advice_th}",
                  f"this PC's clock is {abs(seconds):.1f} s {ahead_en} the server's{advice_en}")


def _live(url: str) -> Check:
    ok = notification_round_trip(url)
    return _check("live", ok,
                  "การแจ้งการเปลี่ยนแปลงไปยังเครื่องอื่น (LISTEN/NOTIFY): " + (
                      "ใช้ได้" if ok else "ใช้ไม่ได้"),
                  "change notifications to other PCs (LISTEN/NOTIFY): " + (
                      "working" if ok else "not working"))
