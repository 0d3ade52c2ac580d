"""Each cycle's counted time, and where it reaches its target, by cumulative sums.

A metric counts the span after an event (up to the next, or to now) where its cycle runs
and no pause holds: every hour, or the open time of the calendar in force there. Each
event's span is timed once per calendar (`RowTimes`), however many metrics count it. Per
metric, the running total of its counted spans is a cumulative sum over the events;
a cycle's time is the total at its end less the total at its start, and the span where
it reaches its target is found by bisecting that total (it never decreases). Nothing has
one entry per (metric, counted span), and the totals are held a block at a time.
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

    def fill(self, metrics: slice, counted: Mask2, out: Column2) -> Column2:
        """`out` (a row per metric of `metrics`) set to what each event's span counts
        where `counted` (the same rows) holds, else 0: one pass a row."""
        for row, metric in enumerate(range(*metrics.indices(len(self.business)))):
            if not self.business[metric]:
                np.multiply(self.clock, counted[row], out=out[row])
            elif len(self.open) == 1:
                np.multiply(self.open[0], counted[row], out=out[row])
            else:
                for k, times in enumerate(self.open):
                    np.copyto(out[row], times, where=self.calendar[metric] == k)
                np.multiply(out[row], counted[row], out=out[row])
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
        on = counted if len(engines) == 1 else counted & (calendar == k)
        need = np.flatnonzero(np.any(on, axis=0, where=business[:, None]))
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


#: At most this many (metric, event) totals are held at once: a short table's metrics
#: are summed together, a long table's one or a few at a time (32 MiB of int64).
_BLOCK = 1 << 22


def cycle_times(
    times: RowTimes,
    counted: Mask2,
    positions: Column,
    target: Column,
    has: Mask,
    block: int = _BLOCK,
) -> CycleTimes:
    """The cycles that begin at the flat (metric x events) `positions` (in order; a
    cycle owns every counted span up to the next one's start on its metric's row), with
    `target` where `has` holds; at most `block` totals at once.

    The running total runs over the flat (metric x events) positions of a block of
    metrics, so one total and one bisection serve all of them: a cycle never reaches
    past its metric's row, and the total never decreases."""
    m, r = counted.shape
    n = len(positions)
    elapsed = np.zeros(n, dtype=I64)
    cross_row = np.full(n, -1, dtype=I64)
    cross_left = np.zeros(n, dtype=I64)
    step = max(1, block // max(r, 1))  # metrics a block
    bounds = np.searchsorted(positions, np.arange(0, m + step, step, dtype=I64) * r)
    for b, k0 in enumerate(range(0, m, step)):
        k1 = min(m, k0 + step)
        lo, hi = int(bounds[b]), int(bounds[b + 1])
        if lo == hi:
            continue
        spans = times.fill(slice(k0, k1), counted[k0:k1], np.empty((k1 - k0, r), dtype=I64))
        total = np.zeros(spans.size + 1, dtype=I64)  # total[i]: counted before position i
        np.cumsum(spans.ravel(), out=total[1:])
        starts = positions[lo:hi] - k0 * r
        ends = (starts // r + 1) * r  # the end of the cycle's metric row ...
        np.minimum(ends[:-1], starts[1:], out=ends[:-1])  # ... or the next cycle's start
        base = total[starts]
        elapsed[lo:hi] = total[ends] - base
        aim = has[lo:hi] & (target[lo:hi] > 0)
        if aim.any():
            c = np.flatnonzero(aim)
            goal = base[c] + target[lo:hi][c]
            at = np.searchsorted(total, goal, "left") - 1  # total[at] < goal <= total[at+1]
            reached = at < ends[c]
            cross_row[lo + c[reached]] = at[reached] % r
            cross_left[lo + c[reached]] = goal[reached] - total[at[reached]]
    return CycleTimes(elapsed, cross_row, cross_left)
