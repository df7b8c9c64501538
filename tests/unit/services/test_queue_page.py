"""The queue's page (desktop.services.queue_page) and the request detail read in one
statement: due dates follow the shared SLA settings (also after another PC changes them, and
when they are damaged), who acts next on each row, and the detail equal to what the ORM rows
say — each read with the few statements it is meant to need."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event, update

from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action, RequestState
from desktop.reports.demo_samples import sample_pdf
from desktop.services import attachments
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.queue_page import (
    RequestQuery,
    count_by_state,
    count_requests,
    list_requests,
)
from desktop.store import audit, requests_repo
from desktop.store.mapping import to_request
from desktop.store.models import SettingRow
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import to_approval

Sample = Callable[..., PublicationRequest]


@contextmanager
def statements(ctx: AppContext) -> Iterator[list[str]]:
    """The SQL statements ``ctx`` sends meanwhile, as the database library sees them (on
    SQLite its trace, BEGIN/ROLLBACK included; the detail's statement bypasses SQLAlchemy
    there)."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement)

    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(sent.append)

    engine = ctx.db.engine
    if ctx.db.is_sqlite:
        event.listen(engine, "connect", trace)
        engine.dispose()                         # new connections, traced
    else:
        event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        if ctx.db.is_sqlite:
            event.remove(engine, "connect", trace)
            engine.dispose()
        else:
            event.remove(engine, "before_cursor_execute", note)


def test_due_dates_follow_the_shared_sla_and_holidays_also_after_a_change(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    # received Monday 23 November 2026; 3 working days by default
    rq.register_request(ctx, people["web1"], sample_request())
    assert list_requests(ctx, RequestQuery())[0].due == date(2026, 11, 26)
    ctx.set_setting("holidays", ["2026-11-24"])            # as another PC's admin would
    assert list_requests(ctx, RequestQuery())[0].due == date(2026, 11, 27)
    ctx.set_setting("sla", {"publish_within_days": 1, "step_days": 1})
    assert list_requests(ctx, RequestQuery())[0].due == date(2026, 11, 25)


def test_damaged_sla_settings_read_as_the_defaults(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample) -> None:
    rq.register_request(ctx, people["web1"], sample_request())
    ctx.set_setting("sla", {"publish_within_days": 1})
    ctx.set_setting("holidays", ["2026-11-24"])
    with ctx.db.write() as session:          # written behind the app's back: not JSON
        session.execute(update(SettingRow).where(SettingRow.key == "sla").values(value="{"))
        session.execute(update(SettingRow).where(SettingRow.key == "holidays")
                        .values(value='["2026-11-25", "not a day"]'))
    page = list_requests(ctx, RequestQuery())
    assert page[0].due == date(2026, 11, 27)        # 3 days (default), the 25th a holiday


def test_a_plain_page_is_two_statements_without_a_transaction(
        ctx: AppContext, people, sample_request: Sample, clock: FakeClock) -> None:  # noqa: ANN001
    for n in range(3):
        clock.now += timedelta(minutes=1)
        rq.register_request(ctx, people["web1"], sample_request(title=f"ข่าว {n}"))
    with statements(ctx) as sent:
        page = list_requests(ctx, RequestQuery(sort="due", descending=False))
    assert [r.title for r in page] == ["ข่าว 0", "ข่าว 1", "ข่าว 2"]
    assert len(sent) == 2 and not any(s.strip().upper().startswith("BEGIN") for s in sent)
    assert count_requests(ctx, RequestQuery(text="ข่าว")) == 3


def test_who_acts_next_on_each_row_of_a_page(ctx: AppContext, people,  # noqa: ANN001
                                            sample_request: Sample,
                                            clock: FakeClock) -> None:
    draft = rq.register_request(ctx, people["web1"], sample_request(title="ร่าง"))
    clock.now += timedelta(minutes=1)
    awaiting = to_approval(ctx, people, sample_request, title="คำขอที่รออนุมัติจากผู้บริหาร")
    clock.now += timedelta(minutes=1)
    returned = rq.register_request(ctx, people["web1"], sample_request(title="ส่งกลับ"))
    rq.perform_action(ctx, people["web1"], returned, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], returned, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], returned, Action.RETURN_FOR_CORRECTION,
                      reason="แก้ชื่อเรื่อง")
    rows = {r.id: r for r in list_requests(ctx, RequestQuery())}
    assert rows[draft].waiting_for.text("th") == "ผู้ดูแลเว็บไซต์: ส่งคำขอ"
    assert rows[awaiting].state == RequestState.AWAITING_APPROVAL
    assert rows[awaiting].waiting_for.text("th").startswith("ขั้นที่ 1/")
    assert rows[awaiting].waiting_for.text("en").startswith("step 1/")
    assert rows[returned].waiting_for.text("en") == \
        "the owner (กลุ่มงานบริหารทั่วไป): correct and resend"


def _detail_from_orm_rows(ctx: AppContext, actor: Any, request_id: int) -> rq.RequestDetail:
    """The detail as the ORM rows give it (what get_request returned before it was read in
    one statement)."""
    with ctx.db.read() as session:
        row = requests_repo.load(session, request_id)
        request = to_request(row)
        actors = requests_repo.actors(session, row)
        return rq.RequestDetail(
            request=request, actors=actors,
            allowed=rq.allowed_actions(actor, request.state, actors),
            history=tuple(audit.entries(session, request_id=request_id)),
            created_at=row.created_at, updated_at=row.updated_at)


def test_the_detail_is_one_statement_and_says_what_the_rows_say(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = rq.register_request(ctx, people["web1"], sample_request())
    files = [attachments.attach_file(ctx, people["web1"], rid, name, sample_pdf(name, 1),
                                     caption=f"ไฟล์ {name}").attachment_id
             for name in ("b.pdf", "a.pdf", "c.pdf")]
    attachments.attach_file(ctx, people["web1"], rid, "a2.pdf", sample_pdf("a2", 1),
                            replaces=files[1])
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    for reader in ("web1", "web2", "boss"):
        with statements(ctx) as sent:
            detail = rq.get_request(ctx, people[reader], rid)
        assert len(sent) == 1
        assert detail == _detail_from_orm_rows(ctx, people[reader], rid)
    assert [a.display_name for a in detail.request.attachments] == ["b.pdf", "a2.pdf", "c.pdf"]
    assert detail.actors.checked_by == frozenset({people["web2"].id})
    assert [e.id for e in detail.history] == sorted(e.id for e in detail.history)
    assert len(detail.history) >= 6 and detail.history[0].action == "request_registered"
    assert len(detail.manifest_hash) == 64


def test_counts_by_state_name_every_state_and_match_the_filtered_counts(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    first = rq.register_request(ctx, people["web1"], sample_request())
    rq.register_request(ctx, people["web1"], sample_request())
    rq.perform_action(ctx, people["web1"], first, Action.SUBMIT)
    counts = count_by_state(ctx)
    assert set(counts) == set(RequestState)
    assert counts[RequestState.DRAFT] == 1 and counts[RequestState.SUBMITTED] == 1
    for state, number in counts.items():
        assert count_requests(ctx, RequestQuery(states=(state,))) == number
