"""The column rules (`sla/columns.py`) where mutation testing (issue 6) found them
untested: what a table can hold that a `Ticket` refuses (pauses out of order), said
exactly; rows with different numbers of pauses side by side; a table with no events.

A `Ticket` refuses pauses out of order when it is built, so only an events table
reaches these messages; `evaluate_frame(..., errors="mark")` reports them per row.

The column rules equal the per-ticket rules: every row of `evaluate_many` (a thin
client of `sla.columns`) is `evaluate(...).as_record()`, histories included.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    Paused,
    Resumed,
    SlaclockError,
    Ticket,
    evaluate,
    evaluate_frame,
    evaluate_many,
)
from slaclock.sla import columns
from slaclock.sla.plan import ServicePlan
from tests.support.domain import ba, ticket
from tests.support.frames import make_frame, marked_events
from tests.support.tickets import CONTRACT, histories, latest, nows, plans

PAUSABLE = BASIC_PLAN.model_copy(update={"pausing_allowed": True})


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        (
            ["paused", "paused"],
            "is paused twice without a resume; add a Resumed event between the two pauses.",
        ),
        (
            ["resumed"],
            "resumes without being paused; remove the Resumed event or add the Paused event "
            "before it.",
        ),
        (
            ["paused", "resumed", "resumed"],
            "resumes without being paused; remove the Resumed event or add the Paused event "
            "before it.",
        ),
    ],
)
def test_pauses_out_of_order_are_refused_with_the_fix(kinds: list[str], message: str) -> None:
    """The whole message, not a fragment: it names the event to add or remove, and
    which of the two faults the row has (the first wrong event decides)."""
    out = marked_events(kinds, PAUSABLE)
    assert out["problem"][0] == f"events: the ticket {message}"
    assert out["problem"].isna()[1]


def paused(t: Ticket, *spans: tuple[tuple[int, int], tuple[int, int]]) -> Ticket:
    """`t` paused from each (hour, minute) to the next on Tuesday 24 November 2026."""
    for (h0, m0), (h1, m1) in spans:
        t = t.apply(Paused(at=ba(2026, 11, 24, h0, m0))).apply(
            Resumed(at=ba(2026, 11, 24, h1, m1))
        )
    return t


def test_rows_with_different_numbers_of_pauses_keep_their_own_deadlines() -> None:
    """The column rules walk the k-th pause of every row at once; a row with fewer pauses
    than another keeps its deadline and its state. Severity 1 received Tuesday 09:00 (two
    hours): paused 09:30-10:00 and 10:30-11:00 it is due 12:00; paused 09:15-09:45, 11:30;
    with no pause, 11:00; paused three times for 30, 10 and 10 minutes, 11:50. Paused
    09:30-10:00 and again from 12:00 on, it was due 11:30 and is paused at 13:00 (only the
    last pause of a row says whether it is paused now). Each row equals `evaluate`."""
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    tickets = [
        paused(t, ((9, 30), (10, 0)), ((10, 30), (11, 0))),
        paused(t, ((9, 15), (9, 45))),
        t,
        paused(t, ((9, 0), (9, 30)), ((9, 40), (9, 50)), ((10, 0), (10, 10))),
        paused(t, ((9, 30), (10, 0))).apply(Paused(at=ba(2026, 11, 24, 12))),
    ]
    now = ba(2026, 11, 24, 13)
    rows = evaluate_many(tickets, now, PAUSABLE)
    assert [r["deadline"] for r in rows] == [
        ba(2026, 11, 24, 12),
        ba(2026, 11, 24, 11, 30),
        ba(2026, 11, 24, 11),
        ba(2026, 11, 24, 11, 50),
        ba(2026, 11, 24, 11, 30),
    ]
    assert [r["elapsed"] for r in rows] == [
        timedelta(hours=3),
        timedelta(hours=3, minutes=30),
        timedelta(hours=4),
        timedelta(hours=3, minutes=10),
        timedelta(hours=2, minutes=30),
    ]
    assert [r["state"] for r in rows] == ["breached"] * 4 + ["paused"]
    assert rows == [evaluate(x, now, PAUSABLE).as_record() for x in tickets]
    # Alone, the last ticket has the most pauses: still its second (open) one decides.
    (alone,) = evaluate_many(tickets[4:], now, PAUSABLE)
    assert alone["state"] == "paused"


def test_a_table_without_event_columns_is_evaluated_from_receipt() -> None:
    """A table with only ids, receipts and severities (no events at all): every clock
    runs from receipt. Severity 1 and 2 received Tuesday 09:00 are due 11:00 and 15:00;
    at 12:00 the first is breached, the second running."""
    frame = make_frame(
        "pandas",
        {"id": ["A", "B"], "received": [ba(2026, 11, 24, 9)] * 2, "severity": [1, 2]},
    )
    out = evaluate_frame(frame, ba(2026, 11, 24, 12), BASIC_PLAN)
    assert list(out["state"]) == ["breached", "running"]
    assert [d.tz_convert("UTC") for d in out["deadline"]] == [
        ba(2026, 11, 24, 11),
        ba(2026, 11, 24, 15),
    ]
    assert list(out["elapsed"]) == [timedelta(hours=3)] * 2


# -- was tests/test_columns_properties.py ------------------------------------------------


def one_by_one(tickets: list[Ticket], now: datetime, plan: ServicePlan, **kw: object) -> object:
    try:
        return [evaluate(t, now, plan, **kw).as_record() for t in tickets]  # type: ignore[arg-type]
    except SlaclockError as exc:
        return (type(exc), str(exc))


def at_once(tickets: list[Ticket], now: datetime, plan: ServicePlan, **kw: object) -> object:
    try:
        return evaluate_many(tickets, now, plan, **kw)  # type: ignore[arg-type]
    except SlaclockError as exc:
        return (type(exc), str(exc))


@given(st.lists(histories(), min_size=1, max_size=6), plans(), st.data())
def test_rows_equal_single_evaluations(
    tickets: list[Ticket], plan: ServicePlan, data: st.DataObject
) -> None:
    now = data.draw(nows(latest(tickets)))
    assert at_once(tickets, now, plan) == one_by_one(tickets, now, plan)


@given(st.lists(histories(pauses=False), min_size=1, max_size=6), st.data())
def test_rows_with_contracts_equal_single_evaluations(
    tickets: list[Ticket], data: st.DataObject
) -> None:
    """Entitlement at receipt (maintenance of one title ends mid-2026)."""
    now = data.draw(nows(latest(tickets)))
    contracts = {"ACME SA": CONTRACT}
    rows = evaluate_many(tickets, now, contracts=contracts)
    assert rows == [evaluate(t, now, contract=CONTRACT).as_record() for t in tickets]


@given(histories(), plans(), st.integers(0, 60 * 24 * 60))
def test_rows_at_many_instants(ticket: Ticket, plan: ServicePlan, minutes: int) -> None:
    """The same ticket, evaluated at instants around each of its events."""
    instants = [ticket.received + timedelta(minutes=minutes)]
    for event in ticket.history:
        instants += [event.at - timedelta(microseconds=1), event.at]
    for now in instants:
        assert at_once([ticket], now, plan) == one_by_one([ticket], now, plan)


@given(st.lists(histories(), min_size=1, max_size=8), plans(), st.integers(1, 3), st.data())
def test_blocks_of_rows_change_nothing(
    tickets: list[Ticket], plan: ServicePlan, block: int, data: st.DataObject
) -> None:
    """Evaluated a block of 1-3 rows at a time (events sliced per block), every row is
    what it is when all rows are evaluated together."""
    now = data.draw(nows(latest(tickets)))
    whole = at_once(tickets, now, plan)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(columns, "BLOCK_ROWS", block)
        assert at_once(tickets, now, plan) == whole
