"""A slow, obviously correct SLA status on the manual's calendar, one minute at a time.

It shares no code with `slaclock.sla`: it reads the ticket's history event by
event, asks `tests.support.reference` (which asks `holidays` and `datetime` directly)
whether each UTC hour of the Basic calendar is open, and counts open, unpaused
minutes. It only knows duration targets and whole-minute instants: the Basic
calendar opens and closes on whole hours and Buenos Aires is a whole number of
hours from UTC, so a minute is open iff its hour is.

The rules, as `status.py` states them: the clock stops at the first response,
resolution, closure or hand-over to the vendor; a classification before the stop
applies while the deadline in force (pauses seen at that instant) has not passed;
a restarting plan moves the clock start to the classification; pauses take their
open minutes out of the clock; the deadline is the end of the target-th counted
minute (for a zero target, the first open instant).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache

from slaclock import (
    BASIC_PLAN,
    Classified,
    Closed,
    Escalated,
    Paused,
    Resolved,
    Responded,
    Resumed,
    ServicePlan,
    Severity,
    SlaState,
    SupportLevel,
    Ticket,
    VendorDirectChosen,
)
from tests.support.domain import BA
from tests.support.reference import ref_is_open

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


@cache
def _open_hour(hour: int) -> bool:
    return ref_is_open(BASIC_PLAN.calendar, EPOCH + timedelta(hours=hour))


def minute_of(t: datetime) -> int:
    """Whole minutes since the epoch (t must be a whole minute)."""
    delta = t - EPOCH
    assert delta % MINUTE == timedelta(0), t
    return delta // MINUTE


def instant(m: int) -> datetime:
    return (EPOCH + m * MINUTE).astimezone(BA)


def is_open(m: int) -> bool:
    return _open_hour(m // 60)


def next_open(m: int) -> int:
    while not is_open(m):
        m += 1
    return m


def counted(m: int, pauses: list[tuple[int, int]]) -> bool:
    return is_open(m) and not any(a <= m < b for a, b in pauses)


def deadline(start: int, target: int, pauses: list[tuple[int, int]]) -> int:
    """The end of the target-th open, unpaused minute from `start`."""
    if target == 0:
        return next_open(start)
    m, count = start, 0
    while count < target:
        count += counted(m, pauses)
        m += 1
    return m


def elapsed(start: int, until: int, pauses: list[tuple[int, int]]) -> int:
    return sum(counted(m, pauses) for m in range(start, until))


def seen_at(pauses: list[tuple[int, int | None]], at: int) -> list[tuple[int, int]]:
    """The pauses begun by `at`, each ending at `at` at the latest."""
    return [(a, at if b is None else min(b, at)) for a, b in pauses if a <= at]


@dataclass(frozen=True)
class Expected:
    state: SlaState
    severity: Severity
    confirmed: bool
    level: SupportLevel
    target: timedelta
    clock_start: datetime
    deadline: datetime
    elapsed: timedelta
    stopped_at: datetime | None
    warnings: tuple[int, ...]


def expected_status(ticket: Ticket, now: datetime, plan: ServicePlan) -> Expected:
    """What the SLA rules say about `ticket` at `now` (duration targets only)."""
    now_m = minute_of(now)
    stop: int | None = None
    handed = False
    level = SupportLevel.L1
    classifications: list[tuple[int, Severity]] = []
    pauses: list[tuple[int, int | None]] = []
    for event in ticket.history:
        at = minute_of(event.at)
        if at > now_m:
            break
        hands_over = False
        if isinstance(event, Classified):
            if stop is None:
                classifications.append((at, event.severity))
        elif isinstance(event, Escalated):
            level = event.to
            hands_over = event.to is SupportLevel.VENDOR and event.assisted_only
        elif isinstance(event, VendorDirectChosen):
            level = SupportLevel.VENDOR
            hands_over = True
        elif isinstance(event, Paused):
            pauses.append((at, None))
        elif isinstance(event, Resumed):
            pauses[-1] = (pauses[-1][0], at)
        stops = hands_over or isinstance(event, (Responded, Resolved, Closed))
        if stops and stop is None:
            stop, handed = at, hands_over

    def target_of(severity: Severity) -> int:
        target = plan.target(severity)
        assert isinstance(target, timedelta)
        return target // MINUTE

    severity = ticket.priority.severity
    confirmed = False
    start = minute_of(ticket.received)
    for at, new in classifications:
        if at > deadline(start, target_of(severity), seen_at(pauses, at)):
            break
        severity, confirmed = new, True
        if plan.restart_clock_on_reclassification:
            start = at
    target = target_of(severity)
    seen = seen_at(pauses, now_m)
    due = deadline(start, target, seen)
    until = now_m if stop is None else stop
    used = elapsed(start, until, seen)
    if stop is not None:
        state = (
            SlaState.BREACHED
            if stop > due
            else SlaState.HANDED_TO_VENDOR
            if handed
            else SlaState.MET
        )
    elif pauses and pauses[-1][1] is None:
        state = SlaState.PAUSED
    elif now_m > due:
        state = SlaState.BREACHED
    else:
        state = SlaState.RUNNING
    return Expected(
        state=state,
        severity=severity,
        confirmed=confirmed,
        level=level,
        target=target * MINUTE,
        clock_start=instant(next_open(start)),
        deadline=instant(due),
        elapsed=used * MINUTE,
        stopped_at=None if stop is None else instant(stop),
        warnings=tuple(p for p in plan.warning_percents if used * 100 >= p * target),
    )
