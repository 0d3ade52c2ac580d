"""Issue 8's calendars against the slow reference: night shifts, special openings, named
holidays, unions and intersections, dated versions, in zones with DST quirks; and the
new operations (previous_open, open-ended periods, time-keeping business days,
deadline_by, why_closed, closed-day search).

Issue 8's operations on concrete cases a helpdesk meets.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    CombinedCalendar,
    DatedHoliday,
    HolidayDataError,
    HolidayRules,
    InvalidScheduleError,
    Opening,
    OutOfRangeError,
    ServicePlan,
    SlaclockError,
    Version,
    VersionedCalendar,
    WeeklySchedule,
    argentina,
    evaluate,
)
from tests.support.domain import ba, ticket
from tests.support.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_business_day,
    ref_is_open,
    ref_next_close,
    ref_periods_after,
    ref_previous_close,
    ref_previous_open,
    utc,
)
from tests.support.strategies import any_calendars, instants, rich_calendars, versioned_calendars

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
        return cal.next_open(t) < t + timedelta(weeks=6)  # type: ignore[no-any-return]
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
    assert utc(cal.add(t, timedelta(minutes=minutes))) == ref_add(cal, t, minutes)
    assert utc(cal.add(t, -timedelta(minutes=minutes))) == ref_add(cal, t, -minutes)
    later = t + timedelta(minutes=3 * minutes)
    assert cal.elapsed(t, later) == timedelta(minutes=ref_elapsed_minutes(cal, t, later))


@HEAVY
@given(any_calendars(), instants())
def test_boundaries_match_reference(cal: Any, t: datetime) -> None:
    assume(reachable(cal, t) and reachable(cal, t - timedelta(weeks=5)))
    assert utc(cal.next_close(t)) == ref_next_close(cal, t)
    assert utc(cal.previous_close(t)) == ref_previous_close(cal, t)
    assert utc(cal.previous_open(t)) == ref_previous_open(cal, t)
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


# -- was tests/test_calendar_kinds_cases.py ----------------------------------------------

BA = ZoneInfo("America/Argentina/Buenos_Aires")
MAD = ZoneInfo("Europe/Madrid")
NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)
NIGHTS = WeeklySchedule.weekdays("22:00-06:00")  # Monday night to Friday night


def night_desk(**kw: object) -> BusinessCalendar:
    return BusinessCalendar(schedule=NIGHTS, holidays=HolidayRules(), **kw)


def test_a_night_shift_belongs_to_the_day_it_starts() -> None:
    desk = night_desk()
    # Monday 23 November 2026 is a holiday: Monday night's shift is closed, Friday's is not.
    assert not desk.is_open(ba(2026, 11, 23, 23))
    assert not desk.is_open(ba(2026, 11, 24, 3))
    assert desk.is_open(ba(2026, 11, 21, 2))  # Friday's shift, on Saturday morning
    assert desk.add(ba(2026, 11, 20, 23), 8 * H) == ba(2026, 11, 24, 23)
    assert desk.is_business_day(date(2026, 11, 20)) and not desk.is_business_day(
        date(2026, 11, 23)
    )
    assert desk.why_closed(ba(2026, 11, 24, 3)).reason == "National Sovereignty Day"  # type: ignore[union-attr]


def test_closed_hours_are_wall_clock_hours_of_their_date() -> None:
    desk = night_desk(
        closures=(
            Closure(day=date(2026, 11, 25), hours="00:00-03:00", reason="maintenance"),
            Closure(day=date(2026, 11, 26), hours="23:00-02:00", reason="migration"),
            Closure(day=date(2026, 11, 17), reason="offsite"),
        )
    )
    # Tuesday night's shift is cut from 00:00 to 03:00 on Wednesday.
    assert desk.is_open(ba(2026, 11, 24, 23, 59))
    assert not desk.is_open(ba(2026, 11, 25, 2, 59))
    assert desk.is_open(ba(2026, 11, 25, 3))
    assert desk.why_closed(ba(2026, 11, 25, 1)).reason == "maintenance"  # type: ignore[union-attr]
    # An overnight closure cuts Thursday's shift and Friday's early morning.
    assert desk.is_open(ba(2026, 11, 26, 22, 59))
    assert not desk.is_open(ba(2026, 11, 27, 1, 59))
    assert desk.is_open(ba(2026, 11, 27, 2))
    # A whole-day closure closes the shift that starts that day, all of it.
    assert not desk.is_open(ba(2026, 11, 18, 5))
    assert desk.is_open(ba(2026, 11, 17, 5))  # Monday night's shift, on Tuesday morning
    assert desk.elapsed(ba(2026, 11, 16, 22), ba(2026, 11, 19, 6)) == 16 * H


def test_special_openings_add_time() -> None:
    cal = argentina().model_copy(
        update={
            "openings": (
                Opening(day=date(2026, 12, 5), hours="10:00-14:00", reason="inventory Saturday"),
                Opening(day=date(2026, 11, 23), hours="09:00-12:00", reason="holiday morning"),
            )
        }
    )
    assert cal.is_open(ba(2026, 12, 5, 11)) and not cal.is_open(ba(2026, 12, 5, 15))
    assert cal.add(ba(2026, 12, 4, 16), 2 * H) == ba(2026, 12, 5, 11)
    assert cal.is_open(ba(2026, 11, 23, 10)) and not cal.is_open(ba(2026, 11, 23, 13))
    assert cal.add(ba(2026, 11, 20, 16, 30), 2 * H) == ba(2026, 11, 23, 10, 30)
    assert cal.holiday(date(2026, 11, 23)) is not None  # still a holiday, worked anyway
    assert cal.openings_on(date(2026, 12, 5))[0].reason == "inventory Saturday"


def test_named_holidays_are_reported_like_package_holidays() -> None:
    cal = argentina().model_copy(
        update={"extra_holidays": (DatedHoliday(day=date(2026, 12, 11), name="Founders' Day"),)}
    )
    assert cal.holiday(date(2026, 12, 11)).name == "Founders' Day"  # type: ignore[union-attr]
    explained = cal.explain(ba(2026, 12, 10, 16), 2 * H)
    assert explained.deadline == ba(2026, 12, 14, 10)
    assert "Founders' Day" in str(explained)
    assert cal.next_closed_day(date(2026, 12, 9)).reason == "Founders' Day"
    # A country the package lacks: only the user's days.
    own = BusinessCalendar(
        zone="Europe/Madrid",
        holidays=None,
        extra_holidays=(DatedHoliday(day=date(2026, 12, 8), name="Inmaculada Concepción"),),
    )
    assert not own.is_business_day(date(2026, 12, 8))


def test_follow_the_sun_is_a_union_and_office_overlap_an_intersection() -> None:
    buenos_aires = argentina()
    madrid = BusinessCalendar(zone="Europe/Madrid", holidays=HolidayRules(country="ES"))
    sun = buenos_aires | madrid
    # 09:00-17:00 in Madrid is 05:00-13:00 in Buenos Aires (UTC+1 vs UTC-3 in November).
    assert sun.is_open(ba(2026, 11, 24, 6))
    assert sun.next_open(ba(2026, 11, 24, 17, 30)) == ba(2026, 11, 25, 5)
    assert sun.elapsed(ba(2026, 11, 24, 0), ba(2026, 11, 25, 0)) == 12 * H
    both = buenos_aires & madrid
    assert both.elapsed(ba(2026, 11, 24, 0), ba(2026, 11, 25, 0)) == 4 * H
    assert both.zone == BA
    # Monday 23 November is an Argentine holiday: Madrid alone covers it.
    assert sun.why_closed(ba(2026, 11, 23, 14)).kind == "holiday"  # type: ignore[union-attr]
    assert sun.is_open(ba(2026, 11, 23, 6))
    plan = BASIC_PLAN.with_calendar(sun)
    status = evaluate(ticket(ba(2026, 11, 20, 16, 30)), ba(2026, 11, 23, 7), plan)
    assert status.deadline == ba(2026, 11, 23, 6, 30)


def test_a_calendar_dated_by_when_it_applied() -> None:
    before = argentina()
    after = argentina(hours="08:00-18:00")
    moved = BusinessCalendar(zone="Europe/Madrid", holidays=HolidayRules(country="ES"))
    history = VersionedCalendar(
        versions=(
            Version(calendar=before),
            Version(since=date(2026, 3, 1), calendar=after),
            Version(since=date(2026, 9, 1), calendar=moved),
        )
    )
    assert history.zone == MAD
    assert not history.is_open(ba(2026, 2, 2, 8, 30))
    assert history.is_open(ba(2026, 3, 2, 8, 30))
    assert history.is_open(datetime(2026, 9, 1, 9, tzinfo=MAD))
    assert history.elapsed(ba(2026, 2, 27, 9), ba(2026, 3, 3, 9)) == 8 * H + 10 * H + 1 * H
    assert history.version_on(date(2026, 5, 1)).calendar is after
    with pytest.raises(InvalidScheduleError, match="date order"):
        VersionedCalendar(
            versions=(
                Version(calendar=before),
                Version(since=date(2026, 9, 1), calendar=after),
                Version(since=date(2026, 3, 1), calendar=moved),
            )
        )


def test_backward_and_open_ended_queries() -> None:
    cal = argentina()
    assert cal.previous_open(ba(2026, 11, 24, 10)) == ba(2026, 11, 24, 10)
    last = ba(2026, 11, 20, 17).astimezone(timezone.utc) - timedelta(microseconds=1)
    assert cal.previous_open(ba(2026, 11, 23, 12)) == last
    after = [str(p) for _, p in zip(range(2), cal.periods_after(ba(2026, 11, 20, 16)))]
    assert after == ["Fri 2026-11-20 16:00 - 17:00", "Tue 2026-11-24 09:00 - 17:00"]
    before = [str(p) for _, p in zip(range(2), cal.periods_before(ba(2026, 11, 24, 10)))]
    assert before == ["Tue 2026-11-24 09:00 - 10:00", "Fri 2026-11-20 09:00 - 17:00"]


def test_business_days_keep_the_time_and_targets_by_a_time_of_day() -> None:
    cal = argentina()
    assert cal.add_business_days(ba(2026, 11, 20, 16, 30), 1) == ba(2026, 11, 24, 16, 30)
    assert cal.add_business_days(ba(2026, 11, 20, 16, 30), -1) == ba(2026, 11, 19, 16, 30)
    # "By 16:00 of the next business day".
    assert cal.deadline_by(ba(2026, 11, 20, 16, 30), time(16)) == ba(2026, 11, 24, 16)
    assert cal.deadline_by(ba(2026, 11, 24, 10), time(16), 0) == ba(2026, 11, 24, 16)
    assert cal.deadline_by(ba(2026, 11, 24, 16, 30), time(16), 0) == ba(2026, 11, 25, 16)


def test_what_closes_an_instant() -> None:
    cal = argentina(closures=[Closure(day=date(2026, 12, 24), hours="12:00-17:00", reason="Eve")])
    assert cal.why_closed(ba(2026, 11, 24, 10)) is None
    assert cal.why_closed(ba(2026, 11, 23, 10)).kind == "holiday"  # type: ignore[union-attr]
    assert cal.why_closed(ba(2026, 12, 7, 10)).kind == "non_working_day"  # type: ignore[union-attr]
    assert cal.why_closed(ba(2026, 12, 24, 13)).reason == "Eve"  # type: ignore[union-attr]
    assert cal.why_closed(ba(2026, 11, 24, 18)).kind == "outside_hours"  # type: ignore[union-attr]
    assert cal.why_closed(ba(2026, 11, 21, 10)).kind == "no_hours"  # type: ignore[union-attr]
    assert cal.next_closed_day(date(2026, 11, 24)).day == date(2026, 12, 7)
    assert cal.previous_closed_day(date(2026, 11, 24)).day == date(2026, 11, 23)


def test_holiday_data_never_silently_runs_out() -> None:
    cal = argentina()
    assert cal.holidays is not None and cal.holidays.covered_years() == (1957, 2100)
    with pytest.raises(HolidayDataError, match=r"1957-2100 only, and this needs 1950"):
        cal.add(ba(1950, 12, 25, 10), H)
    with pytest.raises(HolidayDataError, match="missing_years='none'"):
        cal.add_business_days(date(2150, 1, 5), 1)
    assert isinstance(HolidayDataError("x"), ValueError)
    none = argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})
    assert none.add(ba(1950, 12, 25, 10), H) == ba(1950, 12, 25, 11)  # said: no holidays then
    explained = none.explain(ba(2150, 6, 1, 10), 2 * H)
    assert explained.provisional and 2150 in explained.provisional_years
    assert none.holidays is not None and none.holidays.no_data_years(2149, 2151) == (
        2149,
        2150,
        2151,
    )
    assert cal.holidays.undecreed_years(2026, 2028) == (2027, 2028)


def test_the_repeated_hour_counts_on_the_wall_clock() -> None:
    """A 01:30-12:00 Sunday on the fall-back day: open while the clocks read 01:30-12:00,
    which leaves out the second 01:00-01:30; 11 hours, not the 11.5 between the instants."""
    sundays = BusinessCalendar(
        zone="America/New_York", holidays=None, schedule=WeeklySchedule.of(sunday="01:30-12:00")
    )
    day = date(2026, 11, 1)
    assert (
        sundays.elapsed(datetime(2026, 10, 31, tzinfo=NY), datetime(2026, 11, 2, tzinfo=NY))
        == 11 * H
    )
    first = datetime.combine(day, time(1, 30), NY)  # fold=0: the first 01:30 (EDT)
    assert sundays.at(day, time(1, 30)) == first
    assert datetime(2026, 11, 1, 12, tzinfo=NY).astimezone(timezone.utc) - first.astimezone(
        timezone.utc
    ) == timedelta(hours=11, minutes=30)


def test_a_plan_target_by_a_time_of_day() -> None:
    """ "By 16:00 of the next business day" as a plan target: the deadline is that instant,
    and the target is the business time from the clock start to it."""
    from slaclock import ByTimeOfDay, Severity

    plan = BASIC_PLAN.with_targets(informational=ByTimeOfDay(at=time(16)))
    t = ticket(ba(2026, 11, 20, 16, 30), priority=4)
    status = evaluate(t, ba(2026, 11, 24, 12), plan)
    assert status.deadline == ba(2026, 11, 24, 16)
    assert status.target == timedelta(minutes=30) + 7 * H  # Fri 16:30-17:00, Tue 09:00-16:00
    assert status.state.value == "running" and status.remaining == 4 * H
    assert str(plan.target(Severity.INFORMATIONAL)) == "by 16:00 the next business day"
    again = type(plan).model_validate_json(plan.model_dump_json())
    assert again.target(4) == ByTimeOfDay(at=time(16))  # type: ignore[arg-type]
