"""A slow, obviously correct business calendar: one UTC minute at a time.

It shares no code with the engine: it reads the wall clock with
`datetime.astimezone`, asks the `holidays` package directly, and counts
minutes. Every boundary in the tests (schedules, closures, DST transitions,
instants) is a whole minute, so a minute is open iff its first instant is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any

import holidays

from slaclock import BusinessCalendar, CombinedCalendar, VersionedCalendar

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


def _minutes(t: time | None, default: int = 1440) -> int:
    return default if t is None else t.hour * 60 + t.minute


def _span(start: time, end: time | None) -> tuple[int, int]:
    """Minutes from its day's midnight: end past 1440 for an overnight interval."""
    a, b = _minutes(start), _minutes(end)
    return a, b + 1440 if b <= a else b


def _holiday_closed(cal: BusinessCalendar, day: date) -> bool:
    if day in cal.reopened:
        return False
    if any(h.day == day for h in cal.extra_holidays):
        return True
    rules = cal.holidays
    if rules is None:
        return False
    return any(
        day in _closed_dates(rules.country, category, rules.non_working_days, day.year)
        for category in rules.categories
    )


def _owns(cal: BusinessCalendar, day: date, rel: int, absolute: datetime) -> bool:
    """Whether `day`'s own hours (weekly, or its openings) hold the wall-clock minute `rel`
    (minutes from `day`'s midnight, possibly into the next day) at naive local `absolute`."""
    for o in cal.openings:
        a, b = _span(o.hours.start, o.hours.end)
        if o.day == day and a <= rel < b:
            return True
    if _holiday_closed(cal, day):
        return False
    if not any(
        a <= rel < b for a, b in (_span(i.start, i.end) for i in cal.schedule.days[day.weekday()])
    ):
        return False
    for c in cal.closures:
        if c.hours is None:
            if c.day == day:
                return False
            continue
        a, b = _span(c.hours.start, c.hours.end)
        midnight = datetime.combine(c.day, time(0))
        if midnight + timedelta(minutes=a) <= absolute < midnight + timedelta(minutes=b):
            return False
    return True


def ref_owner(cal: BusinessCalendar, t: datetime) -> date | None:
    """The date whose hours hold instant `t` (the day before for an overnight shift)."""
    local = t.astimezone(cal.zone).replace(fold=0)
    naive = local.replace(tzinfo=None)
    today = naive.date()
    rel = naive.hour * 60 + naive.minute
    for day, minutes in ((today, rel), (today - timedelta(days=1), rel + 1440)):
        if _owns(cal, day, minutes, naive):
            return day
    return None


def ref_is_open(cal: Any, t: datetime) -> bool:
    if isinstance(cal, CombinedCalendar):
        opens = [ref_is_open(p, t) for p in cal.parts]
        return any(opens) if cal.op == "union" else all(opens)
    if isinstance(cal, VersionedCalendar):
        return ref_is_open(ref_version_at(cal, t).calendar, t)
    return ref_owner(cal, t) is not None


@cache
def ref_start_of(version: Any) -> datetime | None:
    """The first instant whose wall clock, in the version's zone, reads its since date."""
    if version.since is None:
        return None
    zone = version.calendar.zone
    naive = datetime.combine(version.since, time(0))
    u = utc(naive.replace(tzinfo=zone)) - timedelta(hours=30)
    while u.astimezone(zone).replace(tzinfo=None) < naive:
        u += MINUTE
    return u


def ref_version_at(cal: Any, t: datetime) -> Any:
    chosen = cal.versions[0]
    for v in cal.versions[1:]:
        start = ref_start_of(v)
        if start is not None and start <= t:
            chosen = v
    return chosen


def utc(t: datetime) -> datetime:
    return t.astimezone(timezone.utc)


def ref_add(cal: Any, t: datetime, minutes: int, limit: int = 200_000) -> datetime:
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


def ref_elapsed_minutes(cal: Any, a: datetime, b: datetime) -> int:
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    u, n = utc(a), 0
    while u < b:
        n += ref_is_open(cal, u)
        u += MINUTE
    return sign * n


def ref_next_close(cal: Any, t: datetime, limit: int = 200_000) -> datetime:
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


def ref_previous_close(cal: Any, t: datetime, limit: int = 200_000) -> datetime:
    u = utc(t)
    for _ in range(limit):
        if ref_is_open(cal, u - MINUTE) and not ref_is_open(cal, u):
            return u
        u -= MINUTE
    raise AssertionError("not reached")


def ref_is_business_day(cal: Any, day: date) -> bool:
    """A business day: a plain calendar's date whose own hours open at some minute (an
    overnight shift belongs to its start date); a combined calendar's date with open
    time on the left calendar's wall clock; a versioned calendar's date as the version
    that applies that date says."""
    if isinstance(cal, VersionedCalendar):
        chosen = cal.versions[0]
        for v in cal.versions[1:]:
            if v.since <= day:  # type: ignore[operator]
                chosen = v
        return ref_is_business_day(chosen.calendar, day)
    zone = cal.zone
    start = utc(datetime.combine(day, time(0), zone)) - timedelta(hours=2)
    end = utc(datetime.combine(day + timedelta(days=2), time(0), zone)) + timedelta(hours=2)
    u = start
    while u < end:
        if isinstance(cal, CombinedCalendar):
            if ref_is_open(cal, u) and u.astimezone(zone).date() == day:
                return True
        elif ref_owner(cal, u) == day:
            return True
        u += MINUTE
    return False


def ref_previous_open(cal: Any, t: datetime, limit: int = 200_000) -> datetime:
    """t if open, else one microsecond before the end of the last open minute."""
    u = utc(t)
    if ref_is_open(cal, u):
        return u
    u = u.replace(second=0, microsecond=0)
    for _ in range(limit):
        if ref_is_open(cal, u) and u + MINUTE <= utc(t):
            return u + MINUTE - timedelta(microseconds=1)
        u -= MINUTE
    raise AssertionError("not reached")


def ref_periods_after(
    cal: Any, t: datetime, count: int, limit: int = 200_000
) -> list[tuple[datetime, datetime]]:
    """The first `count` open periods from t on (the first clipped at t)."""
    out: list[tuple[datetime, datetime]] = []
    u = utc(t)
    start: datetime | None = None
    for _ in range(limit):
        is_open = ref_is_open(cal, u)
        if is_open and start is None:
            start = u
        if not is_open and start is not None:
            out.append((start, u))
            start = None
            if len(out) == count:
                return out
        u += MINUTE
    raise AssertionError("not reached")
