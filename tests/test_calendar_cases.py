"""The manual's calendar as concrete examples, plus DST and error cases."""

from __future__ import annotations

import pickle
import threading
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

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

BA = ZoneInfo("America/Argentina/Buenos_Aires")
NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)
CAL = argentina()


def ba(*args: int) -> datetime:
    return datetime(*args, tzinfo=BA)  # type: ignore[misc]


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
        BusinessCalendar(zone=timezone(timedelta(hours=-3)))  # type: ignore[arg-type]


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
        WeeklySchedule.of(funday="09:00-17:00")  # type: ignore[arg-type]
    with pytest.raises(InvalidModelError) as info:
        BusinessCalendar(closures="soon")  # type: ignore[arg-type]
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
