"""desktop.services.actors: who acts is re-read from the database in the acting transaction;
a disabled, locked, renamed or role-less account can do nothing, whatever its snapshot says."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.services.actors import acting_in, user_of
from desktop.services.context import AppContext
from desktop.store import users_repo
from tests.unit.services.support import assert_refusal


def _act(ctx: AppContext, user: User, *roles: Role) -> User:
    with ctx.db.read() as session:
        return acting_in(session, user, *roles, now=ctx.now())


def _change(ctx: AppContext, username: str, **values: object) -> None:
    with ctx.db.write() as session:
        row = users_repo.by_name(session, username, lock=True)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)


def test_the_fresh_account_is_returned_with_its_roles_now(ctx: AppContext, people) -> None:  # noqa: ANN001
    stale = dataclasses.replace(people["web1"], roles=frozenset({Role.ADMIN}))
    fresh = _act(ctx, stale)
    assert fresh.roles == frozenset({Role.WEBMASTER})
    assert _act(ctx, people["web1"], Role.WEBMASTER, Role.APPROVER) == fresh
    with ctx.db.read() as session:
        row = users_repo.by_name(session, "web1")
        assert row is not None and user_of(row) == fresh


def test_a_missing_role_is_refused_and_admin_has_its_own_message(ctx: AppContext,  # noqa: ANN001
                                                                  people) -> None:
    with pytest.raises(PermissionDenied) as caught:
        _act(ctx, people["web1"], Role.APPROVER)
    assert_refusal(caught.value, "role_missing")
    with pytest.raises(PermissionDenied) as caught:
        _act(ctx, people["web1"], Role.ADMIN)
    assert_refusal(caught.value, "admin_required")


def test_a_disabled_or_locked_account_is_refused(ctx: AppContext, people) -> None:  # noqa: ANN001
    _change(ctx, "web2", active=False)
    with pytest.raises(AuthenticationFailed) as caught:
        _act(ctx, people["web2"])
    assert_refusal(caught.value, "account_disabled")
    _change(ctx, "boss", locked_until=ctx.now() + timedelta(minutes=10))
    with pytest.raises(AuthenticationFailed) as caught:
        _act(ctx, people["boss"])
    assert_refusal(caught.value, "account_locked")
    _change(ctx, "boss", locked_until=ctx.now() - timedelta(minutes=1))   # the lock ran out
    assert _act(ctx, people["boss"]).username == "boss"


def test_a_made_up_or_renamed_user_is_refused(ctx: AppContext, people) -> None:  # noqa: ANN001
    impostor = dataclasses.replace(people["web1"], username="web2")
    with pytest.raises(AuthenticationFailed) as caught:
        _act(ctx, impostor)
    assert_refusal(caught.value, "session_user_changed")
    ghost = dataclasses.replace(people["web1"], id=99_999)
    with pytest.raises(NotFound) as missing:
        _act(ctx, ghost)
    assert_refusal(missing.value, "user_not_found")
    with pytest.raises(NotFound):
        _act(ctx, dataclasses.replace(people["web1"], id=0))
