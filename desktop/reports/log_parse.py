"""Counting Apache/nginx "combined" access-log lines the way GoAccess counts them.

A line looks like::

    203.0.113.9 - - [01/Oct/2026:08:15:02 +0700] "GET /news/12.html?x=1 HTTP/1.1" 200 5120
    "https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; ...) Chrome/120.0 Safari/537.36"

Per day (the date as the server wrote it) we keep: requests, bytes sent, status codes, requests
by bots and crawlers (told apart by user agent), page views, downloads, the pages and files
viewed, and the unique visitors.  Definitions (see :class:`Classifier`):

- a **page view** is a request by a person (not a bot) for a page (not a static asset such
  as .css/.js/.jpg and not a document download) answered with 2xx or 304;
- a **download** is the same for a document (.pdf, .docx, .xlsx, .zip, ...);
- **unique visitors** per day are distinct (IP address, user agent) pairs among the page
  views of that day, as GoAccess counts them ("same IP, same date, same user agent").  They
  are kept as 8-byte BLAKE2b digests so that later imports of the same day are not counted
  twice and no IP address is stored.

Speed: a chunk of whole lines is matched with one ``findall`` of a compiled pattern (C code,
no Python per line); columns are classified through dictionaries of the distinct user agents,
paths and status codes (``map`` over dict lookups, again C loops).  Lines the strict pattern
does not match are retried one by one with a tolerant pattern (Apache escapes quotes as ``\\"``);
what matches neither is counted as malformed and skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from hashlib import blake2b
from itertools import compress, groupby
from operator import mul

# ip, day (dd/Mon/yyyy), path (no query), status, size (empty for "-"), user agent
_STRICT = re.compile(
    rb'^(\S+) \S+ \S+ \[(\d\d/[A-Za-z]{3}/\d{4}):[^\]\n]*\] '
    rb'"(?:[A-Z]+ )?([^ "?#\n]*)[^"\n]*" (\d{3}) (?:(\d+)|-) "[^"\n]*" "([^"\n]*)"[^\n]*$',
    re.MULTILINE)
_Q = rb'(?:[^"\\\n]|\\.)'  # a character inside quotes, Apache's \" escapes allowed
_TOLERANT = re.compile(
    rb'^(\S+) \S+ \S+ \[(\d\d/[A-Za-z]{3}/\d{4}):[^\]\n]*\] '
    rb'"(?:[A-Z]+ )?((?:[^ "?#\\\n]|\\.)*)' + _Q + rb'*" (\d{3}) (?:(\d+)|-) "'
    + _Q + rb'*" "(' + _Q + rb'*)"[^\n]*$')

MONTHS = {name: number for number, name in enumerate(
    (b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun",
     b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"), start=1)}

# Not pages: assets a page pulls in.  GoAccess's static list minus documents, plus fonts etc.
STATIC_EXTENSIONS = frozenset((
    "css", "js", "mjs", "map", "json", "xml", "txt", "ico", "jpg", "jpeg", "png", "gif", "bmp",
    "svg", "webp", "avif", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot", "swf", "flv",
    "mp3", "mp4", "mpeg", "mpg", "avi", "wav", "ogg", "webm", "m4a", "m4v", "wmv",
))
# Downloads: the documents and archives agencies publish (seed 002 §2.10 and friends).
DOWNLOAD_EXTENSIONS = frozenset((
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "rtf",
    "zip", "rar", "7z", "gz", "tgz", "tar", "exe", "msi", "iso", "dmg", "apk",
))
# Known bots, crawlers, link previewers, monitors and scripted clients (case-insensitive).
BOT_PATTERN = re.compile(
    rb"bot\b|bot/|bot;|crawl|spider|slurp|archiver|facebookexternalhit|feedfetcher|"
    rb"mediapartners|adsbot|bingpreview|yahoo! |baidu|yandex|sogou|exabot|ia_archiver|"
    rb"curl/|wget/|python-|python/|go-http-client|java/|okhttp|libwww|lwp-|httpclient|"
    rb"headlesschrome|phantomjs|scrapy|nutch|monitor|uptime|pingdom|statuscake|"
    rb"semrush|ahrefs|mj12|dotbot|petalbot|bytespider|gptbot|claudebot|ccbot|"
    rb"applebot|duckduck|qwant|seznam|zgrab|masscan|nmap|nikto|sqlmap",
    re.IGNORECASE)

PAGE, DOWNLOAD, OTHER = 1, 2, 0
_CACHE_LIMIT = 200_000
_RAW_VISITOR_LIMIT = 20_000


def visitor_digest(key: bytes) -> bytes:
    """The stored form of one visitor key (IP and user agent): 8 bytes of BLAKE2b."""
    return blake2b(key, digest_size=8).digest()


def path_kind(path: bytes) -> int:
    """PAGE, DOWNLOAD or OTHER (a static asset) by the extension of the path's last segment."""
    name = path.rpartition(b"/")[2]
    dot = name.rfind(b".")
    if dot < 0:
        return PAGE
    extension = name[dot + 1:].lower().decode("latin-1")
    if extension in DOWNLOAD_EXTENSIONS:
        return DOWNLOAD
    if extension in STATIC_EXTENSIONS:
        return OTHER
    return PAGE


