"""Hand-worked Zendesk-shaped tickets: every value below is worked out from the
definitions (docs: the metric semantics brief, Zendesk's and dbt_zendesk's
definitions), the arithmetic in the comments, then checked against
`evaluate(..., metrics=...)` and against the slow reference.

The Basic plan's calendar: Monday to Friday 09:00-17:00 Buenos Aires (UTC-3, no
DST), Argentine public holidays closed. November 2026: Monday 2, 9 (a holiday in
the `holidays` package: the Pope's visit) and 16, Monday 23 (Día de la Soberanía
Nacional, a holiday), Tuesday 24 to Friday 27, Monday 30.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    MetricState,
    MetricStatus,
    ResponseTargets,
    ServicePlan,
    SupportLevel,
    Ticket,
    TicketEventError,
    WeeklySchedule,
    evaluate,
    evaluate_frame,
)
from slaclock.sla.builtin_metrics import MANUAL_METRICS, ZENDESK_METRICS
from slaclock.sla.metric import (
    Created,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    Metric,
    Reopened,
    StatusEntered,
)
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.ticket import (
    Classified,
    Closed,
    Escalated,
    Message,
    Resolved,
    Responded,
    StatusChanged,
    TicketEvent,
    Updated,
)
from tests.domain import ba, ticket
from tests.metric_reference import evaluate_metrics

H = timedelta(hours=1)
M = timedelta(minutes=1)
BUILTIN = {m.name: m for m in (*ZENDESK_METRICS, *MANUAL_METRICS)}


def customer(at: datetime, public: bool = True) -> Message:
    return Message(at=at, author="customer", public=public)


def agent(at: datetime, public: bool = True) -> Message:
    return Message(at=at, author="agent", public=public)


def status(at: datetime, name: str) -> StatusChanged:
    return StatusChanged(at=at, status=name)


def made(received: datetime, *events: TicketEvent, priority: int = 1, id: str = "T-1") -> Ticket:
    return ticket(received, priority=priority, id=id).model_copy(update={"history": events})


def metrics_of(
    t: Ticket, now: datetime, plan: ServicePlan = BASIC_PLAN, metrics: Any = None
) -> dict[str, MetricStatus]:
    """The lead's answers, after checking they equal the reference's (a second opinion on
    the hand arithmetic, and on the reference)."""
    chosen = tuple(BUILTIN.values()) if metrics is None else tuple(metrics)
    got = evaluate(t, now, plan, metrics=chosen).metrics
    ref = evaluate_metrics(t, now, plan, chosen)
    for name, r in ref.items():
        g = got[name]
        assert g.state.value == r.state, (name, g.state, r.state)
        assert g.elapsed == r.elapsed, (name, g.elapsed, r.elapsed)
        assert [c.elapsed for c in g.cycles] == [c.elapsed for c in r.cycles], name
    return got


def cycles(s: MetricStatus) -> list[tuple[datetime, datetime | None, timedelta]]:
    return [(c.start, c.stop, c.elapsed) for c in s.cycles]


# -- a reopened ticket ----------------------------------------------------------------------------


def test_reopened_ticket() -> None:
    """Solved Tuesday, reopened by the customer Wednesday, solved again."""
    t = made(
        ba(2026, 11, 24, 10),
        customer(ba(2026, 11, 24, 10)),  # the description
        status(ba(2026, 11, 24, 11), "open"),
        agent(ba(2026, 11, 24, 12)),  # first reply
        status(ba(2026, 11, 24, 13), "solved"),
        customer(ba(2026, 11, 25, 10)),  # the customer writes back...
        status(ba(2026, 11, 25, 10), "open"),  # ...and the ticket reopens
        agent(ba(2026, 11, 25, 11, 30)),
        status(ba(2026, 11, 25, 12), "solved"),
    )
    m = metrics_of(t, ba(2026, 11, 26, 12))
    # first reply: Tue 10:00 -> Tue 12:00 = 2 h, one cycle ever
    assert m["first_reply_time"].elapsed == 2 * H
    assert m["first_reply_time"].state is MetricState.STOPPED
    assert len(m["first_reply_time"].cycles) == 1
    # next reply: the description never starts it; Wed 10:00 -> 11:30 = 1.5 h
    assert cycles(m["next_reply_time"]) == [
        (ba(2026, 11, 25, 10), ba(2026, 11, 25, 11, 30), 90 * M)
    ]
    # periodic update: Tue 12:00 -> solved 13:00 = 1 h; Wed 11:30 -> solved 12:00 = 0.5 h
    assert cycles(m["periodic_update_time"]) == [
        (ba(2026, 11, 24, 12), ba(2026, 11, 24, 13), H),
        (ba(2026, 11, 25, 11, 30), ba(2026, 11, 25, 12), 30 * M),
    ]
    # requester wait (new, open, hold) and agent work (new, open): Tue 10-13 = 3 h, paused
    # while solved, Wed 10-12 = 2 h: 5 h, one resumed cycle, paused now (solved)
    for name in ("requester_wait_time", "agent_work_time"):
        assert m[name].elapsed == 5 * H, name
        assert m[name].state is MetricState.PAUSED, name
        assert len(m[name].cycles) == 1, name
    # agent wait (pending) and on hold (hold): never in those statuses, 0, paused
    assert m["agent_wait_time"].elapsed == timedelta(0)
    assert m["on_hold_time"].elapsed == timedelta(0)
    # first resolution: Tue 10:00 -> first solve Tue 13:00 = 3 h
    assert m["first_resolution_time"].elapsed == 3 * H
    # full resolution: creation -> latest solve, solved time included: Tue 10-17 = 7 h,
    # Wed 09-12 = 3 h: 10 h, one cycle from Tue 10:00 to Wed 12:00
    assert cycles(m["full_resolution_time"]) == [
        (ba(2026, 11, 24, 10), ba(2026, 11, 25, 12), 10 * H)
    ]
    assert m["full_resolution_time"].state is MetricState.STOPPED


def test_reopened_ticket_runs_full_resolution_again() -> None:
    """Between the reopen and the next solve, full resolution runs (state running)."""
    t = made(
        ba(2026, 11, 24, 10),
        status(ba(2026, 11, 24, 13), "solved"),
        status(ba(2026, 11, 25, 10), "open"),
    )
    m = metrics_of(t, ba(2026, 11, 25, 11))
    # Tue 10-17 = 7 h, Wed 09-11 = 2 h: 9 h, running since the reopen
    assert m["full_resolution_time"].elapsed == 9 * H
    assert m["full_resolution_time"].state is MetricState.RUNNING
    # first resolution stays at the first solve: Tue 10-13 = 3 h
    assert m["first_resolution_time"].elapsed == 3 * H


# -- an outbound ticket ---------------------------------------------------------------------------


def test_outbound_ticket() -> None:
    """An agent opens the ticket: its first message is the description, not a reply."""
    t = made(
        ba(2026, 11, 24, 10),
        agent(ba(2026, 11, 24, 10)),  # the description
        customer(ba(2026, 11, 24, 14)),
        agent(ba(2026, 11, 25, 10)),
    )
    m = metrics_of(t, ba(2026, 11, 25, 12))
    # first reply: Tue 10:00 -> the agent's second message Wed 10:00: Tue 10-17 = 7 h,
    # Wed 09-10 = 1 h: 8 h (Zendesk's rule; dbt_zendesk would give about 0)
    assert m["first_reply_time"].elapsed == 8 * H
    assert m["first_reply_time"].stop == ba(2026, 11, 25, 10)
    # next reply: Tue 14:00 -> Wed 10:00: 3 h + 1 h = 4 h
    assert cycles(m["next_reply_time"]) == [(ba(2026, 11, 24, 14), ba(2026, 11, 25, 10), 4 * H)]
    # periodic update: the description starts nothing; Wed 10:00 -> now 12:00 = 2 h
    assert cycles(m["periodic_update_time"]) == [(ba(2026, 11, 25, 10), None, 2 * H)]
    assert m["periodic_update_time"].state is MetricState.RUNNING


# -- never answered, with targets -----------------------------------------------------------------

FRT = BUILTIN["first_reply_time"]


def test_never_answered_breaches() -> None:
    """Friday 16:00 to Tuesday 11:00, across a weekend and the Monday 23 holiday."""
    frt = FRT.with_targets(ResponseTargets.hours(2, 6, 12, 24))
    t = made(ba(2026, 11, 20, 16), customer(ba(2026, 11, 20, 16)), priority=1)
    (s,) = metrics_of(t, ba(2026, 11, 24, 11), metrics=[frt]).values()
    # Fri 16-17 = 1 h, Sat, Sun, Mon 23 (holiday) closed, Tue 09-11 = 2 h: 3 h
    assert s.elapsed == 3 * H
    # target 2 h (critical): 3 h > 2 h, breached; the 2nd counted hour ends Tue 10:00
    assert s.state is MetricState.BREACHED
    assert s.deadline == s.breach_at == ba(2026, 11, 24, 10)
    assert s.remaining == -H
    assert s.fraction_used == 1.5
    assert s.cycles[-1].breached


def test_never_answered_still_running() -> None:
    """The same ticket, major: target 6 h, 3 h used; the deadline is now + 3 open hours."""
    frt = FRT.model_copy(
        update={"targets": ResponseTargets.hours(2, 6, 12, 24), "warning_percents": (25, 50, 75)}
    )
    t = made(ba(2026, 11, 20, 16), customer(ba(2026, 11, 20, 16)), priority=2)
    (s,) = metrics_of(t, ba(2026, 11, 24, 11), metrics=[frt]).values()
    assert s.state is MetricState.RUNNING
    assert s.elapsed == 3 * H and s.remaining == 3 * H and s.fraction_used == 0.5
    # Tue 11:00 + 3 open hours = Tue 14:00
    assert s.deadline == ba(2026, 11, 24, 14)
    assert s.breach_at is None
    assert s.warnings == (25, 50)  # 3/6 = 50 % reached, 75 % not


def test_never_started_metric() -> None:
    """No customer message after the description: next reply never starts."""
    t = made(ba(2026, 11, 24, 10), customer(ba(2026, 11, 24, 10)))
    s = metrics_of(t, ba(2026, 11, 24, 12))["next_reply_time"]
    assert s.state is MetricState.NOT_STARTED
    assert s.elapsed == timedelta(0) and s.cycles == () and s.start is None


# -- pending for weeks ----------------------------------------------------------------------------


def test_pending_for_weeks() -> None:
    """Answered and set pending Monday 2 November at 10:00; the customer answers Tuesday
    1 December at 09:00, which reopens it to open; now is 12:00 that day."""
    t = made(
        ba(2026, 11, 2, 9),
        customer(ba(2026, 11, 2, 9)),  # the description
        status(ba(2026, 11, 2, 9), "open"),
        agent(ba(2026, 11, 2, 10)),
        status(ba(2026, 11, 2, 10), "pending"),
        customer(ba(2026, 12, 1, 9)),
        status(ba(2026, 12, 1, 9), "open"),
    )
    m = metrics_of(t, ba(2026, 12, 1, 12))
    # pending Mon 2 Nov 10:00 -> Tue 1 Dec 09:00: Mon 2 10-17 = 7 h; business days 3-6 (4),
    # 10-13 (4: Mon 9 a holiday), 16-20 (5), 24-27 (4: Mon 23 a holiday), 30 (1) = 18 days
    # of 8 h = 144 h; Tue 1 Dec 09:00 is the end: 7 + 144 = 151 h
    assert m["agent_wait_time"].elapsed == 151 * H
    assert m["agent_wait_time"].state is MetricState.PAUSED  # open now
    # agent work and requester wait: new/open Mon 09-10 = 1 h, open Tue 09-12 = 3 h: 4 h
    assert m["agent_work_time"].elapsed == 4 * H
    assert m["requester_wait_time"].elapsed == 4 * H
    assert m["agent_work_time"].state is MetricState.RUNNING
    # periodic update: from the reply Mon 10:00, never paused: 7 + 144 + 3 = 154 h
    assert cycles(m["periodic_update_time"]) == [(ba(2026, 11, 2, 10), None, 154 * H)]
    # pausable update: the same cycle, paused while pending: Tue 09-12 = 3 h
    assert cycles(m["pausable_update_time"]) == [(ba(2026, 11, 2, 10), None, 3 * H)]
    # next reply: the customer's Tue 09:00 message, unanswered: 3 h
    assert cycles(m["next_reply_time"]) == [(ba(2026, 12, 1, 9), None, 3 * H)]
    # first reply: Mon 09:00 -> 10:00 = 1 h
    assert m["first_reply_time"].elapsed == H


def test_pending_deadline_moves_with_now() -> None:
    """A paused cycle's deadline is now + the remaining open time: it moves with now."""
    pausable = BUILTIN["pausable_update_time"].with_targets(ResponseTargets.hours(8, 8, 8, 8))
    t = made(
        ba(2026, 11, 24, 9),
        Responded(at=ba(2026, 11, 24, 10)),
        status(ba(2026, 11, 24, 12), "pending"),
    )
    # 10:00 -> 12:00 counted (2 h), pending since: remaining 6 h
    (a,) = metrics_of(t, ba(2026, 11, 24, 14), metrics=[pausable]).values()
    (b,) = metrics_of(t, ba(2026, 11, 25, 14), metrics=[pausable]).values()
    assert a.state is b.state is MetricState.PAUSED
    assert a.elapsed == b.elapsed == 2 * H
    # Tue 14:00 + 6 h = Tue 17:00 + Wed 09-12... 14-17 = 3 h, Wed 09-12 = 3 h: Wed 12:00
    assert a.deadline == ba(2026, 11, 25, 12)
    # Wed 14:00 + 6 h: 14-17 = 3 h, Thu 09-12 = 3 h: Thu 12:00
    assert b.deadline == ba(2026, 11, 26, 12)


