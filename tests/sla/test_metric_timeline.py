"""`Timeline.of`: each ticket's receipt placed before its events, and the state after each
event carried forward, against a plain Python reference built ticket by ticket."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import given
from hypothesis import strategies as st

from slaclock.sla.metric_timeline import Timeline, carry
from slaclock.sla.timeline import Code, EventColumns

CODES = [int(c) for c in (Code.STATUS, Code.MESSAGE, Code.TO_L2, Code.PAUSED, Code.RESUMED)]


@st.composite
def tables(draw: st.DrawFn) -> tuple[npt.NDArray[np.int64], list[list[tuple[int, int, int]]]]:
    n = draw(st.integers(0, 6))
    received = np.array(draw(st.lists(st.integers(0, 100), min_size=n, max_size=n)), np.int64)
    events = [
        draw(
            st.lists(
                st.tuples(st.sampled_from(CODES), st.integers(1, 5), st.integers(0, 200)),
                max_size=5,
            )
        )
        for _ in range(n)
    ]
    return received, events


def _columns(events: list[list[tuple[int, int, int]]], order: list[int]) -> EventColumns:
    rows = [(t, *e) for t in order for e in events[t]]
    col = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return EventColumns(
        col[:, 0], col[:, 1].astype(np.int8), col[:, 2].astype(np.int8), col[:, 3],
        np.zeros(len(col), dtype=np.int8),
    )  # fmt: skip


@given(tables(), st.randoms())
def test_receipts_before_their_events_in_any_ticket_order(
    table: tuple[npt.NDArray[np.int64], list[list[tuple[int, int, int]]]], rnd: object
) -> None:
    received, events = table
    n = len(received)
    now = 10**6
    tl = Timeline.of(received, np.ones(n, np.int8), _columns(events, list(range(n))), now)
    expected: list[tuple[int, int, int]] = []  # (owner, code, at), ticket by ticket
    for t in range(n):
        expected.append((t, int(Code.CREATED), int(received[t])))
        expected += [(t, int(c), at) for c, _, at in events[t]]
    assert list(zip(tl.owner.tolist(), tl.code.tolist(), tl.at.tolist())) == expected
    assert tl.first.tolist() == [c == Code.CREATED for _, c, _ in expected]
    shuffled = list(range(n))
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = Timeline.of(received, np.ones(n, np.int8), _columns(events, shuffled), now)
    for field in ("owner", "code", "at", "until", "status_after", "level_after", "paused_after"):
        assert getattr(again, field).tolist() == getattr(tl, field).tolist()


@given(st.lists(st.tuples(st.booleans(), st.integers(-9, 9)), min_size=1, max_size=30))
def test_carry_is_the_latest_set_value(cells: list[tuple[bool, int]]) -> None:
    sets = np.array([True] + [s for s, _ in cells[1:]])
    values = np.array([v for _, v in cells], dtype=np.int64)
    expected, current = [], 0
    for s, v in zip(sets.tolist(), values.tolist()):
        current = v if s else current
        expected.append(current)
    assert carry(sets, values).tolist() == expected
    two = carry(np.stack([sets, sets]), np.stack([values, -values]))
    assert two.tolist() == [expected, [-v for v in expected]]
