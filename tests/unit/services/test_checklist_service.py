"""Required pre-publish checks block sending to approval and publishing, in the services."""

from __future__ import annotations

import pytest

from desktop.domain.errors import UserError
from desktop.domain.workflow import Action, RequestState
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.checklist import request_checklist
from desktop.services.demo_files import sample_pdf, sample_photo


def test_personal_data_in_an_attachment_blocks_sending_for_approval(ctx, people,  # noqa: ANN001
                                                                     sample_request) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    # A valid Thai national ID (its check digit holds), written with dashes, inside the PDF.
    attach_file(ctx, people["web1"], rid, "รายชื่อผู้สมัคร.pdf",
                sample_pdf("ผู้สมัคร นายทดสอบ เลขประจำตัวประชาชน 1-1017-00010-22-8"))
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    report = request_checklist(ctx, rid)
    assert report.blocked
    failing = [i.code for i in report.items if i.blocks]
    assert failing == ["personal_data"]
    with pytest.raises(UserError) as caught:
        rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    assert caught.value.code == "checklist_blocked"
    assert "ข้อมูลส่วนบุคคล" in caught.value.text("th")
    assert rq.get_request(ctx, people["web2"], rid).request.state == RequestState.IN_REVIEW


def test_image_without_alt_text_blocks_until_it_has_one(ctx, people, sample_request) -> None:  # noqa: ANN001
    from desktop.services.attachments import set_image_text

    rid = rq.register_request(ctx, people["web1"], sample_request())
    added = attach_file(ctx, people["web1"], rid, "ภาพ.jpg", sample_photo(1))
    assert "image_alt_text" in [i.code for i in request_checklist(ctx, rid).items if i.blocks]
    set_image_text(ctx, people["web1"], rid, added.attachment_id, "ภาพกิจกรรม", "ผู้เข้าร่วม")
    assert not request_checklist(ctx, rid).blocked
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    assert rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL) \
        == RequestState.AWAITING_APPROVAL


def test_the_checklist_runs_once_and_outside_the_write_lock(ctx, people, sample_request,  # noqa: ANN001
                                                            monkeypatch) -> None:  # noqa: ANN001
    """Sending re-inspects files and extracts PDF text: that work must not hold SQLite's one
    write lock, and the preview asking again for the same content must not redo it."""
    import sqlite3
    from collections import OrderedDict

    from desktop.services import checklist

    rid = rq.register_request(ctx, people["web1"], sample_request())
    attach_file(ctx, people["web1"], rid, "ประกาศ.pdf", sample_pdf("ประกาศรับสมัครงาน"))
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    computed: list[bool] = []
    original = checklist._compute

    def compute(session, request, row, settings):  # noqa: ANN001, ANN202
        free = True
        if ctx.db.url.startswith("sqlite"):      # could another writer start now?
            other = sqlite3.connect(ctx.db.url.removeprefix("sqlite:///"), timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.rollback()
            except sqlite3.OperationalError:
                free = False
            finally:
                other.close()
        computed.append(free)
        return original(session, request, row, settings)

    monkeypatch.setattr(checklist, "_compute", compute)
    # Reports are cached by content: the same request in another test (database) counts.
    monkeypatch.setattr(checklist, "_cache", OrderedDict())
    assert rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL) \
        == RequestState.AWAITING_APPROVAL
    assert computed == [True]                    # once, with the write lock free
    assert not request_checklist(ctx, rid).blocked
    assert computed == [True]                    # the preview's ask came from the cache
