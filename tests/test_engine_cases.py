"""The engine's regressions, each once as found, and calendars shared across
threads, forked processes and copies."""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import threading
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    HolidayDataError,
    HolidayRules,
    NoOpenTimeError,
    OutOfRangeError,
    WeeklySchedule,
    argentina,
    evaluate,
)
from slaclock.calendar.span import LIST_RUNS
from slaclock.calendar.swap import SWAP
from tests.domain import ba, ticket
from tests.strategies import ALWAYS

LA = ZoneInfo("America/Los_Angeles")


def all_years() -> BusinessCalendar:
    """The manual's calendar over 1900-2199, taking years without holiday data to have none."""
    return argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})


UTC = timezone.utc
H = timedelta(hours=1)


def la_desk() -> BusinessCalendar:
    return BusinessCalendar(
        zone="America/Los_Angeles",
        holidays=HolidayRules(country="US"),
        schedule=WeeklySchedule.weekdays("09:00-17:00"),
    )


def test_new_year_evening_west_of_utc_after_other_queries() -> None:
    """Issue 6, 1: the evening of 31 December, which is already 1 January in UTC."""
    t = datetime(2024, 12, 31, 16, tzinfo=LA)
    fresh, used = la_desk(), la_desk()
    used.add(datetime(2026, 11, 24, 10, tzinfo=LA), H)
    used.add(datetime(2025, 6, 2, 10, tzinfo=LA), H)
    for cal in (fresh, used):
        assert cal.add(t, timedelta(minutes=30)) == datetime(2024, 12, 31, 16, 30, tzinfo=LA)
        assert cal.is_open(t)
        assert cal.elapsed(t, datetime(2024, 12, 31, 17, tzinfo=LA)) == H


def test_sla_outcome_does_not_depend_on_an_earlier_ticket() -> None:
    plan = BASIC_PLAN.model_copy(update={"calendar": la_desk()})
    other = plan.model_copy()
    received = datetime(2024, 12, 31, 15, 30, tzinfo=LA)
    answered = ticket(received, priority=1).model_copy(
        update={"history": ()}
    )  # a severity-1 ticket, 2 business hours
    now = datetime(2025, 1, 2, 12, tzinfo=LA)
    # An earlier ticket far away builds other years first (evaluated after its receipt).
    evaluate(ticket(datetime(2026, 3, 3, 10, tzinfo=LA)), datetime(2026, 3, 4, tzinfo=LA), other)
    assert evaluate(answered, now, plan).deadline == evaluate(answered, now, other).deadline


def test_next_close_is_not_cut_where_the_index_ends() -> None:
    """Issue 6, 2: an open period that crosses the built years is one period."""
    closed = Closure(day=date(2031, 3, 4), reason="the one closed day")
    always = BusinessCalendar(zone="UTC", holidays=None, schedule=ALWAYS, closures=(closed,))
    t = datetime(2026, 6, 1, tzinfo=UTC)
    assert always.next_close(t) == datetime(2031, 3, 4, tzinfo=UTC)
    again = always.model_copy()
    again.add(datetime(2100, 1, 1, tzinfo=UTC), H)
    assert again.next_close(t) == datetime(2031, 3, 4, tzinfo=UTC)
    assert again.previous_close(datetime(2040, 1, 1, tzinfo=UTC)) == datetime(
        2031, 3, 4, tzinfo=UTC
    )
    never_closes = BusinessCalendar(zone="UTC", holidays=None, schedule=ALWAYS)
    with pytest.raises(OutOfRangeError, match="never closes"):
        never_closes.next_close(t)


@pytest.mark.parametrize(
    ("day", "n"), [(date(1, 1, 1), 1), (date(2200, 6, 1), -1), (date(2300, 1, 1), 1)]
)
def test_business_days_outside_the_range_are_refused(day: date, n: int) -> None:
    """Issue 6, 4: no silent clamp to 1900 or 2199, no inverted index afterwards."""
    cal = argentina()
    with pytest.raises(OutOfRangeError, match=str(day.year)):
        cal.add_business_days(day, n)
    started = time.perf_counter()
    assert cal.add_business_days(date(2026, 11, 20), 1) == date(2026, 11, 24)
    assert time.perf_counter() - started < 0.5  # a one-year build, not a 300-year one


def test_business_days_that_would_leave_the_range() -> None:
    with pytest.raises(HolidayDataError, match="has AR holidays for 1957-2100 only"):
        argentina().add_business_days(date(2100, 12, 20), 40)
    cal = all_years()
    with pytest.raises(OutOfRangeError, match="after 2199-12-31"):
        cal.add_business_days(date(2199, 12, 1), 40)
    with pytest.raises(OutOfRangeError, match="before 1900-01-01"):
        cal.add_business_days(date(1900, 1, 20), -40)
    assert cal.add_business_days(date(2199, 12, 1), 5) == date(2199, 12, 6)  # from a Sunday


