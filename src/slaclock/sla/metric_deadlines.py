"""When each metric's cycle reaches its target: inside the span between two events where
its counted time crossed the target (`metric_counted` finds it), or else counted on from
the cycle's end (or from now, while it runs), on the calendar in force there and the
metric's hours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slaclock.calendar.column import Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.sla.metric_cycles import NONE, Column2

__all__ = ["Counting", "deadlines"]

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


def deadlines(
    counting: Counting,
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
    cross_row: Column,
    cross_left: Column,
) -> Column:
    """Each cycle's deadline (`NONE` where it `has` no target): `at` is each event's
    instant; per cycle its `target`, `elapsed` time, `start`, `stop`, whether it is still
    `running`, its `metric`, the `calendar` in force where it ends, and the event in
    whose counted span it reaches the target (`cross_row`, -1 if none) with the time
    left to count from that event (`cross_left`, `metric_counted.cycle_times`)."""
    deadline = np.full(len(target), NONE, dtype=I64)
    reached = has & (cross_row >= 0)
    which = np.flatnonzero(reached)
    row = cross_row[which]
    deadline[which] = counting.add(
        metric[which], counting.calendar[metric[which], row], at[row], cross_left[which]
    )
    zero = has & (target == 0)
    deadline[zero] = start[zero]
    rest = np.flatnonzero(has & ~reached & ~zero)
    ref = np.where(running[rest], now, stop[rest])
    deadline[rest] = counting.add(metric[rest], calendar[rest], ref, target[rest] - elapsed[rest])
    return deadline
