"""A slow, obviously correct reference for metrics, written from the semantics brief.

It shares no code with `slaclock.sla.metric_columns`: it reads a ticket's history
event by event into its own timeline (status, level and pause before and after
each event, which message is the description), matches every condition of a
metric by hand, and runs the four steps of the evaluation order (cancel, stop,
reset, start) in a Python loop. Open time comes from `tests.support.reference`, the test
suite's independent business-time oracle, one UTC hour at a time: the calendars
the metric tests use (Basic in Buenos Aires, 24/7, whole-hour New York hours)
open and close on whole UTC hours, so a minute is open iff its hour is. Every
instant must be a whole minute. hours="calendar" counts every minute.

Rules read from the brief where it is silent (each a choice the tests record):
a reset always starts a new cycle; "ignore" never starts a second cycle, even
after a cancel; "resume" and "extend" start a new cycle after a cancel; the
stopped time an "extend" restart counts is counted like running time (open,
unpaused); a cancelled cycle is neither met nor breached; a running cycle past
its target is breached even while paused; LevelTook matches when the level
changes to its level; the receipt enters status `new` (StatusEntered({new}) matches
it) and leaves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any

from slaclock import ServicePlan, Severity, SupportLevel, Ticket
from slaclock.sla.metric import (
    Classification,
    Created,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    Metric,
    PausedByEvent,
    Reopened,
    StatusEntered,
    StatusLeft,
)
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.ticket import (
    Classified,
    Closed,
    Escalated,
    Message,
    Paused,
    Resolved,
    Responded,
    Resumed,
    StatusChanged,
    Updated,
    VendorDirectChosen,
)
from tests.support.reference import ref_is_open

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)
UNSOLVED = frozenset(
    {TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.HOLD}
)


def minute_of(t: datetime) -> int:
    """Whole minutes since the epoch (t must be a whole minute)."""
    delta = t - EPOCH
    assert delta % MINUTE == timedelta(0), f"not a whole minute: {t}"
    return delta // MINUTE


def instant(m: int) -> datetime:
    """The UTC instant `m` minutes after the epoch."""
    return EPOCH + m * MINUTE


@cache
def _open_hour(calendar: Any, hour: int) -> bool:
    return ref_is_open(calendar, EPOCH + timedelta(hours=hour))


class Clock:
    """Open minutes of one calendar (or of every hour, `calendar` None)."""

    def __init__(self, calendar: Any | None) -> None:
        self.calendar = calendar

    def is_open(self, m: int) -> bool:
        return True if self.calendar is None else _open_hour(self.calendar, m // 60)

    def open_minutes(self, a: int, b: int) -> int:
        """Open minutes in [a, b), an hour at a time."""
        if self.calendar is None:
            return max(0, b - a)
        n, m = 0, a
        while m < b:
            end = min(b, (m // 60 + 1) * 60)
            if self.is_open(m):
                n += end - m
            m = end
        return n

    def reach(self, a: int, b: int, need: int) -> int | None:
        """The instant in (a, b] at which [a, that) holds `need` > 0 open minutes, if any."""
        m = a
        while m < b:
            end = min(b, (m // 60 + 1) * 60)
            if self.is_open(m):
                if end - m >= need:
                    return m + need
                need -= end - m
            m = end
        return None

    def add(self, a: int, need: int) -> int:
        """The end of the need-th open minute from a (a itself for 0)."""
        if need <= 0:
            return a
        found = self.reach(a, a + 3 * 366 * 24 * 60, need)
        assert found is not None, "no open time within three years"
        return found


@dataclass(frozen=True)
class Step:
    """One event of the timeline, as the metric conditions read it."""

    at: int  #: minute
    created: bool = False
    classified: bool = False
    status_before: TicketStatus | None = None  #: None at the receipt, which enters `new`
    status_after: TicketStatus = TicketStatus.NEW
    level_before: SupportLevel = SupportLevel.L1
    level_after: SupportLevel = SupportLevel.L1
    paused_after: bool = False  #: between Paused and Resumed after this event
    message: tuple[str, bool] | None = None  #: (author, public), never the description


def timeline(ticket: Ticket, now: datetime) -> list[Step]:
    """The synthetic receipt, then every event at or before `now`, in history order."""
    now_m = minute_of(now)
    status, level, paused = TicketStatus.NEW, SupportLevel.L1, False
    steps = [Step(at=minute_of(ticket.received), created=True)]
    seen_message = False
    for e in ticket.history:
        at = minute_of(e.at)
        if at > now_m:
            break
        new_status, new_level, message, classified = status, level, None, False
        if isinstance(e, Classified):
            classified = True
        elif isinstance(e, Responded | Updated):
            message = ("agent", True)
        elif isinstance(e, Message):
            if seen_message:
                message = (e.author, e.public)
            seen_message = True  # the first message is the description
        elif isinstance(e, StatusChanged):
            new_status = e.status
        elif isinstance(e, Resolved):
            new_status = TicketStatus.SOLVED
        elif isinstance(e, Closed):
            new_status = TicketStatus.CLOSED
        elif isinstance(e, Escalated):
            new_level = e.to
        elif isinstance(e, VendorDirectChosen):
            new_level = SupportLevel.VENDOR
        elif isinstance(e, Paused):
            paused = True
        elif isinstance(e, Resumed):
            paused = False
        steps.append(
            Step(
                at=at,
                classified=classified,
                status_before=status,
                status_after=new_status,
                level_before=level,
                level_after=new_level,
                paused_after=paused,
                message=message,
            )
        )
        status, level = new_status, new_level
    return steps


def matches(condition: Any, step: Step) -> bool:
    """Whether an event condition matches one step."""
    if isinstance(condition, Created):
        return step.created
    if isinstance(condition, StatusEntered):
        return step.status_after in condition.statuses and (
            step.status_before not in condition.statuses
        )
    if isinstance(condition, StatusLeft):
        return step.status_before in condition.statuses and (
            step.status_after not in condition.statuses
        )
    if isinstance(condition, Reopened):
        return step.status_before is TicketStatus.SOLVED and step.status_after in UNSOLVED
    if isinstance(condition, MessageSent):
        if step.message is None:
            return False
        author, public = step.message
        return author == condition.author and condition.public in (None, public)
    if isinstance(condition, LevelTook):
        return step.level_after is condition.level and step.level_before is not condition.level
    if isinstance(condition, Classification):
        return step.classified
    raise AssertionError(f"unknown event condition {condition!r}")


def holds(condition: Any, step: Step) -> bool:
    """Whether a state condition holds in the state after `step`."""
    if isinstance(condition, InStatus):
        return step.status_after in condition.statuses
    if isinstance(condition, HeldBy):
        return step.level_after in condition.levels
    if isinstance(condition, PausedByEvent):
        return step.paused_after
    raise AssertionError(f"unknown state condition {condition!r}")


@dataclass
class _Cycle:
    start: int
    stop: int | None = None
    cancelled: bool = False
    #: Started by the event that ended the cycle before it.
    chained: bool = False
    segments: list[tuple[int, int]] = field(default_factory=list)  #: counted [a, b)
    gap: list[tuple[int, int]] = field(default_factory=list)  #: "extend": since the stop


@dataclass(frozen=True)
class RefCycle:
    """One cycle as the reference sees it at `now`."""

    start: datetime
    stop: datetime | None
    elapsed: timedelta
    state: str
    breached: bool
    deadline: datetime | None


@dataclass(frozen=True)
class RefMetric:
    """A metric's per-ticket summary: the last cycle's fields and every cycle."""

    state: str
    start: datetime | None
    stop: datetime | None
    deadline: datetime | None
    elapsed: timedelta
    remaining: timedelta | None
    fraction_used: float | None
    breached: bool
    warnings: tuple[int, ...]
    cycles: tuple[RefCycle, ...]
    breached_cycles: int
    target: timedelta | None


def severity_at(ticket: Ticket, now: datetime) -> Severity:
    """The latest classification at or before now, else the requested priority."""
    severity = ticket.priority.severity
    for e in ticket.history:
        if isinstance(e, Classified) and e.at <= now:
            severity = e.severity
    return severity


def run_cycles(metric: Metric, steps: Sequence[Step], now_m: int, clock: Clock) -> list[_Cycle]:
    """Every cycle of `metric` over the timeline, with its counted segments up to now."""
    cycles: list[_Cycle] = []
    running: _Cycle | None = None
    for k, step in enumerate(steps):
        # The four steps of the evaluation order, at this event.
        ended = running is not None
        if running is not None and any(matches(c, step) for c in metric.cancel):
            running.stop, running.cancelled, running = step.at, True, None
        if running is not None and any(matches(c, step) for c in metric.stop):
            running.stop, running = step.at, None
        if running is not None and any(matches(c, step) for c in metric.reset):
            running.stop = step.at
            running = _Cycle(start=step.at, chained=True)
            cycles.append(running)
        ended = ended and running is None
        if running is None and any(matches(c, step) for c in metric.start):
            last = cycles[-1] if cycles else None
            if last is None or last.cancelled:
                if last is None or metric.after_stop != "ignore":
                    running = _Cycle(start=step.at, chained=ended)
                    cycles.append(running)
            elif metric.after_stop == "new_cycle":
                running = _Cycle(start=step.at, chained=ended)
                cycles.append(running)
            elif metric.after_stop == "resume":
                running, last.stop, last.gap = last, None, []
            elif metric.after_stop == "extend":
                last.segments.extend(last.gap)
                running, last.stop, last.gap = last, None, []
        # The clock until the next event (or now), in the state after this event.
        until = steps[k + 1].at if k + 1 < len(steps) else now_m
        counting = not any(holds(c, step) for c in metric.pause)
        if counting and until > step.at:
            if running is not None:
                running.segments.append((step.at, until))
            elif metric.after_stop == "extend" and cycles and not cycles[-1].cancelled:
                cycles[-1].gap.append((step.at, until))
    # A cycle started by the event that ended the one before, and stopped at that same
    # instant with nothing counted, never ran (a reply that solves the ticket starts no
    # new update cycle); a cancelled one is kept.
    return [
        c
        for c in cycles
        if not (c.chained and c.stop == c.start and not c.cancelled and not c.segments)
    ]


def evaluate_metric(ticket: Ticket, now: datetime, plan: ServicePlan, metric: Metric) -> RefMetric:
    """What the semantics say about one metric of `ticket` at `now`."""
    now_m = minute_of(now)
    steps = timeline(ticket, now)
    clock = Clock(plan.calendar if metric.hours == "business" else None)
    cycles = run_cycles(metric, steps, now_m, clock)
    target: int | None = None
    if metric.targets is not None:
        t = metric.targets[severity_at(ticket, now)]
        assert isinstance(t, timedelta) and t % MINUTE == timedelta(0)
        target = t // MINUTE
    paused_now = any(holds(c, steps[-1]) for c in metric.pause)

    out: list[RefCycle] = []
    for c in cycles:
        elapsed = sum(clock.open_minutes(a, b) for a, b in c.segments)
        deadline: int | None = None
        breached = False
        if target is not None:
            reached: int | None = c.start if target == 0 else None
            need = target
            for a, b in c.segments:
                if reached is not None:
                    break
                got = clock.reach(a, b, need)
                if got is not None:
                    reached = got
                else:
                    need -= clock.open_minutes(a, b)
            base = now_m if c.stop is None else c.stop
            deadline = reached if reached is not None else clock.add(base, target - elapsed)
            over = elapsed >= target if metric.breach_at_target else elapsed > target
            breached = over and not c.cancelled
        if c.cancelled:
            state = "cancelled"
        elif c.stop is not None:
            state = "stopped" if target is None else "breached" if breached else "met"
        else:
            state = "breached" if breached else "paused" if paused_now else "running"
        out.append(
            RefCycle(
                start=instant(c.start),
                stop=None if c.stop is None else instant(c.stop),
                elapsed=elapsed * MINUTE,
                state=state,
                breached=breached,
                deadline=None if deadline is None else instant(deadline),
            )
        )

    target_td = None if target is None else target * MINUTE
    if not out:
        return RefMetric(
            state="not_started",
            start=None,
            stop=None,
            deadline=None,
            elapsed=timedelta(0),
            remaining=None,
            fraction_used=None,
            breached=False,
            warnings=(),
            cycles=(),
            breached_cycles=0,
            target=target_td,
        )
    last = out[-1]
    remaining = fraction = None
    warnings: tuple[int, ...] = ()
    if target is not None:
        used = last.elapsed // MINUTE
        remaining = (target - used) * MINUTE
        fraction = 1.0 if target == 0 else (used * MINUTE) / (target * MINUTE)
        warnings = tuple(p for p in metric.warning_percents if used * 100 >= p * target)
    return RefMetric(
        state=last.state,
        start=last.start,
        stop=last.stop,
        deadline=last.deadline,
        elapsed=last.elapsed,
        remaining=remaining,
        fraction_used=fraction,
        breached=last.breached,
        warnings=warnings,
        cycles=tuple(out),
        breached_cycles=sum(c.breached for c in out),
        target=target_td,
    )


def evaluate_metrics(
    ticket: Ticket, now: datetime, plan: ServicePlan, metrics: Sequence[Metric]
) -> dict[str, RefMetric]:
    """Every metric of `ticket` at `now`, by name."""
    return {m.name: evaluate_metric(ticket, now, plan, m) for m in metrics}
