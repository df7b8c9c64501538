"""Counting combined-format lines: the column-wise fast path agrees with a one-line-at-a-time
count on any log and any way of cutting it into chunks; odd lines are handled or counted as
malformed."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.reports.log_parse import (
    DOWNLOAD,
    OTHER,
    PAGE,
    Classifier,
    LogTally,
    is_bot,
    parse_line,
    path_kind,
    status_counts,
    tally_chunk,
)
from tests.unit.reports.log_samples import (
    BINGBOT,
    CHROME,
    FIREFOX,
    GOOGLEBOT,
    THAI_PAGE,
    line,
    reference_count,
    synthetic_log,
)

T0 = datetime(2026, 10, 1, 8, 0, 0)


def tally_of(text: bytes, cuts: list[int] | None = None) -> LogTally:
    """Count ``text`` cut at the given line numbers into chunks (one classifier, one tally)."""
    lines = text.splitlines(keepends=True)
    bounds = sorted({0, len(lines), *(c for c in (cuts or []) if 0 < c < len(lines))})
    classifier = Classifier()
    total = LogTally()
    for a, b in zip(bounds, bounds[1:], strict=False):
        tally_chunk(b"".join(lines[a:b]), classifier, total)
    return total.seal()


def assert_same(tally: LogTally, text: bytes) -> None:
    ref = reference_count(text)
    assert tally.lines == ref.lines
    assert tally.malformed == ref.malformed
    assert {d: t.requests for d, t in tally.days.items()} == dict(ref.requests)
    assert {d: t.page_views for d, t in tally.days.items() if t.page_views} == \
        dict(ref.page_views)
    assert {d: t.downloads for d, t in tally.days.items() if t.downloads} == dict(ref.downloads)
    assert {d: t.bot_requests for d, t in tally.days.items() if t.bot_requests} == \
        dict(ref.bots)
    assert {d: t.bytes_sent for d, t in tally.days.items()} == dict(ref.bytes_sent)
    assert {d: t.visitors for d, t in tally.days.items() if t.visitors} == ref.visitors
    assert {(d, p): n for d, t in tally.days.items() for p, n in t.pages.items()} == \
        dict(ref.pages)
    assert {(d, p): n for d, t in tally.days.items() for p, n in t.files.items()} == \
        dict(ref.files)


def test_small_log_counted_by_hand() -> None:
    text = "".join([
        line("10.0.0.1", T0, "/index.html", 200, 1000, CHROME),
        line("10.0.0.1", T0, "/css/site.css", 200, 300, CHROME),          # asset
        line("10.0.0.1", T0, "/news/1.html?x=1", 304, None, CHROME),       # cached page view
        line("10.0.0.2", T0, "/files/plan.pdf", 200, 50000, FIREFOX),      # download
        line("10.0.0.2", T0, "/missing.html", 404, 150, FIREFOX),          # not a view
        line("66.249.1.1", T0, "/index.html", 200, 1000, GOOGLEBOT),       # bot
        line("10.0.0.3", T0, THAI_PAGE, 200, 800, FIREFOX),
        line("10.0.0.1", T0, "/index.html", 200, 1000, FIREFOX),           # same IP, other UA
        "this is not a log line\n",
    ]).encode()
    tally = tally_of(text)
    day = tally.days[date(2026, 10, 1)]
    assert (tally.lines, tally.malformed) == (9, 1)
    assert day.requests == 8
    assert day.page_views == 4 and day.downloads == 1 and day.bot_requests == 1
    assert day.unique_visitors == 3      # (10.0.0.1, Chrome), (10.0.0.3, ...), (10.0.0.1, Firefox)
    assert day.bytes_sent == 1000 + 300 + 50000 + 150 + 1000 + 800 + 1000
    assert status_counts(day) == {200: 6, 304: 1, 404: 1}
    assert day.pages[b"/news/1.html"] == 1 and day.pages[THAI_PAGE.encode()] == 1
    assert dict(day.files) == {b"/files/plan.pdf": 1}


def test_line_forms() -> None:
    nginx = parse_line(line("2001:db8::1", T0, "/a b.html", 200, None).encode().strip())
    assert nginx is not None and nginx[0] == b"2001:db8::1" and nginx[4] == b""
    apache = parse_line(b'10.1.1.1 - alice [01/Oct/2026:10:00:00 +0700] "GET /q?s=\\"x\\" '
                        b'HTTP/1.1" 200 5 "-" "Agent \\"quoted\\" 1.0"')
    assert apache is not None and apache[2] == b"/q" and apache[5] == b'Agent \\"quoted\\" 1.0'
    bad_request = parse_line(b'10.1.1.1 - - [01/Oct/2026:10:00:00 +0700] "-" 400 0 "-" "-"')
    assert bad_request is not None and bad_request[2] == b"-" and bad_request[3] == b"400"
    extra_fields = parse_line(line("10.1.1.1", T0, "/").encode().strip() + b' "1.2.3.4" 0.003')
    assert extra_fields is not None
    for broken in (b"", b"GET / HTTP/1.1", b'10.1.1.1 - - [01/Oct/2026:10:00:00 +0700] "GET /',
                   b'10.1.1.1 - - [01/Oct/2026] "GET / HTTP/1.1" 200 1 "-" "x"'):
        assert parse_line(broken) is None


def test_kinds_and_bots() -> None:
    assert path_kind(b"/") == PAGE and path_kind(b"/news/") == PAGE
    assert path_kind(b"/a.html") == PAGE and path_kind(b"/a.php") == PAGE
    assert path_kind(b"/a.CSS") == OTHER and path_kind(b"/x/y.jpg") == OTHER
    assert path_kind(b"/f/report.PDF") == DOWNLOAD and path_kind(b"/f/b.xlsx") == DOWNLOAD
    assert path_kind(b"/v1.2/page") == PAGE
    for agent in (GOOGLEBOT, BINGBOT, "curl/8.0", "python-requests/2.31", "Baiduspider",
                  "Mozilla/5.0 (compatible; AhrefsBot/7.0)", "facebookexternalhit/1.1"):
        assert is_bot(agent.encode()), agent
    for agent in (CHROME, FIREFOX, "-", ""):
        assert not is_bot(agent.encode()), agent


def test_days_out_of_order_and_bad_dates() -> None:
    text = "".join([
        line("10.0.0.1", datetime(2026, 10, 2, 1), "/a.html"),
        line("10.0.0.1", datetime(2026, 10, 1, 23), "/a.html"),
        line("10.0.0.2", datetime(2026, 10, 2, 2), "/b.html"),
    ]).encode() + b'10.0.0.9 - - [31/Feb/2026:00:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"\n'
    tally = tally_of(text)
    assert tally.malformed == 1
    assert {d: t.page_views for d, t in tally.days.items()} == {
        date(2026, 10, 1): 1, date(2026, 10, 2): 2}
    assert_same(tally, text)


def test_synthetic_log_matches_reference_whole_and_chunked() -> None:
    text = synthetic_log(3000, T0, days=3, bad_every=97).encode()
    assert_same(tally_of(text), text)
    assert_same(tally_of(text, [1, 500, 501, 1700, 2999]), text)


@settings(max_examples=40, deadline=None)
@given(count=st.integers(0, 400), seed=st.integers(0, 10_000), bad=st.sampled_from([0, 7, 50]),
       cuts=st.lists(st.integers(0, 400), max_size=6))
def test_any_log_any_chunking_matches_reference(count: int, seed: int, bad: int,
                                                cuts: list[int]) -> None:
    text = synthetic_log(count, T0, days=2, seed=seed, bad_every=bad).encode()
    assert_same(tally_of(text, cuts), text)


def test_merging_tallies_never_counts_a_visitor_twice() -> None:
    first = tally_of(line("10.0.0.1", T0, "/a.html").encode())
    second = tally_of(line("10.0.0.1", T0, "/b.html").encode())
    first.merge(second)
    day = first.days[date(2026, 10, 1)]
    assert day.page_views == 2 and day.unique_visitors == 1
