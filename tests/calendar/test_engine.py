"""Tests written against the surviving mutants of `slaclock.calendar.engine` (mutmut).

Two layers:

* `Span` on synthetic runs, against a plain-Python model of the runs. A span
  may answer only what its window [lo, hi) determines: outside it, other years
  may add runs that end at or before lo, or start at or after hi. So each answer
  is either *must* (the window determines it: the span has to give it), *may*
  (determined, but only at the window's very edge, where the span may still say
  None and let the engine widen), or *never* (another year could change it: the
  span has to say None).
* `Engine` through `BusinessCalendar` and `cal.engine`: growth of the spans, the
  errors at the range edges, periods, business days and columns, checked against
  the slow reference, plain recomputation, or the engine's own single values.

The engine's regressions, each once as found, and calendars shared across
threads, forked processes and copies.

The engine's column operations give exactly the single-value answers.

A calendar's answers never depend on what it was asked before.

Each example builds two equal calendars: one fresh, one that first answers
random earlier queries (which grow its index in other years, in other
directions, in disjoint pieces). Then both answer queries near a UTC new
year, in zones far from UTC and with night and 24/7 schedules, and must agree
with each other and with the slow reference.

The column engine at the edges of the years a calendar has built (issue 18).

Every calendar here is fresh (a new object, so no year is built before the
question), and each question asks for an answer in the last run of the span
that covers the input, past that span, in a span of one merged run (24/7), or
in a later year than the dates given. The property at the end is the column
path's counterpart of tests/test_engine_history.py: column answers never
depend on what the calendar was asked before, and equal the single-value
answers and the slow reference.
"""

from __future__ import annotations

import copy
import itertools
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    HolidayDataError,
    HolidayRules,
    NoOpenTimeError,
    OutOfRangeError,
    SlaclockError,
    WeeklySchedule,
    argentina,
    evaluate,
    evaluate_frame,
    evaluate_many,
    ops,
)
from slaclock.calendar import business_days
from slaclock.calendar.column import merge
from slaclock.calendar.engine import Engine
from slaclock.calendar.span import LIST_RUNS, Span
from slaclock.calendar.swap import SWAP, SwapLock
from tests.support.domain import ba, ticket
from tests.support.frames import KINDS, make_frame, rows_of, wide
from tests.support.reference import (
    ref_add,
    ref_elapsed_minutes,
    ref_is_business_day,
    ref_is_open,
    ref_next_close,
    ref_previous_close,
    utc,
)
from tests.support.strategies import ALWAYS, NIGHT, OFFICE, calendars, edge_calendars, instants

MIN_YEAR, MAX_YEAR = 1900, 2199  # the supported years
US_PER_DAY = DAY = 86_400_000_000
HOUR = DAY // 24
Runs = list[tuple[int, int]]


# -- a plain-Python model of a span's runs ------------------------------------------------


def model_find(runs: Runs, u: int) -> int:
    """The last run starting at or before u, -1 if none."""
    return sum(1 for s, _ in runs if s <= u) - 1


def model_cum(runs: Runs, u: int) -> int:
    """Open time before u."""
    return sum(max(0, min(e, u) - s) for s, e in runs)


def model_open(runs: Runs, u: int) -> bool:
    return any(s <= u < e for s, e in runs)


def model_forward(runs: Runs, u: int, d: int) -> int | None:
    """The earliest x with open time d in [u, x) (d > 0), None if the runs hold too little."""
    t = model_cum(runs, u) + d
    before = 0
    for s, e in runs:
        if before < t <= before + e - s:
            return s + t - before
        before += e - s
    return None


def model_backward(runs: Runs, u: int, d: int) -> int | None:
    """The latest x <= u with open time -d in [x, u) (d < 0), None if the runs hold too little."""
    t = model_cum(runs, u) + d
    if t < 0:
        return None
    best = None
    before = 0
    for s, e in runs:
        if s <= u and before <= t:
            best = s + t - before if t <= before + e - s else None
        before += e - s
    return best


MUST, MAY, NEVER = "must", "may", "never"


def check(got: object, truth: object, known: str) -> None:
    """`must`: the span gives the truth; `may`: the truth or None; `never`: None."""
    if known == MUST:
        assert got == truth
    elif known == MAY:
        assert got in (None, truth)
    else:
        assert got is None


def edge(value: int, bound: int, inside: bool) -> str:
    """MUST if `inside`, MAY exactly at the bound, NEVER beyond."""
    return MUST if inside else (MAY if value == bound else NEVER)