# -- events exactly at opening and closing times --------------------------------------------------


def test_events_at_opening_and_closing() -> None:
    """Received at 09:00 (opening), answered at 17:00 (closing), solved Wednesday 09:00,
    closed Wednesday 17:00."""
    t = made(
        ba(2026, 11, 24, 9),
        Responded(at=ba(2026, 11, 24, 17)),
        Resolved(at=ba(2026, 11, 25, 9)),
        Closed(at=ba(2026, 11, 25, 17)),
    )
    m = metrics_of(t, ba(2026, 11, 26, 10))
    # first reply: Tue 09:00 -> 17:00 = the whole day, 8 h
    assert m["first_reply_time"].elapsed == 8 * H
    # first resolution: Tue 09:00 -> Wed 09:00: Tue 09-17 = 8 h, Wed 09:00 is the stop: 8 h
    assert m["first_resolution_time"].elapsed == 8 * H
    # requester wait: new Tue 09:00 -> solved Wed 09:00 = 8 h; solved (paused) until the close
    # at Wed 17:00 stops it: 8 h, stopped at 17:00
    assert m["requester_wait_time"].elapsed == 8 * H
    assert m["requester_wait_time"].stop == ba(2026, 11, 25, 17)
    assert m["requester_wait_time"].state is MetricState.STOPPED


