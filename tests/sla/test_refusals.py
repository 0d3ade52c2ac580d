"""A ticket received after `now` is refused (issue 14, item 2): one rule
(`sla.status.received_after_now`) for the single ticket, `evaluate_many`, the column
rules and tables, with the same reason; events after `now` are still not counted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    InvalidRowsError,
    ReceivedAfterNowError,
    Responded,
    SlaclockError,
    SlaState,
    Ticket,
    TicketEventError,
    evaluate,
    evaluate_frame,
    evaluate_many,
    what_if,
)
from slaclock._time import to_us
from slaclock.sla.columns import TicketColumns, evaluate_columns
from tests.support.domain import ba, ticket
from tests.support.frames import KINDS, make_frame, rows_of, wide
from tests.support.tickets import histories, plans

MINUTE = timedelta(minutes=1)


def test_evaluate_refuses_a_ticket_received_after_now() -> None:
    t = ticket(ba(2026, 11, 26, 10), id="T-late")
    now = ba(2026, 11, 25, 12)
    with pytest.raises(ReceivedAfterNowError) as caught:
        evaluate(t, now)
    message = str(caught.value)
    assert isinstance(caught.value, SlaclockError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, TicketEventError)
    assert "T-late" in message
    assert "2026-11-26T10:00:00-03:00" in message  # received
    assert "2026-11-25T12:00:00-03:00" in message  # now
    with pytest.raises(ReceivedAfterNowError, match="T-late"):
        evaluate_many([ticket(ba(2026, 11, 20, 10), id="T-ok"), t], now)


def test_received_at_now_is_evaluated() -> None:
    t = ticket(ba(2026, 11, 25, 12))
    assert evaluate(t, ba(2026, 11, 25, 12)).state is SlaState.RUNNING
    assert evaluate(t, ba(2026, 11, 25, 12) - timedelta(microseconds=-1)).elapsed >= timedelta(0)
    with pytest.raises(ReceivedAfterNowError):
        evaluate(t, ba(2026, 11, 25, 12) - timedelta(microseconds=1))


def test_events_after_now_are_not_counted() -> None:
    t = ticket(ba(2026, 11, 24, 10)).apply(Responded(at=ba(2026, 11, 24, 11)))
    status = evaluate(t, ba(2026, 11, 24, 10, 30))
    assert status.state is SlaState.RUNNING
    assert status.stopped_at is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_table_marks_or_refuses_the_row(kind: str) -> None:
    now = ba(2026, 11, 25, 12)
    tickets = [ticket(ba(2026, 11, 24, 10), id="A"), ticket(ba(2026, 11, 26, 10), id="B")]
    frame = make_frame(kind, wide(tickets))
    with pytest.raises(InvalidRowsError, match="received: 1 row is after now") as caught:
        evaluate_frame(frame, now)
    assert caught.value.problems[0]["column"] == "received"
    rows = rows_of(evaluate_frame(frame, now, errors="mark"))
    assert rows[0]["problem"] is None and rows[0]["state"] == "breached"
    assert rows[1]["state"] is None and rows[1]["deadline"] is None
    assert rows[1]["problem"].startswith("received: is after now (2026-11-25T12:00:00-03:00)")
    with pytest.raises(InvalidRowsError, match="after now"):
        what_if(frame, now, {"Basic": BASIC_PLAN})


@given(st.lists(histories(), min_size=1, max_size=5), plans(), st.integers(-3000, 3000))
def test_every_path_refuses_the_same_tickets_for_the_same_reason(
    tickets: list[Ticket], plan: object, minutes: int
) -> None:
    """Around the receipt of the first ticket: the single ticket, the columns and the table
    refuse exactly the tickets received after `now`, and give the same reason."""
    now = tickets[0].received + minutes * MINUTE
    later = [t.received > now for t in tickets]
    single = []  # type: ignore[var-annotated]
    for t in tickets:
        try:
            evaluate(t, now, plan)  # type: ignore[arg-type]
            single.append(None)  # type: ignore[arg-type]
        except ReceivedAfterNowError as exc:
            single.append(str(exc))
        except SlaclockError:
            single.append(None)  # type: ignore[arg-type]  # refused for another reason (pauses)
    assert [s is not None for s in single] == later
    columns = evaluate_columns(
        TicketColumns.from_tickets(tickets),
        to_us(now),
        plan,  # type: ignore[arg-type]
    )
    rows = rows_of(
        evaluate_frame(
            make_frame("polars", wide([t.model_copy(update={"history": ()}) for t in tickets])),
            now,
            plan,  # type: ignore[arg-type]
            errors="mark",
        )
    )
    for k, message in enumerate(single):
        if message is None:
            assert rows[k]["problem"] is None
            continue
        assert columns.refused[k]
        reason = message.split(" received ", 1)[1].split(" ", 1)[1].rstrip(".")
        assert columns.problem[k] == f"received {reason}."
        assert rows[k]["problem"] == f"received: {reason}"
    if columns.refused.any():  # the first refused ticket gives evaluate_many's error
        first = int(columns.refused.argmax())
        expected = ReceivedAfterNowError if later[first] else TicketEventError
        with pytest.raises(expected):
            evaluate_many(tickets, now, plan)  # type: ignore[arg-type]
