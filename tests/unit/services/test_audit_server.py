"""desktop.services.audit_server: the audit chain head (and the latest signed checkpoint) left
on the web server beside the archive, read back for ``audit verify --server``."""

from __future__ import annotations

import json

import pytest

from desktop.domain.errors import UserError
from desktop.services import audit_server
from desktop.services.audit_log import verify_all
from desktop.services.context import AppContext
from desktop.services.witness import database_identity
from desktop.store import audit
from tests.support.embedded_site import EmbeddedSite
from tests.unit.services.support import assert_refusal, serve, sqlite_only


def test_the_payload_names_the_database_head_and_latest_checkpoint(ctx: AppContext,  # noqa: ANN001
                                                                   people) -> None:
    data = audit_server.payload(ctx)
    with ctx.db.read() as session:
        head = audit.head(session)
    assert data["database"] == database_identity(ctx.paths.database_url)
    assert data["head"] == {"id": head[0], "hash": head[1]}
    checkpoint = data["checkpoint"]
    assert checkpoint is not None and checkpoint["kind"] == "user_created"
    assert checkpoint["signature"] and checkpoint["audit_id"] <= head[0]
    json.dumps(data)                                       # plain JSON


@sqlite_only
def test_written_after_a_publish_read_back_and_verified(ctx: AppContext, people,  # noqa: ANN001
                                                        site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    with pytest.raises(UserError) as none:
        audit_server.read_witness(ctx, profile, site.credentials())
    assert_refusal(none.value, "no_server_witness")
    with site.connect(profile) as connection:
        audit_server.write_witness(ctx, connection, profile)
    stored = site.archive / audit_server.FILE_NAME
    assert stored.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in site.archive.iterdir()) == [audit_server.FILE_NAME]
    seen = audit_server.read_witness(ctx, profile, site.credentials())
    assert seen.where == f"server {profile.name}"
    with ctx.db.read() as session:
        assert (seen.audit_id, seen.audit_hash) == audit.head(session)
    assert verify_all(ctx, server_witness=seen).ok


@sqlite_only
def test_a_head_of_another_database_or_a_broken_file_is_refused(ctx: AppContext, people,  # noqa: ANN001
                                                               site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    stored = site.archive / audit_server.FILE_NAME
    stored.write_text(json.dumps({"database": "postgresql://other@db/webdesk",
                                  "head": {"id": 1, "hash": "x"}}), encoding="utf-8")
    with pytest.raises(UserError) as other:
        audit_server.read_witness(ctx, profile, site.credentials())
    assert_refusal(other.value, "server_witness_other_database")
    identity = database_identity(ctx.paths.database_url)
    for damaged in ("{half a file", "[1, 2]", json.dumps({"database": identity,
                                                         "head": {"id": "x"}}),
                    json.dumps({"database": identity, "head": [1, "h"]})):
        stored.write_text(damaged, encoding="utf-8")
        with pytest.raises(UserError) as broken:
            audit_server.read_witness(ctx, profile, site.credentials())
        assert_refusal(broken.value, "no_server_witness")


@sqlite_only
def test_a_witness_that_cannot_be_written_leaves_the_last_one(ctx: AppContext, people,  # noqa: ANN001
                                                             site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    stored = site.archive / audit_server.FILE_NAME
    with site.connect(profile) as connection:
        audit_server.write_witness(ctx, connection, profile)
        before = stored.read_bytes()
        (site.archive / f"{audit_server.FILE_NAME}.part").mkdir()    # the aside copy fails
        with pytest.raises(UserError):
            audit_server.write_witness(ctx, connection, profile)
    assert stored.read_bytes() == before
