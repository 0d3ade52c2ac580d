"""What the engine needs to know about a calendar: the `Source` protocol.

A calendar's open time is built year by year from a source (`ZonedPlan` for a
day plan in a zone, `DerivedSource` for the calendars made of others). The
engine asks it for runs, windows and local dates, and nothing else.
"""

from __future__ import annotations

from typing import Protocol

from slaclock.calendar.column import Column
from slaclock.errors import SlaclockError

__all__ = ["Source"]


class Source(Protocol):
    """What the engine needs to know about a calendar: its open runs, year by year."""

    @property
    def first_year(self) -> int:
        """The first local year this calendar answers for (`MIN_YEAR` or later)."""
        ...

    @property
    def last_year(self) -> int:
        """The last local year this calendar answers for (`MAX_YEAR` or earlier)."""
        ...

    @property
    def min_us(self) -> int:
        """The first supported instant (local 1 January of `first_year`)."""
        ...

    @property
    def max_us(self) -> int:
        """The first instant after the supported range (local 1 January after `last_year`)."""
        ...

    def limit(self, year: int) -> SlaclockError | None:
        """Why `year` (within 1900-2199) is beyond this calendar's years, as the error to
        raise; None if it is not (e.g. no holiday data for it: `HolidayDataError`)."""
        ...

    @property
    def ever_opens(self) -> bool:
        """False when no date can ever open (then every search fails at once)."""
        ...

    def year_of(self, u: int) -> int:
        """The local year of instant u."""
        ...

    def years_of(self, u: Column) -> Column:
        """The local year of each instant."""
        ...

    def ordinals_of(self, u: Column) -> Column:
        """The local date of each instant, as `date.toordinal()` numbers."""
        ...

    def first_instants_at(self, local: Column) -> Column:
        """For each naive local time (µs since 1970-01-01 00:00 on the wall clock), the
        first instant whose wall clock reads it or later."""
        ...

    def window(self, first_year: int, last_year: int) -> tuple[int, int]:
        """[lo, hi): the instants the runs of these years describe completely."""
        ...

    def build(self, first_year: int, last_year: int) -> tuple[Column, Column, Column]:
        """The UTC runs (starts, ends; any order, disjoint or touching) opened by the
        dates of these years, and the ordinals of those dates that open at all."""
        ...


#: Spans with at most this many runs also keep Python lists for single-value queries:
#: `bisect` and indexing are fastest on lists, and a few thousand runs (a decade of a
