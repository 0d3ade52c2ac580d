"""Metrics over whole columns of tickets: every cycle of every metric, vectorised.

One ticket is a table of one row: `slaclock.sla.status.evaluate` and
`evaluate_frame` both reach `metric_steps` (through `one_ticket`), so a metric's rules
exist once.

The layout: every ticket's timeline is one flat, ordered table of events
(`metric_timeline.Timeline`), and a metric's conditions are masks over it. Its
cycle state after each event is the carry-forward of the last start (running) or
stop (not running), since a start while running and a stop while stopped change
nothing; a cycle owns the events from its start to the next cycle's. Each span between
two events (the last one up to `now`) counts the open time of its calendar when its
cycle runs and no pause holds, and a cycle's time is the sum of its spans (int64,
exact), taken from running totals over blocks of metrics (`metric_counted`). Metrics
that share a cycle machine (the same starts, stops, cancels, resets and after-stop
rule) share its cycles: those steps are (machines x events) arrays, and only what each
metric counts is (metrics x events). No loop over tickets or events: a metric costs a
fixed number of column operations. What does not depend on the tickets is built once
per metrics (`metric_setup`); deadlines are `metric_deadlines`; the results
`metric_cycles`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock.calendar.column import I64, Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.sla.measures import fraction_column, warning_column
from slaclock.sla.metric import Metric
from slaclock.sla.metric_counted import cycle_times, row_times
from slaclock.sla.metric_cycles import (
    METRIC_STATES,
    NONE,
    CycleColumns,
    Mask2,
    MetricColumns,
    MetricState,
    Steps,
)
from slaclock.sla.metric_deadlines import Counting, deadlines
from slaclock.sla.metric_setup import any_of, metric_setup
from slaclock.sla.metric_timeline import Timeline, carry
from slaclock.sla.policy import Policy

__all__ = ["metric_steps"]

_S = {s: np.int8(k) for k, s in enumerate(METRIC_STATES)}


def metric_steps(
    timeline: Timeline,
    metrics: tuple[Metric, ...],
    engines: Engine | tuple[Engine, ...],
    policies: tuple[Policy, ...] = (),
    chosen: Column | None = None,
) -> tuple[tuple[MetricColumns, ...], Steps]:
    """Each metric of each ticket of `timeline`, counted on the open time of the engines
    of the plan's calendars (`ServicePlan.all_calendars`, the ticket's calendar at
    receipt first; every hour for a metric with ``hours="calendar"``), and what
    happened at each event (for explanations). With `policies`, `chosen` is each
    ticket's policy (`policy.select_policies`; len(policies): none), whose targets
    replace the metrics' own for the metrics it names.

    All metrics at once: each step is one operation over a (machines or metrics x
    events) array, so a call's cost hardly grows with the number of metrics, and the
    open time of each span between two events is computed once for all of them."""
    on = engines if isinstance(engines, tuple) else (engines,)
    if chosen is None:
        chosen = np.full(timeline.n, len(policies), dtype=I64)
    matrix = _Matrix(timeline, metrics, on, policies, chosen)
    results = matrix.results()
    return results, matrix.steps


def _before2(after: Mask2, first: Mask) -> Mask2:
    """The value before each event (False at each ticket's receipt)."""
    out = np.zeros_like(after)
    out[:, 1:] = after[:, :-1]
    out[:, first] = False
    return out


class _Matrix:
    """The metrics of one call as (machines x events) and (metrics x events) arrays,
    and the cycles they make."""

    def __init__(
        self,
        tl: Timeline,
        metrics: tuple[Metric, ...],
        engines: tuple[Engine, ...],
        policies: tuple[Policy, ...],
        chosen: Column,
    ) -> None:
        setup = metric_setup(metrics, policies)
        self.tl, self.metrics, self.engines, self.setup = tl, metrics, engines, setup
        self.policies, self.chosen = policies, chosen
        self.m, self.r = len(metrics), len(tl.at)
        self.machine_of, self.mode, self.business = setup.machine_of, setup.mode, setup.business
        events = [tl.matches((c,)) for c in setup.event_conditions]
        states = [tl.holds((c,)) for c in setup.state_conditions]
        self.start = any_of(events, setup.start_uses, self.r)
        self.cancel = any_of(events, setup.cancel_uses, self.r)
        self.end = any_of(events, setup.stop_uses, self.r) | self.cancel
        self.reset = any_of(events, setup.reset_uses, self.r)
        self.paused = any_of(states, setup.pause_uses, self.r)

    def results(self) -> tuple[MetricColumns, ...]:
        tl = self.tl
        start, end, reset, cancel = self.start, self.end, self.reset, self.cancel
        ignore = self.mode[:, 0] == "ignore"
        if ignore.any():
            start, end = start.copy(), end.copy()
            start[ignore], end[ignore] = self._only_first(start[ignore], end[ignore])
        first = tl.first
        # The cycle state after each event: the last start (running) or end (not running).
        running = carry(first | start | end, start)
        running_before = _before2(running, first)
        ends = running_before & (end | reset)  # a cycle ends here (and may start again)
        begins = running & (~running_before | ends)
        # resume and extend: a begin continues the last cycle unless it is the ticket's
        # first, a reset's, or follows a cancel.
        by_cancel = carry(first | ends, ends & cancel)
        had_before = _before2(carry(first | begins, begins), first)
        # (A reset acts only on a cycle still running: one a stop or cancel ended at the
        # same event has nothing left to reset, and its start resumes it.)
        continues = begins & had_before & ~(reset & running_before & ~end) & ~by_cancel
        new = begins & ~(continues & ((self.mode == "resume") | (self.mode == "extend")))
        started = carry(first | new, new)
        extend_m = self.mode[:, 0] == "extend"
        gap = np.zeros_like(running)
        if extend_m.any():  # a stopped span counts when the same cycle continues
            e = np.flatnonzero(extend_m)
            nxt = self._next_is((continues & ~new)[e], (new | continues)[e])
            gap[e] = ~running[e] & started[e] & nxt
        # The cycles are found per machine (metrics sharing one share its cycles' starts
        # and ends), then given to each of its metrics; only what is counted (pauses are
        # per metric) is a (metrics x events) array.
        of, r = self.machine_of, self.r
        counted = ((running | gap) & started)[of] & ~self.paused
        starts_at = np.flatnonzero(new.ravel())  # each machine cycle's flat position

        def cycle_at(flat: Column) -> Column:
            """The machine cycle (index into `starts_at`) each flat (machine, row)
            position is in: the latest to begin at or before it."""
            out: Column = np.searchsorted(starts_at, flat, "right") - 1
            return out

        k_row = starts_at % r
        k_stop = np.full(len(starts_at), NONE, dtype=I64)
        k_cancelled = np.zeros(len(starts_at), dtype=bool)
        k_end_row = np.zeros(len(starts_at), dtype=I64)
        end_at = np.flatnonzero(ends.ravel())
        end_cycle = cycle_at(end_at - 1)  # the cycle running before the end
        latest = np.ones(len(end_at), dtype=bool)  # a cycle's latest end is its end
        latest[:-1] = end_cycle[1:] != end_cycle[:-1]
        end_cycle, end_at = end_cycle[latest], end_at[latest]
        k_stop[end_cycle] = tl.at[end_at % r]
        k_cancelled[end_cycle] = cancel.ravel()[end_at]
        k_end_row[end_cycle] = end_at % r
        live = np.flatnonzero((running & tl.last).ravel())  # last cycles still running
        live_cycle = cycle_at(live)
        k_open = np.zeros(len(starts_at), dtype=bool)
        k_open[live_cycle] = True
        k_stop[live_cycle] = NONE
        k_cancelled[live_cycle] = False
        k_end_row[live_cycle] = live % r
        # The calendar in force where each cycle ends (at now while it runs): Zendesk's
        # "last schedule" for the whole cycle, and where a deadline past the end is added.
        k_calendar = tl.calendar_after[k_end_row]
        k_void = ends.ravel()[starts_at]  # begun by the event that ended the one before

        # Each metric's cycles: its machine's.
        bounds = np.searchsorted(starts_at, np.arange(len(self.setup.machines) + 1) * r)
        pick = np.concatenate(
            [np.zeros(0, dtype=I64), *(np.arange(bounds[j], bounds[j + 1]) for j in of)]
        )
        c_metric = np.repeat(np.arange(self.m), (bounds[1:] - bounds[:-1])[of])
        c_row, c_stop, c_cancelled, c_open, c_end_row, c_calendar = (
            x[pick] for x in (k_row, k_stop, k_cancelled, k_open, k_end_row, k_calendar)
        )
        n_cycles = len(pick)
        positions = c_metric * r + c_row
        c_ticket = tl.owner[c_row]
        c_start = tl.at[c_row]
        counting_now = c_open & counted.ravel()[c_metric * r + c_end_row]
        last = self.setup.last_calendar
        calendar = np.broadcast_to(tl.calendar_after, (self.m, r))
        if last.any() and n_cycles:
            calendar = calendar.copy()
            rows = np.arange(r, dtype=I64)
            for k in np.flatnonzero(last):
                j = of[k]
                mine = cycle_at(j * r + rows)
                calendar[k] = np.where(started[j], k_calendar[np.maximum(mine, 0)], calendar[k])

        # Counted time: each event's span timed once per calendar, then per metric a
        # cumulative sum of what it counts (`metric_counted`).
        times = row_times(self.engines, self.business, calendar, counted, tl.at, tl.until)
        target = np.full(n_cycles, NONE, dtype=I64)
        table = self.setup.targets
        if table is not None:
            severity = tl.severity[c_ticket].astype(np.intp)  # (an int8 index is cast slowly)
            target = table[self.chosen[c_ticket], c_metric, severity]
        has = target != NONE
        counted_time = cycle_times(times, counted, positions, target, has)
        elapsed = counted_time.elapsed

        state = np.where(
            c_cancelled,
            _S[MetricState.CANCELLED],
            np.where(
                c_open,
                np.where(counting_now, _S[MetricState.RUNNING], _S[MetricState.PAUSED]),
                _S[MetricState.STOPPED],
            ),
        ).astype(np.int8)
        deadline = np.full(n_cycles, NONE, dtype=I64)
        breached = np.zeros(n_cycles, dtype=bool)
        if table is not None:
            at_target = self.setup.at_target[c_metric]
            breached = has & ~c_cancelled & np.where(at_target, elapsed >= target,
                                                     elapsed > target)  # fmt: skip
            counting = Counting(self.engines, self.business, calendar)
            deadline = deadlines(
                counting, tl.at, tl.now, has=has, target=target, elapsed=elapsed,
                start=c_start, stop=c_stop, running=c_open, metric=c_metric,
                calendar=c_calendar, cross_row=counted_time.cross_row,
                cross_left=counted_time.cross_left,
            )  # fmt: skip
            ended_ok = has & ~c_open & ~c_cancelled
            state = np.where(ended_ok, _S[MetricState.MET], state)
            state = np.where(breached, _S[MetricState.BREACHED], state).astype(np.int8)

        # A cycle started by the event that ended the one before, and stopped at that
        # same instant, never ran: a reply that solves the ticket starts no new update
        # clock (a cancelled one is kept: it says the clock was cancelled).
        keep = ~(k_void[pick] & ~c_open & ~c_cancelled & (c_stop == c_start) & (elapsed == 0))
        cycles = CycleColumns(c_ticket, c_start, c_stop, elapsed, target, deadline, state,
                              breached)  # fmt: skip
        if not keep.all():
            cycles, c_metric = cycles.take(keep), c_metric[keep]
        self.steps = Steps(
            at=tl.at,
            machine_of=of, running=running, counted=counted, begins=begins,
            new=new & started, ends=ends, cancel=cancel, reset=reset, times=times,
            void=~keep, cycle_rows=c_row,
        )  # fmt: skip
        return self._per_ticket(cycles, c_metric)

    def _only_first(self, start: Mask2, end: Mask2) -> tuple[Mask2, Mask2]:
        """after_stop "ignore": each ticket's first start and the first end after it;
        nothing else. Found among the starts and ends alone (few), over the flat
        (machine x events) positions, where a (machine, ticket) group never decreases.
        (Resets need no filter: one acts only on a running cycle, and nothing runs
        before the first start or after its end.)"""
        tl, r = self.tl, self.r

        def group(flat: Column) -> Column:
            out: Column = (flat // r) * tl.n + tl.owner[flat % r]
            return out

        starts = np.flatnonzero(start.ravel())
        g = group(starts)
        firsts = starts[np.concatenate(([True], g[1:] != g[:-1]))] if len(starts) else starts
        ends = np.flatnonzero(end.ravel())
        j = np.searchsorted(ends, firsts, "right")  # the first end after each first start
        end_at = ends[np.minimum(j, len(ends) - 1)] if len(ends) else firsts
        ended = (j < len(ends)) & (group(end_at) == group(firsts))
        only_start = np.zeros(start.size, dtype=bool)
        only_start[firsts] = True
        only_end = np.zeros(start.size, dtype=bool)
        only_end[end_at[ended]] = True
        return only_start.reshape(start.shape), only_end.reshape(start.shape)

    def _next_is(self, wanted: Mask2, marks: Mask2) -> Mask2:
        """Whether the next row after each row where `marks` holds, in the same ticket,
        is one where `wanted` holds (index and flag packed in one integer)."""
        owner = self.tl.owner
        big = 2 * self.r
        packed = np.where(marks, np.arange(0, big, 2) + wanted, big)
        after = np.full_like(packed, big)
        after[:, :-1] = packed[:, 1:]
        nxt = np.minimum.accumulate(after[:, ::-1], axis=1)[:, ::-1]
        index = np.minimum(nxt >> 1, self.r - 1)
        out: Mask2 = (nxt < big) & ((nxt & 1) == 1) & (owner[index] == owner[None, :])
        return out

    def _per_ticket(self, cycles: CycleColumns, c_metric: Column) -> tuple[MetricColumns, ...]:
        """Each metric's last cycle per ticket, and its counts."""
        n, m = self.tl.n, self.m
        key = c_metric * n + cycles.ticket
        count = np.bincount(key, minlength=m * n).astype(I64)
        breached_count = np.bincount(key[cycles.breached], minlength=m * n).astype(I64)
        has = count > 0
        # Each (metric, ticket)'s last cycle, or the entry past the cycles: `missing`.
        pick = np.where(has, np.cumsum(count) - 1, len(key))

        def take(values: npt.NDArray[Any], missing: float) -> npt.NDArray[Any]:
            padded = np.empty(len(values) + 1, dtype=values.dtype)
            padded[:-1] = values
            padded[-1] = missing
            out: npt.NDArray[Any] = padded[pick].reshape(m, n)
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
        remaining = np.where(with_target, target - elapsed, NONE)
        bounds = np.searchsorted(c_metric, np.arange(m + 1))
        # The thresholds reached, once per distinct set of warning percents (usually one).
        warnings: dict[tuple[int, ...], npt.NDArray[np.int64]] = {}
        for percents in dict.fromkeys(metric.warning_percents for metric in self.metrics):
            warnings[percents] = np.where(with_target, warning_column(elapsed, safe, percents), 0)
        out = []
        for k, metric in enumerate(self.metrics):
            warning = warnings[metric.warning_percents][k]
            out.append(
                MetricColumns(
                    metric=metric,
                    state=state[k],
                    start=start[k],
                    stop=stop[k],
                    deadline=deadline[k],
                    elapsed=elapsed[k],
                    remaining=remaining[k],
                    target=target[k],
                    fraction_used=fraction[k],
                    warning=warning,
                    breached=breached[k],
                    cycles=count[k * n : (k + 1) * n],
                    breached_cycles=breached_count[k * n : (k + 1) * n],
                    all_cycles=cycles.take(slice(bounds[k], bounds[k + 1])),
                    has_targets=self.setup.has_targets[k],
                    policy=self.chosen,
                )
            )
        return tuple(out)
