"""The order every events reader puts events in (`sla.timeline.event_order`): by ticket
row, then by the keys given, ties in their order; exactly `np.lexsort`'s, for any number
of tickets (one 16-bit pass up to 65,536, more beyond); and the stable argsort it
sorts one key with."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.sla.timeline import event_order, stable_argsort, ticket_order


@given(
    st.sampled_from([1, 3, 65_536, 65_537, 2**20, 2**33]),
    st.lists(st.tuples(st.integers(0, 2**40), st.integers(-3, 3), st.integers(0, 2)), max_size=80),
)
def test_event_order_is_lexsort_by_ticket_then_keys(
    n: int, rows: list[tuple[int, int, int]]
) -> None:
    owner = np.array([r[0] % n for r in rows], dtype=np.int64)
    at = np.array([r[1] for r in rows], dtype=np.int64)
    tie = np.array([r[2] for r in rows], dtype=np.int64)
    assert event_order(owner, n, at, tie).tolist() == np.lexsort((tie, at, owner)).tolist()
    assert event_order(owner, n, at).tolist() == np.lexsort((at, owner)).tolist()
    assert ticket_order(owner, n).tolist() == np.argsort(owner, kind="stable").tolist()


@given(st.lists(st.integers(-(2**62), 2**62) | st.integers(0, 3), max_size=200))
def test_stable_argsort_is_numpys_stable_sort(keys: list[int]) -> None:
    """Equal keys (runs of them, side by side) keep their order, as in the stable sort."""
    key = np.array(keys, dtype=np.int64)
    assert stable_argsort(key).tolist() == np.argsort(key, kind="stable").tolist()


def test_many_tickets_in_no_order() -> None:
    """Two passes (tickets past 65,536), a million events in random order."""
    rng = np.random.default_rng(7)
    n = 300_000
    owner = rng.integers(0, n, 1_000_000)
    at = rng.integers(0, 50, len(owner))
    assert np.array_equal(event_order(owner, n, at), np.lexsort((at, owner)))
