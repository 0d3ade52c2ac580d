"""The engine's column operations give exactly the single-value answers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock import BusinessCalendar
from tests.strategies import calendars, edge_calendars

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = timedelta(microseconds=1)
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
