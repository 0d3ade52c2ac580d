"""Timestamps of a helpdesk's tables as UTC microseconds: naive ISO text (as Fivetran
writes it) parsed by numpy's strict parser at once and checked, anything else value by
value with `datetime.fromisoformat`; a naive timestamp is UTC."""

from __future__ import annotations

import warnings
from datetime import datetime, timezone
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._time import to_us

__all__ = ["iso_texts", "one_by_one", "within_years"]

I64 = np.int64
#: What the fast path takes: a date (year 1-9999), then optionally HH:MM[:SS[.f]].
_SHAPE = (
    r"^\s*(?:000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})-\d\d-\d\d"
    r"(?:[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?\s*$"
)


#: Years 1-9999 in UTC microseconds (what Python's datetime holds).
FIRST_US = to_us(datetime(1, 1, 1, tzinfo=timezone.utc))
LAST_US = to_us(datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone.utc))


def within_years(us: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each instant is within years 1-9999 (a DataFrame library holds more)."""
    out: npt.NDArray[np.bool_] = (us >= FIRST_US) & (us <= LAST_US)
    return out


def iso_texts(series: Any) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]] | None:
    """A text column of naive ISO timestamps (``2026-03-02 09:15:00``, as Fivetran writes
    them) parsed by numpy's strict ISO parser at once; None when any value is something
    else (an offset, a word numpy would read, such as "now"), to be parsed one by one."""
    if not series.str.contains(_SHAPE).fill_null(value=True).all():
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy only warns about an offset
            parsed = np.asarray(series.to_numpy(), dtype=object).astype("datetime64[us]")
    except (ValueError, TypeError, Warning):
        return None
    missing = np.isnat(parsed)
    if int(missing.sum()) != series.null_count():
        return None
    return np.where(missing, 0, parsed.astype(I64)), missing


def one_by_one(values: list[object]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Instants from text or datetimes, one by one (naive: UTC)."""
    out = np.zeros(len(values), dtype=I64)
    missing = np.zeros(len(values), dtype=bool)
    for k, v in enumerate(values):
        if isinstance(v, str):
            text = v.strip().removesuffix(" UTC")
            try:
                v = datetime.fromisoformat(text.replace(" ", "T", 1)) if text else None
            except ValueError:
                v = None
        if isinstance(v, datetime):
            out[k] = to_us(v if v.tzinfo is not None else v.replace(tzinfo=timezone.utc))
        else:
            missing[k] = True
    return out, missing
