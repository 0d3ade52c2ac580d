"""Which rows depend on holidays that may still change: the column form
(`provisional_many`, used by tables) equals the single form (`provisional_years`),
at the exact edges of provisional years and for any number of provisional spans.

`provisional_years` refuses instants outside the supported years, as `add` and
`is_open` do (issue 14, item 3), and the cached provisional spans stay the spans.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    AnyCalendar,
    BusinessCalendar,
    CombinedCalendar,
    HolidayRules,
    OutOfRangeError,
    Version,
    VersionedCalendar,
    WrongTypeError,
    argentina,
)
from slaclock._time import from_us
from slaclock.calendar.base import Calendar
from tests.support.strategies import any_calendars, rich_calendars

ARG = argentina().zone

CALENDARS = [
    argentina(),  # 2027-2100 undecreed
    argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")}),  # + no data
    BusinessCalendar(zone="Asia/Tokyo", holidays=HolidayRules(country="JP")),
    BusinessCalendar(zone="UTC", holidays=None),  # nothing provisional
    VersionedCalendar(
        versions=[
            Version(calendar=BusinessCalendar(holidays=None)),
            Version(since=datetime(2030, 1, 1).date(), calendar=argentina()),
        ]
    ),
]


def edges(cal: Calendar) -> list[int]:
    """Instants at and around every provisional span's bounds."""
    out = [0]
    for lo, hi in cal.provisional_spans_us():
        out += [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1]
    return out


@given(st.sampled_from(CALENDARS), st.data())
def test_rows_equal_single_instants(cal: Calendar, data: st.DataObject) -> None:
    """provisional_many(start, end)[i] == bool(provisional_years(start[i], end[i]))."""
    source = cal.engine.source
    near = st.sampled_from([u for u in edges(cal) if source.min_us <= u < source.max_us])
    anywhere = st.integers(source.min_us, source.max_us - 1)
    pairs = data.draw(st.lists(st.tuples(near | anywhere, near | anywhere), min_size=1))
    start = np.array([min(p) for p in pairs], dtype=np.int64)
    end = np.array([max(p) for p in pairs], dtype=np.int64)
    got = cal.provisional_many(start, end).tolist()
    utc = timezone.utc
    want = [
        bool(cal.provisional_years(from_us(int(a), utc), from_us(int(b), utc)))
        for a, b in zip(start, end, strict=True)
    ]
    assert got == want


class Spans(Calendar):
    """A calendar face with given provisional spans (only the column form is asked)."""

    spans: tuple[tuple[int, int], ...]

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        return self.spans


@st.composite
def disjoint_spans(draw: st.DrawFn) -> tuple[tuple[int, int], ...]:
    bounds = sorted(set(draw(st.lists(st.integers(-50, 50), max_size=16))))
    if len(bounds) % 2:
        bounds = bounds[:-1]
    return tuple(zip(bounds[::2], bounds[1::2], strict=True))


@given(disjoint_spans(), st.lists(st.tuples(st.integers(-60, 60), st.integers(0, 30))))
def test_any_number_of_spans_is_an_overlap_test(
    spans: tuple[tuple[int, int], ...], rows: list[tuple[int, int]]
) -> None:
    """With few spans (compared one by one) or many (bisected), a row is provisional
    exactly when [start, end] meets some [lo, hi)."""
    start = np.array([a for a, _ in rows], dtype=np.int64)
    end = start + np.array([d for _, d in rows], dtype=np.int64)
    got = Spans(spans=spans).provisional_many(start, end).tolist()
    want = [any(a < hi and b >= lo for lo, hi in spans) for a, b in zip(start, end, strict=True)]
    assert got == want


def test_the_warning_tells_undecreed_years_from_years_without_data() -> None:
    """'Bridge days not decreed yet' (2027) and 'no data, taken to have none' (1950) are
    different warnings, in the explanation and its text."""
    from datetime import timedelta

    later = argentina().explain(datetime(2027, 3, 1, 10, tzinfo=ARG), timedelta(hours=2))
    assert later.provisional_note == (
        "depends on 2027, whose decreed holidays (bridge days) may not be in the data yet"
    )
    cal = argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})
    early = cal.explain(datetime(1950, 3, 1, 10, tzinfo=ARG), timedelta(hours=2))
    first, last = cal.holidays.covered_years()  # type: ignore[union-attr]  # 1957-2100 in holidays 0.109
    assert early.provisional_note == (
        f"depends on 1950, for which the holidays package has no AR data ({first}-{last} "
        "only): taken to have no holidays (missing_years='none')"
    )
    assert f"warning       provisional: {early.provisional_note}" in str(early)
    assert "bridge days" not in str(early)


