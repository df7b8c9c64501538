from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop.domain.calendar import SlaClock, WorkingCalendar
from desktop.domain.errors import ValidationFailed
from desktop.domain.manifest import manifest_hash
from desktop.domain.request import (
    AttachmentInfo,
    PublicationRequest,
    Requester,
    missing_fields,
    validate_for_submit,
)


def test_working_days_skip_weekends_and_holidays() -> None:
    # Friday 2026-12-04; Monday 2026-12-07 is a holiday (วันฉัตรมงคล-like example).
    cal = WorkingCalendar.with_holidays([date(2026, 12, 7)])
    assert cal.add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 8)
    assert cal.add_working_days(date(2026, 12, 4), 3) == date(2026, 12, 10)
    # Received on a Saturday: counting starts Monday.
    assert WorkingCalendar().add_working_days(date(2026, 11, 21), 3) == date(2026, 11, 26)
    assert cal.working_days_between(date(2026, 12, 4), date(2026, 12, 10)) == 3


def test_sla_publish_due_and_overdue() -> None:
    clock = SlaClock(WorkingCalendar())
    due = clock.publish_due(datetime(2026, 11, 23, 9, 0))  # Monday
    assert due == date(2026, 11, 26)
    assert clock.step_due(date(2026, 11, 27)) == date(2026, 11, 30)  # Friday -> Monday
    assert clock.status(due, date(2026, 11, 24)).working_days_left == 2
    late = clock.status(due, date(2026, 11, 30))
    assert late.overdue and late.working_days_left == -2


def _request() -> PublicationRequest:
    return PublicationRequest(
        title="ประกาศ", category="news", summary="สรุป",
        requester=Requester(name="ก", unit="กลุ่มงาน"), received_at=datetime(2026, 1, 1),
        attachments=(AttachmentInfo("ประกาศ.pdf", "prakat.pdf", "application/pdf", "pdf", 10,
                                    "a" * 64),))


def test_manifest_hash_changes_with_any_content_or_file() -> None:
    base = _request()
    digest = manifest_hash(base)
    assert manifest_hash(replace(base)) == digest
    assert manifest_hash(replace(base, title="ประกาศ ")) != digest
    assert manifest_hash(replace(base, expiry_date=date(2027, 1, 1))) != digest
    changed_file = replace(base.attachments[0], sha256="b" * 64)
    assert manifest_hash(replace(base, attachments=(changed_file,))) != digest
    # Workflow state and ids are not content.
    assert manifest_hash(replace(base, id=99, reference="X")) == digest


def test_validation_names_what_is_missing_in_thai() -> None:
    request = PublicationRequest(title="x")
    missing = missing_fields(request, ("source_owner",))
    assert {"category", "requester.name", "source_owner"} <= set(missing)
    with pytest.raises(ValidationFailed) as caught:
        validate_for_submit(request, ("source_owner",))
    assert "แหล่งที่มา" in caught.value.text("th")
    assert "Source" in caught.value.text("en")


def test_invalid_link_and_dates() -> None:
    request = replace(_request(), external_link="not a url",
                      publish_date=date(2026, 2, 1), expiry_date=date(2026, 1, 1))
    with pytest.raises(ValidationFailed) as caught:
        validate_for_submit(request, ())
    assert set(caught.value.params["names"]) == {"external_link", "expiry_date"}
