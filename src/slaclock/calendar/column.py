"""Columns as the engine holds them: int64 microseconds and flags, and merging runs.

Every calendar query on a whole column works on these: instants as int64 UTC
microseconds since the epoch, durations as int64 microseconds, flags as bools.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["I64", "Column", "Mask", "merge"]

I64 = np.int64
#: A column of instants or durations: int64 microseconds (UTC instants since the epoch).
Column = npt.NDArray[np.int64]
#: A column of flags.
Mask = npt.NDArray[np.bool_]


def merge(starts: Column, ends: Column) -> tuple[Column, Column]:
    """Sort runs and merge those that overlap or touch."""
    if len(starts) == 0:
        return starts, ends
    if np.any(starts[1:] < starts[:-1]):
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    first = np.ones(len(starts), dtype=bool)
    first[1:] = starts[1:] > reach[:-1]
    idx = np.flatnonzero(first)
    return starts[idx], np.maximum.reduceat(reach, idx)
