"""Zendesk schedules as calendars: weekly intervals in minutes from Sunday 00:00 local
time, in a Rails zone, and holidays as inclusive date ranges.

An interval that crosses midnight is split at it; intervals of a day that touch
are joined. Intervals that overlap, minutes outside the week, an unknown zone or
a holiday range that ends before it starts make the schedule unusable: each is a
`LoadProblem` naming the table and row, and the tickets on that schedule are
reported, never measured on a guessed calendar.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import numpy as np

from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.holidays import DatedHoliday
from slaclock.calendar.schedule import OpenInterval, WeeklySchedule
from slaclock.errors import SlaclockError
from slaclock.helpdesk.ids import id_text as _key
from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.rails_zones import zone_of_rails_name
from slaclock.helpdesk.tables import Table

__all__ = ["Schedules", "read_schedules"]

DAY = 1440
WEEK = 7 * DAY


@dataclass(frozen=True)
class Schedules:
    """Each usable schedule's calendar by id, the default (the earliest created, as
    Zendesk and dbt_zendesk take it), and why the others are unusable."""

    calendars: dict[str, BusinessCalendar]
    default: str | None
    unusable: dict[str, LoadProblem]
    #: Soft-deleted schedule rows, left out.
    deleted: int = 0


def read_schedules(schedule: Table, holidays: Table | None) -> Schedules:
    """The calendars of the ``schedule`` rows (and their ``schedule_holiday`` rows)."""
    deleted = schedule.flags("_fivetran_deleted")
    ids = [_key(v) for v in schedule.values("id")]
    starts, ends = schedule.values("start_time"), schedule.values("end_time")
    zones = schedule.values("time_zone")
    created, no_created = (
        schedule.instants("created_at")
        if schedule.has("created_at")
        else (np.zeros(len(schedule), np.int64), np.ones(len(schedule), bool))
    )
    rows: dict[str, list[int]] = defaultdict(list)
    for k, sid in enumerate(ids):
        if not deleted[k]:
            rows[sid].append(k)
    unusable: dict[str, LoadProblem] = {}
    days_of: dict[str, list[list[tuple[int, int, int]]]] = {}
    for sid, ks in rows.items():
        days: list[list[tuple[int, int, int]]] = [[] for _ in range(7)]
        for k in ks:
            s, e = _minute(starts[k]), _minute(ends[k])
            if s is None or e is None or not 0 <= s < e <= WEEK:
                unusable.setdefault(
                    sid,
                    LoadProblem(
                        "schedule",
                        k + 1,
                        None,
                        f"schedule {sid}: start_time {starts[k]!r} and end_time {ends[k]!r} "
                        f"must be whole minutes from Sunday 00:00 with 0 <= start < end <= {WEEK}",
                    ),
                )
                continue
            for d in range(s // DAY, (e - 1) // DAY + 1):
                lo, hi = max(s, d * DAY) - d * DAY, min(e, (d + 1) * DAY) - d * DAY
                days[(d - 1) % 7].append((lo, hi, k))
        for pieces in days:
            pieces.sort()
            for (_, hi, k0), (lo, _, k1) in pairwise(pieces):
                if lo < hi:
                    unusable.setdefault(
                        sid,
                        LoadProblem(
                            "schedule",
                            k1 + 1,
                            None,
                            f"schedule {sid}: the interval of row {k1 + 1} overlaps the "
                            f"interval of row {k0 + 1}",
                        ),
                    )
        days_of[sid] = days
    named = _holidays(holidays, set(rows), unusable)
    calendars: dict[str, BusinessCalendar] = {}
    for sid, days in days_of.items():
        if sid in unusable:
            continue
        k = rows[sid][0]
        try:
            calendars[sid] = BusinessCalendar(
                zone=zone_of_rails_name(zones[k]),
                schedule=WeeklySchedule(days=tuple(_intervals(p) for p in days)),
                holidays=None,
                extra_holidays=tuple(named.get(sid, {}).values()),
            )
        except SlaclockError as exc:
            unusable[sid] = LoadProblem("schedule", k + 1, None, f"schedule {sid}: {exc}")
    usable = [
        (int(created[rows[s][0]]) if not no_created[rows[s][0]] else 0, rows[s][0], s)
        for s in calendars
    ]
    default = min(usable)[2] if usable else None
    return Schedules(calendars, default, unusable, int(deleted.sum()))


def _holidays(
    table: Table | None, known: set[str], unusable: dict[str, LoadProblem]
) -> dict[str, dict[date, DatedHoliday]]:
    """Each schedule's holidays by day (the first name of a day named twice)."""
    out: dict[str, dict[date, DatedHoliday]] = defaultdict(dict)
    if table is None:
        return out
    deleted = table.flags("_fivetran_deleted")
    sids, names = (
        table.values("schedule_id"),
        (table.values("name") if table.has("name") else np.full(len(table), "holiday", object)),
    )
    firsts, lasts = table.values("start_date"), table.values("end_date")
    for k in range(len(table)):
        if deleted[k]:
            continue
        sid = _key(sids[k])
        first, last = _day(firsts[k]), _day(lasts[k])
        if sid not in known:
            continue  # a holiday of a schedule that is deleted or absent serves no ticket
        if first is None or last is None or last < first:
            unusable.setdefault(
                sid,
                LoadProblem(
                    "schedule_holiday",
                    k + 1,
                    None,
                    f"schedule {sid}: holiday dates {firsts[k]!r} to {lasts[k]!r} must be "
                    "dates with start_date <= end_date",
                ),
            )
            continue
        name = str(names[k] or "holiday").strip() or "holiday"
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            out[sid].setdefault(day, DatedHoliday(day=day, name=name))
    return out


def _intervals(pieces: list[tuple[int, int, int]]) -> tuple[OpenInterval, ...]:
    """A day's pieces (sorted, not overlapping) as intervals, touching ones joined."""
    joined: list[list[int]] = []
    for lo, hi, _ in pieces:
        if joined and joined[-1][1] == lo:
            joined[-1][1] = hi
        else:
            joined.append([lo, hi])
    return tuple(
        OpenInterval(start=_time(lo), end="24:00" if hi == DAY else _time(hi)) for lo, hi in joined
    )


def _time(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _minute(v: object) -> int | None:
    try:
        f = float(str(v))
    except ValueError:
        return None
    return int(f) if f.is_integer() else None


def _day(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v).strip()[:10])
    except ValueError:
        return None
