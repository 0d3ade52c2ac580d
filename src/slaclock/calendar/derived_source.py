"""Engine sources made of other calendars: a union, an intersection, dated versions.

A derived calendar counts its years in the zone of a primary calendar (the one
its results are given in). The runs of years [a, b] are read exactly from the
parts' own engines over a window two days wider than those years on each side,
so the window holds every instant of them whatever the zones involved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np

from slaclock._time import US_PER_DAY, naive_us
from slaclock.calendar.column import Column
from slaclock.calendar.engine import Engine
from slaclock.calendar.source import Source
from slaclock.errors import SlaclockError

__all__ = ["DerivedSource", "intersect", "merged_spans", "touched_days"]

I64 = np.int64
_MARGIN = 2 * US_PER_DAY


def intersect(s1: Column, e1: Column, s2: Column, e2: Column) -> tuple[Column, Column]:
    """The instants in both of two sorted, disjoint sets of runs."""
    points = np.concatenate([s1, e1, s2, e2])
    step = np.concatenate(
        [
            np.ones(len(s1), I64),
            -np.ones(len(e1), I64),
            np.ones(len(s2), I64),
            -np.ones(len(e2), I64),
        ]
    )
    order = np.lexsort((step, points))  # a run that ends where another starts: end first
    points, depth = points[order], np.cumsum(step[order])
    both = np.flatnonzero(depth[:-1] == 2) if len(depth) else np.zeros(0, dtype=I64)
    starts, ends = points[both], points[both + 1]
    keep = starts < ends
    return starts[keep], ends[keep]


def merged_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, disjoint spans covering the same instants."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def touched_days(starts: Column, ends: Column, source: Source, first: int, last: int) -> Column:
    """The dates (ordinals, in `source`'s zone) within [first, last] that open runs touch."""
    if len(starts) == 0:
        return np.zeros(0, dtype=I64)
    day_of_start = source.ordinals_of(starts)
    day_of_end = source.ordinals_of(ends - 1)
    count = day_of_end - day_of_start + 1
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    days = np.unique(np.repeat(day_of_start, count) + offsets)
    out: Column = days[(days >= first) & (days <= last)]
    return out


class DerivedSource:
    """The parts of `Source` a derived calendar shares: years, windows and limits."""

    def __init__(self, primary: Source, parts: list[Engine], min_us: int, max_us: int) -> None:
        self.primary = primary
        self.parts = parts
        self.min_us = min_us
        self.max_us = max_us
        self.first_year = primary.year_of(min_us)
        self.last_year = primary.year_of(max_us - 1)

    @property
    def ever_opens(self) -> bool:
        return any(p.source.ever_opens for p in self.parts)

    def limit(self, year: int) -> SlaclockError | None:
        for part in self.parts:
            why = part.source.limit(year)
            if why is not None:
                return why
        return None

    def year_of(self, u: int) -> int:
        return self.primary.year_of(u)

    def years_of(self, u: Column) -> Column:
        return self.primary.years_of(u)

    def ordinals_of(self, u: Column) -> Column:
        return self.primary.ordinals_of(u)

    def first_instants_at(self, local: Column) -> Column:
        return self.primary.first_instants_at(local)

    def window(self, first_year: int, last_year: int) -> tuple[int, int]:
        lo = self.min_us
        if first_year > self.first_year:
            lo = max(lo, naive_us(date(first_year, 1, 1)) - _MARGIN)
        hi = self.max_us
        if last_year < self.last_year:
            hi = min(hi, naive_us(date(last_year + 1, 1, 1)) + _MARGIN)
        return lo, hi

    def days_of(self, first_year: int, last_year: int) -> tuple[int, int]:
        """The first and last date ordinals of years [first_year, last_year]."""
        return date(first_year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal()