@pytest.mark.parametrize(("at_target", "state"), [(False, "met"), (True, "breached")])
def test_reaching_the_target_exactly(at_target: bool, state: str) -> None:
    """8 h used of an 8 h target: met, or breached with breach_at_target."""
    frt = FRT.model_copy(
        update={"targets": ResponseTargets.hours(8, 8, 8, 8), "breach_at_target": at_target}
    )
    t = made(ba(2026, 11, 24, 9), Responded(at=ba(2026, 11, 24, 17)))
    (s,) = metrics_of(t, ba(2026, 11, 26, 10), metrics=[frt]).values()
    assert s.state.value == state
    assert s.elapsed == 8 * H and s.remaining == timedelta(0)
    # the 8th counted hour ends Tue 17:00: the deadline either way
    assert s.deadline == ba(2026, 11, 24, 17)
    assert s.breach_at == (ba(2026, 11, 24, 17) if at_target else None)


def test_received_at_closing_time() -> None:
    """Received Tuesday 17:00 (closed), answered Wednesday 09:00: nothing counted; with a
    2 h target the deadline is the stop plus 2 open hours, Wednesday 11:00."""
    frt = FRT.with_targets(ResponseTargets.hours(2, 2, 2, 2))
    t = made(ba(2026, 11, 24, 17), Responded(at=ba(2026, 11, 25, 9)))
    (s,) = metrics_of(t, ba(2026, 11, 25, 10), metrics=[frt]).values()
    assert s.elapsed == timedelta(0)
    assert s.state is MetricState.MET
    assert s.deadline == ba(2026, 11, 25, 11)


