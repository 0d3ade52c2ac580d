"""The manual's calendar as concrete examples, plus DST and error cases.

Properties of the calendar engine, and agreement with the minute-stepping reference.
"""

from __future__ import annotations

import itertools
import pickle
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from slaclock import (
    BusinessCalendar,
    Closure,
    HolidayRules,
    InvalidDurationError,
    InvalidModelError,
    InvalidScheduleError,
    NaiveDatetimeError,
    NoOpenTimeError,
    OpenInterval,
    OutOfRangeError,
    SlaclockError,
    UnknownHolidayCountryError,
    UnknownTimeZoneError,
    WeeklySchedule,
    argentina,
)
from tests.support.bad_inputs import (
    AT,
    HOLIDAYS,
    MODEL,
    NAIVE,
    NEVER,
    OPEN_ALWAYS,
    RANGE,
    SCHEDULE,
    WRONG_TYPE,
    ZONE,
    Case,
    Gives,
    Raises,
    calendar_json,
    check,
    mondays_all_closed,
    raises,
)
from tests.support.bad_inputs import (
    CAL as PLAN_CAL,
)
from tests.support.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_business_day,
    ref_is_open,
    ref_next_close,
    ref_previous_close,
    utc,
)
from tests.support.strategies import calendars, durations, instants, precise_instants

BA = ZoneInfo("America/Argentina/Buenos_Aires")
NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)
CAL = argentina()


def ba(*args: int) -> datetime:
    return datetime(*args, tzinfo=BA)  # type: ignore[arg-type, misc]


# -- SPEC §1 and §2 examples ------------------------------------------------------------


def test_fifteen_plus_two_hours_is_seventeen_the_same_day() -> None:
    assert CAL.add(ba(2026, 11, 24, 15), 2 * H) == ba(2026, 11, 24, 17)


def test_severity_1_friday_1630_is_due_monday_1030() -> None:
    assert CAL.add(ba(2026, 11, 27, 16, 30), 2 * H) == ba(2026, 11, 30, 10, 30)


def test_severity_1_friday_1630_before_a_monday_holiday_is_due_tuesday() -> None:
    # Monday 2026-11-23 is National Sovereignty Day.
    assert CAL.add(ba(2026, 11, 20, 16, 30), 2 * H) == ba(2026, 11, 24, 10, 30)


@pytest.mark.parametrize(
    ("hours", "due"),
    [
        (2, ba(2026, 12, 1, 11)),
        (6, ba(2026, 12, 1, 15)),
        (12, ba(2026, 12, 2, 13)),
        (24, ba(2026, 12, 3, 17)),
    ],
)
def test_each_severity_target_from_a_tuesday_opening(hours: int, due: datetime) -> None:
    assert CAL.add(ba(2026, 12, 1, 9), hours * H) == due


def test_clock_starts_at_next_opening() -> None:
    assert CAL.add(ba(2026, 11, 28, 3), 2 * H) == ba(2026, 11, 30, 11)
    assert CAL.add(ba(2026, 11, 24, 17), timedelta(0)) == ba(2026, 11, 25, 9)
    assert CAL.add(ba(2026, 11, 24, 16), timedelta(0)) == ba(2026, 11, 24, 16)


def test_backward_ten_minus_one_hour_is_nine() -> None:
    assert CAL.add(ba(2026, 11, 24, 10), -H) == ba(2026, 11, 24, 9)
    assert CAL.add(ba(2026, 11, 24, 9), -H) == ba(2026, 11, 20, 16)


def test_elapsed_keeps_microseconds_and_sign() -> None:
    a = ba(2026, 11, 24, 9, 0, 0, 1)
    b = ba(2026, 11, 25, 9, 30, 0, 2)
    assert CAL.elapsed(a, b) == timedelta(hours=8, minutes=30, microseconds=1)
    assert CAL.elapsed(b, a) == -timedelta(hours=8, minutes=30, microseconds=1)


def test_results_are_in_the_calendar_zone_whatever_the_input_zone() -> None:
    got = CAL.add(datetime(2026, 11, 24, 12, tzinfo=timezone.utc), H)
    assert got.tzinfo is BA
    assert got == ba(2026, 11, 24, 10)


# -- holidays 2026 ----------------------------------------------------------------------

