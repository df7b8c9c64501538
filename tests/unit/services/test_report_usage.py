"""desktop.services.report_usage: website usage mapped back to the requests whose URLs the
paths are, satisfaction and audit figures of a period."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desktop.domain.errors import AuthenticationFailed
from desktop.domain.report_period import month_period
from desktop.domain.request import PublicationRequest
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.report_logs import import_local_logs
from desktop.services.report_usage import UrlMap, audit_figures, usage_figures
from tests.unit.reports.log_samples import line
from tests.unit.services.support import a_month_of_work, sqlite_only

Sample = Callable[..., PublicationRequest]
NOVEMBER = month_period(2026, 11)


def test_a_path_belongs_to_the_longest_published_folder() -> None:
    urls = UrlMap([(1, "WD-2569-00001", "ข่าว", "https://www.example.go.th/news/wd-1/"),
                   (2, "WD-2569-00002", "ประกาศ", "https://www.example.go.th/news/wd-1/sub/"),
                   (3, "WD-2569-00003", "ไฟล์", "https://www.example.go.th/files/plan.pdf"),
                   (4, "WD-2569-00004", "ไม่มี URL", "")])
    assert urls.find("/news/wd-1/index.html") == (1, "WD-2569-00001", "ข่าว")
    assert urls.find("/news/wd-1/sub/files/a.pdf") == (2, "WD-2569-00002", "ประกาศ")
    assert urls.find("/files/plan.pdf") == (3, "WD-2569-00003", "ไฟล์")
    assert urls.find("/news/") is None and urls.find("/other/x.html") is None


@sqlite_only
def test_page_views_are_named_by_their_request(ctx: AppContext, people,  # noqa: ANN001
                                               sample_request: Sample, tmp_path: Path) -> None:
    a_month_of_work(ctx, people, sample_request)
    log = tmp_path / "access.log"
    log.write_text("".join(line(f"10.0.0.{i}", datetime(2026, 11, 24, 9, i),
                                "/news/wd-2569-00001/index.html") for i in range(1, 4))
                   + line("10.0.0.9", datetime(2026, 11, 24, 10, 0), "/about.html"),
                   encoding="utf-8")
    import_local_logs(ctx, "www", [log], workers=1)
    with ctx.db.read() as session:
        usage = usage_figures(session, NOVEMBER)
    assert usage.totals.page_views == 4 and usage.sites == ("www",)
    top = {hit.path: hit for hit in usage.top_pages}
    assert top["/news/wd-2569-00001/index.html"].hits == 3
    assert top["/news/wd-2569-00001/index.html"].reference == "WD-2569-00001"
    assert top["/about.html"].reference == ""


def test_the_audit_of_a_period(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001

    with contextlib.suppress(AuthenticationFailed):
        auth.sign_in(ctx, "web1", "wrong-password")
    figures = audit_figures(ctx, NOVEMBER, "th")
    assert figures.chain_ok and figures.rows == figures.head_id
    assert figures.failed_sign_ins == 1
    labels = dict(figures.actions)
    assert sum(labels.values()) == figures.rows
    assert any("\u0e00" <= ch <= "\u0e7f" for label in labels for ch in label)
    assert ("admin", 4) in figures.actors                   # the admin added four people
    assert audit_figures(ctx, month_period(2020, 1), "en").rows == 0
