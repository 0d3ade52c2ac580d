"""The column lookup (`Directory`) answers exactly as `np.searchsorted` does, for any
sorted array (gaps of every size, repeated values, one value) and any keys, inside,
outside and at the values: few keys (bisected) and many (direct addressing)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.calendar.directory import SMALL, Directory

BIG = 2**62


@st.composite
def sorted_values(draw: st.DrawFn) -> np.ndarray:
    """Sorted int64 arrays: clustered (runs of a day), spread thin, repeated values."""
    scale = draw(st.sampled_from([1, 7, 3_600_000_000, 86_400_000_000, 2**40]))
    gaps = draw(st.lists(st.integers(0, 50), min_size=0, max_size=60))
    origin = draw(st.integers(-(2**50), 2**50))
    values = origin + np.cumsum(np.array([0, *gaps], dtype=np.int64) * scale)
    return values


@given(sorted_values(), st.data())
def test_right_and_left_equal_searchsorted(values: np.ndarray, data: st.DataObject) -> None:
    near = st.sampled_from(values.tolist()).flatmap(
        lambda v: st.integers(v - 2, v + 2) | st.just(v)
    )
    lo, hi = int(values[0]), int(values[-1])
    anywhere = st.integers(lo - (hi - lo) - 5, hi + (hi - lo) + 5)
    far = st.integers(-BIG, BIG)
    keys = np.array(data.draw(st.lists(near | anywhere | far, max_size=50)), dtype=np.int64)
    d = Directory(values)
    many = np.resize(keys, SMALL + len(keys))  # the same keys repeated: direct addressing
    for k in (keys, many):
        assert d.right(k).tolist() == np.searchsorted(values, k, "right").tolist()
        assert d.left(k).tolist() == np.searchsorted(values, k, "left").tolist()


@given(sorted_values())
def test_the_table_stays_small(values: np.ndarray) -> None:
    """At most about four buckets a value, whatever the gaps."""
    d = Directory(values)
    assert len(d.table) <= 4 * len(values) + 2
