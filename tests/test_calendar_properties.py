"""Properties of the calendar engine, and agreement with the minute-stepping reference."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

from hypothesis import assume, given
from hypothesis import strategies as st

from slaclock import BusinessCalendar
from tests.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_business_day,
    ref_is_open,
    ref_next_close,
    ref_previous_close,
)
from tests.strategies import calendars, durations, instants, precise_instants

US = timedelta(microseconds=1)


def before(t: datetime) -> datetime:
    """The microsecond before t, computed in UTC (same-zone arithmetic is wall-clock)."""
    return t.astimezone(timezone.utc) - US


def weekly_minutes(cal: BusinessCalendar) -> int:
    return cal.schedule.weekly_open_us // 60_000_000


def bounded(cal: BusinessCalendar, d: timedelta) -> timedelta:
    """Keep a duration within about four weeks of the calendar's open time."""
    cap = timedelta(minutes=4 * weekly_minutes(cal))
    return min(d, cap)


# -- agreement with the reference --------------------------------------------------------


@given(calendars(), instants())
def test_is_open_matches_reference(cal: BusinessCalendar, t: datetime) -> None:
    assert cal.is_open(t) == ref_is_open(cal, t)


@given(calendars(), instants(), st.integers(0, 3000))
def test_add_matches_reference(cal: BusinessCalendar, t: datetime, minutes: int) -> None:
    minutes = min(minutes, 2 * weekly_minutes(cal))
    got = cal.add(t, timedelta(minutes=minutes))
    assert got == ref_add(cal, t, minutes)
    assert got.tzinfo is cal.zone


@given(calendars(), instants(), st.integers(1, 3000))
def test_backward_add_matches_reference(cal: BusinessCalendar, t: datetime, minutes: int) -> None:
    minutes = min(minutes, 2 * weekly_minutes(cal))
    assert cal.add(t, -timedelta(minutes=minutes)) == ref_add(cal, t, -minutes)


@given(calendars(), instants(), st.integers(-5000, 5000))
def test_elapsed_matches_reference(cal: BusinessCalendar, a: datetime, offset: int) -> None:
    b = a + timedelta(minutes=offset)
    assert cal.elapsed(a, b) == timedelta(minutes=ref_elapsed_minutes(cal, a, b))


@given(calendars(), instants())
def test_next_and_previous_close_match_reference(cal: BusinessCalendar, t: datetime) -> None:
    assert cal.next_close(t) == ref_next_close(cal, t)
    assert cal.previous_close(t) == ref_previous_close(cal, t)


@given(calendars(), instants())
def test_business_day_matches_reference(cal: BusinessCalendar, t: datetime) -> None:
    day = t.astimezone(cal.zone).date()
    assert cal.is_business_day(day) == ref_is_business_day(cal, day)


# -- algebra, microsecond-exact ---------------------------------------------------------


@given(calendars(), precise_instants(), durations())
def test_elapsed_inverts_add(cal: BusinessCalendar, t: datetime, d: timedelta) -> None:
    d = bounded(cal, d)
    assert cal.elapsed(t, cal.add(t, d)) == d


@given(calendars(), precise_instants(), durations())
def test_deadline_is_the_earliest_instant(
    cal: BusinessCalendar, t: datetime, d: timedelta
) -> None:
    d = bounded(cal, d)
    assume(d > timedelta(0))
    due = cal.add(t, d)
    assert cal.elapsed(t, before(due)) < d


@given(calendars(), precise_instants(), durations(), durations())
def test_additivity(cal: BusinessCalendar, t: datetime, a: timedelta, b: timedelta) -> None:
    a, b = bounded(cal, a), bounded(cal, b)
    assume(b > timedelta(0))
    assert cal.add(cal.add(t, a), b) == cal.add(t, a + b)


@given(calendars(), precise_instants(), precise_instants(), durations())
def test_monotone_in_start(
    cal: BusinessCalendar, t1: datetime, t2: datetime, d: timedelta
) -> None:
    d = bounded(cal, d)
    t1, t2 = min(t1, t2), max(t1, t2)
    assert cal.add(t1, d) <= cal.add(t2, d)


