"""Other projects' own test cases, translated to data for `test_peer_suites.py`.

Each `Case` is one example of a peer's test suite: the calendar it was asked
of (a key of `CALENDARS`), the question (`op`, answered by slaclock in
`test_peer_suites.py`), its inputs, and the peer's answer. Where slaclock's
documented semantics give another answer, `ours` holds slaclock's answer and
`why` names the difference (see `REASONS`); nothing is left out.

Sources (read, translated by hand; no code copied):

* zendesk/biz, spec/ (Ruby), at the commits cited per group;
* seppemans/businesstimedelta, businesstimedelta/test/ (Python);
* pandas-dev/pandas, pandas/tests/tseries/offsets/test_business_hour.py
  (commit 0134e1a) and test_custom_business_hour.py (commit 233e241);
* Intrepidd/working_hours, spec/working_hours/ (Ruby).

The peers' examples use naive or UTC times unless they name a zone; naive
times are read here as UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
SAME: object = "<same as the peer>"


def u(year: int, month: int = 1, day: int = 1, *rest: int) -> datetime:
    """A UTC instant (month and day default to 1, as in Ruby's Time.utc)."""
    return datetime(year, month, day, *rest, tzinfo=UTC)


def at(zone: str, *a: int) -> datetime:
    """A wall-clock reading in an IANA zone."""
    return datetime(*a, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def off(hours: int, *a: int) -> datetime:
    """A reading at a fixed UTC offset (Ruby's Time.new(..., "+02:00"))."""
    return datetime(*a, tzinfo=timezone(timedelta(hours=hours)))  # type: ignore[misc]


H = timedelta(hours=1)
M = timedelta(minutes=1)
S = timedelta(seconds=1)
US = timedelta(microseconds=1)
D = timedelta(days=1)


@dataclass(frozen=True)
class CalSpec:
    """A peer's calendar configuration, in slaclock's terms."""

    days: dict[str, tuple[str, ...]]  # weekday name -> "HH:MM-HH:MM" intervals
    zone: str = "UTC"
    holidays: tuple[date, ...] = ()  # named holidays (DatedHoliday)
    breaks: tuple[tuple[date, str], ...] = ()  # Closure with hours
    openings: tuple[tuple[date, str], ...] = ()  # Opening
    country: str | None = None  # HolidayRules(country=...)
    subdivision: str | None = None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
ALL_DAYS = (*WEEKDAYS, "saturday", "sunday")


def weekdays(*intervals: str, **kw: object) -> CalSpec:
    return CalSpec(days=dict.fromkeys(WEEKDAYS, intervals), **kw)  # type: ignore[arg-type]


def always(**kw: object) -> CalSpec:
    return CalSpec(days=dict.fromkeys(ALL_DAYS, ("00:00-24:00",)), **kw)  # type: ignore[arg-type]


# biz's spec/support/time.rb `schedule` helper: different hours per weekday, UTC.
BIZ_HOURS = {
    "monday": ("09:00-17:00",),
    "tuesday": ("10:00-16:00",),
    "wednesday": ("09:00-17:00",),
    "thursday": ("10:00-16:00",),
    "friday": ("09:00-17:00",),
    "saturday": ("11:00-14:30",),
}
# biz spec/schedule_spec.rb: breaks and holidays of the schedule under test.
BIZ_SCHEDULE_BREAKS = (
    (date(2006, 1, 2), "10:00-11:30"),
    (date(2006, 1, 3), "14:15-14:30"),
    (date(2006, 1, 3), "15:40-15:50"),
)
BIZ_SCHEDULE_HOLIDAYS = (date(2006, 1, 1), date(2006, 12, 25))
PANDAS_CBH_HOLIDAYS = (date(2014, 6, 27), date(2014, 6, 30), date(2014, 7, 2))

CALENDARS: dict[str, CalSpec] = {
    # -- zendesk/biz ------------------------------------------------------------------
    "biz": CalSpec(days=BIZ_HOURS),
    "biz_h0104": CalSpec(days=BIZ_HOURS, holidays=(date(2006, 1, 4),)),
    "biz_break0104": CalSpec(days=BIZ_HOURS, breaks=((date(2006, 1, 4), "11:00-13:00"),)),
    "biz_h16_18": CalSpec(days=BIZ_HOURS, holidays=(date(2006, 1, 16), date(2006, 1, 18))),
    "biz_schedule": CalSpec(
        days=BIZ_HOURS, breaks=BIZ_SCHEDULE_BREAKS, holidays=BIZ_SCHEDULE_HOLIDAYS
    ),
    "biz_schedule_mon_01": CalSpec(
        days={"monday": ("01:00-02:00",)},
        breaks=BIZ_SCHEDULE_BREAKS,
        holidays=BIZ_SCHEDULE_HOLIDAYS,
    ),
    "biz_schedule_mon_fri": CalSpec(
        days={"monday": ("09:00-17:00",), "friday": ("09:00-17:00",)},
        breaks=BIZ_SCHEDULE_BREAKS,
        holidays=BIZ_SCHEDULE_HOLIDAYS,
    ),
    # the right operand of schedule_spec.rb's `#&` example
    "biz_schedule_other": CalSpec(
        days={
            "sunday": ("10:00-12:00",),
            "monday": ("08:00-10:00",),
            "tuesday": ("11:00-15:00",),
            "wednesday": ("16:00-18:00",),
            "thursday": ("11:00-12:00", "13:00-14:00"),
        },
        breaks=((date(2006, 1, 3), "11:15-11:45"),),
        holidays=(date(2006, 1, 1), date(2006, 7, 4), date(2006, 11, 24)),
        zone="America/Los_Angeles",
    ),
    "biz_top": CalSpec(
        days={"sunday": ("11:00-12:00",)},
        breaks=((date(2015, 6, 1), "10:00-12:00"),),
        holidays=(date(2015, 12, 25),),
        zone="Africa/Abidjan",
    ),
    "biz_dates": CalSpec(days={"monday": ("01:00-02:00",)}, holidays=(date(2006, 1, 9),)),
    "biz_brunei": CalSpec(days={"sunday": ("06:00-18:00",)}, zone="Asia/Brunei"),
    # spec/support/time.rb forward_periods/backward_periods: every January, all day.
    "biz_januaries": CalSpec(
        days={},
        openings=tuple(
            (date(y, 1, d), "00:00-24:00") for y in range(2004, 2009) for d in range(1, 32)
        ),
    ),
    # -- businesstimedelta ------------------------------------------------------------
    "bt": weekdays("09:00-17:00"),
    "bt_lunch": weekdays("09:00-12:00", "13:00-17:00"),
    "bt_readme": weekdays("09:00-12:00", "13:00-18:00"),
    "bt_readme_ca": weekdays("09:00-12:00", "13:00-18:00", country="US", subdivision="CA"),
    "bt_santiago": weekdays("09:00-12:00", "13:00-18:00", zone="America/Santiago"),
    "bt_night": weekdays("23:00-01:00"),
    # A HolidayRule alone: open all the time except on the holidays.
    "bt_xmas": always(holidays=(date(2015, 12, 25), date(2016, 12, 25), date(2017, 12, 25))),
    "bt_us": always(country="US"),
    # -- pandas -----------------------------------------------------------------------
    "pd": weekdays("09:00-17:00"),
    "pd_11_1430": weekdays("11:00-14:30"),
    "pd_20_05": weekdays("20:00-05:00"),
    "pd_2130_0630": weekdays("21:30-06:30"),
    "pd_9_12_13_17": weekdays("09:00-12:00", "13:00-17:00"),
    "pd_9_13_22_03": weekdays("09:00-13:00", "22:00-03:00"),
    "pd_13_17_23_02": weekdays("13:00-17:00", "23:00-02:00"),
    "pd_10_15": weekdays("10:00-15:00"),
    "pd_19_05": weekdays("19:00-05:00"),
    "pd_13_16": weekdays("13:00-16:00"),
    "pd_10_16": weekdays("10:00-16:00"),
    "pd_00_23": weekdays("00:00-23:00"),
    "pd_9_12_14_18": weekdays("09:00-12:00", "14:00-18:00"),
    "pd_19_01_03_05": weekdays("19:00-01:00", "03:00-05:00"),
    "pd_9_12_14_19": weekdays("09:00-12:00", "14:00-19:00"),
    "pd_21_02": weekdays("21:00-02:00"),
    "pd_21_01_03_04": weekdays("21:00-01:00", "03:00-04:00"),
    "pd_17_04": weekdays("17:00-04:00"),
    "cbh_tue_fri": CalSpec(days=dict.fromkeys(WEEKDAYS[1:], ("09:00-17:00",))),
    "cbh_hol": weekdays("09:00-17:00", holidays=PANDAS_CBH_HOLIDAYS),
    "cbh_hol_10_15": weekdays("10:00-15:00", holidays=PANDAS_CBH_HOLIDAYS),
    "cbh_hol_17_04": weekdays("17:00-04:00", holidays=PANDAS_CBH_HOLIDAYS),
    "cbh_us": weekdays("09:00-17:00", country="US"),
    "cbh_mon_sat_0809": CalSpec(
        days=dict.fromkeys((*WEEKDAYS, "saturday"), ("08:00-17:00",)),
        holidays=(date(2018, 11, 9),),
    ),
    "cbh_tue_sat_0809": CalSpec(
        days=dict.fromkeys((*WEEKDAYS[1:], "saturday"), ("08:00-17:00",)),
        holidays=(date(2018, 11, 9),),
    ),
    # -- working_hours (defaults: Mon-Fri 09:00-17:00, UTC) -----------------------------
    "wh": weekdays("09:00-17:00"),
    "wh_h0501": weekdays("09:00-17:00", holidays=(date(2014, 5, 1),)),
    "wh_h0408": weekdays("09:00-17:00", holidays=(date(2014, 4, 8),)),
    "wh_mon_wed": CalSpec(days={"monday": ("09:00-17:00",), "wednesday": ("09:00-17:00",)}),
    "wh_mon_wed_h0409": CalSpec(
        days={"monday": ("09:00-17:00",), "wednesday": ("09:00-17:00",)},
        holidays=(date(2014, 4, 9),),
    ),
    "wh_tokyo": weekdays("09:00-17:00", zone="Asia/Tokyo"),
    "wh_split_mon": CalSpec(days={"monday": ("07:00-12:00", "13:00-18:00")}),
    "wh_split_week": CalSpec(
        days={"monday": ("07:00-12:00", "13:00-18:00")}
        | dict.fromkeys(WEEKDAYS[1:], ("09:00-17:00",))
    ),
    "wh_mon_24": CalSpec(days={"monday": ("00:00-24:00",)}),
    "wh_mon_24_tue_8_18": CalSpec(days={"monday": ("00:00-24:00",), "tuesday": ("08:00-18:00",)}),
    "wh_mon_24_tue_9_17": CalSpec(days={"monday": ("00:00-24:00",), "tuesday": ("09:00-17:00",)}),
    # holiday_hours {2019-12-27 => 10:00-18:00}: that date's hours replace the week's.
    "wh_fri_holiday_hours": CalSpec(
        days={"friday": ("08:00-18:00",)},
        holidays=(date(2019, 12, 27),),
        openings=((date(2019, 12, 27), "10:00-18:00"),),
    ),
}


# The documented semantics that explain each difference.
REASONS = {
    "closing_rolls_forward": (
        "pandas moves a forward result that lands on a closing time to the next opening; "
        "slaclock's deadline is the earliest instant at which the time has elapsed: the "
        "closing itself (docs/calendar.md, face.py: 15:00 + 2 h is 17:00 the same day)"
    ),
    "opening_rolls_back": (
        "this pandas version moves a backward result that lands on an opening to the "
        "previous closing (pandas' later GH#33682 fix in test_business_hour.py agrees with "
        "slaclock); slaclock's add(t, -d) is the latest instant with d of open time before "
        "t: 10:00 - 1 h is 09:00 that day (face.py)"
    ),
    "closed_interval_end": (
        "the peer counts the closing instant as inside the open interval ([09:00, 17:00]); "
        "slaclock's intervals are half-open: at 17:00 the desk is closed (face.py)"
    ),
    "rollback_microsecond": (
        "the peer rolls back to the closing instant; slaclock's previous_open is the latest "
        "open instant, one microsecond before the closing (docs/calendar.md, 'a rollback')"
    ),
    "backward_excludes_opening": (
        "working_hours' return_to_working_time treats an opening instant as not working "
        "time when going back ((09:00, 17:00]); in slaclock 09:00 is open, so previous_open "
        "returns it"
    ),
    "midnight_as_last_microsecond": (
        "working_hours stores 24:00 as 23:59:59.999999 and closes there; slaclock closes a "
        "24:00 interval at the next midnight, exactly"
    ),
    "holiday_ends_2359_59": (
        "businesstimedelta's holiday ends at 23:59:59 inclusive, at second resolution; "
        "slaclock's closed day is [00:00, next day's 00:00)"
    ),
    "holiday_end_edge_quirk": (
        "at 23:59:59 businesstimedelta's HolidayRule.next returns (holiday start, t), "
        "unlike every other instant of the holiday; slaclock answers (t, end) as elsewhere"
    ),
    "no_negative_zero": (
        "slaclock has no backward zero duration: add(t, 0) is where a clock started at t "
        "starts (the next opening); biz's before(t) with 0 returns the previous closing, "
        "which slaclock gives as previous_close(t)"
    ),
    "elapsed_is_signed": (
        "biz returns a zero duration when the end precedes the start; slaclock's elapsed is "
        "negative then (docs/calendar.md: 'negative if b < a')"
    ),
    "intersection_of_instants": (
        "biz's Schedule#& intersects the configured hours as wall-clock week minutes read "
        "in the left schedule's zone (the LA hours are read as UTC); slaclock's a & b is "
        "open when both calendars are open at the same instant, each in its own zone"
    ),
    "hours_close_first": (
        "biz's on_break? only looks the break up in the configuration; slaclock's "
        "why_closed names the first thing that closes the instant, and a Monday of a "
        "Sunday-only schedule is closed by its hours (no_hours), break or not"
    ),
    "empty_interval_refused": (
        "businesstimedelta accepts a 09:00-09:00 working day and counts nothing; slaclock "
        "refuses an interval that ends when it starts (InvalidScheduleError)"
    ),
    "days_between_end_inclusive": (
        "working_hours counts the business days d with start < d <= end; slaclock's "
        "business_days_between counts start <= d < end (docs: 'd with start <= d < end')"
    ),
    "sub_second_dropped": (
        "working_hours' working_time_between truncates to whole seconds; slaclock keeps "
        "microseconds"
    ),
}


@dataclass(frozen=True)
class Case:
    """One peer example: ask `op` of calendar `cal` with `args`; the peer said `expected`."""

    peer: str
    source: str
    cal: str
    op: str
    args: tuple[object, ...]
    expected: object
    ours: object = SAME
    why: str = ""
    meta: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def differs(self) -> bool:
        return self.ours is not SAME


BIZ = "zendesk/biz"
BT = "seppemans/businesstimedelta"
PD = "pandas-dev/pandas"
WH = "Intrepidd/working_hours"


def c(
    peer: str,
    source: str,
    cal: str,
    op: str,
    args: tuple[object, ...],
    expected: object,
    ours: object = SAME,
    why: str = "",
) -> Case:
    if why:
        assert why in REASONS, why
    return Case(peer, source, cal, op, args, expected, ours, why)


def spans(*pairs: tuple[datetime, datetime]) -> tuple[tuple[datetime, datetime], ...]:
    return tuple(pairs)


# ======================================================================================
# zendesk/biz
# ======================================================================================
_FD = "spec/calculation/for_duration_spec.rb @324fe55"
_PA = "spec/periods/after_spec.rb @0fb58f6"
_PB = "spec/periods/before_spec.rb @eb0b611"
_TF = "spec/timeline/forward_spec.rb @f550995"
_TB = "spec/timeline/backward_spec.rb @f550995"
_SC = "spec/schedule_spec.rb @318930d"
_BZ = "spec/biz_spec.rb @f550995"

_WEEK1 = spans(
    (u(2006, 1, 2, 9), u(2006, 1, 2, 17)),
    (u(2006, 1, 3, 10), u(2006, 1, 3, 16)),
    (u(2006, 1, 4, 9), u(2006, 1, 4, 17)),
    (u(2006, 1, 5, 10), u(2006, 1, 5, 16)),
    (u(2006, 1, 6, 9), u(2006, 1, 6, 17)),
    (u(2006, 1, 7, 11), u(2006, 1, 7, 14, 30)),
)
_WEEK2 = tuple((s + 7 * D, e + 7 * D) for s, e in _WEEK1)
_JAN = lambda y: (u(y, 1, 1), u(y, 2, 1))  # noqa: E731

BIZ_CASES = [
    # for_duration_spec.rb: seconds / minutes / hours, #before and #after
    c(
        BIZ,
        f"{_FD} .seconds #before",
        "biz",
        "add",
        (u(2006, 1, 4, 16, 1, 30), -90 * S),
        u(2006, 1, 4, 16),
    ),
    c(
        BIZ,
        f"{_FD} .seconds #after",
        "biz",
        "add",
        (u(2006, 1, 4, 15, 58, 30), 90 * S),
        u(2006, 1, 4, 16),
    ),
    c(
        BIZ,
        f"{_FD} .minutes #before",
        "biz",
        "add",
        (u(2006, 1, 4, 16, 30), -90 * M),
        u(2006, 1, 4, 15),
    ),
    c(
        BIZ,
        f"{_FD} .minutes #after",
        "biz",
        "add",
        (u(2006, 1, 4, 15, 30), 90 * M),
        u(2006, 1, 4, 17),
    ),
    c(BIZ, f"{_FD} .hours #before", "biz", "add", (u(2006, 1, 4, 17), -3 * H), u(2006, 1, 4, 14)),
    c(BIZ, f"{_FD} .hours #after", "biz", "add", (u(2006, 1, 4, 14), 3 * H), u(2006, 1, 4, 17)),
    # (the same zero-scalar examples are repeated for .seconds, .minutes and .hours: once here)
    c(
        BIZ,
        f"{_FD} .hours #after, scalar zero: the first active moment forward",
        "biz",
        "add",
        (u(2006, 1, 3), 0 * H),
        u(2006, 1, 3, 10),
    ),
    c(
        BIZ,
        f"{_FD} .hours #before, scalar zero: the first active moment backward",
        "biz",
        "add_backward_zero",
        (u(2006, 1, 3),),
        u(2006, 1, 2, 17),
        ours=u(2006, 1, 3, 10),
        why="no_negative_zero",
    ),
    # .days: business days keeping the time of day, then moved into open time (biz's
    # "the next time after/before the advanced time"): add_business_days + next_open /
    # previous_close.
    c(
        BIZ,
        f"{_FD} .days #before within a period",
        "biz",
        "days_back",
        (u(2006, 1, 9, 12), 2),
        u(2006, 1, 6, 12),
    ),
    c(
        BIZ,
        f"{_FD} .days #before, before the first day period",
        "biz",
        "days_back",
        (u(2006, 1, 5, 8), 2),
        u(2006, 1, 2, 17),
    ),
    c(
        BIZ,
        f"{_FD} .days #before, after the last day period",
        "biz",
        "days_back",
        (u(2006, 1, 5, 18), 2),
        u(2006, 1, 3, 16),
    ),
    c(
        BIZ,
        f"{_FD} .days #before retains second precision",
        "biz",
        "days_back",
        (u(2006, 1, 9, 12, 30, 52), 2),
        u(2006, 1, 6, 12, 30, 52),
    ),
    c(
        BIZ,
        f"{_FD} .days #before, scalar zero",
        "biz",
        "days_back",
        (u(2006, 1, 2, 14), 0),
        u(2006, 1, 2, 14),
    ),
    c(
        BIZ,
        f"{_FD} .days #after within a period",
        "biz",
        "days_forward",
        (u(2006, 1, 6, 12), 2),
        u(2006, 1, 9, 12),
    ),
    c(
        BIZ,
        f"{_FD} .days #after, before the first day period",
        "biz",
        "days_forward",
        (u(2006, 1, 3, 8), 2),
        u(2006, 1, 5, 10),
    ),
    c(
        BIZ,
        f"{_FD} .days #after, after the last day period",
        "biz",
        "days_forward",
        (u(2006, 1, 3, 18), 2),
        u(2006, 1, 6, 9),
    ),
    c(
        BIZ,
        f"{_FD} .days #after retains second precision",
        "biz",
        "days_forward",
        (u(2006, 1, 6, 12, 30, 52), 2),
        u(2006, 1, 9, 12, 30, 52),
    ),
    c(
        BIZ,
        f"{_FD} .days #after, scalar zero",
        "biz",
        "days_forward",
        (u(2006, 1, 2, 13), 0),
        u(2006, 1, 2, 13),
    ),
    # calculation/active_spec.rb @cc8ee61 (holiday 2006-01-04)
    *[
        c(BIZ, f"spec/calculation/active_spec.rb @cc8ee61 {d}", "biz_h0104", "is_open", (t,), r)
        for d, t, r in [
            ("outside intervals, not a holiday", u(2006, 1, 1, 6), False),
            ("outside intervals, on a holiday", u(2006, 1, 4, 6), False),
            ("in an interval, not a holiday", u(2006, 1, 2, 12), True),
            ("in an interval, on a holiday", u(2006, 1, 4, 12), False),
        ]
    ],
    # calculation/on_holiday_spec.rb @8f58c92 (holiday 2006-01-04)
    *[
        c(
            BIZ,
            f"spec/calculation/on_holiday_spec.rb @8f58c92 {d}",
            "biz_h0104",
            "on_holiday",
            (t,),
            r,
        )
        for d, t, r in [
            ("at the beginning of a holiday", u(2006, 1, 4, 0), True),
            ("in the middle of a holiday", u(2006, 1, 4, 12), True),
            ("at the end of a holiday (24:00)", u(2006, 1, 5, 0), False),
            ("not during a holiday", u(2006, 1, 5, 12), False),
        ]
    ],
    # calculation/on_break_spec.rb @203da3b (break 2006-01-04 11:00-13:00)
    *[
        c(
            BIZ,
            f"spec/calculation/on_break_spec.rb @203da3b {d}",
            "biz_break0104",
            "on_break",
            (t,),
            r,
        )
        for d, t, r in [
            ("at the beginning of a break", u(2006, 1, 4, 11), True),
            ("in the middle of a break", u(2006, 1, 4, 12), True),
            ("at the end of a break", u(2006, 1, 4, 13), False),
            ("not on a break", u(2006, 1, 5, 12), False),
        ]
    ],
    # calculation/duration_within_spec.rb @f550995
    c(
        BIZ,
        "spec/calculation/duration_within_spec.rb @f550995 start after end",
        "biz",
        "elapsed",
        (u(2006, 1, 8), u(2006, 1, 1)),
        timedelta(0),
        ours=-39.5 * H,
        why="elapsed_is_signed",
    ),
    c(
        BIZ,
        "spec/calculation/duration_within_spec.rb @f550995 start equal to end",
        "biz",
        "elapsed",
        (u(2006, 1, 1), u(2006, 1, 1)),
        timedelta(0),
    ),
    c(
        BIZ,
        "spec/calculation/duration_within_spec.rb @f550995 start before end",
        "biz",
        "elapsed",
        (u(2006, 1, 1), u(2006, 1, 8)),
        39.5 * H,
    ),
    # periods/after_spec.rb (holidays 2006-01-16 and 2006-01-18)
    c(
        BIZ,
        f"{_PA} one week of periods",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 1), 6),
        _WEEK1,
    ),
    c(
        BIZ,
        f"{_PA} multiple weeks of periods",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 1), 12),
        _WEEK1 + _WEEK2,
    ),
    c(
        BIZ,
        f"{_PA} origin outside a period: a full period first",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 1), 1),
        _WEEK1[:1],
    ),
    c(
        BIZ,
        f"{_PA} origin inside a period: a partial period first",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 2, 12), 1),
        spans((u(2006, 1, 2, 12), u(2006, 1, 2, 17))),
    ),
    c(
        BIZ,
        f"{_PA} a period on a holiday is left out",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 14), 2),
        spans(
            (u(2006, 1, 14, 11), u(2006, 1, 14, 14, 30)), (u(2006, 1, 17, 10), u(2006, 1, 17, 16))
        ),
    ),
    c(
        BIZ,
        f"{_PA} periods on several holidays are left out",
        "biz_h16_18",
        "periods_after",
        (u(2006, 1, 14), 3),
        spans(
            (u(2006, 1, 14, 11), u(2006, 1, 14, 14, 30)),
            (u(2006, 1, 17, 10), u(2006, 1, 17, 16)),
            (u(2006, 1, 19, 10), u(2006, 1, 19, 16)),
        ),
    ),
    # periods/before_spec.rb
    c(
        BIZ,
        f"{_PB} one week of periods",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 8), 6),
        tuple(reversed(_WEEK1)),
    ),
    c(
        BIZ,
        f"{_PB} multiple weeks of periods",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 15), 12),
        tuple(reversed(_WEEK1 + _WEEK2)),
    ),
    c(
        BIZ,
        f"{_PB} origin outside a period: a full period first",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 3), 1),
        _WEEK1[:1],
    ),
    c(
        BIZ,
        f"{_PB} origin inside a period: a partial period first",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 2, 12), 1),
        spans((u(2006, 1, 2, 9), u(2006, 1, 2, 12))),
    ),
    c(
        BIZ,
        f"{_PB} a period on a holiday is left out",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 18), 2),
        spans(
            (u(2006, 1, 17, 10), u(2006, 1, 17, 16)), (u(2006, 1, 14, 11), u(2006, 1, 14, 14, 30))
        ),
    ),
    c(
        BIZ,
        f"{_PB} periods on several holidays are left out",
        "biz_h16_18",
        "periods_before",
        (u(2006, 1, 20), 3),
        spans(
            (u(2006, 1, 19, 10), u(2006, 1, 19, 16)),
            (u(2006, 1, 17, 10), u(2006, 1, 17, 16)),
            (u(2006, 1, 14, 11), u(2006, 1, 14, 14, 30)),
        ),
    ),
    c(
        BIZ,
        f"{_PB} origin near the end of the week (Asia/Brunei, Sunday hours)",
        "biz_brunei",
        "periods_before",
        (at("Asia/Brunei", 2006, 1, 8, 7), 1),
        spans((at("Asia/Brunei", 2006, 1, 8, 6), at("Asia/Brunei", 2006, 1, 8, 7))),
    ),
    c(
        BIZ,
        f"{_PB} #timeline until 2006-01-01",
        "biz_h16_18",
        "periods_between_backward",
        (u(2006, 1, 4), u(2006, 1, 1)),
        tuple(reversed(_WEEK1[:2])),
    ),
    # periods_spec.rb @0f65ae2 and timeline_spec.rb @0f65ae2 (same hours, no holidays)
    c(
        BIZ,
        "spec/periods_spec.rb @0f65ae2 #after",
        "biz",
        "periods_after",
        (u(2006, 1, 3), 2),
        _WEEK1[1:3],
    ),
    c(
        BIZ,
        "spec/periods_spec.rb @0f65ae2 #before",
        "biz",
        "periods_before",
        (u(2006, 1, 5), 2),
        tuple(reversed(_WEEK1[1:3])),
    ),
    c(
        BIZ,
        "spec/timeline_spec.rb @0f65ae2 #after until 2006-01-04",
        "biz",
        "periods_between",
        (u(2006, 1, 2), u(2006, 1, 4)),
        _WEEK1[:2],
    ),
    c(
        BIZ,
        "spec/timeline_spec.rb @0f65ae2 #before until 2006-01-03",
        "biz",
        "periods_between_backward",
        (u(2006, 1, 5), u(2006, 1, 3)),
        tuple(reversed(_WEEK1[1:3])),
    ),
    # timeline/forward_spec.rb: origin 2006-01-01 on a calendar open every January
    *[
        c(BIZ, f"{_TF} #until {d}", "biz_januaries", "periods_between", (u(2006), t), r)
        for d, t, r in [
            (
                "terminus with second precision",
                u(2006, 1, 1, 0, 1),
                spans((u(2006), u(2006, 1, 1, 0, 1))),
            ),
            ("terminus before the first period", u(2005), ()),
            ("terminus between periods", u(2007, 3), spans(_JAN(2006), _JAN(2007))),
            ("terminus at the beginning of a period", u(2008), spans(_JAN(2006), _JAN(2007))),
            ("terminus at the beginning of the first period", u(2006), ()),
            (
                "terminus in the middle of a period",
                u(2007, 1, 15),
                spans(_JAN(2006), (u(2007), u(2007, 1, 15))),
            ),
            ("terminus at the end of a period", u(2007, 2), spans(_JAN(2006), _JAN(2007))),
        ]
    ],
    *[
        c(BIZ, f"{_TF} #for {d}", "biz_januaries", "periods_for", (u(2006), t), r)
        for d, t, r in [
            ("duration with second precision", 2 * S, spans((u(2006), u(2006, 1, 1, 0, 0, 2)))),
            ("negative duration", -S, ()),
            ("zero duration", 0 * S, ()),
            ("contained by the first period", 15 * D, spans((u(2006), u(2006, 1, 16)))),
            ("the length of the first period", 31 * D, spans(_JAN(2006))),
            ("a set of full periods", 62 * D, spans(_JAN(2006), _JAN(2007))),
            (
                "ends in the middle of a period",
                46 * D,
                spans(_JAN(2006), (u(2007), u(2007, 1, 16))),
            ),
        ]
    ],
    # timeline/backward_spec.rb: origin 2006-02-01, going back
    *[
        c(
            BIZ,
            f"{_TB} #until {d}",
            "biz_januaries",
            "periods_between_backward",
            (u(2006, 2), t),
            r,
        )
        for d, t, r in [
            (
                "terminus with second precision",
                u(2006, 1, 1, 0, 1),
                spans((u(2006, 1, 1, 0, 1), u(2006, 2))),
            ),
            ("terminus after the first period", u(2007), ()),
            ("terminus between periods", u(2004, 3), spans(_JAN(2006), _JAN(2005))),
            ("terminus at the end of a period", u(2004, 2), spans(_JAN(2006), _JAN(2005))),
            ("terminus at the end of the first period", u(2006, 2), ()),
            (
                "terminus in the middle of a period",
                u(2005, 1, 15),
                spans(_JAN(2006), (u(2005, 1, 15), u(2005, 2))),
            ),
            ("terminus at the beginning of a period", u(2005), spans(_JAN(2006), _JAN(2005))),
        ]
    ],
    *[
        c(BIZ, f"{_TB} #for {d}", "biz_januaries", "periods_for_backward", (u(2006, 2), t), r)
        for d, t, r in [
            (
                "duration with second precision",
                2 * S,
                spans((u(2006, 1, 31, 23, 59, 58), u(2006, 2))),
            ),
            ("negative duration", -S, ()),
            ("zero duration", 0 * S, ()),
            ("contained by the first period", 15 * D, spans((u(2006, 1, 17), u(2006, 2)))),
            ("the length of the first period", 31 * D, spans(_JAN(2006))),
            ("a set of full periods", 62 * D, spans(_JAN(2006), _JAN(2005))),
            (
                "ends in the middle of a period",
                46 * D,
                spans(_JAN(2006), (u(2005, 1, 17), u(2005, 2))),
            ),
        ]
    ],
    # schedule_spec.rb (its breaks and holidays; '#periods' and '#dates' change the hours)
    c(
        BIZ,
        f"{_SC} #periods (Monday 01:00-02:00)",
        "biz_schedule_mon_01",
        "periods_after",
        (u(2006, 1, 1), 1),
        spans((u(2006, 1, 2, 1), u(2006, 1, 2, 2))),
    ),
    c(
        BIZ,
        f"{_SC} #dates (Monday and Friday)",
        "biz_schedule_mon_fri",
        "business_days_after",
        (date(2006, 1, 1), 2),
        (date(2006, 1, 2), date(2006, 1, 6)),
    ),
    c(
        BIZ,
        f"{_SC} #time 30 minutes after",
        "biz_schedule",
        "add",
        (u(2006, 1, 2, 9), 30 * M),
        u(2006, 1, 2, 9, 30),
    ),
    c(
        BIZ,
        f"{_SC} #within",
        "biz_schedule",
        "elapsed",
        (u(2006, 1, 5, 12), u(2006, 1, 6, 12)),
        7 * H,
    ),
    c(
        BIZ,
        f"{_SC} #in_hours? not in business hours",
        "biz_schedule",
        "is_open",
        (u(2006, 1, 2, 8),),
        False,
    ),
    c(
        BIZ,
        f"{_SC} #in_hours? in business hours",
        "biz_schedule",
        "is_open",
        (u(2006, 1, 2, 12),),
        True,
    ),
    c(
        BIZ,
        f"{_SC} #on_break? during a break",
        "biz_schedule",
        "on_break",
        (u(2006, 1, 2, 11),),
        True,
    ),
    c(
        BIZ,
        f"{_SC} #on_break? not during a break",
        "biz_schedule",
        "on_break",
        (u(2006, 1, 2, 13),),
        False,
    ),
    c(
        BIZ,
        f"{_SC} #on_holiday? during a holiday",
        "biz_schedule",
        "on_holiday",
        (u(2006, 12, 25, 12),),
        True,
    ),
    c(
        BIZ,
        f"{_SC} #on_holiday? not during a holiday",
        "biz_schedule",
        "on_holiday",
        (u(2006, 12, 26, 12),),
        False,
    ),
    c(
        BIZ,
        f"{_SC} #& returns an intersected schedule",
        "biz_schedule",
        "intersect_periods_after",
        ("biz_schedule_other", u(2006, 1, 1), 3),
        spans(
            (u(2006, 1, 2, 9), u(2006, 1, 2, 10)),
            (u(2006, 1, 3, 11), u(2006, 1, 3, 11, 15)),
            (u(2006, 1, 3, 11, 45), u(2006, 1, 3, 14, 15)),
        ),
        ours=spans(
            (u(2006, 1, 2, 16), u(2006, 1, 2, 17)),
            (u(2006, 1, 9, 16), u(2006, 1, 9, 17)),
            (u(2006, 1, 16, 16), u(2006, 1, 16, 17)),
        ),
        why="intersection_of_instants",
    ),
    # biz_spec.rb: the top-level schedule (Sunday 11:00-12:00, Africa/Abidjan)
    c(
        BIZ,
        f"{_BZ} .periods",
        "biz_top",
        "periods_after",
        (u(2006, 1, 1), 1),
        spans((u(2006, 1, 1, 11), u(2006, 1, 1, 12))),
    ),
    c(
        BIZ,
        f"{_BZ} .dates",
        "biz_top",
        "business_days_after",
        (date(2006, 1, 1), 1),
        (date(2006, 1, 8),),
    ),
    c(BIZ, f"{_BZ} .time", "biz_top", "add", (u(2006, 1, 1), 2 * H), u(2006, 1, 8, 12)),
    c(
        BIZ,
        f"{_BZ} .within",
        "biz_top",
        "elapsed",
        (u(2006, 1, 1, 11, 30), u(2006, 1, 8, 11, 30)),
        H,
    ),
    c(BIZ, f"{_BZ} .in_hours?", "biz_top", "is_open", (u(2006, 1, 1, 11),), True),
    c(
        BIZ,
        f"{_BZ} .on_break? (a Monday break on a Sunday-only schedule)",
        "biz_top",
        "on_break",
        (u(2015, 6, 1, 11),),
        True,
        ours=False,
        why="hours_close_first",
    ),
    c(BIZ, f"{_BZ} .on_holiday?", "biz_top", "on_holiday", (u(2015, 12, 25, 12),), True),
    # dates_spec.rb @f550995
    c(
        BIZ,
        "spec/dates_spec.rb @f550995 dates after 2006-01-01",
        "biz_dates",
        "business_days_after",
        (date(2006, 1, 1), 2),
        (date(2006, 1, 2), date(2006, 1, 16)),
    ),
]