@pytest.mark.parametrize(
    "t",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))),
        datetime(1899, 12, 31, 23, tzinfo=UTC),
        datetime(2200, 1, 1, 12, tzinfo=UTC),
    ],
)
def test_instants_outside_the_range_are_refused(t: datetime) -> None:
    """Issue 6, 5: UTC years 0 and 10000 give OutOfRangeError, not OverflowError."""
    cal = argentina()
    for query in (
        lambda: cal.add(t, H),
        lambda: cal.is_open(t),
        lambda: cal.next_open(t),
        lambda: cal.elapsed(t, datetime(2026, 1, 1, tzinfo=UTC)),
        lambda: cal.previous_close(t),
    ):
        with pytest.raises(OutOfRangeError, match="outside the years"):
            query()


def test_the_range_edges_are_local_new_years() -> None:
    cal = all_years()
    first = datetime(1900, 1, 1, tzinfo=cal.zone)
    assert not cal.is_open(first)
    with pytest.raises(OutOfRangeError):
        cal.is_open(first.astimezone(UTC) - timedelta(microseconds=1))
    assert cal.add(datetime(2199, 12, 30, 16, tzinfo=cal.zone), H) == datetime(
        2199, 12, 30, 17, tzinfo=cal.zone
    )
    with pytest.raises(OutOfRangeError, match="after 2199-12-31"):
        cal.add(datetime(2199, 12, 30, 16, tzinfo=cal.zone), 20 * H)


def test_a_calendar_whose_every_open_day_is_closed() -> None:
    """The error names the cause (no open time), not the duration."""
    mondays = WeeklySchedule.of(monday="09:00-17:00")
    first = date(2026, 11, 23)
    closed = tuple(Closure(day=first + timedelta(weeks=k)) for k in range(0, 53))
    cal = BusinessCalendar(holidays=None, schedule=mondays, closures=closed)
    start = datetime(2026, 11, 20, tzinfo=cal.zone)
    assert cal.add(start, H) == datetime(2027, 11, 29, 10, tzinfo=cal.zone)
    never = BusinessCalendar(holidays=None, schedule=WeeklySchedule(days=[[]] * 7))
    with pytest.raises(NoOpenTimeError, match="no open time"):
        never.add(start, H)
    with pytest.raises(NoOpenTimeError, match="no open time"):
        never.add_business_days(first, 1)


def test_deepcopy_pickle_and_copy_of_used_calendars_and_plans() -> None:
    """Issue 6, 6: deepcopy used to fail on the lock inside the index."""
    cal = argentina()
    cal.add(ba(2026, 11, 20, 16), 2 * H)
    for value in (cal, BASIC_PLAN, ticket(ba(2026, 11, 20, 16))):
        assert copy.deepcopy(value) == value
        assert copy.copy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value
    again = pickle.loads(pickle.dumps(cal))
    assert again.engine.years == ()  # the index is never pickled
    assert again.add(ba(2026, 11, 20, 16), 2 * H) == ba(2026, 11, 24, 10)
    assert copy.deepcopy(BASIC_PLAN).calendar.add(ba(2026, 11, 20, 16), 2 * H) == ba(
        2026, 11, 24, 10
    )


