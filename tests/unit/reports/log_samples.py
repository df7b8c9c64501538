"""Access-log lines for tests, and a slow one-line-at-a-time reference count to compare with."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop.reports.log_parse import (
    DOWNLOAD,
    PAGE,
    is_bot,
    is_success,
    parse_line,
    path_kind,
    visitor_digest,
)

CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/120.0.0.0 Safari/537.36")
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
BROWSERS = (CHROME, FIREFOX, SAFARI_IPHONE)
BOTS = (GOOGLEBOT, BINGBOT)
THAI_PAGE = "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/2569/00006/index.html"   # /ข่าว/2569/...


def line(ip: str, when: datetime, path: str, status: int = 200, size: int | None = 1234,
         agent: str = CHROME, method: str = "GET", referer: str = "-") -> str:
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0700")
    size_text = "-" if size is None else str(size)
    return (f'{ip} - - [{stamp}] "{method} {path} HTTP/1.1" {status} {size_text} '
            f'"{referer}" "{agent}"\n')


def synthetic_log(count: int, start: datetime, days: int = 3, seed: int = 7,
                  bad_every: int = 0) -> str:
    """A varied, chronological log: pages, assets, documents, bots, errors, Thai URLs."""
    rng = random.Random(seed)
    paths = ["/", "/index.html", "/news/1.html", "/news/2.html?page=2", THAI_PAGE,
             "/css/site.css", "/js/app.js?v=3", "/img/logo.png", "/files/plan.pdf",
             "/files/budget.xlsx", "/files/form.docx", "/missing.html"]
    statuses = [200] * 12 + [304, 304, 404, 301, 500]
    step = timedelta(seconds=days * 86400 / max(count, 1))
    out = []
    when = start
    for i in range(count):
        when += step
        if bad_every and i % bad_every == bad_every - 1:
            out.append(rng.choice(("garbage without structure\n",
                                   '1.2.3.4 - - [99/Xyz/2026:00:00:00 +0700] "GET / HTTP/1.1" '
                                   '200 1 "-" "x"\n',
                                   "127.0.0.1 - - [01/Oct/2026:10:00:00 +0700] \"GET /\n")))
            continue
        ip = f"10.0.{rng.randint(0, 3)}.{rng.randint(1, 30)}"
        agent = rng.choice(BOTS) if rng.random() < 0.1 else rng.choice(BROWSERS)
        out.append(line(ip, when, rng.choice(paths), rng.choice(statuses),
                        rng.choice((None, 512, 2048, 70000)), agent,
                        rng.choice(("GET", "GET", "GET", "HEAD", "POST"))))
    return "".join(out)


@dataclass
class Reference:
    """What a log adds up to, counted the obvious way (one line at a time)."""

    lines: int = 0
    malformed: int = 0
    requests: Counter[date] = field(default_factory=Counter)
    page_views: Counter[date] = field(default_factory=Counter)
    downloads: Counter[date] = field(default_factory=Counter)
    bots: Counter[date] = field(default_factory=Counter)
    bytes_sent: Counter[date] = field(default_factory=Counter)
    visitors: dict[date, set[bytes]] = field(default_factory=dict)
    pages: Counter[tuple[date, bytes]] = field(default_factory=Counter)
    files: Counter[tuple[date, bytes]] = field(default_factory=Counter)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def reference_count(text: bytes) -> Reference:
    ref = Reference()
    for raw in text.splitlines():
        if not raw.strip():
            continue
        ref.lines += 1
        parsed = parse_line(raw)
        if parsed is None:
            ref.malformed += 1
            continue
        ip, day_text, path, status, size, agent = parsed
        try:
            day = date(int(day_text[7:11]), MONTHS.index(day_text[3:6].decode()) + 1,
                       int(day_text[0:2]))
        except ValueError:
            ref.malformed += 1
            continue
        ref.requests[day] += 1
        ref.bytes_sent[day] += int(size or 0)
        if is_bot(agent):
            ref.bots[day] += 1
            continue
        if not is_success(int(status)):
            continue
        kind = path_kind(path)
        if kind == PAGE:
            ref.page_views[day] += 1
            ref.visitors.setdefault(day, set()).add(visitor_digest(ip + b"\0" + agent))
            ref.pages[(day, path)] += 1
        elif kind == DOWNLOAD:
            ref.downloads[day] += 1
            ref.files[(day, path)] += 1
    return ref