# ======================================================================================
# seppemans/businesstimedelta
# ======================================================================================
_BTD = "businesstimedelta/test/businesstimedelta_tests.py @11d5f40"
_RT = "businesstimedelta/test/rules/rule_tests.py @238b272"
_WD = "businesstimedelta/test/rules/workdayrule_tests.py @1e9b75e"
_HR = "businesstimedelta/test/rules/holidayrule_tests.py @1e9b75e"
_XMAS = lambda y: (u(y, 12, 25), u(y, 12, 25, 23, 59, 59))  # noqa: E731
_XMAS_OURS = lambda y: (u(y, 12, 25), u(y, 12, 26))  # noqa: E731

BT_CASES = [
    c(
        BT,
        f"{_BTD} test_add_less_than_one_period",
        "bt",
        "add",
        (u(2016, 1, 23, 13, 14), 2 * H),
        u(2016, 1, 25, 11),
    ),
    c(
        BT,
        f"{_BTD} test_add_exactly_one_period",
        "bt",
        "add",
        (u(2016, 1, 22, 9), 8 * H),
        u(2016, 1, 22, 17),
    ),
    c(
        BT,
        f"{_BTD} test_add_more_than_one_period",
        "bt",
        "add",
        (u(2016, 1, 23, 13, 14), 12 * H),
        u(2016, 1, 26, 13),
    ),
    c(
        BT,
        f"{_BTD} test_subtract_less_than_one_period",
        "bt",
        "add",
        (u(2016, 1, 25, 11, 14), -2 * H),
        u(2016, 1, 25, 9, 14),
    ),
    c(
        BT,
        f"{_BTD} test_subtract_exactly_one_period",
        "bt",
        "add",
        (u(2016, 1, 22, 18), -8 * H),
        u(2016, 1, 22, 9),
    ),
    c(
        BT,
        f"{_BTD} test_subtract_more_than_one_period",
        "bt",
        "add",
        (u(2016, 1, 25, 11, 14), -8 * H),
        u(2016, 1, 22, 11, 14),
    ),
    c(
        BT,
        f"{_BTD} test_negation (dt + td - td == dt)",
        "bt",
        "add_then_back",
        (u(2016, 1, 25, 11, 14), 120 * H),
        u(2016, 1, 25, 11, 14),
    ),
    c(
        BT,
        f"{_BTD} ReadmeTest difference",
        "bt_readme",
        "elapsed",
        (u(2016, 1, 18, 9), u(2016, 1, 25, 9)),
        40 * H,
    ),
    c(
        BT,
        f"{_BTD} ReadmeTest start + 40 h",
        "bt_readme",
        "add",
        (u(2016, 1, 18, 9), 40 * H),
        u(2016, 1, 22, 18),
    ),
    c(
        BT,
        f"{_BTD} ReadmeTest end - 40 h",
        "bt_readme",
        "add",
        (u(2016, 1, 25, 9), -40 * H),
        u(2016, 1, 18, 9),
    ),
    c(
        BT,
        f"{_BTD} ReadmeTest with US-CA holidays (Christmas on a Friday)",
        "bt_readme_ca",
        "elapsed",
        (u(2015, 12, 21, 9), u(2015, 12, 28, 9)),
        32 * H,
    ),
    c(
        BT,
        f"{_BTD} test_readme_localized (Santiago hours, San Francisco times)",
        "bt_santiago",
        "elapsed",
        (at("America/Los_Angeles", 2016, 1, 18, 9), at("America/Los_Angeles", 2016, 1, 18, 18)),
        4 * H,
    ),
    c(
        BT,
        f"{_RT} test_difference_less_than_one_period",
        "bt",
        "elapsed",
        (u(2016, 1, 21, 10), u(2016, 1, 21, 10, 0, 5)),
        5 * S,
    ),
    c(
        BT,
        f"{_RT} test_difference_more_than_one_period",
        "bt",
        "elapsed",
        (u(2016, 1, 20, 10), u(2016, 1, 21, 10, 0, 5)),
        8 * H + 5 * S,
    ),
    c(
        BT,
        f"{_RT} test_difference_several_days_period",
        "bt",
        "elapsed",
        (u(2016, 1, 18, 2), u(2016, 1, 24)),
        40 * H,
    ),
    c(
        BT,
        f"{_RT} AdversarialRuleTest.test_no_workday_hours (09:00-09:00)",
        "bt",
        "weekday_hours_error",
        ("09:00-09:00",),
        timedelta(0),
        ours="InvalidScheduleError",
        why="empty_interval_refused",
    ),
    c(
        BT,
        f"{_RT} NightShiftRuleTest.test_difference_overnight (23:00-01:00)",
        "bt_night",
        "elapsed",
        (u(2016, 1, 21, 10), u(2016, 1, 22, 10)),
        2 * H,
    ),
    # WorkDayRule.next / .previous: the open period at or after (before) an instant
    c(
        BT,
        f"{_WD} test_next_during_weekend",
        "bt",
        "periods_after",
        (u(2016, 1, 23, 13, 14), 1),
        spans((u(2016, 1, 25, 9), u(2016, 1, 25, 17))),
    ),
    c(
        BT,
        f"{_WD} test_next_during_working_day",
        "bt",
        "periods_after",
        (u(2016, 1, 25, 10), 1),
        spans((u(2016, 1, 25, 10), u(2016, 1, 25, 17))),
    ),
    c(
        BT,
        f"{_WD} test_next_before_working_day",
        "bt",
        "periods_after",
        (u(2016, 1, 25, 3), 1),
        spans((u(2016, 1, 25, 9), u(2016, 1, 25, 17))),
    ),
    c(
        BT,
        f"{_WD} test_previous_during_working_day",
        "bt",
        "periods_before",
        (u(2016, 1, 25, 10), 1),
        spans((u(2016, 1, 25, 9), u(2016, 1, 25, 10))),
    ),
    c(
        BT,
        f"{_WD} test_previous_during_weekend",
        "bt",
        "periods_before",
        (u(2016, 1, 23, 13, 14), 1),
        spans((u(2016, 1, 22, 9), u(2016, 1, 22, 17))),
    ),
    c(
        BT,
        f"{_WD} test_previous_at_working_day_start",
        "bt",
        "periods_before",
        (u(2016, 1, 25, 9), 1),
        spans((u(2016, 1, 22, 9), u(2016, 1, 22, 17))),
    ),
    c(
        BT,
        f"{_WD} test_previous_at_working_day_end",
        "bt",
        "periods_before",
        (u(2016, 1, 25, 17), 1),
        spans((u(2016, 1, 25, 9), u(2016, 1, 25, 17))),
    ),
    c(
        BT,
        f"{_WD} test_previous_after_working_day_end",
        "bt",
        "periods_before",
        (u(2016, 1, 25, 18), 1),
        spans((u(2016, 1, 25, 9), u(2016, 1, 25, 17))),
    ),
    c(
        BT,
        f"{_WD} LunchTimeRuleTest.test_next_during_lunch_time (the time off)",
        "bt_lunch",
        "closed_span_next",
        (u(2016, 1, 25, 12, 30),),
        (u(2016, 1, 25, 12, 30), u(2016, 1, 25, 13)),
    ),
    c(
        BT,
        "businesstimedelta/test/rules/ruleset_tests.py @1e9b75e (and rules_tests.py) "
        "test_next_during_lunch_break",
        "bt_lunch",
        "periods_after",
        (u(2016, 1, 25, 12, 30), 1),
        spans((u(2016, 1, 25, 13), u(2016, 1, 25, 17))),
    ),
    # HolidayRule.next / .previous: the holiday (time off) at or after (before) an instant,
    # clipped at it; here on a calendar open all the time but on the holidays.
    c(
        BT,
        f"{_HR} test_next_before_holiday",
        "bt_xmas",
        "holiday_next",
        (u(2016, 1, 23, 12, 43),),
        _XMAS(2016),
        ours=_XMAS_OURS(2016),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_next_during_holiday",
        "bt_xmas",
        "holiday_next",
        (u(2016, 12, 25, 12),),
        (u(2016, 12, 25, 12), u(2016, 12, 25, 23, 59, 59)),
        ours=(u(2016, 12, 25, 12), u(2016, 12, 26)),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_next_after_holiday",
        "bt_xmas",
        "holiday_next",
        (u(2016, 12, 26),),
        _XMAS(2017),
        ours=_XMAS_OURS(2017),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_next_during_holiday_start_edge",
        "bt_xmas",
        "holiday_next",
        (u(2016, 12, 25),),
        _XMAS(2016),
        ours=_XMAS_OURS(2016),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_next_during_holiday_end_edge",
        "bt_xmas",
        "holiday_next",
        (u(2016, 12, 25, 23, 59, 59),),
        _XMAS(2016),
        ours=(u(2016, 12, 25, 23, 59, 59), u(2016, 12, 26)),
        why="holiday_end_edge_quirk",
    ),
    c(
        BT,
        f"{_HR} test_next_during_holiday_cross_timezone",
        "bt_xmas",
        "holiday_next",
        (at("US/Pacific", 2016, 12, 24, 20),),
        (u(2016, 12, 25, 4), u(2016, 12, 25, 23, 59, 59)),
        ours=(u(2016, 12, 25, 4), u(2016, 12, 26)),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_previous_before_holiday",
        "bt_xmas",
        "holiday_previous",
        (u(2016, 1, 22),),
        _XMAS(2015),
        ours=_XMAS_OURS(2015),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_previous_after_holiday",
        "bt_xmas",
        "holiday_previous",
        (u(2016, 12, 27),),
        _XMAS(2016),
        ours=_XMAS_OURS(2016),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_previous_during_holiday",
        "bt_xmas",
        "holiday_previous",
        (u(2016, 12, 25, 12),),
        (u(2016, 12, 25), u(2016, 12, 25, 12)),
    ),
    c(
        BT,
        f"{_HR} test_next_with_holiday_module (holidays.US)",
        "bt_us",
        "holiday_next",
        (u(2015, 12, 23, 12),),
        _XMAS(2015),
        ours=_XMAS_OURS(2015),
        why="holiday_ends_2359_59",
    ),
    c(
        BT,
        f"{_HR} test_previous_with_holiday_module (holidays.US)",
        "bt_us",
        "holiday_previous",
        (u(2015, 12, 26, 12),),
        _XMAS(2015),
        ours=_XMAS_OURS(2015),
        why="holiday_ends_2359_59",
    ),
]

