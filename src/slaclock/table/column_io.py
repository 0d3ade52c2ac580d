"""Columns in and out of any DataFrame library, through narwhals.

Instants are read as int64 UTC microseconds (nanoseconds are dropped, as
Python datetimes do) with a mask of nulls; results are written back as
columns of the frame's own library: aware datetimes in the calendar's zone,
durations, strings, booleans, floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import ModuleType
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.calendar.column import I64, Column, Mask
from slaclock.errors import ColumnError, SlaclockError

__all__ = [
    "Backend",
    "append_columns",
    "codes_of",
    "count_rows",
    "instants_of",
    "row_labels",
    "stamps_of",
    "values_of",
    "write_bools",
    "write_durations",
    "write_floats",
    "write_instants",
    "write_ints",
    "write_labels",
    "write_strings",
]

#: The frame whose library new columns are made in, or that library's module
#: (`nw.get_native_namespace` of the frame, found once for many columns).
Backend = Any


def count_rows(frame: Any) -> int:
    """Rows of a pandas, polars or pyarrow frame."""
    return int(nw.from_native(frame, eager_only=True).shape[0])


def _as_utc(series: nw.Series[Any]) -> nw.Series[Any]:
    """The series converted to UTC.

    narwhals (2.29) reads a pandas dtype such as ``datetime64[us,
    America/Argentina/Buenos_Aires]`` as Unknown (its pattern for zone names
    allows letters and '/' only), so such a pandas-like series is converted
    with its own ``dt.tz_convert``; everything else goes through narwhals.
    """
    if series.dtype == nw.Unknown:
        native = series.to_native()
        if getattr(getattr(native, "dtype", None), "tz", None) is not None:
            return nw.from_native(native.dt.tz_convert("UTC"), series_only=True)
    return series.dt.convert_time_zone("UTC")


def values_of(series: nw.Series[Any], fill: int) -> tuple[npt.NDArray[Any], Mask]:
    """(the values as numpy, `fill` where null; the null mask). The nulls are filled and
    looked for only in a series that has some: each is a native operation, the largest
    part of reading a short column."""
    if series.null_count() == 0:
        return series.to_numpy(), np.zeros(len(series), dtype=bool)
    return series.fill_null(fill).to_numpy(), series.is_null().to_numpy().astype(bool)


#: At most this many distinct values are matched one comparison each on a pandas-like
#: series (its `replace_strict` maps every cell through Python); more, or another
#: library, are mapped by `replace_strict`.
_COMPARED = 8


def codes_of(series: nw.Series[Any], distinct: Sequence[Any]) -> npt.NDArray[np.int64]:
    """Each cell's index in `distinct` (the series' distinct values, null aside), -1
    where null: a few native operations for any length (a third of the time for a
    pandas column of statuses or authors, compared with each value in turn)."""
    if not distinct:
        return np.full(len(series), -1, dtype=I64)
    if series.implementation.is_pandas_like() and len(distinct) <= _COMPARED:
        out = np.full(len(series), -1, dtype=I64)
        for k, value in enumerate(distinct):
            out[(series == value).fill_null(value=False).to_numpy().astype(bool)] = k
        return out
    placed = series.replace_strict(
        list(distinct), list(range(len(distinct))), return_dtype=nw.Int64
    )
    codes: npt.NDArray[np.int64] = placed.fill_null(-1).to_numpy().astype(I64)
    return codes


def instants_of(series: nw.Series[Any], name: str) -> tuple[Column, Mask]:
    """(UTC microseconds, null mask) of a column of aware instants.

    A column with no values at all (every row null) is read as all missing,
    whatever type the library gave it.
    """
    if series.null_count() == len(series):
        return np.zeros(len(series), dtype=I64), np.ones(len(series), dtype=bool)
    dtype = series.dtype
    if dtype == nw.Datetime or dtype == nw.Unknown:
        zone = getattr(dtype, "time_zone", None)
        native_tz = getattr(getattr(series.to_native(), "dtype", None), "tz", None)
        if dtype == nw.Datetime and zone is None:
            raise ColumnError(
                f"column {name!r} holds naive datetimes (no time zone); slaclock never guesses "
                "one. Attach the zone they were recorded in, e.g. "
                "df[col].dt.tz_localize('America/Argentina/Buenos_Aires') in pandas or "
                ".dt.replace_time_zone(...) in polars."
            )
        if dtype == nw.Datetime or native_tz is not None:
            zoned = series if dtype == nw.Datetime else _as_utc(series)
            stamps = stamps_of(zoned.to_numpy())
            if stamps is not None:
                return stamps
            # A zoned Datetime's timestamp counts from the UTC epoch in every library: only
            # the pandas dtype narwhals cannot read is converted first.
            values, missing = values_of(zoned.dt.timestamp("us"), 0)
            return values.astype(I64), missing
    if dtype == nw.Object:
        return _objects(series.to_list(), name)
    raise ColumnError(
        f"column {name!r} has type {dtype}; it must hold timezone-aware datetimes. Parse "
        "text first (e.g. pandas.to_datetime(col, utc=True)) or map another column with "
        "columns={...}."
    )


#: Microseconds per unit of a numpy datetime64, as (multiply, floor-divide).
_TO_US = {"s": (1_000_000, 1), "ms": (1_000, 1), "us": (1, 1), "ns": (1, 1_000)}


def stamps_of(raw: npt.NDArray[Any]) -> tuple[Column, Mask] | None:
    """(microseconds, null mask) of a numpy datetime64 column, as the numbers it holds:
    the form narwhals gives a zoned column (datetime64 of UTC instants, NaT where null:
    one native operation, none to fill or find the nulls), or a naive one whose values
    are known to be UTC; None if it is another form (the timestamp path reads those)."""
    if raw.dtype.kind != "M":
        return None
    unit, count = np.datetime_data(raw.dtype)
    if unit not in _TO_US or count != 1:
        return None
    times, per = _TO_US[unit]
    missing = np.isnat(raw)
    ticks = raw.view(I64)
    values = ticks * times if times != 1 else ticks // per  # ns: floor, as Python drops them
    out: Column = np.where(missing, 0, values)
    return out, missing


def _objects(values: Sequence[object], name: str) -> tuple[Column, Mask]:
    """Instants from a column of Python objects (aware datetimes or nulls)."""
    out = np.zeros(len(values), dtype=I64)
    missing = np.zeros(len(values), dtype=bool)
    for k, v in enumerate(values):
        if v is None or (isinstance(v, float) and v != v):
            missing[k] = True
        elif isinstance(v, datetime):
            try:
                out[k] = to_us(v, f"{name} value")
            except SlaclockError as exc:
                raise ColumnError(f"column {name!r}, row {k}: {exc}") from exc
        else:
            raise ColumnError(
                f"column {name!r} holds {type(v).__name__} values (row {k}: {v!r:.60}); it must "
                "hold timezone-aware datetimes."
            )
    return out, missing


def row_labels(frame: nw.DataFrame[Any], rows: npt.NDArray[np.int64]) -> list[object]:
    """Labels of rows for messages: the pandas index, else the row numbers."""
    index = nw.maybe_get_index(frame)
    if index is None:
        return [int(r) for r in rows]
    labels = [index[int(r)] for r in rows]
    return [x.item() if isinstance(x, np.generic) else x for x in labels]  # 7, not np.int64(7)


def append_columns(
    table: nw.DataFrame[Any], columns: Sequence[nw.Series[Any]]
) -> nw.DataFrame[Any]:
    """`table` with `columns` (new names, its own library, its length) after its own.

    A polars table takes them by a horizontal concatenation: narwhals' `with_columns`
    makes each series an expression first, which doubles the cost of a short table
    there. Elsewhere `with_columns`, which is cheaper for pyarrow and places the values
    by position whatever a pandas table's index is."""
    if table.implementation is nw.Implementation.POLARS:
        return nw.concat([table, *(c.to_frame() for c in columns)], how="horizontal")
    return table.with_columns(*columns)


