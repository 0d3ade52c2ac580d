"""The errors of a search that leaves a calendar's years, worded once.

The engine and business days both refuse an instant or a date beyond the
supported years, and a search that runs off them; the calendar may name its own
reason first (no holiday data for that year: `HolidayDataError`).
"""

from __future__ import annotations

from datetime import date, timezone

from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY, from_us
from slaclock.calendar.days import EPOCH_ORDINAL
from slaclock.calendar.source import Source
from slaclock.errors import NoOpenTimeError, OutOfRangeError, SlaclockError

__all__ = ["beyond_years", "check_instant", "describe", "never_opens", "ran_off"]

_CYCLE_DAYS = 146_097  # days in 400 Gregorian years


def describe(u: int) -> str:
    """An instant for a message, even one no datetime can hold."""
    try:
        return from_us(u, timezone.utc).isoformat()
    except (OverflowError, ValueError):
        # Move the day by whole 400-year Gregorian cycles into datetime's years.
        ordinal = u // US_PER_DAY + EPOCH_ORDINAL
        cycles = (ordinal - 1) // _CYCLE_DAYS
        year = date.fromordinal(ordinal - cycles * _CYCLE_DAYS).year + 400 * cycles
        return f"in UTC year {year}"


def never_opens() -> NoOpenTimeError:
    """The error for a calendar that has no open time at all."""
    return NoOpenTimeError(
        "the calendar has no open time at all: its weekly schedule has no open intervals and no "
        "special openings. Give it open hours."
    )


def beyond_years(source: Source, year: int, message: str) -> SlaclockError:
    """The calendar's own error for a year it has no data for, else `message`."""
    own = source.limit(year) if MIN_YEAR <= year <= MAX_YEAR else None
    return own if own is not None else OutOfRangeError(message)


def check_instant(source: Source, u: int, what: str) -> None:
    """Refuse an instant outside the calendar's supported range."""
    if not source.min_us <= u < source.max_us:
        utc_year = 1970 + u // 31_556_952_000_000  # near enough: only compared to edges
        if u < source.min_us:
            year = min(utc_year, source.first_year - 1)
        else:
            year = max(utc_year, source.last_year + 1)
        raise beyond_years(
            source,
            year,
            f"{what} {describe(u)} is outside the years slaclock supports "
            f"({MIN_YEAR}-{MAX_YEAR} in the calendar's zone); pass an instant inside them.",
        )


def ran_off(source: Source, forward: bool, opens: bool, remedy: str) -> SlaclockError:
    """The error for a search that ran off this calendar's years."""
    first, last = source.first_year, source.last_year
    edge = f"{last}-12-31" if forward else f"{first}-01-01"
    if not opens:
        way = "after" if forward else "before"
        return NoOpenTimeError(
            f"the calendar has no open time {way} this point up to {edge}: holidays and "
            "closures close every scheduled day. Add open hours, reopen dates or remove "
            "closures."
        )
    return beyond_years(
        source,
        last + 1 if forward else first - 1,
        f"the result would fall {'after' if forward else 'before'} {edge}, outside the "
        f"years slaclock supports ({MIN_YEAR}-{MAX_YEAR}); {remedy}",
    )