# ======================================================================================
# Intrepidd/working_hours (spec/working_hours/computation_spec.rb @cf3ca53; Time.local and
# zone-less Time.new read as UTC, the default config zone)
# ======================================================================================
_CO = "spec/working_hours/computation_spec.rb @cf3ca53"

WH_CASES = [
    # #add_days
    c(
        WH,
        f"{_CO} #add_days can add working days to date",
        "wh",
        "add_business_days",
        (date(1991, 11, 15), 2),
        date(1991, 11, 19),
    ),
    c(
        WH,
        f"{_CO} #add_days can substract working days from date",
        "wh",
        "add_business_days",
        (date(1991, 11, 15), -7),
        date(1991, 11, 6),
    ),
    c(
        WH,
        f"{_CO} #add_days can add working days to time",
        "wh",
        "add_business_days",
        (u(1991, 11, 15, 14, 0, 42), 1),
        u(1991, 11, 18, 14, 0, 42),
    ),
    c(
        WH,
        f"{_CO} #add_days can add working days to TimeWithZone (Tokyo)",
        "wh",
        "add_business_days",
        (u(1991, 11, 15, 14, 0, 42).astimezone(ZoneInfo("Asia/Tokyo")), 1),
        u(1991, 11, 18, 14, 0, 42),
    ),
    c(
        WH,
        f"{_CO} #add_days skips non worked days",
        "wh_mon_wed",
        "add_business_days",
        (date(2014, 4, 7), 1),
        date(2014, 4, 9),
    ),
    c(
        WH,
        f"{_CO} #add_days skips holidays",
        "wh_h0408",
        "add_business_days",
        (date(2014, 4, 7), 1),
        date(2014, 4, 9),
    ),
    c(
        WH,
        f"{_CO} #add_days skips holidays and non worked days",
        "wh_mon_wed_h0409",
        "add_business_days",
        (date(2014, 4, 7), 3),
        date(2014, 4, 21),
    ),
    c(
        WH,
        f"{_CO} #add_days accepts time given from any time zone",
        "wh_tokyo",
        "add_business_days",
        (u(1991, 11, 14, 21), 1),
        off(9, 1991, 11, 18, 6),
    ),
    # #add_hours, #add_minutes, #add_seconds
    c(
        WH,
        f"{_CO} #add_hours adds working hours",
        "wh",
        "add",
        (u(1991, 11, 15, 14, 0, 42), 2 * H),
        u(1991, 11, 15, 16, 0, 42),
    ),
    c(
        WH,
        f"{_CO} #add_hours can substract working hours",
        "wh",
        "add",
        (u(1991, 11, 18, 14, 0, 42), -7 * H),
        u(1991, 11, 15, 15, 0, 42),
    ),
    c(
        WH,
        f"{_CO} #add_hours accepts time given from any time zone",
        "wh_tokyo",
        "add",
        (u(1991, 11, 15, 7), 3 * H),
        off(9, 1991, 11, 18, 11),
    ),
    c(
        WH,
        f"{_CO} #add_hours moves correctly with multiple timespans",
        "wh_split_mon",
        "add",
        (u(1991, 11, 11, 5), 6 * H),
        u(1991, 11, 11, 14),
    ),
    c(
        WH,
        f"{_CO} #add_minutes adds working minutes",
        "wh",
        "add",
        (u(1991, 11, 15, 16, 30, 42), 45 * M),
        u(1991, 11, 18, 9, 15, 42),
    ),
    c(
        WH,
        f"{_CO} #add_seconds adds working seconds",
        "wh",
        "add",
        (u(1991, 11, 15, 16, 59, 42), 120 * S),
        u(1991, 11, 18, 9, 1, 42),
    ),
    c(
        WH,
        f"{_CO} #add_seconds supports midnight when advancing time",
        "wh_mon_24",
        "add",
        (u(2014, 4, 7, 23, 59, 30), 60 * S),
        u(2014, 4, 14, 0, 0, 30),
    ),
    c(
        WH,
        f"{_CO} #add_seconds supports midnight when rewinding time",
        "wh_mon_24_tue_8_18",
        "add",
        (u(2014, 4, 8, 0, 0, 30), -60 * S),
        u(2014, 4, 7, 23, 59),
    ),
    # #advance_to_working_time: next_open
    *[
        c(WH, f"{_CO} #advance_to_working_time {d}", cal, "next_open", (t,), r)
        for d, cal, t, r in [
            ("jumps non-working day (holiday)", "wh_h0501", u(2014, 5, 1, 12), u(2014, 5, 2, 9)),
            ("jumps non-working day (Sunday)", "wh_h0501", u(2014, 6, 1, 12), u(2014, 6, 2, 9)),
            (
                "returns self during working hours (09:00)",
                "wh",
                u(2014, 4, 7, 9),
                u(2014, 4, 7, 9),
            ),
            (
                "returns self during working hours (16:59)",
                "wh",
                u(2014, 4, 7, 16, 59),
                u(2014, 4, 7, 16, 59),
            ),
            ("jumps outside working hours (08:59)", "wh", u(2014, 4, 7, 8, 59), u(2014, 4, 7, 9)),
            ("jumps outside working hours (17:00)", "wh", u(2014, 4, 7, 17), u(2014, 4, 8, 9)),
            (
                "move between timespans (11:59)",
                "wh_split_mon",
                u(2014, 4, 7, 11, 59),
                u(2014, 4, 7, 11, 59),
            ),
            (
                "move between timespans (12:00)",
                "wh_split_mon",
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 13),
            ),
            (
                "move between timespans (12:59)",
                "wh_split_mon",
                u(2014, 4, 7, 12, 59),
                u(2014, 4, 7, 13),
            ),
            (
                "move between timespans (13:00)",
                "wh_split_mon",
                u(2014, 4, 7, 13),
                u(2014, 4, 7, 13),
            ),
            (
                "works with any input timezone (-09:00)",
                "wh",
                off(-9, 2014, 4, 7),
                u(2014, 4, 7, 9),
            ),
            (
                "works with any input timezone (+02:00)",
                "wh",
                off(2, 2014, 4, 7, 22),
                u(2014, 4, 8, 9),
            ),
            (
                "jumps outside holiday hours",
                "wh_fri_holiday_hours",
                u(2019, 12, 27, 9),
                u(2019, 12, 27, 10),
            ),
        ]
    ],
    c(
        WH,
        f"{_CO} #advance_to_working_time returns time in config zone",
        "wh_tokyo",
        "next_open_zone_name",
        (u(2014, 4, 7),),
        "JST",
    ),
    # #advance_to_closing_time: next_close
    *[
        c(WH, f"{_CO} #advance_to_closing_time {d}", cal, "next_close", (t,), r)
        for d, cal, t, r in [
            ("jumps non-working day (holiday)", "wh_h0501", u(2014, 5, 1, 12), u(2014, 5, 2, 17)),
            ("jumps non-working day (Sunday)", "wh_h0501", u(2014, 6, 1, 12), u(2014, 6, 2, 17)),
            (
                "moves to the closing time during working hours",
                "wh",
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 17),
            ),
            (
                "jumps outside working hours (before opening)",
                "wh",
                u(2014, 4, 7, 8, 59),
                u(2014, 4, 7, 17),
            ),
            (
                "jumps outside working hours (at closing)",
                "wh",
                u(2014, 4, 7, 17),
                u(2014, 4, 8, 17),
            ),
            (
                "moves from morning to end of morning slot",
                "wh_split_week",
                u(2014, 4, 7, 10),
                u(2014, 4, 7, 12),
            ),
            (
                "moves from break time to end of afternoon slot",
                "wh_split_week",
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 18),
            ),
            (
                "moves from afternoon closing slot to next day",
                "wh_split_week",
                u(2014, 4, 7, 18),
                u(2014, 4, 8, 17),
            ),
            (
                "works with any input timezone (-09:00)",
                "wh",
                off(-9, 2014, 4, 7),
                off(-5, 2014, 4, 7, 12),
            ),
            (
                "works with any input timezone (+02:00)",
                "wh",
                off(2, 2014, 4, 7, 22),
                u(2014, 4, 8, 17),
            ),
        ]
    ],
    c(
        WH,
        f"{_CO} #advance_to_closing_time supporting midnight: moves from morning to midnight",
        "wh_mon_24_tue_9_17",
        "next_close",
        (u(2014, 4, 7),),
        u(2014, 4, 7, 23, 59, 59, 999999),
        ours=u(2014, 4, 8),
        why="midnight_as_last_microsecond",
    ),
    c(
        WH,
        f"{_CO} #advance_to_closing_time supporting midnight: moves from midnight to end of "
        "next slot",
        "wh_mon_24_tue_9_17",
        "next_close",
        (u(2014, 4, 7, 23, 59, 59, 999999),),
        u(2014, 4, 8, 17),
        ours=u(2014, 4, 8),
        why="midnight_as_last_microsecond",
    ),
    c(
        WH,
        f"{_CO} #advance_to_closing_time supporting midnight: moves over midnight",
        "wh_mon_24_tue_9_17",
        "next_close",
        (u(2014, 4, 6, 17),),
        u(2014, 4, 7, 23, 59, 59, 999999),
        ours=u(2014, 4, 8),
        why="midnight_as_last_microsecond",
    ),
    c(
        WH,
        f"{_CO} #advance_to_closing_time returns time in config zone",
        "wh_tokyo",
        "next_close_zone_name",
        (u(2014, 4, 7),),
        "JST",
    ),
    # #next_working_time: the start of the next open period beginning after t
    *[
        c(WH, f"{_CO} #next_working_time {d}", cal, "next_period_start", (t,), r)
        for d, cal, t, r in [
            ("jumps non-working day (holiday)", "wh_h0501", u(2014, 5, 1, 12), u(2014, 5, 2, 9)),
            ("jumps non-working day (Sunday)", "wh_h0501", u(2014, 6, 1, 12), u(2014, 6, 2, 9)),
            (
                "moves to the following timespan during working hours",
                "wh",
                u(2014, 4, 7, 12),
                u(2014, 4, 8, 9),
            ),
            (
                "jumps outside working hours (before opening)",
                "wh",
                u(2014, 4, 7, 8, 59),
                u(2014, 4, 7, 9),
            ),
            (
                "jumps outside working hours (at closing)",
                "wh",
                u(2014, 4, 7, 17),
                u(2014, 4, 8, 9),
            ),
            (
                "moves from morning to afternoon slot",
                "wh_split_week",
                u(2014, 4, 7, 10),
                u(2014, 4, 7, 13),
            ),
            (
                "moves from break time to afternoon slot",
                "wh_split_week",
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 13),
            ),
            (
                "moves from afternoon slot to next day",
                "wh_split_week",
                u(2014, 4, 7, 13),
                u(2014, 4, 8, 9),
            ),
            (
                "works with any input timezone (-09:00)",
                "wh",
                off(-9, 2014, 4, 7),
                u(2014, 4, 8, 9),
            ),
            (
                "works with any input timezone (+02:00)",
                "wh",
                off(2, 2014, 4, 7, 22),
                u(2014, 4, 8, 9),
            ),
        ]
    ],
    # #return_to_working_time: previous_open
    *[
        c(WH, f"{_CO} #return_to_working_time {d}", cal, "previous_open", (t,), r, ours, why)
        for d, cal, t, r, ours, why in [
            (
                "jumps non-working day (holiday)",
                "wh_h0501",
                u(2014, 5, 1, 12),
                u(2014, 4, 30, 17),
                u(2014, 4, 30, 17) - US,
                "rollback_microsecond",
            ),
            (
                "jumps non-working day (Sunday)",
                "wh_h0501",
                u(2014, 6, 1, 12),
                u(2014, 5, 30, 17),
                u(2014, 5, 30, 17) - US,
                "rollback_microsecond",
            ),
            (
                "returns self during working hours (09:01)",
                "wh",
                u(2014, 4, 7, 9, 1),
                u(2014, 4, 7, 9, 1),
                SAME,
                "",
            ),
            (
                "returns self during working hours (17:00)",
                "wh",
                u(2014, 4, 7, 17),
                u(2014, 4, 7, 17),
                u(2014, 4, 7, 17) - US,
                "rollback_microsecond",
            ),
            (
                "jumps outside working hours (17:01)",
                "wh",
                u(2014, 4, 7, 17, 1),
                u(2014, 4, 7, 17),
                u(2014, 4, 7, 17) - US,
                "rollback_microsecond",
            ),
            (
                "jumps outside working hours (next day 09:00)",
                "wh",
                u(2014, 4, 8, 9),
                u(2014, 4, 7, 17),
                u(2014, 4, 8, 9),
                "backward_excludes_opening",
            ),
            (
                "move between timespans (13:01)",
                "wh_split_mon",
                u(2014, 4, 7, 13, 1),
                u(2014, 4, 7, 13, 1),
                SAME,
                "",
            ),
            (
                "move between timespans (13:00)",
                "wh_split_mon",
                u(2014, 4, 7, 13),
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 13),
                "backward_excludes_opening",
            ),
            (
                "move between timespans (12:01)",
                "wh_split_mon",
                u(2014, 4, 7, 12, 1),
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 12) - US,
                "rollback_microsecond",
            ),
            (
                "move between timespans (12:00)",
                "wh_split_mon",
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 12),
                u(2014, 4, 7, 12) - US,
                "rollback_microsecond",
            ),
            (
                "works with any input timezone (-09:00)",
                "wh",
                off(-9, 2014, 4, 7, 1),
                u(2014, 4, 7, 10),
                SAME,
                "",
            ),
            (
                "works with any input timezone (+02:00)",
                "wh",
                off(2, 2014, 4, 7, 22),
                u(2014, 4, 7, 17),
                u(2014, 4, 7, 17) - US,
                "rollback_microsecond",
            ),
        ]
    ],
    c(
        WH,
        f"{_CO} #return_to_working_time returns time in config zone",
        "wh_tokyo",
        "previous_open_zone_name",
        (u(2014, 4, 7, 1),),
        "JST",
    ),
    # #working_day?
    c(
        WH,
        f"{_CO} #working_day? returns true on working day",
        "wh",
        "is_business_day",
        (date(2014, 4, 7),),
        True,
    ),
    c(
        WH,
        f"{_CO} #working_day? skips holidays",
        "wh_h0501",
        "is_business_day",
        (date(2014, 5, 1),),
        False,
    ),
    c(
        WH,
        f"{_CO} #working_day? skips non working days",
        "wh",
        "is_business_day",
        (date(2014, 4, 6),),
        False,
    ),
    # #in_working_hours?
    *[
        c(WH, f"{_CO} #in_working_hours? {d}", cal, "is_open", (t,), r)
        for d, cal, t, r in [
            ("false in non-working day (holiday)", "wh_h0501", u(2014, 5, 1, 12), False),
            ("false in non-working day (Sunday)", "wh_h0501", u(2014, 6, 1, 12), False),
            ("true during working hours (09:00)", "wh", u(2014, 4, 7, 9), True),
            ("true during working hours (16:59)", "wh", u(2014, 4, 7, 16, 59), True),
            ("false outside working hours (08:59)", "wh", u(2014, 4, 7, 8, 59), False),
            ("false outside working hours (17:00)", "wh", u(2014, 4, 7, 17), False),
            ("multiple timespan (11:59)", "wh_split_mon", u(2014, 4, 7, 11, 59), True),
            ("multiple timespan (12:00)", "wh_split_mon", u(2014, 4, 7, 12), False),
            ("multiple timespan (12:59)", "wh_split_mon", u(2014, 4, 7, 12, 59), False),
            ("multiple timespan (13:00)", "wh_split_mon", u(2014, 4, 7, 13), True),
            ("works with any timezone (Tokyo)", "wh_tokyo", u(2014, 4, 7), True),
        ]
    ],
    # #working_days_between
    *[
        c(WH, f"{_CO} #working_days_between {d}", "wh", "business_days_between", (a, b), r, o, w)
        for d, a, b, r, o, w in [
            ("returns 0 if same date", date(1991, 11, 15), date(1991, 11, 15), 0, SAME, ""),
            ("returns 0 if time in same day", u(1991, 11, 15, 8), u(1991, 11, 15, 4), 0, SAME, ""),
            ("counts working days", date(1991, 11, 15), date(1991, 11, 22), 5, SAME, ""),
            (
                "returns negative if params are reversed",
                date(1991, 11, 22),
                date(1991, 11, 15),
                -5,
                SAME,
                "",
            ),
            (
                "returns 0 from friday to saturday",
                date(1991, 11, 15),
                date(1991, 11, 16),
                0,
                1,
                "days_between_end_inclusive",
            ),
            (
                "returns 1 from sunday to monday",
                date(1991, 11, 17),
                date(1991, 11, 18),
                1,
                0,
                "days_between_end_inclusive",
            ),
        ]
    ],
    # #working_time_between: elapsed
    *[
        c(WH, f"{_CO} #working_time_between {d}", cal, "elapsed", (a, b), r, o, w)
        for d, cal, a, b, r, o, w in [
            (
                "returns 0 if same time",
                "wh",
                u(2014, 4, 7, 8),
                u(2014, 4, 7, 8),
                timedelta(0),
                SAME,
                "",
            ),
            (
                "returns 0 during non working time",
                "wh",
                u(2014, 4, 11, 20),
                u(2014, 4, 14, 5),
                timedelta(0),
                SAME,
                "",
            ),
            (
                "ignores miliseconds",
                "wh",
                u(2014, 4, 13, 9, 10, 24, 10000),
                u(2014, 4, 14, 9, 10, 24, 20000),
                624 * S,
                624 * S + 20000 * US,
                "sub_second_dropped",
            ),
            (
                "returns distance in same period",
                "wh",
                u(2014, 4, 7, 10),
                u(2014, 4, 7, 15),
                5 * H,
                SAME,
                "",
            ),
            (
                "returns negative if params are reversed",
                "wh",
                u(2014, 4, 7, 15),
                u(2014, 4, 7, 10),
                -5 * H,
                SAME,
                "",
            ),
            (
                "returns full day if outside period",
                "wh",
                u(2014, 4, 7, 7),
                u(2014, 4, 7, 20),
                8 * H,
                SAME,
                "",
            ),
            (
                "supports midnight (105 complete Mondays in 2 years)",
                "wh_mon_24",
                u(2014, 4, 6, 12),
                u(2016, 4, 6, 12),
                24 * H * 105,
                SAME,
                "",
            ),
            (
                "handles multiple timespans (11:59-13:01)",
                "wh_split_mon",
                u(2014, 4, 7, 11, 59),
                u(2014, 4, 7, 13, 1),
                2 * M,
                SAME,
                "",
            ),
            (
                "handles multiple timespans (a week)",
                "wh_split_mon",
                u(2014, 4, 7, 11),
                u(2014, 4, 14, 13),
                11 * H,
                SAME,
                "",
            ),
            (
                "works with any timezone (converts to config)",
                "wh",
                off(-9, 2014, 4, 7, 1),
                off(-4, 2014, 4, 7, 15),
                7 * H,
                SAME,
                "",
            ),
        ]
    ],
    c(
        WH,
        "spec/working_hours/duration_spec.rb @157f151 #from_now (Friday 21:00 + 1 working day)",
        "wh",
        "add_business_days",
        (u(1991, 11, 15, 21), 1),
        u(1991, 11, 18, 21),
    ),
]

