"""What an executive report says, as plain values: gathered by the services from the
database, written by the workbook and the PDFs, shown by the dashboard."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.domain.report_period import ReportPeriod
from desktop.domain.web_stats import (
    DayFigures,
    PathHits,
    SatisfactionFigures,
    UsageTotals,
)

TARGET_WORKING_DAYS = 3       # seed 002: publish within 3 working days of receipt


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.9 → the 90th): a value that occurred."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return float(ordered[rank - 1])


@dataclass(frozen=True)
class MonthFlow:
    month: date
    received: int = 0
    published: int = 0
    returned: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class WorkflowFigures:
    """Requests through the workflow in the period."""

    received: int = 0
    published: int = 0
    returned: int = 0
    rejected: int = 0
    withdrawn: int = 0
    taken_down: int = 0
    open_now: int = 0
    turnaround: tuple[int, ...] = ()   # working days, receipt → first publication
    by_month: tuple[MonthFlow, ...] = ()
    target_days: int = TARGET_WORKING_DAYS

    @property
    def median_days(self) -> float | None:
        return median(self.turnaround)

    @property
    def p90_days(self) -> float | None:
        return percentile(self.turnaround, 0.9)

    @property
    def within_target(self) -> int:
        return sum(1 for d in self.turnaround if d <= self.target_days)

    @property
    def within_target_share(self) -> float | None:
        return self.within_target / len(self.turnaround) if self.turnaround else None


@dataclass(frozen=True)
class CategoryFigures:
    code: str
    name: str
    received: int = 0
    published: int = 0
    current: int = 0            # items on the site at the end of the period

    @property
    def nothing_current(self) -> bool:
        return self.current == 0


@dataclass(frozen=True)
class UnitFigures:
    unit: str
    received: int = 0
    published: int = 0
    returned: int = 0
    rejected: int = 0
    turnaround: tuple[int, ...] = ()

    @property
    def median_days(self) -> float | None:
        return median(self.turnaround)


@dataclass(frozen=True)
class ItemLine:
    """One request in a list (published, refused, taken down) with who, when and why."""

    reference: str
    title: str
    category: str
    unit: str = ""
    when: datetime | None = None
    by: str = ""
    reason: str = ""
    days: int | None = None          # working days to publish
    published_at: datetime | None = None
    expiry_date: date | None = None


@dataclass(frozen=True)
class RegisterRow:
    """One request, every field, for the register sheet."""

    reference: str
    title: str
    category: str
    subcategory: str
    state: str
    summary: str
    source_owner: str
    period_start: date | None
    period_end: date | None
    publish_date: date | None
    expiry_date: date | None
    external_link: str
    remarks: str
    requester_name: str
    requester_position: str
    requester_unit: str
    requester_phone: str
    requester_email: str
    channel: str
    letter_number: str
    received_at: datetime | None
    published_at: datetime | None
    taken_down_at: datetime | None
    public_url: str
    attachments: int
    attachment_bytes: int
    turnaround_days: int | None
    body: str = ""


@dataclass(frozen=True)
class UsageFigures:
    days: tuple[DayFigures, ...] = ()
    top_pages: tuple[PathHits, ...] = ()
    top_downloads: tuple[PathHits, ...] = ()
    malformed: int = 0
    sites: tuple[str, ...] = ()

    @property
    def totals(self) -> UsageTotals:
        return UsageTotals.of(self.days)

    def by_month(self) -> list[tuple[date, UsageTotals]]:
        months: dict[date, list[DayFigures]] = {}
        for day in self.days:
            months.setdefault(day.day.replace(day=1), []).append(day)
        return [(month, UsageTotals.of(rows)) for month, rows in sorted(months.items())]

    def status_classes(self) -> dict[int, int]:
        out = {2: 0, 3: 0, 4: 0, 5: 0}
        for day in self.days:
            for first in out:
                out[first] += day.status_class(first)
        return out


@dataclass(frozen=True)
class AuditFigures:
    actions: tuple[tuple[str, int], ...] = ()      # (label, count), most frequent first
    actors: tuple[tuple[str, int], ...] = ()
    sftp: tuple[tuple[str, int], ...] = ()         # (result, sessions)
    failed_sign_ins: int = 0
    rows: int = 0
    chain_ok: bool = True
    chain_problem: str = ""
    head_id: int = 0
    head_hash: str = ""


@dataclass(frozen=True)
class Signers:
    """Who prepares the report and who approves it (printed under the signature lines)."""

    prepared_by: str = ""
    prepared_position: str = ""
    approver: str = ""
    approver_position: str = ""
    on_behalf_of: str = ""        # ปฏิบัติราชการแทน ...


@dataclass(frozen=True)
class ReportData:
    period: ReportPeriod
    lang: str
    agency: str
    generated_at: datetime
    workflow: WorkflowFigures
    categories: tuple[CategoryFigures, ...]
    units: tuple[UnitFigures, ...]
    published: tuple[ItemLine, ...]
    refused: tuple[ItemLine, ...]
    takedowns: tuple[ItemLine, ...]
    usage: UsageFigures
    satisfaction: SatisfactionFigures
    audit: AuditFigures
    register: Callable[[], Iterable[RegisterRow]] = field(default=lambda: ())
    register_count: int = 0
    signers: Signers = field(default_factory=lambda: Signers())
