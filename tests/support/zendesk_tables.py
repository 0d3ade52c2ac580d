"""Seeded Zendesk-shaped tables, as Fivetran syncs them, with each ticket's timeline
also written directly as slaclock events: the proof that `slaclock.zendesk.load`
reads the tables as the timelines say.

The tickets cover what the definitions make hard: reopened tickets, outbound
tickets (the agent writes first), tickets never answered, pending for weeks,
events exactly at opening and closing, a holiday range across a weekend, the US
and UK DST changes of March 2026, tickets that change schedule, private notes,
replies that solve in the same update.
"""

# The row helpers are closures over one ticket, called within its own iteration only.
# ruff: noqa: B023
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from slaclock import (
    BusinessCalendar,
    CalendarChanged,
    Classified,
    DatedHoliday,
    Message,
    OpenInterval,
    StatusChanged,
    Ticket,
    TicketEvent,
    WeeklySchedule,
)
from slaclock.calendar.zone import zone_of_key

DAY = 1440
#: Schedules: id -> (Rails zone, [(start, end) minutes from Sunday 00:00], created).
SCHEDULES: dict[int, tuple[str, list[tuple[int, int]], str]] = {
    # New York, Mon-Fri 09:00-12:00 and 13:00-17:00 (the default: created first).
    7: (
        "Eastern Time (US & Canada)",
        [(d * DAY + a, d * DAY + b) for d in range(1, 6) for a, b in ((540, 720), (780, 1020))],
        "2019-01-01 00:00:00",
    ),
    # London, Mon-Fri 08:00-18:00, and Sunday 22:00 to Monday 02:00 (across midnight).
    8: (
        "London",
        [(d * DAY + 480, d * DAY + 1080) for d in range(1, 6)] + [(1320, DAY + 120)],
        "2020-01-01 00:00:00",
    ),
    # Sydney, Monday 00:00 to Friday 24:00 as one interval (split at each midnight).
    9: ("Sydney", [(DAY, 6 * DAY)], "2021-01-01 00:00:00"),
}
#: Holidays: (schedule, first, last, name); the first runs Friday to Monday.
HOLIDAYS = [
    (7, "2026-04-03", "2026-04-06", "Long weekend"),
    (8, "2026-04-06", "2026-04-06", "Easter Monday"),
    (9, "2026-03-10", "2026-03-11", "Two days"),
]
USERS = {10: "end-user", 11: "end-user", 20: "agent", 21: "admin"}


def calendars() -> dict[str, BusinessCalendar]:
    """The calendars the schedules mean, written by hand (not by the loader)."""
    nyc = [OpenInterval(start=time(9), end=time(12)), OpenInterval(start=time(13), end=time(17))]
    weekday = [OpenInterval(start=time(8), end=time(18))]
    london = [
        [OpenInterval(start=time(0), end=time(2)), *weekday],
        weekday,
        weekday,
        weekday,
        weekday,
        [],
        [OpenInterval(start=time(22), end="24:00")],
    ]
    full = [OpenInterval(start=time(0), end="24:00")]

    def holidays(sid: int) -> tuple[DatedHoliday, ...]:
        out = []
        for s, first, last, name in HOLIDAYS:
            a, b = date.fromisoformat(first), date.fromisoformat(last)
            if s == sid:
                out += [
                    DatedHoliday(day=a + timedelta(n), name=name) for n in range((b - a).days + 1)
                ]
        return tuple(out)

    return {
        "7": BusinessCalendar(
            zone=zone_of_key("America/New_York", "tzdata"),
            schedule=WeeklySchedule(days=[nyc] * 5 + [[], []]),
            holidays=None,
            extra_holidays=holidays(7),
        ),
        "8": BusinessCalendar(
            zone=zone_of_key("Europe/London", "tzdata"),
            schedule=WeeklySchedule(days=london),
            holidays=None,
            extra_holidays=holidays(8),
        ),
        "9": BusinessCalendar(
            zone=zone_of_key("Australia/Sydney", "tzdata"),
            schedule=WeeklySchedule(days=[full] * 5 + [[], []]),
            holidays=None,
            extra_holidays=holidays(9),
        ),
    }


@dataclass
class Generated:
    """The tables (column name -> values, per table) and the same tickets as events."""

    tables: dict[str, dict[str, list[Any]]]
    tickets: list[Ticket] = field(default_factory=list)


