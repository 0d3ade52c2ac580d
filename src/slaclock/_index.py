"""Cumulative open time over a range of years: the fast path behind every calendar query.

The open intervals of every day in the range, as UTC microseconds, sorted
and merged, with the open time accumulated before each one. The open time
before any instant u is then ``cum[i] + min(u, ends[i]) - starts[i]`` for the
interval i found by bisection, so `add` and `elapsed` cost O(log n) whatever
the duration. An index is immutable; a calendar swaps in a wider one when a
query falls outside (see `IndexHolder`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta, tzinfo

from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY, naive_us
from slaclock._zone import ZoneSegments

__all__ = ["DayPlan", "IndexHolder", "OpenIndex"]

#: Open wall-clock runs of a date, microseconds from its midnight.
DayPlan = Callable[[date], tuple[tuple[int, int], ...]]

_MARGIN_US = 26 * 3600 * 1_000_000  # wider than any UTC offset


class OpenIndex:
    """Sorted open intervals of years [first_year, last_year] with cumulative open time."""

    __slots__ = (
        "bdays",
        "cum",
        "cumend",
        "ends",
        "first_year",
        "hi_us",
        "last_year",
        "lo_us",
        "starts",
    )

    def __init__(self, first_year: int, last_year: int, zone: tzinfo, plan: DayPlan) -> None:
        self.first_year = first_year
        self.last_year = last_year
        first = date(first_year, 1, 1)
        after = date(last_year + 1, 1, 1) if last_year < 9999 else date(9999, 12, 31)
        first_local = naive_us(first)
        after_local = naive_us(after)
        segments = ZoneSegments(zone, first_local - _MARGIN_US, after_local + _MARGIN_US)
        runs: list[tuple[int, int]] = []
        bdays: list[int] = []
        day = first
        one = timedelta(days=1)
        base = first_local
        while day < after:
            opened = False
            for s, e in plan(day):
                got = segments.preimage(base + s, base + e)
                if got:
                    runs.extend(got)
                    opened = True
            if opened:
                bdays.append(day.toordinal())
            day += one
            base += US_PER_DAY
        runs.sort()
        starts: list[int] = []
        ends: list[int] = []
        for a, b in runs:
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        cum: list[int] = []
        cumend: list[int] = []
        total = 0
        for a, b in zip(starts, ends):
            cum.append(total)
            total += b - a
            cumend.append(total)
        self.starts = starts
        self.ends = ends
        self.cum = cum
        self.cumend = cumend
        self.bdays = bdays
        # Instants in [lo_us, hi_us) have every neighbouring day inside the range.
        self.lo_us = first_local + _MARGIN_US if first_year > MIN_YEAR else -(2**62)
        self.hi_us = after_local - _MARGIN_US if last_year < MAX_YEAR else 2**62

    @property
    def years(self) -> tuple[int, ...]:
        """The years this index holds."""
        return tuple(range(self.first_year, self.last_year + 1))


class IndexHolder:
    """The current index of one calendar, widened on demand under a lock (thread-safe)."""

    __slots__ = ("index", "lock", "plan", "zone")

    def __init__(self, zone: tzinfo, plan: DayPlan) -> None:
        self.zone = zone
        self.plan = plan
        self.lock = threading.Lock()
        self.index: OpenIndex | None = None

    def covering(self, first_year: int, last_year: int) -> OpenIndex:
        """An index holding at least [first_year, last_year]; grows geometrically."""
        first_year = max(first_year, MIN_YEAR)
        last_year = min(last_year, MAX_YEAR)
        with self.lock:
            ix = self.index
            if ix is not None and ix.first_year <= first_year and last_year <= ix.last_year:
                return ix
            if ix is None:
                lo, hi = first_year - 1, last_year + 2
            else:
                span = ix.last_year - ix.first_year + 1
                lo = ix.first_year if first_year >= ix.first_year else ix.first_year - span
                hi = ix.last_year if last_year <= ix.last_year else ix.last_year + span
                lo, hi = min(lo, first_year), max(hi, last_year)
            ix = OpenIndex(max(lo, MIN_YEAR), min(hi, MAX_YEAR), self.zone, self.plan)
            self.index = ix
            return ix