# -- a holiday ------------------------------------------------------------------------------------


def test_holiday_counts_nothing() -> None:
    """Friday 20 November 15:00 to Tuesday 24 10:00: Monday 23 is a holiday."""
    calendar_frt = FRT.model_copy(update={"name": "frt_calendar", "hours": "calendar"})
    t = made(ba(2026, 11, 20, 15), Responded(at=ba(2026, 11, 24, 10)))
    m = metrics_of(t, ba(2026, 11, 24, 12), metrics=[FRT, calendar_frt])
    # business: Fri 15-17 = 2 h, Mon 23 closed, Tue 09-10 = 1 h: 3 h
    assert m["first_reply_time"].elapsed == 3 * H
    # calendar: Fri 15:00 -> Tue 10:00 = 3 days 19 h = 91 h
    assert m["frt_calendar"].elapsed == 91 * H


# -- across a DST change --------------------------------------------------------------------------

NEW_YORK = BusinessCalendar(
    zone="America/New_York", holidays=None, schedule=WeeklySchedule.weekdays("09:00-17:00")
)
NY_PLAN = BASIC_PLAN.with_calendar(NEW_YORK)


def ny(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("received", "replied", "calendar_hours"),
    [
        # DST ends Sunday 1 November 2026 02:00 EDT: Fri 30 Oct 16:00 EDT (20:00 UTC) ->
        # Mon 2 Nov 10:00 EST (15:00 UTC) = 67 h (the wall clock says 66 h: one hour repeats)
        (ny(2026, 10, 30, 16), ny(2026, 11, 2, 10), 67),
        # DST starts Sunday 8 March 2026 02:00 EST: Fri 6 Mar 16:00 EST (21:00 UTC) ->
        # Mon 9 Mar 10:00 EDT (14:00 UTC) = 65 h (one wall-clock hour is skipped)
        (ny(2026, 3, 6, 16), ny(2026, 3, 9, 10), 65),
    ],
)
def test_across_dst(received: datetime, replied: datetime, calendar_hours: int) -> None:
    """Business time follows New York's wall clock: Fri 16-17 = 1 h and Mon 09-10 = 1 h,
    2 h either way; calendar time counts real hours."""
    calendar_frt = FRT.model_copy(update={"name": "frt_calendar", "hours": "calendar"})
    t = made(received, Responded(at=replied))
    m = metrics_of(t, replied + 2 * H, NY_PLAN, metrics=[FRT, calendar_frt])
    assert m["first_reply_time"].elapsed == 2 * H
    assert m["frt_calendar"].elapsed == calendar_hours * H


