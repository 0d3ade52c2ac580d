"""`slaclock.ops`: column calendar arithmetic equals the single-value calendar, per backend."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import BusinessCalendar, ColumnError, InvalidDurationError, argentina, ops
from tests.support.strategies import calendars, precise_instants

KINDS = ("pandas", "polars", "pyarrow", "list")


def column(kind: str, values: list[Any], dtype: str = "instant") -> Any:
    if kind == "list":
        return values
    if dtype == "date":
        if kind == "pandas":
            return (
                pd.Series(values, dtype="object")
                .astype("datetime64[s]")
                .dt.date.astype("date32[pyarrow]")
            )
        return (
            pl.Series("d", values, pl.Date) if kind == "polars" else pa.array(values, pa.date32())
        )
    utc = [v.astimezone(pd.Timestamp(0, tz="UTC").tzinfo) if v else None for v in values]
    if kind == "pandas":
        return pd.Series(pd.to_datetime(utc, utc=True), name="t")
    if kind == "polars":
        return pl.Series("t", utc, pl.Datetime("us", "UTC"))
    return pa.array(utc, pa.timestamp("us", tz="UTC"))


def values(col: Any) -> list[Any]:
    if isinstance(col, list):
        return col
    out = (
        col.to_pylist()
        if isinstance(col, pa.Array)
        else nw.from_native(col, series_only=True).to_list()
    )
    return [None if pd.isna(v) else getattr(v, "to_pydatetime", lambda v=v: v)() for v in out]


@given(calendars(), st.lists(precise_instants() | st.none(), min_size=1, max_size=20),
       st.integers(-3000, 3000), st.sampled_from(KINDS))  # fmt: skip
def test_instant_operations_equal_the_calendar(
    cal: BusinessCalendar, ts: list[datetime | None], minutes: int, kind: str
) -> None:
    d = timedelta(minutes=minutes)
    col = column(kind, ts)
    added = ops.add(cal, col, d)
    assert type(added) is type(col)
    got = values(added)
    assert got == [cal.add(t, d) if t else None for t in ts]
    assert all(g is None or str(g.tzinfo) == str(cal.zone) for g in got)
    assert values(ops.next_open(cal, col)) == [cal.next_open(t) if t else None for t in ts]
    assert values(ops.is_open(cal, col)) == [cal.is_open(t) if t else None for t in ts]
    later = [t + timedelta(days=3) if t else None for t in ts]
    assert values(ops.elapsed(cal, col, column(kind, later))) == [
        cal.elapsed(t, u) if t and u else None for t, u in zip(ts, later)
    ]


@given(calendars(), st.lists(st.dates(date(2007, 1, 1), date(2027, 12, 31)) | st.none(),
       min_size=1, max_size=20), st.integers(-30, 30), st.sampled_from(KINDS))  # fmt: skip
def test_business_day_operations_equal_the_calendar(
    cal: BusinessCalendar, days: list[date | None], n: int, kind: str
) -> None:
    col = column(kind, days, "date")
    assert values(ops.is_business_day(cal, col)) == [
        cal.is_business_day(d) if d else None for d in days
    ]
    assert values(ops.add_business_days(cal, col, n)) == [
        cal.add_business_days(d, n) if d else None for d in days
    ]
    ends = [d + timedelta(days=40) if d else None for d in reversed(days)]
    assert values(ops.business_days_between(cal, col, column(kind, ends, "date"))) == [
        cal.business_days_between(d, e) if d and e else None for d, e in zip(days, ends)
    ]


def test_durations_per_row_and_errors() -> None:
    cal = argentina()
    received = column("pandas", [datetime(2026, 11, 20, 16, 30, tzinfo=cal.zone)] * 2)
    per_row = pd.Series(pd.to_timedelta(["2h", "1h"]))
    assert values(ops.add(cal, received, per_row)) == [
        datetime(2026, 11, 24, 10, 30, tzinfo=cal.zone),
        datetime(2026, 11, 24, 9, 30, tzinfo=cal.zone),
    ]
    with pytest.raises(InvalidDurationError):
        ops.add(cal, received, 2)
    with pytest.raises(ColumnError, match="naive"):
        ops.add(cal, pd.Series(pd.to_datetime(["2026-11-20 16:30"])), timedelta(hours=1))
    with pytest.raises(ColumnError, match="must be a pandas"):
        ops.add(cal, {"a": 1}, timedelta(hours=1))
