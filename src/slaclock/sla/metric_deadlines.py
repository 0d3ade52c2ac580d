"""When each metric's cycle reaches its target: inside the span between two events where
its counted time crossed the target, or else counted on from the cycle's end (or from now,
while it runs), on the calendar in force there and the metric's hours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slaclock.calendar.column import Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.sla.metric_cycles import NONE, Column2

__all__ = ["CountedSpans", "Counting", "deadlines"]

I64 = np.int64


@dataclass(frozen=True)
class Counting:
    """Where each metric counts its time."""

    engines: tuple[Engine, ...]  #: the engines of the plan's calendars (its own first)
    business: Mask  #: per metric: business hours (else every hour)
    calendar: Column2  #: (metrics x events): the calendar in force after each event

    def add(self, c_metric: Column, calendar: Column, u: Column, d: Column) -> Column:
        """u plus d of counted time, on each cycle's metric's hours, on `calendar`."""
        out: Column = u + d
        business = self.business[c_metric]
        for k, engine in enumerate(self.engines):
            on = business & (calendar == k) if len(self.engines) > 1 else business
            if on.any():
                out[on] = engine.add_many(u[on], d[on])
        return out


@dataclass(frozen=True)
class CountedSpans:
    """Each counted span between two events, in cycle order."""

    cycle: Column  #: the cycle it counts for
    time: Column  #: its counted time (µs)
    row: Column  #: the event it follows


def deadlines(
    counting: Counting,
    spans: CountedSpans,
    at: Column,
    now: int,
    *,
    has: Mask,
    target: Column,
    elapsed: Column,
    start: Column,
    stop: Column,
    running: Mask,
    metric: Column,
    calendar: Column,
) -> Column:
    """Each cycle's deadline (`NONE` where it `has` no target): `at` is each event's
    instant; per cycle its `target`, `elapsed` time, `start`, `stop`, whether it is still
    `running`, its `metric` and the `calendar` in force where it ends."""
    deadline = np.full(len(target), NONE, dtype=I64)
    seg_cycle, seg_time = spans.cycle, spans.time
    total = np.cumsum(seg_time)
    before = total - seg_time
    if len(seg_cycle):  # counted time before each span, within its cycle
        runs = np.flatnonzero(np.diff(seg_cycle, prepend=-1))
        before = before - np.repeat(before[runs], np.diff(np.append(runs, len(seg_cycle))))
    t = target[seg_cycle]
    crossing = np.flatnonzero(has[seg_cycle] & (before < t) & (before + seg_time >= t))
    which = seg_cycle[crossing]
    row = spans.row[crossing]
    deadline[which] = counting.add(
        metric[which],
        counting.calendar[metric[which], row],
        at[row],
        t[crossing] - before[crossing],
    )
    reached = np.zeros(len(target), dtype=bool)
    reached[which] = True
    zero = has & (target == 0)
    deadline[zero] = start[zero]
    rest = np.flatnonzero(has & ~reached & ~zero)
    ref = np.where(running[rest], now, stop[rest])
    deadline[rest] = counting.add(metric[rest], calendar[rest], ref, target[rest] - elapsed[rest])
    return deadline