# -- next reply with two customer turns -----------------------------------------------------------


def test_next_reply_two_turns() -> None:
    """Two customer turns; within a turn the oldest unanswered message counts; a private
    agent note answers nothing; a solve ends the turn."""
    t = made(
        ba(2026, 11, 24, 9),
        customer(ba(2026, 11, 24, 9)),  # the description
        agent(ba(2026, 11, 24, 10)),
        customer(ba(2026, 11, 24, 11)),  # turn 1 starts
        customer(ba(2026, 11, 24, 12)),  # same turn: the clock keeps 11:00
        agent(ba(2026, 11, 24, 14)),  # turn 1 answered: 11-14 = 3 h
        customer(ba(2026, 11, 24, 15)),  # turn 2
        agent(ba(2026, 11, 24, 16), public=False),  # a private note: not a reply
        status(ba(2026, 11, 25, 10), "solved"),  # ends turn 2: Tue 15-17 + Wed 09-10 = 3 h
    )
    m = metrics_of(t, ba(2026, 11, 25, 12))
    assert cycles(m["next_reply_time"]) == [
        (ba(2026, 11, 24, 11), ba(2026, 11, 24, 14), 3 * H),
        (ba(2026, 11, 24, 15), ba(2026, 11, 25, 10), 3 * H),
    ]
    assert m["first_reply_time"].elapsed == H  # 09:00 -> 10:00


# -- a periodic update chain ----------------------------------------------------------------------


def test_periodic_update_chain() -> None:
    """Each public agent message ends one update cycle and starts the next; the solve ends
    the last. Target 2 h (critical): 2 h exactly is met, 3 h breached."""
    periodic = BUILTIN["periodic_update_time"].with_targets(ResponseTargets.hours(2, 6, 12, 24))
    t = made(
        ba(2026, 11, 24, 9),
        customer(ba(2026, 11, 24, 9)),  # the description
        agent(ba(2026, 11, 24, 10)),
        agent(ba(2026, 11, 24, 12)),
        agent(ba(2026, 11, 24, 15)),
        Updated(at=ba(2026, 11, 25, 10)),  # an update is a public agent message
        Resolved(at=ba(2026, 11, 25, 11)),
    )
    (s,) = metrics_of(t, ba(2026, 11, 25, 12), metrics=[periodic]).values()
    assert cycles(s) == [
        (ba(2026, 11, 24, 10), ba(2026, 11, 24, 12), 2 * H),  # met (exactly the target)
        (ba(2026, 11, 24, 12), ba(2026, 11, 24, 15), 3 * H),  # breached
        (ba(2026, 11, 24, 15), ba(2026, 11, 25, 10), 3 * H),  # 15-17 + 09-10, breached
        (ba(2026, 11, 25, 10), ba(2026, 11, 25, 11), H),  # met
    ]
    assert [c.state.value for c in s.cycles] == ["met", "breached", "breached", "met"]
    assert s.breached_cycles == 2
    # the summary is the last cycle's: met, 1 h of 2; its deadline: stop 11:00 + 1 h = 12:00
    assert s.state is MetricState.MET
    assert s.remaining == H
    assert s.deadline == ba(2026, 11, 25, 12)


def test_l2_update_pauses_away_from_l2() -> None:
    """L2 takes the ticket at 10:00 (an update cycle starts), hands it to the vendor at
    12:00 (held by the vendor: paused) and nothing else: 2 h counted."""
    t = made(
        ba(2026, 11, 24, 9),
        Escalated(at=ba(2026, 11, 24, 10), to="L2"),
        Escalated(at=ba(2026, 11, 24, 12), to="vendor"),
    )
    m = metrics_of(t, ba(2026, 11, 24, 16))
    assert cycles(m["l2_update"]) == [(ba(2026, 11, 24, 10), None, 2 * H)]
    assert m["l2_update"].state is MetricState.PAUSED
    # time with each level: L1 09-10 = 1 h, L2 10-12 = 2 h, vendor 12-16 = 4 h
    assert m["time_with_l1"].elapsed == H
    assert m["time_with_l2"].elapsed == 2 * H
    assert m["time_with_vendor"].elapsed == 4 * H


