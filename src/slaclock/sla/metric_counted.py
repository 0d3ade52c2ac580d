"""Each cycle's counted time, and where it reaches its target, by cumulative sums.

A metric counts the span after an event (up to the next, or to now) where its cycle runs
and no pause holds: every hour, or the open time of the calendar in force there. Each
event's span is timed once per calendar (`RowTimes`), however many metrics count it. Per
metric, the running total of its counted spans is one cumulative sum over the events;
a cycle's time is the total at its end less the total at its start, and the span where
it reaches its target is found by bisecting that total (it never decreases). Nothing has
one entry per (metric, counted span): one metric's total at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slaclock.calendar.column import I64, Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.sla.metric_cycles import Column2, Mask2

__all__ = ["CycleTimes", "RowTimes", "cycle_times"]


@dataclass(frozen=True)
class RowTimes:
    """What the span after each event counts, per calendar and for every hour."""

    business: Mask  #: per metric: counts business hours (else every hour)
    calendar: Column2  #: (metrics x events): the calendar in force after each event
    clock: Column  #: per event: every hour of its span
    open: tuple[Column, ...]  #: per calendar, per event: its span's open time (0: unused)

    def fill(self, metric: int, out: Column) -> Column:
        """`out` set to what each event's span counts for `metric`, where counted."""
        if not self.business[metric]:
            np.copyto(out, self.clock)
        elif len(self.open) == 1:
            np.copyto(out, self.open[0])
        else:
            for k, times in enumerate(self.open):
                np.copyto(out, times, where=self.calendar[metric] == k)
        return out

    def at(self, metric: int, event: int) -> int:
        """What the span after `event` counts for `metric` (if it counts)."""
        if not self.business[metric]:
            return int(self.clock[event])
        k = int(self.calendar[metric, event]) if len(self.open) > 1 else 0
        return int(self.open[k][event])


def row_times(
    engines: tuple[Engine, ...],
    business: Mask,
    calendar: Column2,
    counted: Mask2,
    at: Column,
    until: Column,
) -> RowTimes:
    """Each event's span timed on each calendar where some business-hours metric counts
    it there (once, for all of them), and every hour."""
    r = len(at)
    open_ = []
    for k, engine in enumerate(engines):
        on = counted[business] if len(engines) == 1 else (counted & (calendar == k))[business]
        need = np.flatnonzero(on.any(axis=0)) if on.size else np.zeros(0, dtype=I64)
        times = np.zeros(r, dtype=I64)
        if len(need):
            times[need] = engine.elapsed_many(at[need], until[need])
        open_.append(times)
    return RowTimes(business, calendar, until - at, tuple(open_))


@dataclass(frozen=True)
class CycleTimes:
    """Per cycle: its counted time, and the event in whose span it reaches its target
    (-1: not reached in a counted span) with the time left to count from that event."""

    elapsed: Column
    cross_row: Column
    cross_left: Column


def cycle_times(
    times: RowTimes, counted: Mask2, positions: Column, target: Column, has: Mask
) -> CycleTimes:
    """The cycles that begin at the flat (metric x events) `positions` (in order; a
    cycle owns every counted span up to the next one's start on its metric's row), with
    `target` where `has` holds."""
    m, r = counted.shape
    n = len(positions)
    elapsed = np.zeros(n, dtype=I64)
    cross_row = np.full(n, -1, dtype=I64)
    cross_left = np.zeros(n, dtype=I64)
    bounds = np.searchsorted(positions, np.arange(m + 1, dtype=I64) * r)
    spans = np.empty(r, dtype=I64)
    total = np.zeros(r + 1, dtype=I64)  # total[i]: counted before event i
    for k in range(m):
        lo, hi = int(bounds[k]), int(bounds[k + 1])
        if lo == hi:
            continue
        times.fill(k, spans)
        np.multiply(spans, counted[k], out=spans)
        np.cumsum(spans, out=total[1:])
        starts = positions[lo:hi] - k * r
        ends = np.empty_like(starts)
        ends[:-1] = starts[1:]
        ends[-1] = r
        base = total[starts]
        elapsed[lo:hi] = total[ends] - base
        aim = has[lo:hi] & (target[lo:hi] > 0)
        if aim.any():
            c = np.flatnonzero(aim)
            goal = base[c] + target[lo:hi][c]
            row = np.searchsorted(total, goal, "left") - 1  # total[row] < goal <= total[row+1]
            reached = row < ends[c]
            cross_row[lo + c[reached]] = row[reached]
            cross_left[lo + c[reached]] = goal[reached] - total[row[reached]]
    return CycleTimes(elapsed, cross_row, cross_left)
