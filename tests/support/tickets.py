"""Hypothesis strategies for tickets with full histories, and plans to evaluate them under."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    ByTimeOfDay,
    Classified,
    Closed,
    Escalated,
    Paused,
    Resolved,
    Responded,
    Resumed,
    ServicePlan,
    Severity,
    StayedWithProvider,
    SupportLevel,
    Ticket,
    TicketEvent,
    Updated,
    VendorDirectChosen,
)
from tests.support.domain import CONTRACT, EVA, ticket
from tests.support.strategies import calendars, precise_instants

KINDS = [
    "classified",
    "classified",
    "responded",
    "updated",
    "to_l2",
    "to_vendor",
    "vendor_direct",
    "stayed",
    "pause",
    "pause",
    "resolved",
]


@st.composite
def histories(draw: st.DrawFn, pauses: bool = True) -> Ticket:
    """A ticket and up to 7 events, minutes to days apart (sometimes at the same instant).

    Pauses alternate with resumes (a ticket refuses any other order).
    """
    received = draw(precise_instants())
    t = ticket(received, priority=draw(st.integers(1, 4)), id=f"T-{draw(st.integers(0, 999))}")
    if draw(st.booleans()):
        t = t.model_copy(update={"product": "Arcserve Backup", "requester": EVA})
    at = received
    open_pause = False
    kinds = KINDS if pauses else [k for k in KINDS if k != "pause"]
    for _ in range(draw(st.integers(0, 7))):
        at = at + timedelta(minutes=draw(st.integers(0, 2 * 24 * 60)))
        kind = draw(st.sampled_from(kinds))
        event: TicketEvent
        if kind == "classified":
            event = Classified(at=at, severity=Severity(draw(st.integers(1, 4))))
        elif kind == "responded":
            event = Responded(at=at)
        elif kind == "updated":
            event = Updated(at=at)
        elif kind == "to_l2":
            event = Escalated(at=at, to=SupportLevel.L2)
        elif kind == "to_vendor":
            event = Escalated(at=at, to=SupportLevel.VENDOR, assisted_only=draw(st.booleans()))
        elif kind == "vendor_direct":
            event = VendorDirectChosen(at=at)
        elif kind == "stayed":
            event = StayedWithProvider(at=at, resumes_at=at + timedelta(hours=10))
        elif kind == "resolved":
            event = Resolved(at=at)
        else:
            event = Resumed(at=at) if open_pause else Paused(at=at)
            open_pause = not open_pause
        t = t.apply(event)
    if draw(st.integers(0, 5)) == 0:
        t = t.apply(Closed(at=at + timedelta(minutes=draw(st.integers(0, 600)))))
    return t


@st.composite
def plans(draw: st.DrawFn) -> ServicePlan:
    """Basic, and variants: pausing, restarting the clock, other warnings and calendars."""
    update: dict[str, object] = {}
    if draw(st.booleans()):
        update["pausing_allowed"] = True
    if draw(st.integers(0, 3)) == 0:
        update["restart_clock_on_reclassification"] = True
    if draw(st.integers(0, 3)) == 0:
        update["warning_percents"] = tuple(
            draw(st.sets(st.integers(1, 99), min_size=0, max_size=4))
        )
    if draw(st.integers(0, 3)) == 0:
        update["calendar"] = draw(calendars())
    if draw(st.integers(0, 4)) == 0:
        names = ("critical", "major", "minor", "informational")
        targets: list[object] = []
        for _ in names:
            if draw(st.integers(0, 2)) == 0:  # "by HH:MM on the n-th business day"
                minute = draw(st.integers(0, 1439))
                at = time(minute // 60, minute % 60)
                targets.append(ByTimeOfDay(at=at, business_days=draw(st.integers(0, 2))))
            else:
                targets.append(timedelta(hours=draw(st.integers(0, 30))))
        update["targets"] = BASIC_PLAN.targets.model_copy(update=dict(zip(names, targets)))
    return BASIC_PLAN.model_copy(update=update)


def nows(t: Ticket) -> st.SearchStrategy[datetime]:
    """Instants from receipt to 40 days after (a ticket received after `now` is refused:
    tests/test_received_after_now.py)."""
    return st.integers(0, 40 * 24 * 60).map(lambda m: t.received + timedelta(minutes=m))


def latest(tickets: list[Ticket]) -> Ticket:
    """The ticket received last (instants from it are after every receipt)."""
    return max(tickets, key=lambda t: t.received)


__all__ = ["CONTRACT", "histories", "latest", "nows", "plans"]
