from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from tests.support.embedded_site import EmbeddedSite, embedded_site
from tests.support.postgres import PostgresServer
from tests.unit.services.office_template import Templates, adopt, templates_fixture


class FakeClock:
    """The edge we control: time (lockouts, SLA)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """As tests/conftest.py's, once on SQLite and once on PostgreSQL, except that the
    database does not exist yet: the ``office`` fixture makes it from a template."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'webdesk.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture(scope="session")
def office_templates(tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> Templates:
    """Migrated databases (empty, and with the office's people), made once per run."""
    return templates_fixture(tmp_path_factory, request)


@dataclass
class Office:
    ctx: AppContext
    people: dict[str, User]


@pytest.fixture
def office(request: pytest.FixtureRequest, home: Path, database_url: str, clock: FakeClock,
           office_templates: Templates) -> Iterator[Office]:
    """A profile on a migrated database of its own: empty, or (when the test also asks for
    ``people``) holding the office — both copied from a template made once per run."""
    staffed = "people" in request.fixturenames
    template = office_templates.copy_into(database_url, staffed=staffed)
    context = AppContext.open(AppPaths.resolve(home, database_url))
    context.clock = clock
    adopt(context, template)
    yield Office(context, dict(template.people))
    context.close()


@pytest.fixture
def ctx(office: Office) -> AppContext:
    return office.ctx


@pytest.fixture
def people(office: Office) -> dict[str, User]:
    """admin (password admin-pass-1), web1, web2 (webmasters), boss (approver), both
    (webmaster and approver); each one's password is NAME-pass-1."""
    return dict(office.people)


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


@pytest.fixture
def site(tmp_path: Path) -> Iterator[EmbeddedSite]:
    """The in-process SFTP server (asyncssh) on 127.0.0.1 with a web root and an archive;
    ``site.profile()`` logs in with a key (``support.serve`` saves and trusts it)."""
    with embedded_site(tmp_path / "site") as served:
        yield served