HOLIDAYS_2026 = {
    date(2026, 1, 1), date(2026, 2, 16), date(2026, 2, 17), date(2026, 3, 23),
    date(2026, 3, 24), date(2026, 4, 2), date(2026, 4, 3), date(2026, 5, 1),
    date(2026, 5, 25), date(2026, 6, 15), date(2026, 6, 20), date(2026, 7, 9),
    date(2026, 7, 10), date(2026, 8, 17), date(2026, 10, 12), date(2026, 11, 9),
    date(2026, 11, 23), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 25),
}  # fmt: skip
NON_WORKING_2026 = {date(2026, 3, 23), date(2026, 7, 10), date(2026, 12, 7)}


def test_2026_holidays_close_the_desk() -> None:
    days = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
    closed = {d for d in days if d.weekday() < 5 and not CAL.is_business_day(d)}
    assert closed == {d for d in HOLIDAYS_2026 if d.weekday() < 5}


def test_non_working_days_can_be_opened_as_a_class() -> None:
    open_cal = argentina(non_working_days=False)
    for d in NON_WORKING_2026:
        assert not CAL.is_business_day(d)
        assert open_cal.is_business_day(d)
        assert CAL.holiday(d) is not None and CAL.holiday(d).kind == "non_working_day"  # type: ignore[union-attr]
    # 2026-04-02 is Maundy Thursday *and* Malvinas Day, a feriado: it stays closed.
    assert not open_cal.is_business_day(date(2026, 4, 2))
    # Maundy Thursday alone (2027-03-25) opens.
    assert not CAL.is_business_day(date(2027, 3, 25))
    assert open_cal.is_business_day(date(2027, 3, 25))


def test_holiday_lookup_names_the_day() -> None:
    h = CAL.holiday(date(2026, 11, 23))
    assert h is not None and h.name == "National Sovereignty Day" and h.kind == "holiday"
    assert CAL.holiday(date(2026, 11, 24)) is None
    es = BusinessCalendar(holidays=HolidayRules(language="es"))
    assert es.holiday(date(2026, 7, 10)).name == "Feriado con fines turísticos"  # type: ignore[union-attr]


def test_user_closures_and_reopened_dates() -> None:
    cal = argentina(
        closures=[
            Closure(day=date(2026, 12, 24), hours="12:00-24:00", reason="Christmas Eve"),
            Closure(day=date(2026, 12, 31), reason="year end"),
        ],
        reopened=[date(2026, 11, 23)],
    )
    assert cal.add(ba(2026, 12, 24, 11), 2 * H) == ba(2026, 12, 28, 10)
    assert not cal.is_business_day(date(2026, 12, 31))
    assert cal.is_business_day(date(2026, 12, 24))
    assert cal.add(ba(2026, 11, 20, 16, 30), 2 * H) == ba(2026, 11, 23, 10, 30)


def test_bank_category_adds_bank_holidays() -> None:
    bank = argentina(categories=("public", "bank"))
    extra = [d for d in (date(2026, 1, 1) + timedelta(days=k) for k in range(365))
             if CAL.is_business_day(d) and not bank.is_business_day(d)]  # fmt: skip
    assert extra  # e.g. Bank Employee Day
    assert all(bank.holiday(d).category == "bank" for d in extra)  # type: ignore[union-attr]


def test_holiday_data_reports_version_years_and_completeness() -> None:
    cal = argentina()
    cal.add(ba(2026, 5, 4, 9), H)
    info = cal.holiday_data()
    assert info is not None
    assert info.country == "AR" and info.version
    assert 2026 in info.years
    assert info.complete_through is not None and info.complete_through >= 2026
    far = ba(info.complete_through + 2, 3, 3, 10)
    assert cal.provisional_years(far, far + H) == (info.complete_through + 2,)
    assert cal.explain(far, 2 * H).provisional
    assert not cal.explain(ba(2026, 5, 4, 9), 2 * H).provisional
    pinned = BusinessCalendar(holidays=HolidayRules(complete_through=2030))
    assert pinned.provisional_years(far, far) == (() if far.year <= 2030 else (far.year,))


def test_explanation_lists_periods_and_skipped_days() -> None:
    exp = CAL.explain(ba(2026, 11, 20, 16, 30), 2 * H)
    assert exp.deadline == ba(2026, 11, 24, 10, 30)
    assert [p.duration for p in exp.periods] == [timedelta(minutes=30), timedelta(minutes=90)]
    assert [c.day for c in exp.closed_days] == [date(2026, 11, 23)]
    text = str(exp)
    assert "National Sovereignty Day" in text and "deadline" in text


