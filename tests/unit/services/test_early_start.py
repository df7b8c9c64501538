"""The start ahead of the database layer (desktop/services/early_start.py) on a real SQLite
profile and a real PostgreSQL server: it opens only what it can answer for, its first page is
the ordinary page, its password check decides only sure successes, and the audited sign-in
that follows is the ordinary one — which still refuses an account disabled, locked or changed
in between."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from desktop.domain.errors import AuthenticationFailed
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, Role
from desktop.paths import AppPaths
from desktop.services import auth, users
from desktop.services.bulk_seed import seed_bulk
from desktop.services.context import AppContext
from desktop.services.early_start import check_password_early, first_page_early, open_early
from desktop.services.queue_page import RequestQuery, list_requests
from desktop.services.requests import count_requests
from desktop.services.user_session import UserSession
from desktop.store.models import AttachmentRow, AuditRow, RequestRow, UserRow
from tests.unit.services.conftest import Office

SIGNING = {RequestState.AWAITING_APPROVAL, RequestState.APPROVED}


@pytest.fixture
def early(office: Office, people: dict[str, User]) -> Iterator[AppContext]:
    opened = open_early(office.ctx.paths)
    assert opened is not None and not opened.loaded and opened.early is not None
    yield opened
    opened.close()


def _audit(ctx: AppContext, username: str) -> list[tuple[str, str]]:
    with ctx.db.read() as session:
        rows = session.execute(select(AuditRow.action, AuditRow.details)
                               .where(AuditRow.actor_name == username)
                               .order_by(AuditRow.id)).all()
    return [(str(action), str(details)) for action, details in rows]


def _user_row(ctx: AppContext, username: str) -> tuple[int, datetime | None]:
    with ctx.db.read() as session:
        row = session.execute(select(UserRow).where(UserRow.username == username)).scalar_one()
        return row.failed_count, row.locked_until


# ----- opening -----

def test_a_profile_at_the_newest_schema_with_people_opens_early(early: AppContext) -> None:
    assert not early.loaded and early.early is not None
    early.db.engine.dispose()        # the first use of db opens it through the layer
    assert early.loaded and early.early is None    # (and the plain connection is closed)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///x.db?mode=ro",
                                 "mysql://u@127.0.0.1/db", "postgresql+psycopg2://u@h/db",
                                 "postgresql+psycopg://u@127.0.0.1:1/db",   # nobody there
                                 "postgresql+psycopg://u@127.0.0.1:99999/db"])   # no port
def test_what_cannot_be_read_early_takes_the_ordinary_opening(tmp_path: Path,
                                                              url: str) -> None:
    """(The ordinary opening then says what is wrong, in the user's language.)"""
    assert open_early(AppPaths.resolve(tmp_path / "p", url)) is None


def test_a_missing_file_is_left_to_the_ordinary_opening(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    assert open_early(AppPaths.resolve(tmp_path / "p", f"sqlite:///{path}")) is None
    assert path.stat().st_size == 0        # (the profile's empty private file, as ever)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    assert open_early(AppPaths.resolve(tmp_path / "p", f"sqlite:///{path}")) is None


def test_an_older_schema_takes_the_ordinary_opening(office: Office,
                                                    people: dict[str, User]) -> None:
    with office.ctx.db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert open_early(office.ctx.paths) is None


def test_a_first_run_takes_the_ordinary_opening(office: Office) -> None:
    assert auth.count_users(office.ctx) == 0          # (the office without its people)
    assert open_early(office.ctx.paths) is None


# ----- the first page -----

def _vary(ctx: AppContext) -> None:
    """Some of the newest requests await signatures or are approved, and some of their files
    were replaced (a replaced file is not counted)."""
    with ctx.db.write() as session:
        ids = list(session.execute(select(RequestRow.id).order_by(RequestRow.updated_at.desc())
                                   .limit(12)).scalars())
        session.execute(update(RequestRow).where(RequestRow.id.in_(ids[:4]))
                        .values(state=RequestState.AWAITING_APPROVAL.value))
        session.execute(update(RequestRow).where(RequestRow.id.in_(ids[4:6]))
                        .values(state=RequestState.APPROVED.value))
        session.execute(update(AttachmentRow).where(AttachmentRow.request_id.in_(ids[2:9]))
                        .values(superseded_at=datetime(2026, 11, 1)))


@pytest.mark.parametrize("states", [(), (RequestState.PUBLISHED,),
                                    (RequestState.AWAITING_APPROVAL, RequestState.DRAFT)],
                         ids=["all", "published", "two"])
def test_the_early_page_is_the_ordinary_page(office: Office, people: dict[str, User],
                                             states: tuple[RequestState, ...]) -> None:
    ctx = office.ctx
    seed_bulk(ctx, 400, years=3)
    _vary(ctx)
    ctx.set_setting("sla", {"publish_within_days": 5, "step_days": 2})
    ctx.set_setting("holidays", ["2026-12-07", "2026-12-10"])
    today = date(2026, 12, 31)
    query = RequestQuery(states=states, limit=200)
    early = open_early(ctx.paths)
    assert early is not None
    try:
        found = first_page_early(early, query, today)
        assert found is not None and not early.loaded
    finally:
        early.close()
    page, total, due = found
    ordinary = list_requests(ctx, query)
    assert len(page) == len(ordinary) > 0
    assert total == count_requests(ctx, query)
    assert due == count_requests(ctx, RequestQuery(due_by=today))
    for mine, theirs in zip(page, ordinary, strict=True):
        if theirs.state in SIGNING:   # who signs next: said after the audited sign-in
            assert mine.waiting_for.th == "" and theirs.waiting_for.th != ""
            mine = mine._replace(waiting_for=theirs.waiting_for)
        assert mine == theirs
    assert {row.state for row in ordinary} & SIGNING or states == (RequestState.PUBLISHED,)


def test_other_queries_and_a_loaded_context_are_not_answered_early(
        early: AppContext) -> None:
    today = date(2026, 12, 1)
    assert first_page_early(early, RequestQuery(), today) is not None
    for query in (RequestQuery(text="ข่าว"), RequestQuery(category="news"),
                  RequestQuery(offset=200), RequestQuery(sort="due"),
                  RequestQuery(descending=False), RequestQuery(due_by=today),
                  RequestQuery(ids=(1,)), RequestQuery(limit=1001)):
        assert first_page_early(early, query, today) is None, query
    early.load()
    assert first_page_early(early, RequestQuery(), today) is None


# ----- the password, and the audited sign-in after it -----

def test_a_right_password_is_decided_early_and_recorded_as_ever(
        office: Office, early: AppContext, people: dict[str, User]) -> None:
    session = UserSession.sign_in(early, "web1", "web1-pass-1")
    assert session.unrecorded and not early.loaded
    assert session.user == people["web1"]
    assert _audit(office.ctx, "web1") == []
    assert session.record_sign_in() == people["web1"]
    assert not session.unrecorded and early.loaded
    assert [action for action, _ in _audit(office.ctx, "web1")] == ["sign_in"]
    assert _user_row(office.ctx, "web1") == (0, None)


def test_anything_but_a_sure_success_is_left_to_the_ordinary_sign_in(
        office: Office, early: AppContext, people: dict[str, User]) -> None:
    assert check_password_early(early, "web1", "wrong") is None
    assert check_password_early(early, "nobody", "web1-pass-1") is None
    assert check_password_early(early, "boss", "boss-pass-1") is None   # an approver
    assert _user_row(office.ctx, "web1") == (0, None)      # nothing counted early
    with pytest.raises(AuthenticationFailed):               # the ordinary sign-in counts it
        UserSession.sign_in(early, "web1", "wrong")
    assert early.loaded
    assert _user_row(office.ctx, "web1")[0] == 1
    assert [action for action, _ in _audit(office.ctx, "web1")] == ["sign_in_failed"]


def test_a_disabled_or_locked_account_is_not_decided_early(
        office: Office, early: AppContext, people: dict[str, User]) -> None:
    ctx = office.ctx
    with ctx.db.write() as session:
        session.execute(update(UserRow).where(UserRow.username == "web1")
                        .values(locked_until=datetime.now() + timedelta(minutes=10)))
    assert check_password_early(early, "web1", "web1-pass-1") is None
    users.disable_user(ctx, people["admin"], "admin-pass-1", "web2")
    assert check_password_early(early, "web2", "web2-pass-1") is None


def test_an_account_disabled_in_between_is_refused_when_recorded(
        office: Office, early: AppContext, people: dict[str, User]) -> None:
    session = UserSession.sign_in(early, "web1", "web1-pass-1")
    users.disable_user(office.ctx, people["admin"], "admin-pass-1", "web1")
    with pytest.raises(AuthenticationFailed) as refused:
        session.record_sign_in()
    assert refused.value.code == "account_disabled"
    assert session.ended and not session.unrecorded
    actions = [(a, d) for a, d in _audit(office.ctx, "web1")]
    assert [a for a, _ in actions] == ["sign_in_failed"] and "disabled" in actions[0][1]


def test_an_account_whose_roles_changed_in_between_must_sign_in_again(
        office: Office, early: AppContext, people: dict[str, User]) -> None:
    session = UserSession.sign_in(early, "web1", "web1-pass-1")
    users.set_roles(office.ctx, people["admin"], "admin-pass-1", "web1",
                    frozenset({Role.WEBMASTER, Role.ADMIN}))
    with pytest.raises(AuthenticationFailed) as refused:
        session.record_sign_in()
    assert refused.value.code == "session_user_changed"
    assert not session.ended              # it was recorded: the sign-out follows as ever
