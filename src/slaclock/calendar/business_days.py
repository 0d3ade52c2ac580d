"""Business days: dates (as ordinals) on which a calendar opens at all.

A span keeps the ordinals of its years' business days (`Span.bdays`), sorted, so
"the n-th business day after", "how many between" and "is it one" are a
bisection (one value) or a searchsorted (a column), widened like the engine's
time queries when the answer lies beyond the years built. `deadline_by` ("by
17:00 on the second business day") is here too: it counts days, not hours.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

import numpy as np

from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY
from slaclock.calendar.column import I64, Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.calendar.range_errors import beyond_years, never_opens, ran_off
from slaclock.calendar.span import Span

__all__ = [
    "add_business_days",
    "add_business_days_many",
    "business_days_between",
    "business_days_between_many",
    "days_span",
    "days_span_many",
    "deadline_by",
    "deadline_by_many",
    "is_business_day",
    "is_business_day_many",
]


def days_span(engine: Engine, first: int, last: int) -> Span:
    """A span holding the local years of dates (ordinals) first and last, both supported."""
    src = engine.source
    for o in (first, last):
        day = date.fromordinal(o)
        if not src.first_year <= day.year <= src.last_year:
            raise beyond_years(
                src,
                day.year,
                f"date {day} is outside the years slaclock supports ({MIN_YEAR}-{MAX_YEAR}).",
            )
    return engine.years_span(date.fromordinal(first).year, date.fromordinal(last).year)


def is_business_day(engine: Engine, o: int) -> bool:
    """Whether the date with ordinal o opens at all."""
    bdays = days_span(engine, o, o).bdays_seq
    k = bisect_left(bdays, o)
    return k < len(bdays) and bdays[k] == o


def add_business_days(engine: Engine, o: int, n: int) -> int:
    """The n-th business day after date o (before, if n < 0); n == 0 rolls forward."""
    s = days_span(engine, o, o)
    while True:
        bdays = s.bdays_seq
        k = bisect_right(bdays, o) + n - 1 if n > 0 else bisect_left(bdays, o) + n
        if 0 <= k < len(bdays):
            return int(bdays[k])
        if not engine.source.ever_opens:
            raise never_opens()
        forward = k >= 0
        span = s.last_year - s.first_year + 1
        first, last = engine.source.first_year, engine.source.last_year
        if forward and s.last_year < last:
            s = engine.years_span(s.first_year, s.last_year + span)
        elif not forward and s.first_year > first:
            s = engine.years_span(s.first_year - span, s.last_year)
        else:  # s reaches the edge: is any business day left on the way there?
            left = bisect_right(bdays, o) < len(bdays) if forward else bisect_left(bdays, o) > 0
            raise ran_off(engine.source, forward, left, "use a smaller number of days.")


def business_days_between(engine: Engine, a: int, b: int) -> int:
    """Business days d with a <= d < b (negative if b < a)."""
    if b < a:
        return -business_days_between(engine, b, a)
    bdays = days_span(engine, a, b).bdays_seq
    return bisect_left(bdays, b) - bisect_left(bdays, a)


def days_span_many(engine: Engine, o: Column) -> Span:
    """One span holding the years of every date (ordinals) in a non-empty column."""
    lo, hi = int(o.min()), int(o.max())
    days_span(engine, lo, lo)
    days_span(engine, hi, hi)
    return engine.years_span(date.fromordinal(lo).year, date.fromordinal(hi).year)


def is_business_day_many(engine: Engine, o: Column) -> Mask:
    """Whether each date (ordinal) opens at all."""
    if len(o) == 0:
        return np.zeros(0, dtype=bool)
    bdays = days_span_many(engine, o).bdays
    k = np.searchsorted(bdays, o)
    hit: Mask = bdays[np.minimum(k, len(bdays) - 1)] == o if len(bdays) else k < 0
    return hit


def add_business_days_many(engine: Engine, o: Column, n: Column) -> Column:
    """`add_business_days` of each (date ordinal, count)."""
    out = np.zeros(len(o), dtype=I64)
    if len(o) == 0:
        return out
    s = days_span_many(engine, o)
    todo = np.arange(len(o))
    while True:
        bdays = s.bdays.astype(I64)
        k = np.where(
            n[todo] > 0,
            np.searchsorted(bdays, o[todo], "right") + n[todo] - 1,
            np.searchsorted(bdays, o[todo], "left") + n[todo],
        )
        ok = (k >= 0) & (k < len(bdays))
        out[todo[ok]] = bdays[k[ok]]
        todo = todo[~ok]
        if len(todo) == 0:
            return out
        first = int(todo[0])
        out[first] = add_business_days(engine, int(o[first]), int(n[first]))  # widens or raises
        todo = todo[1:]
        s = days_span_many(engine, np.append(o, out[first]))  # every row's years, and beyond


def deadline_by(engine: Engine, u: int, at_us: int, n: int) -> int:
    """ "By wall-clock time `at_us` (µs after midnight) on the n-th business day after
    the clock's start date": the clock starts at next_open(u); if that instant on
    the chosen day comes before the start, the next business day's."""
    got = deadline_by_many(
        engine, np.array([u], dtype=I64), np.array([at_us], dtype=I64), np.array([n], dtype=I64)
    )
    return int(got[0])


def deadline_by_many(engine: Engine, u: Column, at_us: Column, n: Column) -> Column:
    """`deadline_by` of each row."""
    if len(u) == 0:
        return np.zeros(0, dtype=I64)
    start = engine.next_open_many(u)
    day = engine.local_ordinals(start)
    chosen = add_business_days_many(engine, day, n)
    epoch = date(1970, 1, 1).toordinal()
    due = engine.source.first_instants_at((chosen - epoch) * US_PER_DAY + at_us)
    early = due < start
    if early.any():
        later = add_business_days_many(engine, chosen[early], np.ones(int(early.sum()), I64))
        due[early] = engine.source.first_instants_at((later - epoch) * US_PER_DAY + at_us[early])
    return due


def business_days_between_many(engine: Engine, a: Column, b: Column) -> Column:
    """`business_days_between` row by row (negative where b < a)."""
    if len(a) == 0:
        return np.zeros(0, dtype=I64)
    bdays = days_span_many(engine, np.concatenate([a, b])).bdays
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    count = np.searchsorted(bdays, hi) - np.searchsorted(bdays, lo)
    out: Column = np.where(b < a, -count, count).astype(I64)
    return out
