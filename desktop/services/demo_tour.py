"""The headless demo: WebDesk's main job end to end with no server of one's own, narrated.

Register a request with a PDF and a JPEG, send it, the director signs, publish it to the
embedded SFTP server, fetch the page over HTTP and check every file's SHA-256, take it down,
verify the audit log.  Each step is printed in Thai and English; the tour stops at the first
step that fails and says why.  Everything lives in a throwaway folder.
"""

from __future__ import annotations

import hashlib
import html.parser
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.request import Channel, PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Action, Role
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo_servers import DemoSite, demo_site

TOUR_USERS: tuple[tuple[str, str, frozenset[Role], str, str], ...] = (
    ("admin", "admin-demo-1", frozenset({Role.ADMIN}), "ผู้ดูแลระบบ", "นักวิชาการคอมพิวเตอร์"),
    ("somchai", "somchai-demo-1", frozenset({Role.WEBMASTER}), "นายสมชาย ใจดี",
     "นักวิชาการคอมพิวเตอร์"),
    ("somsri", "somsri-demo-1", frozenset({Role.WEBMASTER}), "นางสมศรี มีสุข",
     "เจ้าพนักงานธุรการ"),
    ("director", "director-demo-1", frozenset({Role.APPROVER}), "นายแพทย์ประเสริฐ รักษ์ดี",
     "สาธารณสุขอำเภอ"),
)
TITLE = "ภาพกิจกรรมรณรงค์ป้องกันโรคไข้เลือดออก ตำบลบ้านหลวง"
HOW_TO_OPEN_THE_GUI = (
    "เปิดโปรแกรมแบบมีหน้าจอ: บนเครื่องที่มีหน้าจอ พิมพ์ webdesk --demo (ข้อมูลตัวอย่างพร้อมเซิร์ฟเวอร์ทดลอง) "
    "หรือ webdesk (โปรไฟล์ของหน่วยงานเอง)",
    "To open the app: on a PC with a screen run `webdesk --demo` (the demo with its own test "
    "servers) or `webdesk` (your agency's own profile).",
)

class DemoTourMessage(MessageCode):
    TOUR_PAGE_MISSING = (
        "tour_page_missing",
        "หน้าเว็บ {url} ไม่แสดงคำขอ (HTTP {status})",
        "The page {url} does not show the request (HTTP {status}).",
    )
    TOUR_FILE_NOT_LINKED = (
        "tour_file_not_linked",
        "หน้าเว็บ {url} ไม่มีลิงก์ไปยังไฟล์ {name}",
        "The page {url} has no link to the file {name}.",
    )
    TOUR_FILE_DIFFERS = (
        "tour_file_differs",
        "ไฟล์ {name} บนเว็บไซต์ไม่ตรงกับที่อนุมัติ (HTTP {status}, SHA-256 {got}… แทน {expected}…)",
        "The file {name} on the site is not the approved one (HTTP {status}, SHA-256 {got}… "
        "instead of {expected}…).",
    )
    TOUR_STILL_ONLINE = (
        "tour_still_online",
        "หน้าเว็บ {url} ยังเปิดได้หลังนำลง (HTTP {status})",
        "The page {url} is still online after the takedown (HTTP {status}).",
    )
    TOUR_AUDIT_BROKEN = (
        "tour_audit_broken",
        "บันทึกการใช้งานไม่ต่อเนื่องที่ {where}: {problem}",
        "The audit log is broken at {where}: {problem}",
    )



class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.found.append(value)


@dataclass
class Tour:
    """One run of the tour: its narration, and what earlier steps found for later ones."""

    out: TextIO
    folder: Path
    total: int = 9
    done: int = 0
    people: dict[str, User] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def say(self, th: str, en: str) -> None:
        print(f"{th}\n{en}", file=self.out, flush=True)

    def step(self, th: str, en: str, action: Callable[[], str]) -> None:
        """Narrate, run ``action`` (returns what it found); raise on failure."""
        print(f"\n[{self.done + 1}/{self.total}] {th}\n      {en}", file=self.out, flush=True)
        detail = action()
        self.done += 1
        print(f"      ✓ {detail}", file=self.out, flush=True)


def run_tour(out: TextIO, folder: Path) -> bool:
    """The whole tour in ``folder`` (a new, empty folder the caller removes); True if every
    step worked."""
    tour = Tour(out, folder)
    tour.say("ทดลองใช้งาน WebDesk แบบไม่มีหน้าจอ: งานหลักตั้งแต่รับคำขอจนนำลงจากเว็บไซต์",
             "WebDesk headless tour: the main job from registering a request to taking it down")
    try:
        with demo_site(folder) as site:
            ctx = AppContext.open(AppPaths.resolve(folder / "profile"), lang="th")
            try:
                _steps(tour, ctx, site)
            finally:
                ctx.close()
    except UserError as exc:
        print(f"      ✗ {exc.text('th')}\n        {exc.text('en')}", file=out, flush=True)
        return _failed(tour)
    except Exception as exc:  # a bug: say what, briefly (the tour's profile goes away)
        print(f"      ✗ {type(exc).__name__}: {exc}", file=out, flush=True)
        return _failed(tour)
    tour.say("\nครบทุกขั้นตอน: WebDesk ทำงานหลักได้ครบ", "Every step worked.")
    tour.say(*HOW_TO_OPEN_THE_GUI)
    return True


