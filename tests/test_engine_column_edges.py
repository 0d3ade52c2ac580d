"""The column engine at the edges of the years a calendar has built (issue 18).

Every calendar here is fresh (a new object, so no year is built before the
question), and each question asks for an answer in the last run of the span
that covers the input, past that span, in a span of one merged run (24/7), or
in a later year than the dates given. The property at the end is the column
path's counterpart of tests/test_engine_history.py: column answers never
depend on what the calendar was asked before, and equal the single-value
answers and the slow reference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    HolidayDataError,
    WeeklySchedule,
    argentina,
    evaluate_frame,
    evaluate_many,
    ops,
)
from slaclock.calendar import business_days
from tests.domain import ba, ticket
from tests.frames import KINDS, make_frame, rows_of, wide
from tests.reference import ref_add, ref_elapsed_minutes, ref_is_business_day
from tests.strategies import ALWAYS, edge_calendars
from tests.test_engine_history import calendars_used, cases, outcome

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = timedelta(microseconds=1)
MINUTE_US = 60_000_000
HOUR = timedelta(hours=1)
I64 = np.int64
NEVER = WeeklySchedule(days=[[]] * 7)


def us(t: datetime) -> int:
    return (t - EPOCH) // US


def column(values: list[int]) -> np.ndarray:  # type: ignore[type-arg]
    return np.array(values, dtype=I64)


def always_open() -> BusinessCalendar:
    return BusinessCalendar(schedule=ALWAYS, holidays=None)


def deadlines(received: list[datetime], now: datetime, priority: int = 1) -> list[datetime]:
    """Basic deadlines through `evaluate_many` on a fresh Argentina calendar."""
    plan = BASIC_PLAN.with_calendar(argentina())
    tickets = [ticket(r, priority=priority, id=f"T-{k}") for k, r in enumerate(received)]
    return [row["deadline"] for row in evaluate_many(tickets, now, plan)]


# -- 1. a deadline in the last run of a span whose following years are not built -----------


def test_deadline_in_the_last_run_of_a_fresh_span() -> None:
    """2026-12-31 is the last open day of the 2026 span: a deadline on it must come
    from its own run, not from the run before (2026-12-30 18:00, or before receipt)."""
    now = ba(2026, 12, 31, 9, 30)
    assert deadlines([ba(2026, 12, 30, 16)], now) == [ba(2026, 12, 31, 10)]
    assert deadlines([ba(2026, 12, 31, 10)], ba(2026, 12, 31, 10, 30)) == [ba(2026, 12, 31, 12)]
    # One table, both rows; the calendar builds 2026 only.
    cal = argentina()
    got = cal.engine.clock_many(
        column([us(ba(2026, 12, 30, 16)), us(ba(2026, 12, 31, 10))]),
        column([2 * 3600 * 10**6] * 2),
        column([us(now)] * 2),
    )
    assert cal.engine.years == (2026,)
    assert got[1].tolist() == [us(ba(2026, 12, 31, 10)), us(ba(2026, 12, 31, 12))]
    assert got[0].tolist() == [us(ba(2026, 12, 30, 16)), us(ba(2026, 12, 31, 10))]
    assert got[2].tolist() == [90 * MINUTE_US, 0]


def test_deadline_at_the_very_end_of_the_last_run() -> None:
    """The deadline exactly at the close of the span's last run (17:00 on 31 December)."""
    cal = argentina()
    start, target = us(ba(2026, 12, 31, 9)), 8 * 3600 * 10**6
    got = cal.engine.clock_many(column([start]), column([target]), column([start]))
    assert got[1].tolist() == [us(ba(2026, 12, 31, 17))]
    assert got[1].tolist() == [argentina().engine.clock(start, target, start)[1]]


