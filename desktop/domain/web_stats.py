"""Value types of the website statistics and satisfaction figures that reports show.

Counted by desktop.reports (access logs, survey files), kept by desktop.store, shown by the
workbook, the PDFs and the dashboard.  Plain data, no behaviour beyond simple sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

LIKERT_VALUES = (1, 2, 3, 4, 5)
SATISFIED_FROM = 4   # 4 and 5 count as satisfied


@dataclass(frozen=True)
class DayFigures:
    """One day of a site's traffic (the date as the web server wrote it)."""

    day: date
    requests: int = 0
    page_views: int = 0
    downloads: int = 0
    bot_requests: int = 0
    bytes_sent: int = 0
    unique_visitors: int = 0
    statuses: Mapping[int, int] = field(default_factory=dict)

    def status_class(self, first_digit: int) -> int:
        """Requests answered 2xx (``2``), 3xx, 4xx or 5xx."""
        return sum(n for code, n in self.statuses.items() if code // 100 == first_digit)


@dataclass(frozen=True)
class PathHits:
    """How often a URL path was viewed (a page) or downloaded (a file) in a period."""

    path: str
    kind: str          # "page" or "download"
    hits: int
    request_id: int | None = None
    reference: str = ""      # WD-2569-00006 when the URL belongs to a request
    title: str = ""


@dataclass(frozen=True)
class UsageTotals:
    requests: int = 0
    page_views: int = 0
    downloads: int = 0
    bot_requests: int = 0
    bytes_sent: int = 0
    visitors: int = 0        # sum of unique visitors per day ("visits" in GoAccess terms)
    days: int = 0

    @classmethod
    def of(cls, days: Iterable[DayFigures]) -> UsageTotals:
        rows = list(days)
        return cls(sum(d.requests for d in rows), sum(d.page_views for d in rows),
                   sum(d.downloads for d in rows), sum(d.bot_requests for d in rows),
                   sum(d.bytes_sent for d in rows), sum(d.unique_visitors for d in rows),
                   len(rows))


@dataclass(frozen=True)
class LikertCounts:
    """How many answered 1..5 to a question, how many left it blank or answered outside 1..5."""

    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    missing: int = 0
    out_of_range: int = 0

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum(v * c for v, c in zip(LIKERT_VALUES, self.counts, strict=True)) / self.n

    @property
    def satisfied_share(self) -> float | None:
        """Share of answers 4 or 5 among the valid answers."""
        if not self.n:
            return None
        return sum(self.counts[SATISFIED_FROM - 1:]) / self.n

    def __add__(self, other: LikertCounts) -> LikertCounts:
        return LikertCounts(
            tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),  # type: ignore[arg-type]
            self.missing + other.missing, self.out_of_range + other.out_of_range)


@dataclass(frozen=True)
class QuestionResult:
    key: str
    text: str
    counts: LikertCounts


@dataclass(frozen=True)
class SurveyComment:
    text: str
    column: str = ""
    answered_on: date | None = None


@dataclass(frozen=True)
class SatisfactionFigures:
    """Satisfaction survey results for a period: per question, overall, comments."""

    questions: tuple[QuestionResult, ...] = ()
    comments: tuple[SurveyComment, ...] = ()
    responses: int = 0
    skipped_rows: int = 0
    missing_answers: int = 0
    out_of_range: int = 0

    @property
    def overall(self) -> LikertCounts:
        total = LikertCounts()
        for question in self.questions:
            total = total + question.counts
        return total
