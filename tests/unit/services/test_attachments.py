"""desktop.services.attachments: every file through the file policy before anything is
stored; replace, remove, reorder, image texts — each a new version of the request, a sign-off
voided when the content moves; refusals save nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import NotFound, PermissionDenied, UserError, ValidationFailed
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action, RequestState
from desktop.reports.demo_samples import sample_pdf, sample_photo, sample_workbook
from desktop.services import attachments as att
from desktop.services import requests as rq
from desktop.services.context import AppContext
from tests.unit.services.support import approved, assert_refusal, audit_actions, audit_count

Sample = Callable[..., PublicationRequest]
PDF = sample_pdf("ประกาศรับสมัครงาน", 1)


def _draft(ctx: AppContext, people, sample_request: Sample) -> int:  # noqa: ANN001
    return rq.register_request(ctx, people["web1"], sample_request())


def test_a_file_is_inspected_stored_and_audited(ctx: AppContext, people,  # noqa: ANN001
                                                sample_request: Sample) -> None:
    rid = _draft(ctx, people, sample_request)
    added = att.attach_file(ctx, people["web1"], rid, "ประกาศ รับสมัคร.pdf", PDF)
    assert added.verdict.accepted and added.duplicates == ()
    info = added.info
    assert (info.kind, info.size, info.sha256) == ("pdf", len(PDF),
                                                   hashlib.sha256(PDF).hexdigest())
    assert info.display_name == "ประกาศ รับสมัคร.pdf" and info.web_name.endswith(".pdf")
    assert " " not in info.web_name
    (stored,) = att.list_files(ctx, rid)
    assert stored.attachment_id == added.attachment_id and stored.verdict["accepted"] is True
    assert att.read_blob(ctx, info.sha256) == PDF
    assert audit_actions(ctx, rid)[-1] == "attachment_added"
    assert rq.get_request(ctx, people["web1"], rid).request.version == 2


def test_a_photo_gets_a_web_copy_and_a_thumbnail(ctx: AppContext, people,  # noqa: ANN001
                                                 sample_request: Sample) -> None:
    rid = _draft(ctx, people, sample_request)
    photo = sample_photo(1)
    added = att.attach_file(ctx, people["web1"], rid, "ภาพ.jpg", photo, caption=" ภาพกิจกรรม ",
                            alt_text="ผู้เข้าร่วมกิจกรรม")
    (stored,) = att.list_files(ctx, rid)
    assert stored.web_copy_sha256 and stored.thumbnail_sha256
    assert stored.web_copy_sha256 != added.info.sha256
    assert (stored.info.caption, stored.info.alt_text) == ("ภาพกิจกรรม", "ผู้เข้าร่วมกิจกรรม")
    assert att.read_blob(ctx, stored.thumbnail_sha256)[:3] in (b"\xff\xd8\xff", b"\x89PN")


def test_a_refused_file_saves_nothing(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = _draft(ctx, people, sample_request)
    before = audit_count(ctx)
    with pytest.raises(UserError) as caught:
        att.attach_file(ctx, people["web1"], rid, "ประกาศ.pdf", b"MZ\x90\x00 not a pdf at all")
    assert_refusal(caught.value, "file_refused")
    assert "ประกาศ.pdf" in caught.value.text("th")
    with pytest.raises(ValidationFailed) as long_text:
        att.attach_file(ctx, people["web1"], rid, "ภาพ.jpg", sample_photo(2),
                        alt_text="ก" * 5000)
    assert_refusal(long_text.value, "fields_too_long")
    assert att.list_files(ctx, rid) == [] and audit_count(ctx) == before
    with pytest.raises(PermissionDenied) as role:
        att.attach_file(ctx, people["boss"], rid, "ประกาศ.pdf", PDF)
    assert_refusal(role.value, "role_required")


def test_the_request_limits_apply_to_all_its_files(ctx: AppContext, people,  # noqa: ANN001
                                                  sample_request: Sample) -> None:
    ctx.set_setting("file_policy", {"max_files_per_request": 1})
    rid = _draft(ctx, people, sample_request)
    att.attach_file(ctx, people["web1"], rid, "หนึ่ง.pdf", PDF)
    with pytest.raises(UserError) as caught:
        att.attach_file(ctx, people["web1"], rid, "สอง.xlsx", sample_workbook("สรุป"))
    assert_refusal(caught.value, "request_too_many_files")
    assert [f.info.display_name for f in att.list_files(ctx, rid)] == ["หนึ่ง.pdf"]


def test_replace_remove_and_reorder_keep_every_version(ctx: AppContext, people,  # noqa: ANN001
                                                      sample_request: Sample) -> None:
    rid = _draft(ctx, people, sample_request)
    first = att.attach_file(ctx, people["web1"], rid, "ประกาศ.pdf", PDF)
    sheet = att.attach_file(ctx, people["web1"], rid, "สรุป.xlsx", sample_workbook("สรุป"))
    newer = sample_pdf("ประกาศรับสมัครงาน ฉบับแก้ไข", 1)
    replaced = att.attach_file(ctx, people["web1"], rid, "ประกาศ-แก้ไข.pdf", newer,
                               replaces=first.attachment_id)
    assert replaced.info.position == first.info.position
    assert [f.info.sha256 for f in att.list_files(ctx, rid)] == [
        replaced.info.sha256, sheet.info.sha256]
    with pytest.raises(NotFound) as caught:
        att.reorder_attachments(ctx, people["web1"], rid, [sheet.attachment_id])
    assert_refusal(caught.value, "attachment_not_found")
    att.reorder_attachments(ctx, people["web1"], rid,
                            [sheet.attachment_id, replaced.attachment_id])
    assert [f.attachment_id for f in att.list_files(ctx, rid)] == [
        sheet.attachment_id, replaced.attachment_id]
    att.remove_attachment(ctx, people["web2"], rid, sheet.attachment_id)
    assert [f.attachment_id for f in att.list_files(ctx, rid)] == [replaced.attachment_id]
    assert att.count_versions(ctx, rid) == 3
    assert att.read_blob(ctx, first.info.sha256) == PDF          # nothing is deleted
    with pytest.raises(NotFound):
        att.remove_attachment(ctx, people["web1"], rid, first.attachment_id)  # superseded
    assert audit_actions(ctx, rid)[-3:] == ["attachment_replaced", "attachments_reordered",
                                            "attachment_removed"]


def test_image_texts_are_checked_and_edited(ctx: AppContext, people,  # noqa: ANN001
                                           sample_request: Sample) -> None:
    rid = _draft(ctx, people, sample_request)
    photo = att.attach_file(ctx, people["web1"], rid, "ภาพ.jpg", sample_photo(3))
    with pytest.raises(ValidationFailed) as caught:
        att.set_image_text(ctx, people["web1"], rid, photo.attachment_id, "ก" * 5000, "")
    assert_refusal(caught.value, "fields_too_long")
    att.set_image_text(ctx, people["web1"], rid, photo.attachment_id, "คำบรรยาย", "ข้อความแทนภาพ")
    (stored,) = att.list_files(ctx, rid)
    assert (stored.info.caption, stored.info.alt_text) == ("คำบรรยาย", "ข้อความแทนภาพ")


def test_the_same_file_in_another_request_is_pointed_out(ctx: AppContext, people,  # noqa: ANN001
                                                        sample_request: Sample) -> None:
    first = _draft(ctx, people, sample_request)
    att.attach_file(ctx, people["web1"], first, "ประกาศ.pdf", PDF)
    second = _draft(ctx, people, sample_request)
    again = att.attach_file(ctx, people["web1"], second, "ประกาศซ้ำ.pdf", PDF)
    assert [(d.request_id, d.state) for d in again.duplicates] == [(first, RequestState.DRAFT)]


def test_a_change_after_sign_off_voids_it_and_published_files_are_frozen(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = approved(ctx, people, sample_request)
    att.attach_file(ctx, people["web1"], rid, "เพิ่มเติม.pdf", PDF)
    assert rq.get_request(ctx, people["web1"], rid).request.state == RequestState.IN_REVIEW
    assert "state:void_signoff" in audit_actions(ctx, rid)
    other = approved(ctx, people, sample_request)
    rq.perform_action(ctx, people["web1"], other, Action.PUBLISH)
    with pytest.raises(UserError) as caught:
        att.attach_file(ctx, people["web1"], other, "สาย.pdf", PDF)
    assert_refusal(caught.value, "illegal_transition")


def test_files_on_disk_are_checked_before_anything_is_registered(ctx: AppContext, people,  # noqa: ANN001
                                                                sample_request: Sample,
                                                                tmp_path: Path) -> None:
    good = tmp_path / "ประกาศ.pdf"
    good.write_bytes(PDF)
    att.preflight_paths(ctx, [str(good)])
    with pytest.raises(UserError) as missing:
        att.preflight_paths(ctx, [str(good), str(tmp_path / "ไม่มี.pdf")])
    assert_refusal(missing.value, "file_refused")
    assert "ไม่พบไฟล์" in missing.value.text("th")
    ctx.set_setting("file_policy", {"max_file_bytes": 1024 * 1024})
    big = tmp_path / "ใหญ่.pdf"
    big.write_bytes(PDF + b"\0" * (2 * 1024 * 1024))
    with pytest.raises(UserError) as too_big:
        att.preflight_paths(ctx, [str(big)])
    assert_refusal(too_big.value, "file_refused")
    rid = _draft(ctx, people, sample_request)
    with pytest.raises(UserError) as refused:
        att.attach_path(ctx, people["web1"], rid, big)
    assert_refusal(refused.value, "file_refused")
    added = att.attach_path(ctx, people["web1"], rid, good, caption="ประกาศฉบับจริง")
    assert added.info.display_name == "ประกาศ.pdf" and added.info.caption == "ประกาศฉบับจริง"
