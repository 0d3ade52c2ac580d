"""A day plan in a zone: what the engine builds a calendar's open time from.

It turns the wall-clock runs of a range of local years (`days.DayPlan`) into
UTC runs (`zone.ZoneData.preimage`), and says for which instants those runs
are complete: a date's runs lie within `max_offset` of its naive reading (plus
the overnight spill), so the window of years [a, b] starts that far after
1 January of a and ends that far before 1 January after b.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date, tzinfo
from functools import cached_property

import numpy as np

from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY, naive_us
from slaclock.calendar.days import EPOCH_ORDINAL, DayPlan
from slaclock.calendar.zone import TzDatabase, ZoneData, zone_data
from slaclock.errors import SlaclockError

__all__ = ["ZonedPlan"]


class ZonedPlan:
    """The engine's `Source` for one calendar: a `DayPlan` read in a time zone."""

    def __init__(
        self,
        plan: DayPlan,
        zone: tzinfo,
        years: tuple[int, int] = (MIN_YEAR, MAX_YEAR),
        limit: Callable[[int], SlaclockError | None] | None = None,
        database: TzDatabase = "tzdata",
    ) -> None:
        self.plan = plan
        self.zone = zone
        self.database: TzDatabase = database
        self.first_year, self.last_year = years
        self._why = limit

    def limit(self, year: int) -> SlaclockError | None:
        """Why `year` is beyond this calendar's years (e.g. no holiday data), if it is."""
        return self._why(year) if self._why is not None else None

    @cached_property
    def data(self) -> ZoneData:
        """The zone's transitions (read on first use, cached per zone)."""
        return zone_data(self.zone, self.database)

    def first_instants_at(self, local: np.ndarray) -> np.ndarray:
        """For each naive local time, the first instant whose wall clock reads it or later
        (the first of two in a repeated hour, the end of a jump in a skipped one)."""
        starts, _, which = self.data.preimage(local, local + 2 * US_PER_DAY)
        _, first = np.unique(which, return_index=True)
        out: np.ndarray = starts[first]
        return out

    def first_instant_of(self, year: int) -> int:
        """The first instant whose wall clock reads 1 January of `year`, 00:00 or later."""
        return self._local_midnight_us(year)

    def _local_midnight_us(self, year: int) -> int:
        """The first instant whose wall clock reads 1 January of `year`, 00:00."""
        start = np.array([naive_us(date(year, 1, 1))], dtype=np.int64)
        got, _, _ = self.data.preimage(start, start + US_PER_DAY)
        return int(got[0])

    @cached_property
    def min_us(self) -> int:
        # The first hours may belong to an overnight shift of the day before, which is
        # outside the calendar's years: they are answered only from where that ends.
        return self._local_midnight_us(self.first_year) + self.plan.spill_us

    @cached_property
    def max_us(self) -> int:
        return self._local_midnight_us(self.last_year + 1)

    @property
    def ever_opens(self) -> bool:
        return self.plan.ever_opens

    @cached_property
    def _segments(self) -> tuple[list[int], list[int]]:
        """The zone's segment starts and offsets as lists: `bisect` on a list is the
        fastest lookup for one instant (numpy's is a few microseconds a call)."""
        return self.data.starts.tolist(), self.data.offsets.tolist()

    def local_us(self, u: int) -> int:
        """The wall-clock reading of instant u, as naive microseconds."""
        starts, offsets = self._segments
        return u + offsets[bisect_right(starts, u) - 1]

    def year_of(self, u: int) -> int:
        days = self.local_us(u) // US_PER_DAY
        return date.fromordinal(EPOCH_ORDINAL + days).year

    def local_many(self, u: np.ndarray) -> np.ndarray:
        """The wall-clock reading of each instant, as naive microseconds."""
        data = self.data
        k = np.searchsorted(data.starts, u, "right") - 1
        local: np.ndarray = u + data.offsets[k]
        return local

    def years_of(self, u: np.ndarray) -> np.ndarray:
        local = self.local_many(u).astype("datetime64[us]")
        years: np.ndarray = local.astype("datetime64[Y]").astype(np.int64) + 1970
        return years

    def ordinals_of(self, u: np.ndarray) -> np.ndarray:
        days: np.ndarray = self.local_many(u) // US_PER_DAY + EPOCH_ORDINAL
        return days

    def window(self, first_year: int, last_year: int) -> tuple[int, int]:
        margin = self.data.max_offset_us
        lo = (
            self.min_us
            if first_year <= self.first_year
            else naive_us(date(first_year, 1, 1)) + margin + self.plan.spill_us
        )
        hi = (
            self.max_us
            if last_year >= self.last_year
            else naive_us(date(last_year + 1, 1, 1)) - margin
        )
        return lo, hi

    def build(self, first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        first = date(first_year, 1, 1).toordinal()
        stop = date(last_year + 1, 1, 1).toordinal()
        local_starts, local_ends, days = self.plan.runs(first, stop)
        starts, ends, which = self.data.preimage(local_starts, local_ends)
        ends = np.minimum(ends, self.max_us)
        keep = starts < ends
        return starts[keep], ends[keep], days[which[keep]]
