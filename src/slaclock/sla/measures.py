"""How much of a target is used: the fraction, and the warning thresholds reached.

Written once for a single ticket and once for a column, side by side, with
the same arithmetic: thresholds are compared in integers (elapsed * 100 >=
percent * target), and the fraction is float64(elapsed) / float64(target), so
a row of a table equals `evaluate` to the last bit.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

__all__ = ["fraction_column", "warning_column"]


def fraction_column(
    elapsed_us: npt.NDArray[np.int64], target_us: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """`fraction_used` of each row."""
    out: npt.NDArray[np.float64] = np.ones(elapsed_us.shape, dtype=np.float64)  # zero target
    np.divide(elapsed_us, target_us, out=out, where=target_us != 0, dtype=np.float64)
    return out


def warning_column(
    elapsed_us: npt.NDArray[np.int64], target_us: npt.NDArray[np.int64], percents: tuple[int, ...]
) -> npt.NDArray[np.int64]:
    """The highest threshold each row (each value, of a column or a grid) has reached
    (0 if none).

    elapsed * 100 >= p * target is floor(elapsed * 100 / target) >= p for whole
    numbers, so one integer division and one bisection of the thresholds do it.
    """
    if not percents:
        return np.zeros(elapsed_us.shape, dtype=np.int64)
    reached = np.full(elapsed_us.shape, 100, dtype=np.int64)  # a zero target: all reached
    positive = target_us > 0
    np.floor_divide(elapsed_us * 100, target_us, out=reached, where=positive)
    thresholds, levels = _levels(percents)
    out: npt.NDArray[np.int64] = levels[thresholds.searchsorted(reached, "right")]
    return out


@cache
def _levels(percents: tuple[int, ...]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The thresholds as an array, and the level each bisection lands on (0: none)."""
    thresholds = np.array(percents, dtype=np.int64)
    levels = np.array([0, *percents], dtype=np.int64)
    thresholds.setflags(write=False)
    levels.setflags(write=False)
    return thresholds, levels
