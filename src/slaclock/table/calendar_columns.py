"""Calendar arithmetic on whole columns, without the SLA layer.

Each function takes a `BusinessCalendar` and a column: a pandas or polars
Series or a pyarrow Array/ChunkedArray of aware datetimes (any zone), or a
list of aware datetimes; and gives back the same kind, with instants in the
calendar's zone. Nulls stay null. The rules are `BusinessCalendar`'s, to the
microsecond (the engine is the same).

    >>> from slaclock import argentina, ops
    >>> df["due"] = ops.add(argentina(), df["received"], timedelta(hours=2))   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import from_us, to_us, us_of_timedelta
from slaclock.calendar import business_days
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.days import EPOCH_ORDINAL
from slaclock.errors import ColumnError, InvalidDurationError
from slaclock.table.column_io import (
    instants_of,
    values_of,
    write_bools,
    write_durations,
    write_instants,
    write_ints,
)

__all__ = [
    "add",
    "add_business_days",
    "business_days_between",
    "elapsed",
    "is_business_day",
    "is_open",
    "next_open",
]

I64 = np.int64
C = TypeVar("C")


def _series(column: Any, name: str) -> nw.Series[Any]:
    """The column as a narwhals series (a pyarrow Array is taken as a one-chunk array)."""
    if type(column).__module__.startswith("pyarrow") and not hasattr(column, "chunks"):
        import pyarrow as pa

        column = pa.chunked_array([column])
    try:
        return nw.from_native(column, series_only=True)
    except TypeError as exc:
        raise ColumnError(
            f"{name} must be a pandas or polars Series, a pyarrow array or a list, got "
            f"{type(column).__name__}."
        ) from exc


def _native(series: nw.Series[Any], like: Any) -> Any:
    """The result in the kind of the input (a pyarrow Array stays an Array)."""
    out = series.to_native()
    if type(like).__module__.startswith("pyarrow") and not hasattr(like, "chunks"):
        return out.combine_chunks()
    return out


def _read(column: Any, name: str) -> tuple[Any, npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(narwhals series or None for a list, UTC µs, null mask)."""
    if isinstance(column, list):
        us = np.array([to_us(v, name) if v is not None else 0 for v in column], dtype=I64)
        return None, us, np.array([v is None for v in column], dtype=bool)
    series = _series(column, name)
    us, missing = instants_of(series, name)
    return series, us, missing


def _durations(value: Any, n: int, name: str) -> npt.NDArray[np.int64]:
    if isinstance(value, timedelta):
        return np.full(n, us_of_timedelta(value, name), dtype=I64)
    if isinstance(value, list):
        return np.array([us_of_timedelta(v, name) for v in value], dtype=I64)
    try:
        series = nw.from_native(value, series_only=True)
    except TypeError as exc:
        raise InvalidDurationError(
            f"{name} must be a datetime.timedelta or a column of durations, got "
            f"{type(value).__name__}: {value!r:.60}."
        ) from exc
    if series.dtype != nw.Duration:
        raise InvalidDurationError(f"{name} must hold durations, not {series.dtype}.")
    if series.null_count():
        raise InvalidDurationError(f"{name} has nulls; give every row a duration.")
    out: npt.NDArray[np.int64] = series.dt.total_microseconds().to_numpy().astype(I64)
    return out


def _instants_out(
    like: Any,
    original: Any,
    us: npt.NDArray[np.int64],
    missing: npt.NDArray[np.bool_],
    cal: BusinessCalendar,
) -> Any:
    if like is None:
        return [None if m else from_us(u, cal.zone) for u, m in zip(us.tolist(), missing)]
    return _native(write_instants(_name(like, "due"), us, cal.zone.key, like, missing), original)


def add(cal: BusinessCalendar, instants: C, duration: Any) -> C:
    """`cal.add` of each instant: a timedelta for all rows, or a column of durations."""
    like, us, missing = _read(instants, "instants")
    d = _durations(duration, len(us), "duration")
    out = cal.engine.add_many(us[~missing], d[~missing])
    result = np.zeros(len(us), dtype=I64)
    result[~missing] = out
    return _instants_out(like, instants, result, missing, cal)  # type: ignore[no-any-return]


def next_open(cal: BusinessCalendar, instants: C) -> C:
    """`cal.next_open` of each instant (where a clock started there starts)."""
    return add(cal, instants, timedelta(0))


