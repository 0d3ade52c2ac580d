"""The column rules equal the per-ticket rules: every row of `evaluate_many` (a thin
client of `sla.columns`) is `evaluate(...).as_record()`, histories included."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import SlaclockError, Ticket, evaluate, evaluate_many
from slaclock.sla import columns
from slaclock.sla.plan import ServicePlan
from tests.tickets import CONTRACT, histories, latest, nows, plans


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
