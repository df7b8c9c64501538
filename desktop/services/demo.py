"""``webdesk seed-demo``: demo users and requests in every state, with generated sample files.

Only into an empty profile (or one it filled before: then nothing, or ``--reset``)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import TextIO

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode, message_text
from desktop.domain.request import Channel, PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Action, RequestState, Role, label
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.signoff import Decision, decide
from desktop.store.backup_restore import wipe_database

DEMO_USERS: tuple[tuple[str, str, set[Role], str, str], ...] = (
    ("admin", "admin-demo-1", {Role.ADMIN}, "ผู้ดูแลระบบ", "นักวิชาการคอมพิวเตอร์"),
    ("somchai", "somchai-demo-1", {Role.WEBMASTER}, "นายสมชาย ใจดี", "นักวิชาการคอมพิวเตอร์"),
    ("somsri", "somsri-demo-1", {Role.WEBMASTER}, "นางสมศรี มีสุข", "เจ้าพนักงานธุรการ"),
    ("director", "director-demo-1", {Role.APPROVER}, "นายแพทย์ประเสริฐ รักษ์ดี",
     "สาธารณสุขอำเภอ"),
    ("head", "head-demo-1", {Role.APPROVER, Role.WEBMASTER}, "นางวิไล ศรีสุข",
     "หัวหน้ากลุ่มงานบริหารทั่วไป"),
    # The unattended `takedown --due` (cron / Task Scheduler) signs in as this account.
    ("scheduler", "scheduler-demo-1", {Role.SCHEDULER}, "ระบบนำลงอัตโนมัติ", ""),
)

SAMPLES: tuple[tuple[str, str, str, str], ...] = (
    ("ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ ตำแหน่งนักวิชาการสาธารณสุข", "news", "jobs",
     "กลุ่มงานบริหารทั่วไป"),
    ("ประกาศผู้ชนะการเสนอราคา จัดซื้อวัสดุการแพทย์ ประจำปีงบประมาณ 2570", "news", "procurement_result",
     "งานพัสดุ"),
    ("ภาพกิจกรรมรณรงค์ป้องกันโรคไข้เลือดออก ตำบลบ้านหลวง", "news", "activity",
     "กลุ่มงานควบคุมโรค"),
    ("Info Graphic การดูแลสุขภาพผู้สูงอายุในฤดูหนาว", "knowledge", "infographic",
     "กลุ่มงานส่งเสริมสุขภาพ"),
    ("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2570", "general", "plans", "กลุ่มงานยุทธศาสตร์"),
    ("ระเบียบกระทรวงสาธารณสุข ว่าด้วยการเผยแพร่ข้อมูลข่าวสาร", "law", "announcements",
     "กลุ่มงานนิติการ"),
    ("คู่มือการขอรับบริการ แบบฟอร์มคำร้องทั่วไป", "citizen", "", "งานบริการประชาชน"),
    ("ประกาศประกวดราคาจ้างก่อสร้างอาคารสำนักงาน", "news", "procurement", "งานพัสดุ"),
    ("ข่าวแจ้งเตือน งดจ่ายกระแสไฟฟ้าชั่วคราว", "news", "alert", "กลุ่มงานบริหารทั่วไป"),
    ("ลิงก์ระบบบริการอิเล็กทรอนิกส์ของกระทรวง", "weblinks", "", "งานเทคโนโลยีสารสนเทศ"),
    ("รายงานผลการดำเนินงานไตรมาสที่ 1", "general", "performance", "กลุ่มงานยุทธศาสตร์"),
    ("สถิติผู้เข้าชมเว็บไซต์ ประจำเดือนตุลาคม", "statistics", "", "งานเทคโนโลยีสารสนเทศ"),
)


Step = tuple[str, Action | Decision, str]


def _path_to(state: RequestState) -> list[Step]:
    """The steps (actor key, action, reason) that bring a new draft to ``state``."""
    base: list[Step] = [("somchai", Action.SUBMIT, ""), ("somsri", Action.START_REVIEW, "")]
    approval: list[Step] = [*base, ("somsri", Action.SEND_FOR_APPROVAL, "")]
    approved: list[Step] = [*approval, ("director", Decision.APPROVE, "")]
    published: list[Step] = [*approved, ("somchai", Action.PUBLISH, "")]
    paths: dict[RequestState, list[Step]] = {
        RequestState.DRAFT: [],
        RequestState.SUBMITTED: base[:1],
        RequestState.IN_REVIEW: base,
        RequestState.RETURNED: [*base, ("somsri", Action.RETURN_FOR_CORRECTION,
                                        "ขอไฟล์ต้นฉบับที่มีลายมือชื่อผู้มีอำนาจ")],
        RequestState.AWAITING_APPROVAL: approval,
        RequestState.APPROVED: approved,
        RequestState.REJECTED: [*approval, ("director", Decision.REJECT,
                                            "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน")],
        RequestState.PUBLISHED: published,
        RequestState.TAKEN_DOWN: [*published, ("somchai", Action.TAKE_DOWN, "ครบกำหนดเผยแพร่")],
        RequestState.ARCHIVED: [*published, ("somchai", Action.TAKE_DOWN, "ครบกำหนดเผยแพร่"),
                                ("somchai", Action.ARCHIVE, "")],
        RequestState.WITHDRAWN: [*base, ("somchai", Action.WITHDRAW,
                                         "เจ้าของข้อมูลขอยกเลิกการเผยแพร่")],
    }
    return paths[state]


DEMO_SETTING = "demo_profile"   # set on a profile seed_demo filled: it may be reset
ADMIN_PASSWORD = DEMO_USERS[0][1]

class DemoMessage(MessageCode):
    DEMO_NEEDS_EMPTY_PROFILE = (
        "demo_needs_empty_profile",
        "สร้างข้อมูลตัวอย่างได้เฉพาะในโปรไฟล์ว่าง (ที่นี่มีผู้ใช้จริงอยู่แล้ว) "
        "กรุณาใช้ --home กับโฟลเดอร์ใหม่",
        "Demo data goes into an empty profile only (this one has real users); use --home "
        "with a new folder.",
    )
    DEMO_ALREADY_THERE = (
        "demo_already_there",
        "มีข้อมูลตัวอย่างอยู่แล้ว (webdesk seed-demo --reset เพื่อเริ่มใหม่)",
        "The demo is already there (webdesk seed-demo --reset starts it again).",
    )
    DEMO_CREATED = (
        "demo_created",
        "สร้างคำขอตัวอย่าง {count} รายการ ครบทุกสถานะแล้ว",
        "Created {count} demo requests in every state.",
    )
    DEMO_ACCOUNTS = (
        "demo_accounts",
        "ผู้ใช้ตัวอย่าง (ชื่อผู้ใช้ / รหัสผ่าน / บทบาท):",
        "Demo users (user name / password / roles):",
    )



def is_demo_profile(ctx: AppContext) -> bool:
    return bool(ctx.setting(DEMO_SETTING, False))


def demo_accounts() -> list[tuple[str, str, str, str]]:
    """(user name, password, roles, full name) of every demo user: shown on the sign-in
    screen of a demo profile and printed by ``seed-demo``."""
    return [(name, password, ",".join(sorted(r.value for r in roles)), full_name)
            for name, password, roles, full_name, _position in DEMO_USERS]


def seed_demo(ctx: AppContext, out: TextIO, *, reset: bool = False) -> dict[str, User] | None:
    """Fill an empty profile with demo users and requests in every state.

    On a profile it filled before, it does nothing (returns None) unless ``reset``, which
    empties the database first; a profile with real users is refused."""
    if auth.count_users(ctx):
        if not is_demo_profile(ctx):
            raise UserError(DemoMessage.DEMO_NEEDS_EMPTY_PROFILE)
        if not reset:
            print(message_text(DemoMessage.DEMO_ALREADY_THERE, ctx.lang), file=out)
            _print_accounts(out, ctx.lang)
            return None
        wipe_database(ctx.db)
        from desktop.services import witness

        witness.reset(ctx.paths, ctx.db.url)      # a new demo: a new chain
    ctx.set_setting(DEMO_SETTING, True)
    if not ctx.setting("agency_name"):
        ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง จังหวัดน่าน")
    people: dict[str, User] = {}
    admin: User | None = None
    for username, password, roles, full_name, position in DEMO_USERS:
        people[username] = auth.create_user(
            ctx, auth.NewUser(username, password, frozenset(roles), full_name, position),
            admin, actor_password=ADMIN_PASSWORD if admin else None)
        admin = admin or people[username]
    _print_accounts(out, ctx.lang)
    states = list(RequestState)
    today = ctx.today()
    created = 0
    for index in range(max(len(states), len(SAMPLES))):
        state = states[index % len(states)]
        title, category, sub, unit = SAMPLES[index % len(SAMPLES)]
        expiry_days = ctx.catalogue.default_expiry_days(category, sub)
        received = datetime.combine(today - timedelta(days=index % 6), datetime.min.time()) \
            + timedelta(hours=9)
        request = PublicationRequest(
            title=title, category=category, subcategory=sub,
            summary=f"{title} รายละเอียดตามเอกสารแนบ", body=f"{title}\n\nรายละเอียดตามเอกสารแนบ",
            source_owner=unit, period_start=date(today.year, 10, 1) if category == "knowledge"
            else None,
            publish_date=today,
            expiry_date=today + timedelta(days=expiry_days) if expiry_days else None,
            external_link="https://www.example.go.th/eservice" if category == "weblinks" else "",
            requester=Requester(name="นางสาวมาลี ตั้งใจ", position="นักจัดการงานทั่วไป",
                                unit=unit, phone="054-123456", email="malee@example.go.th"),
            received_at=received, channel=Channel.LETTER, letter_number=f"นน 0033.{index + 1}/2569")
        rid = rq.register_request(ctx, people["somchai"], request)
        from desktop.services.demo_files import attach_samples

        attach_samples(ctx, people["somchai"], rid, index)
        for actor_key, action, reason in _path_to(state):
            actor = people[actor_key]
            if isinstance(action, Decision):
                decide(ctx, actor, rid, action, _password(actor_key), reason)
            else:
                rq.perform_action(ctx, actor, rid, action, reason or None)
        created += 1
    print(message_text(DemoMessage.DEMO_CREATED, ctx.lang, count=created), file=out)
    return people


def _print_accounts(out: TextIO, lang: str) -> None:
    print(message_text(DemoMessage.DEMO_ACCOUNTS, lang), file=out)
    rows = [(username, password, ", ".join(label(Role(code), lang) for code in roles.split(",")),
             full_name) for username, password, roles, full_name in demo_accounts()]
    width = max(_columns(named) for _, _, named, _ in rows) + 2
    for username, password, named, full_name in rows:
        print(f"  {username:10s} {password:18s} {named}{' ' * (width - _columns(named))}"
              f"{full_name}", file=out)


def _columns(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai vowel and tone marks take none."""
    return sum(1 for c in text if unicodedata.category(c) != "Mn")


def _password(username: str) -> str:
    return next(p for u, p, *_ in DEMO_USERS if u == username)
