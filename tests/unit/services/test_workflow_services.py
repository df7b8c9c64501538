"""The workflow through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from desktop.domain.errors import (
    AuthenticationFailed,
    IllegalTransition,
    PermissionDenied,
    UserError,
    ValidationFailed,
)
from desktop.domain.workflow import Action, RequestState, Role
from desktop.keys.passwords import TEST_COST_VARIABLE
from desktop.services import audit_log, auth
from desktop.services import requests as rq
from desktop.services.signoff import Decision, decide
from desktop.store.models import AuditRow, RequestRow, SignoffRow


def _to_approval(ctx, people, sample_request, registrar="web1", checker="web2"):  # noqa: ANN001
    rid = rq.register_request(ctx, people[registrar], sample_request())
    rq.perform_action(ctx, people[registrar], rid, Action.SUBMIT)
    rq.perform_action(ctx, people[checker], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people[checker], rid, Action.SEND_FOR_APPROVAL)
    return rid


def test_happy_path_to_published_is_audited(ctx, people, sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request)
    result = decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert result.state == RequestState.APPROVED
    assert rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH) == RequestState.PUBLISHED
    detail = rq.get_request(ctx, people["web1"], rid)
    actions = [h.action for h in detail.history]
    assert actions == ["request_registered", "state:submit", "state:start_review",
                       "state:send_for_approval", "state:approve", "state:publish"]
    assert audit_log.verify_all(ctx).ok


@pytest.mark.parametrize("who", ["both"])
def test_registrar_cannot_approve_whatever_roles(ctx, people, sample_request, who) -> None:
    rid = _to_approval(ctx, people, sample_request, registrar=who)
    with pytest.raises(PermissionDenied) as caught:
        decide(ctx, people[who], rid, Decision.APPROVE, f"{who}-pass-1")
    assert caught.value.code == "separation_of_duties"
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(SignoffRow)).scalar_one() == 0


def test_checker_cannot_approve(ctx, people, sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request, checker="both")
    with pytest.raises(PermissionDenied):
        decide(ctx, people["both"], rid, Decision.REJECT, "both-pass-1", "ไม่เกี่ยวข้อง")


def test_wrong_password_at_signoff_records_nothing_and_five_lock(ctx, people,
                                                                  sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            decide(ctx, people["boss"], rid, Decision.APPROVE, "wrong")
        assert caught.value.code == "bad_credentials"
    with pytest.raises(AuthenticationFailed) as caught:
        decide(ctx, people["boss"], rid, Decision.APPROVE, "wrong")
    assert caught.value.code == "account_locked"
    # Even the right password is refused while locked.
    with pytest.raises(AuthenticationFailed):
        decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(SignoffRow)).scalar_one() == 0
        assert s.get(RequestRow, rid).state == RequestState.AWAITING_APPROVAL.value
        failures = s.execute(select(func.count()).select_from(AuditRow)
                             .where(AuditRow.action == "reauth_failed")).scalar_one()
        assert failures == 6


def test_sign_in_lockout_expires_after_15_minutes(ctx, people, clock) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.sign_in(ctx, "web1", "nope")
    with pytest.raises(AuthenticationFailed) as caught:
        auth.sign_in(ctx, "web1", "web1-pass-1")
    assert caught.value.code == "account_locked"
    clock.now += timedelta(minutes=15, seconds=1)
    assert auth.sign_in(ctx, "web1", "web1-pass-1").username == "web1"


def test_unknown_user_and_failed_sign_in_are_audited(ctx, people) -> None:
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(ctx, "ghost", "x")
    with ctx.db.read() as s:
        rows = s.execute(select(AuditRow.action, AuditRow.actor_name)
                         .where(AuditRow.action == "sign_in_failed")).all()
    assert rows == [("sign_in_failed", "ghost")]


def test_password_hash_is_argon2id_at_owasp_minimum(ctx, people, monkeypatch) -> None:
    """The product's parameters: the suite makes its people with cheap argon2 (the variable
    tests/conftest.py sets), so this user is made with the variable unset, as the app runs."""
    monkeypatch.delenv(TEST_COST_VARIABLE, raising=False)
    auth.create_user(ctx, auth.NewUser("fresh", "fresh-pass-1", frozenset({Role.WEBMASTER})),
                     people["admin"], actor_password="admin-pass-1")
    with ctx.db.read() as s:
        stored = s.execute(text("select password_hash from users where username='fresh'")).scalar()
        sealed = s.execute(text("select k.sealed from user_keys k join users u "
                                "on k.user_id = u.id where u.username='fresh'")).scalar()
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert (json.loads(sealed)["t"], json.loads(sealed)["m"]) == (2, 19456)
    assert auth.sign_in(ctx, "fresh", "fresh-pass-1").username == "fresh"


def test_illegal_transition_leaves_nothing_half_saved(ctx, people, sample_request) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    with ctx.db.read() as s:
        before = s.execute(select(func.count()).select_from(AuditRow)).scalar_one()
    with pytest.raises(IllegalTransition):
        rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    with pytest.raises(PermissionDenied):
        rq.perform_action(ctx, people["boss"], rid, Action.SUBMIT)
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(AuditRow)).scalar_one() == before
        assert s.get(RequestRow, rid).state == "draft"


def test_submit_names_missing_fields(ctx, people, sample_request) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request(category="law", summary=""))
    with pytest.raises(ValidationFailed) as caught:
        rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    assert "source_owner" in caught.value.params["names"]
    assert rq.get_request(ctx, people["web1"], rid).request.state == RequestState.DRAFT


def test_edit_after_signoff_voids_it_and_publish_refuses(ctx, people, sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    changed = sample_request(title="หัวข้อที่แก้ไขหลังอนุมัติ")
    after = rq.update_request(ctx, people["web1"], rid, changed)
    assert after.state == RequestState.IN_REVIEW
    with ctx.db.read() as s:
        signoff = s.execute(select(SignoffRow)).scalar_one()
        assert signoff.voided_at is not None
    with pytest.raises(IllegalTransition):
        rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)


def test_publish_refuses_when_content_changed_behind_the_app(ctx, people, sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    with ctx.db.write() as s:
        s.execute(text("update requests set title = 'แอบแก้' where id = :i"), {"i": rid})
    with pytest.raises(UserError) as caught:
        rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    assert caught.value.code == "manifest_mismatch"


def test_edited_signoff_row_is_named_by_verify(ctx, people, sample_request) -> None:
    rid = _to_approval(ctx, people, sample_request)
    result = decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert audit_log.verify_all(ctx).ok
    with ctx.db.write() as s:
        s.execute(text("update signoffs set approver_name = 'someone else' where id = :i"),
                  {"i": result.signoff_id})
    report = audit_log.verify_all(ctx)
    assert not report.ok and report.where == f"signoffs id={result.signoff_id}"


def test_queue_paging_and_filters(ctx, people, sample_request) -> None:
    for i in range(25):
        rid = rq.register_request(ctx, people["web1"],
                                  sample_request(title=f"ข่าว {i:02d}",
                                                 category="news" if i % 2 else "law"))
        if i % 5 == 0:
            rq.perform_action(ctx, people["web1"], rid, Action.WITHDRAW, "เจ้าของขอยกเลิก")
    page = rq.list_requests(ctx, rq.RequestQuery(limit=10))
    assert len(page) == 10
    assert rq.count_requests(ctx, rq.RequestQuery()) == 25
    assert rq.count_requests(ctx, rq.RequestQuery(category="news")) == 12
    withdrawn = rq.RequestQuery(states=(RequestState.WITHDRAWN,))
    assert rq.count_requests(ctx, withdrawn) == 5
    assert [r.title for r in rq.list_requests(ctx, rq.RequestQuery(text="ข่าว 07"))] == ["ข่าว 07"]
    second = rq.list_requests(ctx, rq.RequestQuery(offset=10, limit=10))
    assert not {r.id for r in page} & {r.id for r in second}