# -- schedules, DST -----------------------------------------------------------------------


def test_breaks_and_different_hours_per_day() -> None:
    cal = BusinessCalendar(
        zone="UTC",
        holidays=None,
        schedule=WeeklySchedule.of(monday=["09:00-12:00", "13:00-18:00"], saturday="10:00-13:00"),
    )
    utc = timezone.utc
    # Monday 2026-11-23: 11:00 + 2 h crosses the lunch break.
    assert cal.add(datetime(2026, 11, 23, 11, tzinfo=utc), 2 * H).hour == 14
    # Monday 17:00 + 2 h: 1 h Monday, 1 h Saturday.
    due = cal.add(datetime(2026, 11, 23, 17, tzinfo=utc), 2 * H)
    assert due == datetime(2026, 11, 28, 11, tzinfo=ZoneInfo("UTC"))


def test_full_day_schedule_on_new_york_dst_days() -> None:
    cal = BusinessCalendar(
        zone="America/New_York", holidays=None, schedule=WeeklySchedule(days=[["00:00-24:00"]] * 7)
    )
    spring = date(2026, 3, 8)
    fall = date(2026, 11, 1)
    for day, hours in ((spring, 23), (fall, 25), (date(2026, 6, 1), 24)):
        start = datetime.combine(day, time(0), NY)
        end = datetime.combine(day + timedelta(days=1), time(0), NY)
        assert cal.elapsed(start, end) == timedelta(hours=hours)
        assert sum((p.duration for p in cal.periods(start, end)), timedelta()) == timedelta(
            hours=hours
        )


def test_skipped_wall_time_opens_at_the_jump() -> None:
    # 02:00-03:00 does not exist on 2026-03-08 in New York.
    cal = BusinessCalendar(
        zone="America/New_York", holidays=None, schedule=WeeklySchedule(days=[["02:30-04:00"]] * 7)
    )
    start = datetime(2026, 3, 8, 0, tzinfo=NY)
    assert cal.next_open(start) == datetime(2026, 3, 8, 3, 0, tzinfo=NY)
    assert cal.elapsed(start, datetime(2026, 3, 8, 5, tzinfo=NY)) == H


def test_buenos_aires_dst_2008() -> None:
    # Argentina kept DST (UTC-2) from 2007-12-30 to 2008-03-16.
    cal = argentina()
    t = datetime(2008, 1, 15, 12, tzinfo=timezone.utc)  # 10:00 local (UTC-2)
    assert cal.add(t, H).hour == 11
    assert cal.add(t, H).utcoffset() == timedelta(hours=-2)


# -- the calendar is a value -------------------------------------------------------------