@given(calendars(), precise_instants(), durations(), durations())
def test_monotone_in_duration(
    cal: BusinessCalendar, t: datetime, a: timedelta, b: timedelta
) -> None:
    a, b = sorted((bounded(cal, a), bounded(cal, b)))
    assert cal.add(t, a) <= cal.add(t, b)


@given(calendars(), precise_instants(), durations())
def test_result_is_open_or_a_closing_boundary(
    cal: BusinessCalendar, t: datetime, d: timedelta
) -> None:
    d = bounded(cal, d)
    due = cal.add(t, d)
    if d == timedelta(0):
        assert cal.is_open(due)
    else:
        assert cal.is_open(before(due))


@given(calendars(), precise_instants(), durations())
def test_backward_undoes_forward(cal: BusinessCalendar, t: datetime, d: timedelta) -> None:
    d = bounded(cal, d)
    assume(d > timedelta(0))
    start = cal.next_open(t)
    assert cal.add(cal.add(start, d), -d) == start


@given(calendars(), precise_instants(), durations())
def test_forward_undoes_backward(cal: BusinessCalendar, t: datetime, d: timedelta) -> None:
    d = bounded(cal, d)
    assume(d > timedelta(0))
    back = cal.add(t, -d)
    assert cal.elapsed(back, t) == d
    there = cal.add(back, d)
    assert there <= t
    if cal.is_open(before(t)):
        assert there == t


@given(calendars(), precise_instants(), precise_instants(), precise_instants())
def test_elapsed_is_additive_and_antisymmetric(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    assert cal.elapsed(a, b) == -cal.elapsed(b, a)
    assert cal.elapsed(a, b) + cal.elapsed(b, c) == cal.elapsed(a, c)


@given(calendars(), precise_instants(), st.integers(0, 20_000))
def test_periods_sum_to_elapsed(cal: BusinessCalendar, a: datetime, minutes: int) -> None:
    b = a + timedelta(minutes=minutes, microseconds=7)
    periods = list(cal.periods(a, b))
    assert sum((p.duration for p in periods), timedelta(0)) == cal.elapsed(a, b)
    for p, q in itertools.pairwise(periods):
        assert p.end < q.start
    for p in periods:
        assert a <= p.start < p.end <= b
        assert cal.is_open(p.start)
        assert cal.is_open(before(p.end))


@given(calendars(), precise_instants())
def test_next_open_and_close_bracket_an_open_period(cal: BusinessCalendar, t: datetime) -> None:
    opening = cal.next_open(t)
    closing = cal.next_close(t)
    assert opening >= t
    assert cal.is_open(opening)
    assert opening < closing
    assert not cal.is_open(closing)
    assert cal.elapsed(opening, closing) == closing.astimezone(timezone.utc) - opening
    assert cal.previous_close(closing) == closing


@given(calendars(), instants(), st.integers(-40, 40))
def test_business_day_arithmetic(cal: BusinessCalendar, t: datetime, n: int) -> None:
    day = t.astimezone(cal.zone).date()
    got = cal.add_business_days(day, n)
    assert cal.is_business_day(got)
    if n > 0:
        assert cal.business_days_between(day, got) == n - 1 + cal.is_business_day(day)
        assert got > day
    elif n < 0:
        assert cal.business_days_between(got, day) == -n
        assert got < day
    else:
        assert got >= day
        assert cal.business_days_between(day, got) == 0


@given(calendars(), precise_instants(), durations(), st.integers(-3000, 20_000))
def test_sla_fast_path_agrees_with_the_public_operations(
    cal: BusinessCalendar, t: datetime, d: timedelta, minutes: int
) -> None:
    """`engine.clock` (the one-lookup path of the SLA engine) re-implements
    next_open + add + elapsed for speed; it must give exactly their answers."""
    d = bounded(cal, d)
    until = t + timedelta(minutes=minutes, microseconds=3)
    u = t.astimezone(timezone.utc)
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    to = lambda x: (x.astimezone(timezone.utc) - epoch) // US  # noqa: E731
    clock, deadline, elapsed = cal.engine.clock(to(u), d // US, to(until))
    assert clock == to(cal.next_open(t))
    assert deadline == to(cal.add(t, d))
    assert elapsed == max(cal.elapsed(t, until), timedelta(0)) // US