# -- same-instant events --------------------------------------------------------------------------


def test_update_and_solve_at_one_instant() -> None:
    """A public agent message at 12:00 ends the 10:00 update cycle and starts the next;
    a solve at the same instant ends that one, nothing counted: that cycle never ran and
    is dropped (a reply that solves the ticket starts no new update clock)."""
    t = made(
        ba(2026, 11, 24, 9),
        Responded(at=ba(2026, 11, 24, 10)),
        Responded(at=ba(2026, 11, 24, 12)),
        status(ba(2026, 11, 24, 12), "solved"),
    )
    got = evaluate(t, ba(2026, 11, 24, 13), BASIC_PLAN, metrics=[BUILTIN["periodic_update_time"]])
    assert cycles(got.metrics["periodic_update_time"]) == [
        (ba(2026, 11, 24, 10), ba(2026, 11, 24, 12), 2 * H),
    ]


def test_reset_then_cancel_at_one_instant() -> None:
    """Solved and closed at one instant: the solve resets (cycle 1 stopped, cycle 2 starts
    there), the close cancels cycle 2: two cycles, the last cancelled."""
    m = Metric(
        name="m",
        start=(Created(),),
        reset=(StatusEntered(statuses={"solved"}),),
        cancel=(StatusEntered(statuses={"closed"}),),
    )
    t = made(
        ba(2026, 11, 24, 9), Resolved(at=ba(2026, 11, 24, 11)), Closed(at=ba(2026, 11, 24, 11))
    )
    s = evaluate(t, ba(2026, 11, 24, 12), BASIC_PLAN, metrics=[m]).metrics["m"]
    assert [c.state.value for c in s.cycles] == ["stopped", "cancelled"]
    assert s.state is MetricState.CANCELLED


# -- bad input ------------------------------------------------------------------------------------


def test_message_before_receipt_names_the_ticket() -> None:
    with pytest.raises(TicketEventError, match="T-BAD"):
        made(ba(2026, 11, 24, 10), customer(ba(2026, 11, 24, 9)), id="T-BAD")


def test_events_out_of_order_name_the_ticket() -> None:
    with pytest.raises(TicketEventError, match="T-BAD"):
        made(
            ba(2026, 11, 24, 9),
            agent(ba(2026, 11, 24, 12)),
            status(ba(2026, 11, 24, 11), "open"),
            id="T-BAD",
        )


def test_unknown_status_is_refused() -> None:
    with pytest.raises(TicketEventError, match="escalated_to_tier3"):
        status(ba(2026, 11, 24, 9), "escalated_to_tier3")


def test_unknown_status_in_a_ticket_is_refused() -> None:
    data = ticket(ba(2026, 11, 24, 9), id="T-BAD").model_dump()
    data["history"] = [{"kind": "status", "at": ba(2026, 11, 24, 10), "status": "limbo"}]
    with pytest.raises(TicketEventError, match="limbo"):
        Ticket.model_validate(data)


def test_unknown_status_in_a_ticket_names_the_ticket() -> None:
    data = ticket(ba(2026, 11, 24, 9), id="T-BAD").model_dump()
    data["history"] = [{"kind": "status", "at": ba(2026, 11, 24, 10), "status": "limbo"}]
    with pytest.raises(TicketEventError, match="T-BAD"):
        Ticket.model_validate(data)


def test_event_after_closed_names_the_ticket() -> None:
    with pytest.raises(TicketEventError, match="T-BAD"):
        made(
            ba(2026, 11, 24, 9),
            status(ba(2026, 11, 24, 10), "closed"),
            customer(ba(2026, 11, 24, 11)),
            id="T-BAD",
        )
    with pytest.raises(TicketEventError, match="T-BAD"):
        made(
            ba(2026, 11, 24, 9),
            Closed(at=ba(2026, 11, 24, 10)),
            status(ba(2026, 11, 24, 10), "open"),
            id="T-BAD",
        )


# -- more shapes ----------------------------------------------------------------------------------


def test_private_note_is_not_a_reply() -> None:
    """A private agent note does not end first reply time; the public reply does."""
    t = made(
        ba(2026, 11, 24, 9),
        customer(ba(2026, 11, 24, 9)),  # the description
        agent(ba(2026, 11, 24, 10), public=False),
        agent(ba(2026, 11, 24, 13)),
    )
    s = metrics_of(t, ba(2026, 11, 24, 14))["first_reply_time"]
    assert s.stop == ba(2026, 11, 24, 13)  # 09:00 -> 13:00 = 4 h
    assert s.elapsed == 4 * H


