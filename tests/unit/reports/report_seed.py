"""A database with known numbers for the report tests: requests, their workflow events (audit
rows with chosen times), publications, access-log figures and a satisfaction survey.

Rows are written through the store (the thing under test is the report, not the workflow);
audit rows go through ``audit.append`` so the hash chain stays intact.

Fiscal year 2570, first quarter (Oct-Dec 2026), no holidays:
  #1 news   unit A  received Mon 05 Oct, published Wed 07 Oct (2 working days), taken down
                    15 Dec (due 10 Dec)
  #2 law    unit B  received Thu 08 Oct, published Tue 13 Oct (3)
  #3 news   unit A  received Tue 20 Oct, published Wed 28 Oct (6)
  #4 knowledge B    received Mon 02 Nov, returned 03 Nov, rejected 05 Nov
  #5 news   unit C  received Tue 10 Nov, withdrawn 12 Nov
  #6 news   unit A  received Mon 28 Sep (before), published Thu 01 Oct (3)
  #7 general        received Tue 01 Dec, in review (open)
  #8 news   unit A  received Tue 05 Jan 2027 (after the quarter)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from desktop.domain.web_stats import LikertCounts, SurveyComment
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store import report_records as records
from desktop.store.models import PublicationRow, RequestRow, UserRow

BASE_URL = "https://www.agency.go.th"


@dataclass(frozen=True)
class Seed:
    number: int
    category: str
    unit: str
    received: date
    state: str
    events: tuple[tuple[str, date, str], ...] = ()    # (action, day, reason)
    expiry: date | None = None


SEEDS = (
    Seed(1, "news", "กลุ่มงาน ก", date(2026, 10, 5), "taken_down",
         (("publish", date(2026, 10, 7), ""), ("take_down", date(2026, 12, 15), "ครบกำหนด")),
         date(2026, 12, 10)),
    Seed(2, "law", "กลุ่มงาน ข", date(2026, 10, 8), "published",
         (("publish", date(2026, 10, 13), ""),)),
    Seed(3, "news", "กลุ่มงาน ก", date(2026, 10, 20), "published",
         (("publish", date(2026, 10, 28), ""),)),
    Seed(4, "knowledge", "กลุ่มงาน ข", date(2026, 11, 2), "rejected",
         (("return_for_correction", date(2026, 11, 3), "แนบไฟล์ไม่ครบ"),
          ("reject", date(2026, 11, 5), "ข้อมูลไม่ครบถ้วน"))),
    Seed(5, "news", "กลุ่มงาน ค", date(2026, 11, 10), "withdrawn",
         (("withdraw", date(2026, 11, 12), "เจ้าของข้อมูลขอถอน"),)),
    Seed(6, "news", "กลุ่มงาน ก", date(2026, 9, 28), "published",
         (("publish", date(2026, 10, 1), ""),)),
    Seed(7, "general", "", date(2026, 12, 1), "in_review"),
    Seed(8, "news", "กลุ่มงาน ก", date(2027, 1, 5), "submitted"),
)

TITLES = {1: "ประกาศงดจ่ายน้ำประปาชั่วคราว กรุงเทพฯ", 2: "ระเบียบสำนักงานว่าด้วยการปฏิบัติราชการแทน",
          3: "ข่าวกิจกรรมวันสำคัญ", 4: "บทความความรู้สุขภาพ", 5: "ข่าวที่ถอน", 6: "ประกาศรับสมัครงาน",
          7: "ข้อมูลหน่วยงาน", 8: "ข่าวปีใหม่"}


def reference(number: int) -> str:
    return f"WD-2569-{number:05d}"


def folder_url(number: int) -> str:
    return f"{BASE_URL}/news/wd-2569-{number:05d}/index.html"


def seed_requests(ctx: AppContext) -> dict[int, int]:
    ids: dict[int, int] = {}
    with ctx.db.write() as session:
        session.add(UserRow(username="boss", full_name="นายปิยะพงษ์ ผู้ใหญ่ยิ่ง",
                            position="ผู้อำนวยการ", password_hash="-", roles="approver",
                            created_at=datetime(2026, 1, 1)))
        for seed in SEEDS:
            received = datetime.combine(seed.received, time(9, 0))
            row = RequestRow(reference=reference(seed.number), state=seed.state,
                             title=TITLES[seed.number], summary="ดูเอกสารแนบ", body="",
                             category=seed.category, subcategory="", source_owner="สำนักงาน",
                             requester_name="นางสาวทดสอบ ระบบ", requester_position="นักวิชาการ",
                             requester_unit=seed.unit, received_at=received, channel="letter",
                             created_at=received, updated_at=received, state_changed_at=received,
                             expiry_date=seed.expiry,
                             public_url=folder_url(seed.number) if any(
                                 a == "publish" for a, _d, _r in seed.events) else "")
            session.add(row)
            session.flush()
            ids[seed.number] = row.id
            audit.append(session, action="request_registered", actor_name="web1",
                         request_id=row.id, at=received)
            for action, day, reason in seed.events:
                at = datetime.combine(day, time(14, 0))
                details = {"reason": reason} if reason else {}
                audit.append(session, action=f"state:{action}", actor_name="web1"
                             if action != "reject" else "boss", request_id=row.id,
                             details=details, at=at)
                if action == "publish":
                    session.add(PublicationRow(request_id=row.id, server="www",
                                               remote_path="/var/www", url=folder_url(
                                                   seed.number),
                                               manifest_hash="0" * 64, published_at=at,
                                               taken_down_at=None, status="published"))
                if action == "take_down":
                    publication = session.query(PublicationRow).filter_by(
                        request_id=row.id).one()
                    publication.taken_down_at = at
                    publication.status = "taken_down"
    return ids


# access-log figures: Oct 2026 and Nov 2026, two days each
USAGE_DAYS = {date(2026, 10, 1): (100, 40, 5, 10), date(2026, 10, 2): (200, 60, 7, 20),
              date(2026, 11, 3): (300, 90, 9, 30), date(2026, 11, 4): (50, 20, 1, 5)}


def seed_usage(ctx: AppContext) -> None:
    now = datetime(2027, 1, 10)
    with ctx.db.write() as session:
        for day, (views, visitors, downloads, bots) in USAGE_DAYS.items():
            records.add_day(session, "www", day, records.DayCounts(
                views + downloads + bots + 50, views, downloads, bots, views * 10_000,
                {200: views + downloads, 304: 30, 404: 20, 500: 0},
                frozenset(i.to_bytes(8, "big") for i in range(visitors))), now)
        records.add_path_hits(session, "www", date(2026, 10, 1), "page",
                              {"/news/wd-2569-00001/index.html": 120, "/": 90})
        records.add_path_hits(session, "www", date(2026, 11, 1), "page",
                              {"/news/wd-2569-00001/index.html": 30, "/about.html": 10})
        records.add_path_hits(session, "www", date(2026, 10, 1), "download",
                              {"/news/wd-2569-00003/แผน.pdf": 11})


QUESTIONS = [("q1", "ความสะดวกในการค้นหาข้อมูล"), ("q2", "ความถูกต้องทันสมัยของข้อมูล")]


def seed_survey(ctx: AppContext) -> None:
    with ctx.db.write() as session:
        records.save_survey(
            session, title="แบบสำรวจ", source_name="survey.csv", source_sha256="a" * 64,
            imported_at=datetime(2027, 1, 2), imported_by=None, questions=QUESTIONS,
            months=[records.SurveyMonth(date(2026, 11, 1), 10, {
                "q1": LikertCounts((0, 1, 2, 3, 4), 0, 0),
                "q2": LikertCounts((1, 0, 1, 4, 3), 1, 0)})],
            comments=[SurveyComment("อยากให้ค้นหาเอกสารง่ายขึ้น", "ข้อเสนอแนะ", date(2026, 11, 5))],
            skipped_rows=2, missing_answers=1, out_of_range=0)


def seed_all(ctx: AppContext) -> dict[int, int]:
    ids = seed_requests(ctx)
    seed_usage(ctx)
    seed_survey(ctx)
    return ids