# ======================================================================================
# pandas-dev/pandas: BusinessHour and CustomBusinessHour (naive times, read as UTC).
# `d + BusinessHour(n)` is add(d, n hours); rollforward is next_open, rollback
# previous_open, is_on_offset is_open; a normalized offset gives the result's date.
# Nanosecond cases are ported at microsecond scale (slaclock's resolution).
# ======================================================================================
_BH = "pandas/tests/tseries/offsets/test_business_hour.py @0134e1a"
_CBH = "pandas/tests/tseries/offsets/test_custom_business_hour.py @233e241"

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _pd(source: str, cal: str, n: int, pairs: Pairs, op: str = "add") -> list[Case]:
    out = []
    for base, exp in pairs:
        if op == "add_date":
            out.append(c(PD, source, cal, op, (u(*base), n * H), date(*exp)))
        else:
            out.append(c(PD, source, cal, op, (u(*base), n * H), u(*exp)))
    return out


def _pd_points(
    source: str, cal: str, op: str, pairs: list[tuple[tuple[int, ...], object]]
) -> list[Case]:
    return [
        c(PD, source, cal, op, (u(*t),), u(*r) if isinstance(r, tuple) else r) for t, r in pairs
    ]


_APPLY = f"{_BH} test_apply"
PD_RAW: list[Case] = [
    *_pd(f"{_BH} test_with_offset", "pd", 3, [((2014, 7, 1, 10), (2014, 7, 1, 13))]),
    *_pd(f"{_BH} test_add_datetime offset1", "pd", 1, [((2014, 7, 1, 10), (2014, 7, 1, 11))]),
    # (offset3 + dt, -1 h from 2014-07-01 10:00, is also in test_apply BusinessHour(-1))
    *_pd(f"{_BH} test_add_datetime offset4", "pd", -4, [((2014, 7, 1, 10), (2014, 6, 30, 14))]),
    *_pd(
        f"{_BH} test_add_datetime offset8",
        "pd_9_12_13_17",
        1,
        [((2014, 7, 1, 10), (2014, 7, 1, 11))],
    ),
    *_pd(
        f"{_BH} test_add_datetime offset9",
        "pd_9_13_22_03",
        3,
        [((2014, 7, 1, 10), (2014, 7, 1, 22))],
    ),
    *_pd(
        f"{_BH} test_add_datetime offset10",
        "pd_13_17_23_02",
        -1,
        [((2014, 7, 1, 10), (2014, 7, 1, 1))],
    ),
    *_pd(
        f"{_BH} test_subtract_bh_at_opening_boundary (GH#33682)",
        "pd",
        -1,
        [((2000, 1, 10, 10), (2000, 1, 10, 9))],
    ),
    # test_apply
    *_pd(
        f"{_APPLY} BusinessHour()",
        "pd",
        1,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 12)),
            ((2014, 7, 1, 13), (2014, 7, 1, 14)),
            ((2014, 7, 1, 15), (2014, 7, 1, 16)),
            ((2014, 7, 1, 19), (2014, 7, 2, 10)),
            ((2014, 7, 1, 16), (2014, 7, 2, 9)),
            ((2014, 7, 1, 16, 30, 15), (2014, 7, 2, 9, 30, 15)),
            ((2014, 7, 1, 17), (2014, 7, 2, 10)),
            ((2014, 7, 2, 11), (2014, 7, 2, 12)),
            ((2014, 7, 2, 8), (2014, 7, 2, 10)),
            ((2014, 7, 2, 19), (2014, 7, 3, 10)),
            ((2014, 7, 2, 23), (2014, 7, 3, 10)),
            ((2014, 7, 3, 0), (2014, 7, 3, 10)),
            ((2014, 7, 5, 15), (2014, 7, 7, 10)),
            ((2014, 7, 4, 17), (2014, 7, 7, 10)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7, 9, 30)),
            ((2014, 7, 4, 16, 30, 30), (2014, 7, 7, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(4)",
        "pd",
        4,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 15)),
            ((2014, 7, 1, 13), (2014, 7, 2, 9)),
            ((2014, 7, 1, 15), (2014, 7, 2, 11)),
            ((2014, 7, 1, 16), (2014, 7, 2, 12)),
            ((2014, 7, 1, 17), (2014, 7, 2, 13)),
            ((2014, 7, 2, 11), (2014, 7, 2, 15)),
            ((2014, 7, 2, 8), (2014, 7, 2, 13)),
            ((2014, 7, 2, 19), (2014, 7, 3, 13)),
            ((2014, 7, 2, 23), (2014, 7, 3, 13)),
            ((2014, 7, 3, 0), (2014, 7, 3, 13)),
            ((2014, 7, 5, 15), (2014, 7, 7, 13)),
            ((2014, 7, 4, 17), (2014, 7, 7, 13)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7, 12, 30)),
            ((2014, 7, 4, 16, 30, 30), (2014, 7, 7, 12, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(-1)",
        "pd",
        -1,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 10)),
            ((2014, 7, 1, 13), (2014, 7, 1, 12)),
            ((2014, 7, 1, 15), (2014, 7, 1, 14)),
            ((2014, 7, 1, 16), (2014, 7, 1, 15)),
            ((2014, 7, 1, 10), (2014, 7, 1, 9)),
            ((2014, 7, 1, 16, 30, 15), (2014, 7, 1, 15, 30, 15)),
            ((2014, 7, 1, 9, 30, 15), (2014, 6, 30, 16, 30, 15)),
            ((2014, 7, 1, 17), (2014, 7, 1, 16)),
            ((2014, 7, 1, 5), (2014, 6, 30, 16)),
            ((2014, 7, 2, 11), (2014, 7, 2, 10)),
            ((2014, 7, 2, 8), (2014, 7, 1, 16)),
            ((2014, 7, 2, 19), (2014, 7, 2, 16)),
            ((2014, 7, 2, 23), (2014, 7, 2, 16)),
            ((2014, 7, 3, 0), (2014, 7, 2, 16)),
            ((2014, 7, 5, 15), (2014, 7, 4, 16)),
            ((2014, 7, 7, 9), (2014, 7, 4, 16)),
            ((2014, 7, 7, 9, 30), (2014, 7, 4, 16, 30)),
            ((2014, 7, 7, 9, 30, 30), (2014, 7, 4, 16, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(-4)",
        "pd",
        -4,
        [
            ((2014, 7, 1, 11), (2014, 6, 30, 15)),
            ((2014, 7, 1, 13), (2014, 7, 1, 9)),
            ((2014, 7, 1, 15), (2014, 7, 1, 11)),
            ((2014, 7, 1, 16), (2014, 7, 1, 12)),
            ((2014, 7, 1, 17), (2014, 7, 1, 13)),
            ((2014, 7, 2, 11), (2014, 7, 1, 15)),
            ((2014, 7, 2, 8), (2014, 7, 1, 13)),
            ((2014, 7, 2, 19), (2014, 7, 2, 13)),
            ((2014, 7, 2, 23), (2014, 7, 2, 13)),
            ((2014, 7, 3, 0), (2014, 7, 2, 13)),
            ((2014, 7, 5, 15), (2014, 7, 4, 13)),
            ((2014, 7, 4, 18), (2014, 7, 4, 13)),
            ((2014, 7, 7, 9, 30), (2014, 7, 4, 13, 30)),
            ((2014, 7, 7, 9, 30, 30), (2014, 7, 4, 13, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(start='13:00', end='16:00')",
        "pd_13_16",
        1,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 14)),
            ((2014, 7, 1, 13), (2014, 7, 1, 14)),
            ((2014, 7, 1, 15), (2014, 7, 2, 13)),
            ((2014, 7, 1, 19), (2014, 7, 2, 14)),
            ((2014, 7, 1, 16), (2014, 7, 2, 14)),
            ((2014, 7, 1, 15, 30, 15), (2014, 7, 2, 13, 30, 15)),
            ((2014, 7, 5, 15), (2014, 7, 7, 14)),
            ((2014, 7, 4, 17), (2014, 7, 7, 14)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=2, start='13:00', end='16:00')",
        "pd_13_16",
        2,
        [
            ((2014, 7, 1, 17), (2014, 7, 2, 15)),
            ((2014, 7, 2, 14), (2014, 7, 3, 13)),
            ((2014, 7, 2, 8), (2014, 7, 2, 15)),
            ((2014, 7, 2, 19), (2014, 7, 3, 15)),
            ((2014, 7, 2, 14, 30), (2014, 7, 3, 13, 30)),
            ((2014, 7, 3, 0), (2014, 7, 3, 15)),
            ((2014, 7, 5, 15), (2014, 7, 7, 15)),
            ((2014, 7, 4, 17), (2014, 7, 7, 15)),
            ((2014, 7, 4, 14, 30), (2014, 7, 7, 13, 30)),
            ((2014, 7, 4, 14, 30, 30), (2014, 7, 7, 13, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-1, start='13:00', end='16:00')",
        "pd_13_16",
        -1,
        [
            ((2014, 7, 2, 11), (2014, 7, 1, 15)),
            ((2014, 7, 2, 13), (2014, 7, 1, 15)),
            ((2014, 7, 2, 14), (2014, 7, 2, 13)),
            ((2014, 7, 2, 15), (2014, 7, 2, 14)),
            ((2014, 7, 2, 19), (2014, 7, 2, 15)),
            ((2014, 7, 2, 16), (2014, 7, 2, 15)),
            ((2014, 7, 2, 13, 30, 15), (2014, 7, 1, 15, 30, 15)),
            ((2014, 7, 5, 15), (2014, 7, 4, 15)),
            ((2014, 7, 7, 11), (2014, 7, 4, 15)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-3, start='10:00', end='16:00')",
        "pd_10_16",
        -3,
        [
            ((2014, 7, 1, 17), (2014, 7, 1, 13)),
            ((2014, 7, 2, 14), (2014, 7, 2, 11)),
            ((2014, 7, 2, 8), (2014, 7, 1, 13)),
            ((2014, 7, 2, 13), (2014, 7, 2, 10)),
            ((2014, 7, 2, 19), (2014, 7, 2, 13)),
            ((2014, 7, 2, 11, 30), (2014, 7, 1, 14, 30)),
            ((2014, 7, 3, 0), (2014, 7, 2, 13)),
            ((2014, 7, 4, 10), (2014, 7, 3, 13)),
            ((2014, 7, 5, 15), (2014, 7, 4, 13)),
            ((2014, 7, 4, 16), (2014, 7, 4, 13)),
            ((2014, 7, 4, 12, 30), (2014, 7, 3, 15, 30)),
            ((2014, 7, 4, 12, 30, 30), (2014, 7, 3, 15, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(start='19:00', end='05:00')",
        "pd_19_05",
        1,
        [
            ((2014, 7, 1, 17), (2014, 7, 1, 20)),
            ((2014, 7, 2, 14), (2014, 7, 2, 20)),
            ((2014, 7, 2, 8), (2014, 7, 2, 20)),
            ((2014, 7, 2, 13), (2014, 7, 2, 20)),
            ((2014, 7, 2, 19), (2014, 7, 2, 20)),
            ((2014, 7, 2, 4, 30), (2014, 7, 2, 19, 30)),
            ((2014, 7, 3, 0), (2014, 7, 3, 1)),
            ((2014, 7, 4, 10), (2014, 7, 4, 20)),
            ((2014, 7, 4, 23), (2014, 7, 5, 0)),
            ((2014, 7, 5, 0), (2014, 7, 5, 1)),
            ((2014, 7, 5, 4), (2014, 7, 7, 19)),
            ((2014, 7, 5, 4, 30), (2014, 7, 7, 19, 30)),
            ((2014, 7, 5, 4, 30, 30), (2014, 7, 7, 19, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-1, start='19:00', end='05:00')",
        "pd_19_05",
        -1,
        [
            ((2014, 7, 1, 17), (2014, 7, 1, 4)),
            ((2014, 7, 2, 14), (2014, 7, 2, 4)),
            ((2014, 7, 2, 8), (2014, 7, 2, 4)),
            ((2014, 7, 2, 13), (2014, 7, 2, 4)),
            ((2014, 7, 2, 20), (2014, 7, 2, 19)),
            ((2014, 7, 2, 19), (2014, 7, 2, 4)),
            ((2014, 7, 2, 19, 30), (2014, 7, 2, 4, 30)),
            ((2014, 7, 3, 0), (2014, 7, 2, 23)),
            ((2014, 7, 3, 6), (2014, 7, 3, 4)),
            ((2014, 7, 4, 23), (2014, 7, 4, 22)),
            ((2014, 7, 5, 0), (2014, 7, 4, 23)),
            ((2014, 7, 5, 4), (2014, 7, 5, 3)),
            ((2014, 7, 7, 19, 30), (2014, 7, 5, 4, 30)),
            ((2014, 7, 7, 19, 30, 30), (2014, 7, 5, 4, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=4, start='00:00', end='23:00')",
        "pd_00_23",
        4,
        [
            ((2014, 7, 3, 22), (2014, 7, 4, 3)),
            ((2014, 7, 4, 22), (2014, 7, 7, 3)),
            ((2014, 7, 3, 22, 30), (2014, 7, 4, 3, 30)),
            ((2014, 7, 3, 22, 20), (2014, 7, 4, 3, 20)),
            ((2014, 7, 4, 22, 30, 30), (2014, 7, 7, 3, 30, 30)),
            ((2014, 7, 4, 22, 30, 20), (2014, 7, 7, 3, 30, 20)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-4, start='00:00', end='23:00')",
        "pd_00_23",
        -4,
        [
            ((2014, 7, 4, 3), (2014, 7, 3, 22)),
            ((2014, 7, 7, 3), (2014, 7, 4, 22)),
            ((2014, 7, 4, 3, 30), (2014, 7, 3, 22, 30)),
            ((2014, 7, 4, 3, 20), (2014, 7, 3, 22, 20)),
            ((2014, 7, 7, 3, 30, 30), (2014, 7, 4, 22, 30, 30)),
            ((2014, 7, 7, 3, 30, 20), (2014, 7, 4, 22, 30, 20)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(start=['09:00', '14:00'], end=['12:00', '18:00'])",
        "pd_9_12_14_18",
        1,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 14)),
            ((2014, 7, 1, 15), (2014, 7, 1, 16)),
            ((2014, 7, 1, 19), (2014, 7, 2, 10)),
            ((2014, 7, 1, 16), (2014, 7, 1, 17)),
            ((2014, 7, 1, 16, 30, 15), (2014, 7, 1, 17, 30, 15)),
            ((2014, 7, 1, 17), (2014, 7, 2, 9)),
            ((2014, 7, 2, 11), (2014, 7, 2, 14)),
            ((2014, 7, 1, 13), (2014, 7, 1, 15)),
            ((2014, 7, 2, 8), (2014, 7, 2, 10)),
            ((2014, 7, 2, 19), (2014, 7, 3, 10)),
            ((2014, 7, 2, 23), (2014, 7, 3, 10)),
            ((2014, 7, 3, 0), (2014, 7, 3, 10)),
            ((2014, 7, 5, 15), (2014, 7, 7, 10)),
            ((2014, 7, 4, 17), (2014, 7, 7, 9)),
            ((2014, 7, 4, 17, 30), (2014, 7, 7, 9, 30)),
            ((2014, 7, 4, 17, 30, 30), (2014, 7, 7, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=4, start=['09:00', '14:00'], end=['12:00', '18:00'])",
        "pd_9_12_14_18",
        4,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 17)),
            ((2014, 7, 1, 13), (2014, 7, 2, 9)),
            ((2014, 7, 1, 15), (2014, 7, 2, 10)),
            ((2014, 7, 1, 16), (2014, 7, 2, 11)),
            ((2014, 7, 1, 17), (2014, 7, 2, 14)),
            ((2014, 7, 2, 11), (2014, 7, 2, 17)),
            ((2014, 7, 2, 8), (2014, 7, 2, 15)),
            ((2014, 7, 2, 19), (2014, 7, 3, 15)),
            ((2014, 7, 2, 23), (2014, 7, 3, 15)),
            ((2014, 7, 3, 0), (2014, 7, 3, 15)),
            ((2014, 7, 5, 15), (2014, 7, 7, 15)),
            ((2014, 7, 4, 17), (2014, 7, 7, 14)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7, 11, 30)),
            ((2014, 7, 4, 16, 30, 30), (2014, 7, 7, 11, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-4, start=['09:00', '14:00'], end=['12:00', '18:00'])",
        "pd_9_12_14_18",
        -4,
        [
            ((2014, 7, 1, 11), (2014, 6, 30, 16)),
            ((2014, 7, 1, 13), (2014, 6, 30, 17)),
            ((2014, 7, 1, 15), (2014, 7, 1, 9)),
            ((2014, 7, 1, 16), (2014, 7, 1, 10)),
            ((2014, 7, 1, 17), (2014, 7, 1, 11)),
            ((2014, 7, 2, 11), (2014, 7, 1, 16)),
            ((2014, 7, 2, 8), (2014, 7, 1, 14)),
            ((2014, 7, 2, 19), (2014, 7, 2, 14)),
            ((2014, 7, 2, 23), (2014, 7, 2, 14)),
            ((2014, 7, 3, 0), (2014, 7, 2, 14)),
            ((2014, 7, 5, 15), (2014, 7, 4, 14)),
            ((2014, 7, 4, 18), (2014, 7, 4, 14)),
            ((2014, 7, 7, 9, 30), (2014, 7, 4, 14, 30)),
            ((2014, 7, 7, 9, 30, 30), (2014, 7, 4, 14, 30, 30)),
        ],
    ),
    *_pd(
        f"{_APPLY} BusinessHour(n=-1, start=['19:00', '03:00'], end=['01:00', '05:00'])",
        "pd_19_01_03_05",
        -1,
        [
            ((2014, 7, 1, 17), (2014, 7, 1, 4)),
            ((2014, 7, 2, 14), (2014, 7, 2, 4)),
            ((2014, 7, 2, 8), (2014, 7, 2, 4)),
            ((2014, 7, 2, 13), (2014, 7, 2, 4)),
            ((2014, 7, 2, 20), (2014, 7, 2, 19)),
            ((2014, 7, 2, 19), (2014, 7, 2, 4)),
            ((2014, 7, 2, 4), (2014, 7, 2, 3)),
            ((2014, 7, 2, 19, 30), (2014, 7, 2, 4, 30)),
            ((2014, 7, 3, 0), (2014, 7, 2, 23)),
            ((2014, 7, 3, 6), (2014, 7, 3, 4)),
            ((2014, 7, 4, 23), (2014, 7, 4, 22)),
            ((2014, 7, 5, 0), (2014, 7, 4, 23)),
            ((2014, 7, 5, 4), (2014, 7, 5, 0)),
            ((2014, 7, 7, 3, 30), (2014, 7, 5, 0, 30)),
            ((2014, 7, 7, 19, 30), (2014, 7, 7, 4, 30)),
            ((2014, 7, 7, 19, 30, 30), (2014, 7, 7, 4, 30, 30)),
        ],
    ),
    # test_apply_large_n
    *_pd(
        f"{_BH} test_apply_large_n BusinessHour(40) (a week later)",
        "pd",
        40,
        [
            ((2014, 7, 1, 11), (2014, 7, 8, 11)),
            ((2014, 7, 1, 13), (2014, 7, 8, 13)),
            ((2014, 7, 1, 15), (2014, 7, 8, 15)),
            ((2014, 7, 1, 16), (2014, 7, 8, 16)),
            ((2014, 7, 1, 17), (2014, 7, 9, 9)),
            ((2014, 7, 2, 11), (2014, 7, 9, 11)),
            ((2014, 7, 2, 8), (2014, 7, 9, 9)),
            ((2014, 7, 2, 19), (2014, 7, 10, 9)),
            ((2014, 7, 2, 23), (2014, 7, 10, 9)),
            ((2014, 7, 3, 0), (2014, 7, 10, 9)),
            ((2014, 7, 5, 15), (2014, 7, 14, 9)),
            ((2014, 7, 4, 18), (2014, 7, 14, 9)),
            ((2014, 7, 7, 9, 30), (2014, 7, 14, 9, 30)),
            ((2014, 7, 7, 9, 30, 30), (2014, 7, 14, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_BH} test_apply_large_n BusinessHour(-25) (3 days and 1 hour before)",
        "pd",
        -25,
        [
            ((2014, 7, 1, 11), (2014, 6, 26, 10)),
            ((2014, 7, 1, 13), (2014, 6, 26, 12)),
            ((2014, 7, 1, 9), (2014, 6, 25, 16)),
            ((2014, 7, 1, 10), (2014, 6, 26, 9)),
            ((2014, 7, 3, 11), (2014, 6, 30, 10)),
            ((2014, 7, 3, 8), (2014, 6, 27, 16)),
            ((2014, 7, 3, 19), (2014, 6, 30, 16)),
            ((2014, 7, 3, 23), (2014, 6, 30, 16)),
            ((2014, 7, 4, 9), (2014, 6, 30, 16)),
            ((2014, 7, 5, 15), (2014, 7, 1, 16)),
            ((2014, 7, 6, 18), (2014, 7, 1, 16)),
            ((2014, 7, 7, 9, 30), (2014, 7, 1, 16, 30)),
            ((2014, 7, 7, 10, 30, 30), (2014, 7, 2, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_BH} test_apply_large_n BusinessHour(28, start='21:00', end='02:00')",
        "pd_21_02",
        28,
        [
            ((2014, 7, 1, 11), (2014, 7, 9, 0)),
            ((2014, 7, 1, 22), (2014, 7, 9, 1)),
            ((2014, 7, 1, 23), (2014, 7, 9, 21)),
            ((2014, 7, 2, 2), (2014, 7, 10, 0)),
            ((2014, 7, 3, 21), (2014, 7, 11, 0)),
            ((2014, 7, 4, 1), (2014, 7, 11, 23)),
            ((2014, 7, 4, 2), (2014, 7, 12, 0)),
            ((2014, 7, 4, 3), (2014, 7, 12, 0)),
            ((2014, 7, 5, 1), (2014, 7, 14, 23)),
            ((2014, 7, 5, 15), (2014, 7, 15, 0)),
            ((2014, 7, 6, 18), (2014, 7, 15, 0)),
            ((2014, 7, 7, 1), (2014, 7, 15, 0)),
            ((2014, 7, 7, 23, 30), (2014, 7, 15, 21, 30)),
        ],
    ),
    *_pd(
        f"{_BH} test_apply_large_n BusinessHour(n=-25, start=['09:00', '14:00'], "
        "end=['12:00', '19:00'])",
        "pd_9_12_14_19",
        -25,
        [
            ((2014, 7, 1, 11), (2014, 6, 26, 10)),
            ((2014, 7, 1, 13), (2014, 6, 26, 11)),
            ((2014, 7, 1, 9), (2014, 6, 25, 18)),
            ((2014, 7, 1, 10), (2014, 6, 26, 9)),
            ((2014, 7, 3, 11), (2014, 6, 30, 10)),
            ((2014, 7, 3, 8), (2014, 6, 27, 18)),
            ((2014, 7, 3, 19), (2014, 6, 30, 18)),
            ((2014, 7, 3, 23), (2014, 6, 30, 18)),
            ((2014, 7, 4, 9), (2014, 6, 30, 18)),
            ((2014, 7, 5, 15), (2014, 7, 1, 18)),
            ((2014, 7, 6, 18), (2014, 7, 1, 18)),
            ((2014, 7, 7, 9, 30), (2014, 7, 1, 18, 30)),
            ((2014, 7, 7, 10, 30, 30), (2014, 7, 2, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_BH} test_apply_large_n BusinessHour(28, start=['21:00', '03:00'], "
        "end=['01:00', '04:00'])",
        "pd_21_01_03_04",
        28,
        [
            ((2014, 7, 1, 11), (2014, 7, 9, 0)),
            ((2014, 7, 1, 22), (2014, 7, 9, 3)),
            ((2014, 7, 1, 23), (2014, 7, 9, 21)),
            ((2014, 7, 2, 2), (2014, 7, 9, 23)),
            ((2014, 7, 3, 21), (2014, 7, 11, 0)),
            ((2014, 7, 4, 1), (2014, 7, 11, 23)),
            ((2014, 7, 4, 2), (2014, 7, 11, 23)),
            ((2014, 7, 4, 3), (2014, 7, 11, 23)),
            ((2014, 7, 4, 21), (2014, 7, 12, 0)),
            ((2014, 7, 5, 0), (2014, 7, 14, 22)),
            ((2014, 7, 5, 1), (2014, 7, 14, 23)),
            ((2014, 7, 5, 15), (2014, 7, 14, 23)),
            ((2014, 7, 6, 18), (2014, 7, 14, 23)),
            ((2014, 7, 7, 1), (2014, 7, 14, 23)),
            ((2014, 7, 7, 23, 30), (2014, 7, 15, 21, 30)),
        ],
    ),
    # test_apply_nanoseconds at microsecond scale: 5 ns -> 5 us
    *_pd(
        f"{_BH} test_apply_nanoseconds BusinessHour() (ns as us)",
        "pd",
        1,
        [
            ((2014, 7, 4, 15, 0, 0, 5), (2014, 7, 4, 16, 0, 0, 5)),
            ((2014, 7, 4, 16, 0, 0, 5), (2014, 7, 7, 9, 0, 0, 5)),
            ((2014, 7, 4, 15, 59, 59, 999995), (2014, 7, 4, 16, 59, 59, 999995)),
        ],
    ),
    *_pd(
        f"{_BH} test_apply_nanoseconds BusinessHour(-1) (ns as us)",
        "pd",
        -1,
        [
            ((2014, 7, 4, 15, 0, 0, 5), (2014, 7, 4, 14, 0, 0, 5)),
            ((2014, 7, 4, 10, 0, 0, 5), (2014, 7, 4, 9, 0, 0, 5)),
            ((2014, 7, 4, 9, 59, 59, 999995), (2014, 7, 3, 16, 59, 59, 999995)),
        ],
    ),
    # CustomBusinessHour
    *_pd(f"{_CBH} test_with_offset", "cbh_hol", 3, [((2014, 7, 1, 10), (2014, 7, 1, 13))]),
    *_pd(
        f"{_CBH} test_call offset1 (Tue-Fri)",
        "cbh_tue_fri",
        1,
        [((2014, 7, 1, 10), (2014, 7, 1, 11))],
    ),
    *_pd(
        f"{_CBH} test_apply CustomBusinessHour(holidays)",
        "cbh_hol",
        1,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 12)),
            ((2014, 7, 1, 13), (2014, 7, 1, 14)),
            ((2014, 7, 1, 15), (2014, 7, 1, 16)),
            ((2014, 7, 1, 19), (2014, 7, 3, 10)),
            ((2014, 7, 1, 16), (2014, 7, 3, 9)),
            ((2014, 7, 1, 16, 30, 15), (2014, 7, 3, 9, 30, 15)),
            ((2014, 7, 1, 17), (2014, 7, 3, 10)),
            ((2014, 7, 2, 11), (2014, 7, 3, 10)),
            ((2014, 7, 2, 8), (2014, 7, 3, 10)),
            ((2014, 7, 2, 19), (2014, 7, 3, 10)),
            ((2014, 7, 2, 23), (2014, 7, 3, 10)),
            ((2014, 7, 3, 0), (2014, 7, 3, 10)),
            ((2014, 7, 5, 15), (2014, 7, 7, 10)),
            ((2014, 7, 4, 17), (2014, 7, 7, 10)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7, 9, 30)),
            ((2014, 7, 4, 16, 30, 30), (2014, 7, 7, 9, 30, 30)),
        ],
    ),
    *_pd(
        f"{_CBH} test_apply CustomBusinessHour(4, holidays)",
        "cbh_hol",
        4,
        [
            ((2014, 7, 1, 11), (2014, 7, 1, 15)),
            ((2014, 7, 1, 13), (2014, 7, 3, 9)),
            ((2014, 7, 1, 15), (2014, 7, 3, 11)),
            ((2014, 7, 1, 16), (2014, 7, 3, 12)),
            ((2014, 7, 1, 17), (2014, 7, 3, 13)),
            ((2014, 7, 2, 11), (2014, 7, 3, 13)),
            ((2014, 7, 2, 8), (2014, 7, 3, 13)),
            ((2014, 7, 2, 19), (2014, 7, 3, 13)),
            ((2014, 7, 2, 23), (2014, 7, 3, 13)),
            ((2014, 7, 3, 0), (2014, 7, 3, 13)),
            ((2014, 7, 5, 15), (2014, 7, 7, 13)),
            ((2014, 7, 4, 17), (2014, 7, 7, 13)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7, 12, 30)),
            ((2014, 7, 4, 16, 30, 30), (2014, 7, 7, 12, 30, 30)),
        ],
    ),
    *_pd(
        f"{_CBH} test_apply_nanoseconds CustomBusinessHour(holidays) (ns as us)",
        "cbh_hol",
        1,
        [
            ((2014, 7, 1, 15, 0, 0, 5), (2014, 7, 1, 16, 0, 0, 5)),
            ((2014, 7, 1, 16, 0, 0, 5), (2014, 7, 3, 9, 0, 0, 5)),
            ((2014, 7, 1, 15, 59, 59, 999995), (2014, 7, 1, 16, 59, 59, 999995)),
        ],
    ),
    *_pd(
        f"{_CBH} test_apply_nanoseconds CustomBusinessHour(-1, holidays) (ns as us)",
        "cbh_hol",
        -1,
        [
            ((2014, 7, 1, 15, 0, 0, 5), (2014, 7, 1, 14, 0, 0, 5)),
            ((2014, 7, 1, 10, 0, 0, 5), (2014, 7, 1, 9, 0, 0, 5)),
            ((2014, 7, 1, 9, 59, 59, 999995), (2014, 6, 26, 16, 59, 59, 999995)),
        ],
    ),
    *_pd(
        f"{_CBH} test_us_federal_holiday_with_datetime (GH 16867)",
        "cbh_us",
        8,
        [((2014, 1, 17, 15), (2014, 1, 21, 15))],
    ),
    *_pd(
        f"{_CBH} test_custom_businesshour_weekmask_and_holidays Mon-Sat",
        "cbh_mon_sat_0809",
        10,
        [((2018, 11, 8, 8), (2018, 11, 10, 9))],
    ),
    *_pd(
        f"{_CBH} test_custom_businesshour_weekmask_and_holidays Tue-Sat",
        "cbh_tue_sat_0809",
        18,
        [((2018, 11, 8, 8), (2018, 11, 13, 8))],
    ),
    # test_normalize: the date of the result
    *_pd(
        f"{_BH} test_normalize BusinessHour(normalize=True)",
        "pd",
        1,
        [
            ((2014, 7, 1, 8), (2014, 7, 1)),
            ((2014, 7, 1, 17), (2014, 7, 2)),
            ((2014, 7, 1, 16), (2014, 7, 2)),
            ((2014, 7, 1, 23), (2014, 7, 2)),
            ((2014, 7, 1, 0), (2014, 7, 1)),
            ((2014, 7, 4, 15), (2014, 7, 4)),
            ((2014, 7, 4, 15, 59), (2014, 7, 4)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7)),
            ((2014, 7, 5, 23), (2014, 7, 7)),
            ((2014, 7, 6, 10), (2014, 7, 7)),
        ],
        op="add_date",
    ),
    *_pd(
        f"{_BH} test_normalize BusinessHour(-1, normalize=True)",
        "pd",
        -1,
        [
            ((2014, 7, 1, 8), (2014, 6, 30)),
            ((2014, 7, 1, 17), (2014, 7, 1)),
            ((2014, 7, 1, 16), (2014, 7, 1)),
            ((2014, 7, 1, 10), (2014, 7, 1)),
            ((2014, 7, 1, 0), (2014, 6, 30)),
            ((2014, 7, 7, 10), (2014, 7, 7)),
            ((2014, 7, 7, 10, 1), (2014, 7, 7)),
            ((2014, 7, 5, 23), (2014, 7, 4)),
            ((2014, 7, 6, 10), (2014, 7, 4)),
        ],
        op="add_date",
    ),
    *_pd(
        f"{_BH} test_normalize BusinessHour(1, normalize=True, start='17:00', end='04:00')",
        "pd_17_04",
        1,
        [
            ((2014, 7, 1, 8), (2014, 7, 1)),
            ((2014, 7, 1, 17), (2014, 7, 1)),
            ((2014, 7, 1, 23), (2014, 7, 2)),
            ((2014, 7, 2, 2), (2014, 7, 2)),
            ((2014, 7, 2, 3), (2014, 7, 2)),
            ((2014, 7, 4, 23), (2014, 7, 5)),
            ((2014, 7, 5, 2), (2014, 7, 5)),
            ((2014, 7, 7, 2), (2014, 7, 7)),
            ((2014, 7, 7, 17), (2014, 7, 7)),
        ],
        op="add_date",
    ),
    *_pd(
        f"{_CBH} test_normalize CustomBusinessHour(normalize=True, holidays)",
        "cbh_hol",
        1,
        [
            ((2014, 7, 1, 8), (2014, 7, 1)),
            ((2014, 7, 1, 17), (2014, 7, 3)),
            ((2014, 7, 1, 16), (2014, 7, 3)),
            ((2014, 7, 1, 23), (2014, 7, 3)),
            ((2014, 7, 1, 0), (2014, 7, 1)),
            ((2014, 7, 4, 15), (2014, 7, 4)),
            ((2014, 7, 4, 15, 59), (2014, 7, 4)),
            ((2014, 7, 4, 16, 30), (2014, 7, 7)),
            ((2014, 7, 5, 23), (2014, 7, 7)),
            ((2014, 7, 6, 10), (2014, 7, 7)),
        ],
        op="add_date",
    ),
    *_pd(
        f"{_CBH} test_normalize CustomBusinessHour(-1, normalize=True, holidays)",
        "cbh_hol",
        -1,
        [
            ((2014, 7, 1, 8), (2014, 6, 26)),
            ((2014, 7, 1, 17), (2014, 7, 1)),
            ((2014, 7, 1, 16), (2014, 7, 1)),
            ((2014, 7, 1, 10), (2014, 6, 26)),
            ((2014, 7, 1, 0), (2014, 6, 26)),
            ((2014, 7, 7, 10), (2014, 7, 4)),
            ((2014, 7, 7, 10, 1), (2014, 7, 7)),
            ((2014, 7, 5, 23), (2014, 7, 4)),
            ((2014, 7, 6, 10), (2014, 7, 4)),
        ],
        op="add_date",
    ),
    *_pd(
        f"{_CBH} test_normalize CustomBusinessHour(1, normalize=True, start='17:00', "
        "end='04:00', holidays)",
        "cbh_hol_17_04",
        1,
        [
            ((2014, 7, 1, 8), (2014, 7, 1)),
            ((2014, 7, 1, 17), (2014, 7, 1)),
            ((2014, 7, 1, 23), (2014, 7, 2)),
            ((2014, 7, 2, 2), (2014, 7, 2)),
            ((2014, 7, 2, 3), (2014, 7, 3)),
            ((2014, 7, 4, 23), (2014, 7, 5)),
            ((2014, 7, 5, 2), (2014, 7, 5)),
            ((2014, 7, 7, 2), (2014, 7, 7)),
            ((2014, 7, 7, 17), (2014, 7, 7)),
        ],
        op="add_date",
    ),
    # testRollback1/2, testRollforward1/2, test_roll_date_object (the hours of offset1-10;
    # offsets with the same hours ask the same question, so each is kept once)
    *[
        case
        for cal, t, back, fwd in [
            ("pd", (2014, 7, 1, 10), (2014, 7, 1, 10), (2014, 7, 1, 10)),
            ("pd_11_1430", (2014, 7, 1, 10), (2014, 6, 30, 14, 30), (2014, 7, 1, 11)),
            ("pd_20_05", (2014, 7, 1, 10), (2014, 7, 1, 5), (2014, 7, 1, 20)),
            ("pd_2130_0630", (2014, 7, 1, 10), (2014, 7, 1, 6, 30), (2014, 7, 1, 21, 30)),
            ("pd_9_12_13_17", (2014, 7, 1, 10), (2014, 7, 1, 10), (2014, 7, 1, 10)),
            ("pd_9_13_22_03", (2014, 7, 1, 10), (2014, 7, 1, 10), (2014, 7, 1, 10)),
            ("pd_13_17_23_02", (2014, 7, 1, 10), (2014, 7, 1, 2), (2014, 7, 1, 13)),
            ("pd", (2014, 7, 1), (2014, 6, 30, 17), (2014, 7, 1, 9)),
            ("pd_11_1430", (2014, 7, 1), (2014, 6, 30, 14, 30), (2014, 7, 1, 11)),
            ("pd_20_05", (2014, 7, 1), (2014, 7, 1), (2014, 7, 1)),
            ("pd_2130_0630", (2014, 7, 1), (2014, 7, 1), (2014, 7, 1)),
            ("pd_9_12_13_17", (2014, 7, 1), (2014, 6, 30, 17), (2014, 7, 1, 9)),
            ("pd_9_13_22_03", (2014, 7, 1), (2014, 7, 1), (2014, 7, 1)),
            ("pd_13_17_23_02", (2014, 7, 1), (2014, 7, 1), (2014, 7, 1)),
            ("pd", (2014, 7, 6, 15), (2014, 7, 4, 17), (2014, 7, 7, 9)),  # roll_date_object
            ("cbh_tue_fri", (2014, 7, 1, 10), (2014, 7, 1, 10), (2014, 7, 1, 10)),
            ("cbh_hol", (2014, 7, 1, 10), (2014, 7, 1, 10), (2014, 7, 1, 10)),
            ("cbh_tue_fri", (2014, 7, 1), (2014, 6, 27, 17), (2014, 7, 1, 9)),
            ("cbh_hol", (2014, 7, 1), (2014, 6, 26, 17), (2014, 7, 1, 9)),
        ]
        for case in [
            c(
                PD,
                f"{_CBH if cal.startswith('cbh') else _BH} testRollback1",
                cal,
                "previous_open",
                (u(*t),),
                u(*back),
            ),
            c(
                PD,
                f"{_CBH if cal.startswith('cbh') else _BH} testRollforward1",
                cal,
                "next_open",
                (u(*t),),
                u(*fwd),
            ),
        ]
    ],
    c(PD, f"{_BH} testRollback2", "pd", "previous_open", (u(2014, 7, 5, 15),), u(2014, 7, 4, 17)),
    c(PD, f"{_BH} testRollforward2", "pd", "next_open", (u(2014, 7, 5, 16),), u(2014, 7, 7, 9)),
    # test_is_on_offset
    *_pd_points(
        f"{_BH} test_is_on_offset BusinessHour()",
        "pd",
        "is_open",
        [
            ((2014, 7, 1, 9), True),
            ((2014, 7, 1, 8, 59), False),
            ((2014, 7, 1, 8), False),
            ((2014, 7, 1, 17), True),
            ((2014, 7, 1, 17, 1), False),
            ((2014, 7, 1, 18), False),
            ((2014, 7, 5, 9), False),
            ((2014, 7, 6, 12), False),
        ],
    ),
    *_pd_points(
        f"{_BH} test_is_on_offset BusinessHour(start='10:00', end='15:00')",
        "pd_10_15",
        "is_open",
        [
            ((2014, 7, 1, 9), False),
            ((2014, 7, 1, 10), True),
            ((2014, 7, 1, 15), True),
            ((2014, 7, 1, 15, 1), False),
            ((2014, 7, 5, 12), False),
            ((2014, 7, 6, 12), False),
        ],
    ),
    *_pd_points(
        f"{_BH} test_is_on_offset BusinessHour(start='19:00', end='05:00')",
        "pd_19_05",
        "is_open",
        [
            ((2014, 7, 1, 9), False),
            ((2014, 7, 1, 10), False),
            ((2014, 7, 1, 15), False),
            ((2014, 7, 1, 15, 1), False),
            ((2014, 7, 5, 12), False),
            ((2014, 7, 6, 12), False),
            ((2014, 7, 1, 19), True),
            ((2014, 7, 2, 0), True),
            ((2014, 7, 4, 23), True),
            ((2014, 7, 5, 1), True),
            ((2014, 7, 5, 5), True),
            ((2014, 7, 6, 23), False),
            ((2014, 7, 7, 3), False),
        ],
    ),
    *_pd_points(
        f"{_BH} test_is_on_offset BusinessHour(start=['09:00', '13:00'], end=['12:00', '17:00'])",
        "pd_9_12_13_17",
        "is_open",
        [
            ((2014, 7, 1, 9), True),
            ((2014, 7, 1, 8, 59), False),
            ((2014, 7, 1, 8), False),
            ((2014, 7, 1, 17), True),
            ((2014, 7, 1, 17, 1), False),
            ((2014, 7, 1, 18), False),
            ((2014, 7, 5, 9), False),
            ((2014, 7, 6, 12), False),
            ((2014, 7, 1, 12, 30), False),
        ],
    ),
    *_pd_points(
        f"{_CBH} test_is_on_offset CustomBusinessHour(start='10:00', end='15:00', holidays)",
        "cbh_hol_10_15",
        "is_open",
        [
            ((2014, 7, 1, 9), False),
            ((2014, 7, 1, 10), True),
            ((2014, 7, 1, 15), True),
            ((2014, 7, 1, 15, 1), False),
            ((2014, 7, 5, 12), False),
            ((2014, 7, 6, 12), False),
        ],
    ),
]
# The pandas cases where slaclock's documented semantics answer otherwise, found by
# asking and then checked case by case (test_peer_suites.py also checks the relation
# each reason states): (calendar, op, base, hours) -> (slaclock's answer, reason).
PD_DIFFERENCES: dict[tuple[str, str, datetime, int | None], tuple[object, str]] = {
    ("pd_9_13_22_03", "add", u(2014, 7, 1, 10), 3): (u(2014, 7, 1, 13), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 1, 16), 1): (u(2014, 7, 1, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 1, 13), 4): (u(2014, 7, 1, 17), "closing_rolls_forward"),
    ("pd_13_16", "add", u(2014, 7, 1, 15), 1): (u(2014, 7, 1, 16), "closing_rolls_forward"),
    ("pd_13_16", "add", u(2014, 7, 2, 14), 2): (u(2014, 7, 2, 16), "closing_rolls_forward"),
    ("pd_19_05", "add", u(2014, 7, 5, 4), 1): (u(2014, 7, 5, 5), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 1, 11), 1): (u(2014, 7, 1, 12), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 1, 17), 1): (u(2014, 7, 1, 18), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 2, 11), 1): (u(2014, 7, 2, 12), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 4, 17), 1): (u(2014, 7, 4, 18), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 1, 13), 4): (u(2014, 7, 1, 18), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 1, 17), 4): (u(2014, 7, 2, 12), "closing_rolls_forward"),
    ("pd_9_12_14_18", "add", u(2014, 7, 4, 17), 4): (u(2014, 7, 7, 12), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 1, 17), 40): (u(2014, 7, 8, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 2, 8), 40): (u(2014, 7, 8, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 2, 19), 40): (u(2014, 7, 9, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 2, 23), 40): (u(2014, 7, 9, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 3), 40): (u(2014, 7, 9, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 5, 15), 40): (u(2014, 7, 11, 17), "closing_rolls_forward"),
    ("pd", "add", u(2014, 7, 4, 18), 40): (u(2014, 7, 11, 17), "closing_rolls_forward"),
    ("pd_21_02", "add", u(2014, 7, 1, 23), 28): (u(2014, 7, 9, 2), "closing_rolls_forward"),
    ("pd_21_01_03_04", "add", u(2014, 7, 1, 22), 28): (u(2014, 7, 9, 1), "closing_rolls_forward"),
    ("pd_21_01_03_04", "add", u(2014, 7, 1, 23), 28): (u(2014, 7, 9, 4), "closing_rolls_forward"),
    ("cbh_hol", "add", u(2014, 7, 1, 16), 1): (u(2014, 7, 1, 17), "closing_rolls_forward"),
    ("cbh_hol", "add", u(2014, 7, 1, 13), 4): (u(2014, 7, 1, 17), "closing_rolls_forward"),
    ("cbh_tue_sat_0809", "add", u(2018, 11, 8, 8), 18): (
        u(2018, 11, 10, 17),
        "closing_rolls_forward",
    ),
    ("pd", "add_date", u(2014, 7, 1, 16), 1): (date(2014, 7, 1), "closing_rolls_forward"),
    ("cbh_hol", "add_date", u(2014, 7, 1, 16), 1): (date(2014, 7, 1), "closing_rolls_forward"),
    ("cbh_hol", "add_date", u(2014, 7, 1, 10), -1): (date(2014, 7, 1), "opening_rolls_back"),
    ("cbh_hol", "add_date", u(2014, 7, 7, 10), -1): (date(2014, 7, 7), "opening_rolls_back"),
    ("cbh_hol_17_04", "add_date", u(2014, 7, 2, 3), 1): (
        date(2014, 7, 2),
        "closing_rolls_forward",
    ),
    ("pd_11_1430", "previous_open", u(2014, 7, 1, 10), None): (
        u(2014, 6, 30, 14, 29, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd_20_05", "previous_open", u(2014, 7, 1, 10), None): (
        u(2014, 7, 1, 4, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd_2130_0630", "previous_open", u(2014, 7, 1, 10), None): (
        u(2014, 7, 1, 6, 29, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd_13_17_23_02", "previous_open", u(2014, 7, 1, 10), None): (
        u(2014, 7, 1, 1, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd", "previous_open", u(2014, 7, 1), None): (
        u(2014, 6, 30, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd_11_1430", "previous_open", u(2014, 7, 1), None): (
        u(2014, 6, 30, 14, 29, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd_9_12_13_17", "previous_open", u(2014, 7, 1), None): (
        u(2014, 6, 30, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd", "previous_open", u(2014, 7, 6, 15), None): (
        u(2014, 7, 4, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("cbh_tue_fri", "previous_open", u(2014, 7, 1), None): (
        u(2014, 6, 27, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("cbh_hol", "previous_open", u(2014, 7, 1), None): (
        u(2014, 6, 26, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd", "previous_open", u(2014, 7, 5, 15), None): (
        u(2014, 7, 4, 16, 59, 59, 999999),
        "rollback_microsecond",
    ),
    ("pd", "is_open", u(2014, 7, 1, 17), None): (False, "closed_interval_end"),
    ("pd_10_15", "is_open", u(2014, 7, 1, 15), None): (False, "closed_interval_end"),
    ("pd_19_05", "is_open", u(2014, 7, 5, 5), None): (False, "closed_interval_end"),
    ("pd_9_12_13_17", "is_open", u(2014, 7, 1, 17), None): (False, "closed_interval_end"),
    ("cbh_hol_10_15", "is_open", u(2014, 7, 1, 15), None): (False, "closed_interval_end"),
}


def _with_difference(k: Case) -> Case:
    n = int(k.args[1] / H) if len(k.args) > 1 else None  # type: ignore[operator]
    found = PD_DIFFERENCES.get((k.cal, k.op, k.args[0], n))  # type: ignore[arg-type]
    if found is None:
        return k
    ours, why = found
    return c(k.peer, k.source, k.cal, k.op, k.args, k.expected, ours, why)


PD_CASES = [_with_difference(k) for k in PD_RAW]
assert sum(k.differs for k in PD_CASES) == len(PD_DIFFERENCES)
