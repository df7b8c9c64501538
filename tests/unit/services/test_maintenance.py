"""desktop.services.maintenance: the schema revision and its upgrade, this PC's render cache
usage, the file policy on loose files (``webdesk inspect``), the application role (PostgreSQL
only)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.reports.demo_samples import sample_pdf
from desktop.services import maintenance
from desktop.services.context import AppContext
from desktop.services.render_cache_settings import render_cache_for
from desktop.store.migrate import head_revision
from tests.unit.services.support import assert_refusal, has_thai, sqlite_only


def test_the_schema_is_at_the_head_and_an_upgrade_changes_nothing(ctx: AppContext) -> None:
    assert maintenance.schema_revision(ctx) == head_revision()
    status = maintenance.upgrade_schema(ctx)
    assert (status.before, status.after, status.head, status.backup) == (
        head_revision(), head_revision(), head_revision(), None)


@sqlite_only
def test_the_render_cache_usage_of_this_pc(ctx: AppContext) -> None:
    usage = maintenance.render_cache_usage(ctx.paths)
    assert (usage.enabled, usage.used_bytes) == (True, 0)
    cache = render_cache_for(ctx.paths)
    assert cache is not None
    cache.put("ab" * 32, "thumb", 160, 160, b"x" * 1000)
    assert maintenance.render_cache_usage(ctx.paths).used_bytes >= 1000


def test_inspect_says_which_files_pass(tmp_path: Path) -> None:
    good, bad = tmp_path / "ประกาศ.pdf", tmp_path / "โปรแกรม.pdf"
    good.write_bytes(sample_pdf("ประกาศ", 1))
    bad.write_bytes(b"MZ\x90\x00" + b"\0" * 200)
    out = io.StringIO()
    assert maintenance.inspect_files([str(good)], False, "th", out) == 0
    out = io.StringIO()
    assert maintenance.inspect_files([str(good), str(bad)], False, "th", out) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and has_thai(lines[1])
    out = io.StringIO()
    assert maintenance.inspect_files([str(bad)], True, "en", out) == 1
    [record] = json.loads(out.getvalue())                 # one document: an array
    assert record["path"] == str(bad) and record["accepted"] is False


def test_the_application_role_is_postgresql_only_and_named_plainly(ctx: AppContext) -> None:
    if ctx.db.is_sqlite:
        with pytest.raises(UserError) as caught:
            maintenance.grant_app_role(ctx, "webdesk_app")
        assert_refusal(caught.value, "app_role_needs_postgres")
        return
    with pytest.raises(UserError) as bad:
        maintenance.grant_app_role(ctx, 'app"; DROP TABLE users; --')
    assert_refusal(bad.value, "app_role_name")
