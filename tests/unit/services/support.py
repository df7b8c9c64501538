"""Small helpers shared by the service tests: refusals, audit rows, the workflow's steps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import Action
from desktop.paths import AppPaths
from desktop.publish.profiles import ServerProfile
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.servers import save_server
from desktop.services.signoff import Decision, decide
from desktop.store import audit
from tests.support.embedded_site import EmbeddedSite


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def assert_refusal(error: BaseException, code: str) -> UserError:
    """``error`` is the UserError ``code``, with a Thai message and an English one, both
    filled in (no ``{placeholder}`` left)."""
    assert isinstance(error, UserError), repr(error)
    assert error.code == code, (error.code, error.text("en"))
    thai, english = error.text("th"), error.text("en")
    assert has_thai(thai), thai
    assert english and english != thai, english
    for text in (thai, english):
        assert "{" not in text and "}" not in text, text
    return error


def audit_actions(ctx: AppContext, request_id: int | None = None) -> list[str]:
    with ctx.db.read() as session:
        return [e.action for e in audit.entries(session)
                if request_id is None or e.request_id == request_id]


def audit_count(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return audit.head(session)[0]


def to_approval(ctx: AppContext, people: dict[str, User],
                sample_request: Callable[..., PublicationRequest],
                registrar: str = "web1", checker: str = "web2", **changes: Any) -> int:
    """A new request brought to AWAITING_APPROVAL (registered by one webmaster, checked and
    sent by another)."""
    rid = rq.register_request(ctx, people[registrar], sample_request(**changes))
    rq.perform_action(ctx, people[registrar], rid, Action.SUBMIT)
    rq.perform_action(ctx, people[checker], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people[checker], rid, Action.SEND_FOR_APPROVAL)
    return rid


def approved(ctx: AppContext, people: dict[str, User],
             sample_request: Callable[..., PublicationRequest], **changes: Any) -> int:
    """A new request approved by ``boss`` (one-step chain)."""
    rid = to_approval(ctx, people, sample_request, **changes)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    return rid


# Pure-logic tests run on SQLite only: ``@sqlite_only`` narrows the ``database_url`` fixture.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def serve(ctx: AppContext, admin: User, site: EmbeddedSite, **changes: Any) -> ServerProfile:
    """Save ``site``'s profile (the default one) as ``admin`` and trust its host key on this
    PC, as an admin does once."""
    profile = save_server(ctx, site.profile(**changes), admin, make_default=True)
    with ctx.paths.known_hosts.open("a", encoding="utf-8") as known:
        known.write(site.server.known_hosts_line() + "\n")
    return profile


def with_files(ctx: AppContext, people: dict[str, User],
               sample_request: Callable[..., PublicationRequest], **changes: Any) -> int:
    """An approved request with a PDF and a photo (with its alternative text)."""
    from desktop.reports.demo_samples import sample_pdf, sample_photo
    from desktop.services.attachments import attach_file

    rid = rq.register_request(ctx, people["web1"], sample_request(**changes))
    attach_file(ctx, people["web1"], rid, "ประกาศ.pdf", sample_pdf("ประกาศรับสมัครงาน", 1))
    attach_file(ctx, people["web1"], rid, "ภาพกิจกรรม.jpg", sample_photo(1, (640, 427)),
                caption="ภาพกิจกรรม", alt_text="ผู้เข้าร่วมกิจกรรม")
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    return rid


def to_approval_of(ctx: AppContext, people: dict[str, User], rid: int) -> None:
    """Bring the draft ``rid`` (registered by web1) through checking to boss's approval."""
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")


def a_month_of_work(ctx: AppContext, people: dict[str, User],
                    sample_request: Callable[..., PublicationRequest]) -> dict[str, int]:
    """November 2026 at the office: one request published (at its site's URL), one rejected,
    one still a draft — all received that month."""
    from desktop.store.models import RequestRow

    published = approved(ctx, people, sample_request, title="ประกาศรับสมัครงาน ตำแหน่งนักวิชาการ")
    rq.perform_action(ctx, people["web1"], published, Action.PUBLISH)
    with ctx.db.write() as session:
        row = session.get(RequestRow, published)
        assert row is not None
        row.public_url = "https://www.example.go.th/news/wd-2569-00001/"
    rejected = to_approval(ctx, people, sample_request, title="ข่าวที่ไม่เกี่ยวข้องกับหน่วยงาน")
    decide(ctx, people["boss"], rejected, Decision.REJECT, "boss-pass-1", "ไม่เกี่ยวข้อง")
    draft = rq.register_request(ctx, people["web1"], sample_request(title="ร่างข่าวที่ยังไม่ส่ง"))
    return {"published": published, "rejected": rejected, "draft": draft}


def pc_paths(tmp_path: Path) -> AppPaths:
    """A profile folder (not made yet) for the per-PC settings tests; no database needed."""
    return AppPaths.resolve(tmp_path / "profile", f"sqlite:///{tmp_path / 'db.sqlite3'}")
