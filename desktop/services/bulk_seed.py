"""``webdesk seed-bulk --requests N``: years of requests for tests and benchmarks.

N requests spread over the past years (mostly archived, some open), three files each by
default.  The files are real attachment rows pointing at a small set of real files (PDFs,
photos with their web copy and thumbnail, workbooks) inspected by the file policy once and
stored once as blobs: 300,000 attachment rows cost a few megabytes.  Every request gets an
audit row ("request_registered", by ``seed-bulk``), chained like any other, so ``audit
verify`` holds.  The whole load is one transaction: it is all there or not at all.
Titles are Thai, some with "ประชาสัมพันธ์" inside longer words (the search benchmark).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.domain.errors import UserError
from desktop.domain.messages import register
from desktop.domain.workflow import RequestState
from desktop.files.images import prepare_image
from desktop.files.intake import inspect_file
from desktop.reports.demo_samples import sample_pdf, sample_photo, sample_workbook
from desktop.services.attachments import file_policy
from desktop.services.context import AppContext
from desktop.store import blobs
from desktop.store.bulk_rows import BulkLoader, BulkRequest, FileTemplate

register({
    "bulk_count": ("จำนวนคำขอต้องอยู่ระหว่าง 1 ถึง {most:,}",
                   "The number of requests must be between 1 and {most:,}."),
})

MAX_REQUESTS = 2_000_000
BATCH = 5_000
SEARCH_WORD = "ประชาสัมพันธ์"

# (share of the archive, state): most of a long-lived queue is done with.
STATE_MIX = ((0.62, RequestState.ARCHIVED), (0.15, RequestState.TAKEN_DOWN),
             (0.08, RequestState.PUBLISHED), (0.05, RequestState.REJECTED),
             (0.04, RequestState.WITHDRAWN), (0.02, RequestState.DRAFT),
             (0.015, RequestState.SUBMITTED), (0.015, RequestState.IN_REVIEW),
             (0.01, RequestState.RETURNED))
OPEN_RECENT = {RequestState.DRAFT, RequestState.SUBMITTED, RequestState.IN_REVIEW,
               RequestState.RETURNED}
TOPICS = ("ข่าวประชาสัมพันธ์กิจกรรม", "ประกาศรับสมัคร", "ประกาศผู้ชนะการเสนอราคา",
          "ภาพกิจกรรมรณรงค์", "งานประชาสัมพันธ์โครงการ", "แผนปฏิบัติการประจำปี",
          "รายงานผลการดำเนินงาน", "คู่มือการขอรับบริการ", "ข่าวแจ้งเตือน", "สรุปผลการประชุม",
          "เอกสารเผยแพร่เพื่อการประชาสัมพันธ์", "ประกาศประกวดราคาจ้าง", "Info Graphic")
SUBJECTS = ("ป้องกันโรคไข้เลือดออก", "วัสดุการแพทย์", "ผู้สูงอายุในฤดูหนาว", "อาคารสำนักงาน",
            "บริการประชาชน", "ระบบสารสนเทศ", "งบประมาณ", "ตำบลบ้านหลวง", "โรงเรียนในเขตอำเภอ",
            "สุขภาพจิตชุมชน", "การจัดซื้อจัดจ้าง", "บุคลากรทางการแพทย์", "น้ำดื่มสะอาด")
UNITS = ("กลุ่มงานบริหารทั่วไป", "งานพัสดุ", "กลุ่มงานควบคุมโรค", "กลุ่มงานส่งเสริมสุขภาพ",
         "กลุ่มงานยุทธศาสตร์", "กลุ่มงานนิติการ", "งานบริการประชาชน", "งานเทคโนโลยีสารสนเทศ")
PEOPLE = ("นางสาวมาลี ตั้งใจ", "นายสมชาย ใจดี", "นางสมศรี มีสุข", "นายประเสริฐ รักษ์ดี",
          "นางวิไล ศรีสุข", "นายอนันต์ พึ่งบุญ")
CATEGORIES = (("news", "general_news"), ("news", "activity"), ("news", "alert"),
              ("general", "plans"), ("knowledge", "infographic"), ("law", "announcements"),
              ("citizen", ""), ("statistics", ""))


@dataclass(frozen=True)
class BulkSeedResult:
    requests: int
    files: int
    seconds: float
    first_id: int
    last_id: int


def seed_bulk(ctx: AppContext, requests: int, *, files_per_request: int = 3, years: int = 10,
              seed: int = 15, progress: Callable[[int], None] | None = None
              ) -> BulkSeedResult:
    """Add ``requests`` requests (``files_per_request`` files each) in one transaction."""
    if not 1 <= requests <= MAX_REQUESTS:
        raise UserError("bulk_count", most=MAX_REQUESTS)
    started = time.perf_counter()
    now = ctx.now()
    templates = _file_templates(ctx)
    rng = random.Random(seed)
    ids: list[int] = []
    with ctx.db.write() as session:
        loader = BulkLoader(session, [t for t, _ in templates], ctx.workstation, now)
        for _template, contents in templates:
            for content in contents:
                blobs.put_bytes(session, content)     # once: content-addressed
        for batch in _batches(rng, requests, files_per_request, len(templates), years, now):
            made = loader.add(batch)
            ids += (made[0], made[-1])
            if progress is not None:
                progress(loader.requests)
        loader.finish()
    return BulkSeedResult(loader.requests, loader.files, time.perf_counter() - started,
                          min(ids), max(ids))


def _file_templates(ctx: AppContext) -> list[tuple[FileTemplate, list[bytes]]]:
    """Real files, inspected by the file policy like any attachment (photos get their web
    copy and thumbnail); each with the blobs it needs."""
    policy = file_policy(ctx)
    sources = [(f"ประกาศ-{n}.pdf", sample_pdf(f"{TOPICS[n]} ฉบับที่ {n + 1}", 1))
               for n in range(3)]
    sources += [(f"ภาพกิจกรรม-{n}.jpg", sample_photo(n, (640, 427))) for n in range(3)]
    sources += [(f"สรุป-{n}.xlsx", sample_workbook(SUBJECTS[n])) for n in range(2)]
    made = []
    for name, data in sources:
        verdict = inspect_file(data, name, policy)
        if not verdict.accepted or verdict.kind is None:
            raise UserError("file_refused", name=name, reason=verdict.reason(ctx.lang))
        contents = [data]
        web_sha = web_size = thumb_sha = None
        if verdict.kind.is_image:
            prepared = prepare_image(data, policy)
            web_sha, web_size = _sha(prepared.web_bytes), len(prepared.web_bytes)
            thumb_sha = _sha(prepared.thumbnail_bytes)
            contents += [prepared.web_bytes, prepared.thumbnail_bytes]
        made.append((FileTemplate(
            display_name=verdict.display_name, extension=verdict.kind.extensions[0],
            media_type=verdict.media_type, kind=verdict.kind.value, size=len(data),
            sha256=_sha(data), web_copy_sha256=web_sha, web_copy_size=web_size,
            thumbnail_sha256=thumb_sha,
            verdict=json.dumps(verdict.to_dict("en"), ensure_ascii=False)), contents))
    return made


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _batches(rng: random.Random, total: int, files: int, templates: int, years: int,
             now: datetime) -> Iterator[list[BulkRequest]]:
    span = max(1, years * 365 * 24 * 3600)
    start = now - timedelta(seconds=span)
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        offsets = sorted(rng.randrange(span) for _ in range(size))
        batch = []
        for offset in offsets:
            received = start + timedelta(seconds=offset)
            state = _state(rng, received, now)
            batch.append(_request(rng, received, state, files, templates, now))
        made += size
        yield batch


def _state(rng: random.Random, received: datetime, now: datetime) -> RequestState:
    pick = rng.random()
    state = RequestState.ARCHIVED
    for share, candidate in STATE_MIX:
        if pick < share:
            state = candidate
            break
        pick -= share
    if state in OPEN_RECENT and now - received > timedelta(days=60):
        return RequestState.ARCHIVED           # old open work would be done by now
    return state


def _request(rng: random.Random, received: datetime, state: RequestState, files: int,
             templates: int, now: datetime) -> BulkRequest:
    topic, subject = rng.choice(TOPICS), rng.choice(SUBJECTS)
    category, subcategory = rng.choice(CATEGORIES)
    updated = min(now, received + timedelta(hours=rng.randrange(1, 24 * 20)))
    publish = received.date() + timedelta(days=rng.randrange(0, 5))
    expiry: date | None = publish + timedelta(days=rng.choice((30, 90, 365)))
    if state not in {RequestState.PUBLISHED, RequestState.TAKEN_DOWN, RequestState.ARCHIVED}:
        expiry = None
    return BulkRequest(
        title=f"{topic} {subject} ครั้งที่ {rng.randrange(1, 40)}/{received.year + 543}",
        summary=f"{topic}เรื่อง{subject}", category=category, subcategory=subcategory,
        state=state.value, requester_name=rng.choice(PEOPLE), requester_unit=rng.choice(UNITS),
        received_at=received, updated_at=updated, publish_date=publish, expiry_date=expiry,
        files=tuple(rng.randrange(templates) for _ in range(files)))
