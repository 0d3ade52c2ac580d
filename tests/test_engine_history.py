"""A calendar's answers never depend on what it was asked before.

Each example builds two equal calendars: one fresh, one that first answers
random earlier queries (which grow its index in other years, in other
directions, in disjoint pieces). Then both answer queries near a UTC new
year, in zones far from UTC and with night and 24/7 schedules, and must agree
with each other and with the slow reference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from slaclock import BusinessCalendar, SlaclockError
from tests.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_open,
    ref_next_close,
    ref_previous_close,
)
from tests.strategies import ALWAYS, edge_calendars

Query = Callable[[BusinessCalendar], object]


def outcome(query: Query, cal: BusinessCalendar) -> object:
    """The answer, or the error's type and message (errors must agree too)."""
    try:
        return query(cal)
    except SlaclockError as exc:
        return (type(exc).__name__, str(exc))


@st.composite
def cases(draw: st.DrawFn) -> tuple[datetime, list[tuple[str, datetime]]]:
    """An instant near a new year, and earlier queries: mostly in that year or the
    years next to it (so the index holds one of them but not the other), some far."""
    year = draw(st.integers(1995, 2045))
    t = datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(
        minutes=draw(st.integers(-30 * 60, 30 * 60))
    )
    # Mid-year, so that each earlier query builds its own year and not its neighbours.
    near = st.sampled_from([year - 1, year])
    far = st.sampled_from([1901, 1950, 2100, 2150, 2199])
    when = st.tuples(near | far, st.integers(90 * 1440, 270 * 1440)).map(
        lambda p: datetime(p[0], 1, 1, tzinfo=timezone.utc) + timedelta(minutes=p[1])
    )
    kinds = st.sampled_from(["add", "back", "next_close", "previous_close", "elapsed", "bday"])
    return t, draw(st.lists(st.tuples(kinds, when), min_size=1, max_size=5))


def ask(cal: BusinessCalendar, kind: str, t: datetime) -> None:
    h = timedelta(hours=30)
    queries: dict[str, Query] = {
        "add": lambda c: c.add(t, h),
        "back": lambda c: c.add(t, -h),
        "next_close": lambda c: c.next_close(t),
        "previous_close": lambda c: c.previous_close(t),
        "elapsed": lambda c: c.elapsed(t, t + timedelta(days=40)),
        "bday": lambda c: c.add_business_days(t.date(), 3),
    }
    outcome(queries[kind], cal)


def calendars_used(
    cal: BusinessCalendar, t: datetime, history: list[tuple[str, datetime]]
) -> list[BusinessCalendar]:
    """Equal calendars with different pasts: one that built only the year before t's
    new year, one only the year after, and one that answered `history`."""
    mid = datetime(t.year, 7, 1, tzinfo=timezone.utc)
    pasts = [[("add", mid)], [("add", mid.replace(year=t.year + 1))], history]
    if t.month == 1:
        pasts[0] = [("add", mid.replace(year=t.year - 1))]
        pasts[1] = [("add", mid)]
    out = []
    for past in pasts:
        used = cal.model_copy()
        for kind, when in past:
            ask(used, kind, when)
        out.append(used)
    return out


def agree(queries: list[Query], fresh: BusinessCalendar, used: list[BusinessCalendar]) -> None:
    for query in queries:
        expected = outcome(query, fresh)
        for other in used:
            assert outcome(query, other) == expected


@given(edge_calendars(), cases(), st.integers(1, 1500))
def test_arithmetic_near_new_year_ignores_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]], minutes: int
) -> None:
    t, history = case
    # Within reach of the minute-by-minute reference (it gives up after ~20 weeks):
    # a calendar may open one minute a week.
    weekly = cal.schedule.weekly_open_us // 60_000_000
    minutes = max(1, min(minutes, 2 * weekly))
    d = timedelta(minutes=minutes)
    queries: list[Query] = [
        lambda c: c.is_open(t),
        lambda c: c.add(t, d),
        lambda c: c.add(t, -d),
        lambda c: c.add(t, timedelta(0)),
        lambda c: c.elapsed(t, t + d),
        lambda c: c.elapsed(t - d, t),
    ]
    fresh = cal.model_copy()
    agree(queries, fresh, calendars_used(cal, t, history))
    assert fresh.is_open(t) == ref_is_open(cal, t)
    assert fresh.add(t, d) == ref_add(cal, t, minutes)
    assert fresh.add(t, -d) == ref_add(cal, t, -minutes)
    assert fresh.elapsed(t, t + d) == timedelta(minutes=ref_elapsed_minutes(cal, t, t + d))


@given(edge_calendars(), cases())
def test_boundaries_near_new_year_ignore_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]]
) -> None:
    t, history = case
    day = t.astimezone(cal.zone).date()
    queries: list[Query] = [
        lambda c: c.next_open(t),
        lambda c: c.next_close(t),
        lambda c: c.previous_close(t),
        lambda c: c.is_business_day(day),
        lambda c: c.add_business_days(day, 1),
        lambda c: c.add_business_days(day, -1),
        lambda c: c.business_days_between(day, day + timedelta(days=9)),
        lambda c: [str(p) for p in c.periods(t - timedelta(days=2), t + timedelta(days=2))],
    ]
    fresh = cal.model_copy()
    agree(queries, fresh, calendars_used(cal, t, history))
    if cal.schedule != ALWAYS:  # the reference cannot walk to the end of time
        assert fresh.next_close(t) == ref_next_close(cal, t)
        assert fresh.previous_close(t) == ref_previous_close(cal, t)


@given(edge_calendars(), cases(), st.integers(0, 3000))
def test_sla_clock_ignores_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]], minutes: int
) -> None:
    """The SLA path (clock start, deadline, elapsed from one lookup) as well."""
    t, history = case
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    u = (t - epoch) // timedelta(microseconds=1)
    d = minutes * 60_000_000
    queries: list[Query] = [
        lambda c, until=until: c.engine.clock(u, d, until)  # type: ignore[misc]
        for until in (u - d, u + d, u + 7 * d)
    ]
    agree(queries, cal.model_copy(), calendars_used(cal, t, history))
