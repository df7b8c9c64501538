"""The home screen of each role: what waits for this person, counts by state, and (admins) the
health of the installation.  Built from the other services' queries; nothing of its own in SQL.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop.domain.users import User
from desktop.domain.workflow import RequestState, Role
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.inbox import InboxItem, approver_inbox
from desktop.services.queue_page import count_by_state

SHOWN = 8          # lines per list on the home screen


@dataclass(frozen=True)
class HomeList:
    """One "waits for you" list: its key (for the title and the filter it opens) and rows."""

    key: str        # to_check, returned, ready_to_publish, failed_uploads, due_this_week, recent
    rows: tuple[rq.RequestSummary, ...]
    total: int


@dataclass(frozen=True)
class Health:
    last_backup: datetime | None
    audit_ok: bool | None           # None: not checked
    audit_rows: int
    audit_problem: str
    servers: tuple[tuple[str, bool], ...]   # (server name, reachable)


@dataclass(frozen=True)
class HomeSummary:
    lists: tuple[HomeList, ...]
    counts: dict[RequestState, int]
    to_sign: tuple[InboxItem, ...] = ()
    health: Health | None = None
    today: date = field(default_factory=date.today)


_LISTS: tuple[tuple[str, tuple[RequestState, ...]], ...] = (
    ("to_check", (RequestState.SUBMITTED, RequestState.IN_REVIEW)),
    ("returned", (RequestState.RETURNED,)),
    ("ready_to_publish", (RequestState.APPROVED,)),
)


def home_summary(ctx: AppContext, user: User) -> HomeSummary:
    """Everything the person's home screen shows (run it off the GUI thread)."""
    today = ctx.today()
    counts = count_by_state(ctx)            # one statement; the lists' totals follow from it
    lists: list[HomeList] = []
    if Role.WEBMASTER in user.roles:
        for key, states in _LISTS:
            query = rq.RequestQuery(states=states, limit=SHOWN)
            lists.append(HomeList(key, tuple(rq.list_requests(ctx, query)),
                                  sum(counts[state] for state in states)))
        lists.append(failed_uploads(ctx))
        due = rq.RequestQuery(due_by=today + timedelta(days=7), limit=SHOWN)
        lists.append(HomeList("due_this_week", tuple(rq.list_requests(ctx, due)),
                              rq.count_requests(ctx, due)))
        recent = rq.RequestQuery(limit=SHOWN)
        lists.append(HomeList("recent", tuple(rq.list_requests(ctx, recent)),
                              sum(counts.values())))
    to_sign = tuple(approver_inbox(ctx, user)) if Role.APPROVER in user.roles else ()
    health = installation_health(ctx) if Role.ADMIN in user.roles else None
    return HomeSummary(tuple(lists), counts, to_sign, health, today)


def failed_uploads(ctx: AppContext) -> HomeList:
    """Approved requests (not yet on the site) whose last upload failed, however many are
    approved: from the audited SFTP sessions, so a failure on another PC or before a restart
    shows too.  The first :data:`SHOWN` (most recently changed) and how many there are."""
    from desktop.store.upload_failures import failed_upload_ids

    with ctx.db.read() as session:
        ids = failed_upload_ids(session)
    if not ids:
        return HomeList("failed_uploads", (), 0)
    shown = rq.list_requests(ctx, rq.RequestQuery(ids=tuple(ids[:SHOWN]), limit=SHOWN))
    return HomeList("failed_uploads", tuple(shown), len(ids))


def installation_health(ctx: AppContext) -> Health:
    """Last backup, the audit chain now, and whether each publishing server answers."""
    from desktop.services.audit_log import verify_all
    from desktop.services.servers import list_servers

    backups = [p for p in ctx.paths.backup_dir.glob("*") if p.is_file()]
    last = max((p.stat().st_mtime for p in backups), default=None)
    report = verify_all(ctx)
    reachable = tuple((p.name, _answers(p.host, p.port)) for p in list_servers(ctx))
    return Health(datetime.fromtimestamp(last) if last is not None else None, report.ok,
                  report.rows_checked, report.problem, reachable)


def _answers(host: str, port: int, timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
