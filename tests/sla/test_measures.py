"""The fraction and warning measures: the column form equals the single-ticket form,
exact threshold hits and zero targets included."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.sla.measures import fraction_column, warning_column


def fraction_used(elapsed_us: int, target_us: int) -> float:
    """Reference: elapsed / target (1.0 for a zero target, which is used up at once)."""
    if target_us == 0:
        return 1.0
    return float(np.float64(elapsed_us) / np.float64(target_us))


def warnings_reached(
    elapsed_us: int, target_us: int, percents: tuple[int, ...]
) -> tuple[int, ...]:
    """Reference: the warning thresholds (percent of the target, ascending) reached."""
    return tuple(p for p in percents if elapsed_us * 100 >= p * target_us)


percents = st.sets(st.integers(1, 99), max_size=4).map(lambda s: tuple(sorted(s)))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[int, int]:
    """(elapsed, target) in microseconds, often exactly on a threshold."""
    target = draw(st.integers(0, 10**12) | st.sampled_from([0, 100, 7_200_000_000]))
    if draw(st.booleans()) and target:
        return target * draw(st.integers(0, 150)) // 100, target
    return draw(st.integers(0, 2 * 10**12)), target


@given(st.lists(pairs(), min_size=1, max_size=30), percents)
def test_column_measures_equal_single_ones(
    rows: list[tuple[int, int]], p: tuple[int, ...]
) -> None:
    elapsed = np.array([e for e, _ in rows], dtype=np.int64)
    target = np.array([t for _, t in rows], dtype=np.int64)
    assert warning_column(elapsed, target, p).tolist() == [
        max(warnings_reached(e, t, p), default=0) for e, t in rows
    ]
    assert fraction_column(elapsed, target).tolist() == [fraction_used(e, t) for e, t in rows]


def test_thresholds_are_reached_exactly_at_their_percent() -> None:
    assert warnings_reached(3_600, 7_200, (50, 75)) == (50,)
    assert warnings_reached(3_599, 7_200, (50, 75)) == ()
    assert warning_column(
        np.array([3_600, 3_599, 0]), np.array([7_200, 7_200, 0]), (50, 75)
    ).tolist() == [50, 0, 75]
