"""desktop.services.takedowns: a published item moved to the archive (never deleted) and
recorded; the scheduler account only for items that are due; an item on neither side is
not silently recorded; which profile a takedown goes through."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import RequestState as State
from desktop.domain.workflow import Role
from desktop.publish.profiles import ServerProfile
from desktop.services import auth, takedowns
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
EXPIRY = date(2026, 11, 30)


def _published(ctx: AppContext, people, sample_request: Sample,  # noqa: ANN001
               site: EmbeddedSite) -> tuple[int, ServerProfile, str]:
    rid = with_files(ctx, people, sample_request, publish_date=date(2026, 11, 23),
                     expiry_date=EXPIRY)
    profile = serve(ctx, people["admin"], site)
    publish_request(ctx, people["web1"], rid, profile, site.credentials())
    return rid, profile, rq.get_request(ctx, people["web1"], rid).request.reference.lower()


def test_a_taken_down_item_is_in_the_archive_and_recorded(ctx: AppContext, people,  # noqa: ANN001
                                                          sample_request: Sample,
                                                          site: EmbeddedSite) -> None:
    rid, profile, slug = _published(ctx, people, sample_request, site)
    (due,) = takedowns.due_for_takedown(ctx, EXPIRY)
    assert (due.request_id, due.expiry_date, due.servers) == (rid, EXPIRY, (profile.name,))
    assert takedowns.due_for_takedown(ctx, date(2026, 11, 29)) == []
    outcome = takedowns.take_down_request(ctx, people["web2"], rid, profile, site.credentials(),
                                          "ครบกำหนดเผยแพร่")
    assert not (site.web_root / "news" / slug).exists()
    assert outcome.archive_path and not outcome.missing
    archived = site.root / outcome.archive_path.lstrip("/")
    assert (archived / "index.html").is_file()
    detail = rq.get_request(ctx, people["web1"], rid)
    assert detail.request.state == State.TAKEN_DOWN
    (event,) = [h for h in detail.history if h.action == "state:take_down"]
    assert event.details["reason"] == "ครบกำหนดเผยแพร่"
    assert takedowns.due_for_takedown(ctx, EXPIRY) == []
    with pytest.raises(UserError) as again:
        takedowns.take_down_request(ctx, people["web2"], rid, profile, site.credentials())
    assert_refusal(again.value, "not_published")


@sqlite_only
def test_the_scheduler_takes_down_only_what_is_due(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample, site: EmbeddedSite,
                                                   clock) -> None:  # noqa: ANN001
    rid, profile, slug = _published(ctx, people, sample_request, site)
    scheduler = auth.create_user(ctx, auth.NewUser("scheduler", "scheduler-pass-1",
                                                   frozenset({Role.SCHEDULER})),
                                 people["admin"], actor_password="admin-pass-1")
    with pytest.raises(PermissionDenied) as early:
        takedowns.take_down_request(ctx, scheduler, rid, profile, site.credentials())
    assert_refusal(early.value, "scheduler_not_due")
    assert (site.web_root / "news" / slug).is_dir()
    clock.now = clock.now.replace(day=30)
    takedowns.take_down_request(ctx, scheduler, rid, profile, site.credentials())
    assert rq.get_request(ctx, people["web1"], rid).request.state == State.TAKEN_DOWN


@sqlite_only
def test_an_item_gone_from_the_server_is_not_silently_recorded(ctx: AppContext, people,  # noqa: ANN001
                                                              sample_request: Sample,
                                                              site: EmbeddedSite) -> None:
    rid, profile, slug = _published(ctx, people, sample_request, site)
    shutil.rmtree(site.web_root / "news" / slug)           # removed behind WebDesk's back
    with pytest.raises(UserError) as caught:
        takedowns.take_down_request(ctx, people["web1"], rid, profile, site.credentials())
    assert_refusal(caught.value, "takedown_not_on_server")
    assert rq.get_request(ctx, people["web1"], rid).request.state == State.PUBLISHED
    outcome = takedowns.take_down_request(ctx, people["web1"], rid, profile,
                                          site.credentials(), allow_missing=True)
    assert outcome.missing
    assert rq.get_request(ctx, people["web1"], rid).request.state == State.TAKEN_DOWN
    assert "reconcile" in audit_actions(ctx)      # the missing item was reported first


@sqlite_only
def test_the_profile_a_takedown_goes_through(ctx: AppContext, people,  # noqa: ANN001
                                             sample_request: Sample,
                                             site: EmbeddedSite) -> None:
    rid, profile, _slug = _published(ctx, people, sample_request, site)
    other = save_server(ctx, site.profile(name="other-site", web_root="/elsewhere"),
                        people["admin"], make_default=True)
    assert takedowns.profile_for_takedown(ctx, rid) == profile      # where it was published
    assert takedowns.profile_for_takedown(ctx, rid, "other-site") == other
    draft = rq.register_request(ctx, people["web1"], sample_request())
    assert takedowns.profile_for_takedown(ctx, draft) == other      # nothing live: the default