def test_zero_target_after_the_last_run_of_the_covering_span() -> None:
    """A zero target started after 31 December's close on a desk closed all of 2027: the
    span built for it has no later run, so the clock must widen to 3 January 2028, never
    start at a run already past (the first open run of the span's last day)."""
    closed_2027 = [Closure(day=date(2027, 1, 1) + timedelta(days=k)) for k in range(365)]
    start = us(ba(2026, 12, 31, 18))
    cal = BusinessCalendar(closures=closed_2027)
    got = cal.engine.clock_many(column([start]), column([0]), column([start]))
    opening = us(ba(2028, 1, 3, 9))
    assert got[0].tolist() == [opening] and got[1].tolist() == [opening]
    assert got[2].tolist() == [0]
    single = BusinessCalendar(closures=closed_2027).engine.clock(start, 0, start)
    assert [int(got[0][0]), int(got[1][0])] == list(single[:2])


# -- 2. a deadline past the first covering span ------------------------------------------------


def test_deadline_past_the_first_covering_span() -> None:
    """Received 31 December 16:00: one open hour in 2026, the other on 4 January 2027
    (1 January is a holiday, then a weekend): the engine widens forward."""
    now = ba(2026, 12, 31, 16, 30)
    assert deadlines([ba(2026, 12, 31, 16)], now) == [ba(2027, 1, 4, 10)]
    assert deadlines([ba(2026, 12, 31, 16)], now, priority=4) == [ba(2027, 1, 6, 16)]
    # A row inside the span and one past it, in one column.
    assert deadlines([ba(2026, 12, 30, 16), ba(2026, 12, 31, 16)], now) == [
        ba(2026, 12, 31, 10),
        ba(2027, 1, 4, 10),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_deadline_past_the_span_through_evaluate_frame(kind: str) -> None:
    received = [ba(2026, 12, 30, 16), ba(2026, 12, 31, 16), ba(2026, 12, 31, 10)]
    tickets = [ticket(r, id=f"T-{k}") for k, r in enumerate(received)]
    frame = make_frame(kind, wide(tickets), "America/Argentina/Buenos_Aires")
    plan = BASIC_PLAN.with_calendar(argentina())
    rows = rows_of(evaluate_frame(frame, ba(2026, 12, 31, 16, 30), plan))
    assert [r["deadline"] for r in rows] == [
        ba(2026, 12, 31, 10),
        ba(2027, 1, 4, 10),
        ba(2026, 12, 31, 12),
    ]
    assert [r["state"] for r in rows] == ["breached", "running", "breached"]


# -- 3. a span of exactly one merged run: an always-open plan through the table path ------


def test_clock_many_on_one_merged_run() -> None:
    cal = always_open()
    start = us(datetime(2026, 6, 1, 12, tzinfo=timezone.utc))
    d = [0, 1, 2 * 3600 * 10**6, 30 * 86_400 * 10**6]
    clock, deadline, elapsed = cal.engine.clock_many(
        column([start] * 4), column(d), column([start + 3600 * 10**6] * 4)
    )
    assert [s.n for s in cal.engine.spans] == [1]
    assert clock.tolist() == [start] * 4
    assert deadline.tolist() == [start + x for x in d]
    assert elapsed.tolist() == [3600 * 10**6] * 4


@pytest.mark.parametrize("kind", KINDS)
def test_always_open_plan_through_evaluate_frame(kind: str) -> None:
    """24/7: every deadline is receipt + target, also across a new year (the span is
    widened and its one run stays one run)."""
    received = [ba(2026, 6, 1, 3), ba(2026, 12, 31, 23), ba(2026, 12, 31, 20)]
    priorities = [1, 1, 4]
    tickets = [
        ticket(r, priority=p, id=f"T-{k}") for k, (r, p) in enumerate(zip(received, priorities))
    ]
    frame = make_frame(kind, wide(tickets), "UTC")
    plan = BASIC_PLAN.with_calendar(always_open())
    now = ba(2027, 1, 1, 0, 30)
    rows = rows_of(evaluate_frame(frame, now, plan))
    targets = [2 * HOUR, 2 * HOUR, 24 * HOUR]
    assert [r["deadline"] for r in rows] == [r + t for r, t in zip(received, targets)]
    assert [r["clock_start"] for r in rows] == received
    assert [r["elapsed"] for r in rows] == [now - r for r in received]
    assert [r["state"] for r in rows] == ["breached", "running", "running"]
    assert [s.n for s in plan.calendar.engine.spans] == [1]


# -- 4. add_business_days_many with an answer in a later (or earlier) year --------------------


def test_add_business_days_many_into_a_later_year() -> None:
    assert ops.add_business_days(argentina(), [date(2026, 12, 20)], 30) == [date(2027, 2, 2)]
    days = [date(2026, 12, 20), date(2026, 6, 1), date(2026, 12, 28), date(2026, 12, 1)]
    for n in (30, 300, -300):
        got = ops.add_business_days(argentina(), days, n)
        assert got == [argentina().add_business_days(d, n) for d in days]
    assert ops.add_business_days(argentina(), [date(2026, 1, 5)], -30) == [
        argentina().add_business_days(date(2026, 1, 5), -30)
    ]


def test_add_business_days_many_rows_past_the_span_each_answered() -> None:
    """Several rows past the span, with rows inside it between them: each gets its own."""
    cal = argentina()
    o = column([date(2026, d, 1).toordinal() for d in (12, 3, 12, 7, 11)])
    n = column([30, 2, 400, -1, 45])
    got = business_days.add_business_days_many(cal.engine, o, n)
    fresh = [
        argentina().add_business_days(date.fromordinal(a), b)
        for a, b in zip(o.tolist(), n.tolist())
    ]
    assert [date.fromordinal(x) for x in got.tolist()] == fresh
    assert fresh[0] == date(2027, 1, 18) and fresh[2].year == 2028


def test_empty_columns_are_int64() -> None:
    engine = argentina().engine
    empty = column([])
    for got in (
        business_days.deadline_by_many(engine, empty, empty, empty),
        business_days.business_days_between_many(engine, empty, empty),
        business_days.add_business_days_many(engine, empty, empty),
        engine.add_many(empty, empty),
        engine.elapsed_many(empty, empty),
        *engine.clock_many(empty, empty, empty),
    ):
        assert got.dtype == I64 and len(got) == 0


def test_running_off_the_first_year_of_holiday_data_names_the_year() -> None:
    """Backward past the first year the holidays package covers: the calendar's own
    error for the year before it, not "outside 1900-2199"."""
    cal = argentina()
    first = cal.engine.source.first_year
    message = f"needs {first - 1}"
    with pytest.raises(HolidayDataError, match=message):
        cal.add(ba(first, 3, 1, 12), -2000 * HOUR)
    with pytest.raises(HolidayDataError, match=message):
        argentina().add_business_days(date(first, 3, 1), -200)


# -- the property: column answers never depend on history, equal scalar and reference --------

Query = Callable[[BusinessCalendar], object]


def column_calendars() -> st.SearchStrategy[BusinessCalendar]:
    """Far zones (edge_calendars), and always-open and never-open calendars."""
    zones = st.sampled_from(["Pacific/Kiritimati", "Pacific/Honolulu", "Asia/Tokyo", "UTC"])
    special = st.builds(
        lambda z, s: BusinessCalendar(zone=z, schedule=s, holidays=None),
        zones,
        st.sampled_from([ALWAYS, NEVER]),
    )
    return edge_calendars() | special


@st.composite
def rows(draw: st.DrawFn, t: datetime) -> list[tuple[int, int, int, int]]:
    """(instant, target, until, business days) rows within days of t, whole minutes."""
    offset = st.integers(-3 * 1440, 3 * 1440)
    target = st.integers(0, 3 * 1440) | st.just(0)
    out = []
    for _ in range(draw(st.integers(1, 6))):
        u = us(t) + draw(offset) * MINUTE_US
        until = u + draw(st.integers(-1440, 10 * 1440)) * MINUTE_US
        out.append((u, draw(target) * MINUTE_US, until, draw(st.integers(-25, 25))))
    return out


@given(column_calendars(), cases(), st.data())
def test_columns_near_new_year_ignore_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]], data: st.DataObject
) -> None:
    t, history = case
    table = data.draw(rows(t))
    weekly = cal.schedule.weekly_open_us
    cap = 2 * weekly  # within reach of the minute-by-minute reference
    u = column([r[0] for r in table])
    d = column([min(r[1], cap) for r in table])
    until = column([r[2] for r in table])
    o = column([datetime.fromtimestamp(r[0] / 1e6, cal.zone).date().toordinal() for r in table])
    n = column([r[3] for r in table])
    signed = np.where(n % 2 == 0, d, -d)

    queries: list[Query] = [
        lambda c: [x.tolist() for x in c.engine.clock_many(u, d, until)],
        lambda c: [x.tolist() for x in c.engine.clock_many(u, d, u)],  # covers u alone
        lambda c: c.engine.add_many(u, signed).tolist(),
        lambda c: business_days.add_business_days_many(c.engine, o, n).tolist(),
        lambda c: c.engine.elapsed_many(u, until).tolist(),
        lambda c: business_days.business_days_between_many(c.engine, o, o + n).tolist(),
        lambda c: business_days.is_business_day_many(c.engine, o + n).tolist(),
    ]
    singles: list[Callable[[BusinessCalendar, int], object]] = [
        lambda c, k: [*c.engine.clock(int(u[k]), int(d[k]), int(until[k]))],
        lambda c, k: [*c.engine.clock(int(u[k]), int(d[k]), int(u[k]))],
        lambda c, k: c.engine.add(int(u[k]), int(signed[k])),
        lambda c, k: business_days.add_business_days(c.engine, int(o[k]), int(n[k])),
        lambda c, k: c.engine.elapsed(int(u[k]), int(until[k])),
        lambda c, k: business_days.business_days_between(c.engine, int(o[k]), int(o[k] + n[k])),
        lambda c, k: business_days.is_business_day(c.engine, int(o[k] + n[k])),
    ]
    used = calendars_used(cal, t, history)
    for query, single in zip(queries, singles):
        fresh = outcome(query, cal.model_copy())
        for other in used:
            assert outcome(query, other) == fresh
        each = [outcome(lambda c, k=k, f=single: f(c, k), cal.model_copy()) for k in range(len(u))]
        errors = [e for e in each if isinstance(e, tuple)]
        if errors:  # the column refuses as a row does (never a plausible number)
            assert isinstance(fresh, tuple) and fresh[0] in {e[0] for e in errors}
        elif isinstance(fresh, list) and fresh and isinstance(fresh[0], list):
            assert [list(r) for r in zip(*fresh)] == each
        else:
            assert fresh == each

    if weekly == 0:
        return
    # Each row alone on a fresh calendar: the span covers only its instant's years.
    for k in range(len(u)):
        one = slice(k, k + 1)
        alone = [int(x[0]) for x in cal.model_copy().engine.clock_many(u[one], d[one], u[one])]
        assert alone == [*cal.model_copy().engine.clock(int(u[k]), int(d[k]), int(u[k]))]
    # The slow reference, for the first row (it walks minute by minute).
    ref = cal.model_copy()
    start = datetime.fromtimestamp(int(u[0]) / 1e6, timezone.utc)
    clock, deadline, elapsed = ref.engine.clock_many(u[:1], d[:1], until[:1])
    minutes = int(d[0]) // MINUTE_US
    assert deadline[0] == us(ref_add(cal, start, minutes))
    assert clock[0] == us(ref_add(cal, start, 0))
    end = datetime.fromtimestamp(int(until[0]) / 1e6, timezone.utc)
    walked = ref_elapsed_minutes(cal, start, end) if end > start else 0
    assert elapsed[0] == walked * MINUTE_US
    assert ref.engine.add_many(u[:1], signed[:1])[0] == us(
        ref_add(cal, start, -minutes if n[0] % 2 else minutes)
    )
    if abs(int(n[0])) <= 3 and cal.schedule != ALWAYS:
        day = date.fromordinal(int(o[0]))
        got = date.fromordinal(
            int(business_days.add_business_days_many(ref.engine, o[:1], n[:1])[0])
        )
        step = timedelta(days=1 if n[0] > 0 else -1)
        left, probe = abs(int(n[0])), day
        if left == 0:
            while not ref_is_business_day(cal, probe):
                probe += timedelta(days=1)
        while left:
            probe += step
            left -= ref_is_business_day(cal, probe)
        assert got == probe
