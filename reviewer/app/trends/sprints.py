"""Sprints: a PR's milestone when it has one, otherwise fixed windows per organisation."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class SprintCalendar:
    """Fixed windows of `length_days`, counted from `first_day` (a sprint's first day)."""

    length_days: int = 14
    first_day: date = date(2026, 1, 5)

    @classmethod
    def from_env(cls) -> SprintCalendar:
        days = int(os.environ.get("CUSTODY_SPRINT_DAYS", "14"))
        start = os.environ.get("CUSTODY_SPRINT_START")
        if days < 1:
            raise ValueError("CUSTODY_SPRINT_DAYS must be at least 1")
        return cls(days, date.fromisoformat(start) if start else cls.first_day)

    def window(self, day: date) -> tuple[str, date, date]:
        """The window holding `day`: its name, first and last day."""
        index = (day - self.first_day).days // self.length_days
        start = self.first_day + timedelta(days=index * self.length_days)
        end = start + timedelta(days=self.length_days - 1)
        return f"{start.isoformat()}..{end.isoformat()}", start, end


@dataclass
class SprintKey:
    name: str
    start: date
    end: date
    milestone: bool


def sprint_of(day: date, milestone: str, calendar: SprintCalendar) -> SprintKey:
    """The sprint a review counts in: its PR's milestone, else the window of the PR's creation."""
    if milestone:
        return SprintKey(milestone, day, day, True)
    name, start, end = calendar.window(day)
    return SprintKey(name, start, end, False)
