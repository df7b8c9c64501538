"""desktop.services.reconcile: a site and its records made to agree again — an item WebDesk
put there without a live record goes to the archive, a recorded item missing from the site is
reported, leftover temporaries are removed; a clean site is left as it is."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.request import PublicationRequest
from desktop.publish.profiles import AuthKind
from desktop.services import reconcile
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.publishing import publish_request
from desktop.services.servers import save_server
from tests.support.embedded_site import EmbeddedSite
from tests.unit.services.support import (
    assert_refusal,
    audit_actions,
    serve,
    sqlite_only,
    with_files,
)

Sample = Callable[..., PublicationRequest]


def test_a_clean_site_needs_nothing(ctx: AppContext, people, sample_request: Sample,  # noqa: ANN001
                                    site: EmbeddedSite) -> None:
    rid = with_files(ctx, people, sample_request)
    profile = serve(ctx, people["admin"], site)
    publish_request(ctx, people["web1"], rid, profile, site.credentials())
    before = sorted(p for p in site.root.rglob("*"))
    report = reconcile.reconcile_server(ctx, people["web1"], profile, site.credentials())
    assert not report.changed and report.missing == [] and report.lines() == []
    assert report.staging and report.site == profile.site_id
    assert sorted(p for p in site.root.rglob("*")) == before
    assert audit_actions(ctx)[-1] == "sftp_session"


@sqlite_only
def test_an_unrecorded_item_goes_to_the_archive_and_temporaries_go(ctx: AppContext,  # noqa: ANN001
                                                                   people,
                                                                   sample_request: Sample,
                                                                   site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    rid = rq.register_request(ctx, people["web1"], sample_request())
    reference = rq.get_request(ctx, people["web1"], rid).request.reference.lower()
    stray = site.web_root / "news" / reference            # left by a crash before recording
    stray.mkdir(parents=True)
    (stray / "index.html").write_text("<p>ครึ่งทาง</p>", encoding="utf-8")
    first = reconcile.reconcile_server(ctx, people["web1"], profile, site.credentials())
    assert not stray.exists()
    (line,) = first.archived
    assert line.startswith(f"news/{reference} -> ")
    staging = site.root / first.staging.lstrip("/")
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "page-0123456789ab.tmp").write_bytes(b"half a page")
    second = reconcile.reconcile_server(ctx, people["web1"], profile, site.credentials())
    assert [p.rsplit("/", 1)[1] for p in second.removed] == ["page-0123456789ab.tmp"]
    assert not (staging / "page-0123456789ab.tmp").exists()
    assert audit_actions(ctx).count("reconcile") == 2


@sqlite_only
def test_a_recorded_item_missing_from_the_site_is_reported_not_guessed(
        ctx: AppContext, people, sample_request: Sample, site: EmbeddedSite) -> None:  # noqa: ANN001
    rid = with_files(ctx, people, sample_request)
    profile = serve(ctx, people["admin"], site)
    publish_request(ctx, people["web1"], rid, profile, site.credentials())
    reference = rq.get_request(ctx, people["web1"], rid).request.reference.lower()
    shutil.rmtree(site.web_root / "news" / reference)
    report = reconcile.reconcile_server(ctx, people["web1"], profile, site.credentials())
    assert report.missing == [f"news/{reference}"]
    assert f"recorded but NOT on the server: news/{reference}" in report.lines()


@sqlite_only
def test_who_may_reconcile_and_which_sites_at_start_up(ctx: AppContext, people,  # noqa: ANN001
                                                       site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    with pytest.raises(PermissionDenied) as caught:
        reconcile.reconcile_server(ctx, people["boss"], profile, site.credentials())
    assert_refusal(caught.value, "role_missing")
    save_server(ctx, site.profile(name="asks-password", auth=AuthKind.PASSWORD,
                                  site="another-site"), people["admin"])
    results = reconcile.reconcile_sites(ctx, people["web1"], site.credentials())
    assert [name for name, _result in results] == [profile.name]   # the other would ask
    assert isinstance(results[0][1], reconcile.ReconcileReport)


def test_records_read_ahead_are_the_sites_and_given_once(ctx: AppContext, people,  # noqa: ANN001
                                                          sample_request: Sample,
                                                          site: EmbeddedSite,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    """A publish reads the site's records while connecting; only its first look uses them."""
    rid = with_files(ctx, people, sample_request)
    profile = serve(ctx, people["admin"], site)
    publish_request(ctx, people["web1"], rid, profile, site.credentials())
    ahead = reconcile.RecordsAhead(ctx, profile.site_id)
    found = ahead.take()
    assert found == reconcile.read_site_records(ctx, profile.site_id)
    assert found is not None and [r.request_id for r in found.live] == [rid]
    assert ahead.take() is None                          # a retry reads them afresh
    ahead.close()

    def broken(_ctx: AppContext, _site: str) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(reconcile, "read_site_records", broken)
    failed = reconcile.RecordsAhead(ctx, profile.site_id)
    assert failed.take() is None                         # the look reads (and fails) itself