def is_bot(user_agent: bytes) -> bool:
    return BOT_PATTERN.search(user_agent) is not None


def is_success(status: int) -> bool:
    """Counted as viewed: 2xx, or 304 (the browser's cached copy was still good)."""
    return 200 <= status < 300 or status == 304


@dataclass
class DayTally:
    """Everything counted for one day; tallies of the same day merge with :meth:`merge`."""

    requests: int = 0
    page_views: int = 0
    downloads: int = 0
    bot_requests: int = 0
    bytes_sent: int = 0
    statuses: Counter[bytes] = field(default_factory=Counter)  # b"200" -> requests
    pages: Counter[bytes] = field(default_factory=Counter)   # path -> page views
    files: Counter[bytes] = field(default_factory=Counter)   # path -> downloads
    visitors: set[bytes] = field(default_factory=set)        # 8-byte digests
    raw_visitors: set[bytes] = field(default_factory=set)    # "ip\0agent", not yet digested

    def seal(self) -> DayTally:
        """Turn the raw visitor keys into digests (bounded memory, picklable small)."""
        if self.raw_visitors:
            self.visitors.update(map(visitor_digest, self.raw_visitors))
            self.raw_visitors = set()
        return self

    @property
    def unique_visitors(self) -> int:
        self.seal()
        return len(self.visitors)

    def merge(self, other: DayTally) -> None:
        self.requests += other.requests
        self.page_views += other.page_views
        self.downloads += other.downloads
        self.bot_requests += other.bot_requests
        self.bytes_sent += other.bytes_sent
        self.statuses.update(other.statuses)
        self.pages.update(other.pages)
        self.files.update(other.files)
        other.seal()
        self.visitors |= other.visitors


@dataclass
class LogTally:
    """What a piece of log (a chunk, a byte range, whole files) adds up to."""

    days: dict[date, DayTally] = field(default_factory=dict)
    lines: int = 0
    malformed: int = 0

    def day(self, day: date) -> DayTally:
        tally = self.days.get(day)
        if tally is None:
            tally = self.days[day] = DayTally()
        return tally

    def merge(self, other: LogTally) -> LogTally:
        self.lines += other.lines
        self.malformed += other.malformed
        for day, tally in other.days.items():
            mine = self.days.get(day)
            if mine is None:
                self.days[day] = tally.seal()
            else:
                mine.merge(tally)
        return self

    def seal(self) -> LogTally:
        for tally in self.days.values():
            tally.seal()
        return self

    @property
    def requests(self) -> int:
        return sum(t.requests for t in self.days.values())

    @property
    def page_views(self) -> int:
        return sum(t.page_views for t in self.days.values())


class _Lookup(dict[bytes, int]):
    """A dict that computes missing entries (so ``map(lookup.__getitem__, ...)`` stays in C)."""

    def __init__(self, compute: object) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: bytes) -> int:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[key] = self._compute(key)  # type: ignore[operator]
        return value


class Classifier:
    """Cached decisions per distinct user agent, path and status code."""

    def __init__(self) -> None:
        self.human = _Lookup(lambda ua: 0 if is_bot(ua) else 1)
        self.kind = _Lookup(path_kind)
        self.success = _Lookup(lambda status: 1 if is_success(int(status)) else 0)
        self.days: dict[bytes, date | None] = {}

    def day(self, text: bytes) -> date | None:
        """``b"01/Oct/2026"`` as a date; None when it is not a real date."""
        if text in self.days:
            return self.days[text]
        if len(self.days) > 10_000:
            self.days.clear()
        try:
            value: date | None = date(int(text[7:11]), MONTHS[text[3:6].capitalize()],
                                      int(text[0:2]))
        except (KeyError, ValueError):
            value = None
        self.days[text] = value
        return value


