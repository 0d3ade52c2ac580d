"""Hypothesis strategies: calendars, whole-minute instants and durations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from slaclock import (
    BusinessCalendar,
    Closure,
    CombinedCalendar,
    DatedHoliday,
    HolidayRules,
    Opening,
    OpenInterval,
    Version,
    VersionedCalendar,
    WeeklySchedule,
)

ZONES = [
    "America/Argentina/Buenos_Aires",  # DST 2007-2009
    "America/New_York",  # DST today, transitions at 02:00
    "Australia/Lord_Howe",  # 30-minute DST
    "Europe/London",
    "UTC",
]


def _minute_time(m: int) -> time | str:
    return "24:00" if m == 1440 else time(m // 60, m % 60)


@st.composite
def day_intervals(draw: st.DrawFn) -> tuple[OpenInterval, ...]:
    n = draw(st.integers(0, 3))
    points = sorted(draw(st.sets(st.integers(0, 1440), min_size=2 * n, max_size=2 * n)))
    return tuple(
        OpenInterval(start=_minute_time(points[k]), end=_minute_time(points[k + 1]))
        for k in range(0, 2 * n, 2)
    )


@st.composite
def schedules(draw: st.DrawFn) -> WeeklySchedule:
    days = [draw(day_intervals()) for _ in range(7)]
    if not any(days):
        days[0] = (OpenInterval(start="09:00", end="17:00"),)
    return WeeklySchedule(days=days)


@st.composite
def closures(draw: st.DrawFn, years: tuple[int, int]) -> tuple[Closure, ...]:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        day = draw(st.dates(date(years[0], 1, 1), date(years[1], 12, 31)))
        whole = draw(st.booleans())
        hours = None if whole else draw(day_intervals().filter(lambda d: len(d) == 1))[0]
        out.append(Closure(day=day, hours=hours, reason="test closure"))
    return tuple(out)


YEARS = (2006, 2028)


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    kind = draw(st.sampled_from(["argentina", "custom", "custom"]))
    if kind == "argentina":
        return BusinessCalendar(
            holidays=HolidayRules(non_working_days=draw(st.booleans())),
            closures=draw(closures(YEARS)),
        )
    zone = draw(st.sampled_from(ZONES))
    rules = draw(
        st.sampled_from(
            [
                None,
                HolidayRules(),
                HolidayRules(non_working_days=False),
                HolidayRules(categories=("public", "bank")),
            ]
        )
    )
    return BusinessCalendar(
        zone=zone, schedule=draw(schedules()), holidays=rules, closures=draw(closures(YEARS))
    )


#: Zones whose offset at New Year is far from 0, where an index keyed by UTC years
#: would answer for local days it has not built.
FAR_ZONES = [
    "Pacific/Kiritimati",  # UTC+14
    "Pacific/Honolulu",  # UTC-10
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "America/Argentina/Buenos_Aires",
    "UTC",
]

NIGHT = WeeklySchedule(days=[["00:00-06:00", "20:00-24:00"]] * 7)
ALWAYS = WeeklySchedule(days=[["00:00-24:00"]] * 7)
OFFICE = WeeklySchedule.weekdays("09:00-17:00")


@st.composite
def edge_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Calendars in far zones with office, night, 24/7 or random schedules."""
    schedule = draw(st.sampled_from([OFFICE, NIGHT, ALWAYS]) | schedules())
    return BusinessCalendar(
        zone=draw(st.sampled_from(FAR_ZONES)),
        schedule=schedule,
        holidays=draw(st.sampled_from([None, HolidayRules()])),
        closures=draw(closures((1995, 2045))),
    )


def near_new_year(first: int = 1995, last: int = 2045) -> st.SearchStrategy[datetime]:
    """Whole-minute UTC instants within three days of some 1 January 00:00 UTC."""
    return st.tuples(st.integers(first, last), st.integers(-3 * 1440, 3 * 1440)).map(
        lambda p: datetime(p[0], 1, 1, tzinfo=timezone.utc) + timedelta(minutes=p[1])
    )


def instants(first: int = 2007, last: int = 2027) -> st.SearchStrategy[datetime]:
    """Whole-minute aware instants (UTC) between Jan 1 of `first` and Dec 31 of `last`."""
    lo = datetime(first, 1, 1, tzinfo=timezone.utc)
    minutes = (datetime(last, 12, 31, tzinfo=timezone.utc) - lo) // timedelta(minutes=1)
    return st.integers(0, minutes).map(lambda m: lo + timedelta(minutes=m))


def precise_instants() -> st.SearchStrategy[datetime]:
    """Instants with arbitrary microseconds, 2007-2027."""
    return st.tuples(instants(), st.integers(0, 59_999_999)).map(
        lambda p: p[0] + timedelta(microseconds=p[1])
    )


def durations(max_hours: int = 60) -> st.SearchStrategy[timedelta]:
    """Microsecond-exact durations up to `max_hours`, zero included."""
    return st.integers(0, max_hours * 3_600_000_000).map(lambda us: timedelta(microseconds=us))


