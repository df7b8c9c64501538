"""desktop.services.publishing: an approved request published to the in-process SFTP server
as a recorded transaction — exactly the signed files, the page, the request marked published
with its URL, the session's bytes audited; refusals leave the site untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import RequestState
from desktop.reports.demo_samples import sample_pdf
from desktop.services import publishing
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.audit_server import FILE_NAME as WITNESS
from desktop.services.context import AppContext
from desktop.store import audit
from tests.support.embedded_site import EmbeddedSite
from tests.unit.services.support import (
    assert_refusal,
    serve,
    sqlite_only,
    to_approval_of,
    with_files,
)

Sample = Callable[..., PublicationRequest]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _sessions(ctx: AppContext) -> list[dict[str, object]]:
    with ctx.db.read() as session:
        return [e.details for e in audit.entries(session) if e.action == "sftp_session"]


def test_an_approved_request_goes_live_and_is_recorded(ctx: AppContext, people,  # noqa: ANN001
                                                       sample_request: Sample,
                                                       site: EmbeddedSite) -> None:
    rid = with_files(ctx, people, sample_request)
    profile = serve(ctx, people["admin"], site)
    outcome = publishing.publish_request(ctx, people["web1"], rid, profile, site.credentials())
    reference = rq.get_request(ctx, people["web1"], rid).request.reference
    item = site.web_root / "news" / reference.lower()
    assert outcome.url == f"https://www.example.go.th/news/{reference.lower()}/"
    assert _files(item) == sorted(outcome.files)
    assert "index.html" in outcome.files and len(outcome.files) == 3
    page = (item / "index.html").read_text(encoding="utf-8")
    assert "ประกาศรับสมัครงาน" in page and "ผู้เข้าร่วมกิจกรรม" in page      # alt text
    assert (site.web_root / "news" / "index.html").is_file()                 # category index
    detail = rq.get_request(ctx, people["web1"], rid)
    assert detail.request.state == RequestState.PUBLISHED
    (published,) = [h for h in detail.history if h.action == "state:publish"]
    assert published.details["url"] == outcome.url
    (traffic,) = _sessions(ctx)
    assert traffic["result"] == "ok" and traffic["operation"] == "publish"
    assert traffic["bytes"] == outcome.bytes_sent and outcome.bytes_sent > 0
    assert (site.archive / WITNESS).is_file()                                # audit head left
    assert not outcome.warnings


@sqlite_only
def test_what_may_not_be_published_never_reaches_the_server(ctx: AppContext, people,  # noqa: ANN001
                                                            sample_request: Sample,
                                                            site: EmbeddedSite) -> None:
    profile = serve(ctx, people["admin"], site)
    draft = rq.register_request(ctx, people["web1"], sample_request())
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, people["web1"], draft, profile, site.credentials())
    assert_refusal(caught.value, "not_approved")
    rid = with_files(ctx, people, sample_request)
    with pytest.raises(PermissionDenied) as role:
        publishing.publish_request(ctx, people["boss"], rid, profile, site.credentials())
    assert_refusal(role.value, "role_required")
    assert _files(site.web_root) == [] and _sessions(ctx) == []
    assert rq.get_request(ctx, people["web1"], rid).request.state == RequestState.APPROVED


@sqlite_only
def test_the_upload_manifest_must_be_the_signed_one(ctx: AppContext, people,  # noqa: ANN001
                                                    sample_request: Sample) -> None:
    rid = with_files(ctx, people, sample_request)
    detail = rq.get_request(ctx, people["web1"], rid)
    files = tuple(sorted((a.web_name, a.published_sha256 or a.sha256)
                         for a in detail.request.attachments))
    publishing.check_upload_manifest(ctx, publishing.UploadManifest(
        rid, detail.manifest_hash, files))
    swapped = ((files[0][0], "0" * 64), *files[1:])
    with pytest.raises(UserError) as caught:
        publishing.check_upload_manifest(ctx, publishing.UploadManifest(
            rid, detail.manifest_hash, swapped))
    assert_refusal(caught.value, "manifest_mismatch")
    with pytest.raises(UserError):
        publishing.check_upload_manifest(ctx, publishing.UploadManifest(rid, "f" * 64, files))


@sqlite_only
def test_the_scanned_paper_form_stays_off_the_site(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample,
                                                   site: EmbeddedSite) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    attach_file(ctx, people["web1"], rid, "ประกาศ.pdf", sample_pdf("ประกาศ", 1))
    attach_file(ctx, people["web1"], rid, "แบบฟอร์ม.pdf", sample_pdf("แบบฟอร์มคำขอ", 1),
                caption=publishing.PAPER_FORM_CAPTION)
    to_approval_of(ctx, people, rid)
    profile = serve(ctx, people["admin"], site)
    outcome = publishing.publish_request(ctx, people["web1"], rid, profile, site.credentials())
    assert len(outcome.files) == 2                     # the page and the one public file
    assert not any("แบบฟอร์ม" in name or "form" in name.lower() for name in outcome.files)


@sqlite_only
def test_a_server_that_cannot_be_reached_is_said_and_audited(ctx: AppContext, people,  # noqa: ANN001
                                                            sample_request: Sample,
                                                            site: EmbeddedSite) -> None:
    rid = with_files(ctx, people, sample_request)
    profile = serve(ctx, people["admin"], site)
    site.server.stop()
    controls = publishing.PublishControls(attempts=1, first_delay=0.0)
    with pytest.raises(UserError) as caught:
        publishing.publish_request(ctx, people["web1"], rid, profile, site.credentials(),
                                   controls)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in caught.value.text("th"))
    (traffic,) = _sessions(ctx)
    assert traffic["result"] == "failed" and traffic["bytes"] == 0
    assert rq.get_request(ctx, people["web1"], rid).request.state == RequestState.APPROVED
