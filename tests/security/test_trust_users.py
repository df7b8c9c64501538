"""Users below the UI: services re-read the actor in their own transaction, separation of
duties counts editors, an admin's changes are signed, stale edits are refused.  SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from desktop.domain.errors import AuthenticationFailed, PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import Action, Role
from desktop.services import auth, users
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.demo_files import sample_pdf
from desktop.services.signature_check import verify_request
from desktop.services.signoff import Decision, decide
from desktop.store.models import AuditCheckpointRow
from tests.security.trust_fixtures import PASSWORDS, Office


def test_a_made_up_user_object_is_refused(office: Office) -> None:
    fake_admin = User(id=office["web1"].id, username="web1", full_name="", position="",
                      roles=frozenset({Role.ADMIN, Role.APPROVER, Role.WEBMASTER}))
    rid = office.awaiting()
    with pytest.raises(PermissionDenied):        # web1 has no approver role in the database
        decide(office.ctx, fake_admin, rid, Decision.APPROVE, PASSWORDS["web1"])
    nobody = User(id=9999, username="ghost", full_name="", position="",
                  roles=frozenset({Role.WEBMASTER}))
    with pytest.raises(UserError):
        rq.register_request(office.ctx, nobody, PublicationRequest(title="x"))
    renamed = dataclasses.replace(office["web1"], username="admin")
    with pytest.raises(AuthenticationFailed):
        rq.register_request(office.ctx, renamed, PublicationRequest(title="x"))


def test_a_disabled_users_open_session_can_do_nothing_more(office: Office) -> None:
    web2 = office["web2"]                      # signed in earlier: the session's snapshot
    rid = office.new_request()
    users.disable_user(office.ctx, office["admin"], PASSWORDS["admin"], "web2")
    for attempt in (lambda: rq.register_request(office.ctx, web2, PublicationRequest(title="x")),
                    lambda: rq.perform_action(office.ctx, web2, rid, Action.START_REVIEW),
                    lambda: attach_file(office.ctx, web2, rid, "a.pdf", sample_pdf("a"))):
        with pytest.raises(AuthenticationFailed) as refused:
            attempt()
        assert refused.value.code == "account_disabled"
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(office.ctx, "web2", PASSWORDS["web2"])
    users.enable_user(office.ctx, office["admin"], PASSWORDS["admin"], "web2")
    rq.perform_action(office.ctx, web2, rid, Action.START_REVIEW)


def test_an_approver_whose_role_was_removed_cannot_approve(office: Office) -> None:
    rid = office.awaiting()
    boss = office["boss"]
    users.set_roles(office.ctx, office["admin"], PASSWORDS["admin"], "boss",
                    frozenset({Role.WEBMASTER}))
    with pytest.raises(PermissionDenied):
        decide(office.ctx, boss, rid, Decision.APPROVE, PASSWORDS["boss"])
    users.set_roles(office.ctx, office["admin"], PASSWORDS["admin"], "boss",
                    frozenset({Role.APPROVER}))
    decide(office.ctx, boss, rid, Decision.APPROVE, PASSWORDS["boss"])
    assert verify_request(office.ctx, rid).ok     # the new certificate gives the role


def test_whoever_edited_the_body_or_added_a_file_may_not_approve(office: Office) -> None:
    head = office["head"]                         # webmaster and approver
    edited = office.awaiting("แก้ไขเนื้อหาโดยหัวหน้า")
    request = rq.get_request(office.ctx, head, edited).request
    rq.update_request(office.ctx, head, edited, request.with_changes(body="แก้ไขโดยหัวหน้า"))
    rq.perform_action(office.ctx, office["web2"], edited, Action.SEND_FOR_APPROVAL)
    with pytest.raises(PermissionDenied) as refused:
        decide(office.ctx, head, edited, Decision.APPROVE, PASSWORDS["head"])
    assert refused.value.code == "separation_of_duties"
    attached = office.awaiting("เพิ่มไฟล์โดยหัวหน้า")
    # adding a file sends it back to review and makes head an editor
    attach_file(office.ctx, head, attached, "ภาคผนวก.pdf", sample_pdf("ภาคผนวก"))
    rq.perform_action(office.ctx, office["web2"], attached, Action.SEND_FOR_APPROVAL)
    with pytest.raises(PermissionDenied):
        decide(office.ctx, head, attached, Decision.APPROVE, PASSWORDS["head"])
    decide(office.ctx, office["boss"], attached, Decision.APPROVE, PASSWORDS["boss"])


def test_admin_changes_are_admins_only_signed_and_keep_an_admin(office: Office) -> None:
    with pytest.raises(PermissionDenied):
        users.disable_user(office.ctx, office["web1"], PASSWORDS["web1"], "web2")
    with pytest.raises(PermissionDenied) as refused:
        users.disable_user(office.ctx, office["admin"], PASSWORDS["admin"], "admin")
    assert refused.value.code == "not_yourself"
    with pytest.raises(PermissionDenied) as refused:
        users.set_roles(office.ctx, office["admin"], PASSWORDS["admin"], "admin",
                        frozenset({Role.WEBMASTER}))
    assert refused.value.code == "last_admin"
    with pytest.raises(AuthenticationFailed):
        users.unlock_user(office.ctx, office["admin"], "wrong-password", "web1")
    users.unlock_user(office.ctx, office["admin"], PASSWORDS["admin"], "web1")
    with office.ctx.db.read() as s:
        kinds = [r.kind for r in s.execute(select(AuditCheckpointRow)).scalars()]
    assert {"user_created", "user_unlocked"} <= set(kinds)


def test_a_stale_edit_is_refused_and_names_who_changed_it(office: Office) -> None:
    rid = office.new_request()
    web1, web2 = office["web1"], office["web2"]
    mine = rq.get_request(office.ctx, web1, rid).request
    theirs = rq.get_request(office.ctx, web2, rid).request
    saved = rq.update_request(office.ctx, web2, rid, theirs.with_changes(remarks="เพิ่มหมายเหตุ"))
    assert saved.version > theirs.version
    with pytest.raises(UserError) as refused:
        rq.update_request(office.ctx, web1, rid, mine.with_changes(title="หัวข้อใหม่"))
    assert refused.value.code == "stale_edit"
    assert "สมศรี มีสุข" in refused.value.text("th")
    fresh = rq.get_request(office.ctx, web1, rid).request
    assert fresh.remarks == "เพิ่มหมายเหตุ" and fresh.title != "หัวข้อใหม่"
    rq.update_request(office.ctx, web1, rid, fresh.with_changes(title="หัวข้อใหม่"))


def test_user_add_after_the_first_needs_an_admin_password(office: Office) -> None:
    new = auth.NewUser("mallory", "mallory-pass-1", frozenset({Role.ADMIN}))
    with pytest.raises(PermissionDenied):
        auth.create_user(office.ctx, new, None)
    with pytest.raises(PermissionDenied):
        auth.create_user(office.ctx, new, office["admin"])
    with pytest.raises(PermissionDenied):
        auth.create_user(office.ctx, new, office["web1"], actor_password=PASSWORDS["web1"])
    assert "mallory" not in {u.username for u in auth.list_users(office.ctx)}
