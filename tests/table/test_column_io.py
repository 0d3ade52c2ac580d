"""Instants in and out of pandas, polars and pyarrow columns: every unit, zone and null
read as the UTC microsecond Python would give, and written back as the same instants."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import narwhals as nw
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock.table.column_io import (
    append_columns,
    codes_of,
    instants_of,
    values_of,
    write_durations,
    write_instants,
)

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
ZONES = ("UTC", "America/Argentina/Buenos_Aires", "America/New_York", "Australia/Lord_Howe")
#: Nanoseconds from the epoch, 1900 to 2200 (pandas' nanosecond range holds them).
NS = st.integers(-(70 * 365 * 86_400 * 10**9), 230 * 365 * 86_400 * 10**9)


def _reference(ns: int | None) -> int | None:
    """The UTC microsecond of an instant, as a Python datetime keeps it (floored)."""
    return None if ns is None else ns // 1_000


def _column(library: str, ns: list[int | None], unit: str, zone: str) -> nw.Series[Any]:
    values = pd.array([pd.NaT if v is None else v for v in ns], dtype="datetime64[ns]")
    utc = pd.Series(values).dt.tz_localize("UTC").dt.as_unit(unit).dt.tz_convert(zone)
    if library == "pandas":
        native: Any = utc
    elif library == "polars":
        native = pl.from_pandas(utc)
    else:
        native = pa.chunked_array([pa.Array.from_pandas(utc)])
    return nw.from_native(native, series_only=True)


@settings(max_examples=60, deadline=None)
@given(
    ns=st.lists(st.one_of(st.none(), NS), min_size=1, max_size=12),
    library=st.sampled_from(["pandas", "polars", "pyarrow"]),
    unit=st.sampled_from(["s", "ms", "us", "ns"]),
    zone=st.sampled_from(ZONES),
)
def test_instants_read_as_python_would(
    ns: list[int | None], library: str, unit: str, zone: str
) -> None:
    per = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[unit]
    ns = [None if v is None else v // per * per for v in ns]  # what the unit can hold
    series = _column(library, ns, unit, zone)
    values, missing = instants_of(series, "at")
    assert missing.tolist() == [v is None for v in ns]
    if all(v is None for v in ns):
        return
    assert values.dtype == np.int64
    assert [None if m else int(v) for v, m in zip(values, missing)] == [_reference(v) for v in ns]


@settings(max_examples=40, deadline=None)
@given(
    us=st.lists(st.integers(-(2**55), 2**55), min_size=1, max_size=8),
    nulls=st.lists(st.booleans(), min_size=8, max_size=8),
    library=st.sampled_from(["pandas", "polars", "pyarrow"]),
    zone=st.sampled_from(ZONES),
)
def test_written_instants_are_the_same_instants_in_the_zone(
    us: list[int], nulls: list[bool], library: str, zone: str
) -> None:
    values = np.array(us, dtype=np.int64)
    missing = np.array(nulls[: len(us)], dtype=bool)
    module = {"pandas": pd, "polars": pl, "pyarrow": pa}[library]
    out = write_instants("at", values, zone, module, missing)
    assert getattr(out.dtype, "time_zone", zone) == zone
    cells = out.to_list()
    for cell, v, m in zip(cells, us, missing):
        if m:
            assert cell is None or cell != cell  # null (pandas: NaT)
            continue
        assert cell == EPOCH + timedelta(microseconds=v)
        assert (
            cell.utcoffset()
            == (EPOCH + timedelta(microseconds=v)).astimezone(ZoneInfo(zone)).utcoffset()
        )
    back, gone = instants_of(out, "at")
    assert gone.tolist() == missing.tolist()
    assert back[~missing].tolist() == values[~missing].tolist()
    durations = write_durations("d", values, module, missing)
    read = durations.to_list()
    assert [c for c, m in zip(read, missing) if not m] == [
        timedelta(microseconds=v) for v, m in zip(us, missing) if not m
    ]


def test_values_with_and_without_nulls() -> None:
    for library in (pd, pl, pa):
        full = nw.new_series("s", [3, 1, 2], nw.Int64, backend=library)
        values, missing = values_of(full, 0)
        assert values.tolist() == [3, 1, 2] and not missing.any()
        some = nw.new_series("s", [3.5, None, 2.0], nw.Float64, backend=library)
        values, missing = values_of(some, -1)
        assert values.tolist() == [3.5, -1.0, 2.0] and missing.tolist() == [False, True, False]


def test_appended_columns_follow_the_table_in_order_whatever_its_index() -> None:
    tables: list[Any] = [
        pl.DataFrame({"a": [1, 2, 3]}),
        pd.DataFrame({"a": [1, 2, 3]}, index=[30, 10, 20]),
        pa.table({"a": [1, 2, 3]}),
    ]
    for native in tables:
        table = nw.from_native(native, eager_only=True)
        like = nw.get_native_namespace(table)
        cols = [
            write_durations("d", np.array([1, 2, 3]), like),
            write_instants("t", np.array([0, 1, 2]), "UTC", like),
        ]
        out = append_columns(table, cols)
        assert out.columns == ["a", "d", "t"]
        assert out["a"].to_list() == [1, 2, 3]
        assert out["d"].to_list() == [timedelta(microseconds=k) for k in (1, 2, 3)]
        assert out["t"].to_list() == [EPOCH + timedelta(microseconds=k) for k in (0, 1, 2)]
        if isinstance(native, pd.DataFrame):
            assert list(out.to_native().index) == [30, 10, 20]


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.one_of(st.none(), st.sampled_from(["open", "solved", "agent", "x y", ""])),
        max_size=20,
    ),
    extra=st.lists(st.text(max_size=3), max_size=12),
    library=st.sampled_from(["pandas", "pandas-arrow", "polars", "pyarrow"]),
)
def test_codes_are_each_cells_place_among_the_distinct_values(
    cells: list[str | None], extra: list[str], library: str
) -> None:
    cells = [*cells, *extra]  # with many distinct values too
    if library.startswith("pandas"):
        dtype = "string[pyarrow]" if library == "pandas-arrow" else object
        native: Any = pd.Series(cells, dtype=dtype)
    elif library == "polars":
        native = pl.Series(cells, dtype=pl.String)
    else:
        native = pa.chunked_array([pa.array(cells, type=pa.string())])
    series = nw.from_native(native, series_only=True)
    distinct = series.drop_nulls().unique().to_list()
    codes = codes_of(series, distinct)
    assert codes.tolist() == [-1 if c is None else distinct.index(c) for c in cells]
