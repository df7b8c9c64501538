"""desktop.services.user_session: a session starts at sign-in and ends once (audited, with
why), forgetting the server secrets given meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.errors import AuthenticationFailed
from desktop.services.context import AppContext
from desktop.services.server_access import SessionEnded
from desktop.services.user_session import UserSession
from desktop.store import audit
from desktop.store.database import Database
from tests.unit.services.support import assert_refusal, sqlite_only


@sqlite_only
def test_a_session_begins_with_the_right_password_and_ends_once(ctx: AppContext,  # noqa: ANN001
                                                                people) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        UserSession.sign_in(ctx, "boss", "wrong-password")
    assert_refusal(caught.value, "bad_credentials")
    session = UserSession.sign_in(ctx, "boss", "boss-pass-1")
    assert session.user == people["boss"] and not session.ended
    assert session.secrets.store is not None
    session.end("idle")
    session.end("quit")                              # nothing more
    assert session.ended
    with pytest.raises(SessionEnded):
        session.secrets.store  # noqa: B018
    with ctx.db.read() as db:
        outs = [e for e in audit.entries(db) if e.action == "sign_out"]
    assert [(e.actor_name, e.details["reason"]) for e in outs] == [("boss", "idle")]


@sqlite_only
def test_ending_when_the_database_cannot_be_reached_still_forgets_the_secrets(
        ctx: AppContext, people, tmp_path: Path) -> None:  # noqa: ANN001
    session = UserSession(ctx, people["web1"])
    working = ctx.db
    ctx.db = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'webdesk.sqlite3'}")
    try:
        session.end("closed")                    # the sign-out cannot be written: no error
    finally:
        ctx.db.dispose()
        ctx.db = working
    assert session.ended
    with pytest.raises(SessionEnded):
        session.secrets.store  # noqa: B018
