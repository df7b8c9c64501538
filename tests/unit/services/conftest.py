from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services.context import AppContext


class FakeClock:
    """The edge we control: time (lockouts, SLA)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctx(home: Path, database_url: str, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.open(AppPaths.resolve(home, database_url))
    context.clock = clock
    yield context
    context.close()


@pytest.fixture
def people(ctx: AppContext) -> dict[str, User]:
    admin = auth.create_user(ctx, auth.NewUser("admin", "admin-pass-1", frozenset({Role.ADMIN})),
                             None)
    make = lambda name, roles, full="": auth.create_user(  # noqa: E731
        ctx, auth.NewUser(name, f"{name}-pass-1", frozenset(roles), full, "ตำแหน่ง"), admin,
        actor_password="admin-pass-1")
    return {
        "admin": admin,
        "web1": make("web1", {Role.WEBMASTER}, "สมชาย ใจดี"),
        "web2": make("web2", {Role.WEBMASTER}, "สมศรี มีสุข"),
        "boss": make("boss", {Role.APPROVER}, "ผู้อำนวยการ"),
        "both": make("both", {Role.WEBMASTER, Role.APPROVER}, "หัวหน้ากลุ่มงาน"),
    }


@pytest.fixture
def sample_request() -> Callable[..., PublicationRequest]:
    def build(**changes: object) -> PublicationRequest:
        base = PublicationRequest(title="ประกาศรับสมัครงาน ตำแหน่งนักวิชาการคอมพิวเตอร์",
                                  category="news", subcategory="general_news",
                                  summary="รายละเอียดตามเอกสารแนบ",
                                  requester=Requester(name="นางสาวทดสอบ ระบบ",
                                                      position="นักจัดการงานทั่วไป",
                                                      unit="กลุ่มงานบริหารทั่วไป"),
                                  received_at=datetime(2026, 11, 23, 8, 30))
        return base.with_changes(**changes)
    return build
