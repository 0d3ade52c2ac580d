"""`Calendar.closed_days(year)`: the closed dates of a year, which the command line's
`calendar` listing and its iCalendar file both print."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import AnyCalendar, BusinessCalendar, OutOfRangeError, WrongTypeError, argentina
from tests.strategies import any_calendars, rich_calendars


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=k) for k in range((date(year + 1, 1, 1) - first).days)]


def test_argentina_2026_lists_its_national_holidays() -> None:
    closed = argentina().closed_days(2026)
    days = [d.day for d in closed]
    assert date(2026, 12, 25) in days and date(2026, 7, 9) in days
    assert days == sorted(days)
    assert all(d.day.year == 2026 for d in closed)
    christmas = next(d for d in closed if d.day == date(2026, 12, 25))
    assert christmas.kind == "holiday" and christmas.hours is None


def test_reopened_dates_are_left_out() -> None:
    cal = argentina(reopened=[date(2026, 12, 25)])
    assert date(2026, 12, 25) not in [d.day for d in cal.closed_days(2026)]


@given(rich_calendars(), st.integers(2020, 2030))
def test_every_scheduled_closed_date_is_listed_with_its_reason(
    cal: BusinessCalendar, year: int
) -> None:
    """On a scheduled day, listed exactly when the calendar gives a reason it is closed
    (the slow reference: every date of the year asked one by one)."""
    listed = {d.day for d in cal.closed_days(year)}
    for day in days_of(year):
        if cal.schedule.days[day.weekday()]:
            assert (day in listed) == (cal.closed_reason(day) is not None), day


@given(any_calendars(), st.integers(2020, 2030))
def test_any_calendar_lists_only_dates_of_the_year_that_close(cal: AnyCalendar, year: int) -> None:
    closed = cal.closed_days(year)
    assert [d.day for d in closed] == sorted(d.day for d in closed)
    for d in closed:
        assert d.day.year == year
        if not isinstance(cal, BusinessCalendar):
            assert cal.closed_reason(d.day) == d


@pytest.mark.parametrize(
    ("year", "error"), [(1899, OutOfRangeError), (2200, OutOfRangeError), ("2026", WrongTypeError)]
)
def test_a_year_outside_the_range_is_refused(year: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        argentina().closed_days(year)  # type: ignore[arg-type]