def _namespace(like: Backend) -> ModuleType:
    """The library a `Backend` names (itself, if it is one)."""
    return like if isinstance(like, ModuleType) else nw.get_native_namespace(like)


def _series(name: str, values: Any, dtype: Any, like: Backend) -> nw.Series[Any]:
    return nw.new_series(name, values, dtype, backend=_namespace(like))


def write_instants(
    name: str, values: Column, zone: str, like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of aware datetimes in `zone` from UTC microseconds.

    One cast from int64 to the zoned type reads the integers as UTC in pandas, polars
    and pyarrow alike (a quarter of the time of a naive cast, then replacing and
    converting the zone). Nulls are placed on the naive datetimes: on pandas integers
    they would pass through float64 (inexact past 2**53 µs), and narwhals' when/then
    on a zoned pandas column drops its zone.
    """
    s = _series(name, values, nw.Int64, like)
    if missing is None or not missing.any():
        return s.cast(nw.Datetime("us", zone))
    naive = _with_nulls(s.cast(nw.Datetime("us")), missing, like)
    return naive.dt.replace_time_zone("UTC").dt.convert_time_zone(zone)


def write_durations(
    name: str, values: Column, like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of durations from microseconds (nulls placed on the durations, exact)."""
    return _with_nulls(
        _series(name, values, nw.Int64, like).cast(nw.Duration("us")), missing, like
    )


def write_strings(
    name: str, values: npt.NDArray[np.object_], like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of text (None where missing)."""
    if missing is not None and missing.any():
        values = values.copy()
        values[missing] = None
    return _series(name, values.tolist(), nw.String, like)  # polars refuses object arrays


def write_labels(
    name: str, codes: npt.NDArray[np.integer[Any]], labels: Sequence[str], like: Backend,
    missing: Mask | None = None,
) -> nw.Series[Any]:  # fmt: skip
    """A text column of ``labels[codes]`` (None where missing), gathered from the few labels
    in the frame's own library: no Python string per row."""
    index = codes.astype(np.intp)
    if missing is not None and missing.any():
        index = np.where(missing, len(labels), index)
    return _series(name, [*labels, None], nw.String, like)[index]


def write_bools(
    name: str, values: Mask, like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of booleans."""
    return _with_nulls(_series(name, values, nw.Boolean, like), missing, like)


def write_floats(
    name: str, values: npt.NDArray[np.float64], like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of float64 (null, not NaN, where missing)."""
    return _with_nulls(_series(name, values, nw.Float64, like), missing, like)


def write_ints(
    name: str, values: Column, like: Backend, missing: Mask | None = None
) -> nw.Series[Any]:
    """A column of int64."""
    return _with_nulls(_series(name, values, nw.Int64, like), missing, like)


def _with_nulls(series: nw.Series[Any], missing: Mask | None, like: Backend) -> nw.Series[Any]:
    """The series with nulls where `missing` holds."""
    if missing is None or not missing.any():
        return series
    backend = _namespace(like)
    frame = nw.from_dict(
        {"v": series, "m": _series("m", missing, nw.Boolean, backend)}, backend=backend
    )
    out: nw.Series[Any] = frame.select(nw.when(~nw.col("m")).then(nw.col("v")).alias(series.name))[
        series.name
    ]
    return out
