"""An office for the trust tests: an admin, two webmasters, a director, and a head of group
who is both approver and webmaster; a request brought to "approved" with a PDF and a photo.
On SQLite and PostgreSQL (the ``database_url`` fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Action, Role
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.context import AppContext
from desktop.services.demo_files import sample_pdf, sample_photo
from desktop.services.signoff import Decision, decide

PASSWORDS = {"admin": "admin-pass-1", "web1": "web1-pass-1", "web2": "web2-pass-1",
             "boss": "boss-pass-1", "head": "head-pass-1"}


@dataclass
class Office:
    ctx: AppContext
    people: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.people[name]

    def new_request(self, title: str = "ประกาศรับสมัครงาน") -> int:
        web = self.people["web1"]
        rid = rq.register_request(self.ctx, web, PublicationRequest(
            title=title, category="news", subcategory="general_news", summary="สรุป",
            body="ย่อหน้าแรก", requester=Requester(name="นาย ก", unit="งานพัสดุ")))
        attach_file(self.ctx, web, rid, "ประกาศ.pdf", sample_pdf(title))
        attach_file(self.ctx, web, rid, "ภาพ.jpg", sample_photo(2), caption="ภาพกิจกรรม",
                    alt_text="ผู้เข้าร่วมกิจกรรม")
        rq.perform_action(self.ctx, web, rid, Action.SUBMIT)
        return rid

    def awaiting(self, title: str = "ประกาศรับสมัครงาน") -> int:
        rid = self.new_request(title)
        checker = self.people["web2"]
        rq.perform_action(self.ctx, checker, rid, Action.START_REVIEW)
        rq.perform_action(self.ctx, checker, rid, Action.SEND_FOR_APPROVAL)
        return rid

    def approved(self, title: str = "ประกาศรับสมัครงาน") -> int:
        rid = self.awaiting(title)
        decide(self.ctx, self.people["boss"], rid, Decision.APPROVE, PASSWORDS["boss"])
        return rid


def make_office(home: Path, database_url: str) -> Office:
    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    admin = auth.create_user(ctx, auth.NewUser("admin", PASSWORDS["admin"],
                                               frozenset({Role.ADMIN}), "ผู้ดูแลระบบ"))
    people = {"admin": admin}
    for name, roles, full in (("web1", {Role.WEBMASTER}, "สมชาย ใจดี"),
                              ("web2", {Role.WEBMASTER}, "สมศรี มีสุข"),
                              ("boss", {Role.APPROVER}, "ผู้อำนวยการ"),
                              ("head", {Role.APPROVER, Role.WEBMASTER}, "หัวหน้ากลุ่มงาน")):
        people[name] = auth.create_user(
            ctx, auth.NewUser(name, PASSWORDS[name], frozenset(roles), full, "ตำแหน่ง"),
            admin, actor_password=PASSWORDS["admin"])
    return Office(ctx, people)


@pytest.fixture
def office(home: Path, database_url: str) -> Iterator[Office]:
    made = make_office(home, database_url)
    yield made
    made.ctx.close()
