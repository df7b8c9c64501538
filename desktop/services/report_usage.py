"""Website usage, satisfaction and audit figures of a period, for the reports and the
dashboard; log paths are mapped back to the WebDesk requests whose URLs they are."""

from __future__ import annotations

import urllib.parse
from datetime import datetime, time, timedelta

from desktop.domain.audit_labels import audit_label
from desktop.domain.report_period import ReportPeriod
from desktop.domain.web_stats import PathHits, SatisfactionFigures
from desktop.reports.report_model import AuditFigures, UsageFigures
from desktop.services.context import AppContext
from desktop.store import report_queries as q
from desktop.store import report_records as records
from desktop.store.database import Session


def _folder_of(url: str) -> str:
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path or "/")
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


class UrlMap:
    """Which request a URL path belongs to: the longest published folder that contains it."""

    def __init__(self, index: list[tuple[int, str, str, str]]) -> None:
        self.exact: dict[str, tuple[int, str, str]] = {}
        self.folders: dict[str, tuple[int, str, str]] = {}
        for request_id, reference, title, url in index:
            if not url:
                continue
            path = urllib.parse.unquote(urllib.parse.urlsplit(url).path or "/")
            self.exact[path] = (request_id, reference, title)
            folder = _folder_of(url)
            if folder != "/":
                self.folders[folder] = (request_id, reference, title)

    def find(self, path: str) -> tuple[int, str, str] | None:
        if path in self.exact:
            return self.exact[path]
        folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        while folder and folder != "/":
            if folder in self.folders:
                return self.folders[folder]
            folder = folder[:-1].rsplit("/", 1)[0] + "/"
        return None


def usage_figures(session: Session, period: ReportPeriod, top: int = 20) -> UsageFigures:
    months = period.months()
    days = records.day_figures(session, period.start, period.end)
    urls = UrlMap(q.url_index(session))

    def hits(kind: str) -> tuple[PathHits, ...]:
        out = []
        for path, count in records.top_paths(session, months[0], months[-1], kind, top):
            found = urls.find(path)
            out.append(PathHits(path, kind, count, *(found if found else (None, "", ""))))
        return tuple(out)
    return UsageFigures(tuple(days), hits("page"), hits("download"),
                        records.malformed_lines(session, period.start, period.end),
                        tuple(records.log_sites(session)))


def satisfaction_figures(session: Session, period: ReportPeriod) -> SatisfactionFigures:
    months = period.months()
    return records.satisfaction(session, months[0], months[-1], period.end)


def audit_figures(ctx: AppContext, period: ReportPeriod, lang: str) -> AuditFigures:
    """What the audit log recorded in the period, and whether the chain verifies."""
    from desktop.services.audit_log import verify_all

    start = datetime.combine(period.start, time.min)
    until = datetime.combine(period.end + timedelta(days=1), time.min)
    report = verify_all(ctx, this_pc=False)
    with ctx.db.read() as session:
        actions = q.audit_action_counts(session, start, until)
        actors = q.audit_actor_counts(session, start, until)
        sftp = q.sftp_results(session, start, until)
        head = q.audit_head(session)
    failed = sum(n for action, n in actions if action.endswith("_failed"))
    return AuditFigures(tuple((audit_label(a, lang), n) for a, n in actions),
                        tuple((name or "-", n) for name, n in actors),
                        tuple(sorted(sftp.items())), failed, sum(n for _a, n in actions),
                        report.ok, report.problem, head[0], head[1])
