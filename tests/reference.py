"""A slow, obviously correct business calendar: one UTC minute at a time.

It shares no code with the engine: it reads the wall clock with
`datetime.astimezone`, asks the `holidays` package directly, and counts
minutes. Every boundary in the tests (schedules, closures, DST transitions,
instants) is a whole minute, so a minute is open iff its first instant is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import cache

import holidays

from slaclock import BusinessCalendar

MINUTE = timedelta(minutes=1)
NON_WORKING = {"Jueves Santo", "Feriado con fines turísticos"}


@cache
def _closed_dates(
    country: str, category: str, non_working_days: bool, year: int
) -> frozenset[date]:
    out = set()
    for day, names in holidays.country_holidays(
        country, years=year, categories=(category,), language="es"
    ).items():
        parts = {p.strip() for p in names.split(";")}
        if category == "public" and not non_working_days and parts <= NON_WORKING:
            continue
        out.add(day)
    return frozenset(out)


def _in(t: time, start: time, end: time | None) -> bool:
    return start <= t and (end is None or t < end)


def ref_is_open(cal: BusinessCalendar, t: datetime) -> bool:
    local = t.astimezone(cal.zone)
    day, wall = local.date(), local.time().replace(fold=0)
    if not any(_in(wall, i.start, i.end) for i in cal.schedule.days[day.weekday()]):
        return False
    rules = cal.holidays
    if rules is not None and day not in cal.reopened:
        for category in rules.categories:
            if day in _closed_dates(rules.country, category, rules.non_working_days, day.year):
                return False
    for c in cal.closures:
        if c.day == day and (c.hours is None or _in(wall, c.hours.start, c.hours.end)):
            return False
    return True


def utc(t: datetime) -> datetime:
    return t.astimezone(timezone.utc)


def ref_add(cal: BusinessCalendar, t: datetime, minutes: int, limit: int = 200_000) -> datetime:
    """Forward: the earliest instant with `minutes` open minutes since t; 0 -> next opening."""
    u = utc(t)
    if minutes == 0:
        for _ in range(limit):
            if ref_is_open(cal, u):
                return u
            u += MINUTE
        raise AssertionError("no opening found")
    if minutes > 0:
        count = 0
        for _ in range(limit):
            if ref_is_open(cal, u):
                count += 1
                if count == minutes:
                    return u + MINUTE
            u += MINUTE
        raise AssertionError("not reached")
    count = 0
    for _ in range(limit):
        u -= MINUTE
        if ref_is_open(cal, u):
            count += 1
            if count == -minutes:
                return u
    raise AssertionError("not reached")


def ref_elapsed_minutes(cal: BusinessCalendar, a: datetime, b: datetime) -> int:
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    u, n = utc(a), 0
    while u < b:
        n += ref_is_open(cal, u)
        u += MINUTE
    return sign * n


def ref_next_close(cal: BusinessCalendar, t: datetime, limit: int = 200_000) -> datetime:
    u = utc(t)
    for _ in range(limit):
        if ref_is_open(cal, u):
            break
        u += MINUTE
    for _ in range(limit):
        if not ref_is_open(cal, u):
            return u
        u += MINUTE
    raise AssertionError("not reached")


def ref_previous_close(cal: BusinessCalendar, t: datetime, limit: int = 200_000) -> datetime:
    u = utc(t)
    for _ in range(limit):
        if ref_is_open(cal, u - MINUTE) and not ref_is_open(cal, u):
            return u
        u -= MINUTE
    raise AssertionError("not reached")


def ref_is_business_day(cal: BusinessCalendar, day: date) -> bool:
    start = datetime.combine(day, time(0), cal.zone)
    u, end = utc(start), utc(datetime.combine(day + timedelta(days=1), time(0), cal.zone))
    while u < end:
        if ref_is_open(cal, u) and u.astimezone(cal.zone).date() == day:
            return True
        u += MINUTE
    return False