def test_reply_at_receipt_and_events_after_now() -> None:
    """A reply at the receipt instant: 0 h. Events after now do not count yet."""
    t = made(
        ba(2026, 11, 24, 10), Responded(at=ba(2026, 11, 24, 10)), Resolved(at=ba(2026, 11, 24, 15))
    )
    m = metrics_of(t, ba(2026, 11, 24, 12))
    assert m["first_reply_time"].elapsed == timedelta(0)
    assert m["first_reply_time"].state is MetricState.STOPPED
    # the solve at 15:00 is after now (12:00): first resolution runs, 10-12 = 2 h
    assert m["first_resolution_time"].state is MetricState.RUNNING
    assert m["first_resolution_time"].elapsed == 2 * H


def test_reclassification_picks_the_target_at_now() -> None:
    """Requested as informational (24 h), classified critical (2 h) at 10:00: the target is
    critical's; 09:00 -> now 12:00 = 3 h > 2 h, breached at 11:00."""
    frt = FRT.with_targets(ResponseTargets.hours(2, 6, 12, 24))
    t = made(ba(2026, 11, 24, 9), Classified(at=ba(2026, 11, 24, 10), severity=1), priority=4)
    (s,) = metrics_of(t, ba(2026, 11, 24, 12), metrics=[frt]).values()
    assert s.target == 2 * H
    assert s.state is MetricState.BREACHED
    assert s.deadline == ba(2026, 11, 24, 11)
    # before the classification (now 09:30): informational, 24 h, 0.5 h used, running
    (before,) = metrics_of(t, ba(2026, 11, 24, 9, 30), metrics=[frt]).values()
    assert before.target == 24 * H and before.state is MetricState.RUNNING


def test_resolved_then_reopened_and_on_hold() -> None:
    """`Resolved` is status solved, so a status back to open is a reopen; "on-hold" reads
    as hold."""
    t = made(
        ba(2026, 11, 24, 9),
        status(ba(2026, 11, 24, 9), "open"),
        Resolved(at=ba(2026, 11, 24, 11)),
        status(ba(2026, 11, 24, 13), "open"),  # reopened
        status(ba(2026, 11, 24, 14), "on-hold"),
        status(ba(2026, 11, 24, 16), "open"),
    )
    m = metrics_of(t, ba(2026, 11, 24, 17))
    # on hold 14:00 -> 16:00 = 2 h
    assert m["on_hold_time"].elapsed == 2 * H
    # agent work (new, open): 09-11 = 2 h, 13-14 = 1 h, 16-17 = 1 h: 4 h
    assert m["agent_work_time"].elapsed == 4 * H
    # requester wait adds hold: 4 + 2 = 6 h
    assert m["requester_wait_time"].elapsed == 6 * H
    # full resolution: 09:00 -> the solve 11:00, extended by the reopen: 09-17 = 8 h, running
    assert m["full_resolution_time"].elapsed == 8 * H
    assert m["full_resolution_time"].state is MetricState.RUNNING


def test_events_table_with_bad_rows_names_the_ticket() -> None:
    """In an events table, an unknown status, a message before receipt and an event after
    closed mark their tickets' rows."""
    frame = pd.DataFrame(
        {
            "id": ["A", "B", "C", "D"],
            "received": pd.to_datetime([ba(2026, 11, 24, 9)] * 4, utc=True),
            "severity": [1, 1, 1, 1],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["A", "B", "C", "C"],
            "kind": ["status", "message", "status", "message"],
            "at": pd.to_datetime(
                [
                    ba(2026, 11, 24, 10),
                    ba(2026, 11, 24, 8),
                    ba(2026, 11, 24, 10),
                    ba(2026, 11, 24, 11),
                ],
                utc=True,
            ),
            "status": ["limbo", None, "closed", None],
            "author": [None, "customer", None, "agent"],
            "public": [None, True, None, True],
        }
    )
    out = evaluate_frame(
        frame, ba(2026, 11, 25, 9), BASIC_PLAN, events=events, metrics=[FRT], errors="mark"
    )
    problems = dict(zip(out["id"], out["problem"], strict=True))
    assert "status" in problems["A"]
    assert "before received" in problems["B"]
    assert "follows closed" in problems["C"]
    assert pd.isna(problems["D"])


# -- the built-in definitions, as the semantics brief lists them ----------------------------------
# The properties take the built-in Metric values as given (the reference runs the same
# definitions), so the definitions themselves are checked here, written out by hand.

_AGENT = MessageSent(author="agent", public=True)
_CUSTOMER = MessageSent(author="customer", public=True)
_SOLVED = StatusEntered(statuses={TicketStatus.SOLVED, TicketStatus.CLOSED})
_CLOSED = StatusEntered(statuses={TicketStatus.CLOSED})
S = TicketStatus


