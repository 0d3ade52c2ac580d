"""Issue 8's calendars against the slow reference: night shifts, special openings, named
holidays, unions and intersections, dated versions, in zones with DST quirks; and the
new operations (previous_open, open-ended periods, time-keeping business days,
deadline_by, why_closed, closed-day search)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from slaclock import (
    BusinessCalendar,
    CombinedCalendar,
    OutOfRangeError,
    ServicePlan,
    SlaclockError,
    VersionedCalendar,
)
from tests.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_business_day,
    ref_is_open,
    ref_next_close,
    ref_periods_after,
    ref_previous_close,
    ref_previous_open,
)
from tests.strategies import any_calendars, instants, rich_calendars, versioned_calendars

US = timedelta(microseconds=1)


def weekly_minutes(cal: Any) -> int:
    """Roughly the open minutes of a week (for keeping durations within reach of the
    reference); 0 where it cannot tell (an intersection may never open)."""
    if isinstance(cal, BusinessCalendar):
        return cal.schedule.weekly_open_us // 60_000_000
    if isinstance(cal, CombinedCalendar):
        parts = [weekly_minutes(p) for p in cal.parts]
        return max(parts) if cal.op == "union" else 0
    return min(weekly_minutes(v.calendar) for v in cal.versions)


def reachable(cal: Any, t: datetime) -> bool:
    """Whether the calendar opens within a few weeks of t (the reference walks minutes)."""
    try:
        return cal.next_open(t) < t + timedelta(weeks=6)
    except SlaclockError:
        return False


HEAVY = settings(max_examples=30)


@given(any_calendars(), instants())
def test_is_open_matches_reference(cal: Any, t: datetime) -> None:
    assert cal.is_open(t) == ref_is_open(cal, t)


@HEAVY
@given(any_calendars(), instants(), st.integers(1, 3000))
def test_add_and_elapsed_match_reference(cal: Any, t: datetime, minutes: int) -> None:
    minutes = min(minutes, weekly_minutes(cal) or 30)
    assume(reachable(cal, t) and reachable(cal, t - timedelta(weeks=5)))
    assert cal.add(t, timedelta(minutes=minutes)) == ref_add(cal, t, minutes)
    assert cal.add(t, -timedelta(minutes=minutes)) == ref_add(cal, t, -minutes)
    later = t + timedelta(minutes=3 * minutes)
    assert cal.elapsed(t, later) == timedelta(minutes=ref_elapsed_minutes(cal, t, later))


@HEAVY
@given(any_calendars(), instants())
def test_boundaries_match_reference(cal: Any, t: datetime) -> None:
    assume(reachable(cal, t) and reachable(cal, t - timedelta(weeks=5)))
    assert cal.next_close(t) == ref_next_close(cal, t)
    assert cal.previous_close(t) == ref_previous_close(cal, t)
    assert cal.previous_open(t) == ref_previous_open(cal, t)
    got = [(p.start, p.end) for _, p in zip(range(3), cal.periods_after(t))]
    assert got == ref_periods_after(cal, t, 3)


@HEAVY
@given(any_calendars(), instants())
def test_business_days_match_reference(cal: Any, t: datetime) -> None:
    day = t.astimezone(cal.zone).date()
    assert cal.is_business_day(day) == ref_is_business_day(cal, day)


@given(any_calendars(), instants(), st.integers(1, 5))
def test_periods_before_mirror_periods_after(cal: Any, t: datetime, count: int) -> None:
    """Going backward from the end of the periods after a closing gives them back."""
    assume(reachable(cal, t) and reachable(cal, t - timedelta(weeks=5)))
    closing = cal.previous_close(t)  # closed there: the first period after is whole
    after = [p for _, p in zip(range(count), cal.periods_after(closing))]
    back = [p for _, p in zip(range(count), cal.periods_before(after[-1].end))]
    assert [(p.start, p.end) for p in reversed(back[1:])] == [(p.start, p.end) for p in after[:-1]]
    assert back[0].end == after[-1].end
    for p in back:
        assert cal.is_open(p.start) and not cal.is_open(p.end)


@given(st.lists(rich_calendars(), min_size=2, max_size=2), instants(), st.integers(0, 20_000))
def test_union_and_intersection_add_up(
    cals: list[BusinessCalendar], t: datetime, minutes: int
) -> None:
    """Inclusion and exclusion: open(a | b) + open(a & b) = open(a) + open(b), exactly."""
    a, b = cals
    end = t + timedelta(minutes=minutes, microseconds=7)
    both, either = a & b, a | b
    assert either.elapsed(t, end) + both.elapsed(t, end) == a.elapsed(t, end) + b.elapsed(t, end)
    assert either.elapsed(t, end) >= max(a.elapsed(t, end), b.elapsed(t, end))
    assert both.elapsed(t, end) <= min(a.elapsed(t, end), b.elapsed(t, end))


@given(versioned_calendars(), instants(), st.integers(0, 20_000))
def test_versioned_elapsed_is_the_sum_of_each_version_in_force(
    cal: VersionedCalendar, t: datetime, minutes: int
) -> None:
    end = t + timedelta(minutes=minutes)
    total = timedelta(0)
    bounds = [v.start_us() for v in cal.versions[1:]]
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    edges = [t, *(epoch + u * US for u in bounds if u is not None), end]
    for k, version in enumerate(cal.versions):
        lo = max(t, edges[k]) if k else t
        hi = min(end, edges[k + 1]) if k + 1 < len(edges) - 1 else end
        if lo < hi:
            total += version.calendar.elapsed(lo, hi)
    assert cal.elapsed(t, end) == total


@given(any_calendars(), instants(), st.integers(-20, 20))
def test_business_days_keep_the_time_of_day(cal: Any, t: datetime, n: int) -> None:
    assume(reachable(cal, t) and reachable(cal, t - timedelta(weeks=5)))
    local = t.astimezone(cal.zone)
    got = cal.add_business_days(local, n)
    assert isinstance(got, datetime) and got.tzinfo is not None
    assert got.date() == cal.add_business_days(local.date(), n) or got.time() != local.time()
    assert got == cal.at(cal.add_business_days(local.date(), n), local.time().replace(tzinfo=None))


@given(any_calendars(), instants(), st.integers(0, 1439), st.integers(0, 3))
def test_deadline_by_a_time_of_day(cal: Any, t: datetime, minute: int, days: int) -> None:
    assume(reachable(cal, t))
    at = time(minute // 60, minute % 60)
    due = cal.deadline_by(t, at, days)
    start = cal.next_open(t)
    assert due >= start
    first = cal.add_business_days(start.astimezone(cal.zone).date(), days)
    candidates = [cal.at(first, at), cal.at(cal.add_business_days(first, 1), at)]
    assert due == next(c for c in candidates if c >= start)


@given(rich_calendars(), instants())
def test_why_closed_names_the_cause(cal: BusinessCalendar, t: datetime) -> None:
    reason = cal.why_closed(t)
    if ref_is_open(cal, t):
        assert reason is None
        return
    assert reason is not None
    local = t.astimezone(cal.zone)
    if reason.kind in ("holiday", "non_working_day"):
        assert cal.holiday(reason.day) is not None
        assert reason.day in (local.date(), local.date() - timedelta(days=1))
    elif reason.kind == "closure":
        assert any(c.day == reason.day for c in cal.closures)
    elif reason.kind == "no_hours":
        assert not cal.schedule.days[local.weekday()]


def closed_days_of(cal: BusinessCalendar) -> list[date]:
    """Every date some holiday or closure closes, in the years the tests use."""
    found = [d for y in range(2000, 2035) for d in cal.closed_candidates(y)]
    return [d for d in found if cal.closed_reasons(d)]


@given(rich_calendars(), st.dates(date(2008, 1, 1), date(2026, 12, 31)))
def test_next_and_previous_closed_day(cal: BusinessCalendar, day: date) -> None:
    """The nearest closed date each way, with its reason; none in between."""
    closed = closed_days_of(cal)
    later = [d for d in closed if d >= day]
    earlier = [d for d in closed if d <= day]
    if later:
        assert cal.next_closed_day(day) == cal.closed_reasons(later[0])[0]
    if earlier:
        assert cal.previous_closed_day(day) == cal.closed_reasons(earlier[-1])[0]
    if not closed and cal.holidays is None:
        with pytest.raises(OutOfRangeError, match="no holiday or closure"):
            cal.next_closed_day(day)


@given(any_calendars())
def test_every_kind_round_trips_through_json_and_a_plan(cal: Any) -> None:
    again = type(cal).model_validate_json(cal.model_dump_json())
    assert again == cal
    t = datetime(2016, 3, 7, 12, tzinfo=timezone.utc)
    assume(reachable(cal, t))
    assert again.add(t, timedelta(hours=5)) == cal.add(t, timedelta(hours=5))
    targets = {"critical": "PT2H", "major": "PT6H", "minor": "PT12H", "informational": "PT24H"}
    plan = ServicePlan(tier="basic", name="x", targets=targets, calendar=cal)
    plan = ServicePlan.model_validate_json(plan.model_dump_json())
    assert plan.calendar == cal
