"""desktop.services.users: an admin's actions on people, each re-checked against the
database, unlocked by the admin's password, signed and audited; people change their own
password (their keys re-sealed under it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from desktop.domain.workflow import Role
from desktop.keys.passwords import hash_password
from desktop.services import auth, keys, users
from desktop.services.audit_log import verify_all
from desktop.services.context import AppContext
from desktop.store import keys_repo, users_repo
from desktop.store.models import UserRow
from tests.unit.services.support import (
    assert_refusal,
    audit_actions,
    audit_count,
)

ADMIN_PW = "admin-pass-1"


def _listing(ctx: AppContext) -> dict[str, users.UserListing]:
    return {entry.user.username: entry for entry in users.list_user_details(ctx)}


def test_disable_and_enable_are_signed_and_audited(ctx: AppContext, people) -> None:  # noqa: ANN001
    users.disable_user(ctx, people["admin"], ADMIN_PW, "web2")
    with pytest.raises(AuthenticationFailed) as caught:
        auth.sign_in(ctx, "web2", "web2-pass-1")
    assert_refusal(caught.value, "account_disabled")
    users.enable_user(ctx, people["admin"], ADMIN_PW, "web2")
    assert auth.sign_in(ctx, "web2", "web2-pass-1").username == "web2"
    actions = audit_actions(ctx)
    assert actions.index("user_disabled") < actions.index("user_enabled")
    report = verify_all(ctx)
    assert report.ok and report.checkpoints >= 2      # both actions signed a checkpoint


def test_refusals_change_nothing(ctx: AppContext, people) -> None:  # noqa: ANN001
    admin = people["admin"]
    with pytest.raises(PermissionDenied) as caught:
        users.disable_user(ctx, admin, ADMIN_PW, "admin")
    assert_refusal(caught.value, "not_yourself")
    with pytest.raises(PermissionDenied) as caught:
        users.set_roles(ctx, admin, ADMIN_PW, "admin", frozenset({Role.WEBMASTER}))
    assert_refusal(caught.value, "last_admin")
    with pytest.raises(UserError) as empty:
        users.set_roles(ctx, admin, ADMIN_PW, "web1", frozenset())
    assert_refusal(empty.value, "no_roles")
    with pytest.raises(NotFound) as missing:
        users.unlock_user(ctx, admin, ADMIN_PW, "nobody")
    assert_refusal(missing.value, "user_not_found")
    with pytest.raises(PermissionDenied) as caught:
        users.disable_user(ctx, people["web1"], "web1-pass-1", "web2")
    assert_refusal(caught.value, "admin_required")
    before = audit_count(ctx)
    with pytest.raises(AuthenticationFailed) as wrong:
        users.disable_user(ctx, admin, "wrong-password", "web2")
    assert_refusal(wrong.value, "bad_credentials")
    assert audit_count(ctx) == before + 1 and audit_actions(ctx)[-1] == "reauth_failed"
    assert all(entry.user.active for entry in users.list_user_details(ctx))
    assert {Role.ADMIN} <= set(_listing(ctx)["admin"].user.roles)


def test_new_roles_get_a_new_certificate(ctx: AppContext, people) -> None:  # noqa: ANN001
    users.set_roles(ctx, people["admin"], ADMIN_PW, "web1",
                    frozenset({Role.WEBMASTER, Role.APPROVER}))
    assert _listing(ctx)["web1"].user.roles == frozenset({Role.WEBMASTER, Role.APPROVER})
    with ctx.db.read() as session:
        row = users_repo.by_name(session, "web1")
        assert row is not None
        signer = keys.signer_in(session, ctx, row, "web1-pass-1")
        key = keys.certified_key_in(session, ctx, signer.user_key_id, signer.certificate_id)
    assert isinstance(key, keys.CertifiedKey)
    assert key.roles == frozenset({"webmaster", "approver"})


def test_unlock_lets_a_locked_person_in(ctx: AppContext, people) -> None:  # noqa: ANN001
    with ctx.db.write() as session:
        row = users_repo.by_name(session, "boss", lock=True)
        assert row is not None
        row.failed_count, row.locked_until = 0, ctx.now() + timedelta(minutes=15)
    assert _listing(ctx)["boss"].locked
    users.unlock_user(ctx, people["admin"], ADMIN_PW, "boss")
    assert not _listing(ctx)["boss"].locked
    assert auth.sign_in(ctx, "boss", "boss-pass-1").username == "boss"


def test_a_reset_password_comes_with_a_new_certified_key(ctx: AppContext, people) -> None:  # noqa: ANN001
    with ctx.db.read() as session:
        old_key = keys_repo.current_user_key(session, people["web2"].id)
        assert old_key is not None
    with pytest.raises(UserError) as weak:
        users.reset_password(ctx, people["admin"], ADMIN_PW, "web2", "short")
    assert_refusal(weak.value, "weak_password")
    users.reset_password(ctx, people["admin"], ADMIN_PW, "web2", "brand-new-pass-9")
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(ctx, "web2", "web2-pass-1")
    assert auth.sign_in(ctx, "web2", "brand-new-pass-9").username == "web2"
    with ctx.db.read() as session:
        new_key = keys_repo.current_user_key(session, people["web2"].id)
        assert new_key is not None and new_key.id != old_key.id
    assert _listing(ctx)["web2"].key == "certified"


def test_a_key_made_at_sign_in_after_an_upgrade_is_certified_once(ctx: AppContext,  # noqa: ANN001
                                                                   people) -> None:
    with ctx.db.write() as session:                 # an account from before keys existed
        session.add(UserRow(username="old", full_name="บัญชีเดิม", position="",
                            password_hash=hash_password("old-pass-123"), roles="approver",
                            active=True, failed_count=0, created_at=ctx.now()))
    assert _listing(ctx)["old"].key == "none"
    with pytest.raises(UserError) as none_yet:
        users.certify_user(ctx, people["admin"], ADMIN_PW, "old")
    assert_refusal(none_yet.value, "no_key_yet")
    auth.sign_in(ctx, "old", "old-pass-123")          # makes the key, not certified
    assert _listing(ctx)["old"].key == "uncertified"
    public_key = users.certify_user(ctx, people["admin"], ADMIN_PW, "old")
    assert len(public_key) == 64 and _listing(ctx)["old"].key == "certified"
    with pytest.raises(UserError) as again:
        users.certify_user(ctx, people["admin"], ADMIN_PW, "old")
    assert_refusal(again.value, "key_already_certified")


def test_changing_ones_own_password_reseals_the_keys(ctx: AppContext, people) -> None:  # noqa: ANN001
    admin = people["admin"]
    with pytest.raises(AuthenticationFailed):
        users.change_own_password(ctx, admin, "not-mine", "new-admin-pass-2")
    with pytest.raises(UserError) as weak:
        users.change_own_password(ctx, admin, ADMIN_PW, "tiny")
    assert_refusal(weak.value, "weak_password")
    users.change_own_password(ctx, admin, ADMIN_PW, "new-admin-pass-2")
    assert audit_actions(ctx)[-1] == "password_changed"
    # Both the admin's own key and the agency key open with the new password only.
    users.unlock_user(ctx, admin, "new-admin-pass-2", "web1")
    with pytest.raises(AuthenticationFailed):
        users.unlock_user(ctx, admin, ADMIN_PW, "web1")
    assert _listing(ctx)["admin"].holds_agency_key


def test_the_only_signer_of_a_chain_step_keeps_the_approver_role(ctx: AppContext,  # noqa: ANN001
                                                                 people) -> None:
    """Taking the approver role from (or disabling) the only person who may sign a step would
    leave every request of the category stuck there: refused, naming the step and category."""
    from desktop.domain.messages import Localized
    from desktop.services.approval_chain import ApprovalStep, set_chain

    admin = people["admin"]
    set_chain(ctx, admin, "news", [ApprovalStep(1, Localized("ผู้อำนวยการ", "Director"),
                                                ("boss",))])
    before = audit_count(ctx)
    for attempt in (lambda: users.set_roles(ctx, admin, ADMIN_PW, "boss",
                                            frozenset({Role.WEBMASTER})),
                    lambda: users.disable_user(ctx, admin, ADMIN_PW, "boss")):
        with pytest.raises(UserError) as caught:
            attempt()
        refused = assert_refusal(caught.value, "only_signer_of_step")
        for lang, step in (("th", "ผู้อำนวยการ"), ("en", "Director")):
            assert "boss" in refused.text(lang) and step in refused.text(lang)
        assert "ข่าว" in refused.text("th"), refused.text("th")       # the category, in Thai
    assert audit_count(ctx) == before and _listing(ctx)["boss"].user.active
    assert Role.APPROVER in _listing(ctx)["boss"].user.roles
    # Another approver named in the step: boss may go.  Then 'both' is that step's only
    # signer, and also the last approver for every any-approver step.
    set_chain(ctx, admin, "news", [ApprovalStep(1, Localized("ผู้อำนวยการ", "Director"),
                                                ("boss", "both"))])
    users.set_roles(ctx, admin, ADMIN_PW, "boss", frozenset({Role.WEBMASTER}))
    with pytest.raises(UserError) as last:
        users.disable_user(ctx, admin, ADMIN_PW, "both")
    assert_refusal(last.value, "only_signer_of_step")
    set_chain(ctx, admin, "news", [])                  # back to "any approver"
    with pytest.raises(UserError) as any_step:
        users.set_roles(ctx, admin, ADMIN_PW, "both", frozenset({Role.WEBMASTER}))
    assert_refusal(any_step.value, "only_signer_of_step")
    users.set_roles(ctx, admin, ADMIN_PW, "boss", frozenset({Role.APPROVER}))
    users.disable_user(ctx, admin, ADMIN_PW, "both")   # boss signs again: allowed
