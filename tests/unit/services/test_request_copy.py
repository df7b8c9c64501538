"""desktop.services.request_copy: a rejected request copied into a new draft — the same content
and current files, registered anew by the person copying it; the original stays as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.attachments import list_files
from desktop.services.context import AppContext
from desktop.services.request_copy import copy_into_new_draft
from desktop.services.signoff import Decision, decide
from tests.unit.services.support import assert_refusal, audit_actions, sqlite_only, with_files

Sample = Callable[..., PublicationRequest]


def _rejected_with_files(ctx: AppContext, people, sample_request: Sample) -> int:  # noqa: ANN001
    rid = with_files(ctx, people, sample_request)
    current = rq.get_request(ctx, people["web1"], rid).request
    rq.update_request(ctx, people["web1"], rid, current.with_changes(summary="แก้ไขแล้ว"))
    rq.perform_action(ctx, people["web2"], rid, rq.Action.SEND_FOR_APPROVAL)
    decide(ctx, people["boss"], rid, Decision.REJECT, "boss-pass-1", "ไม่เกี่ยวข้อง")
    return rid


def test_a_copy_is_a_new_draft_with_the_same_content_and_files(ctx: AppContext, people,  # noqa: ANN001
                                                               sample_request: Sample) -> None:
    original = _rejected_with_files(ctx, people, sample_request)
    before = rq.get_request(ctx, people["web1"], original)
    copy = copy_into_new_draft(ctx, people["web2"], original)
    made = rq.get_request(ctx, people["web2"], copy)
    assert copy != original and made.request.state == RequestState.DRAFT
    assert made.request.reference != before.request.reference
    for name in ("title", "summary", "body", "category", "subcategory", "requester",
                 "received_at", "channel"):
        assert getattr(made.request, name) == getattr(before.request, name), name
    assert made.request.summary == "แก้ไขแล้ว"
    originals = [(f.info.sha256, f.info.caption, f.info.alt_text)
                 for f in list_files(ctx, original)]
    assert [(f.info.sha256, f.info.caption, f.info.alt_text)
            for f in list_files(ctx, copy)] == originals
    assert made.actors.registered_by == people["web2"].id
    after = rq.get_request(ctx, people["web1"], original)
    assert after.request == before.request and after.request.state == RequestState.REJECTED
    assert audit_actions(ctx, copy)[0] == "request_registered"


@sqlite_only
def test_only_a_webmaster_copies(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    original = rq.register_request(ctx, people["web1"], sample_request())
    with pytest.raises(PermissionDenied) as caught:
        copy_into_new_draft(ctx, people["boss"], original)
    assert_refusal(caught.value, "role_missing")
    assert rq.count_requests(ctx, rq.RequestQuery()) == 1


@sqlite_only
def test_a_copy_whose_files_are_now_refused_leaves_no_half_made_draft(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    original = _rejected_with_files(ctx, people, sample_request)
    ctx.set_setting("file_policy", {"allowed_kinds": ["pdf"]})     # photos no longer allowed
    with pytest.raises(UserError) as caught:
        copy_into_new_draft(ctx, people["web1"], original)
    assert_refusal(caught.value, "file_refused")
    assert rq.count_requests(ctx, rq.RequestQuery()) == 1          # only the original
