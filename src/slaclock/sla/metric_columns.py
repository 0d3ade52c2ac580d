"""Metrics over whole columns of tickets: every cycle of every metric, vectorised.

One ticket is a table of one row: `slaclock.sla.status.evaluate` and
`evaluate_frame` both call `evaluate_metrics`, so a metric's rules exist once.

The layout: every ticket's timeline is one flat, ordered table of events (its
receipt first), and the state after each event (status, level, paused) is a
carry-forward of the events that set it. A metric's conditions are masks over
that table. Its cycle state after each event is the carry-forward of the last
start (running) or stop (not running), since a start while running and a stop
while stopped change nothing; cycles are numbered by a cumulative sum of their
starts. Each span between two events (the last one up to `now`) counts the
open time of its calendar when its cycle runs and no pause holds, and a
cycle's time is the sum of its spans (int64, exact). No loop over tickets or
events: a metric costs a fixed number of column operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock.calendar.engine import Column, Engine, Mask
from slaclock.sla.measures import fraction_column, warning_column
from slaclock.sla.metric import (
    Classification,
    Created,
    EventCondition,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    Metric,
    PausedByEvent,
    Reopened,
    StateCondition,
    StatusEntered,
    StatusLeft,
)
from slaclock.sla.severity import Severity
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import SupportLevel
from slaclock.sla.timeline import AGENT, PUBLIC, Code, EventColumns

__all__ = [
    "METRIC_STATES",
    "NONE",
    "CycleColumns",
    "MetricColumns",
    "MetricState",
    "Timeline",
    "evaluate_metrics",
]

I64 = np.int64
#: An instant or duration that does not exist (a cycle still running has no stop).
NONE = np.iinfo(I64).min
_LEVEL_CODE = {SupportLevel.L1: 0, SupportLevel.L2: 1, SupportLevel.VENDOR: 2}


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
_S = {s: np.int8(k) for k, s in enumerate(METRIC_STATES)}


def _carry(sets: Mask, values: Column) -> Column:
    """values[k] of the last k <= i where sets[k], for each i (sets holds at each
    ticket's first row, so nothing carries across tickets)."""
    idx = np.where(sets, np.arange(len(sets)), 0)
    np.maximum.accumulate(idx, out=idx)
    out: Column = values[idx]
    return out


def _before(after: Column, first: Mask, start: int) -> Column:
    """The value before each row: the previous row's after, `start` at a ticket's first."""
    out = np.empty_like(after)
    out[1:] = after[:-1]
    out[first] = start
    return out


@dataclass(frozen=True)
class Timeline:
    """Every ticket's events up to `now`, its receipt first, with the state after each."""

    owner: Column  #: ticket row of each event
    code: npt.NDArray[np.int8]
    at: Column
    until: Column  #: the next event's instant in the same ticket, or now
    first: Mask  #: the ticket's receipt row
    last: Mask  #: the ticket's last row up to now
    status_before: Column  #: `TicketStatus.code`, -1 at the receipt
    status_after: Column
    level_before: Column  #: 0 L1, 1 L2, 2 vendor; -1 at the receipt
    level_after: Column
    paused_after: Mask  #: between a Paused event and its Resumed
    message: Column  #: AGENT | PUBLIC bits of a message (a response, an update), else -1
    severity: npt.NDArray[np.int8]  #: per ticket: the severity at now
    n: int  #: tickets
    now: int  #: UTC µs

    @classmethod
    def of(
        cls,
        received: Column,
        requested: npt.NDArray[np.int8],
        events: EventColumns,
        now_us: int,
    ) -> Timeline:
        """The timeline of tickets received at `received` with `events` (ticket order)."""
        n = len(received)
        ev = events.take(events.at <= now_us)
        owner = np.concatenate([np.arange(n, dtype=I64), ev.ticket])
        order = np.argsort(owner, kind="stable")  # each receipt before its ticket's events
        owner = owner[order]
        code = np.concatenate([np.full(n, Code.CREATED, dtype=np.int8), ev.code])[order]
        value = np.concatenate([np.zeros(n, dtype=np.int8), ev.value])[order].astype(I64)
        at = np.concatenate([received, ev.at])[order]
        first = code == Code.CREATED
        last = np.ones(len(owner), dtype=bool)
        last[:-1] = owner[1:] != owner[:-1]
        until = np.empty_like(at)
        until[:-1] = at[1:]
        until[last] = now_us

        new, solved, closed = (s.code for s in (TicketStatus.NEW, TicketStatus.SOLVED,
                                                 TicketStatus.CLOSED))  # fmt: skip
        sets_status = (
            first | (code == Code.STATUS) | (code == Code.RESOLVED) | (code == Code.CLOSED)
        )
        status_value = np.select(
            [first, code == Code.RESOLVED, code == Code.CLOSED], [new, solved, closed], value
        )
        status_after = _carry(sets_status, status_value)
        to_vendor = (code == Code.TO_VENDOR) | (code == Code.HANDED_OVER)
        sets_level = first | (code == Code.TO_L2) | to_vendor
        level_after = _carry(
            sets_level, np.where(code == Code.TO_L2, 1, np.where(to_vendor, 2, 0))
        )
        sets_pause = first | (code == Code.PAUSED) | (code == Code.RESUMED)
        paused_after = _carry(sets_pause, (code == Code.PAUSED).astype(I64)).astype(bool)
        message = np.where(
            code == Code.MESSAGE,
            value,
            np.where((code == Code.RESPONDED) | (code == Code.UPDATED), AGENT | PUBLIC, -1),
        )
        classified = np.flatnonzero(code == Code.CLASSIFIED)
        severity = requested.astype(np.int8).copy()
        severity[owner[classified]] = value[classified]  # the latest wins (ascending order)
        return cls(
            owner=owner,
            code=code,
            at=at,
            until=until,
            first=first,
            last=last,
            status_before=_before(status_after, first, -1),
            status_after=status_after,
            level_before=_before(level_after, first, -1),
            level_after=level_after,
            paused_after=paused_after,
            message=message,
            severity=severity,
            n=n,
            now=now_us,
        )

    def matches(self, conditions: tuple[EventCondition, ...]) -> Mask:
        """Events matching any of the event conditions."""
        out = np.zeros(len(self.at), dtype=bool)
        for c in conditions:
            out |= self._event(c)
        return out

    def holds(self, conditions: tuple[StateCondition, ...]) -> Mask:
        """Rows after which any of the state conditions holds."""
        out = np.zeros(len(self.at), dtype=bool)
        for c in conditions:
            if isinstance(c, InStatus):
                out |= np.isin(self.status_after, _codes(c.statuses))
            elif isinstance(c, HeldBy):
                out |= np.isin(self.level_after, [_LEVEL_CODE[x] for x in c.levels])
            else:
                assert isinstance(c, PausedByEvent)
                out |= self.paused_after
        return out

    def _event(self, c: EventCondition) -> Mask:
        if isinstance(c, Created):
            return self.first
        if isinstance(c, StatusEntered | StatusLeft):
            codes = _codes(c.statuses)
            inside_after = np.isin(self.status_after, codes)
            inside_before = np.isin(self.status_before, codes)
            if isinstance(c, StatusEntered):
                out: Mask = inside_after & ~inside_before
            else:
                out = inside_before & ~inside_after
            return out
        if isinstance(c, Reopened):
            unsolved = _codes(frozenset(s for s in TicketStatus if s.unsolved))
            out = (self.status_before == TicketStatus.SOLVED.code) & np.isin(
                self.status_after, unsolved
            )
            return out
        if isinstance(c, MessageSent):
            agent = (self.message & AGENT) != 0
            out = (self.message >= 0) & (agent if c.author == "agent" else ~agent)
            if c.public is not None:
                public = (self.message & PUBLIC) != 0
                out &= public if c.public else ~public
            return out
        if isinstance(c, LevelTook):
            code = _LEVEL_CODE[c.level]
            out = (self.level_after == code) & (self.level_before != code) & ~self.first
            return out
        assert isinstance(c, Classification)
        out = self.code == Code.CLASSIFIED
        return out


def _codes(statuses: frozenset[TicketStatus]) -> list[int]:
    return sorted(s.code for s in statuses)


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

    def take(self, keep: Mask) -> CycleColumns:
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


def _add(engine: Engine | None, u: Column, d: Column) -> Column:
    """u plus d of counted time (every µs when `engine` is None)."""
    if engine is None:
        out: Column = u + d
        return out
    return engine.add_many(u, d)


def _elapsed(engine: Engine | None, a: Column, b: Column) -> Column:
    if engine is None:
        out: Column = b - a
        return out
    return engine.elapsed_many(a, b)


def evaluate_metrics(
    timeline: Timeline, metrics: tuple[Metric, ...], engine: Engine
) -> tuple[MetricColumns, ...]:
    """Each metric of each ticket of `timeline`, counted on `engine`'s open time."""
    return tuple(
        _evaluate(timeline, m, None if m.hours == "calendar" else engine) for m in metrics
    )


def _evaluate(tl: Timeline, metric: Metric, engine: Engine | None) -> MetricColumns:
    rows = len(tl.at)
    idx = np.arange(rows)
    start = tl.matches(metric.start)
    cancel = tl.matches(metric.cancel)
    end = tl.matches(metric.stop) | cancel
    reset = tl.matches(metric.reset)
    if metric.after_stop == "ignore":
        start, end, reset = _only_first(tl, start, end, reset)

    # The cycle state after each event: the last start (running) or end (not running).
    decisive = tl.first | start | end
    running = _carry(decisive, start.astype(I64)).astype(bool)
    running_before = _before(running, tl.first, 0).astype(bool)
    ends = running_before & (end | reset)  # a cycle ends here (and may start again)
    begins = running & (~running_before | ends)
    if metric.after_stop in ("resume", "extend"):
        # A begin continues the last cycle unless it is the ticket's first, a reset's, or
        # follows a cancel.
        ended_by_cancel = _carry(tl.first | ends, (ends & cancel).astype(I64)).astype(bool)
        had_cycle = _carry(tl.first | begins, begins.astype(I64)).astype(bool)
        had_before = _before(had_cycle, tl.first, 0).astype(bool)
        new = begins & (~had_before | (reset & running_before) | ended_by_cancel)
    else:
        new = begins
    cycle = np.cumsum(new) - 1  # cycle of each row (meaningful where one ran)
    n_cycles = int(new.sum())

    counted = running & ~tl.holds(metric.pause)
    if metric.after_stop == "extend":  # a stopped span counts when the cycle continues
        cont = begins & ~new
        nxt = _next(cont | new | tl.first, idx, tl.owner)  # the next begin in the ticket
        gap = ~running & (cycle >= 0) & (nxt >= 0)
        gap &= np.where(nxt >= 0, cont[np.maximum(nxt, 0)], False)
        counted |= gap & ~tl.holds(metric.pause)
    counted &= cycle >= 0
    seg = np.flatnonzero(counted)
    seg_time = _elapsed(engine, tl.at[seg], tl.until[seg])
    seg_cycle = cycle[seg]

    # Cycles: owner, start, end.
    c_pos = np.flatnonzero(new)
    c_ticket = tl.owner[c_pos]
    c_start = tl.at[c_pos]
    elapsed = np.zeros(n_cycles, dtype=I64)
    if len(seg):
        np.add.at(elapsed, seg_cycle, seg_time)
    end_rows = np.flatnonzero(ends)
    end_cycle = cycle[np.maximum(end_rows - 1, 0)]  # the cycle running before the end
    c_stop = np.full(n_cycles, NONE, dtype=I64)
    c_cancelled = np.zeros(n_cycles, dtype=bool)
    latest = np.ones(len(end_rows), dtype=bool)  # a cycle's latest end is its end
    latest[:-1] = end_cycle[1:] != end_cycle[:-1]
    c_stop[end_cycle[latest]] = tl.at[end_rows[latest]]
    c_cancelled[end_cycle[latest]] = cancel[end_rows[latest]]
    last_rows = np.flatnonzero(tl.last)
    live = last_rows[running[last_rows]]  # tickets whose last cycle still runs
    c_open = np.zeros(n_cycles, dtype=bool)
    c_open[cycle[live]] = True
    c_stop[c_open] = NONE
    c_cancelled[c_open] = False
    counting_now = np.zeros(n_cycles, dtype=bool)
    counting_now[cycle[live]] = counted[live]

    # Targets, deadlines, states.
    state = np.where(
        c_cancelled,
        _S[MetricState.CANCELLED],
        np.where(
            c_open,
            np.where(counting_now, _S[MetricState.RUNNING], _S[MetricState.PAUSED]),
            _S[MetricState.STOPPED],
        ),
    ).astype(np.int8)
    breached = np.zeros(n_cycles, dtype=bool)
    target = np.full(n_cycles, NONE, dtype=I64)
    deadline = np.full(n_cycles, NONE, dtype=I64)
    if metric.targets is not None:
        per_severity = np.array([0] + [_us(metric.targets[s]) for s in Severity], dtype=I64)
        target = per_severity[tl.severity[c_ticket]]
        breached = (elapsed >= target) if metric.breach_at_target else (elapsed > target)
        deadline = _deadlines(engine, tl, c_stop, c_open, elapsed, target, c_start,
                              seg, seg_time, seg_cycle, n_cycles)  # fmt: skip
        ended_ok = ~c_open & ~c_cancelled
        state = np.where(ended_ok, _S[MetricState.MET], state).astype(np.int8)
        state = np.where(breached & ~c_cancelled, _S[MetricState.BREACHED], state).astype(np.int8)
        breached &= ~c_cancelled
    cycles = CycleColumns(c_ticket, c_start, c_stop, elapsed, target, deadline, state, breached)
    # A cycle started by the event that ended the one before, and ended at that same
    # instant, never ran: a reply that solves the ticket starts no new update clock.
    void = ends[c_pos] & ~c_open & (c_stop == c_start) & (elapsed == 0)
    if void.any():
        cycles = cycles.take(~void)
    return _per_ticket(metric, tl.n, cycles)


def _us(target: object) -> int:
    assert isinstance(target, timedelta)  # `Metric` takes durations only
    return target // timedelta(microseconds=1)


def _only_first(tl: Timeline, start: Mask, end: Mask, reset: Mask) -> tuple[Mask, Mask, Mask]:
    """after_stop "ignore": each ticket's first start, the first end after it, and the
    resets between them; nothing else."""
    n = tl.n
    rows = np.arange(len(start))
    big = np.iinfo(I64).max
    first_start = np.full(n, big, dtype=I64)
    np.minimum.at(first_start, tl.owner[start], rows[start])
    fs = first_start[tl.owner]
    after = rows > fs
    first_end = np.full(n, big, dtype=I64)
    np.minimum.at(first_end, tl.owner[end & after], rows[end & after])
    fe = first_end[tl.owner]
    return rows == fs, rows == fe, reset & after & (rows < fe)


def _next(marks: Mask, idx: Column, owner: Column) -> Column:
    """The next row after each row where `marks` holds, in the same ticket (-1 if none)."""
    big = len(marks)
    pos = np.where(marks, idx, big)
    shifted = np.empty_like(pos)
    shifted[:-1] = pos[1:]
    if len(pos):
        shifted[-1] = big
    nxt = np.minimum.accumulate(shifted[::-1])[::-1]
    ok = (nxt < big) & (owner[np.minimum(nxt, big - 1)] == owner)
    out: Column = np.where(ok, nxt, -1)
    return out


def _deadlines(
    engine: Engine | None,
    tl: Timeline,
    c_stop: Column,
    c_open: Mask,
    elapsed: Column,
    target: Column,
    c_start: Column,
    seg: Column,
    seg_time: Column,
    seg_cycle: Column,
    n_cycles: int,
) -> Column:
    """The instant each cycle's counted time reaches its target: inside the span where it
    did, or else from the cycle's end (or now, while it runs) on."""
    deadline = np.zeros(n_cycles, dtype=I64)
    # Counted time before each span of its cycle.
    total = np.cumsum(seg_time)
    before = total - seg_time
    first_of_cycle = np.ones(len(seg), dtype=bool)
    first_of_cycle[1:] = seg_cycle[1:] != seg_cycle[:-1]
    base = np.repeat(before[first_of_cycle], np.diff(np.append(np.flatnonzero(first_of_cycle),
                                                               len(seg))))  # fmt: skip
    before = before - base
    t = target[seg_cycle]
    crossing = (before < t) & (before + seg_time >= t)
    reached = np.zeros(n_cycles, dtype=bool)
    where = np.flatnonzero(crossing)
    deadline[seg_cycle[where]] = _add(engine, tl.at[seg[where]], t[where] - before[where])
    reached[seg_cycle[where]] = True
    zero = target == 0
    deadline[zero] = c_start[zero]
    reached |= zero
    rest = np.flatnonzero(~reached)
    ref = np.where(c_open[rest], tl.now, c_stop[rest])
    deadline[rest] = _add(engine, ref, target[rest] - elapsed[rest])
    return deadline


def _per_ticket(metric: Metric, n: int, cycles: CycleColumns) -> MetricColumns:
    """The last cycle of each ticket, and its counts."""
    count = np.bincount(cycles.ticket, minlength=n).astype(I64)
    breached_count = np.bincount(cycles.ticket[cycles.breached], minlength=n).astype(I64)
    has = count > 0
    last = np.cumsum(count) - 1  # index of each ticket's last cycle
    pick = np.where(has, last, 0)

    def take(values: npt.NDArray[Any], missing: int) -> npt.NDArray[Any]:
        if len(values) == 0:
            return np.full(n, missing, dtype=values.dtype)
        out: Column = np.where(has, values[pick], missing)
        return out

    state = take(cycles.state, _S[MetricState.NOT_STARTED]).astype(np.int8)
    elapsed = take(cycles.elapsed, 0)
    target = take(cycles.target, NONE)
    with_target = target != NONE
    fraction = np.where(with_target, fraction_column(elapsed, np.where(with_target, target, 1)),
                        np.nan)  # fmt: skip
    warning = np.where(
        with_target,
        warning_column(elapsed, np.where(with_target, target, 1), metric.warning_percents),
        0,
    )
    return MetricColumns(
        metric=metric,
        state=state,
        start=take(cycles.start, NONE),
        stop=take(cycles.stop, NONE),
        deadline=take(cycles.deadline, NONE),
        elapsed=elapsed,
        remaining=np.where(with_target, target - elapsed, NONE),
        target=target,
        fraction_used=fraction,
        warning=warning,
        breached=take(cycles.breached.astype(np.int8), 0).astype(bool),
        cycles=count,
        breached_cycles=breached_count,
        all_cycles=cycles,
    )
