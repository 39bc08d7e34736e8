"""The organisation's sprint calendar: milestones or fixed windows, one of them, never both on one axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from custody.reviewer.settings import SPRINT_CALENDARS, Settings

WINDOWS, MILESTONES = SPRINT_CALENDARS
CALENDARS = SPRINT_CALENDARS
NO_MILESTONE = "No milestone"  # the milestone calendar's sprint for PRs filed without one
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class SprintCalendar:
    """Fixed windows of `length_days` counted from `first_day`, or (`milestones=True`) the PRs'
    milestones. Either way a PR is placed by its merge day, else by the day it was opened."""

    length_days: int = 14
    first_day: date = date(2026, 1, 5)
    milestones: bool = False

    def __post_init__(self) -> None:
        if self.length_days < 1:
            raise ValueError("a sprint lasts at least one day")

    @classmethod
    def from_settings(cls, settings: Settings) -> SprintCalendar:
        """The organisation's calendar, as configured (`CUSTODY_SPRINT_CALENDAR` and friends)."""
        if settings.sprint_calendar not in CALENDARS:
            raise ValueError(f"the sprint calendar is one of {', '.join(CALENDARS)}, "
                             f"not {settings.sprint_calendar[:40]!r}")
        return cls(settings.sprint_days, settings.sprint_start, settings.sprint_calendar == MILESTONES)

    @property
    def kind(self) -> str:
        return MILESTONES if self.milestones else WINDOWS

    def describe(self) -> str:
        """The calendar in words, for the pages: which axis the sprints are on."""
        if self.milestones:
            return "Sprints are GitHub milestones"
        return f"Sprints are fixed {self.length_days}-day windows from {self.first_day.isoformat()}"

    def window(self, day: date) -> tuple[str, date, date]:
        """The window holding `day`: its name, first and last day."""
        index = (day - self.first_day).days // self.length_days
        start = self.first_day + timedelta(days=index * self.length_days)
        end = start + timedelta(days=self.length_days - 1)
        return f"{start.isoformat()}..{end.isoformat()}", start, end

    def days_of(self, name: str) -> tuple[int, int] | None:
        """A window's first and last day as day numbers, from its name; None for a name that is not
        one of this calendar's windows (or on the milestone calendar)."""
        if self.milestones:
            return None
        first, _, last = name.partition("..")
        try:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            return None
        if self.window(start) != (name, start, end):
            return None
        return (start - EPOCH).days, (end - EPOCH).days


@dataclass
class SprintKey:
    name: str
    start: date
    end: date
    milestone: bool


def sprint_of(day: date, milestone: str, calendar: SprintCalendar) -> SprintKey:
    """The sprint of a PR placed on `day` (its merge, else its opening): on the milestone calendar
    its milestone (or "No milestone"), on the window calendar the window holding the day."""
    if calendar.milestones:
        return SprintKey(milestone or NO_MILESTONE, day, day, True)
    name, start, end = calendar.window(day)
    return SprintKey(name, start, end, False)