Found = tuple[bytes, bytes, bytes, bytes, bytes, bytes]


def match_lines(chunk: bytes) -> tuple[list[Found], int, int]:
    """(matched rows, number of lines, malformed lines) of ``chunk`` (whole lines only)."""
    lines = chunk.count(b"\n")
    if chunk and not chunk.endswith(b"\n"):
        lines += 1
    found: list[Found] = _STRICT.findall(chunk)
    if len(found) == lines:
        return found, lines, 0
    rows: list[Found] = []
    malformed = 0
    for line in chunk.splitlines():
        match = _STRICT.match(line) or _TOLERANT.match(line)
        if match is None:
            malformed += 1 if line.strip() else 0
            continue
        rows.append(match.groups(b""))  # type: ignore[arg-type]
    blank = lines - len(rows) - malformed
    return rows, lines - blank, malformed


def tally_chunk(chunk: bytes, classifier: Classifier | None = None,
                into: LogTally | None = None) -> LogTally:
    """Count the whole lines in ``chunk`` (a trailing partial line counts as a line)."""
    classifier = classifier or Classifier()
    result = into if into is not None else LogTally()
    found, lines, malformed = match_lines(chunk)
    result.lines += lines
    result.malformed += malformed
    if not found:
        return result
    ips, days, paths, statuses, sizes, agents = zip(*found, strict=True)
    first = days[0]
    if days[-1] == first and days.count(first) == len(days):
        runs: Iterable[tuple[bytes, int, int]] = ((first, 0, len(days)),)
    else:
        runs = _runs(days)
    for text, start, end in runs:
        day = classifier.day(text)
        if day is None:
            result.malformed += end - start
            continue
        _tally_run(result.day(day), classifier, ips[start:end], paths[start:end],
                   statuses[start:end], sizes[start:end], agents[start:end])
    return result


def _runs(days: Sequence[bytes]) -> list[tuple[bytes, int, int]]:
    runs: list[tuple[bytes, int, int]] = []
    start = 0
    for text, group in groupby(days):
        length = sum(1 for _ in group)
        runs.append((text, start, start + length))
        start += length
    return runs


def _tally_run(tally: DayTally, classifier: Classifier, ips: Sequence[bytes],
               paths: Sequence[bytes], statuses: Sequence[bytes], sizes: Sequence[bytes],
               agents: Sequence[bytes]) -> None:
    """Add one run of lines of the same day (column tuples) to ``tally``."""
    count = len(ips)
    tally.requests += count
    tally.bytes_sent += sum(map(int, filter(None, sizes)))
    tally.statuses.update(statuses)
    human = list(map(classifier.human.__getitem__, agents))
    humans = sum(human)
    tally.bot_requests += count - humans
    if not humans:
        return
    viewed = map(mul, human, map(classifier.success.__getitem__, statuses))
    codes = list(map(mul, viewed, map(classifier.kind.__getitem__, paths)))
    views = codes.count(PAGE)
    if views:
        tally.page_views += views
        is_view = list(map(PAGE.__eq__, codes))
        tally.pages.update(compress(paths, is_view))
        tally.raw_visitors.update(map(b"\0".join, zip(
            compress(ips, is_view), compress(agents, is_view), strict=True)))
        if len(tally.raw_visitors) > _RAW_VISITOR_LIMIT:
            tally.seal()
    downloads = codes.count(DOWNLOAD)
    if downloads:
        tally.downloads += downloads
        tally.files.update(compress(paths, map(DOWNLOAD.__eq__, codes)))


def status_counts(tally: DayTally) -> dict[int, int]:
    """Status codes as ints (the parser counts the raw bytes)."""
    counts: Counter[int] = Counter()
    for status, number in tally.statuses.items():
        counts[int(status)] += number
    return dict(counts)


def parse_line(line: bytes) -> Found | None:
    """One line's (ip, day, path, status, size, agent), or None when malformed (for tests)."""
    match = _STRICT.match(line) or _TOLERANT.match(line)
    return match.groups(b"") if match else None  # type: ignore[return-value]
