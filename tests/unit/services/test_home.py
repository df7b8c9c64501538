"""desktop.services.home: each role's home screen — what waits for a webmaster, what an
approver may sign, and for an admin the installation's health (last backup, audit chain,
whether each server answers)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action, RequestState
from desktop.services import requests as rq
from desktop.services.backups import backup_now
from desktop.services.context import AppContext
from desktop.services.home import SHOWN, home_summary, installation_health
from desktop.services.servers import save_server
from tests.support.embedded_site import EmbeddedSite
from tests.support.postgres import free_loopback_port
from tests.unit.services.support import approved, serve, sqlite_only, to_approval

Sample = Callable[..., PublicationRequest]


def test_a_webmasters_lists_and_the_counts(ctx: AppContext, people,  # noqa: ANN001
                                           sample_request: Sample) -> None:
    draft = rq.register_request(ctx, people["web1"], sample_request())
    rq.perform_action(ctx, people["web1"], draft, Action.SUBMIT)
    ready = approved(ctx, people, sample_request, publish_date=date(2026, 11, 23),
                     expiry_date=date(2026, 11, 26))
    summary = home_summary(ctx, people["web2"])
    lists = {entry.key: entry for entry in summary.lists}
    assert list(lists) == ["to_check", "returned", "ready_to_publish", "failed_uploads",
                           "due_this_week", "recent"]
    assert lists["failed_uploads"].total == 0
    assert [r.id for r in lists["to_check"].rows] == [draft] and lists["to_check"].total == 1
    assert [r.id for r in lists["ready_to_publish"].rows] == [ready]
    assert lists["due_this_week"].total == 0                    # not published yet
    rq.perform_action(ctx, people["web1"], ready, Action.PUBLISH)
    lists = {e.key: e for e in home_summary(ctx, people["web2"]).lists}
    assert [r.id for r in lists["due_this_week"].rows] == [ready]
    assert lists["recent"].total == 2 and len(lists["recent"].rows) <= SHOWN
    counts = home_summary(ctx, people["web2"]).counts
    assert counts[RequestState.SUBMITTED] == 1 and counts[RequestState.PUBLISHED] == 1
    assert sum(counts.values()) == 2
    assert summary.to_sign == () and summary.health is None and summary.today == ctx.today()


@sqlite_only
def test_an_approver_sees_what_to_sign_and_no_webmaster_lists(ctx: AppContext, people,  # noqa: ANN001
                                                              sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    summary = home_summary(ctx, people["boss"])
    assert summary.lists == () and [i.request_id for i in summary.to_sign] == [rid]


@sqlite_only
def test_an_admin_sees_the_health_of_the_installation(ctx: AppContext, people,  # noqa: ANN001
                                                      site: EmbeddedSite) -> None:
    health = installation_health(ctx)
    assert health.last_backup is None and health.audit_ok and health.servers == ()
    backup_now(ctx, ctx.paths.backup_dir / "manual.wdbackup")
    serve(ctx, people["admin"], site)
    save_server(ctx, site.profile(name="down", port=free_loopback_port(),
                                  site="another-site"), people["admin"])
    shown = home_summary(ctx, people["admin"]).health
    assert shown is not None and shown.last_backup is not None
    assert shown.audit_ok and shown.audit_rows > 0 and shown.audit_problem == ""
    assert sorted(shown.servers) == [("down", False), ("embedded", True)]
