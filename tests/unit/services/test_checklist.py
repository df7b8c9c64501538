"""desktop.services.checklist: the pre-publish checklist of a stored request — its Required
items block, the admin's levels apply, and a report is reused while nothing changed.
(Personal data in files and the write-lock contract: test_checklist_service.py.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.services import checklist
from desktop.services import requests as rq
from desktop.services.context import AppContext
from tests.unit.services.support import assert_refusal, sqlite_only

Sample = Callable[..., PublicationRequest]


@sqlite_only
def test_a_complete_request_passes_and_a_short_title_blocks(ctx: AppContext, people,  # noqa: ANN001
                                                             sample_request: Sample) -> None:
    good = rq.register_request(ctx, people["web1"], sample_request())
    report = checklist.request_checklist(ctx, good)
    assert not report.blocked
    assert {"title_length", "personal_data", "file_policy"} <= {i.code for i in report.items}
    checklist.precheck(ctx, good)                                       # does not raise
    short = rq.register_request(ctx, people["web1"], sample_request(title="ข่าว"))
    assert [i.code for i in checklist.request_checklist(ctx, short).items if i.blocks] == [
        "title_length"]
    with pytest.raises(UserError) as caught:
        checklist.precheck(ctx, short)
    assert_refusal(caught.value, "checklist_blocked")


@sqlite_only
def test_an_id_number_in_the_text_blocks(ctx: AppContext, people,  # noqa: ANN001
                                         sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request(
        summary="ผู้ได้รับคัดเลือก เลขประจำตัวประชาชน 1-1017-00010-22-8"))
    report = checklist.request_checklist(ctx, rid)
    assert [i.code for i in report.items if i.blocks] == ["personal_data"]


@sqlite_only
def test_the_admins_levels_apply(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = rq.register_request(ctx, people["web1"], sample_request(title="ข่าว"))
    ctx.set_setting("checklist", {"levels": {"title_length": "off"}})
    assert checklist.checklist_config(ctx).level("title_length").value == "off"
    report = checklist.request_checklist(ctx, rid)
    assert not report.blocked and "title_length" not in {i.code for i in report.items}
    ctx.set_setting("checklist", {"levels": {"title_length": "sometimes"}})
    with pytest.raises(UserError) as caught:
        checklist.request_checklist(ctx, rid)
    assert_refusal(caught.value, "checklist_config_invalid")


@sqlite_only
def test_a_report_is_reused_until_the_content_or_settings_change(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = rq.register_request(ctx, people["web1"], sample_request())
    first = checklist.request_checklist(ctx, rid)
    assert checklist.request_checklist(ctx, rid) is first
    current = rq.get_request(ctx, people["web1"], rid).request
    rq.update_request(ctx, people["web1"], rid, current.with_changes(title="ข่าว"))
    changed = checklist.request_checklist(ctx, rid)
    assert changed is not first and changed.blocked
    ctx.set_setting("checklist", {"title_min_chars": 2})
    relaxed = checklist.request_checklist(ctx, rid)
    assert relaxed is not changed and not relaxed.blocked