@st.composite
def spans(draw: st.DrawFn, min_runs: int = 0) -> tuple[Span, Runs]:
    """A span over random disjoint, non-touching runs, with a random window; the runs may
    start before lo and end after hi, and their edges often fall on lo, hi or a day mark."""
    day0 = draw(st.integers(-30_000, 30_000))
    lo = day0 * DAY + draw(st.sampled_from([0, 1, HOUR, DAY - 1]) | st.integers(0, DAY - 1))
    hi = lo + draw(st.sampled_from([1, HOUR, DAY, 3 * DAY]) | st.integers(1, 4 * DAY))
    base = lo // DAY * DAY
    special = [lo, lo - 1, lo + 1, hi, hi - 1, hi + 1, base, base + DAY, base + 2 * DAY]
    point = st.sampled_from(special) | st.integers(lo - 2 * DAY, hi + 2 * DAY)
    points = sorted(draw(st.sets(point, min_size=2 * min_runs, max_size=16)))
    points = points[: len(points) // 2 * 2]
    runs = [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]
    starts = np.array([s for s, _ in runs], dtype=np.int64)
    ends = np.array([e for _, e in runs], dtype=np.int64)
    bdays = np.array(sorted(draw(st.sets(st.integers(700_000, 800_000), max_size=5))))
    return Span(2000, 2000, (lo, hi), starts, ends, bdays.astype(np.int64)), runs


def queries(span: Span, runs: Runs, data: st.DataObject) -> list[int]:
    """Instants in [lo, hi): every run edge inside, the window edges, and random ones."""
    lo, hi = span.lo, span.hi
    edges = {x + k for s, e in runs for x in (s, e) for k in (-1, 0, 1)}
    edges |= {lo, lo + 1, hi - 1, hi - 2}
    picked = [x for x in edges if lo <= x < hi]
    picked += data.draw(st.lists(st.integers(lo, hi - 1), max_size=5))
    return sorted(set(picked))


# -- Span: one value at a time ------------------------------------------------------------


@given(spans(), st.data())
def test_span_lookups_match_the_model(case: tuple[Span, Runs], data: st.DataObject) -> None:
    """find, cum_at, is_open and runs give exactly the model's answers for every instant
    of the window (the day table narrows the bisection without changing it)."""
    span, runs = case
    assert span.n == len(runs)
    assert span.total == sum(e - s for s, e in runs)
    assert span.cum.tolist() == [0, *np.cumsum([e - s for s, e in runs]).tolist()]
    for u in [*queries(span, runs, data), span.hi]:
        assert span.find(u) == model_find(runs, u)
        assert span.cum_at(u) == model_cum(runs, u)
    for u in queries(span, runs, data):
        assert span.is_open(u) == model_open(runs, u)
        for b in (u + 1, span.hi, min(u + HOUR, span.hi)):
            clipped = [(max(s, u), min(e, b)) for s, e in runs if max(s, u) < min(e, b)]
            assert list(span.runs(u, b)) == clipped


@given(spans(), st.data())
def test_span_boundaries_answer_exactly_what_the_window_knows(
    case: tuple[Span, Runs], data: st.DataObject
) -> None:
    """next_open, next_close, previous_close, previous_open and period_start: the model's
    answer where the window determines it, None where a run of another year could change
    it (an opening after hi, a run touching lo or hi, an end before lo)."""
    span, runs = case
    lo, hi = span.lo, span.hi
    for u in queries(span, runs, data):
        i = model_find(runs, u)
        holding = i >= 0 and u < runs[i][1]
        later = [s for s, _ in runs if s > u]
        if holding:
            check(span.next_open(u), u, MUST)
        else:
            check(
                span.next_open(u),
                later[0] if later else None,
                MUST if later and later[0] <= hi else NEVER,
            )
        k = i if holding else i + 1
        end = runs[k][1] if k < len(runs) else None
        check(span.next_close(u), end, MUST if end is not None and end < hi else NEVER)
        closed = [e for _, e in runs if e <= u]
        last_end = closed[-1] if closed else None
        known = NEVER if last_end is None else edge(last_end, lo, last_end > lo)
        check(span.previous_close(u), last_end, known)
        if holding:
            check(span.previous_open(u), u, MUST)
            s = runs[i][0]
            check(span.period_start(u), s, MUST if s > lo else NEVER)
        elif i < 0:
            check(span.previous_open(u), None, NEVER)
        else:
            e = runs[i][1]
            check(span.previous_open(u), e - 1, edge(e, lo, e > lo))


@given(spans(), st.data())
def test_span_add_matches_the_model(case: tuple[Span, Runs], data: st.DataObject) -> None:
    """add forward (the earliest instant with d of open time since u), backward (the latest
    with -d until u) and zero (next_open): exact where the answer lies in [lo, hi], None
    where the span's runs hold too little time or the answer lies outside."""
    span, runs = case
    lo, hi = span.lo, span.hi
    total = span.total
    sizes = st.sampled_from([1, HOUR, total, total + 1]) | st.integers(1, 3 * DAY)
    for u in queries(span, runs, data):
        check(span.add(u, 0), span.next_open(u), MUST)
        for d in {*data.draw(st.lists(sizes, min_size=1, max_size=3)), 1, HOUR}:
            c = model_cum(runs, u)
            for dd in {d, total - c, total - c + 1, c, c + 1, -c, -c - 1}:
                if dd > 0:
                    want = model_forward(runs, u, dd)
                    check(
                        span.add(u, dd), want, MUST if want is not None and want <= hi else NEVER
                    )
                elif dd < 0:
                    want = model_backward(runs, u, dd)
                    check(
                        span.add(u, dd), want, MUST if want is not None and want >= lo else NEVER
                    )


@given(spans(), st.data())
def test_span_clock_is_next_open_add_and_elapsed(
    case: tuple[Span, Runs], data: st.DataObject
) -> None:
    """clock(u, d, until) is (next_open(u), add(u, d), open time from u to until, 0 when
    until <= u), and None as soon as one of them is not known in the window."""
    span, runs = case
    hi = span.hi
    for u in queries(span, runs, data):
        untils = {u - 1, u, u + 1, hi, hi + 1, *data.draw(st.lists(st.integers(u, hi + DAY)))}
        for d in {0, 1, HOUR, span.total, *data.draw(st.lists(st.integers(0, 2 * DAY)))}:
            for until in untils:
                start = span.next_open(u)
                due = span.add(u, d)
                if start is None or due is None or (until > u and until > hi):
                    assert span.clock(u, d, until) is None
                    continue
                used = max(0, model_cum(runs, until) - model_cum(runs, u)) if until > u else 0
                assert span.clock(u, d, until) == (start, due, used)


# -- Span: whole columns ------------------------------------------------------------------


@given(spans(), st.data())
def test_span_columns_equal_single_values(case: tuple[Span, Runs], data: st.DataObject) -> None:
    """cum_many, open_many, next_open_many and add_many (durations of both signs, ending on
    every run edge, at the span's total and one past it) give the single-value answers,
    and flag exactly the ones the span knows."""
    span, runs = case
    us = queries(span, runs, data)
    u = np.array(us, dtype=np.int64)
    cum, found = span.cum_many(u)
    assert cum.tolist() == [model_cum(runs, x) for x in us]
    assert found.tolist() == [model_find(runs, x) for x in us]
    assert span.open_many(u).tolist() == [model_open(runs, x) for x in us]
    nxt, ok = span.next_open_many(u)
    singles = [span.next_open(x) for x in us]
    assert ok.tolist() == [x is not None for x in singles]
    assert [int(v) if k else None for v, k in zip(nxt, ok)] == singles
    pairs = []
    cums = span.cum.tolist()
    for x in us:
        c = model_cum(runs, x)
        ds = {0, 1, -1, span.total - c, span.total - c + 1, -c, -c - 1, *(k - c for k in cums)}
        ds |= set(data.draw(st.lists(st.integers(-3 * DAY, 3 * DAY), max_size=2)))
        pairs += [(x, d) for d in sorted(ds)]
    u = np.array([x for x, _ in pairs], dtype=np.int64)
    out, ok = span.add_many(u, np.array([d for _, d in pairs], dtype=np.int64))
    singles = [span.add(x, d) for x, d in pairs]
    assert ok.tolist() == [x is not None for x in singles]
    assert [int(v) if k else None for v, k in zip(out, ok)] == singles


def test_an_empty_span_knows_nothing() -> None:
    """Span.empty() has no runs (int64 columns like any span) and an empty window; its
    columns answer 0 (int64) / closed (bool) / unknown."""
    empty = Span.empty()
    assert (empty.n, empty.total, empty.lo, empty.hi) == (0, 0, 0, 0)
    assert empty.first_year > empty.last_year
    assert empty.starts.dtype == empty.ends.dtype == empty.cum.dtype == np.int64
    assert len(empty.starts) == len(empty.ends) == len(empty.bdays) == 0
    u = np.array([-5, 0, 7], dtype=np.int64)
    cum, found = empty.cum_many(u)
    assert cum.dtype == np.int64 and empty.open_many(u).dtype == np.bool_
    assert cum.tolist() == [0, 0, 0]
    assert found.tolist() == [-1, -1, -1]
    assert empty.open_many(u).tolist() == [False] * 3
    out, ok = empty.next_open_many(u)
    assert out.tolist() == u.tolist() and ok.tolist() == [False] * 3 and ok.dtype == np.bool_
    out, ok = empty.add_many(u, np.array([1, 0, -1], dtype=np.int64))
    assert out.tolist() == u.tolist() and ok.tolist() == [False] * 3 and ok.dtype == np.bool_


def test_small_spans_keep_lists_large_ones_memoryviews_and_nbytes_counts_them() -> None:
    """Spans of a few runs keep Python lists for single values, spans far over LIST_RUNS
    keep memoryviews of the int64 arrays; nbytes counts each array once plus, for a list
    view, the list and its ints (a memoryview adds nothing). Both kinds answer alike."""
    for n, kind in ((100, list), (2 * LIST_RUNS, memoryview)):
        starts = np.arange(n, dtype=np.int64) * HOUR
        span = Span(2000, 2000, (0, n * HOUR), starts, starts + HOUR // 2, starts[:3])
        assert all(isinstance(v, kind) for v in (span.starts_seq, span.ends_seq, span.cum_seq))
        arrays = (span.starts, span.ends, span.cum, span.bdays, span.first)
        lists = [
            v
            for v in (span.starts_seq, span.ends_seq, span.cum_seq, span.bdays_seq, span.first_seq)
            if isinstance(v, list)
        ]
        extra = sum(sum(x.__sizeof__() for x in v) + v.__sizeof__() for v in lists)
        assert span.nbytes == sum(a.nbytes for a in arrays) + extra
        u = (n - 1) * HOUR + 5
        assert span.cum_at(u) == (n - 1) * (HOUR // 2) + 5
        assert span.add(u, HOUR // 2 - 5) == (n - 1) * HOUR + HOUR // 2


def model_merge(runs: Runs) -> Runs:
    out: Runs = []
    for s, e in sorted(runs):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


raw_runs = st.lists(
    st.tuples(st.integers(-50, 50), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@given(raw_runs)
def test_merge_unites_overlapping_and_touching_runs(runs: Runs) -> None:
    """merge sorts runs (in any order, sorted or not) and unites the ones that overlap or
    touch, exactly as a plain-Python union."""
    starts = np.array([s for s, _ in runs], dtype=np.int64)
    ends = np.array([e for _, e in runs], dtype=np.int64)
    s, e = merge(starts, ends)
    assert list(zip(s.tolist(), e.tolist())) == model_merge(runs)
    ordered = sorted(runs)
    s, e = merge(np.array([a for a, _ in ordered]), np.array([b for _, b in ordered]))
    assert list(zip(s.tolist(), e.tolist())) == model_merge(runs)


@given(raw_runs, st.integers(-60, 60), st.data())
def test_join_equals_one_span_over_the_united_runs(
    runs: Runs, cut: int, data: st.DataObject
) -> None:
    """Span.join of spans for consecutive years (given in any order) is the span of all
    their runs merged: a run cut at the edge between two parts becomes one run again,
    and the business days are kept in order."""
    united = model_merge(runs)
    left = [(s, min(e, cut)) for s, e in united if s < cut]
    right = [(max(s, cut), e) for s, e in united if e > cut]

    def part(year: int, rs: Runs, days: list[int]) -> Span:
        a = np.array([s for s, _ in rs], dtype=np.int64)
        b = np.array([e for _, e in rs], dtype=np.int64)
        return Span(year, year, (0, 1), a, b, np.array(days, dtype=np.int64))

    parts = [part(2001, left, [730_000, 730_001]), part(2002, right, [730_400])]
    if data.draw(st.booleans()):
        parts.reverse()
    joined = Span.join(parts, (-DAY, DAY))
    assert (joined.first_year, joined.last_year, joined.lo, joined.hi) == (2001, 2002, -DAY, DAY)
    assert list(zip(joined.starts.tolist(), joined.ends.tolist())) == united
    assert joined.bdays.tolist() == [730_000, 730_001, 730_400]
    assert np.issubdtype(joined.bdays.dtype, np.integer)  # ordinals, not floats
    assert joined.total == sum(e - s for s, e in united)


# -- Engine: which years get built -------------------------------------------------------

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = timedelta(microseconds=1)
H = timedelta(hours=1)


def to_us(t: datetime) -> int:
    return (t - EPOCH) // US


def utc_office(**kw: object) -> BusinessCalendar:
    return BusinessCalendar(zone="UTC", holidays=None, schedule=OFFICE, **kw)


def groups(years: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive years."""
    out: list[tuple[int, int]] = []
    for y in sorted(years):
        if out and out[-1][1] == y - 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def same_span(a: Span, b: Span) -> None:
    assert (a.first_year, a.last_year, a.lo, a.hi) == (b.first_year, b.last_year, b.lo, b.hi)
    assert a.starts.tolist() == b.starts.tolist()
    assert a.ends.tolist() == b.ends.tolist()
    assert a.bdays.tolist() == b.bdays.tolist()


@given(
    st.sampled_from(
        [
            BusinessCalendar(zone="UTC", holidays=None, schedule=NIGHT),
            BusinessCalendar(zone="Asia/Tokyo", holidays=None, schedule=OFFICE),
            BusinessCalendar(zone="Pacific/Kiritimati", holidays=None, schedule=ALWAYS),
        ]
    ),
    st.lists(
        st.tuples(st.integers(1897, 1912), st.integers(0, 3))
        .map(lambda p: (p[0], p[0] + p[1]))
        .filter(lambda p: p[1] >= MIN_YEAR),
        min_size=1,
        max_size=6,
    ),
)
def test_years_span_builds_each_year_once_and_joins_neighbours(
    cal: BusinessCalendar, calls: list[tuple[int, int]]
) -> None:
    """After any sequence of years_span calls (some reaching before the first supported year), the
    engine holds exactly the years asked for (clamped to 1900-2199), one span per run of
    consecutive years, each equal to a span built in one piece; every call returns the
    span that holds its years."""
    engine = cal.model_copy().engine
    built: set[int] = set()
    for first, last in calls:
        got = engine.years_span(first, last)
        a, b = max(first, MIN_YEAR), min(last, MAX_YEAR)
        built |= set(range(a, b + 1))
        assert got.first_year <= a and b <= got.last_year
        assert (got.first_year, got.last_year) in groups(built)
        assert engine.years == tuple(sorted(built))
        assert [(s.first_year, s.last_year) for s in engine.spans] == groups(built)
    for span in engine.spans:
        same_span(span, cal.model_copy().engine.years_span(span.first_year, span.last_year))


def doubling(first: int, needed: int) -> int:
    """The last year built when a search from year `first` doubles the years until `needed`."""
    last = first
    while last < needed:
        last += last - first + 1
    return min(last, MAX_YEAR)


@given(st.integers(1990, 2150), st.integers(1, 30 * 52 * 40))
def test_a_long_search_doubles_the_years_it_builds(year: int, hours: int) -> None:
    """add forward widens to 1, 2, 4, 8... years from the starting one (backward likewise
    toward the past), building nothing else; so does a business-day search."""
    cal = utc_office()
    t = datetime(year, 6, 1, 12, tzinfo=UTC)
    weeks = min(hours // 40, (MAX_YEAR - year) * 52)
    due = cal.add(t, timedelta(hours=40 * weeks))
    assert cal.engine.years == tuple(range(year, doubling(year, due.year) + 1))
    back = cal.model_copy()
    weeks = min(hours // 40, (year - MIN_YEAR) * 52)
    past = back.add(t, -timedelta(hours=40 * weeks))
    assert back.engine.years == tuple(range(year - doubling(0, year - past.year), year + 1))
    days = cal.model_copy()
    n = min(hours // 8, (MAX_YEAR - year) * 250)
    got = days.add_business_days(t.date(), n)
    assert days.engine.years == tuple(range(year, doubling(year, got.year) + 1))
    days = cal.model_copy()
    n = min(hours // 8, (year - MIN_YEAR) * 250)
    got = days.add_business_days(t.date(), -n)
    assert days.engine.years == tuple(range(year - doubling(0, year - got.year), year + 1))


# -- Engine: answers at the exact edges of the built windows ----------------------------


def outcome(query: Callable[[], object]) -> object:
    """The answer, or the error's type and message."""
    try:
        return query()
    except SlaclockError as exc:
        return (type(exc).__name__, str(exc))


def engine_queries(e: Engine, u: int, d: int) -> list[Callable[[], object]]:
    """Every single-value and column query of the engine around instant u."""
    col = np.array([u, u - d, u + d], dtype=np.int64)
    signed = np.array([d, -d, 0], dtype=np.int64)
    return [
        lambda: e.is_open(u),
        lambda: e.add(u, d),
        lambda: e.add(u, -d),
        lambda: e.add(u, 0),
        lambda: e.next_close(u),
        lambda: e.previous_close(u),
        lambda: e.previous_open(u),
        lambda: e.elapsed(u, u + d),
        lambda: e.elapsed(u - d, u),
        lambda: e.elapsed(u + d, u),
        lambda: e.clock(u, d, u + 2 * d),
        lambda: e.clock(u, 0, u - d),
        lambda: list(e.runs(u - d, u + d)),
        lambda: e.period_start(e.next_open(u)),
        lambda: list(itertools.islice(e.periods_after(u), 2)),
        lambda: list(itertools.islice(e.periods_before(u), 2)),
        lambda: e.add_many(col, signed).tolist(),
        lambda: e.elapsed_many(col, col + signed).tolist(),
        lambda: e.open_many(col).tolist(),
    ]


@given(edge_calendars(), st.integers(1996, 2044), st.integers(1, 3000), st.data())
def test_answers_at_the_edges_of_a_built_window_ignore_it(
    cal: BusinessCalendar, year: int, minutes: int, data: st.DataObject
) -> None:
    """An engine that has built one year (its current span, or not) answers at that span's
    window edges (lo - 1, lo, hi - 1, hi, hi + 1) exactly as one holding the five years
    around it; and questions wholly inside a window build nothing more."""
    d = minutes * 60_000_000
    span = cal.model_copy().engine.years_span(year, year)
    u = data.draw(st.sampled_from([span.lo - 1, span.lo, span.hi - 1, span.hi, span.hi + 1]))
    elsewhere = data.draw(st.booleans())  # is the current span another one?
    wide = cal.model_copy().engine
    wide.years_span(year - 2, year + 2)
    for k, want in enumerate(engine_queries(wide, u, d)):
        narrow = cal.model_copy().engine
        narrow.years_span(year, year)
        if elsewhere:
            narrow.years_span(year + 3, year + 3)
        assert outcome(engine_queries(narrow, u, d)[k]) == outcome(want)
    inside = cal.model_copy().engine
    span = inside.years_span(year, year)
    inside.is_open(span.lo)
    inside.is_open(span.hi - 1)
    assert inside.elapsed(span.lo, span.hi) == span.cum_at(span.hi) - span.cum_at(span.lo)
    assert inside.elapsed(span.hi - 1, span.lo) == span.cum_at(span.lo) - span.cum_at(span.hi - 1)
    opening = next((s for s in span.starts.tolist() if span.lo <= s < span.hi), None)
    if opening is not None:
        used = span.cum_at(span.hi) - span.cum_at(opening)
        assert inside.clock(opening, 0, span.hi) == (opening, opening, used)
    assert inside.years == (year,)


# -- Engine: errors at the edges of the supported years ----------------------------------

MONDAYS = WeeklySchedule.of(monday="09:00-17:00")
OUTSIDE = "is outside the years slaclock supports (1900-2199 in the calendar's zone); "
NO_TIME = (
    "the calendar has no open time {} this point up to {}: holidays and closures close "
    "every scheduled day. Add open hours, reopen dates or remove closures."
)
BEYOND = "the result would fall {} {}, outside the years slaclock supports (1900-2199); {}"
SMALLER = "use a smaller duration."
NEVER_CLOSES = "the open period holding it does not end within them (the calendar never closes)."
NEVER_CLOSED = "the open period holding it began before them (the calendar was never closed)."


def error(query: Callable[[], object]) -> tuple[str, str]:
    try:
        query()
    except SlaclockError as exc:
        return type(exc).__name__, str(exc)
    raise AssertionError("no error")


def mondays_closed(first: date, last: date) -> tuple[Closure, ...]:
    days = (first + timedelta(days=k) for k in range((last - first).days + 1))
    return tuple(Closure(day=d) for d in days if d.weekday() == 0)


def mid_year_us(year: int) -> int:
    """1 July of a proleptic Gregorian year (any year, even outside datetime's), UTC µs."""
    cycles = (year - 1000) // 400  # shift into datetime's years by whole 400-year cycles
    ordinal = date(year - 400 * cycles, 7, 1).toordinal() + 146_097 * cycles
    return (ordinal - date(1970, 1, 1).toordinal()) * US_PER_DAY


@given(
    st.sampled_from(
        [
            argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")}),
            utc_office(),
            BusinessCalendar(zone="Pacific/Kiritimati", holidays=None),
        ]
    )
)
def test_the_supported_range_is_checked_to_the_microsecond(cal: BusinessCalendar) -> None:
    """Instants from local 1 January 1900 00:00 up to (not including) local 1 January 2200
    are accepted by every query; one microsecond outside is refused, naming the instant."""
    engine = cal.engine
    first, end = engine.source.min_us, engine.source.max_us
    assert first == to_us(datetime(1900, 1, 1, tzinfo=cal.zone))
    assert end == to_us(datetime(2200, 1, 1, tzinfo=cal.zone))
    for u in (first, end - 1):
        engine.is_open(u)
        engine.open_many(np.array([u]))
    for u in (first - 1, end):
        iso = (EPOCH + u * US).isoformat()
        message = ("OutOfRangeError", f"instant {iso} {OUTSIDE}pass an instant inside them.")
        queries: list[Callable[[Engine], object]] = [
            lambda e, u=u: e.is_open(u),  # type: ignore[misc]
            lambda e, u=u: e.add(u, 0),  # type: ignore[misc]
            lambda e, u=u: e.elapsed(u, first),  # type: ignore[misc]
            lambda e, u=u: e.elapsed(first, u),  # type: ignore[misc]
            lambda e, u=u: e.add_many(np.array([first, u]), np.array([0, 0])),  # type: ignore[misc]
            lambda e, u=u: e.open_many(np.array([u, first])),  # type: ignore[misc]
            lambda e, u=u: list(e.runs(first, u) if u > first else e.runs(u, first)),  # type: ignore[misc]
        ]
        if u == end:
            queries.append(lambda e, u=u: e.clock(first, 0, u))  # type: ignore[misc]
        for query in queries:
            fresh = cal.model_copy().engine
            assert error(lambda q=query, e=fresh: q(e)) == message  # type: ignore[misc]


@given(
    st.sampled_from([-3000, -1, 0, 1, 1000, 1899, 2300, 9999, 10_000, 123_456]),
    st.sampled_from(["mid", "first", "last"]),
)
def test_instants_no_datetime_holds_are_named_by_their_utc_year(year: int, when: str) -> None:
    """The error for an instant outside datetime's years names its UTC year instead, even
    in its first or last microsecond (Gregorian years: 400 of them repeat exactly)."""
    engine = argentina().engine
    u = mid_year_us(year)
    if when != "mid":
        k = (year - 2000) // 400  # the same day in a year 2000..2399, moved back
        shift = k * 146_097 * 86_400_000_000
        january = datetime(year - 400 * k + (when == "last"), 1, 1, tzinfo=UTC)
        u = (january - EPOCH) // US + shift - (when == "last")
    if 1 <= year <= 9999:
        text = (EPOCH + u * US).isoformat()
    else:
        text = f"in UTC year {year}"
    assert error(lambda: engine.is_open(u)) == (
        "OutOfRangeError",
        f"instant {text} {OUTSIDE}pass an instant inside them.",
    )


def test_searches_that_run_off_the_range_say_why() -> None:
    """Past 31 December 2199 or before 1 January 1900: NoOpenTimeError when no open time
    is left in that direction (even the instant of the last closing, or a last year with
    nothing open), OutOfRangeError (with the remedy) when there is some but not enough."""
    cal = BusinessCalendar(zone="UTC", holidays=None, schedule=MONDAYS)
    last_close = to_us(datetime(2199, 12, 30, 17, tzinfo=UTC))  # the last Monday
    first_open = to_us(datetime(1900, 1, 1, 9, tzinfo=UTC))  # a Monday
    after = ("NoOpenTimeError", NO_TIME.format("after", "2199-12-31"))
    before = ("NoOpenTimeError", NO_TIME.format("before", "1900-01-01"))
    too_far = ("OutOfRangeError", BEYOND.format("after", "2199-12-31", SMALLER))
    too_early = ("OutOfRangeError", BEYOND.format("before", "1900-01-01", SMALLER))
    assert error(lambda: cal.engine.add(last_close, 1)) == after
    assert error(lambda: cal.engine.add(last_close, 0)) == after
    assert error(lambda: cal.engine.add(last_close - 1, 2)) == too_far
    assert cal.engine.add(last_close - 1, 1) == last_close
    assert error(lambda: cal.engine.add(first_open, -1)) == before
    assert error(lambda: cal.engine.add(first_open + 1, -2)) == too_early
    assert cal.engine.add(first_open + 1, -1) == first_open
    assert error(lambda: cal.engine.previous_open(first_open - 1)) == before
    assert cal.engine.previous_open(first_open) == first_open
    closed = BusinessCalendar(
        zone="UTC",
        holidays=None,
        schedule=MONDAYS,
        closures=mondays_closed(date(2199, 1, 1), date(2199, 12, 31))
        + mondays_closed(date(1900, 1, 1), date(1900, 12, 31)),
    )
    assert error(lambda: closed.add(datetime(2199, 3, 1, tzinfo=UTC), H)) == after
    assert error(lambda: closed.add(datetime(1900, 3, 1, tzinfo=UTC), -H)) == before
    always = BusinessCalendar(zone="UTC", holidays=None, schedule=ALWAYS)
    assert error(lambda: always.add(datetime(2199, 3, 1, tzinfo=UTC), 400 * 24 * H)) == too_far
    assert error(lambda: always.add(datetime(1900, 3, 1, tzinfo=UTC), -400 * 24 * H)) == (
        too_early
    )
    assert error(lambda: cal.engine.add_many(np.array([last_close]), np.array([0]))) == after
    never = BusinessCalendar(zone="UTC", holidays=None, schedule=WeeklySchedule(days=[[]] * 7))
    nothing = (
        "NoOpenTimeError",
        "the calendar has no open time at all: its weekly schedule has no open intervals and "
        "no special openings. Give it open hours.",
    )
    for query in (
        lambda: never.add(datetime(2020, 1, 1, tzinfo=UTC), H),
        lambda: never.add(datetime(2020, 1, 1, tzinfo=UTC), -H),
        lambda: never.next_close(datetime(2020, 1, 1, tzinfo=UTC)),
        lambda: never.add_business_days(date(2020, 1, 1), 1),
        lambda: never.add_business_days(date(2020, 1, 1), -1),
    ):
        assert error(query) == nothing


def test_open_periods_that_never_end_say_so() -> None:
    """next_close, previous_close and period_start of a calendar that is always open (or
    that never closed before some date) name the period that does not end, not the
    duration."""
    always = BusinessCalendar(zone="UTC", holidays=None, schedule=ALWAYS)
    t = datetime(2100, 1, 1, tzinfo=UTC)
    closes = ("OutOfRangeError", BEYOND.format("after", "2199-12-31", NEVER_CLOSES))
    closed = ("OutOfRangeError", BEYOND.format("before", "1900-01-01", NEVER_CLOSED))
    assert error(lambda: always.next_close(t)) == closes
    assert error(lambda: always.previous_close(t)) == closed
    assert error(lambda: always.engine.period_start(to_us(t))) == closed
    once = always.model_copy(update={"closures": (Closure(day=date(2150, 3, 4)),)})
    assert error(lambda: once.engine.period_start(to_us(t))) == closed
    after = to_us(datetime(2150, 3, 5, tzinfo=UTC))
    assert once.engine.period_start(after + 1) == after
    assert error(lambda: once.engine.next_close(after)) == closes


# -- Engine: periods, previous_open, business days, columns -------------------------------


def boundary_instants(cal: BusinessCalendar, t: datetime) -> list[int]:
    """t, and the openings and closings around it (where off-by-one mistakes show)."""
    e = cal.engine
    u = to_us(t)
    opening = e.next_open(u)
    closing = e.next_close(u)
    previous = e.previous_close(u)
    return sorted({u, opening, opening + 1, closing, closing - 1, previous, previous + 1})


@given(calendars(), instants())
def test_period_start_is_the_opening_after_the_latest_closing(
    cal: BusinessCalendar, t: datetime
) -> None:
    """period_start(x) for an open x is the opening after the latest closing at or before
    x, and previous_open is u when open, else one microsecond before the
    latest closing (both against operations the reference checks)."""
    e = cal.engine
    for u in boundary_instants(cal, t):
        if e.is_open(u):
            assert e.period_start(u) == e.next_open(e.previous_close(u))
            assert e.previous_open(u) == u
        else:
            assert e.previous_open(u) == e.previous_close(u) - 1


@given(st.integers(1996, 2044), st.booleans())
def test_a_period_ending_at_a_window_edge_is_found_forward(year: int, tokyo: bool) -> None:
    """A night shift cut short by a closure on 1 January ends exactly where the window of
    the year before ends (UTC: 1 January 00:00); its start and end are still found."""
    zone = "Asia/Tokyo" if tokyo else "UTC"
    closures = (Closure(day=date(year, 1, 1)),)
    cal = BusinessCalendar(zone=zone, holidays=None, schedule=NIGHT, closures=closures)
    x = datetime(year - 1, 12, 31, 21, tzinfo=cal.zone)
    start = to_us(datetime(year - 1, 12, 31, 20, tzinfo=cal.zone))
    end = to_us(datetime(year, 1, 1, tzinfo=cal.zone))
    assert (cal.engine.period_start(to_us(x)), cal.engine.next_close(to_us(x))) == (start, end)
    again = cal.model_copy()
    again.engine.years_span(year - 1, year - 1)
    assert (again.engine.period_start(to_us(x)), again.engine.next_close(to_us(x))) == (start, end)


@given(calendars(), instants(), st.integers(1, 4))
def test_periods_after_and_before_are_the_runs_around_u(
    cal: BusinessCalendar, t: datetime, k: int
) -> None:
    """periods_after(u) lists the open periods from u on (the first clipped at u),
    periods_before(u) those before u latest first (the first clipped at u): the same
    periods as runs() over a range wide enough to hold k of them."""
    e = cal.engine
    for u in boundary_instants(cal, t):
        after = list(itertools.islice(e.periods_after(u), k))
        assert after == list(e.runs(u, after[-1][1]))
        before = list(itertools.islice(e.periods_before(u), k))
        assert before == list(reversed(list(e.runs(before[-1][0], u))))


def plain_add_business_days(cal: BusinessCalendar, day: date, n: int) -> date:
    """The n-th business day after `day` (before if n < 0, roll forward if 0), a day at a time."""
    step = timedelta(days=1 if n >= 0 else -1)
    if n == 0:
        while not cal.is_business_day(day):
            day += step
        return day
    for _ in range(abs(n)):
        day += step
        while not cal.is_business_day(day):
            day += step
    return day


@given(calendars(), instants(), st.integers(-25, 25), st.integers(-40, 40))
def test_business_days_match_day_by_day_counting(
    cal: BusinessCalendar, t: datetime, n: int, gap: int
) -> None:
    """add_business_days and business_days_between agree with stepping a day at a time
    over is_business_day (which the reference checks)."""
    day = t.date()
    assert cal.add_business_days(day, n) == plain_add_business_days(cal, day, n)
    other = day + timedelta(days=gap)
    a, b = min(day, other), max(day, other)
    count = sum(cal.is_business_day(a + timedelta(days=k)) for k in range((b - a).days))
    assert cal.business_days_between(day, other) == (count if other >= day else -count)


@given(st.sampled_from([date(1899, 12, 31), date(2200, 1, 1), date(1, 1, 1), date(9999, 1, 1)]))
def test_dates_outside_the_range_are_refused_by_every_business_day_query(day: date) -> None:
    """The first and last supported dates are accepted; a day outside them is refused with
    its date in the message, whichever end of a between() it is."""
    cal = utc_office()
    message = (
        "OutOfRangeError",
        f"date {day} is outside the years slaclock supports (1900-2199).",
    )
    inside = date(2000, 1, 1)
    for query in (
        lambda: cal.is_business_day(day),
        lambda: cal.add_business_days(day, 1),
        lambda: cal.business_days_between(day, inside),
        lambda: cal.business_days_between(inside, day),
    ):
        assert error(query) == message
    assert cal.is_business_day(date(1900, 1, 1))
    assert cal.is_business_day(date(2199, 12, 31))  # a Tuesday
    assert cal.business_days_between(date(1900, 1, 1), date(1900, 1, 8)) == 5
    assert cal.business_days_between(date(2199, 12, 24), date(2199, 12, 31)) == 5


def test_business_days_that_run_off_the_range_say_why() -> None:
    """Too many business days: OutOfRangeError with the remedy, in both directions."""
    cal = BusinessCalendar(zone="UTC", holidays=None, schedule=MONDAYS)
    days = "use a smaller number of days."
    assert error(lambda: cal.add_business_days(date(2199, 12, 1), 6)) == (
        "OutOfRangeError",
        BEYOND.format("after", "2199-12-31", days),
    )
    assert error(lambda: cal.add_business_days(date(1900, 1, 31), -6)) == (
        "OutOfRangeError",
        BEYOND.format("before", "1900-01-01", days),
    )
    assert cal.add_business_days(date(2199, 12, 1), 5) == date(2199, 12, 30)
    assert cal.add_business_days(date(1900, 1, 31), -5) == date(1900, 1, 1)


@given(st.sampled_from([(date(2199, 7, 1), 1), (date(2199, 3, 1), 2), (date(1900, 6, 1), -1)]))
def test_no_business_day_left_in_that_direction_is_no_open_time(case: tuple[date, int]) -> None:
    """When closures close every business day from a date to the end of the range (or from
    the start of the range to it), a business-day search past them fails as add() from that
    date does: NoOpenTimeError ("no open time after this point"), not "use a smaller number
    of days", which no smaller n can satisfy."""
    day, n = case
    if n > 0:
        closed = mondays_closed(day, date(2199, 12, 31))
    else:
        closed = mondays_closed(date(1900, 1, 1), day)
    cal = BusinessCalendar(zone="UTC", holidays=None, schedule=MONDAYS, closures=closed)
    t = datetime.combine(day, datetime.min.time(), UTC)
    assert error(lambda: cal.add(t, H if n > 0 else -H))[0] == "NoOpenTimeError"
    assert error(lambda: cal.add_business_days(day, n))[0] == "NoOpenTimeError"


def test_elapsed_to_the_end_of_the_range_does_not_depend_on_history() -> None:
    """The same question gets the same outcome whatever was asked before: elapsed from 2026
    to local 1 January 2200 (the end of the range, an exclusive bound) and the SLA clock up
    to it either both answer or both refuse, on a fresh calendar and on a used one."""
    cal = argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})
    a = datetime(2026, 3, 2, 10, tzinfo=cal.zone)
    end = datetime(2200, 1, 1, tzinfo=cal.zone)
    fresh, used = cal.model_copy(), cal.model_copy()
    used.elapsed(a, datetime(2199, 12, 31, tzinfo=cal.zone))  # builds 2026-2199 as one span
    for query in (
        lambda c: c.elapsed(a, end),
        lambda c: c.engine.clock(to_us(a), 0, to_us(end)),
    ):
        assert outcome(lambda q=query: q(fresh)) == outcome(lambda q=query: q(used))  # type: ignore[misc]


def test_empty_or_reversed_ranges_ask_nothing() -> None:
    """runs()/periods() over an empty or reversed range are empty without checking their
    instants; empty columns give empty int64 (or bool) columns."""
    cal = utc_office()
    far = datetime(2300, 1, 1, tzinfo=UTC)
    assert list(cal.periods(far, far)) == []
    assert list(cal.periods(far, datetime(2000, 1, 1, tzinfo=UTC))) == []
    assert cal.engine.years == ()
    empty = np.zeros(0, dtype=np.int64)
    for got, kind in (
        (cal.engine.add_many(empty, empty), np.int64),
        (cal.engine.elapsed_many(empty, empty), np.int64),
        (cal.engine.open_many(empty), np.bool_),
    ):
        assert got.dtype == kind and got.shape == (0,)


@given(edge_calendars(), st.integers(1996, 2044), st.data())
def test_add_many_widens_toward_each_pending_answer(
    cal: BusinessCalendar, year: int, data: st.DataObject
) -> None:
    """A column whose answers lie beyond the built years in both directions (next openings
    after a long closure included) widens the span until every answer is known, and equals
    add() value by value."""
    closures = tuple(Closure(day=date(year, 1, 1) + timedelta(days=k)) for k in range(40))
    cal = cal.model_copy(update={"closures": closures})
    t = to_us(datetime(year, 1, 10, tzinfo=cal.zone))
    week = cal.schedule.weekly_open_us
    d = data.draw(st.sampled_from([0, week, -week, 3 * week, -3 * week]))
    u = np.array([t, t + 1, t - 1], dtype=np.int64)
    ds = np.array([d, 0, -d], dtype=np.int64)
    engine = cal.model_copy().engine
    engine.years_span(year, year)
    assert engine.add_many(u, ds).tolist() == [
        cal.engine.add(int(x), int(y)) for x, y in zip(u, ds)
    ]


@given(edge_calendars(), st.integers(1996, 2044), st.data())
def test_cover_builds_exactly_the_years_whose_windows_it_needs(
    cal: BusinessCalendar, year: int, data: st.DataObject
) -> None:
    """cover(a, b) returns a span whose window holds [a, b] (not one that ends at b), built
    from the local years of a and b, plus the year before (after) only when a (b) lies
    outside the window of those years, as at a window's very edges."""
    source = cal.engine.source
    lo, hi = source.window(year, year)
    picks = [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1]
    a, b = sorted(data.draw(st.lists(st.sampled_from(picks), min_size=2, max_size=2)))
    engine = cal.model_copy().engine
    built = set()
    if data.draw(st.booleans()):  # the year's own span exists already
        engine.years_span(year, year)
        built.add(year)
    span = engine.cover(a, b)
    assert span.lo <= a and b < span.hi
    first, last = source.year_of(a), source.year_of(b)
    first -= a < source.window(first, last)[0]
    last += b >= source.window(first, last)[1]
    assert engine.years == tuple(sorted(built | set(range(first, last + 1))))


def test_a_search_that_runs_off_from_another_year_says_why() -> None:
    """The range-edge error of a long search started years before the edge is decided by
    the open time after (before) its start, as for one started near the edge, and deciding
    it builds no year on the other side of the start."""
    cal = utc_office()
    too_far = ("OutOfRangeError", BEYOND.format("after", "2199-12-31", SMALLER))
    too_early = ("OutOfRangeError", BEYOND.format("before", "1900-01-01", SMALLER))
    evening = datetime(2026, 12, 31, 23, tzinfo=UTC)  # after the last closing of 2026
    assert error(lambda: cal.add(evening, 200 * 52 * 40 * H)) == too_far
    assert cal.engine.years == tuple(range(2026, 2200))  # nothing before the search's start
    night = datetime(1950, 1, 1, tzinfo=UTC)  # before the first opening of 1950
    back = cal.model_copy()
    assert error(lambda: back.add(night, -60 * 52 * 40 * H)) == too_early
    assert back.engine.years == tuple(range(1900, 1951))  # nothing after it
    e = cal.model_copy().engine
    last_close = to_us(datetime(2199, 12, 31, 17, tzinfo=UTC))
    assert error(lambda: e.clock(last_close - 1, 2, last_close)) == too_far
    assert e.clock(last_close - 1, 1, last_close) == (last_close - 1, last_close, 1)


def test_columns_name_the_instant_as_told() -> None:
    """cover_many names out-of-range instants as its caller calls them."""
    engine = utc_office().engine
    first = engine.source.min_us
    end = engine.source.max_us
    for col, bad in (([first - 1, first], first - 1), ([first, end], end), ([end, first], end)):
        message = error(lambda c=col: engine.cover_many(np.array(c), "deadline"))[1]  # type: ignore[misc]
        assert message.startswith(f"deadline {(EPOCH + bad * US).isoformat()} is outside")


def test_the_swap_lock_is_a_fresh_lock_and_renews() -> None:
    """A SwapLock holds a usable lock; renew() (run in a forked child) replaces it with a new,
    unlocked one even while the old one is held."""
    swap = SwapLock()
    held = swap.lock
    assert held.acquire(blocking=False)
    swap.renew()
    assert swap.lock is not held
    assert swap.lock.acquire(blocking=False)
    swap.lock.release()
    held.release()


def every_monday_closed(first: int, last: int) -> tuple[Closure, ...]:
    return mondays_closed(date(first, 1, 1), date(last, 12, 31))


@given(st.integers(1902, 2197), st.integers(-3, 3))
def test_business_day_searches_cross_a_year_with_none(year: int, n: int) -> None:
    """A year in which every business day is closed is crossed in either direction (and a
    roll forward from it lands in the next year), as counting a day at a time says."""
    cal = BusinessCalendar(
        zone="UTC", holidays=None, schedule=MONDAYS, closures=every_monday_closed(year, year)
    )
    day = date(year, 6, 1)
    got = cal.add_business_days(day, n)
    assert got == plain_add_business_days(cal, day, n)
    assert got.year == (year + 1 if n >= 0 else year - 1)


def test_business_days_at_the_range_ends_are_refused_with_the_edge() -> None:
    """Searching past the last business day of 2199, or before the first of 1900, is an
    error naming the edge; it builds no more years than the search needed, unless no
    business day at all was found (then the whole range is checked)."""
    one_left = BusinessCalendar(
        zone="UTC",
        holidays=None,
        schedule=MONDAYS,
        closures=mondays_closed(date(2199, 1, 1), date(2199, 12, 29)),  # 30 Dec stays open
    )
    days = "use a smaller number of days."
    assert one_left.add_business_days(date(2199, 12, 1), 1) == date(2199, 12, 30)
    assert error(lambda: one_left.add_business_days(date(2199, 12, 1), 2)) == (
        "OutOfRangeError",
        BEYOND.format("after", "2199-12-31", days),
    )
    assert one_left.engine.years == (2199,)
    for first, last, day, n in (
        (2199, 2199, date(2199, 3, 1), 1),
        (1900, 1900, date(1900, 9, 1), -1),
    ):
        closed = BusinessCalendar(
            zone="UTC", holidays=None, schedule=MONDAYS, closures=every_monday_closed(first, last)
        )
        kind, message = error(lambda c=closed, d=day, k=n: c.add_business_days(d, k))  # type: ignore[misc]
        assert kind in ("OutOfRangeError", "NoOpenTimeError")
        assert ("2199-12-31" if n > 0 else "1900-01-01") in message
    never = BusinessCalendar(
        zone="UTC", holidays=None, schedule=MONDAYS, closures=every_monday_closed(1900, 2199)
    )
    assert error(lambda: never.add_business_days(date(2199, 6, 1), 1)) == (
        "NoOpenTimeError",
        NO_TIME.format("after", "2199-12-31"),
    )
    assert error(lambda: never.model_copy().add_business_days(date(1900, 6, 1), -1)) == (
        "NoOpenTimeError",
        NO_TIME.format("before", "1900-01-01"),
    )


@settings(max_examples=10)
@given(st.integers(1996, 2044), st.booleans())
def test_a_run_of_the_next_year_starting_exactly_at_hi_is_not_missed(
    year: int, elsewhere: bool
) -> None:
    """In UTC a night desk opens at 00:00 on 1 January, exactly where the window of the
    year before ends; an engine that has built only that year (as its current span or
    not) answers there as one holding the years around it."""
    cal = BusinessCalendar(zone="UTC", holidays=None, schedule=NIGHT)
    wide = cal.model_copy().engine
    wide.years_span(year - 2, year + 2)
    hi = to_us(datetime(year + 1, 1, 1, tzinfo=UTC))
    assert wide.is_open(hi)
    for u in (hi - 1, hi, hi + 1):
        for k, want in enumerate(engine_queries(wide, u, HOUR)):
            narrow = cal.model_copy().engine
            assert narrow.years_span(year, year).hi == hi
            if elsewhere:
                narrow.years_span(year + 3, year + 3)
            assert outcome(engine_queries(narrow, u, HOUR)[k]) == outcome(want)


# -- was tests/test_engine_cases.py ------------------------------------------------------

LA = ZoneInfo("America/Los_Angeles")


def all_years() -> BusinessCalendar:
    """The manual's calendar over 1900-2199, taking years without holiday data to have none."""
    return argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})


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
    assert _answer_in_child(cal) == 0  # type: ignore[arg-type]


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
    assert cal.engine.years == (2026, 2027, 2028, 2029, 2030, 2090)  # type: ignore[comparison-overlap]
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


# -- was tests/test_engine_columns.py ----------------------------------------------------

LO = (datetime(1995, 1, 1, tzinfo=timezone.utc) - EPOCH) // US
HI = (datetime(2045, 1, 1, tzinfo=timezone.utc) - EPOCH) // US
WEEK = 7 * 86_400 * 10**6


def columns(max_size: int = 40) -> st.SearchStrategy[tuple[list[int], list[int]]]:
    """Instants (some clustered, some years apart) and signed durations up to two weeks."""
    instant = st.integers(LO, HI)
    duration = st.integers(-2 * WEEK, 2 * WEEK) | st.just(0)
    return st.lists(st.tuples(instant, duration), min_size=1, max_size=max_size).map(
        lambda rows: ([u for u, _ in rows], [d for _, d in rows])
    )


def bounded(cal: BusinessCalendar, ds: list[int]) -> list[int]:
    """Keep durations within four weeks of the calendar's open time."""
    cap = 4 * cal.schedule.weekly_open_us
    return [max(-cap, min(cap, d)) for d in ds]


@given(st.one_of(calendars(), edge_calendars()), columns())
def test_add_many_equals_add(cal: BusinessCalendar, cols: tuple[list[int], list[int]]) -> None:
    us, ds = cols[0], bounded(cal, cols[1])
    engine = cal.model_copy().engine
    got = engine.add_many(np.array(us, dtype=np.int64), np.array(ds, dtype=np.int64))
    assert got.tolist() == [cal.engine.add(u, d) for u, d in zip(us, ds)]


@given(st.one_of(calendars(), edge_calendars()), columns())
def test_elapsed_and_open_many_equal_single_values(
    cal: BusinessCalendar, cols: tuple[list[int], list[int]]
) -> None:
    us, ds = cols
    a = np.array(us, dtype=np.int64)
    b = a + np.array(ds, dtype=np.int64)
    engine = cal.model_copy().engine
    assert engine.elapsed_many(a, b).tolist() == [
        cal.engine.elapsed(x, y) for x, y in zip(us, b.tolist())
    ]
    assert engine.open_many(a).tolist() == [cal.engine.is_open(x) for x in us]


def test_empty_columns() -> None:
    engine = BusinessCalendar().engine
    empty = np.zeros(0, dtype=np.int64)
    assert engine.add_many(empty, empty).tolist() == []
    assert engine.elapsed_many(empty, empty).tolist() == []
    assert engine.open_many(empty).tolist() == []


# -- was tests/test_engine_history.py ----------------------------------------------------

Query = Callable[[BusinessCalendar], object]


def history_outcome(query: Query, cal: BusinessCalendar) -> object:
    """The answer, or the error's type and message (errors must agree too)."""
    try:
        return query(cal)
    except SlaclockError as exc:
        return (type(exc).__name__, str(exc))


@st.composite
def cases(draw: st.DrawFn) -> tuple[datetime, list[tuple[str, datetime]]]:
    """An instant near a new year, and earlier queries: mostly in that year or the
    years next to it (so the index holds one of them but not the other), some far."""
    year = draw(st.integers(1995, 2045))
    t = datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(
        minutes=draw(st.integers(-30 * 60, 30 * 60))
    )
    # Mid-year, so that each earlier query builds its own year and not its neighbours.
    near = st.sampled_from([year - 1, year])
    far = st.sampled_from([1901, 1950, 2100, 2150, 2199])
    when = st.tuples(near | far, st.integers(90 * 1440, 270 * 1440)).map(
        lambda p: datetime(p[0], 1, 1, tzinfo=timezone.utc) + timedelta(minutes=p[1])
    )
    kinds = st.sampled_from(["add", "back", "next_close", "previous_close", "elapsed", "bday"])
    return t, draw(st.lists(st.tuples(kinds, when), min_size=1, max_size=5))


def ask(cal: BusinessCalendar, kind: str, t: datetime) -> None:
    h = timedelta(hours=30)
    queries: dict[str, Query] = {
        "add": lambda c: c.add(t, h),
        "back": lambda c: c.add(t, -h),
        "next_close": lambda c: c.next_close(t),
        "previous_close": lambda c: c.previous_close(t),
        "elapsed": lambda c: c.elapsed(t, t + timedelta(days=40)),
        "bday": lambda c: c.add_business_days(t.date(), 3),
    }
    history_outcome(queries[kind], cal)


def calendars_used(
    cal: BusinessCalendar, t: datetime, history: list[tuple[str, datetime]]
) -> list[BusinessCalendar]:
    """Equal calendars with different pasts: one that built only the year before t's
    new year, one only the year after, and one that answered `history`."""
    mid = datetime(t.year, 7, 1, tzinfo=timezone.utc)
    pasts = [[("add", mid)], [("add", mid.replace(year=t.year + 1))], history]
    if t.month == 1:
        pasts[0] = [("add", mid.replace(year=t.year - 1))]
        pasts[1] = [("add", mid)]
    out = []
    for past in pasts:
        used = cal.model_copy()
        for kind, when in past:
            ask(used, kind, when)
        out.append(used)
    return out


def agree(queries: list[Query], fresh: BusinessCalendar, used: list[BusinessCalendar]) -> None:
    for query in queries:
        expected = history_outcome(query, fresh)
        for other in used:
            assert history_outcome(query, other) == expected


@given(edge_calendars(), cases(), st.integers(1, 1500))
def test_arithmetic_near_new_year_ignores_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]], minutes: int
) -> None:
    t, history = case
    # Within reach of the minute-by-minute reference (it gives up after ~20 weeks):
    # a calendar may open one minute a week.
    weekly = cal.schedule.weekly_open_us // 60_000_000
    minutes = max(1, min(minutes, 2 * weekly))
    d = timedelta(minutes=minutes)
    queries: list[Query] = [
        lambda c: c.is_open(t),
        lambda c: c.add(t, d),
        lambda c: c.add(t, -d),
        lambda c: c.add(t, timedelta(0)),
        lambda c: c.elapsed(t, t + d),
        lambda c: c.elapsed(t - d, t),
    ]
    fresh = cal.model_copy()
    agree(queries, fresh, calendars_used(cal, t, history))
    assert fresh.is_open(t) == ref_is_open(cal, t)
    assert utc(fresh.add(t, d)) == ref_add(cal, t, minutes)
    assert utc(fresh.add(t, -d)) == ref_add(cal, t, -minutes)
    assert fresh.elapsed(t, t + d) == timedelta(minutes=ref_elapsed_minutes(cal, t, t + d))


