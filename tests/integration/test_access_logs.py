"""Access logs written by a real nginx (driven with real HTTP requests from several loopback
addresses), rotated the way logrotate does it, plus an older gzip log with malformed lines:
imported once, incrementally, with nothing counted twice; GoAccess reads the same logs and
gets the same page views and unique visitors per day."""

from __future__ import annotations

import gzip
import json
import secrets
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.web_stats import DayFigures
from desktop.paths import AppPaths
from desktop.publish.credentials import CredentialStore
from desktop.publish.hostkeys import known_hosts_name
from desktop.reports.log_parse import DOWNLOAD_EXTENSIONS, STATIC_EXTENSIONS
from desktop.services.context import AppContext
from desktop.services.report_logs import FileStatus, import_local_logs
from desktop.services.report_logs_remote import import_server_logs
from desktop.store import report_records as records
from tests.integration.nginx_site import NginxSite, nginx_binary
from tests.publish.conftest import MemoryKeyring, make_profile, site_folders
from tests.publish.sshd_server import SshdServer, sshd_available
from tests.support.components import require, which
from tests.unit.reports.log_samples import BROWSERS, GOOGLEBOT, line

SITE = "www"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
THAI_URL = "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/2569/00006/index.html"


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[NginxSite]:
    require(nginx_binary() is not None, "nginx (Debian: nginx)")
    site = NginxSite.start(tmp_path / "nginx", tmp_path / "logs")
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture(scope="module")
def sshd() -> Iterator[SshdServer]:
    """A real OpenSSH server whose SFTP serves the folder nginx logs into."""
    available, why = sshd_available()
    require(available, f"OpenSSH sshd: {why}")
    server = SshdServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def ctx(home: Path, tmp_path: Path) -> Iterator[AppContext]:
    context = AppContext.open(AppPaths.resolve(home, f"sqlite:///{tmp_path / 'w.sqlite3'}"))
    yield context
    context.close()


