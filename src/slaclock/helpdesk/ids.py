"""Ids matched across a helpdesk's tables: as text (7, 7.0 and "7" are one id), by
sorting and searchsorted rather than a dictionary per row."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["id_text", "locate", "repeats", "texts"]

I64 = np.int64


def id_text(v: object) -> str:
    """An id as text: 7, 7.0 and "7" are the same id; a missing one (None, NaN, pandas'
    NA) is ""."""
    if v is None:
        return ""
    try:
        if v != v:  # NaN
            return ""
    except TypeError:  # pandas' NA refuses to compare: it is missing
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def locate(keys: npt.NDArray[Any], among: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Each key's first row in `among` (-1: not there), by sorting and searchsorted."""
    if keys.dtype != among.dtype or keys.dtype == object:
        keys, among = keys.astype(str), among.astype(str)
    if not len(among):
        return np.full(len(keys), -1, dtype=I64)
    order = np.argsort(among, kind="stable")
    ordered = among[order]
    at = np.minimum(np.searchsorted(ordered, keys), len(among) - 1)
    return np.where(ordered[at] == keys, order[at], -1).astype(I64)


def repeats(keys: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Whether each key already appeared on an earlier row."""
    ordered = keys.astype(str) if keys.dtype == object else keys
    order = np.argsort(ordered, kind="stable")
    again = np.zeros(len(keys), dtype=bool)
    again[order[1:]] = ordered[order[1:]] == ordered[order[:-1]]
    return again


def texts(keys: npt.NDArray[Any]) -> list[str]:
    """Ids as text, as problems and results show them."""
    return [str(k) for k in keys.tolist()]
