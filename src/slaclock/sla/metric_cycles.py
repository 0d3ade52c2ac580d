"""What metrics give back over columns: each cycle of a metric (`CycleColumns`), each
ticket's last cycle and counts (`MetricColumns`), and what happened to each clock at each
event (`Steps`, for explanations). Plain arrays; `MetricState` names the states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from slaclock.calendar.column import Column, Mask
from slaclock.sla.metric import Metric

if TYPE_CHECKING:
    from slaclock.sla.metric_counted import RowTimes

__all__ = [
    "CYCLE_FIELDS",
    "METRIC_STATES",
    "NONE",
    "PER_TICKET",
    "Column2",
    "CycleColumns",
    "Mask2",
    "MetricColumns",
    "MetricState",
    "Steps",
]

I64 = np.int64
Mask2 = npt.NDArray[np.bool_]  #: (metrics x events), or (machines x events)
Column2 = npt.NDArray[np.int64]
#: An instant or duration that does not exist (a cycle still running has no stop).
NONE = np.iinfo(I64).min


class MetricState(str, Enum):
    """Where a metric's cycle stands."""

    NOT_STARTED = "not_started"  #: no cycle has started
    RUNNING = "running"
    PAUSED = "paused"  #: running, but a pause condition holds now
    MET = "met"  #: ended within its target
    BREACHED = "breached"  #: past its target (running or ended)
    CANCELLED = "cancelled"  #: ended by a cancel condition: neither met nor breached
    STOPPED = "stopped"  #: ended, for a metric without targets


#: `MetricColumns.state` codes index this tuple.
METRIC_STATES: tuple[MetricState, ...] = tuple(MetricState)


#: The `CycleColumns` fields besides `ticket`, in order.
CYCLE_FIELDS = ("start", "stop", "elapsed", "target", "deadline", "state", "breached")


@dataclass(frozen=True)
class CycleColumns:
    """Every cycle of one metric, in ticket order then time order."""

    ticket: Column  #: ticket row
    start: Column  #: UTC µs
    stop: Column  #: UTC µs, `NONE` while it runs
    elapsed: Column  #: µs counted
    target: Column  #: µs, `NONE` for a metric without targets
    deadline: Column  #: UTC µs, `NONE` without targets
    state: npt.NDArray[np.int8]  #: index into `METRIC_STATES`
    breached: Mask

    def take(self, keep: Mask | slice) -> CycleColumns:
        """The cycles where `keep` holds."""
        return CycleColumns(
            self.ticket[keep],
            self.start[keep],
            self.stop[keep],
            self.elapsed[keep],
            self.target[keep],
            self.deadline[keep],
            self.state[keep],
            self.breached[keep],
        )

    @classmethod
    def concat(cls, parts: Sequence[CycleColumns], first_tickets: Sequence[int]) -> CycleColumns:
        """The cycles of consecutive blocks of tickets, block k's tickets numbered from
        `first_tickets[k]`."""
        return CycleColumns(
            np.concatenate([p.ticket + t for p, t in zip(parts, first_tickets, strict=True)]),
            *(np.concatenate([getattr(p, name) for p in parts]) for name in CYCLE_FIELDS),
        )


@dataclass(frozen=True)
class MetricColumns:
    """One metric per ticket: its last cycle (the running one, if any) and the counts."""

    metric: Metric
    state: npt.NDArray[np.int8]  #: index into `METRIC_STATES`
    start: Column  #: `NONE` where not started
    stop: Column  #: `NONE` while running or not started
    deadline: Column  #: `NONE` without targets or not started
    elapsed: Column
    remaining: Column  #: `NONE` without targets
    target: Column  #: `NONE` without targets
    fraction_used: npt.NDArray[np.float64]  #: NaN without targets
    warning: Column  #: the highest warning percent reached (0 if none)
    breached: Mask
    cycles: Column  #: cycles so far
    breached_cycles: Column
    all_cycles: CycleColumns
    #: Whether the metric has targets here (its own or a policy's): target columns exist.
    has_targets: bool
    policy: Column  #: each ticket's policy (index; len(policies): none matched)


#: The `MetricColumns` fields with one entry per ticket, besides `policy`.
PER_TICKET = (
    "state", "start", "stop", "deadline", "elapsed", "remaining", "target", "fraction_used",
    "warning", "breached", "cycles", "breached_cycles",
)  # fmt: skip


@dataclass(frozen=True)
class Steps:
    """What happened to each metric's clock at each event: the arrays an explanation
    reads. Cycles start and end per machine (metrics sharing one share its rows,
    `machine_of`); what is counted is per metric (pauses are a metric's own)."""

    at: Column  #: the instant of each event (each ticket's receipt first)
    machine_of: npt.NDArray[np.intp]  #: per metric: its row in the (machines x events) arrays
    running: Mask2  #: (machines x events): a cycle runs after the event
    counted: Mask2  #: (metrics x events): ... and the metric's clock counts the next span
    begins: Mask2  #: (machines x events): a cycle starts (or continues) here
    new: Mask2  #: ... a new one
    ends: Mask2  #: the running cycle ends here
    cancel: Mask2
    reset: Mask2
    times: RowTimes  #: what each event's span counts, per calendar and every hour
    void: Mask  #: per cycle (in start order): dropped, it never ran
    cycle_rows: Column  #: per cycle: the row it started at

    def span(self, metric: int, event: int) -> int:
        """The counted time of the span after `event` for `metric` (0 where not counted)."""
        return self.times.at(metric, event) if self.counted[metric, event] else 0
