"""Texts longer than their database column are refused with a message naming the field and
its limit, before the database sees them (PostgreSQL raised a DataError shown as a bug; SQLite
stored them).  The limits come from one table (desktop/domain/field_limits.py) that the columns
are declared from."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import String, func, select

from desktop.domain.errors import ValidationFailed
from desktop.domain.field_limits import (
    ATTACHMENT_FIELD_LIMITS,
    REQUEST_FIELD_LIMITS,
    USER_FIELD_LIMITS,
)
from desktop.domain.request import PublicationRequest, Requester
from desktop.services import requests as rq
from desktop.store.models import AttachmentRow, RequestRow, UserRow
from tests.security.hostile_fixtures import Desk, shared_desk  # noqa: F401

THAI = "ก"  # three bytes in UTF-8, one character for PostgreSQL's varchar(n)


def _column_length(table: type, column: str) -> int | None:
    kind = table.__table__.c[column].type  # type: ignore[attr-defined]
    assert isinstance(kind, String)
    return kind.length


def test_the_columns_are_declared_from_the_same_limits() -> None:
    for field, limit in REQUEST_FIELD_LIMITS.items():
        assert _column_length(RequestRow, field.replace(".", "_")) == limit, field
    for field, limit in ATTACHMENT_FIELD_LIMITS.items():
        assert _column_length(AttachmentRow, field) == limit, field
    for field, limit in USER_FIELD_LIMITS.items():
        assert _column_length(UserRow, field) == limit, field


def _request(**changes: object) -> PublicationRequest:
    base = PublicationRequest(title="ประกาศ", category="news", subcategory="general_news",
                              requester=Requester(name="ผู้ขอ", unit="หน่วยงาน"),
                              received_at=datetime(2026, 11, 23, 8, 30))
    requester = {k.split(".", 1)[1]: v for k, v in changes.items() if k.startswith("requester.")}
    plain = {k: v for k, v in changes.items() if not k.startswith("requester.")}
    return replace(base, requester=replace(base.requester, **requester), **plain)


def _value(field: str, length: int) -> str:
    if field == "external_link":
        return "https://www.agency.go.th/" + THAI * (length - 25)
    if field == "requester.email":
        return THAI * (length - 11) + "@mail.go.th"
    return THAI * length


def _count(desk: Desk) -> int:  # noqa: F811
    with desk.ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(RequestRow)) or 0)


def test_every_request_text_one_over_its_limit_is_refused_by_name(
        shared_desk: Desk) -> None:  # noqa: F811
    before = _count(shared_desk)
    for field, limit in REQUEST_FIELD_LIMITS.items():
        with pytest.raises(ValidationFailed) as refused:
            rq.register_request(shared_desk.ctx, shared_desk.webmaster,
                                _request(**{field: _value(field, limit + 1)}))
        error = refused.value
        assert error.code == "fields_too_long" and error.params["names"] == [field], field
        assert f"{limit + 1:,} ตัวอักษร (ไม่เกิน {limit:,} ตัวอักษร)" in error.text("th")
        assert f"{limit + 1:,} characters long (at most {limit:,})" in error.text("en")
    assert _count(shared_desk) == before


def test_the_message_names_the_field_in_thai_and_english(
        shared_desk: Desk) -> None:  # noqa: F811
    with pytest.raises(ValidationFailed) as refused:
        rq.register_request(shared_desk.ctx, shared_desk.webmaster, _request(
            title=THAI * 612, **{"requester.unit": THAI * 250}))
    assert refused.value.params["names"] == ["title", "requester.unit"]
    assert refused.value.text("th") == (
        "ข้อความยาวเกินที่กำหนด: “หัวข้อ” ยาว 612 ตัวอักษร (ไม่เกิน 500 ตัวอักษร), "
        "“หน่วยงาน” ยาว 250 ตัวอักษร (ไม่เกิน 200 ตัวอักษร)")
    assert refused.value.text("en").startswith("Too long: “Title” is 612 characters long")


def test_texts_exactly_at_their_limits_are_stored_whole(
        shared_desk: Desk) -> None:  # noqa: F811
    at_limit = {field: _value(field, limit) for field, limit in REQUEST_FIELD_LIMITS.items()
                if field not in ("category", "subcategory")}  # those come from the catalogue
    request_id = rq.register_request(shared_desk.ctx, shared_desk.webmaster,
                                     _request(**at_limit))
    with shared_desk.ctx.db.read() as session:
        row = session.get(RequestRow, request_id)
        assert row is not None
        for field, value in at_limit.items():
            assert getattr(row, field.replace(".", "_")) == value, field


def test_an_edit_that_makes_a_text_too_long_changes_nothing(
        shared_desk: Desk) -> None:  # noqa: F811
    desk = shared_desk
    original = rq.get_request(desk.ctx, desk.webmaster, desk.request_id).request
    with pytest.raises(ValidationFailed) as refused:
        rq.update_request(desk.ctx, desk.webmaster, desk.request_id,
                          original.with_changes(source_owner=THAI * 301))
    assert refused.value.params["names"] == ["source_owner"]
    after = rq.get_request(desk.ctx, desk.webmaster, desk.request_id).request
    assert after.source_owner == original.source_owner and after.title == original.title


def test_attachment_texts_over_their_limits_are_refused_before_anything_is_stored(
        shared_desk: Desk) -> None:  # noqa: F811
    from desktop.services.attachments import attach_file, set_image_text
    from tests.unit.files import builders as b

    desk = shared_desk
    stored = desk.stored_files()
    with pytest.raises(ValidationFailed) as refused:
        attach_file(desk.ctx, desk.webmaster, desk.request_id, "ภาพ.jpg", b.jpeg(64, 48),
                    caption=THAI * 501)
    assert refused.value.params["names"] == ["caption"]
    assert "“คำบรรยายภาพ” ยาว 501 ตัวอักษร" in refused.value.text("th")
    assert desk.stored_files() == stored
    added = attach_file(desk.ctx, desk.webmaster, desk.request_id, "ภาพ.jpg", b.jpeg(64, 48),
                        caption=THAI * 500, alt_text=THAI * 500)
    with pytest.raises(ValidationFailed) as refused:
        set_image_text(desk.ctx, desk.webmaster, desk.request_id, added.attachment_id,
                       "ภาพกิจกรรม", THAI * 501)
    assert refused.value.params["names"] == ["alt_text"]


def test_user_texts_over_their_limits_are_refused(shared_desk: Desk) -> None:  # noqa: F811
    from desktop.domain.workflow import Role
    from desktop.services import auth

    with pytest.raises(ValidationFailed) as refused:
        auth.create_user(shared_desk.ctx, auth.NewUser(
            "writer", "writer-pass-1", frozenset({Role.WEBMASTER}), THAI * 201, THAI * 10),
            None)
    assert refused.value.params["names"] == ["full_name"]
    assert "“ชื่อ-นามสกุล” ยาว 201 ตัวอักษร (ไม่เกิน 200 ตัวอักษร)" in refused.value.text("th")
    with pytest.raises(ValidationFailed) as refused:
        auth.create_user(shared_desk.ctx, auth.NewUser(
            "u" * 65, "writer-pass-1", frozenset({Role.WEBMASTER})), None)
    assert refused.value.params["names"] == ["username"]
