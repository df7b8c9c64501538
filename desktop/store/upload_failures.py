"""Approved requests whose last upload failed: the home screen's "publish again" list.

Every upload attempt leaves an audited ``sftp_session`` row (also on other PCs, also before a
restart); a request belongs to the list when it is still approved and its latest such row is a
publish that failed.  Every approved request is looked at, however many there are, a page at
a time: the pages walk the ``state, updated_at, id`` index of requests, and each request's
latest session row is found through the ``request_id`` index of the audit log.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.workflow import RequestState
from desktop.store.models import AuditRow, RequestRow

PAGE = 500                     # approved requests read per query
FAILED_RESULTS = ("failed", "error")


def failed_upload_ids(session: Session, *, page: int = PAGE) -> list[int]:
    """Ids of the approved requests whose latest recorded upload was a failed publish, the
    most recently changed first."""
    last_session = (select(func.max(AuditRow.id))
                    .where(AuditRow.request_id == RequestRow.id,
                           AuditRow.action == "sftp_session")
                    .correlate(RequestRow).scalar_subquery())
    found: list[int] = []
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(RequestRow.id, RequestRow.updated_at, AuditRow.details)
                 .join(AuditRow, AuditRow.id == last_session)
                 .where(RequestRow.state == RequestState.APPROVED.value)
                 .order_by(RequestRow.updated_at.desc(), RequestRow.id.desc())
                 .limit(page))
        if after is not None:
            query = query.where(or_(RequestRow.updated_at < after[0],
                                    and_(RequestRow.updated_at == after[0],
                                         RequestRow.id < after[1])))
        rows = session.execute(query).all()
        found += [request_id for request_id, _, details in rows if _failed_publish(details)]
        if len(rows) < page:
            return found
        after = (rows[-1][1], rows[-1][0])


def _failed_publish(details: str) -> bool:
    try:
        data = json.loads(details)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("operation") == "publish" \
        and data.get("result") in FAILED_RESULTS
