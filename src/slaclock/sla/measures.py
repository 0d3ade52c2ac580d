"""How much of a target is used: the fraction, and the warning thresholds reached.

Written once for a single ticket and once for a column, side by side, with
the same arithmetic: thresholds are compared in integers (elapsed * 100 >=
percent * target), and the fraction is float64(elapsed) / float64(target), so
a row of a table equals `evaluate` to the last bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["fraction_column", "fraction_used", "warning_column", "warnings_reached"]


def fraction_used(elapsed_us: int, target_us: int) -> float:
    """elapsed / target (1.0 for a zero target, which is used up at once)."""
    if target_us == 0:
        return 1.0
    return float(np.float64(elapsed_us) / np.float64(target_us))


def warnings_reached(
    elapsed_us: int, target_us: int, percents: tuple[int, ...]
) -> tuple[int, ...]:
    """The warning thresholds (percent of the target, ascending) reached so far."""
    return tuple(p for p in percents if elapsed_us * 100 >= p * target_us)


def fraction_column(
    elapsed_us: npt.NDArray[np.int64], target_us: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """`fraction_used` of each row."""
    zero = target_us == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = elapsed_us.astype(np.float64) / target_us.astype(np.float64)
    out: npt.NDArray[np.float64] = np.where(zero, 1.0, ratio)
    return out


def warning_column(
    elapsed_us: npt.NDArray[np.int64], target_us: npt.NDArray[np.int64], percents: tuple[int, ...]
) -> npt.NDArray[np.int64]:
    """The highest threshold each row has reached (0 if none)."""
    out = np.zeros(len(elapsed_us), dtype=np.int64)
    for p in percents:  # ascending: a later threshold overwrites an earlier one
        out[elapsed_us * 100 >= p * target_us] = p
    return out
