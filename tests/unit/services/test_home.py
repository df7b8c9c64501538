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


def _upload(ctx: AppContext, actor, request_id: int, operation: str, result: str) -> None:  # noqa: ANN001
    """The audited SFTP session a publish (or takedown) attempt leaves."""
    from desktop.services.publish_txn import record_session
    from desktop.services.server_access import AuthKind, ServerProfile

    profile = ServerProfile(name="www", host="www.example.go.th", user="webmaster",
                            web_root="/var/www/html", archive_dir="/srv/archive",
                            auth=AuthKind.PASSWORD)
    record_session(ctx, actor, profile, request_id, operation, ctx.now(), result,
                   detail="Connection refused" if result != "ok" else "")


def _approved_in_bulk(ctx: AppContext, count: int) -> None:
    """``count`` approved requests with no upload yet, loaded as ``seed-bulk`` loads them."""
    from desktop.store.bulk_rows import BulkLoader, BulkRequest

    now = ctx.now()
    with ctx.db.write() as session:
        loader = BulkLoader(session, [], ctx.workstation, now)
        loader.add([BulkRequest(f"ประกาศที่ {n}", "", "news", "", RequestState.APPROVED.value,
                                "นางสาวมาลี ตั้งใจ", "งานพัสดุ", now, now, None, None, ())
                    for n in range(count)])
        loader.finish()


def test_a_failed_upload_behind_many_approved_requests_is_still_listed(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    """The list looks at every approved request (it looked at the 50 most recent only)."""
    from desktop.store.upload_failures import failed_upload_ids

    web = people["web1"]
    oldest_failure = approved(ctx, people, sample_request)
    _upload(ctx, web, oldest_failure, "publish", "failed")
    retried = approved(ctx, people, sample_request)
    _upload(ctx, web, retried, "publish", "error")
    _upload(ctx, web, retried, "publish", "ok")            # the retry went through
    takedown = approved(ctx, people, sample_request)
    _upload(ctx, web, takedown, "takedown", "failed")      # not a failed publish
    _approved_in_bulk(ctx, 60)                     # more than the 50 the list looked at
    newest_failure = approved(ctx, people, sample_request)
    _upload(ctx, web, newest_failure, "publish", "failed")
    failed = {e.key: e for e in home_summary(ctx, people["web2"]).lists}["failed_uploads"]
    assert failed.total == 2
    assert [r.id for r in failed.rows] == [newest_failure, oldest_failure]
    assert all(r.state == RequestState.APPROVED for r in failed.rows)
    with ctx.db.read() as session:                  # pages of 4: the same answer
        assert failed_upload_ids(session, page=4) == [newest_failure, oldest_failure]
    rq.perform_action(ctx, web, oldest_failure, Action.PUBLISH)   # published elsewhere: gone
    failed = {e.key: e for e in home_summary(ctx, people["web2"]).lists}["failed_uploads"]
    assert [r.id for r in failed.rows] == [newest_failure] and failed.total == 1