def _status_clock(name: str, paused: set[TicketStatus]) -> Metric:
    return Metric(
        name=name,
        start=(Created(),),
        stop=(_CLOSED,),
        pause=(InStatus(statuses=paused),),
        after_stop="resume",
    )


BRIEF_ZENDESK = {
    "first_reply_time": Metric(
        name="first_reply_time", start=(Created(),), stop=(_AGENT,), after_stop="ignore"
    ),
    "next_reply_time": Metric(
        name="next_reply_time", start=(_CUSTOMER,), stop=(_AGENT, _SOLVED), after_stop="new_cycle"
    ),
    "periodic_update_time": Metric(
        name="periodic_update_time", start=(_AGENT,), stop=(_AGENT, _SOLVED)
    ),
    "pausable_update_time": Metric(
        name="pausable_update_time",
        start=(_AGENT,),
        stop=(_AGENT, _SOLVED),
        pause=(InStatus(statuses={S.PENDING}),),
    ),
    "requester_wait_time": _status_clock("requester_wait_time", {S.PENDING, S.SOLVED}),
    "agent_work_time": _status_clock("agent_work_time", {S.PENDING, S.HOLD, S.SOLVED}),
    "agent_wait_time": _status_clock("agent_wait_time", {S.NEW, S.OPEN, S.HOLD, S.SOLVED}),
    "on_hold_time": _status_clock("on_hold_time", {S.NEW, S.OPEN, S.PENDING, S.SOLVED}),
    "first_resolution_time": Metric(
        name="first_resolution_time", start=(Created(),), stop=(_SOLVED,), after_stop="ignore"
    ),
    "full_resolution_time": Metric(
        name="full_resolution_time",
        start=(Created(), Reopened()),
        stop=(_SOLVED,),
        after_stop="extend",
    ),
}
L1, L2, VENDOR = SupportLevel.L1, SupportLevel.L2, SupportLevel.VENDOR
BRIEF_MANUAL = {
    "l2_update": Metric(
        name="l2_update",
        start=(LevelTook(level=L2), _AGENT),
        stop=(_AGENT, _SOLVED),
        pause=(HeldBy(levels={L1, VENDOR}),),
    ),
    **{
        f"time_with_{level.value.lower()}": Metric(
            name=f"time_with_{level.value.lower()}",
            # A reopen resumes the level's clock (settled after the first brief: like
            # Zendesk's status clocks, the time a level held a reopened case adds up).
            start=(Created(), Reopened()),
            stop=(_SOLVED,),
            pause=(HeldBy(levels=set(SupportLevel) - {level}),),
            after_stop="resume",
        )
        for level in (L1, L2, VENDOR)
    },
}


def _same(a: Metric, b: Metric) -> bool:
    """Equal definitions, the order of alternative conditions aside (conditions are
    frozen values: compared as sets, never through a set's printed order)."""
    keys = ("start", "stop", "pause", "cancel", "reset")
    if any(frozenset(getattr(a, k)) != frozenset(getattr(b, k)) for k in keys):
        return False
    return a.model_dump(exclude=set(keys)) == b.model_dump(exclude=set(keys))


def test_zendesk_metrics_are_the_briefs() -> None:
    assert [m.name for m in ZENDESK_METRICS] == list(BRIEF_ZENDESK)
    for m in ZENDESK_METRICS:
        assert _same(m, BRIEF_ZENDESK[m.name]), m.name


def test_l2_update_is_the_briefs() -> None:
    assert _same(BUILTIN["l2_update"], BRIEF_MANUAL["l2_update"])


def test_time_with_levels_are_the_briefs() -> None:
    for name in ("time_with_l1", "time_with_l2", "time_with_vendor"):
        assert _same(BUILTIN[name], BRIEF_MANUAL[name]), name


def test_a_stop_then_start_resumes_even_when_a_reset_matches_too() -> None:
    """Found by the random-metric property: the event matches stop, reset and start. The
    stop ends the cycle, so the reset has nothing to reset, and the start resumes the
    same cycle ("resume"): one cycle, still running, counting from receipt."""
    m = Metric(
        name="m",
        start=(Created(), LevelTook(level=SupportLevel.L2)),
        stop=(LevelTook(level=SupportLevel.L2),),
        reset=(LevelTook(level=SupportLevel.L2),),
        after_stop="resume",
    )
    t = made(ba(2026, 11, 24, 9), Escalated(at=ba(2026, 11, 24, 10), to=SupportLevel.L2))
    s = metrics_of(t, ba(2026, 11, 24, 12), metrics=[m])["m"]
    assert [(c.start, c.stop, c.elapsed) for c in s.cycles] == [(ba(2026, 11, 24, 9), None, 3 * H)]
    assert s.state is MetricState.RUNNING
