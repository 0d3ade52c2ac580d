"""`metric_counted`: each cycle's counted time and the span where it reaches its target,
from cumulative sums, against adding the spans up one by one."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.sla.metric_counted import RowTimes, cycle_times


@st.composite
def cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, list[int], list[int]]:
    m = draw(st.integers(1, 3))
    r = draw(st.integers(1, 8))
    counted = np.array(draw(st.lists(st.booleans(), min_size=m * r, max_size=m * r)))
    spans = np.array(draw(st.lists(st.integers(0, 5), min_size=r, max_size=r)), np.int64)
    starts = sorted(draw(st.sets(st.integers(0, m * r - 1), max_size=m * r)))
    targets = draw(st.lists(st.integers(-1, 12), min_size=len(starts), max_size=len(starts)))
    return counted.reshape(m, r), spans, starts, targets


@given(cases(), st.integers(1, 30))
def test_cycles_add_their_spans_and_cross_their_targets(
    case: tuple[np.ndarray, np.ndarray, list[int], list[int]], block: int
) -> None:
    """Whatever the block of metrics summed together (one metric, some, or all)."""
    counted, spans, starts, targets = case
    m, r = counted.shape
    times = RowTimes(
        business=np.zeros(m, dtype=bool),
        calendar=np.zeros((m, r), dtype=np.int64),
        clock=spans,
        open=(np.zeros(r, dtype=np.int64),),
    )
    target = np.array([max(t, 0) for t in targets], dtype=np.int64)
    has = np.array([t >= 0 for t in targets], dtype=bool)
    got = cycle_times(times, counted, np.array(starts, dtype=np.int64), target, has, block)
    for j, flat in enumerate(starts):
        k, row = divmod(flat, r)
        later = [s for s in starts if s > flat and s // r == k]
        stop = later[0] % r if later else r
        total, crossed = 0, (-1, 0)
        for i in range(row, stop):
            if counted[k, i]:
                if has[j] and target[j] > 0 and crossed[0] < 0 and total + spans[i] >= target[j]:
                    crossed = (i, int(target[j]) - total)
                total += int(spans[i])
        assert got.elapsed[j] == total
        assert (got.cross_row[j], got.cross_left[j]) == crossed