@given(edge_calendars(), cases())
def test_boundaries_near_new_year_ignore_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]]
) -> None:
    t, history = case
    day = t.astimezone(cal.zone).date()
    queries: list[Query] = [
        lambda c: c.next_open(t),
        lambda c: c.next_close(t),
        lambda c: c.previous_close(t),
        lambda c: c.is_business_day(day),
        lambda c: c.add_business_days(day, 1),
        lambda c: c.add_business_days(day, -1),
        lambda c: c.business_days_between(day, day + timedelta(days=9)),
        lambda c: [str(p) for p in c.periods(t - timedelta(days=2), t + timedelta(days=2))],
    ]
    fresh = cal.model_copy()
    agree(queries, fresh, calendars_used(cal, t, history))
    if cal.schedule != ALWAYS:  # the reference cannot walk to the end of time
        assert utc(fresh.next_close(t)) == ref_next_close(cal, t)
        assert utc(fresh.previous_close(t)) == ref_previous_close(cal, t)


@given(edge_calendars(), cases(), st.integers(0, 3000))
def test_sla_clock_ignores_history(
    cal: BusinessCalendar, case: tuple[datetime, list[tuple[str, datetime]]], minutes: int
) -> None:
    """The SLA path (clock start, deadline, elapsed from one lookup) as well."""
    t, history = case
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    u = (t - epoch) // timedelta(microseconds=1)
    d = minutes * 60_000_000
    queries: list[Query] = [
        lambda c, until=until: c.engine.clock(u, d, until)  # type: ignore[misc]
        for until in (u - d, u + d, u + 7 * d)
    ]
    agree(queries, cal.model_copy(), calendars_used(cal, t, history))