# -- issue 8: night shifts, dated openings, named holidays, combinations, versions ---------------

#: Zones with DST quirks: transitions at midnight (Santiago, Havana), a 30-minute DST
#: (Lord Howe), a skipped day (Apia, 2011-12-30), negative DST (Dublin).
DST_ZONES = [
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Europe/Dublin",
    "America/New_York",
    "America/Argentina/Buenos_Aires",
]


def _interval_of(start: int, end: int) -> OpenInterval:
    """An interval from minutes since its day's midnight (end past 1440 is overnight)."""
    if end == 1440:
        return OpenInterval(start=_minute_time(start), end="24:00")
    return OpenInterval(start=_minute_time(start), end=_minute_time(end % 1440))


@st.composite
def night_schedules(draw: st.DrawFn) -> WeeklySchedule:
    """Weekly hours with intervals across midnight, Sunday's night into Monday included."""
    week = 7 * 1440
    n = draw(st.integers(1, 5))
    points = sorted(draw(st.sets(st.integers(0, week - 1), min_size=2 * n, max_size=2 * n)))
    spans = [(points[k], min(points[k + 1], points[k] + 1439)) for k in range(0, 2 * n, 2)]
    if draw(st.booleans()):
        start = max(spans[-1][1], 6 * 1440)
        room = min(1439, week - start + spans[0][0])
        if start < week and room >= 1:
            a = draw(st.integers(start, week - 1))
            room = min(1439, week - a + spans[0][0])
            if room >= 1:
                spans.append((a, a + draw(st.integers(1, room))))
    days: list[list[OpenInterval]] = [[] for _ in range(7)]
    for a, b in spans:
        day = a // 1440
        days[day].append(_interval_of(a - day * 1440, b - day * 1440))
    return WeeklySchedule(days=days)


@st.composite
def openings(draw: st.DrawFn, years: tuple[int, int]) -> tuple[Opening, ...]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        day = draw(st.dates(date(years[0], 1, 1), date(years[1], 12, 31)))
        a = draw(st.integers(0, 1439))
        b = a + draw(st.integers(1, 1439))
        out.append(Opening(day=day, hours=_interval_of(a, b), reason="test opening"))
    return tuple(out)


@st.composite
def named_holidays(draw: st.DrawFn, years: tuple[int, int]) -> tuple[DatedHoliday, ...]:
    days = draw(st.sets(st.dates(date(years[0], 1, 1), date(years[1], 12, 31)), max_size=3))
    return tuple(DatedHoliday(day=d, name=f"company day {d}") for d in sorted(days))


@st.composite
def night_closures(draw: st.DrawFn, years: tuple[int, int]) -> tuple[Closure, ...]:
    """Closures whose hours may run overnight."""
    out = list(draw(closures(years)))
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.dates(date(years[0], 1, 1), date(years[1], 12, 31)))
        a = draw(st.integers(0, 1439))
        b = a + draw(st.integers(1, 1439))
        out.append(Closure(day=day, hours=_interval_of(a, b), reason="night closure"))
    return tuple(out)


@st.composite
def rich_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Calendars in DST zones with night shifts, openings, closures and named holidays."""
    return BusinessCalendar(
        zone=draw(st.sampled_from(DST_ZONES)),
        schedule=draw(night_schedules() | schedules()),
        holidays=draw(
            st.sampled_from([None, HolidayRules(), HolidayRules(non_working_days=False)])
        ),
        extra_holidays=draw(named_holidays(YEARS)),
        closures=draw(night_closures(YEARS)),
        openings=draw(openings(YEARS)),
    )


BROAD = [
    WeeklySchedule.weekdays("07:00-20:00"),
    WeeklySchedule(days=[["06:00-23:00"]] * 6 + [[]]),
    WeeklySchedule(days=[["00:00-24:00"]] * 7),
]


@st.composite
def combined_calendars(draw: st.DrawFn) -> CombinedCalendar:
    """Unions of any two calendars (follow the sun); intersections of a calendar with a
    broad one, e.g. a customer's hours (open when both are)."""
    first = draw(rich_calendars() | calendars())
    if draw(st.booleans()):
        return first | draw(rich_calendars() | calendars())
    broad = BusinessCalendar(
        zone=draw(st.sampled_from(DST_ZONES)), schedule=draw(st.sampled_from(BROAD)), holidays=None
    )
    return first & broad if draw(st.booleans()) else broad & first


@st.composite
def versioned_calendars(draw: st.DrawFn) -> VersionedCalendar:
    n = draw(st.integers(1, 2))
    dates = sorted(
        draw(st.sets(st.dates(date(2008, 1, 1), date(2026, 12, 31)), min_size=n, max_size=n))
    )
    versions = [Version(calendar=draw(rich_calendars() | calendars()))]
    versions += [Version(since=d, calendar=draw(rich_calendars() | calendars())) for d in dates]
    return VersionedCalendar(versions=tuple(versions))


def any_calendars() -> st.SearchStrategy[Any]:
    """Every kind of calendar."""
    return st.one_of(rich_calendars(), combined_calendars(), versioned_calendars())
