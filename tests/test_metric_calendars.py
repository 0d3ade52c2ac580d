"""A ticket that moves to another calendar mid-clock: each span on the calendar then in
force (dbt_zendesk's convention) or all of it on the last one (Zendesk's), for one
ticket and in a table, checked by hand on dbt_zendesk's DECISIONLOG ticket."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from slaclock import (
    BASIC_PLAN,
    ZENDESK_METRICS,
    BusinessCalendar,
    CalendarChanged,
    ColumnError,
    InvalidRowsError,
    Message,
    NamedCalendar,
    Ticket,
    TicketEventError,
    WeeklySchedule,
    evaluate,
    evaluate_frame,
)

U = timezone.utc
CHICAGO = BusinessCalendar(
    zone="America/Chicago", schedule=WeeklySchedule(days=[["07:00-21:00"]] * 7), holidays=None
)
LOS_ANGELES = BusinessCalendar(
    zone="America/Los_Angeles", schedule=WeeklySchedule.weekdays("08:00-17:30"), holidays=None
)
PLAN = BASIC_PLAN.model_copy(
    update={
        "calendar": CHICAGO,
        "calendars": (NamedCalendar(name="los_angeles", calendar=LOS_ANGELES),),
    }
)
CREATED = datetime(2020, 9, 29, 17, 1, 38, tzinfo=U)
MOVED = datetime(2020, 9, 30, 19, 1, 25, tzinfo=U)
REPLIED = datetime(2020, 9, 30, 19, 1, 46, tzinfo=U)
NOW = datetime(2020, 10, 2, tzinfo=U)
FRT = ZENDESK_METRICS[0]
FRT_LAST = FRT.model_copy(update={"name": "frt_last", "calendar_change": "last"})


def moved_ticket() -> Ticket:
    return Ticket(
        id="941606", customer="c", product="p", subject="s", priority=3, channel="email",
        received=CREATED,
        history=(
            Message(at=CREATED, author="customer"),
            CalendarChanged(at=MOVED, calendar="los_angeles"),
            Message(at=REPLIED, author="agent"),
        ),
    )  # fmt: skip


def test_per_span_and_last_calendar_by_hand() -> None:
    """Per span: Chicago (UTC-5) 12:01:38-21:00 is 32,302 s, 07:00-14:01:25 the next day
    25,285 s, then 21 s on Los Angeles (12:01 local, open): 57,608 s. On the last
    calendar only (UTC-7, Mon-Fri 08:00-17:30): 10:01:38-17:30 is 26,902 s and
    08:00-12:01:46 the next day 14,506 s: 41,408 s."""
    s = evaluate(moved_ticket(), NOW, PLAN, metrics=(FRT, FRT_LAST))
    assert s.metrics["first_reply_time"].elapsed == timedelta(seconds=57_608)
    assert s.metrics["frt_last"].elapsed == timedelta(seconds=41_408)


def test_the_table_reads_calendar_events_the_same() -> None:
    t = moved_ticket()
    events = pd.DataFrame(
        {
            "ticket_id": ["941606"] * 3,
            "kind": ["message", "calendar", "message"],
            "at": [CREATED, MOVED, REPLIED],
            "author": ["customer", None, "agent"],
            "calendar": [None, "los_angeles", None],
        }
    )
    tickets = pd.DataFrame({"id": [t.id], "received": [CREATED], "severity": [3]})
    out = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=(FRT, FRT_LAST))
    assert out["first_reply_time_elapsed"][0] == pd.Timedelta(seconds=57_608)
    assert out["frt_last_elapsed"][0] == pd.Timedelta(seconds=41_408)
    bad = events.assign(calendar=[None, "tokyo", None])
    with pytest.raises(InvalidRowsError, match="not one of the plan's calendars"):
        evaluate_frame(tickets, NOW, PLAN, events=bad, metrics=(FRT,))
    with pytest.raises(ColumnError, match="'calendar' column"):
        evaluate_frame(tickets, NOW, PLAN, events=events.drop(columns="calendar"), metrics=FRT)


def test_an_unknown_calendar_is_refused_naming_the_ticket() -> None:
    with pytest.raises(TicketEventError, match=r"ticket .941606.*los_angeles.*default"):
        evaluate(moved_ticket(), NOW, BASIC_PLAN, metrics=(FRT,))


def test_a_deadline_after_the_move_is_on_the_new_calendar() -> None:
    """A 1-hour target, the clock still running after the move: the deadline comes from
    the time left, added on the calendar in force (Los Angeles)."""
    from slaclock import ResponseTargets

    timed = FRT.with_targets(ResponseTargets.hours(1, 1, 100, 100))
    t = moved_ticket().model_copy(update={"history": moved_ticket().history[:2]})
    s = evaluate(t, datetime(2020, 9, 30, 19, 30, tzinfo=U), PLAN, metrics=(timed,))
    m = s.metrics["first_reply_time"]
    assert m.state.value == "running"
    # 57,587 s counted at the move, then 28:35 more on Los Angeles by 12:30 local.
    assert m.elapsed == timedelta(seconds=57_587 + 28 * 60 + 35)
    assert m.deadline is not None
    due = m.deadline.astimezone(U)
    left = timedelta(hours=100) - timedelta(seconds=57_587)
    assert due == LOS_ANGELES.add(MOVED, left).astimezone(U)


def test_the_last_calendar_is_the_one_where_the_cycle_ended() -> None:
    """A move after the reply does not change a finished cycle: Zendesk counts a
    single-event metric on the schedule in force at its event."""
    t = moved_ticket()
    later = t.model_copy(
        update={
            "history": (
                *t.history,
                CalendarChanged(at=datetime(2020, 10, 1, tzinfo=U), calendar="default"),
            )
        }
    )
    s = evaluate(later, NOW, PLAN, metrics=(FRT, FRT_LAST))
    assert s.metrics["first_reply_time"].elapsed == timedelta(seconds=57_608)
    assert s.metrics["frt_last"].elapsed == timedelta(seconds=41_408)


def test_the_events_table_reads_status_names_as_the_event_does() -> None:
    events = pd.DataFrame(
        {
            "ticket_id": ["941606"] * 2,
            "kind": ["status", "status"],
            "at": [MOVED, REPLIED],
            "status": ["On_Hold", "on-hold"],
        }
    )
    tickets = pd.DataFrame({"id": ["941606"], "received": [CREATED], "severity": [3]})
    out = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=ZENDESK_METRICS[7])
    assert out["on_hold_time_elapsed"][0] > pd.Timedelta(0)