# -- was tests/test_provisional_range.py -------------------------------------------------

INSIDE = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
#: UTC year 10000 and UTC year 0: local years 9999 and 1 in their own offsets.
BEYOND = [
    datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))),
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
]
RANGE_CALENDARS: list[Calendar] = [
    argentina(),
    CombinedCalendar(parts=(argentina(), argentina(hours="08:00-18:00")), op="union"),
    VersionedCalendar(versions=[Version(calendar=argentina())]),
]


@pytest.mark.parametrize("cal", RANGE_CALENDARS, ids=["business", "union", "versioned"])
@pytest.mark.parametrize("t", BEYOND, ids=["year-10000", "year-0"])
def test_provisional_years_beyond_the_range_is_refused(cal: Calendar, t: datetime) -> None:
    with pytest.raises(OutOfRangeError):
        cal.is_open(t)
    for a, b, what in ((t, INSIDE, "start"), (INSIDE, t, "end")):
        with pytest.raises(OutOfRangeError, match=what):
            cal.provisional_years(a, b)


def test_provisional_years_inside_the_range_answers() -> None:
    cal = argentina()
    assert cal.provisional_years(INSIDE, INSIDE) == ()
    assert cal.provisional_years(INSIDE, datetime(2028, 2, 1, tzinfo=timezone.utc)) == (
        2027,
        2028,
    )


@pytest.mark.parametrize("cal", RANGE_CALENDARS, ids=["business", "union", "versioned"])
def test_provisional_spans_are_computed_once_and_unchanged(cal: Calendar) -> None:
    first = cal.provisional_spans_us()
    assert first
    assert cal.provisional_spans_us() is first  # cached on the (immutable) calendar
    assert type(cal).model_validate(cal.model_dump()).provisional_spans_us() == first


# -- closed_days(year): the closed dates of a year (the CLI listing and its ICS file) --
def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=k) for k in range((date(year + 1, 1, 1) - first).days)]


def test_argentina_2026_lists_its_national_holidays() -> None:
    closed = argentina().closed_days(2026)
    days = [d.day for d in closed]
    assert date(2026, 12, 25) in days and date(2026, 7, 9) in days
    assert days == sorted(days)
    assert all(d.day.year == 2026 for d in closed)
    christmas = next(d for d in closed if d.day == date(2026, 12, 25))
    assert christmas.kind == "holiday" and christmas.hours is None


def test_reopened_dates_are_left_out() -> None:
    cal = argentina(reopened=[date(2026, 12, 25)])
    assert date(2026, 12, 25) not in [d.day for d in cal.closed_days(2026)]


@given(rich_calendars(), st.integers(2020, 2030))
def test_every_scheduled_closed_date_is_listed_with_its_reason(
    cal: BusinessCalendar, year: int
) -> None:
    """On a scheduled day, listed exactly when the calendar gives a reason it is closed
    (the slow reference: every date of the year asked one by one)."""
    listed = {d.day for d in cal.closed_days(year)}
    for day in days_of(year):
        if cal.schedule.days[day.weekday()]:
            assert (day in listed) == (cal.closed_reason(day) is not None), day


@given(any_calendars(), st.integers(2020, 2030))
def test_any_calendar_lists_only_dates_of_the_year_that_close(cal: AnyCalendar, year: int) -> None:
    closed = cal.closed_days(year)
    assert [d.day for d in closed] == sorted(d.day for d in closed)
    for d in closed:
        assert d.day.year == year
        if not isinstance(cal, BusinessCalendar):
            assert cal.closed_reason(d.day) == d


@pytest.mark.parametrize(
    ("year", "error"), [(1899, OutOfRangeError), (2200, OutOfRangeError), ("2026", WrongTypeError)]
)
def test_a_year_outside_the_range_is_refused(year: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        argentina().closed_days(year)  # type: ignore[arg-type]