def _failed(tour: Tour) -> bool:
    tour.say(f"\nไม่สำเร็จที่ขั้นตอนที่ {tour.done + 1} จาก {tour.total}",
             f"The tour failed at step {tour.done + 1} of {tour.total}.")
    return False


def _steps(tour: Tour, ctx: AppContext, site: DemoSite) -> None:
    tour.step("เริ่มเซิร์ฟเวอร์ SFTP (asyncssh) และเว็บเซิร์ฟเวอร์ทดลองบนเครื่องนี้ (127.0.0.1)",
              "Starting the demo SFTP server (asyncssh) and web server on 127.0.0.1",
              lambda: f"sftp://{site.sftp.host}:{site.sftp.port} (host key "
                      f"{site.host_key_fingerprint}), {site.base_url}/")
    tour.step("สร้างโปรไฟล์ทดลอง ผู้ใช้ 4 คน และกุญแจรับรองของหน่วยงาน",
              "Creating a throwaway profile, 4 users and the agency key",
              lambda: _make_people(tour, ctx))
    tour.step("ลงทะเบียนคำขอเผยแพร่ พร้อมไฟล์ PDF และภาพ JPEG",
              "Registering a request with a PDF and a JPEG", lambda: _register(tour, ctx))
    tour.step("ส่งคำขอ: ผู้ดูแลเว็บคนที่สองตรวจสอบ แล้วเสนอผู้อำนวยการอนุมัติ",
              "Sending it: a second webmaster checks it and puts it before the director",
              lambda: _send(tour, ctx))
    tour.step("ผู้อำนวยการลงนามอนุมัติ (ยืนยันด้วยรหัสผ่านของตนเอง)",
              "The director signs it off (re-entering their own password)",
              lambda: _sign(tour, ctx))
    tour.step("บันทึกเซิร์ฟเวอร์ และยืนยันกุญแจของเซิร์ฟเวอร์ (เทียบลายนิ้วมือ SHA256)",
              "Saving the server profile and confirming its host key (SHA256 fingerprint)",
              lambda: _trust(tour, ctx, site))
    tour.step("เผยแพร่ขึ้นเว็บไซต์ผ่าน SFTP (อัปโหลด ตรวจสอบ แล้วจึงย้ายเข้าที่)",
              "Publishing over SFTP (uploaded, verified, then moved into place)",
              lambda: _publish(tour, ctx, site))
    tour.step("เปิดหน้าเว็บผ่าน HTTP และตรวจค่า SHA-256 ของทุกไฟล์",
              "Fetching the page over HTTP and checking every file's SHA-256",
              lambda: _fetch_and_check(tour, ctx, site))
    tour.step("นำลงจากเว็บไซต์ (ย้ายไปเก็บในโฟลเดอร์ archive) และตรวจบันทึกการใช้งาน",
              "Taking it down (moved to the archive) and verifying the audit log",
              lambda: _take_down(tour, ctx, site))


def _make_people(tour: Tour, ctx: AppContext) -> str:
    from desktop.services import auth
    from desktop.services.keys import agency_key_status

    ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง จังหวัดน่าน")
    admin: User | None = None
    for username, password, roles, full_name, position in TOUR_USERS:
        tour.people[username] = auth.create_user(
            ctx, auth.NewUser(username, password, roles, full_name, position), admin,
            actor_password=TOUR_USERS[0][1] if admin else None)
        admin = admin or tour.people[username]
    return f"agency key {agency_key_status(ctx).fingerprint}"


def _register(tour: Tour, ctx: AppContext) -> str:
    from desktop.services import requests as rq
    from desktop.services.attachments import attach_file
    from desktop.services.demo_files import sample_pdf, sample_photo

    today = ctx.today()
    request = PublicationRequest(
        title=TITLE, category="news", subcategory="activity",
        summary="ภาพบรรยากาศกิจกรรมรณรงค์ รายละเอียดตามเอกสารแนบ",
        body=f"{TITLE}\n\nรายละเอียดตามเอกสารแนบ", source_owner="กลุ่มงานควบคุมโรค",
        publish_date=today, expiry_date=today + timedelta(days=30),
        requester=Requester(name="นางสาวมาลี ตั้งใจ", position="นักจัดการงานทั่วไป",
                            unit="กลุ่มงานควบคุมโรค", phone="054-123456",
                            email="malee@example.go.th"),
        received_at=datetime.combine(today, datetime.min.time()) + timedelta(hours=9),
        channel=Channel.LETTER, letter_number="นน 0033.1/2569")
    webmaster = tour.people["somchai"]
    request_id = rq.register_request(ctx, webmaster, request)
    pdf = sample_pdf("หนังสือแจ้งกิจกรรมรณรงค์ป้องกันโรคไข้เลือดออก")
    photo = sample_photo(3)
    attach_file(ctx, webmaster, request_id, "หนังสือแจ้งกิจกรรม.pdf", pdf)
    attach_file(ctx, webmaster, request_id, "ภาพกิจกรรม.jpg", photo,
                caption="ภาพบรรยากาศการรณรงค์", alt_text="เจ้าหน้าที่แจกทรายกำจัดลูกน้ำยุงลาย")
    tour.values["request_id"] = request_id
    reference = rq.get_request(ctx, webmaster, request_id).request.reference
    return (f"{reference}: PDF {len(pdf) // 1024} KB, JPEG {len(photo) // 1024} KB")