# -- was tests/test_engine_column_edges.py -----------------------------------------------

MINUTE_US = 60_000_000
ONE_HOUR = timedelta(hours=1)
I64 = np.int64
NEVER = WeeklySchedule(days=[[]] * 7)  # type: ignore[assignment]


def us(t: datetime) -> int:
    return (t - EPOCH) // US


def column(values: list[int]) -> np.ndarray:
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
    targets = [2 * ONE_HOUR, 2 * ONE_HOUR, 24 * ONE_HOUR]
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
        cal.add(ba(first, 3, 1, 12), -2000 * ONE_HOUR)
    with pytest.raises(HolidayDataError, match=message):
        argentina().add_business_days(date(first, 3, 1), -200)


# -- the property: column answers never depend on history, equal scalar and reference --------


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
        fresh = history_outcome(query, cal.model_copy())
        for other in used:
            assert history_outcome(query, other) == fresh
        each = [
            history_outcome(lambda c, k=k, f=single: f(c, k), cal.model_copy())  # type: ignore[misc]
            for k in range(len(u))
        ]
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
        first = business_days.add_business_days_many(ref.engine, o[:1], n[:1])[0]
        got = date.fromordinal(int(first))
        step = timedelta(days=1 if n[0] > 0 else -1)
        left, probe = abs(int(n[0])), day
        if left == 0:
            while not ref_is_business_day(cal, probe):
                probe += timedelta(days=1)
        while left:
            probe += step
            left -= ref_is_business_day(cal, probe)
        assert got == probe
