"""Working days (weekends and a configurable holiday list) and the SLA clock.

Seed 002: publish within 3 working days of receipt; seed 001: one working day per step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

PUBLISH_WITHIN_WORKING_DAYS = 3
STEP_WITHIN_WORKING_DAYS = 1


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    weekend: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday

    @classmethod
    def with_holidays(cls, holidays: Iterable[date]) -> WorkingCalendar:
        return cls(holidays=frozenset(holidays))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start``.

        Work received on a non-working day counts from the next working day.
        """
        current = self.next_working_day(start)
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        if end <= start:
            return 0
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


@dataclass(frozen=True)
class SlaStatus:
    due: date
    working_days_left: int
    overdue: bool


@dataclass(frozen=True)
class SlaClock:
    calendar: WorkingCalendar
    publish_within: int = PUBLISH_WITHIN_WORKING_DAYS
    step_within: int = STEP_WITHIN_WORKING_DAYS

    def publish_due(self, received: date | datetime) -> date:
        day = received.date() if isinstance(received, datetime) else received
        return self.calendar.add_working_days(day, self.publish_within)

    def step_due(self, entered: date | datetime) -> date:
        day = entered.date() if isinstance(entered, datetime) else entered
        return self.calendar.add_working_days(day, self.step_within)

    def status(self, due: date, today: date) -> SlaStatus:
        if today > due:
            return SlaStatus(due, -self.calendar.working_days_between(due, today), True)
        return SlaStatus(due, self.calendar.working_days_between(today, due), False)
