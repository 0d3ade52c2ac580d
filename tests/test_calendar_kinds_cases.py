"""Issue 8's operations on concrete cases a helpdesk meets."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    DatedHoliday,
    HolidayDataError,
    HolidayRules,
    InvalidScheduleError,
    Opening,
    Version,
    VersionedCalendar,
    WeeklySchedule,
    argentina,
    evaluate,
)
from tests.domain import ba, ticket

BA = ZoneInfo("America/Argentina/Buenos_Aires")
MAD = ZoneInfo("Europe/Madrid")
NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)
NIGHTS = WeeklySchedule.weekdays("22:00-06:00")  # Monday night to Friday night


def night_desk(**kw: object) -> BusinessCalendar:
    return BusinessCalendar(schedule=NIGHTS, holidays=HolidayRules(), **kw)  # type: ignore[arg-type]


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
    assert desk.why_closed(ba(2026, 11, 24, 3)).reason == "National Sovereignty Day"


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
    assert desk.why_closed(ba(2026, 11, 25, 1)).reason == "maintenance"
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
    assert cal.holiday(date(2026, 12, 11)).name == "Founders' Day"
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
    assert sun.why_closed(ba(2026, 11, 23, 14)).kind == "holiday"
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
    assert cal.why_closed(ba(2026, 11, 23, 10)).kind == "holiday"
    assert cal.why_closed(ba(2026, 12, 7, 10)).kind == "non_working_day"
    assert cal.why_closed(ba(2026, 12, 24, 13)).reason == "Eve"
    assert cal.why_closed(ba(2026, 11, 24, 18)).kind == "outside_hours"
    assert cal.why_closed(ba(2026, 11, 21, 10)).kind == "no_hours"
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
    assert again.target(4) == ByTimeOfDay(at=time(16))