def elapsed(cal: BusinessCalendar, start: Any, end: Any) -> Any:
    """`cal.elapsed` row by row: open time from each start to its end (null if either is)."""
    like, a, missing_a = _read(start, "start")
    _, b, missing_b = _read(end, "end")
    if len(a) != len(b):
        raise ColumnError(f"start has {len(a)} rows and end {len(b)}; give columns of one length.")
    missing = missing_a | missing_b
    used = np.zeros(len(a), dtype=I64)
    used[~missing] = cal.engine.elapsed_many(a[~missing], b[~missing])
    if like is None:
        return [None if m else timedelta(microseconds=int(x)) for x, m in zip(used, missing)]
    return _native(write_durations(_name(like, "elapsed"), used, like, missing), start)


def is_open(cal: BusinessCalendar, instants: Any) -> Any:
    """`cal.is_open` of each instant (null stays null)."""
    like, us, missing = _read(instants, "instants")
    flags = np.zeros(len(us), dtype=bool)
    flags[~missing] = cal.engine.open_many(us[~missing])
    if like is None:
        return [None if m else bool(f) for f, m in zip(flags, missing)]
    return _native(write_bools(_name(like, "is_open"), flags, like, missing), instants)


def _dates(column: Any, name: str) -> tuple[Any, npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(narwhals series or None for a list, date ordinals, null mask)."""
    if isinstance(column, list):
        for v in column:
            if v is not None and (isinstance(v, datetime) or not isinstance(v, date)):
                raise ColumnError(f"{name} must hold dates, got {type(v).__name__}: {v!r:.60}.")
        o = np.array(
            [v.toordinal() if v is not None else EPOCH_ORDINAL for v in column], dtype=I64
        )
        return None, o, np.array([v is None for v in column], dtype=bool)
    series = _series(column, name)
    if series.dtype != nw.Date:
        raise ColumnError(f"{name} must hold dates (Date type), not {series.dtype}.")
    days, missing = values_of(series.cast(nw.Datetime("us")).dt.timestamp("us"), 0)
    return series, days.astype(I64) // 86_400_000_000 + EPOCH_ORDINAL, missing


def _dates_out(
    like: Any, original: Any, o: npt.NDArray[np.int64], missing: npt.NDArray[np.bool_]
) -> Any:
    if like is None:
        return [None if m else date.fromordinal(int(x)) for x, m in zip(o, missing)]
    us = (o - EPOCH_ORDINAL) * 86_400_000_000
    s = write_ints(_name(like, "day"), us, like, missing).cast(nw.Datetime("us")).cast(nw.Date)
    return _native(s, original)


def is_business_day(cal: BusinessCalendar, dates: Any) -> Any:
    """`cal.is_business_day` of each date."""
    like, o, missing = _dates(dates, "dates")
    flags = np.zeros(len(o), dtype=bool)
    flags[~missing] = business_days.is_business_day_many(cal.engine, o[~missing])
    if like is None:
        return [None if m else bool(f) for f, m in zip(flags, missing)]
    return _native(write_bools(_name(like, "is_business_day"), flags, like, missing), dates)


def add_business_days(cal: BusinessCalendar, dates: Any, n: int) -> Any:
    """`cal.add_business_days(day, n)` of each date."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise ColumnError(f"n must be an int number of business days, got {n!r}.")
    like, o, missing = _dates(dates, "dates")
    out = np.zeros(len(o), dtype=I64)
    counts = np.full(int((~missing).sum()), n, dtype=I64)
    out[~missing] = business_days.add_business_days_many(cal.engine, o[~missing], counts)
    return _dates_out(like, dates, np.where(missing, EPOCH_ORDINAL, out), missing)


def business_days_between(cal: BusinessCalendar, start: Any, end: Any) -> Any:
    """`cal.business_days_between` row by row."""
    like, a, missing_a = _dates(start, "start")
    _, b, missing_b = _dates(end, "end")
    missing = missing_a | missing_b
    counts = np.zeros(len(a), dtype=I64)
    keep = ~missing
    counts[keep] = business_days.business_days_between_many(cal.engine, a[keep], b[keep])
    if like is None:
        return [None if m else int(c) for c, m in zip(counts, missing)]
    return _native(write_ints(_name(like, "business_days"), counts, like, missing), start)


def _name(series: Any, default: str) -> str:
    name = getattr(series, "name", None)
    return name if isinstance(name, str) and name else default