def _answer_in_child(cal: BusinessCalendar) -> int:
    """Fork while the swap lock is held; the child must still grow the index."""
    with SWAP.lock:  # as if another thread were swapping spans at the moment of the fork
        pid = os.fork()
        if pid == 0:  # the child
            try:
                ok = cal.add(ba(2090, 6, 1, 10), H) == ba(2090, 6, 1, 11)
                os._exit(0 if ok else 1)
            except BaseException:
                os._exit(2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return -1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_does_not_inherit_a_held_lock() -> None:
    """Issue 6, 3: a child forked while the index was being swapped used to hang."""
    cal = BASIC_PLAN.calendar
    cal.add(ba(2026, 11, 20, 16), H)
    assert _answer_in_child(cal) == 0


def _deadline_in_worker(day: int) -> datetime:
    return BASIC_PLAN.calendar.add(ba(2080 + day, 3, 2, 10), 30 * H)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_fork_pool_while_another_thread_grows_the_index() -> None:
    stop = threading.Event()

    def grow() -> None:
        k = 0
        while not stop.is_set():
            # 20 distinct calendars: re-open a weekday of January 2000 (a re-opened
            # date must have scheduled hours).
            fresh = argentina(reopened=[date(2000, 1, 3 + 7 * (k % 4) + k % 5)])
            fresh.add(ba(1960 + k % 130, 5, 4, 10), 100 * H)
            k += 1

    worker = threading.Thread(target=grow)
    worker.start()
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(2) as pool:
            got = pool.map_async(_deadline_in_worker, range(12)).get(timeout=120)
    finally:
        stop.set()
        worker.join()
    assert got == [_deadline_in_worker(k) for k in range(12)]


def test_threads_sharing_one_calendar_agree_with_a_fresh_one() -> None:
    shared = all_years()
    rng = np.random.default_rng(6)
    days = rng.integers(0, 300 * 365, size=(8, 60))
    base = datetime(1900, 1, 3, 10, tzinfo=UTC)
    results: dict[int, list[datetime]] = {}

    def work(k: int) -> None:
        results[k] = [shared.add(base + timedelta(days=int(d)), 50 * H) for d in days[k]]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for k in range(8):
        fresh = all_years()
        assert results[k] == [fresh.add(base + timedelta(days=int(d)), 50 * H) for d in days[k]]


def test_large_spans_use_compact_views_and_agree_with_small_ones() -> None:
    """Spans over LIST_RUNS runs answer from memoryviews of the int64 arrays."""
    big, small = all_years(), all_years()
    span = big.engine.years_span(1900, 2199)
    assert span.n > LIST_RUNS and isinstance(span.starts_seq, memoryview)
    assert span.nbytes < 3 * 2**20
    rng = np.random.default_rng(7)
    for minutes in rng.integers(0, 299 * 525_600, size=300):
        t = datetime(1900, 1, 2, tzinfo=UTC) + timedelta(minutes=int(minutes))
        d = timedelta(minutes=int(minutes) % 5000)
        assert big.add(t, d) == small.add(t, d)
        assert big.add(t, -d) == small.add(t, -d)
        assert big.next_close(t) == small.next_close(t)
        assert big.previous_close(t) == small.previous_close(t)
        assert big.is_business_day(t.date()) == small.is_business_day(t.date())


def test_widening_builds_only_missing_years() -> None:
    cal = argentina()
    cal.add(ba(2026, 6, 1, 10), H)
    cal.add(ba(2090, 6, 1, 10), H)
    assert cal.engine.years == (2026, 2090)
    cal.elapsed(ba(2026, 6, 1, 10), ba(2030, 6, 1, 10))
    assert cal.engine.years == (2026, 2027, 2028, 2029, 2030, 2090)
    assert len(cal.engine.spans) == 2


def test_the_end_of_the_range_is_refused_whatever_was_built_before() -> None:
    """Local 1 January 2200 is outside the range: elapsed() and the SLA clock up to it refuse
    on a fresh calendar and on one whose index already reaches 2199 (found by mutmut: the
    used calendar answered)."""
    cal = all_years()
    a = datetime(2026, 3, 2, 10, tzinfo=cal.zone)
    end = datetime(2200, 1, 1, tzinfo=cal.zone)
    used = cal.model_copy()
    used.elapsed(a, datetime(2199, 12, 31, tzinfo=cal.zone))
    for c in (cal.model_copy(), used):
        with pytest.raises(OutOfRangeError):
            c.elapsed(a, end)
        with pytest.raises(OutOfRangeError):
            c.elapsed(end, a)
        with pytest.raises(OutOfRangeError):
            c.engine.clock(int(a.timestamp() * 1e6), 0, int(end.timestamp() * 1e6))
    last = end - timedelta(microseconds=1)
    assert used.elapsed(a, last) == cal.model_copy().elapsed(a, last)


@pytest.mark.parametrize(("day", "n"), [(date(2199, 7, 1), 1), (date(1900, 6, 1), -1)])
def test_no_business_day_left_that_way_is_no_open_time(day: date, n: int) -> None:
    """Closures that shut every business day from a date to the edge of the range make a
    business-day search that way fail as add() does, NoOpenTimeError, even though the year
    holds business days on the other side (found by mutmut: it said OutOfRangeError)."""
    first, last = (day, date(2199, 12, 31)) if n > 0 else (date(1900, 1, 1), day)
    days = range(first.toordinal(), last.toordinal() + 1)
    closed = [Closure(day=date.fromordinal(o)) for o in days]
    cal = BusinessCalendar(zone="UTC", holidays=None, closures=closed)
    with pytest.raises(NoOpenTimeError):
        cal.add_business_days(day, n)
    t = datetime.combine(day, datetime.min.time(), timezone.utc)
    with pytest.raises(NoOpenTimeError):
        cal.add(t, timedelta(hours=1 if n > 0 else -1))
