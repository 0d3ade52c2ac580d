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

from slaclock.calendar.column import Column, Mask
from slaclock.calendar.engine import Engine
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
from slaclock.sla.policy import Policy
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
    "Steps",
    "Timeline",
    "evaluate_metrics",
    "metric_steps",
    "with_targets",
]

I64 = np.int64
Mask2 = npt.NDArray[np.bool_]  #: (metrics x events)
Column2 = npt.NDArray[np.int64]
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
    calendar_after: Column  #: index of the calendar in force (the plan's own: 0)
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
        sets_calendar = first | (code == Code.CALENDAR)
        calendar_after = _carry(sets_calendar, np.where(first, 0, value))
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
            calendar_after=calendar_after,
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
                out |= _among(self.status_after, _codes(c.statuses))
            elif isinstance(c, HeldBy):
                out |= _among(self.level_after, [_LEVEL_CODE[x] for x in c.levels])
            else:
                assert isinstance(c, PausedByEvent)
                out |= self.paused_after
        return out

    def _event(self, c: EventCondition) -> Mask:
        if isinstance(c, Created):
            return self.first
        if isinstance(c, StatusEntered | StatusLeft):
            codes = _codes(c.statuses)
            inside_after = _among(self.status_after, codes)
            inside_before = _among(self.status_before, codes)
            if isinstance(c, StatusEntered):
                out: Mask = inside_after & ~inside_before
            else:
                out = inside_before & ~inside_after
            return out
        if isinstance(c, Reopened):
            unsolved = _codes(frozenset(s for s in TicketStatus if s.unsolved))
            out = (self.status_before == TicketStatus.SOLVED.code) & _among(
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


def _among(values: Column, codes: list[int]) -> Mask:
    """Whether each small code (-1 to 6) is one of `codes`: a lookup, not a search."""
    table = np.zeros(8, dtype=bool)  # index -1 reads the last entry: never among them
    table[codes] = True
    out: Mask = table[values]
    return out


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


def evaluate_metrics(
    timeline: Timeline,
    metrics: tuple[Metric, ...],
    engines: Engine | tuple[Engine, ...],
    policies: tuple[Policy, ...] = (),
    chosen: Column | None = None,
) -> tuple[MetricColumns, ...]:
    """Each metric of each ticket of `timeline`, counted on the open time of the engines
    of the plan's calendars (`ServicePlan.all_calendars`, the ticket's calendar at
    receipt first; every hour for a metric with ``hours="calendar"``). With `policies`,
    `chosen` is each ticket's policy (`policy.select_policies`; len(policies): none),
    whose targets replace the metrics' own for the metrics it names.

    All metrics at once: each step is one operation over a (metrics x events) array,
    so a call's cost hardly grows with the number of metrics, and the open time of
    each span between two events is computed once for all of them."""
    if not metrics:
        return ()
    return metric_steps(timeline, metrics, engines, policies, chosen)[0]


@dataclass(frozen=True)
class Steps:
    """What happened to each metric's clock at each event: the (metrics x events)
    arrays an explanation reads."""

    at: Column  #: the instant of each event (each ticket's receipt first)
    running: Mask2  #: a cycle runs after the event
    counted: Mask2  #: ... and its clock counts the span that follows
    begins: Mask2  #: a cycle starts (or continues) here
    new: Mask2  #: ... a new one
    ends: Mask2  #: the running cycle ends here
    cancel: Mask2
    reset: Mask2
    span: Column2  #: the counted time of the span after each event, where counted
    void: Mask  #: per cycle (in start order): dropped, it never ran
    cycle_rows: Column  #: per cycle: the row it started at


def metric_steps(
    timeline: Timeline,
    metrics: tuple[Metric, ...],
    engines: Engine | tuple[Engine, ...],
    policies: tuple[Policy, ...] = (),
    chosen: Column | None = None,
) -> tuple[tuple[MetricColumns, ...], Steps]:
    """`evaluate_metrics`, with what happened at each event (for explanations)."""
    on = engines if isinstance(engines, tuple) else (engines,)
    if chosen is None:
        chosen = np.full(timeline.n, len(policies), dtype=I64)
    matrix = _Matrix(timeline, metrics, on, policies, chosen)
    results = matrix.results()
    return results, matrix.steps


def with_targets(metric: Metric, policies: tuple[Policy, ...]) -> bool:
    """Whether a metric can have a target: its own, or one a policy sets."""
    return metric.targets is not None or any(
        t.metric == metric.name and t.targets is not None for p in policies for t in p.targets
    )


def _carry2(sets: Mask2, values: Mask2) -> Mask2:
    """`_carry` of booleans along each row of a (metrics x events) array: each set
    position's index and value packed in one integer (2 * index + value), so that a
    running maximum carries the latest value with no gather."""
    r = sets.shape[1]
    packed = np.arange(0, 2 * r, 2, dtype=np.int32 if 2 * r < 2**31 else I64)
    packed = np.where(sets, packed + values, 0)
    np.maximum.accumulate(packed, axis=1, out=packed)
    out: Mask2 = (packed & 1).astype(bool)
    return out


def _before2(after: Mask2, first: Mask) -> Mask2:
    """The value before each event (False at each ticket's receipt)."""
    out = np.zeros_like(after)
    out[:, 1:] = after[:, :-1]
    out[:, first] = False
    return out


def _sums(groups: Column, values: Column, n: int) -> Column:
    """Exact int64 sums of `values` per group 0..n-1 (values >= 0), by two float64
    bincounts of the high and low 24 bits: every partial sum stays below 2**53."""
    high = np.bincount(groups, weights=values >> 24, minlength=n)
    low = np.bincount(groups, weights=values & 0xFFFFFF, minlength=n)
    out: Column = (high.astype(I64) << 24) + low.astype(I64)
    return out


def _us(target: object) -> int:
    assert isinstance(target, timedelta)  # `Metric` takes durations only
    return target // timedelta(microseconds=1)


class _Matrix:
    """The metrics of one call as (metrics x events) arrays, and the cycles they make."""

    def __init__(
        self,
        tl: Timeline,
        metrics: tuple[Metric, ...],
        engines: tuple[Engine, ...],
        policies: tuple[Policy, ...],
        chosen: Column,
    ) -> None:
        self.tl, self.metrics, self.engines = tl, metrics, engines
        self.policies, self.chosen = policies, chosen
        self.m, self.r = len(metrics), len(tl.at)
        cache: dict[object, Mask] = {}

        # Metrics that differ only in pauses, hours or targets share one cycle machine:
        # their cycles start and end at the same events, so those are found once.
        signature = [
            (frozenset(m.start), frozenset(m.stop), frozenset(m.cancel), frozenset(m.reset),
             m.after_stop)
            for m in metrics
        ]  # fmt: skip
        distinct = list(dict.fromkeys(signature))
        self.machine_of = np.array([distinct.index(s) for s in signature], dtype=np.intp)
        machines = [metrics[signature.index(s)] for s in distinct]

        def any_of(models: list[Metric], pick: str) -> Mask2:
            """Per model, where any of its `pick` conditions holds (each condition's mask
            computed once per call, however many metrics name it)."""
            rows = []
            for model in models:
                out = np.zeros(self.r, dtype=bool)
                for c in getattr(model, pick):
                    if c not in cache:
                        cache[c] = tl.holds((c,)) if pick == "pause" else tl.matches((c,))
                    out = out | cache[c]
                rows.append(out)
            return np.stack(rows)

        self.start, self.cancel = any_of(machines, "start"), any_of(machines, "cancel")
        self.end = any_of(machines, "stop") | self.cancel
        self.reset = any_of(machines, "reset")
        self.paused = any_of(list(metrics), "pause")
        self.mode = np.array([m.after_stop for m in machines])[:, None]
        self.business = np.array([m.hours == "business" for m in metrics])

    def results(self) -> tuple[MetricColumns, ...]:
        tl = self.tl
        start, end, reset, cancel = self.start, self.end, self.reset, self.cancel
        ignore = self.mode[:, 0] == "ignore"
        if ignore.any():
            start, end, reset = (x.copy() for x in (start, end, reset))
            start[ignore], end[ignore], reset[ignore] = self._only_first(
                start[ignore], end[ignore], reset[ignore]
            )
        first = tl.first
        # The cycle state after each event: the last start (running) or end (not running).
        running = _carry2(first | start | end, start)
        running_before = _before2(running, first)
        ends = running_before & (end | reset)  # a cycle ends here (and may start again)
        begins = running & (~running_before | ends)
        # resume and extend: a begin continues the last cycle unless it is the ticket's
        # first, a reset's, or follows a cancel.
        by_cancel = _carry2(first | ends, ends & cancel)
        had_before = _before2(_carry2(first | begins, begins), first)
        # (A reset acts only on a cycle still running: one a stop or cancel ended at the
        # same event has nothing left to reset, and its start resumes it.)
        continues = begins & had_before & ~(reset & running_before & ~end) & ~by_cancel
        new = begins & ~(continues & ((self.mode == "resume") | (self.mode == "extend")))
        started = _carry2(first | new, new)
        extend_m = self.mode[:, 0] == "extend"
        gap = np.zeros_like(running)
        if extend_m.any():  # a stopped span counts when the same cycle continues
            e = np.flatnonzero(extend_m)
            nxt = self._next_is((continues & ~new)[e], (new | continues)[e])
            gap[e] = ~running[e] & started[e] & nxt
        # Each metric's rows: its machine's.
        of = self.machine_of
        running, ends, begins, new, started, gap = (
            x[of] for x in (running, ends, begins, new, started, gap)
        )
        cancel, reset = cancel[of], reset[of]
        flat_new = new.ravel()
        positions = np.flatnonzero(flat_new)
        small = np.int32 if len(flat_new) < 2**31 else I64
        numbered = np.cumsum(flat_new, dtype=small)  # cycles begun up to each position

        def cycle_at(flat: Column) -> Column:
            """The cycle (index into `positions`) each flat (metric, row) position is in."""
            out: Column = numbered[flat].astype(I64) - 1
            return out

        counted = (running | gap) & ~self.paused & started

        n_cycles = len(positions)
        c_metric = positions // self.r
        c_row = positions % self.r
        c_ticket = tl.owner[c_row]
        c_start = tl.at[c_row]
        end_at = np.flatnonzero(ends.ravel())
        end_cycle = cycle_at(end_at - 1)  # the cycle running before the end
        latest = np.ones(len(end_at), dtype=bool)  # a cycle's latest end is its end
        latest[:-1] = end_cycle[1:] != end_cycle[:-1]
        c_stop = np.full(n_cycles, NONE, dtype=I64)
        c_cancelled = np.zeros(n_cycles, dtype=bool)
        c_stop[end_cycle[latest]] = tl.at[end_at[latest] % self.r]
        c_cancelled[end_cycle[latest]] = cancel.ravel()[end_at[latest]]
        live = np.flatnonzero((running & tl.last).ravel())  # last cycles still running
        c_open = np.zeros(n_cycles, dtype=bool)
        c_open[cycle_at(live)] = True
        c_stop[c_open] = NONE
        c_cancelled[c_open] = False
        counting_now = np.zeros(n_cycles, dtype=bool)
        counting_now[cycle_at(live)] = counted.ravel()[live]
        # The calendar in force where each cycle ends (at now while it runs): Zendesk's
        # "last schedule" for the whole cycle, and where a deadline past the end is added.
        c_end_row = np.zeros(n_cycles, dtype=I64)
        c_end_row[end_cycle[latest]] = end_at[latest] % self.r
        c_end_row[cycle_at(live)] = live % self.r
        c_calendar = tl.calendar_after[c_end_row]
        last = np.array([m.calendar_change == "last" for m in self.metrics])
        if last.any() and n_cycles:
            every = np.arange(self.m * self.r).reshape(self.m, self.r)
            mine = np.where(started, cycle_at(every), 0)
            calendar = np.where(last[:, None] & started, c_calendar[mine], tl.calendar_after)
        else:
            calendar = np.broadcast_to(tl.calendar_after, (self.m, self.r))
        self.calendar = calendar

        # Counted time: each span's open time once, for every metric.
        span = np.zeros((self.m, self.r), dtype=I64)
        if not self.business.all():
            span[~self.business] = tl.until - tl.at
        if len(self.engines) == 1 and self.business.any():
            span[self.business] = self.engines[0].elapsed_many(tl.at, tl.until)
        elif self.business.any():
            for k, engine in enumerate(self.engines):
                on = (self.calendar == k) & self.business[:, None]
                need = np.flatnonzero(on.any(axis=0))
                if len(need):
                    times = np.zeros(self.r, dtype=I64)
                    times[need] = engine.elapsed_many(tl.at[need], tl.until[need])
                    span = np.where(on, times, span)
        flat_counted = np.flatnonzero(counted.ravel())
        seg_cycle = cycle_at(flat_counted)
        seg_time = span.ravel()[flat_counted]
        seg_row = flat_counted % self.r
        elapsed = _sums(seg_cycle, seg_time, n_cycles)

        state = np.where(
            c_cancelled,
            _S[MetricState.CANCELLED],
            np.where(
                c_open,
                np.where(counting_now, _S[MetricState.RUNNING], _S[MetricState.PAUSED]),
                _S[MetricState.STOPPED],
            ),
        ).astype(np.int8)
        target = np.full(n_cycles, NONE, dtype=I64)
        deadline = np.full(n_cycles, NONE, dtype=I64)
        breached = np.zeros(n_cycles, dtype=bool)
        table = self._targets()
        if table is not None:
            target = table[self.chosen[c_ticket], c_metric, tl.severity[c_ticket]]
            has = target != NONE
            at_target = np.array([m.breach_at_target for m in self.metrics])[c_metric]
            breached = has & ~c_cancelled & np.where(at_target, elapsed >= target,
                                                     elapsed > target)  # fmt: skip
            deadline = self._deadlines(
                has, target, elapsed, c_start, c_stop, c_open, c_metric, c_calendar,
                seg_cycle, seg_time, seg_row,
            )  # fmt: skip
            ended_ok = has & ~c_open & ~c_cancelled
            state = np.where(ended_ok, _S[MetricState.MET], state)
            state = np.where(breached, _S[MetricState.BREACHED], state).astype(np.int8)

        # A cycle started by the event that ended the one before, and stopped at that
        # same instant, never ran: a reply that solves the ticket starts no new update
        # clock (a cancelled one is kept: it says the clock was cancelled).
        keep = ~(
            ends.ravel()[positions] & ~c_open & ~c_cancelled & (c_stop == c_start) & (elapsed == 0)
        )
        cycles = CycleColumns(c_ticket, c_start, c_stop, elapsed, target, deadline, state,
                              breached)  # fmt: skip
        if not keep.all():
            cycles, c_metric = cycles.take(keep), c_metric[keep]
        self.steps = Steps(
            at=tl.at,
            running=running, counted=counted, begins=begins, new=new & started,
            ends=ends, cancel=cancel, reset=reset, span=span, void=~keep,
            cycle_rows=c_row,
        )  # fmt: skip
        return self._per_ticket(cycles, c_metric)

    def _only_first(self, start: Mask2, end: Mask2, reset: Mask2) -> tuple[Mask2, Mask2, Mask2]:
        """after_stop "ignore": each ticket's first start, the first end after it, and
        the resets between them; nothing else."""
        tl = self.tl
        rows = np.arange(self.r)
        big = np.iinfo(I64).max
        heads = np.flatnonzero(tl.first)
        fs = np.minimum.reduceat(np.where(start, rows, big), heads, axis=1)[:, tl.owner]
        after = rows > fs
        fe = np.minimum.reduceat(np.where(end & after, rows, big), heads, axis=1)[:, tl.owner]
        return rows == fs, rows == fe, reset & after & (rows < fe)

    def _next_is(self, wanted: Mask2, marks: Mask2) -> Mask2:
        """Whether the next row after each row where `marks` holds, in the same ticket,
        is one where `wanted` holds (index and flag packed, as in `_carry2`)."""
        owner = self.tl.owner
        big = 2 * self.r
        packed = np.where(marks, np.arange(0, big, 2) + wanted, big)
        after = np.full_like(packed, big)
        after[:, :-1] = packed[:, 1:]
        nxt = np.minimum.accumulate(after[:, ::-1], axis=1)[:, ::-1]
        index = np.minimum(nxt >> 1, self.r - 1)
        out: Mask2 = (nxt < big) & ((nxt & 1) == 1) & (owner[index] == owner[None, :])
        return out

    def _targets(self) -> Column2 | None:
        """(policy, metric, severity 0-4) -> target µs (NONE: measure only); the last
        policy row is "none matched": the metrics' own targets."""
        if not any(with_targets(m, self.policies) for m in self.metrics):
            return None
        table = np.full((len(self.policies) + 1, self.m, 5), NONE, dtype=I64)
        for k, m in enumerate(self.metrics):
            own = m.targets
            for p, policy in enumerate((*self.policies, None)):
                given = own
                if policy is not None:
                    given = next((t.targets for t in policy.targets if t.metric == m.name), own)
                if given is not None:
                    table[p, k, 1:] = [_us(given[s]) for s in Severity]
        return table

    def _add(self, c_metric: Column, calendar: Column, u: Column, d: Column) -> Column:
        """u plus d of counted time, on each cycle's metric's hours, on `calendar`."""
        out: Column = u + d
        business = self.business[c_metric]
        for k, engine in enumerate(self.engines):
            on = business & (calendar == k) if len(self.engines) > 1 else business
            if on.any():
                out[on] = engine.add_many(u[on], d[on])
        return out

    def _deadlines(
        self,
        has: Mask,
        target: Column,
        elapsed: Column,
        c_start: Column,
        c_stop: Column,
        c_open: Mask,
        c_metric: Column,
        c_calendar: Column,
        seg_cycle: Column,
        seg_time: Column,
        seg_row: Column,
    ) -> Column:
        """The instant each cycle's counted time reaches its target: inside the span where
        it did, or else from the cycle's end (or now, while it runs) on."""
        deadline = np.full(len(target), NONE, dtype=I64)
        total = np.cumsum(seg_time)
        before = total - seg_time
        if len(seg_cycle):  # counted time before each span, within its cycle
            runs = np.flatnonzero(np.diff(seg_cycle, prepend=-1))
            before = before - np.repeat(before[runs], np.diff(np.append(runs, len(seg_cycle))))
        t = target[seg_cycle]
        crossing = np.flatnonzero(has[seg_cycle] & (before < t) & (before + seg_time >= t))
        which = seg_cycle[crossing]
        row = seg_row[crossing]
        deadline[which] = self._add(
            c_metric[which],
            self.calendar[c_metric[which], row],
            self.tl.at[row],
            t[crossing] - before[crossing],
        )
        reached = np.zeros(len(target), dtype=bool)
        reached[which] = True
        zero = has & (target == 0)
        deadline[zero] = c_start[zero]
        rest = np.flatnonzero(has & ~reached & ~zero)
        ref = np.where(c_open[rest], self.tl.now, c_stop[rest])
        deadline[rest] = self._add(
            c_metric[rest], c_calendar[rest], ref, target[rest] - elapsed[rest]
        )
        return deadline

    def _per_ticket(self, cycles: CycleColumns, c_metric: Column) -> tuple[MetricColumns, ...]:
        """Each metric's last cycle per ticket, and its counts."""
        n, m = self.tl.n, self.m
        key = c_metric * n + cycles.ticket
        count = np.bincount(key, minlength=m * n).astype(I64)
        breached_count = np.bincount(key[cycles.breached], minlength=m * n).astype(I64)
        has = count > 0
        pick = np.where(has, np.cumsum(count) - 1, 0)

        def take(values: npt.NDArray[Any], missing: float) -> npt.NDArray[Any]:
            if len(values) == 0:
                return np.full((m, n), missing, dtype=values.dtype)
            out: npt.NDArray[Any] = np.where(has, values[pick], missing).reshape(m, n)
            return out

        state = take(cycles.state, _S[MetricState.NOT_STARTED]).astype(np.int8)
        elapsed = take(cycles.elapsed, 0)
        target = take(cycles.target, NONE)
        with_target = target != NONE
        safe = np.where(with_target, target, 1)
        fraction = np.where(with_target, fraction_column(elapsed, safe), np.nan)
        start, stop, deadline = (take(getattr(cycles, f), NONE) for f in ("start", "stop",
                                                                          "deadline"))  # fmt: skip
        breached = take(cycles.breached, False)
        bounds = np.searchsorted(c_metric, np.arange(m + 1))
        out = []
        for k, metric in enumerate(self.metrics):
            warning = np.where(
                with_target[k],
                warning_column(elapsed[k], safe[k], metric.warning_percents),
                0,
            )
            out.append(
                MetricColumns(
                    metric=metric,
                    state=state[k],
                    start=start[k],
                    stop=stop[k],
                    deadline=deadline[k],
                    elapsed=elapsed[k],
                    remaining=np.where(with_target[k], target[k] - elapsed[k], NONE),
                    target=target[k],
                    fraction_used=fraction[k],
                    warning=warning,
                    breached=breached[k],
                    cycles=count[k * n : (k + 1) * n],
                    breached_cycles=breached_count[k * n : (k + 1) * n],
                    all_cycles=cycles.take(slice(bounds[k], bounds[k + 1])),
                    has_targets=with_targets(metric, self.policies),
                    policy=self.chosen,
                )
            )
        return tuple(out)
