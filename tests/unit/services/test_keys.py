"""desktop.services.keys: the agency key pinned on this PC at first sight (a database showing
another one is refused), people's keys sealed under their password and certified."""

from __future__ import annotations

import pytest

from desktop.domain.errors import UserError
from desktop.services import keys
from desktop.services.context import AppContext
from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.store import users_repo
from tests.unit.services.support import assert_refusal


def test_no_agency_key_on_an_empty_database(ctx: AppContext) -> None:
    status = keys.agency_key_status(ctx)
    assert (status.fingerprint, status.pinned, status.trusted) == (None, None, False)
    with pytest.raises(UserError) as caught:
        keys.trust_agency_key(ctx, "SHA256:anything")
    assert_refusal(caught.value, "no_agency_key")


def test_the_key_is_pinned_at_first_sight_on_a_new_pc(ctx: AppContext, people) -> None:  # noqa: ANN001
    status = keys.agency_key_status(ctx)
    assert status.trusted and not status.newly_pinned
    assert status.fingerprint is not None and status.fingerprint.startswith("SHA256:")
    write_pc_setting(ctx.paths, keys.PIN_SETTING, {})        # another PC, never saw it
    first = keys.agency_key_status(ctx)
    assert first.newly_pinned and first.trusted and first.fingerprint == status.fingerprint
    assert keys.pinned_fingerprint(ctx) == status.fingerprint


def test_a_database_with_another_agency_key_is_refused_until_an_admin_re_pins(
        ctx: AppContext, people) -> None:  # noqa: ANN001
    real = keys.agency_key_status(ctx).fingerprint
    assert real is not None
    write_pc_setting(ctx.paths, keys.PIN_SETTING,
                     {ctx.paths.database_url: "SHA256:someone-elses-key"})
    with ctx.db.read() as session, pytest.raises(UserError) as caught:
        keys.trusted_agency_key(session, ctx)
    assert_refusal(caught.value, "agency_key_changed")
    assert not keys.agency_key_status(ctx).trusted
    with pytest.raises(UserError) as differs:
        keys.trust_agency_key(ctx, "SHA256:not-it")
    assert_refusal(differs.value, "fingerprint_differs")
    assert keys.trust_agency_key(ctx, f"  {real} ") == real
    assert keys.agency_key_status(ctx).trusted
    pins = read_pc_settings(ctx.paths.settings_file)[keys.PIN_SETTING]
    assert pins == {ctx.paths.database_url: real}


def test_a_signer_opens_only_with_the_password_and_signs_verifiably(ctx: AppContext,  # noqa: ANN001
                                                                     people) -> None:
    with ctx.db.read() as session:
        row = users_repo.by_name(session, "boss")
        assert row is not None
        with pytest.raises(UserError) as caught:
            keys.signer_in(session, ctx, row, "not-the-password")
        assert_refusal(caught.value, "no_signing_key")
        signer = keys.signer_in(session, ctx, row, "boss-pass-1")
        record = {"what": "ทดสอบ", "n": 1}
        signature = signer.sign(record)
        key = keys.certified_key_in(session, ctx, signer.user_key_id, signer.certificate_id)
        assert isinstance(key, keys.CertifiedKey)
        assert key.content["username"] == "boss" and key.roles == frozenset({"approver"})
        assert keys.verify_record(key, record, signature)
        assert not keys.verify_record(key, {**record, "n": 2}, signature)


def test_what_cannot_be_checked_is_named(ctx: AppContext, people) -> None:  # noqa: ANN001
    with ctx.db.read() as session:
        assert keys.certified_key_in(session, ctx, None, None) == "not signed"
        assert keys.certified_key_in(session, ctx, 9999, 9999) == \
            "signing key or certificate missing"


def test_when_is_to_the_second() -> None:
    from datetime import datetime

    assert keys.when(datetime(2026, 11, 23, 9, 0, 5, 123456)) == "2026-11-23T09:00:05"