def test_calendars_are_immutable_hashable_and_serialisable() -> None:
    cal = argentina(closures=[Closure(day=date(2026, 12, 24), hours="12:00-24:00")])
    assert cal == argentina(closures=[Closure(day=date(2026, 12, 24), hours="12:00-24:00")])
    assert hash(cal) == hash(
        argentina(closures=[Closure(day=date(2026, 12, 24), hours="12:00-24:00")])
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - pydantic's frozen error
        cal.zone = NY  # type: ignore[misc]
    back = BusinessCalendar.model_validate_json(cal.model_dump_json())
    assert back == cal
    assert back.add(ba(2026, 12, 24, 11), 2 * H) == cal.add(ba(2026, 12, 24, 11), 2 * H)
    assert pickle.loads(pickle.dumps(cal)) == cal
    copy = cal.model_copy(update={"reopened": frozenset({date(2026, 11, 23)})})
    assert copy.is_business_day(date(2026, 11, 23))
    assert not cal.is_business_day(date(2026, 11, 23))
    assert "24:00" in cal.model_dump_json()
    assert BusinessCalendar.model_json_schema()["type"] == "object"


def test_index_is_thread_safe_while_growing() -> None:
    cal = argentina()
    results: list[datetime] = []

    def work(year: int) -> None:
        results.append(cal.add(ba(year, 6, 1, 9), 10_000 * H))

    threads = [threading.Thread(target=work, args=(y,)) for y in range(2000, 2040, 4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    expected = sorted(argentina().add(ba(y, 6, 1, 9), 10_000 * H) for y in range(2000, 2040, 4))
    assert sorted(results) == expected


# -- errors -----------------------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="naive"):
        CAL.add(datetime(2026, 11, 24, 9), H)
    with pytest.raises(ValueError, match="naive"):
        CAL.elapsed(ba(2026, 11, 24, 9), datetime(2026, 11, 24, 10))
    with pytest.raises(NaiveDatetimeError):
        CAL.is_open("2026-11-24 09:00")  # type: ignore[arg-type]


def test_durations_must_be_timedeltas() -> None:
    with pytest.raises(InvalidDurationError, match="timedelta"):
        CAL.add(ba(2026, 11, 24, 9), 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CAL.add(ba(2026, 11, 24, 9), 2.0)  # type: ignore[arg-type]


def test_unknown_zone() -> None:
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus"):
        BusinessCalendar(zone="Mars/Olympus")
    with pytest.raises(UnknownTimeZoneError):
        BusinessCalendar(zone=timezone(timedelta(hours=-3)))


def test_bad_intervals() -> None:
    with pytest.raises(InvalidScheduleError, match="overlap"):
        WeeklySchedule.weekdays("09:00-13:00", "12:00-17:00")
    with pytest.raises(InvalidScheduleError, match="ends when it starts"):
        OpenInterval.parse("09:00-09:00")
    assert OpenInterval.parse("17:00-09:00").overnight  # a night shift, not a mistake
    with pytest.raises(InvalidScheduleError, match="not a time"):
        OpenInterval.parse("9am-5pm")
    with pytest.raises(InvalidScheduleError, match="7 days"):
        WeeklySchedule(days=[["09:00-17:00"]] * 5)
    with pytest.raises(InvalidScheduleError, match="weekday"):
        WeeklySchedule.of(funday="09:00-17:00")
    with pytest.raises(InvalidModelError) as info:
        BusinessCalendar(closures="soon")
    assert isinstance(info.value, SlaclockError)


def test_unknown_holiday_country_or_category() -> None:
    with pytest.raises(UnknownHolidayCountryError, match="'XX'"):
        HolidayRules(country="XX")
    with pytest.raises(UnknownHolidayCountryError, match="categories"):
        HolidayRules(categories=("chocolate",))


def test_dates_outside_the_supported_range() -> None:
    with pytest.raises(OutOfRangeError, match="1800"):
        CAL.add(datetime(1800, 1, 1, tzinfo=BA), H)
    with pytest.raises(OutOfRangeError):
        CAL.add(ba(2190, 1, 1), timedelta(hours=200_000))
    with pytest.raises(OutOfRangeError):
        BusinessCalendar(closures=[Closure(day=date(1066, 10, 14))])


def test_a_calendar_with_no_open_time() -> None:
    never = BusinessCalendar(schedule=WeeklySchedule(days=[[]] * 7), holidays=None)
    assert not never.is_open(ba(2026, 11, 24, 10))
    with pytest.raises(NoOpenTimeError, match="no open time"):
        never.add(ba(2026, 11, 24, 10), H)


# -- was tests/test_calendar_properties.py -----------------------------------------------

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
    assert utc(got) == ref_add(cal, t, minutes)
    assert got.tzinfo is cal.zone


@given(calendars(), instants(), st.integers(1, 3000))
def test_backward_add_matches_reference(cal: BusinessCalendar, t: datetime, minutes: int) -> None:
    minutes = min(minutes, 2 * weekly_minutes(cal))
    assert utc(cal.add(t, -timedelta(minutes=minutes))) == ref_add(cal, t, -minutes)


@given(calendars(), instants(), st.integers(-5000, 5000))
def test_elapsed_matches_reference(cal: BusinessCalendar, a: datetime, offset: int) -> None:
    b = a + timedelta(minutes=offset)
    assert cal.elapsed(a, b) == timedelta(minutes=ref_elapsed_minutes(cal, a, b))


@given(calendars(), instants())
def test_next_and_previous_close_match_reference(cal: BusinessCalendar, t: datetime) -> None:
    # Compared as UTC instants: two aware datetimes in different zones compare unequal
    # when either falls in a repeated hour (PEP 495), even for the same instant, and a
    # close on a schedule's boundary can be at 01:00 of a fall-back night.
    assert utc(cal.next_close(t)) == ref_next_close(cal, t)
    assert utc(cal.previous_close(t)) == ref_previous_close(cal, t)


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
    clock, deadline, elapsed = cal.engine.clock(to(u), d // US, to(until))  # type: ignore[no-untyped-call]
    assert clock == to(cal.next_open(t))  # type: ignore[no-untyped-call]
    assert deadline == to(cal.add(t, d))  # type: ignore[no-untyped-call]
    assert elapsed == max(cal.elapsed(t, until), timedelta(0)) // US


# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- calendars: zones, closures, re-opened dates, holiday rules -------------------------------
    (
        "zone-folder",
        lambda: BusinessCalendar(zone="America"),
        raises(*ZONE, "time zone 'America' is not in the IANA database"),
    ),
    (
        "zone-too-long",
        lambda: BusinessCalendar(zone="A" * 10_000),
        raises(*ZONE, "is not in the IANA database"),
    ),
    (
        "zone-unknown",
        lambda: BusinessCalendar(zone="Mars/Olympus"),
        raises(*ZONE, "'Mars/Olympus'"),
    ),
    ("zone-empty", lambda: BusinessCalendar(zone=""), raises(*ZONE, "time zone ''")),
    (
        "zone-path",
        lambda: BusinessCalendar(zone="../../etc/passwd"),
        raises(*ZONE, "not in the IANA"),
    ),
    ("zone-nul", lambda: BusinessCalendar(zone="UTC\x00"), raises(*ZONE, "not in the IANA")),
    (
        "zone-fixed-offset",
        lambda: BusinessCalendar(zone=timezone(-3 * H)),
        raises(*ZONE, "fixed offsets are refused"),
    ),
    ("zone-int", lambda: BusinessCalendar(zone=5), raises(*ZONE, "got 5")),
    ("zone-json-folder", lambda: calendar_json(zone="Europe"), raises(*ZONE, "'Europe'")),
    (
        "zone-fine",
        lambda: calendar_json(zone="Europe/Madrid").zone,
        Gives(ZoneInfo("Europe/Madrid")),
    ),
    (
        "reopened-1800",
        lambda: argentina(reopened=[date(1800, 1, 1)]),
        raises(
            *RANGE, "re-opened date 1800-01-01 is in year 1800; slaclock supports years 1900-2199"
        ),
    ),
    ("reopened-2300", lambda: argentina(reopened=[date(2300, 1, 2)]), raises(*RANGE, "2300")),
    (
        "reopened-saturday",
        lambda: argentina(reopened=[date(2026, 11, 21)]),
        raises(*SCHEDULE, "re-opened date 2026-11-21 is a Saturday, which has no scheduled hours"),
    ),
    (
        "reopened-and-closed",
        lambda: argentina(
            reopened=[date(2026, 11, 23)],
            closures=[Closure(day=date(2026, 11, 23), reason="audit")],
        ),
        raises(*SCHEDULE, "2026-11-23 is both re-opened and closed all day (closure 'audit')"),
    ),
    (
        "reopened-json-sunday",
        lambda: calendar_json(reopened=["2026-11-22"]),
        raises(*SCHEDULE, "is a Sunday"),
    ),
    (
        "reopened-holiday",
        lambda: argentina(reopened=[date(2026, 11, 23)]).is_open(ba(2026, 11, 23, 10)),
        Gives(True),
    ),
    (
        "reopened-holiday-with-part-closure",
        lambda: argentina(
            reopened=[date(2026, 11, 23)],
            closures=[Closure(day=date(2026, 11, 23), hours=OpenInterval.parse("09:00-12:00"))],
        ).next_open(ba(2026, 11, 23, 9)),
        Gives(ba(2026, 11, 23, 12)),
    ),
    (
        "closure-1066",
        lambda: argentina(closures=[Closure(day=date(1066, 10, 14))]),
        raises(*RANGE, "closure on 1066-10-14"),
    ),
    ("closures-str", lambda: BusinessCalendar(closures="soon"), raises(*MODEL, "closures")),
    (
        "argentina-closures-int",
        lambda: argentina(closures=5),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "closures must be an iterable of Closure"),
    ),
    (
        "argentina-reopened-str",
        lambda: argentina(reopened="2026-11-23"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "reopened must be an iterable of date"),
    ),
    (
        "argentina-reopened-items",
        lambda: argentina(reopened=["2026-11-23"]),  # type: ignore[list-item]
        raises(*WRONG_TYPE, "reopened[0] must be a date"),
    ),
    (
        "holiday-str",
        lambda: PLAN_CAL.holiday("2026-01-01"),  # type: ignore[arg-type, union-attr]
        raises(*WRONG_TYPE, "must be a datetime.date, got str"),
    ),
    (
        "business-day-datetime",
        lambda: PLAN_CAL.is_business_day(AT),
        Gives(PLAN_CAL.is_business_day(AT.astimezone(PLAN_CAL.zone).date())),
    ),
    (
        "business-day-naive-datetime",
        lambda: PLAN_CAL.is_business_day(AT.replace(tzinfo=None)),
        raises(*NAIVE, "naive"),
    ),
    (
        "add-business-days-float",
        lambda: PLAN_CAL.add_business_days(date(2026, 11, 20), 2.5),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "n must be an int"),
    ),
    (
        "add-business-days-bool",
        lambda: PLAN_CAL.add_business_days(date(2026, 11, 20), True),
        raises(*WRONG_TYPE, "got True"),
    ),
    (
        "add-business-days-fine",
        lambda: PLAN_CAL.add_business_days(date(2026, 11, 20), 1),
        Gives(date(2026, 11, 24)),
    ),
    ("holiday-fine", lambda: PLAN_CAL.holiday(date(2026, 11, 23)) is not None, Gives(True)),  # type: ignore[union-attr]
    (
        "never-open-add",
        lambda: NEVER.add(AT, H),
        raises(NoOpenTimeError, ValueError, "Give it open hours"),
    ),
    (
        "mondays-all-closed",  # the cause, not "use a smaller duration"
        lambda: mondays_all_closed().add(AT, H),
        raises(NoOpenTimeError, ValueError, "holidays and closures close every scheduled day"),
    ),
    (
        "always-open-next-close",
        lambda: OPEN_ALWAYS.next_close(AT),
        raises(*RANGE, "the calendar never closes"),
    ),
    (
        "complete-through-negative",
        lambda: HolidayRules(complete_through=-5),
        raises(*RANGE, "complete_through -5 is outside the years slaclock supports (1900-2199)"),
    ),
    (
        "complete-through-3000",
        lambda: HolidayRules(complete_through=3000),
        raises(*RANGE, "or None to use"),
    ),
    (
        "complete-through-fine",
        lambda: HolidayRules(complete_through=2026).data_complete_through(),
        Gives(2026),
    ),
    (
        "holidays-country-xx",
        lambda: HolidayRules(country="XX"),
        raises(*HOLIDAYS, "country 'XX' is not in the holidays package"),
    ),
    (
        "holidays-country-huge",
        lambda: HolidayRules(country="X" * 100_000),
        raises(*HOLIDAYS, "is not in the holidays package"),
    ),
    (
        "holidays-category",
        lambda: HolidayRules(categories=("chocolate",)),
        raises(*HOLIDAYS, "['chocolate'] are not available"),
    ),
    (
        "holidays-subdivision",
        lambda: HolidayRules(subdivision="ZZ"),
        raises(*HOLIDAYS, "subdivision 'ZZ' is unknown"),
    ),
    (
        "holidays-language",
        lambda: HolidayRules(language="tlh"),
        raises(*HOLIDAYS, "language 'tlh' is not available"),
    ),
    (
        "holidays-year-str",
        lambda: HolidayRules().for_year("2026"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "the year must be an int, got str"),
    ),
    (
        "holidays-year-1800",
        lambda: HolidayRules().for_year(1800),
        raises(*RANGE, "holiday lookup is in year 1800"),
    ),
    (
        "calendar-copy-int-key",
        lambda: PLAN_CAL.model_copy(update={1: 2}),
        raises(*MODEL, "BusinessCalendar is keyed by field name, got the key 1 (int)"),
    ),
    (
        "calendar-copy-unknown-field",
        lambda: PLAN_CAL.model_copy(update={"zones": "UTC"}),
        raises(*MODEL, "zones: not a field here; check the spelling"),
    ),
    (
        "calendar-json-broken",
        lambda: BusinessCalendar.model_validate_json("{"),
        raises(*MODEL, "pass valid JSON"),
    ),
    (
        "calendar-json-too-deep",
        lambda: BusinessCalendar.model_validate_json("[" * 5000 + "]" * 5000),
        raises(*MODEL, "recursion limit exceeded at line 1 column 202: the JSON nests deeper"),
    ),
    (
        "calendar-json-list",
        lambda: BusinessCalendar.model_validate_json("[]"),
        raises(*MODEL, "Input should be an object"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
