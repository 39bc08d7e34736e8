"""The sprint calendar: one axis per organisation (windows or milestones), chosen in the settings."""

from __future__ import annotations

from datetime import date

import pytest
from custody.reviewer.app.trends.sprints import NO_MILESTONE, SprintCalendar, sprint_of
from custody.reviewer.settings import Settings

WINDOWS = SprintCalendar(14, date(2026, 1, 5))


def test_windows_ignore_milestones() -> None:
    key = sprint_of(date(2026, 1, 20), "Sprint 9", WINDOWS)
    assert (key.name, key.start, key.end, key.milestone) == (
        "2026-01-19..2026-02-01", date(2026, 1, 19), date(2026, 2, 1), False)
    assert sprint_of(date(2026, 1, 4), "", WINDOWS).name == "2025-12-22..2026-01-04"  # before the first day


def test_milestones_never_fall_back_to_a_window() -> None:
    calendar = SprintCalendar(14, date(2026, 1, 5), milestones=True)
    assert sprint_of(date(2026, 1, 20), "Sprint 9", calendar).name == "Sprint 9"
    assert sprint_of(date(2026, 1, 20), "", calendar).name == NO_MILESTONE
    assert calendar.describe() == "Sprints are GitHub milestones"
    assert calendar.days_of("2026-01-19..2026-02-01") is None


def test_a_window_name_is_read_back_only_when_it_is_one_of_the_calendars_windows() -> None:
    assert WINDOWS.days_of("2026-01-19..2026-02-01") == (20472, 20485)
    assert WINDOWS.days_of("2026-01-20..2026-02-02") is None  # shifted by a day
    assert WINDOWS.days_of("Sprint 9") is None
    assert WINDOWS.days_of("2026-13-01..2026-13-14") is None


def test_the_calendar_is_an_organisation_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert SprintCalendar.from_settings(Settings()) == WINDOWS
    monkeypatch.setenv("CUSTODY_SPRINT_CALENDAR", "Milestones")
    monkeypatch.setenv("CUSTODY_SPRINT_DAYS", "7")
    monkeypatch.setenv("CUSTODY_SPRINT_START", "2026-03-02")
    calendar = SprintCalendar.from_settings(Settings.from_env())
    assert calendar == SprintCalendar(7, date(2026, 3, 2), milestones=True) and calendar.kind == "milestones"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("CUSTODY_SPRINT_CALENDAR", "both", "one of windows, milestones"),
    ("CUSTODY_SPRINT_DAYS", "0", "must be positive"),
    ("CUSTODY_SPRINT_START", "next monday", "must be a date"),
])
def test_a_bad_calendar_setting_stops_start_up_with_its_name(monkeypatch: pytest.MonkeyPatch, name: str,
                                                             value: str, message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        Settings.from_env()
    with pytest.raises(ValueError, match="at least one day"):
        SprintCalendar(0)