def _stamp(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def generate(n: int, seed: int = 0) -> Generated:
    """`n` tickets with their Zendesk rows and their direct timelines."""
    rng = random.Random(seed)
    tables: dict[str, dict[str, list[Any]]] = {
        "ticket": {
            "id": [],
            "created_at": [],
            "priority": [],
            "status": [],
            "_fivetran_deleted": [],
        },
        "ticket_field_history": {
            "ticket_id": [],
            "field_name": [],
            "updated": [],
            "value": [],
            "user_id": [],
        },
        "ticket_comment": {
            "id": [],
            "ticket_id": [],
            "user_id": [],
            "created": [],
            "public": [],
            "_fivetran_deleted": [],
        },
        "user": {"id": list(USERS), "role": list(USERS.values())},
        "schedule": {
            "id": [],
            "start_time": [],
            "end_time": [],
            "time_zone": [],
            "created_at": [],
            "name": [],
            "_fivetran_deleted": [],
        },
        "schedule_holiday": {
            "id": [],
            "schedule_id": [],
            "start_date": [],
            "end_date": [],
            "name": [],
            "_fivetran_deleted": [],
        },
        "ticket_schedule": {"ticket_id": [], "schedule_id": [], "created_at": []},
    }
    for sid, (zone, intervals, made) in SCHEDULES.items():
        for a, b in intervals:
            for c, v in zip(
                tables["schedule"], (sid, a, b, zone, made, f"s{sid}", False), strict=True
            ):
                tables["schedule"][c].append(v)
    for k, (sid, first, last, name) in enumerate(HOLIDAYS):
        for c, v in zip(
            tables["schedule_holiday"], (k, sid, first, last, name, False), strict=True
        ):
            tables["schedule_holiday"][c].append(v)
    out = Generated(tables)
    comment_id = 0
    start = datetime(2026, 3, 2, tzinfo=timezone.utc)
    for tid in range(1, n + 1):
        # Created on the minute, often exactly at a schedule's opening or closing.
        created = start + timedelta(minutes=rng.randrange(0, 50 * DAY))
        if rng.random() < 0.2:
            created = created.replace(hour=rng.choice([13, 14, 21, 22]), minute=0)
        priority = rng.choice(["urgent", "high", "normal", "low"])
        history: list[TicketEvent] = []
        status = "new"
        t = created

        def row(table: str, *values: Any) -> None:
            for c, v in zip(tables[table], values, strict=True):
                tables[table][c].append(v)

        def comment(at: datetime, user: int, public: bool) -> None:
            nonlocal comment_id
            comment_id += 1
            row("ticket_comment", comment_id, tid, user, _stamp(at), public, False)
            history.append(
                Message(
                    at=at,
                    author="agent" if USERS[user] != "end-user" else "customer",
                    public=public,
                )
            )

        def set_status(at: datetime, value: str) -> None:
            nonlocal status
            row("ticket_field_history", tid, "status", _stamp(at), value, 20)
            history.append(StatusChanged(at=at, status=value))
            status = value

        kind = rng.random()
        if rng.random() < 0.3:  # a schedule set by a trigger at creation (within 5 s)
            sid = rng.choice([8, 9])
            row("ticket_schedule", tid, sid, _stamp(created + timedelta(seconds=3)))
            history.append(CalendarChanged(at=created, calendar=f"schedule_{sid}"))
        row("ticket_field_history", tid, "priority", _stamp(created), priority, 20)
        outbound = kind < 0.1
        comment(created, 20 if outbound else 10, True)
        set_status(created, "new")
        steps = 0 if 0.1 <= kind < 0.2 else rng.randrange(1, 9)  # 10%: never answered
        for _ in range(steps):
            t += timedelta(minutes=rng.choice([0, 1, 17, 60, 240, 1440, 3 * DAY]))
            if rng.random() < 0.05:
                t += timedelta(days=rng.randrange(14, 30))  # pending for weeks
            if status == "closed":
                break
            r = rng.random()
            if r < 0.08:
                sid = rng.choice([7, 8, 9])
                row("ticket_schedule", tid, sid, _stamp(t))
                history.append(CalendarChanged(at=t, calendar=f"schedule_{sid}"))
            elif r < 0.14:
                new = rng.choice(["urgent", "high", "normal", "low"])
                row("ticket_field_history", tid, "priority", _stamp(t), new, 20)
                history.append(
                    Classified(at=t, severity={"urgent": 1, "high": 2, "normal": 3, "low": 4}[new])
                )
            elif r < 0.45:
                comment(t, rng.choice([20, 21]), rng.random() < 0.8)
                if rng.random() < 0.4:  # the same update sets a status
                    set_status(t, rng.choice(["open", "pending", "hold", "solved"]))
            elif r < 0.65:
                comment(t, rng.choice([10, 11]), True)
                if status in ("pending", "solved", "hold"):
                    set_status(t, "open")
            elif r < 0.92:
                options = [s for s in ("open", "pending", "hold", "solved") if s != status]
                set_status(t, rng.choice(options))
            elif status == "solved":
                set_status(t, "closed")
        row("ticket", tid, _stamp(created), priority, status, False)
        out.tickets.append(
            Ticket(
                id=str(tid),
                customer="c",
                product="p",
                subject="s",
                channel="email",
                priority={"urgent": 1, "high": 2, "normal": 3, "low": 4}[priority],
                received=created,
                history=tuple(_zendesk_order(history)),
            )
        )
    return out


def _zendesk_order(history: list[TicketEvent]) -> list[TicketEvent]:
    """At one instant the loader takes schedule, priority, comment, status (stable)."""
    rank = {"calendar": 0, "classified": 1, "message": 2, "status": 3}
    return sorted(history, key=lambda e: (e.at, rank[e.kind]))