def _send(tour: Tour, ctx: AppContext) -> str:
    from desktop.services import requests as rq

    request_id = int(str(tour.values["request_id"]))
    rq.perform_action(ctx, tour.people["somchai"], request_id, Action.SUBMIT)
    rq.perform_action(ctx, tour.people["somsri"], request_id, Action.START_REVIEW)
    state = rq.perform_action(ctx, tour.people["somsri"], request_id, Action.SEND_FOR_APPROVAL)
    return f"state: {state.value}"


def _sign(tour: Tour, ctx: AppContext) -> str:
    from desktop.services.signoff import Decision, decide

    request_id = int(str(tour.values["request_id"]))
    result = decide(ctx, tour.people["director"], request_id, Decision.APPROVE,
                    TOUR_USERS[3][1])
    return f"state: {result.state.value}; manifest {result.manifest_hash[:16]}…"


def _trust(tour: Tour, ctx: AppContext, site: DemoSite) -> str:
    from desktop.services.servers import KeyPrompt, save_server, trust_server

    admin = tour.people["admin"]
    profile = save_server(ctx, site.profile(), admin, make_default=True)
    expected = site.host_key_fingerprint

    def confirm(prompt: KeyPrompt) -> bool:
        return prompt.fingerprint == expected     # what a person compares on the screen

    fingerprint = trust_server(ctx, profile, admin, confirm)
    return f"{fingerprint} = the demo server's own key"


def _publish(tour: Tour, ctx: AppContext, site: DemoSite) -> str:
    from desktop.services.publishing import publish_request
    from desktop.services.servers import get_server

    request_id = int(str(tour.values["request_id"]))
    outcome = publish_request(ctx, tour.people["somchai"], request_id,
                              get_server(ctx, site.profile().name), site.credentials())
    tour.values["url"] = outcome.url
    return f"{outcome.url} ({len(outcome.files)} files, {outcome.bytes_sent} bytes)"


def _fetch_and_check(tour: Tour, ctx: AppContext, site: DemoSite) -> str:
    from desktop.services.attachments import list_files

    url = str(tour.values["url"])
    status, page = site.fetch(url)
    if status != 200 or TITLE not in page.decode("utf-8", "replace"):
        raise UserError(DemoTourMessage.TOUR_PAGE_MISSING, url=url, status=status)
    links = _Links()
    links.feed(page.decode("utf-8", "replace"))
    by_name = {urllib.parse.unquote(Path(urllib.parse.urlparse(urllib.parse.urljoin(
        url, link)).path).name): urllib.parse.urljoin(url, link) for link in links.found}
    request_id = int(str(tour.values["request_id"]))
    checked = []
    for stored in list_files(ctx, request_id):
        info = stored.info
        file_url = by_name.get(info.web_name)
        expected = info.published_sha256 or info.sha256
        if file_url is None:
            raise UserError(DemoTourMessage.TOUR_FILE_NOT_LINKED, name=info.web_name, url=url)
        file_status, body = site.fetch(file_url)
        got = hashlib.sha256(body).hexdigest()
        if file_status != 200 or got != expected:
            raise UserError(DemoTourMessage.TOUR_FILE_DIFFERS,
                            name=info.web_name, expected=expected[:16],
                            got=got[:16], status=file_status)
        checked.append(f"{info.web_name} {got[:12]}…")
    return f"HTTP 200; SHA-256 equal: {', '.join(checked)}"


def _take_down(tour: Tour, ctx: AppContext, site: DemoSite) -> str:
    from desktop.services.audit_log import verify_all
    from desktop.services.publishing import take_down_request
    from desktop.services.servers import get_server

    request_id = int(str(tour.values["request_id"]))
    result = take_down_request(ctx, tour.people["somchai"], request_id,
                               get_server(ctx, site.profile().name), site.credentials(),
                               "ครบกำหนดเผยแพร่ (ทดลอง)")
    url = str(tour.values["url"])
    status, _body = site.fetch(url)
    if status != 404:
        raise UserError(DemoTourMessage.TOUR_STILL_ONLINE, url=url, status=status)
    report = verify_all(ctx)
    if not report.ok:
        raise UserError(DemoTourMessage.TOUR_AUDIT_BROKEN,
                        where=report.where, problem=report.problem)
    return (f"HTTP {status} now; archived at {result.archive_path}; audit log: "
            f"{report.rows_checked} rows, chain intact")
