"""Other projects' own test cases, as data (peer_data/*.json) for `test_peers.py`.

Each `Case` is one example of a peer's test suite: the calendar it was asked
of (a key of `CALENDARS`), the question (`op`, answered by slaclock in
`tests/calendar/test_peers.py`), its inputs, and the peer's answer. Where slaclock's
documented semantics give another answer, `ours` holds slaclock's answer and
`why` names the difference (see `REASONS`); nothing is left out.

Sources (read, translated by hand; no code copied):

* zendesk/biz, spec/ (Ruby), at the commits cited per group;
* seppemans/businesstimedelta, businesstimedelta/test/ (Python);
* pandas-dev/pandas, pandas/tests/tseries/offsets/test_business_hour.py
  (commit 0134e1a) and test_custom_business_hour.py (commit 233e241);
* Intrepidd/working_hours, spec/working_hours/ (Ruby).

The peers' examples use naive or UTC times unless they name a zone; naive
times are read here as UTC. The cases live in peer_data/<peer>.json, one object
a case; `load` reads them back, tagged values (``$datetime`` with an ISO offset
or a ``zone`` and ``fold``, ``$date``, ``$timedelta_us``, ``$tuple``, ``$same``)
to the Python values the tests compare.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

SAME: object = "<same as the peer>"


@dataclass(frozen=True)
class CalSpec:
    """A peer's calendar configuration, in slaclock's terms."""

    days: Mapping[str, tuple[str, ...]]  # weekday name -> "HH:MM-HH:MM" intervals
    zone: str = "UTC"
    holidays: tuple[date, ...] = ()  # named holidays (DatedHoliday)
    breaks: tuple[tuple[date, str], ...] = ()  # Closure with hours
    openings: tuple[tuple[date, str], ...] = ()  # Opening
    country: str | None = None  # HolidayRules(country=...)
    subdivision: str | None = None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
ALL_DAYS = (*WEEKDAYS, "saturday", "sunday")


def weekdays(*intervals: str, **kw: Any) -> CalSpec:
    return CalSpec(days=dict.fromkeys(WEEKDAYS, intervals), **kw)


def always(**kw: Any) -> CalSpec:
    hours: tuple[str, ...] = ("00:00-24:00",)
    return CalSpec(days=dict.fromkeys(ALL_DAYS, hours), **kw)


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


DATA = Path(__file__).parent / "peer_data"


def decode(x: Any) -> Any:
    """A case's JSON value as the Python value the peer's example holds."""
    if isinstance(x, list):
        return [decode(y) for y in x]
    if not isinstance(x, dict):
        return x
    if "$same" in x:
        return SAME
    if "$datetime" in x:
        if "zone" in x:
            naive = datetime.fromisoformat(x["$datetime"])
            return naive.replace(tzinfo=ZoneInfo(x["zone"]), fold=x["fold"])
        return datetime.fromisoformat(x["$datetime"])
    if "$date" in x:
        return date.fromisoformat(x["$date"])
    if "$timedelta_us" in x:
        return timedelta(microseconds=x["$timedelta_us"])
    if "$tuple" in x:
        return tuple(decode(y) for y in x["$tuple"])
    raise ValueError(f"unknown tagged value {x!r} in the peer data")


def load(name: str) -> list[Case]:
    """The cases of one peer's suite (peer_data/<name>.json)."""
    rows = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    cases = []
    for r in rows:
        if r["why"]:
            assert r["why"] in REASONS, r["why"]
        cases.append(
            Case(
                r["peer"],
                r["source"],
                r["cal"],
                r["op"],
                decode(r["args"]),
                decode(r["expected"]),
                decode(r["ours"]),
                r["why"],
            )
        )
    return cases


BIZ_CASES = load("biz")
BT_CASES = load("businesstimedelta")
WH_CASES = load("working_hours")
PD_CASES = load("pandas")