def drive(site: NginxSite, visitors: int, offset: int = 0,
          seen: set[tuple[str, str]] | None = None) -> tuple[int, int]:
    """Real traffic: each visitor views pages and pulls assets; bots crawl; some errors.
    Returns (requests sent, page views expected); adds the (address, agent) pairs to ``seen``."""
    sent = views = 0
    for n in range(visitors):
        source = f"127.0.0.{2 + (n + offset) % 6}"
        agent = BROWSERS[(n // 2 + offset) % len(BROWSERS)]
        if seen is not None:
            seen.add((source, agent))
        for path, expect_view in (("/index.html", True), ("/css/site.css", False),
                                  ("/js/app.js?v=2", False), ("/img/logo.png", False),
                                  (f"/news/{1 + n % 2}.html?from=home", True), (THAI_URL, True),
                                  ("/files/plan.pdf", False), ("/missing.html", False),
                                  ("/old.html", False)):
            status = site.get(path, agent=agent, source=source)
            assert status in (200, 301, 404)
            sent += 1
            views += expect_view
        assert site.get("/index.html", agent=agent, source=source,
                        headers={"If-Modified-Since": site.last_modified("index.html")}) == 304
        assert site.get("/news/1.html", agent=agent, source=source, method="HEAD") == 200
        sent += 2
        views += 2
    for bot in (GOOGLEBOT, BINGBOT):
        for path in ("/", "/news/1.html", "/files/budget.xlsx"):
            site.get(path, agent=bot, source="127.0.0.9")
            sent += 1
    site.raw(b"NOT HTTP AT ALL\r\n\r\n")
    sent += 1
    return sent, views


def old_gzip_log(folder: Path) -> Path:
    """Two older days, already compressed by logrotate, with three malformed lines."""
    text = []
    for day in (date(2026, 9, 28), date(2026, 9, 29)):
        for i in range(30):
            when = datetime(day.year, day.month, day.day, 8 + i // 6, i % 60)
            agent = BROWSERS[i % 3] if i % 10 else GOOGLEBOT
            path = ("/index.html", "/news/2.html", "/css/site.css", "/files/plan.pdf")[i % 4]
            text.append(line(f"10.9.0.{i % 7}", when, path, 200 if i % 9 else 404, 500, agent))
        text.append("\\x16\\x03\\x01 garbage from a TLS scanner\n")
    text.append('10.9.0.1 - - [29/Sep/2026:23:59:59 +0700] "GET /cut-off\n')
    target = folder / "access.log.2.gz"
    target.write_bytes(gzip.compress("".join(text).encode()))
    return target


def stored_days(ctx: AppContext) -> dict[date, DayFigures]:
    with ctx.db.read() as session:
        return {d.day: d for d in records.day_figures(session, date(2000, 1, 1),
                                                      date(2100, 1, 1), SITE)}


def goaccess_per_day(logs: list[Path], statuses: set[int], work: Path) -> dict[date, tuple[int,
                                                                                        int]]:
    """GoAccess's hits and unique visitors per day, told the same definition of a page view:
    crawlers, static files and downloads (with or without a query string), and every status
    but 2xx/304 ignored."""
    goaccess = which("goaccess")
    require(goaccess is not None, "GoAccess (Debian: goaccess)")
    assert goaccess is not None
    combined = work / "all.log"
    with open(combined, "wb") as out:
        for log in logs:
            data = log.read_bytes()
            out.write(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    report = work / "goaccess.json"
    command = [goaccess, str(combined), "--log-format=COMBINED", "-o", str(report),
               "--ignore-crawlers", "--ignore-statics=panel", "--all-static-files"]
    command += [f"--ignore-status={s}" for s in sorted(statuses)
                if not (200 <= s < 300 or s == 304)]
    command += [f"--static-file=.{e}" for e in sorted(STATIC_EXTENSIONS | DOWNLOAD_EXTENSIONS)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    data = json.loads(report.read_text())
    return {datetime.strptime(item["data"], "%Y%m%d").date():
            (item["hits"]["count"], item["visitors"]["count"])
            for item in data["visitors"]["data"]}


def test_nginx_logs_imported_incrementally_and_counted_like_goaccess(
        nginx: NginxSite, ctx: AppContext, tmp_path: Path) -> None:
    seen: set[tuple[str, str]] = set()
    sent1, views1 = drive(nginx, 8, seen=seen)
    nginx.settle(sent1)
    log = nginx.logs / "access.log"
    first = import_local_logs(ctx, SITE, [log])
    assert first.lines == sent1 and first.malformed == 0
    assert first.page_views == views1

    sent2, views2 = drive(nginx, 4, offset=3, seen=seen)            # the same log grows
    nginx.settle(sent1 + sent2)
    rotated = nginx.rotate("access.log.1")               # logrotate at night
    sent3, views3 = drive(nginx, 5, offset=1, seen=seen)
    nginx.settle(sent3)
    old = old_gzip_log(nginx.logs)
    second = import_local_logs(ctx, SITE, [old, rotated, log])
    by_name = {f.name: f for f in second.files}
    assert by_name["access.log.1"].status == FileStatus.CONTINUED
    assert by_name["access.log.1"].lines == sent2
    assert by_name["access.log"].status == FileStatus.NEW and by_name["access.log"].lines == sent3
    assert by_name["access.log.2.gz"].malformed == 3

    packed = nginx.logs / "access.log.1.gz"              # compressed the next night
    packed.write_bytes(gzip.compress(rotated.read_bytes()))
    rotated.unlink()
    third = import_local_logs(ctx, SITE, [old, packed, log])
    assert all(f.status == FileStatus.UNCHANGED for f in third.files)

    days = stored_days(ctx)
    today = max(days)
    assert days[today].page_views == views1 + views2 + views3
    assert days[today].requests == sent1 + sent2 + sent3
    assert days[today].bot_requests == 3 * 6
    assert days[today].downloads == 17                   # plan.pdf once per visitor
    assert days[today].unique_visitors == len(seen) > 6
    assert days[today].statuses[400] == 3
    statuses = {code for d in days.values() for code in d.statuses}
    expected = goaccess_per_day([old, packed, log], statuses, tmp_path)
    assert {d: (f.page_views, f.unique_visitors) for d, f in days.items() if f.page_views} == \
        expected
    with ctx.db.read() as session:
        pages = dict(records.top_paths(session, today.replace(day=1), today.replace(day=1),
                                       "page", limit=50))
    assert pages["/ข่าว/2569/00006/index.html"] == 17


def test_logs_fetched_over_sftp_from_the_log_folder_once(
        sshd: SshdServer, home: Path, tmp_path: Path, ctx: AppContext) -> None:
    require(nginx_binary() is not None, "nginx (Debian: nginx)")
    logs = sshd.make_folder(f"logs-{secrets.token_hex(4)}", None)
    site = NginxSite.start(tmp_path / "nginx-sftp", logs)
    try:
        seen: set[tuple[str, str]] = set()
        sent1, views1 = drive(site, 6, seen=seen)
        site.settle(sent1)
        site.rotate("access.log.1")
        sent2, views2 = drive(site, 3, offset=2, seen=seen)
        site.settle(sent2)
    finally:
        site.stop()
    old = old_gzip_log(logs)
    (logs / "error.log").write_text("not an access log\n")    # not matched by *access*
    ctx.paths.known_hosts.write_text(
        f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n")
    web_root, archive = site_folders(sshd, sshd.key_user)
    profile = make_profile(sshd, web_root, archive)
    credentials = CredentialStore(backend=MemoryKeyring())

    first = import_server_logs(ctx, profile, credentials, folder=str(logs))
    assert sorted(f.name for f in first.files) == ["access.log", "access.log.1",
                                                   "access.log.2.gz"]
    assert first.lines == sent1 + sent2 + 63 and first.malformed == 3   # 60 good, 3 bad
    again = import_server_logs(ctx, profile, credentials, folder=str(logs))
    assert all(f.status == FileStatus.UNCHANGED for f in again.files)

    # the same files read locally into another profile give the same figures
    other_home = tmp_path / "other"
    other_home.mkdir()
    other = AppContext.open(AppPaths.resolve(other_home,
                                             f"sqlite:///{tmp_path / 'o.sqlite3'}"))
    try:
        import_local_logs(other, SITE, [old, logs / "access.log.1", logs / "access.log"])
        local = stored_days(other)
    finally:
        other.close()
    with ctx.db.read() as session:
        remote = {d.day: d for d in records.day_figures(session, date(2000, 1, 1),
                                                        date(2100, 1, 1), profile.name)}
    assert remote == local
    today = max(remote)
    assert remote[today].page_views == views1 + views2
    assert remote[today].unique_visitors == len(seen)
