"""desktop.services.auth: the first user, users added only by an admin who types their
password, sign-in with a lockout counted in the database, sign-out — every one audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from desktop.domain.workflow import Role
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.keys import agency_key_status
from desktop.services.users import list_user_details
from desktop.store import audit, users_repo
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import assert_refusal, audit_actions, audit_count

NEW = auth.NewUser("malee", "malee-pass-123", frozenset({Role.WEBMASTER}), "นางสาวมาลี ตั้งใจ",
                   "นักจัดการงานทั่วไป")


def test_the_first_user_needs_nobody_and_becomes_admin_with_the_agency_key(
        ctx: AppContext) -> None:
    assert auth.count_users(ctx) == 0
    first = auth.create_user(ctx, NEW, None)
    assert first.roles == frozenset({Role.WEBMASTER, Role.ADMIN})
    status = agency_key_status(ctx)
    assert status.fingerprint is not None and status.trusted
    with ctx.db.read() as session:
        (created,) = [e for e in audit.entries(session) if e.action == "user_created"]
    assert created.actor_name == "(first run)"
    assert created.details["agency_key"] == status.fingerprint
    assert auth.list_users(ctx) == [first]


def test_a_first_run_another_pc_claimed_meanwhile_is_refused_and_says_so(
        ctx: AppContext) -> None:
    # what the second of two PCs setting up one new database sees: it counted no users, and
    # the other's first run committed before its own claim (tests/unit/store/
    # test_insert_races.py races the claim itself)
    with ctx.db.write() as session:
        assert users_repo.claim_first_run(session)
    with pytest.raises(UserError) as caught:
        auth.create_user(ctx, NEW, None)
    assert_refusal(caught.value, "first_run_taken")
    assert "อีกเครื่องหนึ่ง" in caught.value.text("th")
    assert auth.count_users(ctx) == 0 and agency_key_status(ctx).fingerprint is None


@pytest.mark.parametrize(("new", "code"), [
    (auth.NewUser("  ", "long-enough-1", frozenset({Role.WEBMASTER})), "missing_fields"),
    (auth.NewUser("x" * 65, "long-enough-1", frozenset({Role.WEBMASTER})), "fields_too_long"),
    (auth.NewUser("adm\x1b[8min\u202e", "long-enough-1", frozenset({Role.WEBMASTER})),
     "username_characters"),
    (auth.NewUser("adm\u200bin", "long-enough-1", frozenset({Role.WEBMASTER})),
     "username_characters"),
    (auth.NewUser("som chai", "long-enough-1", frozenset({Role.WEBMASTER})),
     "username_characters"),
    (auth.NewUser("short", "abc", frozenset({Role.WEBMASTER})), "weak_password"),
])
def test_bad_accounts_are_refused_before_anything_is_written(ctx: AppContext, new: auth.NewUser,
                                                             code: str) -> None:
    with pytest.raises(UserError) as caught:
        auth.create_user(ctx, new, None)
    assert_refusal(caught.value, code)
    assert auth.count_users(ctx) == 0 and audit_count(ctx) == 0


def test_a_missing_user_name_is_named_in_the_users_language(ctx: AppContext) -> None:
    with pytest.raises(UserError) as caught:
        auth.create_user(ctx, auth.NewUser(" ", "long-enough-1", frozenset({Role.WEBMASTER})))
    assert "ชื่อผู้ใช้" in caught.value.text("th") and "username" not in caught.value.text("th")
    assert "User name" in caught.value.text("en")


def test_after_the_first_user_only_an_admin_with_their_password_adds_people(
        ctx: AppContext, people) -> None:  # noqa: ANN001
    before = audit_count(ctx)
    for actor, password, code in ((None, None, "admin_required"),
                                  (people["admin"], None, "admin_password_required"),
                                  (people["web1"], "web1-pass-1", "admin_required")):
        with pytest.raises(PermissionDenied) as caught:
            auth.create_user(ctx, NEW, actor, actor_password=password)
        assert_refusal(caught.value, code)
    assert audit_count(ctx) == before
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.create_user(ctx, NEW, people["admin"], actor_password="not-the-password")
    assert_refusal(wrong.value, "bad_credentials")
    assert audit_actions(ctx)[-1] == "reauth_failed"       # the failure, and nothing else
    with pytest.raises(UserError) as taken:
        auth.create_user(ctx, auth.NewUser("web1", "another-pass-1",
                                           frozenset({Role.APPROVER})),
                         people["admin"], actor_password="admin-pass-1")
    assert_refusal(taken.value, "user_exists")
    assert sorted(u.username for u in auth.list_users(ctx)) == ["admin", "boss", "both",
                                                                "web1", "web2"]


def test_an_admin_adds_a_person_whose_key_is_certified(ctx: AppContext, people) -> None:  # noqa: ANN001
    added = auth.create_user(ctx, NEW, people["admin"], actor_password="admin-pass-1")
    assert (added.username, added.full_name, added.position) == (
        "malee", "นางสาวมาลี ตั้งใจ", "นักจัดการงานทั่วไป")
    assert auth.get_user(ctx, added.id) == added
    listing = {entry.user.username: entry for entry in list_user_details(ctx)}
    assert listing["malee"].key == "certified" and not listing["malee"].holds_agency_key
    assert audit_actions(ctx)[-1] == "user_created"
    assert auth.sign_in(ctx, "malee", "malee-pass-123") == added


def test_sign_in_is_audited_and_unknown_names_fail_like_wrong_passwords(
        ctx: AppContext, people) -> None:  # noqa: ANN001
    assert auth.sign_in(ctx, "web1", "web1-pass-1") == people["web1"]
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.sign_in(ctx, "nobody", "whatever-123")
    assert_refusal(unknown.value, "bad_credentials")
    with ctx.db.read() as session:
        last = audit.entries(session)[-2:]
    assert [e.action for e in last] == ["sign_in", "sign_in_failed"]
    assert last[1].details == {"reason": "unknown user"}


def test_five_wrong_passwords_lock_the_account_for_a_while(ctx: AppContext, people,  # noqa: ANN001
                                                           clock: FakeClock) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            auth.sign_in(ctx, "web2", "wrong-password")
        assert caught.value.code == "bad_credentials"
    with pytest.raises(AuthenticationFailed) as locked:
        auth.sign_in(ctx, "web2", "wrong-password")
    assert_refusal(locked.value, "account_locked")
    with pytest.raises(AuthenticationFailed) as still:
        auth.sign_in(ctx, "web2", "web2-pass-1")            # even the right one, for now
    assert still.value.code == "account_locked"
    clock.now += timedelta(minutes=16)
    assert auth.sign_in(ctx, "web2", "web2-pass-1").username == "web2"
    with ctx.db.read() as session:
        row = users_repo.by_name(session, "web2")
        assert row is not None and (row.failed_count, row.locked_until) == (0, None)


def test_a_disabled_account_cannot_sign_in(ctx: AppContext, people) -> None:  # noqa: ANN001
    with ctx.db.write() as session:
        row = users_repo.by_name(session, "boss", lock=True)
        assert row is not None
        row.active = False
    with pytest.raises(AuthenticationFailed) as caught:
        auth.sign_in(ctx, "boss", "boss-pass-1")
    assert_refusal(caught.value, "account_disabled")


def test_sign_out_records_why(ctx: AppContext, people) -> None:  # noqa: ANN001
    auth.sign_out(ctx, people["boss"], "decision")
    with ctx.db.read() as session:
        last = audit.entries(session)[-1]
    assert (last.action, last.actor_name, last.details) == ("sign_out", "boss",
                                                             {"reason": "decision"})


def test_an_unknown_user_id_is_not_found(ctx: AppContext, people) -> None:  # noqa: ANN001
    with pytest.raises(NotFound) as caught:
        auth.get_user(ctx, 4242)
    assert_refusal(caught.value, "user_not_found")
