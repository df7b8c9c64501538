"""The queue over a bulk-loaded archive, on SQLite and PostgreSQL: Thai search finds a word
inside longer titles (whatever the index does, the answer equals a plain substring test over
every row), every sort equals sorting every row, pages join up, and the search index is what
the database uses and stays in step with edits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, Role
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.audit_log import verify_all
from desktop.services.bulk_seed import SEARCH_WORD, seed_bulk
from desktop.services.context import AppContext
from desktop.store.models import AttachmentRow, BlobRow, RequestRow
from tests.support.postgres import PostgresServer

BULK = 700


@dataclass
class Archive:
    ctx: AppContext
    webmaster: User
    rows: list[RequestRow]          # every request, read straight from the table

    def refresh(self) -> None:
        with self.ctx.db.read() as session:
            self.rows = list(session.execute(select(RequestRow)).scalars())


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def archive(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """One archive per database for the whole module (loading it is the slow part); each
    test starts with ``archive.refresh()``."""
    folder = tmp_path_factory.mktemp("archive")
    database = None
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'webdesk.sqlite3'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        database = server.create_database()
        url = server.url(database)
    ctx = AppContext.open(AppPaths.resolve(folder / "profile", url))
    webmaster = auth.create_user(ctx, auth.NewUser("web", "web-pass-123",
                                                   frozenset({Role.WEBMASTER, Role.ADMIN})))
    rq.register_request(ctx, webmaster, PublicationRequest(
        title="FORM_X ข่าว%พิเศษ", requester=Requester(name="ผู้ขอ", unit="หน่วย \"ก\"")))
    result = seed_bulk(ctx, BULK, years=3)
    assert (result.requests, result.files) == (BULK, 3 * BULK)
    made = Archive(ctx, webmaster, [])
    made.refresh()
    yield made
    ctx.close()
    if database is not None:
        server.drop_database(database)


def everything(archive: Archive, query: rq.RequestQuery) -> list[rq.RequestSummary]:
    rows: list[rq.RequestSummary] = []
    while True:
        page = rq.list_requests(archive.ctx, rq.RequestQuery(
            states=query.states, text=query.text, sort=query.sort,
            descending=query.descending, offset=len(rows), limit=97))
        rows += page
        if len(page) < 97:
            return rows


def containing(archive: Archive, words: str) -> set[int]:
    lowered = words.lower()
    return {r.id for r in archive.rows
            if any(lowered in value.lower() for value in (r.title, r.reference,
                                                           r.requester_unit, r.requester_name))}


SEARCHES = [SEARCH_WORD, "สัมพันธ์กิจ", "ข่าว", "ชุมชน ครั้งที่ 1", "งานพัสดุ", "WD-25",
            "form_x", "%พิเศษ", '"ก"', "ข", "zz", "ไม่มีคำนี้แน่นอน"]


def test_thai_search_finds_words_inside_longer_titles_and_equals_a_full_scan(
        archive: Archive) -> None:
    archive.refresh()
    inside = [r for r in archive.rows if SEARCH_WORD in r.title
              and not r.title.startswith(SEARCH_WORD)]
    assert inside, "the bulk titles carry the word inside longer ones"
    wrong = {}
    for words in SEARCHES:
        query = rq.RequestQuery(text=words)
        found = [r.id for r in everything(archive, query)]
        expected = containing(archive, words)
        if sorted(found) != sorted(expected) or len(found) != len(set(found)) or \
                rq.count_requests(archive.ctx, query) != len(expected):
            wrong[words] = (len(found), len(expected))
    assert wrong == {}
    open_only = rq.RequestQuery(text=SEARCH_WORD, states=(RequestState.ARCHIVED,))
    assert rq.count_requests(archive.ctx, open_only) == len(
        {r.id for r in archive.rows if r.state == "archived"} & containing(archive, SEARCH_WORD))


@pytest.mark.parametrize("sort", ["updated", "due", "received", "reference", "title", "unit",
                                  "state", "category"])
def test_every_sort_pages_through_every_row_in_order(archive: Archive, sort: str) -> None:
    archive.refresh()
    keys = {"updated": "updated_at", "due": "received_at", "received": "received_at",
            "reference": "reference", "title": "title", "unit": "requester_unit",
            "state": "state", "category": "category"}
    for descending in (False, True):
        shown = [r.id for r in everything(archive, rq.RequestQuery(sort=sort,
                                                                   descending=descending))]
        ordered = sorted(archive.rows, key=lambda r: (getattr(r, keys[sort]), r.id),
                         reverse=descending)
        assert shown == [r.id for r in ordered], (sort, descending)


def test_the_database_answers_the_search_from_its_index(archive: Archive) -> None:
    archive.refresh()
    from desktop.store.requests_repo import QueueFilter, filtered

    with archive.ctx.db.read() as session:
        dialect = session.get_bind().dialect.name
        query = filtered(select(RequestRow.id), QueueFilter(text=SEARCH_WORD), dialect)
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        if dialect == "postgresql":
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(session.execute(text(f"EXPLAIN {compiled}")).scalars())
            assert "search_requests_grams" in plan
        else:
            plan = "\n".join(str(row[-1]) for row in
                             session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "VIRTUAL TABLE INDEX" in plan and "search_requests" in plan


def test_the_index_follows_edits(archive: Archive) -> None:
    archive.refresh()
    rid = rq.register_request(archive.ctx, archive.webmaster, PublicationRequest(
        title="ประกาศเดิมก่อนแก้ไข", requester=Requester(name="ก", unit="ข")))
    assert [r.id for r in everything(archive, rq.RequestQuery(text="เดิมก่อน"))] == [rid]
    current = rq.get_request(archive.ctx, archive.webmaster, rid).request
    rq.update_request(archive.ctx, archive.webmaster, rid,
                      current.with_changes(title="ประชาสัมพันธ์ฉบับใหม่หลังแก้ไข"))
    assert everything(archive, rq.RequestQuery(text="เดิมก่อน")) == []
    assert [r.id for r in everything(archive, rq.RequestQuery(text="ฉบับใหม่หลัง"))] == [rid]
    archive.refresh()
    assert rq.count_requests(archive.ctx, rq.RequestQuery(text=SEARCH_WORD)) == \
        len(containing(archive, SEARCH_WORD))


def test_bulk_rows_are_real_and_the_records_hold(archive: Archive) -> None:
    archive.refresh()
    with archive.ctx.db.read() as session:
        attachments = session.execute(select(AttachmentRow.request_id)).scalars().all()
        blobs = session.execute(select(BlobRow.sha256)).scalars().all()
    assert len(attachments) == 3 * BULK and len(set(attachments)) == BULK
    assert len(blobs) < 40                  # shared, content-addressed
    report = verify_all(archive.ctx)
    assert report.ok, report
    references = [r.reference for r in archive.rows]
    assert len(set(references)) == len(references)
    # a request registered after the load gets the next number of its year
    rid = rq.register_request(archive.ctx, archive.webmaster, PublicationRequest(title="ใหม่"))
    new = rq.get_request(archive.ctx, archive.webmaster, rid).request.reference
    year = new.rsplit("-", 1)[0]
    numbers = [int(r.rsplit("-", 1)[1]) for r in references if r.startswith(year + "-")]
    assert int(new.rsplit("-", 1)[1]) == max(numbers) + 1
    detail = rq.get_request(archive.ctx, archive.webmaster, attachments[-1])
    assert len(detail.request.attachments) == 3 and detail.history


def test_a_file_shared_by_hundreds_of_requests_names_only_the_latest(archive: Archive) -> None:
    from desktop.services.attachments import attach_file, read_blob

    archive.refresh()
    with archive.ctx.db.read() as session:
        sha = session.execute(select(AttachmentRow.sha256).where(AttachmentRow.kind == "pdf")
                              .limit(1)).scalar_one()
        holders = sorted(set(session.execute(select(AttachmentRow.request_id)
                                             .where(AttachmentRow.sha256 == sha)).scalars()))
    assert len(holders) > 100
    rid = rq.register_request(archive.ctx, archive.webmaster,
                              PublicationRequest(title="แนบแบบฟอร์มเดิมซ้ำ"))
    added = attach_file(archive.ctx, archive.webmaster, rid, "แบบฟอร์ม.pdf",
                        read_blob(archive.ctx, sha))
    assert [d.request_id for d in added.duplicates] == holders[::-1][:20]
